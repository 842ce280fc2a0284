"""Form: `case RawProviderResponse(provider="openai", response=resp):` binds `resp`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk, RawProviderResponse

if TYPE_CHECKING:
    from mellea.core.base import (
        OpenAIChatCompletionDict,
        OpenAIStreamedChatDict,
    )


def by_binding(mot: ModelOutputThunk[str]) -> None:
    match mot.raw:
        case RawProviderResponse(provider="openai", response=resp):
            assert_type(resp, OpenAIChatCompletionDict | OpenAIStreamedChatDict)  # type: ignore[assert-type]  # pyrefly: ignore[assert-type]  # why: mypy and pyrefly do not narrow a sub-pattern binding by a sibling keyword literal
        case _:
            pass
