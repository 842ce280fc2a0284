"""Form: `match mot.raw.provider:` with literal `case`s (a two-level subject)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type
from transformers.generation.utils import GenerateDecoderOnlyOutput

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse


def by_provider(mot: ModelOutputThunk[str]) -> None:
    match mot.raw.provider:
        case "ollama":
            assert_type(mot.raw.response, OllamaChatResponse)  # pyright: ignore[reportAssertTypeFailure]  # why: pyright narrows a match subject but not the object it was read from
        case "huggingface":
            assert_type(mot.raw.response, GenerateDecoderOnlyOutput | None)  # pyright: ignore[reportAssertTypeFailure]  # why: as above
        case None:
            assert_type(mot.raw.response, None)  # pyright: ignore[reportAssertTypeFailure]  # ty: ignore[type-assertion-failure]  # why: pyright, and ty for `case None`, narrow the subject only
        case _:
            pass
