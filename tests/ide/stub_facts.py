"""What the stub source declares, read with ast, so the IDE tests assert exactly what the stubs promise.

Nothing here imports the stubs (their stub-only names do not exist at runtime).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STUB_ROOT = REPO / "stubs" / "mellea-stubs"


@cache
def _base_stub() -> ast.Module:
    found = sorted(STUB_ROOT.glob("**/core/base.pyi"))
    if len(found) != 1:
        raise LookupError(f"expected one core/base.pyi under {STUB_ROOT}, found {len(found)}")
    return ast.parse(found[0].read_text(encoding="utf-8"))


def _classes() -> dict[str, ast.ClassDef]:
    return {node.name: node for node in _base_stub().body if isinstance(node, ast.ClassDef)}


def _field_annotations(cls: ast.ClassDef) -> dict[str, ast.expr]:
    return {
        node.target.id: node.annotation
        for node in cls.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def union_members(annotation: ast.expr) -> frozenset[str]:
    """The names of an ``A | B | None`` annotation as a checker prints them (``ollama.X`` -> ``X``)."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return union_members(annotation.left) | union_members(annotation.right)
    if isinstance(annotation, ast.Attribute):
        return frozenset({annotation.attr})
    return frozenset({ast.unparse(annotation)})


def _provider_literal(annotation: ast.expr) -> tuple[bool, str | None]:
    """``(True, "ollama")`` for ``Literal["ollama"]``, ``(True, None)`` for ``None``, else ``(False, None)``."""
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return True, None
    if (
        isinstance(annotation, ast.Subscript)
        and ast.unparse(annotation.value).split(".")[-1] == "Literal"
        and isinstance(annotation.slice, ast.Constant)
        and isinstance(annotation.slice.value, str)
    ):
        return True, annotation.slice.value
    return False, None


def _any_raw_members() -> frozenset[str]:
    """The variants of ``AnyRaw``: what ``mot.raw`` of a chat thunk may be."""
    for node in _base_stub().body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "AnyRaw" and node.value is not None:
            return union_members(node.value)
    raise LookupError("the stub declares no AnyRaw alias")


def response_types_by_provider() -> dict[str | None, frozenset[str]]:
    """For each ``AnyRaw`` variant with a literal (or ``None``) provider: the names its ``response`` may be."""
    variants: dict[str | None, frozenset[str]] = {}
    members = _any_raw_members()
    for name, cls in _classes().items():
        if name not in members:
            continue
        fields = _field_annotations(cls)
        if "provider" not in fields or "response" not in fields:
            continue
        is_variant, provider = _provider_literal(fields["provider"])
        if is_variant:
            variants[provider] = union_members(fields["response"])
    return variants


@dataclass(frozen=True)
class PrivateDeclaration:
    """How the stub declares a private thunk member: absent, or present with a deprecation message."""

    declared: bool
    deprecation: str | None


def private_thunk_member(name: str) -> PrivateDeclaration:
    thunk = _classes()["ModelOutputThunk"]
    for node in thunk.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and ast.unparse(decorator.func).split(".")[-1] == "deprecated"
                    and decorator.args
                    and isinstance(decorator.args[0], ast.Constant)
                ):
                    return PrivateDeclaration(True, str(decorator.args[0].value))
            return PrivateDeclaration(True, None)
    return PrivateDeclaration(name in _field_annotations(thunk), None)
