"""Form: `match mot.raw: case OllamaRaw():` (stub-only class).

The class exists only for type checkers: this pattern raises NameError at runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse, OllamaRaw


def by_variant(mot: ModelOutputThunk[str]) -> None:
    match mot.raw:
        case OllamaRaw():  # pyright: ignore[reportGeneralTypeIssues]  # why: pyright rejects a @type_check_only class in a runtime pattern (it raises at runtime)
            assert_type(mot.raw.response, OllamaChatResponse)
        case _:
            pass
