"""Mistakes the stubs must turn into errors in every checker. Each line carries every
checker's ignore comment for the error it must report; an ignore that suppresses nothing
fails the run, so a missing error fails the test."""

from __future__ import annotations

from mellea.backends.ollama import OllamaModelBackend
from mellea.backends.openai import OpenAIBackend
from mellea.core import CBlock, Context, ModelOutputThunk
from mellea.stdlib import functional
from mellea.stdlib.context import SimpleContext
from mellea.stdlib.session import start_session


def unnarrowed(mot: ModelOutputThunk[str]) -> None:
    mot.raw.response.message  # type: ignore[union-attr]  # pyright: ignore[reportAttributeAccessIssue, reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    mot.raw.response["choices"]  # type: ignore[index, call-overload]  # pyright: ignore[reportOptionalSubscript, reportCallIssue, reportArgumentType]  # pyrefly: ignore[unsupported-operation, bad-index]  # ty: ignore[not-subscriptable, invalid-argument-type]


def ollama_read_as_openai_object(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "ollama":
        mot.raw.response.choices  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]


def openai_dict_read_as_object(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        mot.raw.response.choices  # type: ignore[union-attr]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]


def wrong_key_in_chat_dict(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        response = mot.raw.response
        if "id" in response:
            response["choices"][0]["messages"]  # type: ignore[typeddict-item]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[bad-typed-dict-key]  # ty: ignore[invalid-typed-dict-key]


def misspelled_provider(mot: ModelOutputThunk[str]) -> bool:
    return mot.raw.provider == "olama"  # type: ignore[comparison-overlap]  # pyright: ignore[reportUnnecessaryComparison]  # why: ty and pyrefly do not report non-overlapping literal comparisons


def misspelled_generation_provider(mot: ModelOutputThunk[str]) -> bool:
    return mot.generation.provider == "olama"  # type: ignore[comparison-overlap]  # pyright: ignore[reportUnnecessaryComparison]  # why: as above


def hf_response_may_be_none(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "huggingface":
        mot.raw.response.sequences  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]


def unfilled_raw_has_no_response(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider is None:
        len(mot.raw.response)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]


def raw_setter_takes_the_base_class(mot: ModelOutputThunk[str]) -> None:
    mot.raw = "not a raw response"  # type: ignore[assignment]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-assignment]


# A thunk typed by its backend (issue 17): the other providers' shapes are errors without any
# narrowing, and so is a payload read through a thunk that may be uncomputed.


def chat_shape_of_another_provider(q: str) -> None:
    start_session("ollama").instruct(q).raw.response["choices"]  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]  # pyrefly: ignore[bad-index]  # ty: ignore[invalid-argument-type]
    start_session("openai").instruct(q).raw.response.message  # type: ignore[union-attr]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    start_session().instruct(q).raw.response.choices  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    functional.instruct(q, SimpleContext(), OpenAIBackend())[0].raw.response.message  # type: ignore[union-attr]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]


async def payload_through_an_uncomputed_thunk(action: CBlock, ctx: Context) -> None:
    m = start_session("ollama")
    (await m.aact(action, await_result=False)).raw.response.message  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    (chat, _) = await OllamaModelBackend().generate_from_context(action, ctx)
    chat.raw.response.message  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]


async def completion_shape_read_as_chat(ctx: Context) -> None:
    for mot in await OllamaModelBackend().generate_from_raw([CBlock("2+2=")], ctx):
        if mot.raw.provider == "ollama":
            mot.raw.response["message"]  # type: ignore[typeddict-item]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[bad-typed-dict-key]  # ty: ignore[invalid-typed-dict-key]


def typed_hf_response_may_be_none(q: str) -> None:
    start_session("hf").instruct(q).raw.response.sequences  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]


def another_providers_literal_on_a_typed_thunk(q: str) -> bool:
    return start_session("ollama").instruct(q).raw.provider == "openai"  # type: ignore[comparison-overlap]  # pyright: ignore[reportUnnecessaryComparison]  # why: ty and pyrefly do not report non-overlapping literal comparisons
