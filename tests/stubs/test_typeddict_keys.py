"""The stub's TypedDicts have the keys the SDK models dump and mellea's stream merge builds,
so an SDK or mellea release that drifts fails here. (watsonx.ai has no schema in its SDK:
its TypedDicts are NotRequired apart from the keys mellea reads.)"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network fetch on import

STUB = Path(__file__).resolve().parents[2] / "stubs" / "mellea-stubs" / "core" / "base.pyi"


def _typeddicts() -> dict[str, tuple[set[str], set[str]]]:
    """TypedDict (or keyed dict subclass) name -> (required keys, NotRequired keys)."""
    out = {}
    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "TypedDict" for b in node.bases):
            total = not any(k.arg == "total" and ast.unparse(k.value) == "False" for k in node.keywords)
            req, opt = set(), set()
            for s in node.body:
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name):
                    optional = ast.unparse(s.annotation).startswith("NotRequired[") or not total
                    (opt if optional else req).add(s.target.id)
            out[node.name] = (req, opt)
        elif isinstance(node, ast.ClassDef) and any(
            isinstance(f, ast.FunctionDef) and f.name == "__getitem__" for f in node.body
        ):
            # A class whose `__getitem__` overloads name its keys (OpenAIUsageDict, OllamaChatResponse).
            keys = {
                elt.value
                for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__getitem__"
                for lit in ast.walk(f.args.args[1].annotation) if isinstance(lit, ast.Subscript)  # type: ignore[arg-type]
                for elt in (lit.slice.elts if isinstance(lit.slice, ast.Tuple) else [lit.slice])
                if isinstance(elt, ast.Constant)
            }
            out[node.name] = (keys, set())
    return out


TYPEDDICTS = _typeddicts()


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
    from ollama import ChatResponse, GenerateResponse
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
        "OllamaChatResponse": set(ChatResponse.model_fields),
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
    required, optional = TYPEDDICTS[name]
    dumped = SDK_KEYS[name]
    assert dumped - required - optional == set(), f"{name} lacks {dumped - required - optional}"
    assert required <= dumped, f"{name} requires keys the SDK does not dump: {required - dumped}"


def test_merged_stream_dict_matches_mellea_merge() -> None:
    from mellea.helpers.openai_compatible_helpers import chat_completion_delta_merge

    chunks = [
        {"delta": {"role": "assistant", "content": "It", "tool_calls": [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": None}}]},
         "finish_reason": None, "index": 0},
        {"delta": {"content": " is", "tool_calls": [{"index": 0, "function": {"name": None, "arguments": "{}"}}]},
         "finish_reason": "tool_calls", "index": 0},
    ]
    merged = chat_completion_delta_merge(chunks)
    streamed = {"choices": [merged], "usage": None}  # what openai/litellm/watsonx store
    for name, value in [
        ("OpenAIStreamedChatDict", streamed),
        ("StreamedChoiceDict", merged),
        ("StreamedMessageDict", merged["message"]),
    ]:
        required, optional = TYPEDDICTS[name]
        assert required <= set(value) <= required | optional, (name, set(value))
