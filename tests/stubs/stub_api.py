"""The callable API of a module read from its syntax tree alone (no stubgen, no import), so a
generated stub can be compared with mellea's source, huggingface's included (it needs torch).

For each public module-level function and class and each public method (dunders count: they
are the class's protocol), its definitions: the name, ``async`` or not, the decorators that
change how it is called, and each parameter's name, kind and whether it has a default. An
overloaded function is its ``@overload`` definitions (a stub has no implementation); a property
is its getter and setter."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Kind = Literal["positional-only", "positional", "*args", "keyword-only", "**kwargs"]

CALL_DECORATORS = {
    "overload": "overload",
    "staticmethod": "staticmethod",
    "classmethod": "classmethod",
    "property": "property",
    "cached_property": "cached_property",
    "abstractmethod": "abstractmethod",
    "setter": "setter",
    "deleter": "deleter",
}
"""Decorators (by their last dotted name) that change how a definition is called or looked up;
any other (``@with_context``, ``@dataclass_transform``, ...) stubgen may drop."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind
    has_default: bool

    def __str__(self) -> str:
        prefix = {"*args": "*", "**kwargs": "**"}.get(self.kind, "")
        suffix = "=..." if self.has_default else ""
        marker = " /" if self.kind == "positional-only" else " *" if self.kind == "keyword-only" else ""
        return f"{prefix}{self.name}{suffix}{marker}"


@dataclass(frozen=True)
class Signature:
    is_async: bool
    decorators: tuple[str, ...]
    params: tuple[Param, ...]

    def __str__(self) -> str:
        head = "".join(f"@{d} " for d in self.decorators) + ("async " if self.is_async else "")
        return f"{head}({', '.join(map(str, self.params))})"


@dataclass
class Definitions:
    """One public function or method: its ``@overload`` definitions and its other definitions
    (the implementation, or a property's getter and setter), in source order."""

    overloads: list[ast.FunctionDef | ast.AsyncFunctionDef]
    plain: list[ast.FunctionDef | ast.AsyncFunctionDef]


def is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def decorator_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Call):
        expr = expr.func
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def signature(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Signature:
    a = fn.args
    params: list[Param] = []
    positional = [*a.posonlyargs, *a.args]
    first_default = len(positional) - len(a.defaults)
    for i, arg in enumerate(positional):
        kind: Kind = "positional-only" if i < len(a.posonlyargs) else "positional"
        params.append(Param(arg.arg, kind, i >= first_default))
    if a.vararg is not None:
        params.append(Param(a.vararg.arg, "*args", False))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        params.append(Param(arg.arg, "keyword-only", default is not None))
    if a.kwarg is not None:
        params.append(Param(a.kwarg.arg, "**kwargs", False))
    decorators = tuple(sorted(
        CALL_DECORATORS[n] for d in fn.decorator_list if (n := decorator_name(d)) in CALL_DECORATORS
    ))
    return Signature(isinstance(fn, ast.AsyncFunctionDef), decorators, tuple(params))


def _flat_body(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """A body's statements, those inside ``if`` / ``try`` blocks included (a definition under
    ``if TYPE_CHECKING:`` or ``try: ... except ImportError:`` is still defined)."""
    for node in body:
        if isinstance(node, ast.If | ast.Try):
            yield from _flat_body([*node.body, *node.orelse, *getattr(node, "finalbody", [])])
            for handler in getattr(node, "handlers", []):
                yield from _flat_body(handler.body)
        else:
            yield node


def classes(body: list[ast.stmt]) -> dict[str, ast.ClassDef]:
    """The public classes a body defines (the last definition of a name wins, as at run time)."""
    return {n.name: n for n in _flat_body(body) if isinstance(n, ast.ClassDef) and is_public(n.name)}


def functions(body: list[ast.stmt]) -> dict[str, Definitions]:
    """The public functions a body defines, each with its overloads and other definitions."""
    out: dict[str, Definitions] = {}
    for node in _flat_body(body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and is_public(node.name):
            entry = out.setdefault(node.name, Definitions([], []))
            overload = any(decorator_name(d) == "overload" for d in node.decorator_list)
            (entry.overloads if overload else entry.plain).append(node)
    return out


def is_dataclass(cls: ast.ClassDef) -> bool:
    return any(decorator_name(d) == "dataclass" for d in cls.decorator_list)


def dataclass_fields(cls: ast.ClassDef) -> list[tuple[str, bool]]:
    """(name, has a default) of each field, in order: the parameters of its ``__init__``."""
    return [
        (s.target.id, s.value is not None) for s in cls.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        and decorator_name(s.annotation.value if isinstance(s.annotation, ast.Subscript) else s.annotation)
        != "ClassVar"
    ]


def literal_values(annotation: ast.expr | None) -> list[str] | None:
    """The strings of a ``Literal[...]`` annotation (``None``: not a Literal of strings)."""
    if not (isinstance(annotation, ast.Subscript) and decorator_name(annotation.value) == "Literal"):
        return None
    items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
    values = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return values if len(values) == len(items) else None


def param_node(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> ast.arg:
    a = fn.args
    return next(p for p in (*a.posonlyargs, *a.args, *a.kwonlyargs) if p.arg == name)


def default_of(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> ast.expr | None:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    defaults: dict[str, ast.expr | None] = dict(
        zip([p.arg for p in positional][len(positional) - len(a.defaults):], a.defaults, strict=True)
    )
    defaults |= {p.arg: d for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)}
    return defaults.get(name)
