"""Form: `mot.raw.provider in ("openai", "litellm")` narrows to both variants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import LiteLLMRaw, OpenAIRaw


def openai_compatible(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider in ("openai", "litellm"):
        assert_type(mot.raw.provider, Literal["openai", "litellm"])
        assert_type(mot.raw, OpenAIRaw | LiteLLMRaw)  # pyright: ignore[reportAssertTypeFailure]  # ty: ignore[type-assertion-failure]  # why: pyright and ty narrow the provider literal, not its parent object, on `in`
