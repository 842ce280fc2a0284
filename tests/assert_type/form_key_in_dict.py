"""Form: `"choices" in response` in the openai branch (chat dict vs raw-completion dict).

The response TypedDicts are @final so that `in` may narrow them."""

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
            assert_type(response, OpenAIChatCompletionDict | OpenAIStreamedChatDict)  # pyrefly: ignore[assert-type]  # ty: ignore[type-assertion-failure]  # why: pyrefly and ty do not treat a @final TypedDict as closed for `in`
        else:
            assert_type(response, OpenAICompletionChoiceDict)
