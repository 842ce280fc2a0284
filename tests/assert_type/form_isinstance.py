"""Form: `isinstance(mot.raw.response, ollama.ChatResponse)` without comparing the provider."""

from __future__ import annotations

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk


def on_any_response(mot: ModelOutputThunk[str]) -> None:
    response = mot.raw.response
    if isinstance(response, ollama.ChatResponse):
        assert_type(response, ollama.ChatResponse)
        assert_type(response.message.content, str | None)
