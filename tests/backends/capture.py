"""Drive each mellea backend through its public entry points with its SDK client faked,
and collect what its own post-processing stores in ``mot.raw``.

Only the SDK boundary is replaced (the provider module's ``install``); the socket layer is
closed so that any call the fakes miss fails instead of reaching a network.
"""

from __future__ import annotations

import asyncio
import json
import socket
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import litellm_fakes
import ollama_fakes
import openai_fakes
import pytest
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


INTRINSIC = "answerability"
"""A catalog intrinsic; its io.yaml below is written locally, as a Granite Switch model ships it."""

IO_YAML = """\
model: null
response_format: |
  {"type": "string", "enum": ["answerable", "unanswerable"]}
transformations: null
parameters:
  max_completion_tokens: 6
"""


def write_adapter_source(root: Path) -> Path:
    """A model directory holding ``adapter_index.json`` and the intrinsic's ``io.yaml``."""
    io_yaml = root / "io_configs" / INTRINSIC / "io.yaml"
    io_yaml.parent.mkdir(parents=True, exist_ok=True)
    io_yaml.write_text(IO_YAML)
    index = {"adapters": [{"adapter_name": INTRINSIC, "io_config": str(io_yaml.relative_to(root)),
                           "technology": "lora"}]}
    (root / "adapter_index.json").write_text(json.dumps(index))
    return root


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
    from mellea.backends.adapters import AdapterType
    from mellea.core import CBlock
    from mellea.stdlib.components import Intrinsic, Message
    from mellea.stdlib.context import ChatContext, SimpleContext

    script.reply = rec.reply
    if rec.path == "intrinsic":
        ctx = ChatContext().add(Message("user", "What is the capital of France?"))
        mot, _ = await backend.generate_from_context(Intrinsic(INTRINSIC, adapter_types=(AdapterType.LORA,)), ctx)
        await mot.avalue()
        return [mot]
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
    with (pytest.MonkeyPatch.context() as mp, offline(mp), warnings.catch_warnings(),
          tempfile.TemporaryDirectory() as adapters):
        warnings.simplefilter("ignore", DeprecationWarning)  # watsonx backend is deprecated in 0.8.0
        if patch_mellea is not None:
            patch_mellea(mp)
        for provider in dict.fromkeys(r.provider for r in recordings):
            fakes = PROVIDER_FAKES[provider]
            script = Script()
            fakes.install(mp, script)
            for rec in (r for r in recordings if r.provider == provider):
                mots = asyncio.run(_run(fakes, rec, script, Path(tempfile.mkdtemp(dir=adapters))))
                for i, mot in enumerate(mots):
                    assert mot.raw.provider == provider, f"{rec}: post-processing did not run ({mot.raw!r})"
                    found.append(Capture(rec, "response", mot.raw.response, i))
                    for j, chunk in enumerate(mot.raw.streamed_chunks or ()):
                        found.append(Capture(rec, "streamed_chunks", chunk, j))
    return found


async def _run(fakes: ModuleType, rec: Recording, script: Script, adapter_source: Path) -> list[Any]:
    if rec.path == "intrinsic":
        backend = fakes.intrinsic_backend(write_adapter_source(adapter_source))
    else:
        backend = fakes.backend()
    try:
        return await _drive(backend, rec, script)
    finally:
        await backend.aclose()
