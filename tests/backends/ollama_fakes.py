"""ollama: /api/chat and /api/generate replies as the API documents them (wire JSON), turned
into the ``ChatResponse`` / ``GenerateResponse`` objects ``ollama.AsyncClient`` returns.

Variants: tool calls, thinking, logprobs, a stream whose timing fields arrive only on the
final ``done`` chunk, and raw generations with and without ``context``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import ollama
import pytest

from recording import Recording, Script

PROVIDER = "ollama"
MODEL = "granite4:micro"
_STAMP = "2025-10-17T14:13:43.416799Z"
_TIMINGS = {"total_duration": 5191566416, "load_duration": 2154458, "prompt_eval_count": 26,
            "prompt_eval_duration": 383809000, "eval_count": 12, "eval_duration": 4799921000}


def _chat(message: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"model": MODEL, "created_at": _STAMP, "message": message, "done": True, "done_reason": "stop",
            **_TIMINGS, **top}


def _part(message: dict[str, Any]) -> dict[str, Any]:
    return {"model": MODEL, "created_at": _STAMP, "message": {"role": "assistant", **message}, "done": False}


CHAT = {
    "text": _chat({"role": "assistant", "content": "Hello! How are you today?"}),
    "tool call + thinking": _chat({
        "role": "assistant", "content": "", "thinking": "The user wants the weather.",
        "tool_calls": [{"function": {"name": "get_weather", "arguments": {"location": "Paris"}}}],
    }),
    "logprobs": _chat({"role": "assistant", "content": "Hi"}, logprobs=[
        {"token": "Hi", "logprob": -0.02, "top_logprobs": [{"token": "Hi", "logprob": -0.02},
                                                            {"token": "Hello", "logprob": -4.1}]}]),
}

STREAMS = {
    "text, timings on the done chunk": [
        _part({"content": "The"}),
        _part({"content": " sky is blue."}),
        _chat({"role": "assistant", "content": ""}),
    ],
    "thinking + tool call": [
        _part({"content": "", "thinking": "Weather"}),
        _part({"content": "", "thinking": " lookup."}),
        _part({"content": "", "tool_calls": [{"function": {"name": "get_weather",
                                                           "arguments": {"location": "Paris"}}}]}),
        _chat({"role": "assistant", "content": ""}, done_reason="stop"),
    ],
}

GENERATIONS = {
    "raw mode": {"model": MODEL, "created_at": _STAMP, "response": " Paris.", "done": True,
                 "done_reason": "stop", **_TIMINGS},
    "with context + thinking": {"model": MODEL, "created_at": _STAMP, "response": " Paris.",
                                "thinking": "Capital of France.", "done": True, "done_reason": "length",
                                "context": [1, 2, 3], **_TIMINGS},
}

RECORDINGS = [
    *(Recording(PROVIDER, "chat", label, reply) for label, reply in CHAT.items()),
    *(Recording(PROVIDER, "stream", label, reply) for label, reply in STREAMS.items()),
    *(Recording(PROVIDER, "raw", label, reply) for label, reply in GENERATIONS.items()),
]


def install(mp: pytest.MonkeyPatch, script: Script) -> None:
    """Serve ``script.reply`` from ``ollama.AsyncClient``; the sync start-up probes see the model."""

    async def chat(self: object, **request: Any) -> ollama.ChatResponse | AsyncIterator[ollama.ChatResponse]:
        script.requests.append(request)
        if request.get("stream"):
            return _aiter([ollama.ChatResponse.model_validate(c) for c in script.reply])
        return ollama.ChatResponse.model_validate(script.reply)

    async def generate(self: object, **request: Any) -> ollama.GenerateResponse:
        script.requests.append(request)
        return ollama.GenerateResponse.model_validate(script.reply)

    mp.setattr(ollama.AsyncClient, "chat", chat)
    mp.setattr(ollama.AsyncClient, "generate", generate)
    mp.setattr(ollama.Client, "ps", lambda self: ollama.ProcessResponse(models=[]))
    mp.setattr(ollama.Client, "list", lambda self: ollama.ListResponse(models=[ollama.ListResponse.Model(model=MODEL)]))


def backend() -> Any:
    from mellea.backends.ollama import OllamaModelBackend

    return OllamaModelBackend(model_id=MODEL)


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item
