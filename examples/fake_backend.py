"""Producer code: a test-double backend that streams canned words through mellea's own machinery,
filling the thunk as mellea's backends do (`_call`, `_gen`, `_underlying_value`, `mot.raw`,
`_generate_log`). Clean in every checker, and the lint gate recognises it without configuration."""

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
)
from mellea.core.base import C
from mellea.helpers.async_helpers import send_to_queue


class CannedBackend(Backend):
    def __init__(self, words: Sequence[str]) -> None:
        self._model_id = "canned"
        self._provider = "openai"
        self._words = list(words)

    async def _chunks(self) -> AsyncIterator[dict[str, Any]]:
        for word in self._words:
            yield {"choices": [{"delta": {"content": word}, "finish_reason": None, "index": 0}]}

    async def _generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C], Context]:
        mot = ModelOutputThunk[C](None)
        mot._gen.start = datetime.datetime.now()
        mot._gen.chunk_size = 1
        mot._call.action = action
        mot._call.context = ctx.view_for_generation()
        mot._call.model_options = model_options or {}
        mot._gen.process = self._process
        mot._gen.post_process = functools.partial(self._post_process, prompt=str(action))
        mot._gen.generate = asyncio.create_task(send_to_queue(self._chunks(), mot))
        mot._gen.generate_type = GenerateType.ASYNC
        return mot, ctx.add(action).add(mot)

    async def _process(self, mot: ModelOutputThunk, chunk: dict[str, Any]) -> None:
        if mot._underlying_value is None:
            mot._underlying_value = ""
        mot._underlying_value += chunk["choices"][0]["delta"]["content"]
        if mot.raw.streamed_chunks is None:
            mot.raw.streamed_chunks = []
        mot.raw.streamed_chunks.append(chunk["choices"][0])

    async def _post_process(self, mot: ModelOutputThunk, prompt: str) -> None:
        mot.raw.provider = self._provider
        mot.raw.response = {"choices": [], "usage": None}
        mot._generate_log = GenerateLog(prompt=prompt, action=mot._call.action, result=mot)

    async def _generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[list[ModelOutputThunk], dict[str, Any] | None]:
        return [ModelOutputThunk[str](" ".join(self._words)) for _ in actions], None
