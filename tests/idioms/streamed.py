"""Correct consumer code: the streamed envelope `{"choices": [merged], "usage": ...}` that
openai, litellm and watsonx store after a streamed chat, and the per-chunk elements in
`raw.streamed_chunks` (mellea's `chat_completion_delta_merge`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OpenAIStreamedChatDict, OpenAIUsageDict


async def stream_then_read(mot: ModelOutputThunk[str]) -> str:
    async for _piece in mot:
        pass
    if mot.raw.provider == "openai" or mot.raw.provider == "litellm":
        choice = mot.raw.response["choices"][0]
        return choice["message"]["content"] or ""
    return mot.value or ""


def reasoning_of_stream(mot: ModelOutputThunk[str]) -> str | None:
    if mot.raw.provider == "watsonx":
        body = mot.raw.response
        if "id" not in body:  # the streamed envelope has no id
            return body["choices"][0]["message"]["reasoning_content"]
    return None


def chunk_texts(mot: ModelOutputThunk[str]) -> list[str]:
    out: list[str] = []
    if mot.raw.provider == "openai" and mot.raw.streamed_chunks is not None:
        out = [c["delta"]["content"] or "" for c in mot.raw.streamed_chunks]
    elif mot.raw.provider == "litellm" and mot.raw.streamed_chunks:
        out = [c["delta"]["content"] or "" for c in mot.raw.streamed_chunks]
    elif mot.raw.provider == "watsonx" and mot.raw.streamed_chunks:
        out = [c["delta"].get("content") or "" for c in mot.raw.streamed_chunks]
    return out


def streamed_tool_names(mot: ModelOutputThunk[str]) -> list[str]:
    if mot.raw.provider == "openai":
        msg = mot.raw.response["choices"][0]["message"]
        return [call["function"]["name"] for call in msg["tool_calls"] or []]
    return []


def streamed_cost(mot: ModelOutputThunk[str]) -> float | None:
    if mot.raw.provider == "litellm":
        body = mot.raw.response
        if "id" not in body:  # the streamed envelope: its usage is litellm's, with `cost`
            usage = body["usage"]
            return usage["cost"] if usage is not None and "cost" in usage else None
    return None


def merged_text(envelope: OpenAIStreamedChatDict) -> str:
    return envelope["choices"][0]["message"]["content"]


def text_of_any_stream(mot: ModelOutputThunk[str]) -> str:
    """One helper typed with the OpenAI envelope serves every provider that stores one."""
    if mot.raw.provider == "openai" or mot.raw.provider == "litellm" or mot.raw.provider == "watsonx":
        body = mot.raw.response
        if "id" not in body:
            return merged_text(body)
    return mot.value or ""


def with_usage(envelope: OpenAIStreamedChatDict, usage: OpenAIUsageDict | None) -> OpenAIStreamedChatDict:
    """A test double's envelope with other usage: a new dict (its `usage` is read-only)."""
    return {"choices": envelope["choices"], "usage": usage}
