"""Form: `if (raw := mot.raw).provider == "<literal>":`."""

from __future__ import annotations

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk


def by_walrus(mot: ModelOutputThunk[str]) -> None:
    if (raw := mot.raw).provider == "ollama":
        assert_type(raw.response, ollama.ChatResponse)  # pyrefly: ignore[assert-type]  # why: pyrefly does not narrow the walrus target through an attribute comparison
