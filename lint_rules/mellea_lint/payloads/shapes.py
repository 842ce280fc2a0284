"""The payload shapes of the installed stub, turned into runtime types that pydantic validates.

The shapes are not written here: ``mellea-stubs/core/base.pyi`` is read with ``ast`` and its
payload classes are evaluated in a namespace made of the stub's own imports, so the stub and the
runtime check cannot disagree. What is evaluated:

* every ``TypedDict`` class, as written (``@type_check_only`` and ``@final`` are no-ops here);
* every keyed class (a ``dict`` or SDK-model subclass whose ``__getitem__`` overloads name its
  keys: ``OpenAIUsageDict``, ``OllamaChatResponse``) as a ``TypedDict`` of those keys, each
  with the type of the first overload that names it; none is required (a checker cannot require
  a key of a ``dict`` subclass, and providers send subsets), a key no overload names is unknown;
* each ``raw`` variant's ``response`` and ``streamed_chunks`` annotations (its ``ProviderRaw``
  arguments, or what a completion variant redeclares), evaluated when a provider is first checked.

An ``Any`` member of a union is the stub's allowance for writes (a backend appends SDK dumps); a
read, and so this check, sees the other members. An import the stub names that fails here (an
optional SDK that is absent) becomes ``Any``, and ``degraded`` says why.
"""

from __future__ import annotations

import ast
import importlib.metadata
import sys
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter
from typing_extensions import TypedDict

from mellea_lint.surface import PROVIDERS

RUNTIME_MODULE = "mellea_lint.payloads._stub_namespace"
"""The prefix of the module the stub's payload classes are evaluated in (users import them
from ``mellea_lint.payloads.types``)."""
_MODULES: dict[str, ModuleType] = {}
STUB_DISTRIBUTION = "mellea-stubs"
STUB_FILE = "mellea-stubs/core/base.pyi"
_QUALIFIERS = frozenset({"NotRequired", "Required", "ReadOnly"})
_NO_OPS = ("type_check_only", "final")
_STRICT = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
_FUNCTIONAL_TYPEDDICT: Any = TypedDict
"""``TypedDict(name, fields)`` with a computed name (checkers accept only a literal one)."""


class StubNotFound(Exception):
    """The stub the shapes are read from is not installed; the message says what to install."""


def stub_path() -> Path:
    """The installed ``mellea-stubs`` file that declares the payloads."""
    try:
        located = Path(str(importlib.metadata.distribution(STUB_DISTRIBUTION).locate_file(STUB_FILE)))
    except importlib.metadata.PackageNotFoundError:
        located = None
    candidates = [located] if located else []
    candidates += [Path(entry) / STUB_FILE for entry in sys.path if entry]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StubNotFound(
        f"the payload check reads its shapes from {STUB_DISTRIBUTION} ({STUB_FILE}), which is not "
        f"installed here: pip install {STUB_DISTRIBUTION} (or mellea-typing)"
    )


@dataclass(frozen=True)
class Payload:
    """One payload class of the stub at run time."""

    name: str
    keys: dict[str, str]
    """Key -> its annotation as the stub writes it, without ``NotRequired``/``ReadOnly``."""
    required: frozenset[str]
    typed: type
    """The ``TypedDict`` that validates it (a keyed class: the ``TypedDict`` of its keys)."""
    sdk_model: type[BaseModel] | None = None
    """For a stub subclass of an SDK model (``OllamaChatResponse``): the model the value is."""

    @property
    def runtime(self) -> type:
        """What a value of this type is at run time: the SDK model, else the ``TypedDict``."""
        return self.sdk_model or self.typed


@dataclass(frozen=True)
class Member:
    """One member of a declared union: its text in the stub and its runtime type."""

    text: str
    type: Any
    adapter: TypeAdapter[Any] | None
    """``None`` for ``None`` and for a degraded member: nothing to validate."""
    degraded: str = ""
    """Why the member could not be evaluated (it is then ``Any``): an import of the stub failed."""


