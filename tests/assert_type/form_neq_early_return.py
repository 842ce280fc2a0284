"""Form: `if mot.raw.provider != "<literal>": return` narrows what follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse


def ollama_only(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider != "ollama":
        return
    assert_type(mot.raw.response, OllamaChatResponse)
