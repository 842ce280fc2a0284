"""Form: `if mot.raw.provider == "<literal>":` / `elif` / `else` on the thunk's attribute chain."""

from __future__ import annotations

from typing import Any, TYPE_CHECKING

from typing_extensions import assert_type
from transformers.generation.utils import GenerateDecoderOnlyOutput

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import (
        LiteLLMChunkChoiceDict,
        LiteLLMModelResponseDict,
        LiteLLMStreamedChatDict,
        OllamaChatResponse,
        OpenAIChatCompletionDict,
        OpenAIChunkChoiceDict,
        OpenAIStreamedChatDict,
        WatsonxChatDict,
        WatsonxChunkChoiceDict,
    )


def branches(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        assert_type(
            mot.raw.response,
            OpenAIChatCompletionDict | OpenAIStreamedChatDict,
        )
        assert_type(mot.raw.streamed_chunks, list[OpenAIChunkChoiceDict | Any] | None)
    elif mot.raw.provider == "ollama":
        assert_type(mot.raw.response, OllamaChatResponse)
        assert_type(mot.raw.streamed_chunks, list[Any] | None)
    elif mot.raw.provider == "litellm":
        assert_type(
            mot.raw.response,
            LiteLLMModelResponseDict | LiteLLMStreamedChatDict,
        )
        assert_type(mot.raw.streamed_chunks, list[LiteLLMChunkChoiceDict | Any] | None)
    elif mot.raw.provider == "watsonx":
        assert_type(
            mot.raw.response,
            WatsonxChatDict | OpenAIStreamedChatDict,
        )
        assert_type(mot.raw.streamed_chunks, list[WatsonxChunkChoiceDict | Any] | None)
    elif mot.raw.provider == "huggingface":
        assert_type(mot.raw.response, GenerateDecoderOnlyOutput | None)
    else:
        assert_type(mot.raw.provider, None)
        assert_type(mot.raw.response, None)
