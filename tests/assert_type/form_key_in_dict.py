"""Form: `"id" in response` in a provider branch (full chat dump vs streamed envelope).

The response TypedDicts are @final so that `in` may narrow them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import (
        LiteLLMStreamedChatDict,
        LiteLLMUsageDict,
        OpenAIChatCompletionDict,
        OpenAIStreamedChatDict,
        OpenAIUsageDict,
    )


def dump_or_stream(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        response = mot.raw.response
        if "id" in response:
            assert_type(response, OpenAIChatCompletionDict)  # pyrefly: ignore[assert-type]  # ty: ignore[type-assertion-failure]  # why: pyrefly and ty do not treat a @final TypedDict as closed for `in`
        else:
            assert_type(response, OpenAIStreamedChatDict)
            assert_type(response["usage"], OpenAIUsageDict | None)


def litellm_stream(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "litellm":
        response = mot.raw.response
        if "id" not in response:
            assert_type(response, LiteLLMStreamedChatDict)
            assert_type(response["usage"], LiteLLMUsageDict | None)
