"""Form: `if mot.raw.provider != "<literal>": return` narrows what follows."""

from __future__ import annotations

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk


def ollama_only(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider != "ollama":
        return
    assert_type(mot.raw.response, ollama.ChatResponse)
