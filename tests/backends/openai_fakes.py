"""openai: chat-completions and completions replies as the API documents them (wire JSON),
turned into the SDK objects ``AsyncOpenAI`` returns, behind a fake of its ``create`` methods.

Variants cover the optional and nullable keys mellea meets: tool calls, logprobs, a
vLLM-style server (``reasoning_content``/``reasoning`` extras, ``stop_reason``, null
``service_tier``/``system_fingerprint``), and the usage-only final chunk of a stream
requested with ``stream_options={"include_usage": True}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from openai.resources.chat.completions import AsyncCompletions as AsyncChatCompletions
from openai.resources.completions import AsyncCompletions
from openai.types import Completion
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from recording import Recording, Script

PROVIDER = "openai"
MODEL = "gpt-4o-2024-08-06"
_USAGE = {
    "prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
    "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
    "completion_tokens_details": {
        "reasoning_tokens": 0, "audio_tokens": 0,
        "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0,
    },
}
_VLLM_USAGE = {"prompt_tokens": 24, "completion_tokens": 31, "total_tokens": 55,
               "completion_tokens_details": None, "prompt_tokens_details": None}
_WEATHER_CALL = {"id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "type": "function",
                 "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'}}


def _chat(choice: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
        "model": MODEL, "choices": [choice], "usage": _USAGE, "service_tier": "default",
        "system_fingerprint": "fp_fc9f1d7035", **top,
    }


def _chunk(choices: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    return {"id": "chatcmpl-123", "object": "chat.completion.chunk", "created": 1694268190, "model": MODEL,
            "system_fingerprint": "fp_44709d6fcb", "service_tier": "default", "choices": choices, **top}


def _delta(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish, **extra}


CHAT = {
    "text": _chat({"index": 0, "message": {"role": "assistant", "content": "Hello! How can I help?",
                                           "refusal": None, "annotations": []},
                   "logprobs": None, "finish_reason": "stop"}),
    "tool call + logprobs": _chat({
        "index": 0, "finish_reason": "tool_calls",
        "message": {"role": "assistant", "content": None, "refusal": None, "annotations": [],
                    "tool_calls": [_WEATHER_CALL]},
        "logprobs": {"content": [{"token": "Hi", "logprob": -0.0009, "bytes": [72, 105], "top_logprobs": []}],
                     "refusal": None},
    }),
    "vllm reasoning": _chat(
        {"index": 0, "finish_reason": "length", "stop_reason": None, "token_ids": None, "logprobs": None,
         "message": {"role": "assistant", "content": "42", "refusal": None, "annotations": None,
                     "audio": None, "function_call": None, "tool_calls": [],
                     "reasoning_content": "The user asks...", "reasoning": "The user asks..."}},
        id="chatcmpl-9f1c", model="ibm-granite/granite-3.3-8b-instruct", service_tier=None,
        system_fingerprint=None, usage=_VLLM_USAGE, prompt_logprobs=None, prompt_token_ids=None,
        kv_transfer_params=None,
    ),
}

STREAMS = {
    "text + usage-only final chunk": [
        _chunk([_delta({"role": "assistant", "content": "", "refusal": None})]),
        _chunk([_delta({"content": "Hello"})]),
        _chunk([_delta({"content": " there"})]),
        _chunk([_delta({}, "stop")]),
        _chunk([], usage=_USAGE),
    ],
    "tool call": [
        _chunk([_delta({"role": "assistant", "content": None, "tool_calls": [
            {"index": 0, "id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "type": "function",
             "function": {"name": "get_weather", "arguments": ""}}]})]),
        _chunk([_delta({"tool_calls": [{"index": 0, "function": {"arguments": '{"location": '}}]})]),
        _chunk([_delta({"tool_calls": [{"index": 0, "function": {"arguments": '"Paris"}'}}]})]),
        _chunk([_delta({}, "tool_calls")]),
        _chunk([], usage=_USAGE),
    ],
    "vllm reasoning, no usage": [
        _chunk([_delta({"role": "assistant", "content": ""}, stop_reason=None, token_ids=None)],
               system_fingerprint=None, service_tier=None),
        _chunk([_delta({"reasoning_content": "Think", "reasoning": "Think"}, stop_reason=None, token_ids=None)],
               system_fingerprint=None, service_tier=None),
        _chunk([_delta({"content": "42"}, "stop", stop_reason=None, token_ids=None)],
               system_fingerprint=None, service_tier=None),
    ],
}

COMPLETIONS = {
    "two prompts": {
        "id": "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7", "object": "text_completion", "created": 1589478378,
        "model": "gpt-3.5-turbo-instruct", "system_fingerprint": "fp_44709d6fcb",
        "choices": [
            {"text": "\n\nThis is indeed a test", "index": 0, "logprobs": None, "finish_reason": "length"},
            {"text": " Paris.", "index": 1, "finish_reason": "stop", "logprobs": {
                "tokens": [" Paris", "."], "token_logprobs": [-0.01, -0.2],
                "top_logprobs": [{" Paris": -0.01}, {".": -0.2}], "text_offset": [12, 18]}},
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
    },
}

INTRINSICS = {
    "answerability (granite switch on vLLM)": _chat(
        {"index": 0, "finish_reason": "stop", "stop_reason": None, "logprobs": None,
         "message": {"role": "assistant", "content": '"answerable"', "refusal": None, "annotations": None,
                     "audio": None, "function_call": None, "tool_calls": [], "reasoning_content": None}},
        model="ibm-granite/granite-switch-micro", service_tier=None, system_fingerprint=None, usage=_VLLM_USAGE,
    ),
}

RECORDINGS = [
    *(Recording("openai", "chat", label, reply) for label, reply in CHAT.items()),
    *(Recording("openai", "stream", label, reply) for label, reply in STREAMS.items()),
    *(Recording("openai", "raw", label, reply, prompts=len(reply["choices"])) for label, reply in COMPLETIONS.items()),
    *(Recording("openai", "intrinsic", label, reply) for label, reply in INTRINSICS.items()),
]


def install(mp: pytest.MonkeyPatch, script: Script) -> None:
    """Serve ``script.reply`` from ``AsyncOpenAI``'s chat and completions ``create``."""

    async def chat_create(self: object, **request: Any) -> ChatCompletion | AsyncIterator[ChatCompletionChunk]:
        script.requests.append(request)
        if request.get("stream"):
            return _aiter([ChatCompletionChunk.model_validate(c) for c in script.reply])
        return ChatCompletion.model_validate(script.reply)

    async def completions_create(self: object, **request: Any) -> Completion:
        script.requests.append(request)
        return Completion.model_validate(script.reply)

    mp.setattr(AsyncChatCompletions, "create", chat_create)
    mp.setattr(AsyncCompletions, "create", completions_create)
    mp.setenv("OPENAI_API_KEY", "sk-offline")


def backend_class() -> type:
    from mellea.backends.openai import OpenAIBackend

    return OpenAIBackend


def backend() -> Any:
    return backend_class()(model_id=MODEL, base_url="http://127.0.0.1:8000/v1")


def intrinsic_backend(adapter_source: Path) -> Any:
    """A backend serving a Granite Switch model whose embedded adapters come from ``adapter_source``."""
    from mellea.backends.openai import OpenAIBackend

    return OpenAIBackend(model_id="ibm-granite/granite-switch-micro", base_url="http://127.0.0.1:8000/v1",
                         load_embedded_adapters=True, adapter_source=str(adapter_source))


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item
