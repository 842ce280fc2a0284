"""Form: `raw = mot.raw` first, then `match raw.provider:` (and `==` on the local)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import (
        OllamaChatResponse,
        OpenAIChatCompletionDict,
        OpenAIStreamedChatDict,
    )


def by_local(mot: ModelOutputThunk[str]) -> None:
    raw = mot.raw
    match raw.provider:
        case "ollama":
            assert_type(raw.response, OllamaChatResponse)
        case "openai":
            assert_type(
                raw.response,
                OpenAIChatCompletionDict | OpenAIStreamedChatDict,
            )
        case _:
            pass
    if raw.provider == "ollama":
        assert_type(raw.response, OllamaChatResponse)
