"""Correct producer code: a third-party-style backend that fills thunks the way mellea 0.8.0's
own backends do (backends/openai.py, ollama.py: `_call`, `_generate_log`, writes through
`mot.raw` field by field). The streaming test double with `_gen` and its callbacks is the demo's
examples/fake_backend.py, checked with this folder. Clean in every checker; the gate recognises
it as producer code and reports nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mellea.core import (
    Backend,
    CBlock,
    Component,
    Context,
    GenerateLog,
    ModelOutputThunk,
    RawProviderResponse,
)
from mellea.core.base import C


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
        results: list[ModelOutputThunk] = []
        for action in actions:
            output = ModelOutputThunk[str](value="vendor")
            output._call.action = action
            output._call.model_options = model_options
            output.raw = RawProviderResponse(provider=self._provider, response={"text": output.value})
            output._generate_log = GenerateLog(prompt=str(action), result=output, is_final_result=True)
            results.append(output)
        return results, None


async def drive_the_stream(backend: Backend, ctx: Context) -> str:
    """What a test of a double does: only public API on the consumer side."""
    mot, _ = await backend.generate_from_context(CBlock("hi"), ctx)
    text = await mot.avalue()
    raw = mot.raw
    if raw.provider == "openai" and raw.streamed_chunks is not None:
        delta = raw.streamed_chunks[0]["delta"]
        return delta["content"] or text
    return text