@dataclass(frozen=True)
class Declared:
    """A variant's ``response`` or ``streamed_chunks`` element type."""

    text: str
    members: tuple[Member, ...]

    @property
    def degraded(self) -> tuple[str, ...]:
        return tuple(m.degraded for m in self.members if m.degraded)


@dataclass(frozen=True)
class VariantShape:
    name: str
    response: Declared
    chunk: Declared | None
    """The element type of ``streamed_chunks`` (``None``: ``list[Any]``, only the list is checked)."""


@dataclass
class Shapes:
    """Everything the check needs from one stub file."""

    path: Path
    payloads: dict[str, Payload]
    namespace: dict[str, Any]
    degraded: dict[str, str]
    _tree: ast.Module
    _variants: dict[str, VariantShape] = field(default_factory=dict)

    def variant(self, name: str) -> VariantShape:
        """The shape of a ``raw`` variant class, evaluated on first use."""
        if name not in self._variants:
            response, chunks = _variant_annotations(self._tree, name)
            chunk = _list_element(chunks)
            self._variants[name] = VariantShape(
                name, self.declared(response), None if chunk is None else self.declared(chunk))
        return self._variants[name]

    def annotations(self, name: str) -> dict[str, str]:
        """A variant's ``response`` and ``streamed_chunks`` annotations as the stub writes them."""
        response, chunks = _variant_annotations(self._tree, name)
        return {"response": ast.unparse(response), "streamed_chunks": ast.unparse(chunks)}

    def declared(self, annotation: ast.expr) -> Declared:
        """An annotation written in the stub's namespace, split into its union members."""
        annotation = _without_any_members(annotation)
        members = []
        for node in _union_members(annotation):
            text = ast.unparse(node)
            self._resolve(node)
            missing = [n for n in _names(node) if n in self.degraded]
            if missing:
                why = "; ".join(self.degraded[n] for n in missing)
                members.append(Member(text, Any, None, f"{text} not checked: {why}"))
                continue
            value = _eval(node, self.namespace, str(self.path))
            members.append(Member(text, value, None if value is None else adapter_for(value)))
        return Declared(ast.unparse(annotation), tuple(members))

    def _resolve(self, node: ast.AST) -> None:
        """Run the stub's imports of the names ``node`` uses (once each); a failure degrades them."""
        _resolve_imports(self._tree, _names(node), self.namespace, self.degraded)


@cache
def adapter_for(tp: Any) -> TypeAdapter[Any]:
    """A validator of ``tp``: a ``TypedDict`` or model carries its own config; any other type
    accepts instances (``arbitrary_types_allowed``)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Item .* is using the `ReadOnly` qualifier", UserWarning)
        if _has_own_config(tp):
            return TypeAdapter(tp)
        return TypeAdapter(tp, config=_STRICT)


def _has_own_config(tp: Any) -> bool:
    from typing_extensions import is_typeddict

    return is_typeddict(tp) or (isinstance(tp, type) and issubclass(tp, BaseModel))


@cache
def load(path: Path | None = None) -> Shapes:
    """The shapes of the stub at ``path`` (default: the installed ``mellea-stubs``)."""
    path = path or stub_path()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    # A real module: pydantic resolves a TypedDict's annotations in the module it names.
    name = f"{RUNTIME_MODULE}_{len(_MODULES)}"  # one per stub file loaded
    module = _MODULES[name] = sys.modules[name] = ModuleType(name, f"The payload types of {path}.")
    namespace: dict[str, Any] = module.__dict__
    namespace.update(dict.fromkeys(_NO_OPS, _no_op))
    degraded: dict[str, str] = {}
    payloads: dict[str, Payload] = {}
    for node in _payload_classes(tree):
        _resolve_imports(tree, _names(node), namespace, degraded)
        payload = _evaluate(node, namespace, str(path))
        namespace[payload.name] = payload.typed
        payloads[payload.name] = payload
    return Shapes(path, payloads, namespace, degraded, tree)


def _no_op(cls: Any) -> Any:
    return cls


def _eval(expression: ast.expr, namespace: dict[str, Any], filename: str) -> Any:
    """Evaluate stub code; ``dont_inherit``: this module's ``from __future__ import annotations``
    must not turn the stub's annotations into strings (``__required_keys__`` would be wrong)."""
    return eval(compile(ast.Expression(expression), filename, "eval", dont_inherit=True), namespace)  # noqa: S307


