"""Drive each mellea backend through its public entry points with its SDK client faked,
and collect what its own post-processing stores in ``mot.raw``.

Only the SDK boundary is replaced (the provider module's ``install``); the socket layer is
closed so that any call the fakes miss fails instead of reaching a network.
"""

from __future__ import annotations

import asyncio
import socket
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

import pytest

import litellm_fakes
import ollama_fakes
import openai_fakes
import watsonx_fakes
from recording import Recording, Script

PROVIDER_FAKES: dict[str, ModuleType] = {
    m.PROVIDER: m for m in (openai_fakes, ollama_fakes, litellm_fakes, watsonx_fakes)
}
"""Provider literal -> the module holding its recordings, SDK fake and backend factory."""

Field = Literal["response", "streamed_chunks"]


@dataclass(frozen=True)
class Capture:
    """One value a backend stored: ``mot.raw.response`` or one ``mot.raw.streamed_chunks`` element."""

    recording: Recording
    field: Field
    value: Any
    index: int = 0
    """Which thunk of a ``generate_from_raw`` batch, or which streamed element."""

    @property
    def name(self) -> str:
        r = self.recording
        return f"{r.provider} {r.path} [{r.label}] {self.field}[{self.index}]"


def _weather_tool() -> Any:
    from mellea.backends.tools import MelleaTool

    def get_weather(location: str) -> str:
        """Get the current weather in a city.

        Args:
            location: The city name.
        """
        return f"Sunny in {location}"

    return MelleaTool.from_callable(get_weather)


class NetworkBlocked(OSError):
    """A backend-capture test tried to open a connection."""


@contextmanager
def offline(mp: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkBlocked("backend-capture tests run offline; fake the SDK call that got here")

    mp.setattr(socket.socket, "connect", refuse)
    mp.setattr(socket, "getaddrinfo", refuse)
    yield


async def _drive(backend: Any, rec: Recording, script: Script) -> list[Any]:
    from mellea.backends import ModelOption
    from mellea.core import CBlock
    from mellea.stdlib.context import ChatContext, SimpleContext

    script.reply = rec.reply
    if rec.path == "raw":
        actions = [CBlock(f"Complete sentence {i}: The capital of France is") for i in range(rec.prompts)]
        return list(await backend.generate_from_raw(actions, SimpleContext(), model_options={ModelOption.SEED: 7}))
    options = {ModelOption.STREAM: rec.path == "stream", ModelOption.TOOLS: [_weather_tool()]}
    mot, _ = await backend.generate_from_context(
        CBlock("What's the weather in Paris?"), ChatContext(), model_options=options, tool_calls=True
    )
    await mot.avalue()
    return [mot]


def capture(recordings: list[Recording], patch_mellea: Callable[[pytest.MonkeyPatch], None] | None = None,
            ) -> list[Capture]:
    """Run every recording through its backend; ``patch_mellea`` may alter mellea (drift simulation)."""
    found: list[Capture] = []
    with pytest.MonkeyPatch.context() as mp, offline(mp), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # watsonx backend is deprecated in 0.8.0
        if patch_mellea is not None:
            patch_mellea(mp)
        for provider in dict.fromkeys(r.provider for r in recordings):
            fakes = PROVIDER_FAKES[provider]
            script = Script()
            fakes.install(mp, script)
            for rec in (r for r in recordings if r.provider == provider):
                mots = asyncio.run(_run(fakes, rec, script))
                for i, mot in enumerate(mots):
                    assert mot.raw.provider == provider, f"{rec}: post-processing did not run ({mot.raw!r})"
                    found.append(Capture(rec, "response", mot.raw.response, i))
                    for j, chunk in enumerate(mot.raw.streamed_chunks or ()):
                        found.append(Capture(rec, "streamed_chunks", chunk, j))
    return found


async def _run(fakes: ModuleType, rec: Recording, script: Script) -> list[Any]:
    backend = fakes.backend()
    try:
        return await _drive(backend, rec, script)
    finally:
        await backend.aclose()
