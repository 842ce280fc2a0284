"""Form: `assert mot.raw.provider == "<literal>"`."""

from __future__ import annotations

from typing import Any, TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import (
        WatsonxChatDict,
        WatsonxChunkChoiceDict,
        OpenAIStreamedChatDict,
    )


def watsonx_only(mot: ModelOutputThunk[str]) -> None:
    assert mot.raw.provider == "watsonx"
    assert_type(mot.raw.response, WatsonxChatDict | OpenAIStreamedChatDict)
    assert_type(mot.raw.streamed_chunks, list[WatsonxChunkChoiceDict | Any] | None)
