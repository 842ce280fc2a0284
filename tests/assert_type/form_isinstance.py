"""Form: `isinstance(mot.raw.response, ollama.ChatResponse)`, alone and in the ollama branch."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaGenerateDict


def on_any_response(mot: ModelOutputThunk[str]) -> None:
    response = mot.raw.response
    if isinstance(response, ollama.ChatResponse):
        assert_type(response, ollama.ChatResponse)


def inside_ollama_branch(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "ollama":
        response = mot.raw.response
        if isinstance(response, ollama.ChatResponse):
            assert_type(response.message.content, str | None)
        else:
            assert_type(response, OllamaGenerateDict)
