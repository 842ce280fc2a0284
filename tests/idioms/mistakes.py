"""Real payload mistakes, each the twin of a correct idiom in this folder. Every line carries
each checker's ignore comment for the error it must report; an ignore that suppresses
nothing fails the run, so a missed mistake fails the test."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mellea.core import Backend, CBlock, ModelOutputThunk
from mellea.stdlib.context import SimpleContext

if TYPE_CHECKING:
    from mellea.core.base import OpenAIStreamedChatDict, OpenAIUsageDict


def openai_shape_on_ollama(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "ollama":
        return mot.raw.response["usage"]["completion_tokens"]  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]  # pyrefly: ignore[bad-index]  # ty: ignore[invalid-argument-type]
    return None


def openai_attribute_on_ollama(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "ollama":
        return mot.raw.response.choices  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    return None


async def chat_shape_on_raw_completion(backend: Backend) -> Any:
    for r in await backend.generate_from_raw([CBlock("x")], SimpleContext()):
        if r.raw.provider == "openai":
            return r.raw.response["choices"]  # type: ignore[typeddict-item]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[bad-typed-dict-key]  # ty: ignore[invalid-typed-dict-key]
        if r.raw.provider == "ollama":
            return r.raw.response.message  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    return None


def completion_key_on_chat_dict(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "openai":
        return mot.raw.response["text"]  # type: ignore[typeddict-item]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[bad-typed-dict-key]  # ty: ignore[invalid-typed-dict-key]
    return None


def text_attribute_on_dict(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "litellm":
        return mot.raw.response["choices"][0].text  # type: ignore[union-attr]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    return None


def misspelled_usage_key(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "openai":
        usage = mot.raw.response["usage"]
        if usage is not None:
            return usage["prompt_tokenz"]  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]  # pyrefly: ignore[bad-index]  # ty: ignore[invalid-argument-type]
    return None


def optional_usage_read_without_get(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "watsonx":
        body = mot.raw.response
        if "id" in body:
            return body["usage"]  # pyright: ignore[reportTypedDictNotRequiredAccess]  # why: only pyright and basedpyright report a read of a NotRequired key
    return None


def cost_on_openai_stream(mot: ModelOutputThunk[str]) -> Any:
    if mot.raw.provider == "openai":
        usage = mot.raw.response["usage"]
        if usage is not None:
            return usage["cost"]  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]  # pyrefly: ignore[bad-index]  # ty: ignore[invalid-argument-type]
    return None


def litellm_cost_as_text(mot: ModelOutputThunk[str]) -> str:
    if mot.raw.provider == "litellm":
        usage = mot.raw.response.get("usage")
        if usage is not None:
            return usage["cost"]  # type: ignore[return-value]  # pyright: ignore[reportReturnType]  # pyrefly: ignore[bad-return]  # ty: ignore[invalid-explicit-return]
    return ""


def usage_assigned_into_an_envelope(envelope: OpenAIStreamedChatDict, usage: OpenAIUsageDict | None) -> None:
    # Runs, but is the price of a read-only `usage` (docs/design.md; the twin is `with_usage`):
    # pinned so that the cost stays known.
    envelope["usage"] = usage  # type: ignore[typeddict-readonly-mutated]  # pyright: ignore[reportTypedDictNotRequiredAccess]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]


async def _three_parameter_callback(mot: ModelOutputThunk, chunk: Any, extra: int) -> None: ...


def wrong_callback_signature(mot: ModelOutputThunk) -> None:
    """The producer-side twin of tests/idioms/producers.py: `_gen.process` takes (thunk, chunk)."""
    mot._gen.process = _three_parameter_callback  # type: ignore[assignment, mellea-private]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]


def wrong_chunk_key_after_appending(mot: ModelOutputThunk, dump: dict[str, Any]) -> Any:
    """The twin of tests/idioms/writes_through_raw.py: appending dumps leaves reads typed."""
    if mot.raw.streamed_chunks is None:
        mot.raw.streamed_chunks = []
    mot.raw.streamed_chunks.append(dump)
    raw = mot.raw
    if raw.provider == "openai" and raw.streamed_chunks is not None:
        return raw.streamed_chunks[0]["deltaa"]  # type: ignore[typeddict-item]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[bad-typed-dict-key]  # ty: ignore[invalid-typed-dict-key]
    return None


def provider_written_as_a_number(mot: ModelOutputThunk) -> None:
    mot.raw.provider = 3  # type: ignore[assignment]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-assignment]
