"""Correct consumer code: reading each provider's chat payload after narrowing on
`mot.raw.provider`, written after mellea's own `Message._parse` (stdlib/components/chat.py)
and `extract_finish_reason` (cli/serve/utils.py) in the form every checker narrows."""

from __future__ import annotations

from typing import Any, Literal

from mellea.core import ModelOutputThunk

FinishReason = Literal["stop", "length", "content_filter", "tool_calls", "function_call"]
VALID: set[str] = {"stop", "length", "content_filter", "tool_calls", "function_call"}


def reply_text(mot: ModelOutputThunk[str]) -> str:
    """The assistant text, from whichever backend produced the thunk."""
    raw = mot.raw
    if raw.provider == "ollama":
        return raw.response.message.content or ""
    if raw.provider == "openai":
        return raw.response["choices"][0]["message"]["content"] or ""
    if raw.provider == "litellm":
        return raw.response["choices"][0]["message"]["content"] or ""
    if raw.provider == "watsonx":  # content is absent beside tool calls: read it as mellea does
        return raw.response["choices"][0]["message"].get("content") or ""
    return mot.value or ""


def finish_reason(mot: ModelOutputThunk[str]) -> str:
    if mot.raw.provider == "ollama":
        return mot.raw.response.done_reason or "stop"
    if mot.raw.provider == "openai":
        return mot.raw.response["choices"][0]["finish_reason"] or "stop"
    if mot.raw.provider == "watsonx":
        return mot.raw.response["choices"][0]["finish_reason"] or "stop"
    if mot.raw.provider == "litellm":
        return mot.raw.response["choices"][0]["finish_reason"] or "stop"
    return "stop"


def serve_finish_reason(mot: ModelOutputThunk[str]) -> FinishReason:
    """`extract_finish_reason` without `getattr`: the narrowed payload has the field."""
    reason: str | None = None
    if mot.raw.provider == "ollama":
        reason = mot.raw.response.done_reason
    elif mot.raw.provider == "openai" or mot.raw.provider == "litellm" or mot.raw.provider == "watsonx":
        choices = mot.raw.response["choices"]
        if choices:
            reason = choices[0]["finish_reason"]
    if reason == "length":
        return "length"
    if reason == "tool_calls":
        return "tool_calls"
    return "stop"


def ollama_stats(mot: ModelOutputThunk[str]) -> dict[str, Any]:
    if mot.raw.provider != "ollama":
        return {}
    resp = mot.raw.response
    return {
        "model": resp.model,
        "eval_count": resp.eval_count,
        "prompt_eval_count": resp.prompt_eval_count,
        "done_reason": resp.done_reason,
        "thinking": resp.message.thinking,
        "tools": [call.function.name for call in resp.message.tool_calls or []],
    }


def openai_ids(mot: ModelOutputThunk[str]) -> tuple[str, str] | None:
    """The full dump carries id and model; the streamed envelope does not."""
    if mot.raw.provider == "openai":
        body = mot.raw.response
        if "id" in body:
            return body["id"], body["model"]  # pyrefly: ignore[bad-return, bad-typed-dict-key]  # ty: ignore[invalid-explicit-return, invalid-typed-dict-key]  # why: pyrefly and ty do not treat a @final TypedDict as closed for `in`
    return None


def watsonx_model(mot: ModelOutputThunk[str]) -> str | None:
    raw = mot.raw
    match raw.provider:
        case "watsonx":
            body = raw.response
            return body["model_id"] if "model_id" in body else None  # pyrefly: ignore[bad-return]  # ty: ignore[invalid-explicit-return]  # why: as above
        case _:
            return None


def tool_calls_as_dicts(mot: ModelOutputThunk[str]) -> list[dict[str, Any]] | None:
    """What mellea's `Message(tool_calls=...)` takes."""
    if mot.raw.provider == "openai":
        return mot.raw.response["choices"][0]["message"]["tool_calls"]
    if mot.raw.provider == "litellm":
        return mot.raw.response["choices"][0]["message"]["tool_calls"]
    return None


def hf_sequences(mot: ModelOutputThunk[str]) -> int:
    if mot.raw.provider == "huggingface" and mot.raw.response is not None:
        return len(mot.raw.response.sequences)
    return 0


def unfilled(mot: ModelOutputThunk[str]) -> bool:
    return mot.raw.provider is None and mot.raw.response is None


def generation_provider(mot: ModelOutputThunk[str]) -> bool:
    return mot.generation.provider == "ollama" or mot.generation.provider is None
