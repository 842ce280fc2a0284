"""What a provider's fake serves: one recorded reply per backend call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Path = Literal["chat", "stream", "raw", "intrinsic"]
"""The paths of mellea's raw-response reference table: chat (non-streamed), streamed chat,
``generate_from_raw`` (raw completion) and intrinsic/adapter generation."""


@dataclass(frozen=True, eq=False)
class Recording:
    """A reply, in the provider API's own JSON shape, for one call on ``path``."""

    provider: str
    path: Path
    label: str
    reply: Any
    prompts: int = 1
    """How many actions ``generate_from_raw`` sends (one reply choice or result each)."""


@dataclass
class Script:
    """The reply the fake SDK client returns next, and the requests it received."""

    reply: Any = None
    requests: list[dict[str, Any]] = field(default_factory=list)
