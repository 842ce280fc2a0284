"""The stub's TypedDicts have the keys the SDK models dump, so an SDK release that drifts
fails here. What mellea's backends store (including the streamed envelope its merge builds)
is checked on captured values in ``tests/backends/``. (watsonx.ai has no schema in its SDK.)"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tools.stub_typeddicts import typeddicts

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network fetch on import


def _sdk_models() -> dict[str, Any]:
    from litellm.types.utils import (
        Choices,
        Delta,
        Message,
        ModelResponse,
        StreamingChoices,
        TextChoices,
        Usage,
    )
    from ollama import GenerateResponse
    from openai.types.chat import ChatCompletion, ChatCompletionMessage
    from openai.types.chat.chat_completion import Choice
    from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
    from openai.types.chat.chat_completion_chunk import ChoiceDelta
    from openai.types.completion_choice import CompletionChoice
    from openai.types.completion_usage import CompletionUsage

    return {  # TypedDict -> the keys a model_dump() of its SDK model has
        "OpenAIChatCompletionDict": set(ChatCompletion.model_fields),
        "OpenAIChoiceDict": set(Choice.model_fields),
        "OpenAIMessageDict": set(ChatCompletionMessage.model_fields),
        "OpenAIUsageDict": set(CompletionUsage.model_fields),
        "OpenAICompletionChoiceDict": set(CompletionChoice.model_fields),
        "OpenAIChunkChoiceDict": set(ChunkChoice.model_fields),
        "OpenAIChunkDeltaDict": set(ChoiceDelta.model_fields),
        "OllamaGenerateDict": set(GenerateResponse.model_fields),
        "LiteLLMModelResponseDict": set(ModelResponse(usage=Usage()).model_dump()),
        "LiteLLMChoiceDict": set(Choices().model_dump()),
        "LiteLLMMessageDict": set(Message().model_dump()),
        "LiteLLMTextChoiceDict": set(TextChoices().model_dump()),
        "LiteLLMChunkChoiceDict": set(StreamingChoices().model_dump()),
        "LiteLLMDeltaDict": set(Delta().model_dump()),
    }


SDK_KEYS = _sdk_models()


@pytest.mark.parametrize("name", sorted(SDK_KEYS))
def test_typeddict_keys_match_the_sdk_dump(name: str) -> None:
    declared = typeddicts()[name]
    dumped = SDK_KEYS[name]
    assert dumped - set(declared.keys) == set(), f"{name} lacks {dumped - set(declared.keys)}"
    assert declared.required <= dumped, f"{name} requires keys the SDK does not dump: {declared.required - dumped}"