def _exec(statement: ast.stmt, namespace: dict[str, Any], filename: str) -> None:
    exec(compile(ast.Module([statement], type_ignores=[]), filename, "exec", dont_inherit=True), namespace)  # noqa: S102


def _payload_classes(tree: ast.Module) -> Iterator[ast.ClassDef]:
    """The stub's ``TypedDict`` classes and keyed classes, in stub order."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and (_is_typeddict(node) or _getitem_overloads(node)):
            yield node


def _is_typeddict(node: ast.ClassDef) -> bool:
    return any(ast.unparse(b) == "TypedDict" for b in node.bases)


def _evaluate(node: ast.ClassDef, namespace: dict[str, Any], filename: str) -> Payload:
    keys, required = _declared_keys(node)
    typed: Any
    sdk_model = None
    if _is_typeddict(node):
        _exec(node, namespace, filename)
        typed = namespace[node.name]
    else:
        items = {key: _eval(ann, namespace, filename)
                 for key, ann in _overload_keys(node).items()}
        typed = _FUNCTIONAL_TYPEDDICT(node.name, items, total=False)
        typed.__module__ = namespace["__name__"]
        bases = [_eval(b, namespace, filename) for b in node.bases]
        sdk_model = next((b for b in bases if isinstance(b, type) and issubclass(b, BaseModel)), None)
    typed.__pydantic_config__ = _STRICT  # pydantic reads a TypedDict's config from it
    return Payload(node.name, keys, required, typed, sdk_model)


def _declared_keys(node: ast.ClassDef) -> tuple[dict[str, str], frozenset[str]]:
    if not _is_typeddict(node):
        overloads = _overload_keys(node)
        return {k: ast.unparse(v) for k, v in overloads.items()}, frozenset()
    total = not any(k.arg == "total" and ast.unparse(k.value) == "False" for k in node.keywords)
    keys, required = {}, set()
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            annotation, qualifiers = _without_qualifiers(statement.annotation)
            keys[statement.target.id] = ast.unparse(annotation)
            if "Required" in qualifiers or (total and "NotRequired" not in qualifiers):
                required.add(statement.target.id)
    return keys, frozenset(required)


def _without_qualifiers(annotation: ast.expr) -> tuple[ast.expr, set[str]]:
    qualifiers = set()
    while isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) in _QUALIFIERS:
        qualifiers.add(ast.unparse(annotation.value))
        annotation = annotation.slice
    return annotation, qualifiers


def _getitem_overloads(node: ast.ClassDef) -> list[ast.FunctionDef]:
    return [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__getitem__"]


def _overload_keys(node: ast.ClassDef) -> dict[str, ast.expr]:
    """Key -> the return annotation of the first ``__getitem__`` overload naming it."""
    keys: dict[str, ast.expr] = {}
    for overload in _getitem_overloads(node):
        parameter = overload.args.args[1].annotation
        for constant in ast.walk(parameter) if parameter is not None else ():
            if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                keys.setdefault(constant.value, overload.returns or ast.Name("Any"))
    return keys


def _names(node: ast.AST) -> set[str]:
    """The top-level names an annotation or class uses (``ollama`` for ``ollama.Message``)."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _resolve_imports(tree: ast.Module, names: set[str], namespace: dict[str, Any],
                     degraded: dict[str, str]) -> None:
    """Run, one name at a time, the stub's imports that bind ``names`` and are not bound yet."""
    for statement in tree.body:
        if not isinstance(statement, (ast.Import, ast.ImportFrom)):
            continue
        for alias in statement.names:
            name = (alias.asname or alias.name).split(".")[0]
            if name not in names or name in namespace or name in degraded:
                continue
            single = ast.copy_location(ast.Import([alias]) if isinstance(statement, ast.Import)
                                       else ast.ImportFrom(statement.module, [alias], statement.level), statement)
            try:
                _exec(single, namespace, "<stub imports>")
            except Exception as exc:  # an optional SDK that is absent or broken: the name reads as Any
                degraded[name] = f"{ast.unparse(single)} failed ({type(exc).__name__}: {exc})"


