"""Correct producer code: a streaming test-double backend and a third-party-style backend that
fill thunks the way mellea 0.8.0's own backends do (backends/openai.py, ollama.py: `_call`,
`_gen` and its callbacks, `_underlying_value`, `_generate_log`, writes through `mot.raw`).
Clean in every checker; the gate recognises it as producer code and reports nothing."""

from __future__ import annotations

import asyncio
import datetime
import functools
from collections.abc import AsyncIterator, Sequence
from typing import Any

from mellea.core import (
    Backend,
    CBlock,
    Component,
    Context,
    GenerateLog,
    GenerateType,
    ModelOutputThunk,
    RawProviderResponse,
)
from mellea.core.base import C
from mellea.helpers.async_helpers import send_to_queue


def _chunk(text: str) -> dict[str, Any]:
    return {"choices": [{"delta": {"content": text, "role": "assistant"}, "finish_reason": None, "index": 0}]}


class StreamingFakeBackend(Backend):
    """A test double that streams canned text through mellea's own queue machinery."""

    def __init__(self, words: Sequence[str]) -> None:
        self._model_id = "fake-model"
        self._provider = "openai"
        self._words = list(words)

    async def _stream(self) -> AsyncIterator[dict[str, Any]]:
        for word in self._words:
            yield _chunk(word)

    async def _generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C], Context]:
        output = ModelOutputThunk[C](None)
        output._gen.start = datetime.datetime.now()
        output._call.context = ctx.view_for_generation()
        output._call.action = action
        output._call.model_options = model_options or {}
        output._gen.process = self.processing
        output._gen.post_process = functools.partial(self.post_processing, prompt=str(action))
        output._gen.chunk_size = 1
        output._gen.generate = asyncio.create_task(send_to_queue(self._stream(), output))
        output._gen.generate_type = GenerateType.ASYNC
        return output, ctx.add(action).add(output)

    async def processing(self, mot: ModelOutputThunk, chunk: dict[str, Any]) -> None:
        if mot._underlying_value is None:
            mot._underlying_value = ""
        mot._underlying_value += chunk["choices"][0]["delta"]["content"]
        if mot.raw.streamed_chunks is None:
            mot.raw.streamed_chunks = []
        mot.raw.streamed_chunks.append(chunk["choices"][0])

    async def post_processing(self, mot: ModelOutputThunk, prompt: str) -> None:
        merged = {"index": 0, "finish_reason": "stop", "message": {"content": mot._underlying_value}}
        mot.raw.response = {"choices": [merged], "usage": mot.generation.usage}
        mot.raw.provider = self._provider
        mot.generation.provider = self._provider
        log = GenerateLog()
        log.prompt = prompt
        log.action = mot._call.action
        log.model_options = mot._call.model_options
        log.result = mot
        mot._generate_log = log

    async def _generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[list[ModelOutputThunk], dict[str, Any] | None]:
        results: list[ModelOutputThunk] = []
        for action in actions:
            output = ModelOutputThunk[str](value="".join(self._words))
            output._call.action = action
            output._call.model_options = model_options
            output.raw = RawProviderResponse(provider=self._provider, response={"text": output.value})
            output._generate_log = GenerateLog(prompt=str(action), result=output, is_final_result=True)
            results.append(output)
        return results, None


class VendorBackend(Backend):
    """A third-party backend with its own provider: fills `raw` field by field."""

    def __init__(self) -> None:
        self._model_id = "vendor-1"
        self._provider = "vendor"

    async def _generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C], Context]:
        output = ModelOutputThunk[C](value="vendor says hi")
        output._call.action = action
        output.raw.provider = self._provider
        output.raw.response = {"text": "vendor says hi", "tokens": 3}
        output.raw.streamed_chunks = [{"text": "vendor"}, {"text": " says hi"}]
        output.generation.provider = self._provider
        output._generate_log = GenerateLog(backend=self._model_id, result=output)
        output._generate_log.is_final_result = True
        return output, ctx.add(action).add(output)

    async def _generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[list[ModelOutputThunk], dict[str, Any] | None]:
        return [ModelOutputThunk[str](value="vendor") for _ in actions], None


async def drive_the_stream() -> str:
    """What a test of the double does: only public API on the consumer side."""
    ctx: Any = None
    mot, _ = await StreamingFakeBackend(["a", "b"]).generate_from_context(CBlock("hi"), ctx)
    text = await mot.avalue()
    raw = mot.raw
    if raw.provider == "openai" and raw.streamed_chunks is not None:
        delta = raw.streamed_chunks[0]["delta"]
        return delta["content"] or text
    return text
