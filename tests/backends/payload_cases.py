"""Turn captured ``mot.raw`` values into type-checkable code: each value, written as a literal
(SDK objects as constructor calls), is bound to a local annotated with the type the stub variant
of its path READS ``raw.response`` / ``raw.streamed_chunks`` as (the fields take any value on a
write, as the runtime dataclass does), then assigned to that field.

A dict's keys take their types from the TypedDicts of the declared union that can hold it
(a streamed envelope's ``usage`` is typed by the envelope, not by the full dump beside it).
A checker sees no keys through ``typing.cast("Name", {...})``, the form of a stub keyed dict
(``OpenAIUsageDict``), so each of its items is bound first to a local annotated with the type
its ``__getitem__`` overload declares.

Negative twins are derived from the stub, not from a checker's output: a key whose removal
leaves a dict that no TypedDict of the declared union can hold, a value of type ``object``
under a key no member types as ``Any``, each keyed-dict item of type ``object``, and an SDK
object replaced by its ``model_dump()``.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from capture import Capture
from mellea_lint.payloads import shapes
from mellea_lint.surface import PROVIDERS
from pydantic import BaseModel

from tools.stub_typeddicts import (
    STUB,
    TypedDictDecl,
    stub_subclass_named_in,
    typeddicts,
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
    checks: tuple[str, ...] = ()
    """Statements before the assignment: the keyed-dict items ``source`` refers to."""
    annotation: str = "object"
    """The type ``source`` must satisfy: what the variant's field reads as."""


def declared_annotations(variant: str) -> dict[str, str]:
    """A variant's ``response`` / ``streamed_chunks`` types, read as the runtime payload check reads
    them (a variant declares them as ``ProviderRaw`` arguments or, for a completion variant, itself)."""
    return shapes.load(STUB).annotations(variant)


def variant_for(capture: Capture) -> str:
    """The stub variant that types this path: ``generate_from_raw`` has the completion variant."""
    provider = next(p for p in PROVIDERS if p.literal == capture.recording.provider)
    return provider.completion_variant if capture.recording.path == "raw" else provider.variant


class _ObjectValue:
    def __repr__(self) -> str:
        return "object()"


def to_source(value: Any, imports: set[str], checks: list[str], annotation: str | None = None) -> str:
    """``value`` as a Python expression; SDK (pydantic) models become constructor calls, and a
    dict whose declared type (``annotation``) is a stub-only keyed dict class is wrapped in it,
    its items bound to the annotated locals appended to ``checks``."""
    if isinstance(value, BaseModel):
        cls = type(value)
        module = _public_module(cls)
        imports.add(module)
        args = ", ".join(f"{info.alias or name}={to_source(getattr(value, name), imports, checks)}"
                         for name, info in cls.model_fields.items())
        return f"{module}.{cls.__qualname__}({args})"
    if isinstance(value, dict):
        members = _members(annotation, value)
        keyed = _keyed_class(members)
        if keyed is not None:
            # A checker sees no keys through ``Name({...})``: its ``__getitem__`` overloads are the
            # contract, so every captured key must be one they name (checked here, not by a checker).
            undeclared = set(value) - set(keyed.keys)
            if undeclared:
                raise ValueError(f"{keyed.name} does not declare the captured keys {sorted(undeclared)}")
            imports.update(("typing", "mellea.core.base"))
            items = ", ".join(f"{to_source(k, imports, checks)}: {_item_local(keyed.keys[k], v, imports, checks)}"
                              for k, v in value.items())
            return f'typing.cast("mellea.core.base.{keyed.name}", {{{items}}})'
        return "{" + ", ".join(
            f"{to_source(k, imports, checks)}: {to_source(v, imports, checks, _key_annotation(members, k))}"
            for k, v in value.items()
        ) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_source(v, imports, checks, annotation) for v in value) + "]"
    if value is None or isinstance(value, (str, int, float, _ObjectValue)):  # bool is an int
        return repr(value)
    raise TypeError(f"no literal form for a captured {type(value).__qualname__}: teach to_source about it")


def _members(annotation: str | None, value: dict[Any, Any]) -> list[TypedDictDecl]:
    """The stub dicts ``annotation`` names that may hold ``value``: the TypedDicts whose keys
    fit it, else every one named (a mutant fits none)."""
    members = typeddicts_named_in(annotation) if annotation else []
    fitting = [m for m in members if not m.keyed_dict and m.accepts_keys(set(value))]
    return fitting or members


def _keyed_class(members: list[TypedDictDecl]) -> TypedDictDecl | None:
    """The stub keyed dict class a dict is wrapped in, when every member is one."""
    keyed = [m for m in members if m.keyed_dict]
    return keyed[0] if keyed and len(keyed) == len(members) else None


def _key_annotation(members: list[TypedDictDecl], key: object) -> str | None:
    """The declared type of ``key`` in any of the TypedDicts a dict may be (``None``: none says)."""
    declared = [m.keys[key] for m in members if isinstance(key, str) and key in m.keys]
    return " | ".join(declared) if declared else None


def _item_local(annotation: str, value: Any, imports: set[str], checks: list[str]) -> str:
    """Bind a keyed-dict item to a new local annotated with its declared type; return its name."""
    name = f"item_{len(checks)}"
    source = to_source(value, imports, checks, annotation)
    checks.append(f"{name}: {_qualified(annotation, imports)} = {source}")
    return name


