"""Recorded payloads: a thunk's ``raw`` written as a JSON fixture, message text redacted, and
checked again later (``replay``), e.g. after upgrading mellea-stubs or a provider SDK.

Redaction replaces every string under a key that carries text a user or model wrote (``REDACTED_KEYS``)
with ``"<redacted>"``; keys, nesting and every other value are kept, so the shape is what is replayed.
An SDK object (``ollama.ChatResponse``) is stored as its JSON dump and the name of its class, and
parsed by that class on replay; a value JSON cannot hold (a transformers output with tensors) is
stored as ``null`` with a note, and replays as unchecked.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mellea_lint.payloads.check import Kind, Mismatch, Report, check_payload

FORMAT = 1
REDACTED = "<redacted>"
REDACTED_KEYS = frozenset({
    "content", "text", "reasoning", "reasoning_content", "thinking", "refusal", "generated_text",
    "response", "arguments", "images",
})
"""Keys whose strings (at any depth below them) are message text."""


def redact(value: Any, below_text_key: bool = False) -> Any:
    """``value`` with the strings under ``REDACTED_KEYS`` replaced; shape and types kept."""
    if isinstance(value, dict):
        return {k: redact(v, below_text_key or k in REDACTED_KEYS) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v, below_text_key) for v in value]
    return REDACTED if below_text_key and isinstance(value, str) else value


def fixture_of(provider: object, response: object, streamed_chunks: object, kind: Kind, origin: str = "") -> dict[str, Any]:
    """The JSON document ``write`` stores for one payload."""
    document: dict[str, Any] = {"format": FORMAT, "provider": provider, "kind": kind, "origin": origin,
                                "response_class": None}
    if isinstance(response, BaseModel):
        document["response_class"] = f"{type(response).__module__}.{type(response).__qualname__}"
        response = response.model_dump(mode="json", warnings=False)
    for name, value in (("response", response), ("streamed_chunks", streamed_chunks)):
        try:
            document[name] = json.loads(json.dumps(redact(value)))
        except (TypeError, ValueError):
            document[name] = None
            document.setdefault("notes", []).append(f"{name}: a {type(value).__qualname__} is not JSON; not recorded")
    return document


def write(mot: object, directory: str | Path, name: str, kind: Kind = "auto") -> Path:
    """Write ``mot.raw`` as ``directory/name.json`` (a name made safe for a file system)."""
    raw = getattr(mot, "raw", None)
    return save(fixture_of(getattr(raw, "provider", None), getattr(raw, "response", None),
                           getattr(raw, "streamed_chunks", None), kind, name), directory, name)


def save(document: dict[str, Any], directory: str | Path, name: str) -> Path:
    """Write a ``fixture_of`` document as ``directory/name.json``."""
    path = Path(directory) / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name).strip('_')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def replay(path: str | Path, *, extra_providers: dict[str, str] | None = None) -> Report:
    """Check a recorded fixture again against the installed stubs."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return Report(None, None, "unchecked", notes=(f"cannot read the fixture {path}: {exc}",))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return Report(None, None, "unchecked", notes=(f"{path} is not a payload fixture (format {FORMAT})",))
    response = document.get("response")
    if document.get("response_class") and response is not None:
        module, _, name = str(document["response_class"]).rpartition(".")
        try:
            response = getattr(importlib.import_module(module), name).model_validate(response)
        except Exception as exc:  # the SDK moved or rejects the recorded dump: that is the finding
            got = f"a dump it cannot parse ({type(exc).__name__}: {str(exc).splitlines()[0]})"
            return Report(document.get("provider"), None, "mismatch",
                          (Mismatch("response", str(document["response_class"]), got),))
    notes = tuple(document.get("notes", ()))
    if any(n.startswith("response:") for n in notes):
        return Report(document.get("provider"), None, "unchecked", notes=notes)
    report = check_payload(document.get("provider"), response, document.get("streamed_chunks"),
                           kind=document.get("kind", "auto"), extra_providers=extra_providers)
    return replace(report, notes=report.notes + notes)
