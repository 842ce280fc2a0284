"""litellm: OpenAI-format provider replies (wire JSON) run through litellm's own conversion,
``convert_to_model_response_object`` for chat and ``CustomStreamWrapper`` for streams,
behind fakes of ``litellm.acompletion`` / ``litellm.atext_completion``. So the
``ModelResponse`` / ``ModelResponseStream`` objects mellea receives are the ones litellm builds.

Variants: tool calls, ``reasoning_content`` with ``thinking_blocks`` and
``provider_specific_fields``, logprobs, and the usage-only final chunk of a stream
requested with ``stream_options.include_usage``.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import AsyncIterator
from typing import Any

import litellm
import openai_fakes
import pytest
from litellm.litellm_core_utils.litellm_logging import Logging
from litellm.litellm_core_utils.llm_response_utils.convert_dict_to_response import (
    convert_to_model_response_object,
)
from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper
from openai.types.chat import ChatCompletionChunk
from recording import Recording, Script

PROVIDER = "litellm"
MODEL = "openai/gpt-4o-mini"
_USAGE = {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
          "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                        "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
          "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0}}
_CALL = {"id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "type": "function",
         "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'}}


def _chat(choice: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
            "model": "gpt-4o-mini-2024-07-18", "system_fingerprint": "fp_44709d6fcb", "choices": [choice],
            "usage": _USAGE, **top}


def _chunk(delta: dict[str, Any], finish: str | None = None, **top: Any) -> dict[str, Any]:
    return {"id": "chatcmpl-123", "object": "chat.completion.chunk", "created": 1694268190,
            "model": "gpt-4o-mini-2024-07-18", "system_fingerprint": "fp_44709d6fcb",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **top}


CHAT = {
    "text": _chat({"index": 0, "finish_reason": "stop",
                   "message": {"role": "assistant", "content": "Hello! How can I help?"}}),
    "tool call + logprobs": _chat({
        "index": 0, "finish_reason": "tool_calls",
        "message": {"role": "assistant", "content": None, "tool_calls": [_CALL]},
        "logprobs": {"content": [{"token": "Hi", "logprob": -0.0009, "bytes": [72, 105], "top_logprobs": []}]},
    }),
    "reasoning (anthropic via litellm)": _chat(
        {"index": 0, "finish_reason": "stop",
         "message": {"role": "assistant", "content": "42", "reasoning_content": "The user asks...",
                     "thinking_blocks": [{"type": "thinking", "thinking": "The user asks...", "signature": "EqoB"}],
                     "provider_specific_fields": {"citations": None}}},
        model="claude-sonnet-4-20250514", system_fingerprint=None,
    ),
}

STREAMS = {
    "text, usage-only final chunk": openai_fakes.STREAMS["text + usage-only final chunk"],
    "tool call": openai_fakes.STREAMS["tool call"],
    "reasoning": [
        _chunk({"role": "assistant", "content": None, "reasoning_content": "Weather lookup."}),
        _chunk({"content": "Sunny."}),
        _chunk({}, "stop"),
    ],
}

TEXT_COMPLETIONS = {"two prompts": openai_fakes.COMPLETIONS["two prompts"]}
"""litellm's text completion relays the OpenAI completions reply, which its conversion reads."""

RECORDINGS = [
    *(Recording(PROVIDER, "chat", label, reply) for label, reply in CHAT.items()),
    *(Recording(PROVIDER, "stream", label, reply) for label, reply in STREAMS.items()),
    *(Recording(PROVIDER, "raw", label, reply, prompts=len(reply["choices"]))
      for label, reply in TEXT_COMPLETIONS.items()),
]


def install(mp: pytest.MonkeyPatch, script: Script) -> None:
    """Serve ``script.reply`` from ``litellm.acompletion`` / ``litellm.atext_completion``."""

    async def acompletion(**request: Any) -> litellm.ModelResponse | CustomStreamWrapper:
        script.requests.append(request)
        if request.get("stream"):
            chunks = [ChatCompletionChunk.model_validate(c) for c in script.reply]
            return CustomStreamWrapper(completion_stream=_aiter(chunks), model=request["model"],
                                       logging_obj=_logging(request), custom_llm_provider="openai",
                                       stream_options=request.get("stream_options"))
        return convert_to_model_response_object(response_object=copy.deepcopy(script.reply),
                                                model_response_object=litellm.ModelResponse())

    async def atext_completion(**request: Any) -> litellm.TextCompletionResponse:
        script.requests.append(request)
        return litellm.TextCompletionResponse(**copy.deepcopy(script.reply))

    mp.setattr(litellm, "acompletion", acompletion)
    mp.setattr(litellm, "atext_completion", atext_completion)


def _logging(request: dict[str, Any]) -> Logging:
    log = Logging(model=request["model"], messages=request["messages"], stream=True, call_type="acompletion",
                  start_time=datetime.datetime.now(), litellm_call_id="offline", function_id="offline")
    log.update_environment_variables(model=request["model"], user=None, optional_params={},
                                     litellm_params={"litellm_call_id": "offline"})
    return log


def backend_class() -> type:
    from mellea.backends.litellm import LiteLLMBackend

    return LiteLLMBackend


def backend() -> Any:
    return backend_class()(model_id=MODEL)


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item