class _Qualify(ast.NodeTransformer):
    def __init__(self, imports: set[str]) -> None:
        self.imports = imports

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if hasattr(builtins, node.id):
            return node
        if node.id in _stub_imports():
            module, name = _stub_imports()[node.id]
        elif hasattr(typing, node.id):
            module, name = "typing", node.id
        elif node.id in typeddicts() or node.id in _stub_classes():
            module, name = "mellea.core.base", node.id
        else:
            raise ValueError(f"no import for {node.id!r} in a declared type: teach _qualified about it")
        self.imports.add(module)
        if name is None:  # ``import ollama``: the name is the module
            return node
        return ast.copy_location(ast.Attribute(ast.Name(module, ast.Load()), name, ast.Load()), node)


def _stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


@functools.cache
def _stub_imports() -> dict[str, tuple[str, str | None]]:
    """A name the stub imports -> (module, name in it); ``import m`` gives (m, None)."""
    found: dict[str, tuple[str, str | None]] = {}
    for node in _stub_tree().body:
        if isinstance(node, ast.Import):
            found.update({a.asname or a.name: (a.name, None) for a in node.names})
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update({a.asname or a.name: (node.module, a.name) for a in node.names})
    return found


@functools.cache
def _stub_classes() -> frozenset[str]:
    return frozenset(node.name for node in _stub_tree().body if isinstance(node, ast.ClassDef))


def _qualified(annotation: str, imports: set[str]) -> str:
    """``annotation``, written in the stub's namespace, as the generated module spells it."""
    return ast.unparse(_Qualify(imports).visit(ast.parse(annotation, mode="eval")))


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
        checks: list[str] = []
        value = [c.value] if c.field == "streamed_chunks" else c.value
        source = to_source(value, imports, checks, declared_annotations(variant_for(c))[c.field])
        if isinstance(value, BaseModel):  # the stub may type it as its own subclass of the SDK class
            runtime = f"{_public_module(type(value))}.{type(value).__qualname__}"
            declared = stub_subclass_named_in(declared_annotations(variant_for(c))[c.field], runtime)
            if declared is not None:  # a stub-only class adds no fields: the SDK call is what is checked
                imports.update(("typing", "mellea.core.base"))
                source = f'typing.cast("mellea.core.base.{declared}", {source})'
        annotation = _qualified(checked_type(variant_for(c), c.field), imports)
        out.append(Case(f"{label}{c.name}", variant_for(c), c.field, source, frozenset(imports), expect,
                        tuple(checks), annotation))
    return out


def checked_type(variant: str, field: str) -> str:
    """What a captured value must satisfy: the field's read type, without the ``| Any`` that lets
    a backend append SDK dumps to ``streamed_chunks`` (its elements are checked as the chunk dict)."""
    return declared_annotations(variant)[field].replace(" | Any]", "]")


def negative_twins(captures: Iterable[Capture]) -> list[Case]:
    """For each capture, the mutants the stub must reject (when the stub allows one to exist)."""
    return [case for what, twin in twin_captures(captures) for case in cases_for([twin], "error", f"{what}: ")]


def twin_captures(captures: Iterable[Capture]) -> list[tuple[str, Capture]]:
    """Each capture's mutants, as (what was changed, the capture holding the mutant value)."""
    out = []
    for c in captures:
        annotation = declared_annotations(variant_for(c))[c.field]
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
        mutants.extend((f"item {path} of type object", value) for path, value in _keyed_item_mutants(c.value, annotation))
        out.extend((what, Capture(c.recording, c.field, value, c.index)) for what, value in mutants)
    return out


def _keyed_item_mutants(value: Any, annotation: str | None, path: str = "") -> Iterator[tuple[str, Any]]:
    """``value`` with one item of a stub keyed dict replaced by ``object()``, for each item whose
    declared type is not ``Any`` (the item checks are all a checker sees of them)."""
    if isinstance(value, list):
        for i, element in enumerate(value):
            for where, mutant in _keyed_item_mutants(element, annotation, f"{path}[{i}]"):
                yield where, [*value[:i], mutant, *value[i + 1:]]
    elif isinstance(value, dict) and annotation:
        members = _members(annotation, value)
        keyed = _keyed_class(members)
        for key, item in value.items():
            if keyed is None:
                for where, mutant in _keyed_item_mutants(item, _key_annotation(members, key), f"{path}[{key!r}]"):
                    yield where, {**value, key: mutant}
            elif keyed.keys.get(key) not in (None, "Any", "object"):
                yield f"{path}[{key!r}]", {**value, key: _ObjectValue()}


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
        lines += [f"def case_{i}(raw: {case.variant}) -> None:", *(f"    {c}" for c in case.checks),
                  f"    value: {case.annotation} = {case.source}", f"    raw.{target} = value"]
    path.write_text("\n".join(lines) + "\n")
    return starts


def case_at(starts: dict[int, Case], line: int) -> Case | None:
    """The case whose function holds ``line`` (``None``: the module header)."""
    first = [s for s in starts if s <= line]
    return starts[max(first)] if first else None
