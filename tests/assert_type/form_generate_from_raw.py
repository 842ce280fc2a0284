"""Form: `if r.raw.provider == "<literal>":` on a thunk from `backend.generate_from_raw` gives the completion shapes."""

from __future__ import annotations

from typing import Any, TYPE_CHECKING

from mellea.core import Backend, CBlock, ModelOutputThunk
from mellea.stdlib.context import SimpleContext
from transformers.generation.utils import GenerateDecoderOnlyOutput
from typing_extensions import assert_type

if TYPE_CHECKING:
    from mellea.core.base import (
        LiteLLMTextChoiceDict,
        OllamaGenerateDict,
        OpenAICompletionChoiceDict,
        WatsonxGenerationResultDict,
    )


async def branches(backend: Backend) -> None:
    for r in await backend.generate_from_raw([CBlock("2+2=")], SimpleContext()):
        if r.raw.provider == "openai":
            assert_type(r.raw.response, OpenAICompletionChoiceDict)
        elif r.raw.provider == "ollama":
            assert_type(r.raw.response, OllamaGenerateDict)
        elif r.raw.provider == "litellm":
            assert_type(r.raw.response, LiteLLMTextChoiceDict)
        elif r.raw.provider == "watsonx":
            assert_type(r.raw.response, WatsonxGenerationResultDict)
        elif r.raw.provider == "huggingface":
            assert_type(r.raw.response, GenerateDecoderOnlyOutput | None)
        else:
            assert_type(r.raw.response, None)
        assert_type(r.raw.streamed_chunks, list[Any] | None)


def a_thunk_annotation_accepts_it(r: ModelOutputThunk[str]) -> ModelOutputThunk:
    return r
