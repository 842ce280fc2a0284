"""What the stub source declares, read with ast, so the IDE tests assert exactly what the stubs promise.

Nothing here imports the stubs (their stub-only names do not exist at runtime).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from mellea_lint.surface import PROVIDER_RAW_BASE, RAW_FIELDS

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


def variant_fields(name: str) -> dict[str, ast.expr]:
    """What a raw variant's fields read as: the ``ProviderRaw[provider, response, chunks]`` it
    specialises (or the variant it subclasses), then its own fields and property getters."""
    cls = _classes()[name]
    base = cls.bases[0] if cls.bases else None
    if isinstance(base, ast.Subscript) and ast.unparse(base.value) == PROVIDER_RAW_BASE and isinstance(base.slice, ast.Tuple):
        fields = dict(zip(RAW_FIELDS, base.slice.elts, strict=True))
    elif isinstance(base, ast.Name) and base.id in _classes():
        fields = variant_fields(base.id)
    else:
        fields = {}
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            fields[node.target.id] = node.annotation
        elif isinstance(node, ast.FunctionDef) and node.returns is not None and any(
            ast.unparse(d) == "property" for d in node.decorator_list
        ):
            fields[node.name] = node.returns
    return fields


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
    for name in _classes():
        if name not in members:
            continue
        fields = variant_fields(name)
        if "provider" not in fields or "response" not in fields:
            continue
        is_variant, provider = _provider_literal(fields["provider"])
        if is_variant:
            variants[provider] = union_members(fields["response"])
    return variants
