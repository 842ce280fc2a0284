"""The provider payload TypedDicts and ``raw`` variants declared in the installed-to-be stub
``stubs/mellea-stubs/core/base.pyi``, read from its syntax tree (no type checker needed)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STUB = Path(__file__).resolve().parent.parent / "stubs" / "mellea-stubs" / "core" / "base.pyi"


@dataclass(frozen=True)
class TypedDictDecl:
    name: str
    keys: dict[str, str]
    """Key -> its annotation as written, without the ``NotRequired[...]`` / ``ReadOnly[...]`` wrappers."""
    required: frozenset[str]
    keyed_dict: bool = False
    """A stub-only ``dict[str, Any]`` subclass whose ``__getitem__`` overloads name the keys
    (``OpenAIUsageDict``): a plain dict literal is not one; ``Name({...})`` is."""

    def accepts_keys(self, keys: set[str]) -> bool:
        """Whether a dict with exactly ``keys`` has every required key and no undeclared one."""
        return self.required <= keys <= set(self.keys)


@cache
def typeddicts(stub: Path = STUB) -> dict[str, TypedDictDecl]:
    out = {}
    for node in ast.parse(stub.read_text()).body:
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "TypedDict" for b in node.bases):
            total = not any(k.arg == "total" and ast.unparse(k.value) == "False" for k in node.keywords)
            keys, required = {}, set()
            for s in node.body:
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name):
                    ann, qualifiers = _without_qualifiers(s.annotation)
                    keys[s.target.id] = ast.unparse(ann)
                    if "Required" in qualifiers or (total and "NotRequired" not in qualifiers):
                        required.add(s.target.id)
            out[node.name] = TypedDictDecl(node.name, keys, frozenset(required))
        elif isinstance(node, ast.ClassDef) and _getitem_overloads(node):
            # A stub-only class whose ``__getitem__`` overloads name its keys (OpenAIUsageDict,
            # OllamaChatResponse): every key it names is one the SDK always dumps.
            keyed = {key: ast.unparse(f.returns) if f.returns else "Any"
                     for f in _getitem_overloads(node) for key in _literal_keys(f)}
            is_dict = any(  # a dict subclass, directly or through another keyed dict class
                ast.unparse(b).startswith("dict[") or getattr(out.get(ast.unparse(b)), "keyed_dict", False)
                for b in node.bases
            )
            out[node.name] = TypedDictDecl(node.name, keyed, frozenset(keyed), keyed_dict=is_dict)
    return out


_KEY_QUALIFIERS = frozenset({"NotRequired", "Required", "ReadOnly"})


def _without_qualifiers(annotation: ast.expr) -> tuple[ast.expr, set[str]]:
    """``NotRequired[ReadOnly[T]]`` -> (``T``, {"NotRequired", "ReadOnly"})."""
    qualifiers = set()
    while isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) in _KEY_QUALIFIERS:
        qualifiers.add(ast.unparse(annotation.value))
        annotation = annotation.slice
    return annotation, qualifiers


def _getitem_overloads(node: ast.ClassDef) -> list[ast.FunctionDef]:
    return [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__getitem__"]


def _literal_keys(getitem: ast.FunctionDef) -> list[str]:
    """The string constants inside the ``Literal[...]`` annotation of the key parameter."""
    annotation = getitem.args.args[1].annotation
    return [n.value for n in ast.walk(annotation) if isinstance(n, ast.Constant) and isinstance(n.value, str)] \
        if annotation is not None else []


def typeddicts_named_in(annotation: str, stub: Path = STUB) -> list[TypedDictDecl]:
    """The TypedDicts an annotation names anywhere (``list[X] | None`` names ``X``)."""
    known = typeddicts(stub)
    return [known[n.id] for n in ast.walk(ast.parse(annotation, mode="eval"))
            if isinstance(n, ast.Name) and n.id in known]


def stub_subclass_named_in(annotation: str, runtime_class: str, stub: Path = STUB) -> str | None:
    """The stub-only class that ``annotation`` names and that subclasses ``runtime_class``
    (``OllamaChatResponse`` for ``ollama.ChatResponse``): the type a captured SDK object has."""
    named = {n.id for n in ast.walk(ast.parse(annotation, mode="eval")) if isinstance(n, ast.Name)}
    for node in ast.parse(stub.read_text()).body:
        if isinstance(node, ast.ClassDef) and node.name in named and any(
            ast.unparse(base) == runtime_class for base in node.bases
        ):
            return node.name
    return None
