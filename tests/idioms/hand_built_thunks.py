"""Correct test code: thunks built by hand with a given provider payload and read back
(mellea's own backend unit tests do this), and a test double backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ollama
from mellea.backends.ollama import chat_response_delta_merge
from mellea.core import Backend, CBlock, Component, Context, ModelOutputThunk, RawProviderResponse
from mellea.core.base import C
from mellea.stdlib.context import SimpleContext

if TYPE_CHECKING:
    from mellea.core.base import OllamaRaw


def _chat(content: str, eval_count: int = 3) -> ollama.ChatResponse:
    msg = ollama.Message(role="assistant", content=content)
    return ollama.ChatResponse(model="test", message=msg, done=True, eval_count=eval_count)


def ollama_thunk(resp: ollama.ChatResponse) -> ModelOutputThunk[str]:
    mot = ModelOutputThunk[str](value=resp.message.content)
    mot.raw = RawProviderResponse(provider="ollama", response=resp)
    mot.generation.provider = "ollama"
    return mot


def test_reads_back_through_a_builder() -> None:
    mot = ollama_thunk(_chat("hi"))
    assert mot.raw.provider == "ollama"
    assert mot.raw.response.message.content == "hi"
    assert mot.raw.response.eval_count == 3


def test_reads_back_in_place() -> None:
    mot = ModelOutputThunk[str]("hi")
    mot.raw = RawProviderResponse(provider="ollama", response=_chat("hi", eval_count=9))
    raw = mot.raw  # read the property back into a local, then narrow the local
    assert raw.provider == "ollama"
    assert raw.response.eval_count == 9


def test_narrowing_right_after_assigning_raw() -> None:
    """The form the README warns about; correct at run time and in mypy, pyrefly and ty."""
    mot = ModelOutputThunk[str]("hi")
    mot.raw = RawProviderResponse(provider="ollama", response=_chat("hi", eval_count=4))
    assert mot.raw.provider == "ollama"
    assert mot.raw.response.eval_count == 4  # pyright: ignore[reportAttributeAccessIssue, reportOptionalMemberAccess]  # why: pyright and basedpyright keep a property just assigned at its declared type, so comparing the provider narrows nothing; read it into a local


def test_a_thunk_declared_for_the_provider_that_fills_it() -> None:
    """mellea's own backend tests: a bare thunk filled by a backend's merge function. Declaring
    the provider the test fills it with types the reads, with no provider check."""
    mot: ModelOutputThunk[str, OllamaRaw] = ModelOutputThunk(value=None)
    chat_response_delta_merge(mot, _chat("Hello"))
    chat_response_delta_merge(mot, _chat(" world"))
    assert mot.raw.response.message.content == "Hello world"


def test_openai_dump_in_place() -> None:
    mot = ModelOutputThunk[str]("hi")
    body: dict[str, Any] = {"choices": [{"message": {"content": "hi", "role": "assistant"}}], "usage": None}
    mot.raw = RawProviderResponse(provider="openai", response=body)
    raw = mot.raw
    assert raw.provider == "openai"
    assert raw.response["choices"][0]["message"]["content"] == "hi"


class FakeBackend(Backend):
    """A test double: writes raw the way mellea's backends do."""

    def __init__(self) -> None:
        self._model_id = "fake"
        self._provider = "fake"

    async def _generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C], Context]:
        mot = ModelOutputThunk[C](value="ok")
        mot.raw = RawProviderResponse(provider="fake", response={"text": "ok"})
        mot.generation.provider = "fake"
        return mot, ctx

    async def _generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: Any = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[list[ModelOutputThunk], dict[str, Any] | None]:
        return [ModelOutputThunk[str](value="ok") for _ in actions], None


async def test_fake_backend() -> None:
    results = await FakeBackend().generate_from_raw([CBlock("x")], SimpleContext())
    assert results[0].raw.provider is None
