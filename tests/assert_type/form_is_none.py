"""Form: `mot.raw.provider is None` / `is not None` separates the unfilled raw."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk


def unfilled(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider is None:
        assert_type(mot.raw.response, None)  # pyright: ignore[reportAssertTypeFailure]  # why: pyright and basedpyright narrow a union on `is None` through a field only, and `provider` is a property (so that a backend may assign it)
        assert_type(mot.raw.streamed_chunks, list[Any] | None)  # pyright: ignore[reportAssertTypeFailure]  # why: as above
    else:
        assert_type(mot.raw.provider, Literal["openai", "ollama", "litellm", "watsonx", "huggingface"])
