"""Correct code: a third-party backend declares its payload type (the README shows it), so a
session over it reads `raw.response` with no provider check, and generic code still takes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, assert_type

from mellea import MelleaSession
from mellea.core import Backend, CBlock, Component, Context, ModelOutputThunk, RawProviderResponse
from mellea.core.base import C
from mellea.stdlib.context import SimpleContext


@dataclass
class AcmeReply:
    text: str
    tokens: int


if TYPE_CHECKING:
    from mellea.core.base import CustomProviderRaw

    AcmeRaw: TypeAlias = CustomProviderRaw[Literal["acme"], AcmeReply]
    # `Backend` takes type arguments in type checkers only (mellea's class is not generic).
    _AcmeBase: TypeAlias = Backend[AcmeRaw, AcmeRaw]
else:
    _AcmeBase = Backend


class AcmeBackend(_AcmeBase):
    def __init__(self) -> None:
        self._model_id = "acme-1"
        self._provider = "acme"

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
        mot.raw = RawProviderResponse(provider="acme", response=AcmeReply("ok", 1))
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


def tokens_used(session: MelleaSession[SimpleContext, AcmeRaw]) -> int:
    reply = session.instruct("Say hi.")
    assert_type(reply.raw.provider, Literal["acme"])
    return reply.raw.response.tokens


def any_session(session: MelleaSession[SimpleContext, RawProviderResponse]) -> str | None:
    """Code for any backend, a third party's included: `MelleaSession[SimpleContext]` means
    mellea's providers (its thunks read their union), which `AcmeRaw` is not one of."""
    return session.instruct("Say hi.").value


def main() -> None:
    session = MelleaSession(AcmeBackend(), SimpleContext())
    assert_type(session, MelleaSession[SimpleContext, AcmeRaw])
    print(tokens_used(session), any_session(session))


async def uncomputed(backend: AcmeBackend) -> str | None:
    mot, _ = await backend.generate_from_context(CBlock("hi"), SimpleContext())
    # Not computed yet: post-processing has not filled `raw`.
    return mot.raw.response.text if mot.raw.provider == "acme" else None
