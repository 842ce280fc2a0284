"""Form: `isinstance(mot.raw.response, ollama.ChatResponse)` without comparing the provider."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse


def on_any_response(mot: ModelOutputThunk[str]) -> None:
    response = mot.raw.response
    if isinstance(response, ollama.ChatResponse):
        assert_type(response, OllamaChatResponse)
        assert_type(response.message.content, str | None)
