"""watsonx.ai: text/chat, text/chat_stream and text/generation replies shaped as the
watsonx.ai REST API documents them. ``ModelInference`` returns them as plain dicts (its
SDK has no response models), so the fake returns the JSON itself.

Variants: tool calls, ``reasoning_content``, ``system.warnings``, the usage-only final
stream chunk (empty ``choices``), and generation results with and without token details.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import pytest
from ibm_watsonx_ai import APIClient
from ibm_watsonx_ai.foundation_models import ModelInference
from recording import Recording, Script

PROVIDER = "watsonx"
MODEL = "ibm/granite-3-8b-instruct"
_HEAD = {"id": "chatcmpl-5d0c8c4e3a2bd0f4a3a6c9d6e3f8a1b2", "model_id": MODEL, "model": MODEL,
         "created": 1728806667, "model_version": "1.1.0", "created_at": "2024-10-13T08:04:27.576Z"}
_USAGE = {"completion_tokens": 47, "prompt_tokens": 57, "total_tokens": 104}


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {**_HEAD, "choices": [{"index": 0, "finish_reason": finish, "delta": delta}]}


CHAT = {
    "text": {**_HEAD, "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": "Hello! How can I help?"}}],
             "usage": _USAGE},
    "tool call + system warning": {
        **_HEAD, "usage": _USAGE,
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "tool_calls": [{
                "id": "chatcmpl-tool-af37032523934f019aa7258469580a7a", "type": "function",
                "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'}}]}}],
        "system": {"warnings": [{"message": "This model is a Non-IBM Product governed by a third-party license.",
                                 "id": "disclaimer_warning"}]},
    },
    "reasoning": {**_HEAD, "usage": _USAGE, "choices": [{"index": 0, "finish_reason": "length", "message": {
        "role": "assistant", "content": "42", "reasoning_content": "The user asks..."}}]},
}

STREAMS = {
    "text + usage-only final chunk": [
        _chunk({"role": "assistant", "content": ""}),
        _chunk({"content": "Hello"}),
        _chunk({"content": " there"}, "stop"),
        {**_HEAD, "choices": [], "usage": _USAGE},
    ],
    "reasoning + tool call": [
        _chunk({"role": "assistant", "reasoning_content": "Weather lookup."}),
        # One delta per tool call: mellea 0.8.0's merge reads "name" from every tool-call
        # delta, and a JSON continuation delta without it raises KeyError there.
        _chunk({"tool_calls": [{"index": 0, "id": "chatcmpl-tool-af37", "type": "function",
                                "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'}}]}),
        _chunk({}, "tool_calls"),
    ],
}


def _generation(result: dict[str, Any]) -> dict[str, Any]:
    return {"model_id": MODEL, "model_version": "1.1.0", "created_at": "2024-10-13T08:04:27.576Z",
            "results": [result]}


GENERATIONS = {
    "two prompts, token details on one": [
        _generation({"generated_text": " Paris.", "generated_token_count": 3, "input_token_count": 9,
                     "stop_reason": "eos_token", "seed": 7}),
        _generation({"generated_text": " Paris", "generated_token_count": 1, "input_token_count": 9,
                     "stop_reason": "max_tokens", "seed": 7,
                     "generated_tokens": [{"text": "\u2581Paris", "logprob": -0.05, "rank": 1}],
                     "input_tokens": [{"text": "The"}]}),
    ],
}

RECORDINGS = [
    *(Recording(PROVIDER, "chat", label, reply) for label, reply in CHAT.items()),
    *(Recording(PROVIDER, "stream", label, reply) for label, reply in STREAMS.items()),
    *(Recording(PROVIDER, "raw", label, reply, prompts=len(reply)) for label, reply in GENERATIONS.items()),
]


def install(mp: pytest.MonkeyPatch, script: Script) -> None:
    """Serve ``script.reply`` from ``ModelInference``; its constructor and ``APIClient``'s
    (which authenticate against IAM) do nothing."""

    async def achat(self: object, **request: Any) -> dict[str, Any]:
        script.requests.append(request)
        return copy.deepcopy(script.reply)

    async def achat_stream(self: object, **request: Any) -> AsyncIterator[dict[str, Any]]:
        script.requests.append(request)
        return _aiter(copy.deepcopy(script.reply))

    def generate(self: object, **request: Any) -> list[dict[str, Any]]:
        script.requests.append(request)
        return copy.deepcopy(script.reply)

    mp.setattr(APIClient, "__init__", lambda self, *a, **k: None)
    mp.setattr(ModelInference, "__init__", lambda self, *a, **k: None)
    mp.setattr(ModelInference, "achat", achat)
    mp.setattr(ModelInference, "achat_stream", achat_stream)
    mp.setattr(ModelInference, "generate", generate)


def backend_class() -> type:
    from mellea.backends.watsonx import WatsonxAIBackend

    return WatsonxAIBackend


def backend() -> Any:
    return backend_class()(model_id=MODEL, base_url="https://us-south.ml.cloud.ibm.com",
                            api_key="offline", project_id="00000000-0000-0000-0000-000000000000")


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item
