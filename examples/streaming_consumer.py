"""Streams an answer, then inspects the chunks the provider streamed."""

from __future__ import annotations

import asyncio

from mellea import start_session
from mellea.backends.model_options import ModelOption
from mellea.core import ModelOutputThunk
from mellea.stdlib.context import SimpleContext


def streamed_text(mot: ModelOutputThunk[str]) -> str:
    """The text deltas as the provider streamed them (empty for backends that keep none)."""
    if mot.raw.provider == "openai":
        return "".join(c["delta"]["content"] or "" for c in mot.raw.streamed_chunks or [])
    elif mot.raw.provider == "litellm":
        return "".join(c["delta"]["content"] or "" for c in mot.raw.streamed_chunks or [])
    elif mot.raw.provider == "watsonx":
        return "".join(c["delta"].get("content") or "" for c in mot.raw.streamed_chunks or [])
    return ""


async def consume() -> None:
    m = start_session("openai", "gpt-4o-mini", SimpleContext())
    mot = await m.ainstruct("Write a haiku.", model_options={ModelOption.STREAM: True}, strategy=None)
    async for piece in mot:
        print(piece, end="", flush=True)
    print()
    if mot.cancelled or mot.error is not None:
        return
    print(len(streamed_text(mot)), "characters streamed")


if __name__ == "__main__":
    asyncio.run(consume())
