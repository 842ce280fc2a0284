"""ollama: /api/chat and /api/generate replies as the API documents them (wire JSON), turned
into the ``ChatResponse`` / ``GenerateResponse`` objects ``ollama.AsyncClient`` returns.

Variants: tool calls, thinking, logprobs, a stream whose timing fields arrive only on the
final ``done`` chunk, and raw generations with and without ``context``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import ollama
import pytest
import yaml
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

INTRINSICS = {
    "answerability (adapter model tag)": _chat({"role": "assistant", "content": '"answerable"'},
                                               model="granite4-answerability:micro"),
}

RECORDINGS = [
    *(Recording(PROVIDER, "chat", label, reply) for label, reply in CHAT.items()),
    *(Recording(PROVIDER, "stream", label, reply) for label, reply in STREAMS.items()),
    *(Recording(PROVIDER, "raw", label, reply) for label, reply in GENERATIONS.items()),
    *(Recording(PROVIDER, "intrinsic", label, reply) for label, reply in INTRINSICS.items()),
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


def backend_class() -> type:
    from mellea.backends.ollama import OllamaModelBackend

    return OllamaModelBackend


def backend() -> Any:
    return backend_class()(model_id=MODEL)


def intrinsic_backend(adapter_source: Path) -> Any:
    """A backend whose adapter model tag serves the intrinsic of ``adapter_source`` (its io.yaml)."""
    from mellea.backends.adapters import Adapter, Identity, ServerMediatedBinding, get_io_contract
    from mellea.backends.ollama import OllamaModelBackend

    index = json.loads((adapter_source / "adapter_index.json").read_text())["adapters"][0]
    name = index["adapter_name"]
    backend = OllamaModelBackend(model_id=MODEL, adapter_models={name: "granite4-answerability:micro"})
    backend.add_adapter(
        Adapter(identity=Identity(name=name, adapter_type=index["technology"]), io_contract=get_io_contract(name),
                weights=ServerMediatedBinding()),
        config=yaml.safe_load((adapter_source / index["io_config"]).read_text()),
    )
    return backend


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item
