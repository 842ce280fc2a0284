"""Payload shapes: the stub's TypedDicts, the keys the SDK models dump, and the dicts mellea's
own stream merge builds; shared by tests/stubs/test_typeddict_keys.py and ``tools.drift``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tools.stub_typeddicts import typeddicts

STUB = Path(__file__).resolve().parents[1] / "stubs" / "mellea-stubs" / "core" / "base.pyi"

KeySets = tuple[set[str], set[str]]
"""(required keys, NotRequired keys) of a TypedDict."""


def stub_typeddicts(stub: Path = STUB) -> dict[str, KeySets]:
    """TypedDict name -> (required keys, NotRequired keys), as ``tools.stub_typeddicts`` reads them."""
    return {name: (set(d.required), set(d.keys) - d.required) for name, d in typeddicts(stub).items()}


def fits(keys: set[str], shape: KeySets) -> bool:
    """A dict with ``keys`` satisfies a TypedDict of ``shape``."""
    required, optional = shape
    return required <= keys <= required | optional


def sdk_dump_keys() -> dict[str, set[str]]:
    """TypedDict -> the keys a ``model_dump()`` of its SDK model has (the installed SDKs)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network fetch on import
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

    return {
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


def sdk_mismatches(typeddicts: Mapping[str, KeySets], dumped: Mapping[str, set[str]]) -> list[str]:
    """One line per TypedDict that lacks a dumped key or requires a key the SDK does not dump."""
    lines = []
    for name, keys in sorted(dumped.items()):
        required, optional = typeddicts[name]
        if keys - required - optional:
            lines.append(f"{name} lacks {sorted(keys - required - optional)} (SDK dump)")
        if required - keys:
            lines.append(f"{name} requires {sorted(required - keys)}, which the SDK does not dump")
    return lines


STREAM_CHUNKS: list[dict[str, Any]] = [
    {"delta": {"role": "assistant", "content": "It", "tool_calls": [
        {"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": None}}]},
     "finish_reason": None, "index": 0},
    {"delta": {"content": " is", "tool_calls": [{"index": 0, "function": {"name": None, "arguments": "{}"}}]},
     "finish_reason": "tool_calls", "index": 0},
]
"""Two streamed chunk choices (text and a tool call split across them), as the SDKs dump them."""

MERGE_FUNCTION = ("mellea.helpers.openai_compatible_helpers", "chat_completion_delta_merge")
"""mellea's merge of streamed chunk choices: the source of every streamed ``raw.response``."""


def merged_shapes(merge: Callable[[list[dict[str, Any]]], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """TypedDict name -> the dict of that name that ``merge`` builds from ``STREAM_CHUNKS``."""
    merged = merge(STREAM_CHUNKS)
    return {"StreamedChoiceDict": merged, "StreamedMessageDict": merged["message"]}


def merge_mismatches(typeddicts: Mapping[str, KeySets], merged: Mapping[str, Iterable[str]]) -> list[str]:
    """One line per streamed TypedDict that the merged dicts' keys (``merged_shapes``) miss."""
    lines = []
    for name, value in merged.items():
        keys = set(value)
        if not fits(keys, typeddicts[name]):
            required, optional = typeddicts[name]
            lines.append(
                f"{name} requires {sorted(required)}, allows {sorted(optional)}; "
                f"the stream merge builds {sorted(keys)}"
            )
    return lines
