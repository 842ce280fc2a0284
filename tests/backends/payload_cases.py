"""Turn captured ``mot.raw`` values into type-checkable code: each value, written as a literal
(SDK objects as constructor calls), is assigned to ``raw.response`` / ``raw.streamed_chunks``
of a parameter annotated with the stub variant that types its path.

Negative twins are derived from the stub, not from a checker's output: a key whose removal
leaves a dict that no TypedDict of the declared union can hold, a value of type ``object``
under a key no member types as ``Any``, and an SDK object replaced by its ``model_dump()``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from capture import Capture
from mellea_lint.surface import PROVIDERS
from pydantic import BaseModel

from tools.stub_typeddicts import (
    TypedDictDecl,
    class_annotations,
    stub_subclass_named_in,
    typeddicts_named_in,
)

Expect = Literal["clean", "error"]


@dataclass(frozen=True)
class Case:
    name: str
    variant: str
    field: str
    source: str
    """The value as a Python expression."""
    imports: frozenset[str]
    expect: Expect


def variant_for(capture: Capture) -> str:
    """The stub variant that types this path: ``generate_from_raw`` has the completion variant."""
    provider = next(p for p in PROVIDERS if p.literal == capture.recording.provider)
    return provider.completion_variant if capture.recording.path == "raw" else provider.variant


class _ObjectValue:
    def __repr__(self) -> str:
        return "object()"


def to_source(value: Any, imports: set[str], annotation: str | None = None) -> str:
    """``value`` as a Python expression; SDK (pydantic) models become constructor calls, and a
    dict whose declared type (``annotation``) is a stub-only keyed dict class is wrapped in it."""
    if isinstance(value, BaseModel):
        cls = type(value)
        module = _public_module(cls)
        imports.add(module)
        args = ", ".join(f"{info.alias or name}={to_source(getattr(value, name), imports)}"
                         for name, info in cls.model_fields.items())
        return f"{module}.{cls.__qualname__}({args})"
    if isinstance(value, dict):
        members = typeddicts_named_in(annotation) if annotation else []
        items = ", ".join(
            f"{to_source(k, imports)}: {to_source(v, imports, _key_annotation(members, k))}"
            for k, v in value.items()
        )
        keyed = [m for m in members if m.keyed_dict]
        if keyed and len(keyed) == len(members):
            # A checker sees no keys through ``Name({...})``: its ``__getitem__`` overloads are the
            # contract, so every captured key must be one they name (checked here, not by a checker).
            undeclared = set(value) - set(keyed[0].keys)
            if undeclared:
                raise ValueError(f"{keyed[0].name} does not declare the captured keys {sorted(undeclared)}")
            imports.update(("typing", "mellea.core.base"))
            return f'typing.cast("mellea.core.base.{keyed[0].name}", {{{items}}})'
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_source(v, imports, annotation) for v in value) + "]"
    if value is None or isinstance(value, (str, int, float, _ObjectValue)):  # bool is an int
        return repr(value)
    raise TypeError(f"no literal form for a captured {type(value).__qualname__}: teach to_source about it")


def _key_annotation(members: list[TypedDictDecl], key: object) -> str | None:
    """The declared type of ``key`` in any of the TypedDicts a dict may be (``None``: none says)."""
    declared = [m.keys[key] for m in members if isinstance(key, str) and key in m.keys]
    return " | ".join(declared) if declared else None


def _public_module(cls: type) -> str:
    """The top-level package if it re-exports ``cls`` (``ollama.ChatResponse``), else its module."""
    package = cls.__module__.split(".")[0]
    target: Any = importlib.import_module(package)
    for part in cls.__qualname__.split("."):
        target = getattr(target, part, None)
    return package if target is cls else cls.__module__


def cases_for(captures: Iterable[Capture], expect: Expect = "clean", label: str = "") -> list[Case]:
    out = []
    for c in captures:
        imports: set[str] = set()
        value = [c.value] if c.field == "streamed_chunks" else c.value
        source = to_source(value, imports, class_annotations(variant_for(c))[c.field])
        if isinstance(value, BaseModel):  # the stub may type it as its own subclass of the SDK class
            runtime = f"{_public_module(type(value))}.{type(value).__qualname__}"
            declared = stub_subclass_named_in(class_annotations(variant_for(c))[c.field], runtime)
            if declared is not None:  # a stub-only class adds no fields: the SDK call is what is checked
                imports.update(("typing", "mellea.core.base"))
                source = f'typing.cast("mellea.core.base.{declared}", {source})'
        out.append(Case(f"{label}{c.name}", variant_for(c), c.field, source, frozenset(imports), expect))
    return out


def negative_twins(captures: Iterable[Capture]) -> list[Case]:
    """For each capture, the mutants the stub must reject (when the stub allows one to exist)."""
    out = []
    for c in captures:
        annotation = class_annotations(variant_for(c))[c.field]
        members = typeddicts_named_in(annotation)
        mutants: list[tuple[str, Any]] = []
        if isinstance(c.value, BaseModel):
            mutants.append(("dumped to a dict", c.value.model_dump()))
        elif isinstance(c.value, dict):
            keys = set(c.value)
            for key in c.value:
                if not any(m.accepts_keys(keys - {key}) for m in members):
                    mutants.append((f"without {key!r}", {k: v for k, v in c.value.items() if k != key}))
                    break
            for key in c.value:
                declared = [m.keys[key] for m in members if key in m.keys]
                if declared and all(a not in ("Any", "object") for a in declared):
                    mutants.append((f"{key!r} of type object", {**c.value, key: _ObjectValue()}))
                    break
        for what, value in mutants:
            out.extend(cases_for([Capture(c.recording, c.field, value, c.index)], "error", f"{what}: "))
    return out


def write_module(cases: list[Case], path: Path) -> dict[int, Case]:
    """Write one module holding every case; return the first line of each case's function."""
    variants = sorted({c.variant for c in cases})
    imports = sorted(set().union(*(c.imports for c in cases)))
    lines = ["from __future__ import annotations", "", "from typing import TYPE_CHECKING", "",
             *(f"import {m}" for m in imports), "",
             "if TYPE_CHECKING:", f"    from mellea.core.base import {', '.join(variants)}", ""]
    starts = {}
    for i, case in enumerate(cases):
        lines += ["", f"# {case.name} ({case.expect})"]
        starts[len(lines) + 1] = case
        target = "streamed_chunks" if case.field == "streamed_chunks" else "response"
        lines += [f"def case_{i}(raw: {case.variant}) -> None:", f"    raw.{target} = {case.source}"]
    path.write_text("\n".join(lines) + "\n")
    return starts


def case_at(starts: dict[int, Case], line: int) -> Case | None:
    """The case whose function holds ``line`` (``None``: the module header)."""
    first = [s for s in starts if s <= line]
    return starts[max(first)] if first else None