@cache
def _parsed_members(text: str) -> list[ast.expr]:
    return _union_members(ast.parse(text, mode="eval").body)


def _union_members(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union_members(node.left) + _union_members(node.right)
    return [node]


def _union(members: list[ast.expr]) -> ast.expr:
    result = members[0]
    for member in members[1:]:
        result = ast.BinOp(result, ast.BitOr(), member)
    return result


def _without_any_members(node: ast.expr) -> ast.expr:
    """``list[X | Any] | None`` -> ``list[X] | None`` (a union that is only ``Any`` stays)."""
    members = [m for m in _union_members(node) if ast.unparse(m) != "Any"] or [node]
    rebuilt = [ast.Subscript(m.value, _without_any_members(m.slice), ast.Load())
               if isinstance(m, ast.Subscript) and not isinstance(m.slice, ast.Tuple) else m for m in members]
    return _union(rebuilt)


def _list_element(annotation: ast.expr) -> ast.expr | None:
    """``list[E] | None`` -> ``E`` (``None`` when the elements are ``Any``)."""
    for member in _union_members(_without_any_members(annotation)):
        if isinstance(member, ast.Subscript) and ast.unparse(member.value) == "list":
            return None if ast.unparse(member.slice) == "Any" else member.slice
    return None


def _variant_annotations(tree: ast.Module, name: str) -> tuple[ast.expr, ast.expr]:
    """A variant's ``response`` and ``streamed_chunks`` annotations: its own declarations,
    else those of its base (a variant, or ``ProviderRaw[provider, response, chunks]``)."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    if name not in classes:
        raise KeyError(f"{STUB_FILE} declares no class {name!r}")
    node = classes[name]
    response = next((f.returns for f in node.body if isinstance(f, ast.FunctionDef)
                     and f.name == "response" and f.returns is not None and _is_property(f)), None)
    chunks = next((s.annotation for s in node.body if isinstance(s, ast.AnnAssign)
                   and isinstance(s.target, ast.Name) and s.target.id == "streamed_chunks"), None)
    for base in node.bases:
        if response is not None and chunks is not None:
            break
        if isinstance(base, ast.Subscript) and ast.unparse(base.value) == "ProviderRaw":
            assert isinstance(base.slice, ast.Tuple), ast.unparse(base)
            _, base_response, base_chunks = base.slice.elts
        elif isinstance(base, ast.Name) and base.id in classes:
            base_response, base_chunks = _variant_annotations(tree, base.id)
        else:
            continue
        response = response if response is not None else base_response
        chunks = chunks if chunks is not None else base_chunks
    if response is None or chunks is None:
        raise KeyError(f"{STUB_FILE}: {name} declares no response or streamed_chunks type")
    return response, chunks


def _is_property(function: ast.FunctionDef) -> bool:
    return any(ast.unparse(d) == "property" for d in function.decorator_list)


def variant_names() -> dict[str, tuple[str, str]]:
    """Provider literal -> (chat variant, completion variant), from ``surface.PROVIDERS``."""
    return {p.literal: (p.variant, p.completion_variant) for p in PROVIDERS}


def annotation_at(payloads: Mapping[str, Payload], text: str, steps: tuple[str | int, ...]) -> str | None:
    """The stub's annotation of the value at ``steps`` below a value declared as ``text``."""
    for step in steps:
        found = None
        for member in _parsed_members(text):
            if isinstance(step, int) and isinstance(member, ast.Subscript) and \
                    ast.unparse(member.value) in ("list", "Sequence"):
                found = ast.unparse(member.slice)
            elif isinstance(step, str) and ast.unparse(member) in payloads and step in payloads[ast.unparse(member)].keys:
                found = payloads[ast.unparse(member)].keys[step]
            if found is not None:
                break
        if found is None:
            return None
        text = found
    return text
