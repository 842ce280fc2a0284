# Stub for mellea.core.backend (mellea 0.8.0).
#
# Declared as mellea defines it, with these changes. `Backend` is generic (stub-only) in the
# `raw` types of the thunks it returns: the chat variant and the `generate_from_raw` variant,
# which default to every provider's union (`AnyRaw`, `AnyCompletionRaw`); mellea's backend
# classes (stubs of mellea.backends.*) fix them to their provider's. `generate_from_raw`
# returns `CompletionModelOutputThunk`, a stub-only `ModelOutputThunk` whose `raw` holds the
# completion-API payloads (see base.pyi), and its overloads take a `Sequence` as the
# implementation does (mellea's `list` overloads reject a `list[CBlock]` in pyrefly).
# The private abstract methods return the thunks a subclass builds, of any `raw` type. A partial stub package replaces the whole module,
# so every runtime name of the module is declared here (stubtest compares them).

import abc
from collections.abc import Sequence
from typing import Any, Generic, final, overload

import pydantic
import typing_extensions

from .base import (
    AnyCompletionRaw,
    AnyRaw,
    C,
    CBlock,
    CompletionModelOutputThunk,
    Component,
    Context,
    ModelOutputThunk,
    RawProviderResponse,
    Span,
    UnfilledRaw,
)

BaseModelSubclass = typing_extensions.TypeVar(  # noqa: PYI001  (public name at runtime)
    "BaseModelSubclass", bound=pydantic.BaseModel, default=pydantic.BaseModel
)

_ChatRawT = typing_extensions.TypeVar("_ChatRawT", bound=RawProviderResponse, default=AnyRaw, covariant=True)
_CompletionRawT = typing_extensions.TypeVar(
    "_CompletionRawT", bound=RawProviderResponse, default=AnyCompletionRaw, covariant=True
)

class Backend(abc.ABC, Generic[_ChatRawT, _CompletionRawT]):
    _model_id: str
    _provider: str
    _closed: bool
    def close(self) -> None: ...
    async def aclose(self) -> None: ...
    def _raise_if_closed(self) -> None: ...
    @final
    async def generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: type[BaseModelSubclass] | None = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C, _ChatRawT | UnfilledRaw], Context]: ...
    @abc.abstractmethod
    async def _generate_from_context(
        self,
        action: Component[C] | CBlock | ModelOutputThunk,
        ctx: Context,
        *,
        format: type[BaseModelSubclass] | None = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[ModelOutputThunk[C], Context]: ...
    @final
    @overload
    async def generate_from_raw(
        self,
        actions: Sequence[Component[C]],
        ctx: Context,
        *,
        format: type[BaseModelSubclass] | None = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> list[CompletionModelOutputThunk[C, _CompletionRawT | UnfilledRaw]]: ...
    @overload
    async def generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: type[BaseModelSubclass] | None = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> list[CompletionModelOutputThunk[C | str, _CompletionRawT | UnfilledRaw]]: ...
    @abc.abstractmethod
    async def _generate_from_raw(
        self,
        actions: Sequence[Component[C] | CBlock],
        ctx: Context,
        *,
        format: type[BaseModelSubclass] | None = None,
        model_options: dict[Any, Any] | None = None,
        tool_calls: bool = False,
    ) -> tuple[list[ModelOutputThunk], dict[str, Any] | None]: ...
    async def do_generate_walk(self, action: Span) -> None: ...
    async def do_generate_walks(self, actions: list[Span]) -> None: ...

def generate_walk(c: Span) -> list[ModelOutputThunk]: ...
