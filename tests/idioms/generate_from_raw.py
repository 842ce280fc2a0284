"""Correct consumer code: thunks from `Backend.generate_from_raw` (mellea's budget-forcing
sampler, its backend tests, `session.backend.generate_from_raw(...)`) carry the completion
shapes, not the chat ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mellea.backends.huggingface import LocalHFBackend
from mellea.backends.litellm import LiteLLMBackend
from mellea.backends.ollama import OllamaModelBackend
from mellea.backends.openai import OpenAIBackend
from mellea.backends.watsonx import WatsonxAIBackend
from mellea.core import Backend, CBlock, ModelOutputThunk
from mellea.stdlib.context import SimpleContext
from mellea.stdlib.session import MelleaSession


async def completions(backend: Backend, prompts: list[str]) -> list[str]:
    results = await backend.generate_from_raw([CBlock(p) for p in prompts], SimpleContext())
    texts = []
    for r in results:
        if r.raw.provider == "openai":
            texts.append(r.raw.response["text"])
        elif r.raw.provider == "ollama":
            texts.append(r.raw.response["response"] or "")
        elif r.raw.provider == "litellm":
            texts.append(r.raw.response["text"] or "")
        elif r.raw.provider == "watsonx":
            texts.append(r.raw.response["generated_text"])
        else:
            texts.append(r.value or "")
    return texts


async def token_counts(backend: OllamaModelBackend) -> list[int]:
    results = await backend.generate_from_raw([CBlock("2+2=")], SimpleContext())
    counts = []
    for r in results:
        if r.raw.provider == "ollama":
            counts.append(r.raw.response["eval_count"] or 0)
    return counts


async def via_session(session: MelleaSession[Any], openai: OpenAIBackend) -> str | None:
    results = await session.backend.generate_from_raw([CBlock("hi")], SimpleContext())
    more = await openai.generate_from_raw([CBlock("hi")], SimpleContext())
    for r in [*results, *more]:
        if r.raw.provider == "watsonx":
            return r.raw.response.get("stop_reason")
        if r.raw.provider == "openai":
            return r.raw.response["finish_reason"]
    return None


def keep(thunks: Sequence[ModelOutputThunk[str]]) -> list[ModelOutputThunk]:
    """A plain `ModelOutputThunk` annotation takes both kinds of thunk."""
    return list(thunks)


async def stored(backend: Backend) -> list[ModelOutputThunk]:
    kept = keep(await backend.generate_from_raw([CBlock("x")], SimpleContext()))
    one: ModelOutputThunk = (await backend.generate_from_raw([CBlock("y")], SimpleContext()))[0]
    return [*kept, one]


async def as_list(backend: Backend) -> list[ModelOutputThunk[str]]:
    return await backend.generate_from_raw([CBlock("x")], SimpleContext())  # type: ignore[return-value]  # pyright: ignore[reportReturnType]  # pyrefly: ignore[bad-return]  # ty: ignore[invalid-explicit-return]  # why: `list` is invariant: a list of CompletionModelOutputThunk is not a list[ModelOutputThunk]; annotate Sequence[ModelOutputThunk]


async def every_backend_class(
    backend: LiteLLMBackend | WatsonxAIBackend | LocalHFBackend | OllamaModelBackend | OpenAIBackend,
) -> str:
    """Each mellea backend class inherits the stubbed `Backend.generate_from_raw`."""
    for r in await backend.generate_from_raw([CBlock("x")], SimpleContext()):
        if r.raw.provider == "litellm":
            return r.raw.response["text"] or ""
        if r.raw.provider == "huggingface" and r.raw.response is not None:
            return str(r.raw.response.sequences.shape)
    return ""
