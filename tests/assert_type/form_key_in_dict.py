"""Form: `"choices" in response` inside a provider branch tells the chat dicts from the
`generate_from_raw` completion dict (the response TypedDicts are @final for this)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import (
        OpenAIChatCompletionDict,
        OpenAICompletionChoiceDict,
        OpenAIStreamedChatDict,
    )


def chat_or_completion(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        response = mot.raw.response
        if "choices" in response:
            assert_type(response, OpenAIChatCompletionDict | OpenAIStreamedChatDict)
        else:
            assert_type(response, OpenAICompletionChoiceDict)
