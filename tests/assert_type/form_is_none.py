"""Form: `mot.raw.provider is None` / `is not None` separates the unfilled raw."""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk


def unfilled(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider is None:
        assert_type(mot.raw.response, None)
        assert_type(mot.raw.streamed_chunks, None)
    else:
        assert_type(mot.raw.provider, Literal["openai", "ollama", "litellm", "watsonx", "huggingface"])
