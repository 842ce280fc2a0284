"""Form: `match mot.raw: case OllamaRaw():` (a stub-only class: type checking only, the
class does not exist at runtime)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ollama
from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaGenerateDict, OllamaRaw


def by_variant(mot: ModelOutputThunk[str]) -> None:
    match mot.raw:
        case OllamaRaw():
            assert_type(mot.raw.response, ollama.ChatResponse | OllamaGenerateDict)
        case _:
            pass
