"""Form: `if (raw := mot.raw).provider == "<literal>":`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mellea.core import ModelOutputThunk

if TYPE_CHECKING:
    from mellea.core.base import OllamaChatResponse


def by_walrus(mot: ModelOutputThunk[str]) -> None:
    if (raw := mot.raw).provider == "ollama":
        assert_type(raw.response, OllamaChatResponse)  # pyrefly: ignore[assert-type]  # why: pyrefly does not narrow the walrus target through an attribute comparison
