"""Correct consumer code: rebuilding the SDK object from the dump mellea stored."""

from __future__ import annotations

import litellm
from mellea.core import Backend, CBlock, ModelOutputThunk
from mellea.stdlib.context import SimpleContext
from openai.types import CompletionChoice
from openai.types.chat import ChatCompletion


def as_chat_completion(mot: ModelOutputThunk[str]) -> ChatCompletion | None:
    if mot.raw.provider == "openai":
        body = mot.raw.response
        if "id" in body:
            return ChatCompletion.model_validate(body)
    return None


def as_chat_completion_by_kwargs(mot: ModelOutputThunk[str]) -> ChatCompletion | None:
    if mot.raw.provider == "openai":
        body = mot.raw.response
        if "id" in body:
            return ChatCompletion(**body)  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]  # why: pydantic's synthesized __init__ takes the nested models, not their dumps (pydantic validates them at run time); use model_validate (and it rejects the vLLM extras as keywords)
    return None


def as_litellm_response(mot: ModelOutputThunk[str]) -> litellm.ModelResponse | None:
    if mot.raw.provider == "litellm":
        return litellm.ModelResponse.model_validate(mot.raw.response)
    return None


async def as_completion_choice(backend: Backend) -> CompletionChoice | None:
    for r in await backend.generate_from_raw([CBlock("x")], SimpleContext()):
        if r.raw.provider == "openai":
            return CompletionChoice.model_validate(r.raw.response)
    return None
