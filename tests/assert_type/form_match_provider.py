"""Form: `match mot.raw.provider:` with literal `case`s (a two-level subject)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ollama
from typing_extensions import assert_type
from transformers.generation.utils import GenerateDecoderOnlyOutput

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaGenerateDict


def by_provider(mot: ModelOutputThunk[str]) -> None:
    match mot.raw.provider:
        case "ollama":
            assert_type(mot.raw.response, ollama.ChatResponse | OllamaGenerateDict)
        case "huggingface":
            assert_type(mot.raw.response, GenerateDecoderOnlyOutput | None)
        case None:
            assert_type(mot.raw.response, None)
        case _:
            pass
