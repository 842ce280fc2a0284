"""Form: `match mot.raw: case RawProviderResponse(provider="ollama"):` (runtime-valid)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk, RawProviderResponse

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse


def by_keyword(mot: ModelOutputThunk[str]) -> None:
    raw = mot.raw
    match raw:
        case RawProviderResponse(provider="ollama"):
            assert_type(raw.response, OllamaChatResponse)  # type: ignore[assert-type]  # why: mypy does not narrow a class pattern by a keyword literal
        case _:
            pass
