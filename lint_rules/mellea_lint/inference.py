"""Knowing a thunk without a type checker: a small, flow-insensitive type evaluator.

The visitor (``visitor.py``) records, per scope, where every name (and every
``self.attr`` of a class) gets its value: annotations, assignments, loop targets,
tuple unpacking, imports, ``def``/``class`` statements. This module evaluates
expressions over those records into a handful of types that matter for the rules:

* ``THUNK`` - a ``ModelOutputThunk`` (annotations, constructor calls, ``instruct``,
  ``act``, ``SamplingResult.result``, ``ctx.last_output()``, ...);
* ``THUNK_CLASS`` - the class itself (``ModelOutputThunk._copy_from``, ``patch.object``);
* ``THUNK_API`` - the result of ``act``/``aact``/...: the session methods return a thunk,
  the functional ones ``(thunk, context)``, so it is a thunk and its item 0 is one too;
* ``SAMPLING`` - a ``SamplingResult``;
* ``Seq(t)`` / ``Tup(ts)`` - containers (``list[ModelOutputThunk]``, ``generate_from_raw``,
  ``generate_from_context`` unpacking, ``enumerate``/``zip`` in loops);
* ``Inst(cls)`` / ``ClassRef(cls)`` - instances of (and references to) a class defined in
  the file, so ``self.x`` and ``obj.x`` follow the class's own attributes;
* ``Module(dotted)`` - an imported module (for ``mellea.core.base._CallInfo``);
* ``OTHER`` - certainly not a thunk (literals, exception names, other classes);
* ``BUILTIN`` - annotated as a builtin type, which cannot have a thunk's private members;
* ``MAYBE_THUNK`` - a union of a thunk and other types (``Component | ModelOutputThunk``);
* ``None`` - unknown.

Evidence by use (``x._generate_log``, ``isinstance(x, ModelOutputThunk)``, a provider
key in ``x._meta``) is kept per receiver key and consulted by ``Evaluator.evidence``.
Nothing is imported or executed; all names come from ``surface``.
"""

from __future__ import annotations

import ast
from typing import Final, TypeAlias, cast

from . import surface

THUNK_CLASS_NAMES: Final = frozenset(c.rsplit(".", 1)[1] for c in surface.THUNK_CLASSES)
SAMPLING_CLASS_NAME: Final = surface.SAMPLING_RESULT_CLASS.rsplit(".", 1)[1]


class Value:
    """Base of the engine's immutable records (the type values below, the visitor's uses): equal
    and hashed by class and fields (``Inst(c) != ClassRef(c)``), as frozen dataclasses are, without
    importing ``dataclasses`` (and so ``inspect``) on every edited file's check."""

    __slots__: tuple[str, ...] = ()

    def fields(self) -> tuple[object, ...]:
        """The field values, in ``__slots__`` order."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Value) and other.__class__ is self.__class__:
            return self.fields() == other.fields()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.fields()))})"


class Seq(Value):
    """An iterable whose items have type ``item``."""

    __slots__ = ("item",)

    def __init__(self, item: Type) -> None:
        self.item: Final = item


class Tup(Value):
    """A tuple with per-position types."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Type, ...]) -> None:
        self.items: Final = items


class Inst(Value):
    """An instance of a class defined in the checked file."""

    __slots__ = ("cls",)

    def __init__(self, cls: ClassInfo) -> None:
        self.cls: Final = cls


class ClassRef(Value):
    """A class defined in the checked file, as a value."""

    __slots__ = ("cls",)

    def __init__(self, cls: ClassInfo) -> None:
        self.cls: Final = cls


class Module(Value):
    """An imported module."""

    __slots__ = ("dotted",)

    def __init__(self, dotted: str) -> None:
        self.dotted: Final = dotted


class FuncRef(Value):
    """A function defined in the checked file, as a value; calling it gives ``returns``."""

    __slots__ = ("node", "scope")

    def __init__(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> None:
        self.node: Final = node
        self.scope: Final = scope


THUNK: Final = "thunk"
THUNK_CLASS: Final = "thunk-class"
THUNK_API: Final = "thunk-api"
SAMPLING: Final = "sampling-result"
OTHER: Final = "other"
BUILTIN: Final = "builtin"
"""Declared as a builtin or standard-library type (``Dict[str, Any]``): it has no private thunk member."""
MAYBE_THUNK: Final = "maybe-thunk"

Type: TypeAlias = "str | Seq | Tup | Inst | ClassRef | Module | FuncRef | None"

# A binding source: (kind, node, scope, extra). Kinds:
#   "annot"  node is an annotation          "value" node is an expression
#   "iter"   an item of iterating node      "with"  the target of ``with node as x``
#   "item"   extra[0]-th item of the source extra[1]; "star": a list of its items
#   "param"  an unannotated parameter       "self"  first parameter of a method (extra=class)
#   "def"/"class" node defines the name
#   "import" extra is the dotted imported name; node is None for ``import a.b``
#            (a module) and the ImportFrom for ``from a import b`` (any object)
#   "cls"    first parameter of a classmethod (extra=class)
#   "varargs" ``*args: node``
#   "other"  certainly not a thunk
Source: TypeAlias = "tuple[str, ast.AST | None, Scope, object]"


class ClassInfo:
    """What the file says about one class: its bases and ``self`` attributes (equal only to itself)."""

    __slots__ = ("node", "scope", "body", "attrs", "methods")

    def __init__(self, node: ast.ClassDef, scope: Scope, body: Scope) -> None:
        self.node = node
        self.scope = scope  # the scope the class statement is in (bases are evaluated there)
        self.body = body  # the class body
        self.attrs: dict[str, list[Source]] = {}
        self.methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}


class Scope:
    """A module, function, lambda, comprehension or class body (equal only to itself)."""

    __slots__ = ("kind", "parent", "bindings", "evidence", "declared_global", "declared_nonlocal", "cls",
                 "self_name", "producer")

    def __init__(self, kind: str, parent: Scope | None) -> None:
        self.kind = kind
        self.parent = parent
        self.bindings: dict[str, list[Source]] = {}
        self.evidence: dict[str, set[str]] = {}
        self.declared_global: set[str] = set()
        self.declared_nonlocal: set[str] = set()
        self.cls: ClassInfo | None = None  # for a class body: the class; for a method: its class
        self.self_name: str | None = None  # for a method: the name of its first parameter
        self.producer = False  # a backend class body, a function that builds thunks, a registered callback

    def in_producer(self) -> bool:
        """True inside producer code: this scope or an enclosing one is marked."""
        scope: Scope | None = self
        while scope is not None:
            if scope.producer:
                return True
            scope = scope.parent
        return False

    def bind(self, name: str, source: Source) -> None:
        self.bindings.setdefault(name, []).append(source)

    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def resolve(self, name: str) -> Scope:
        """The scope that owns ``name`` as seen from here (Python's LEGB, class bodies skipped)."""
        if name in self.declared_global:
            return self.module()
        scope: Scope | None = self
        first = True
        while scope is not None:
            if (first or scope.kind != "class") and name in scope.bindings and name not in scope.declared_nonlocal:
                return scope
            first = False
            scope = scope.parent
        return self.module()


def is_thunk(t: Type) -> bool:
    """True for a thunk, the thunk class, or a (reference to a) subclass defined in the file."""
    if t in (THUNK, THUNK_CLASS, THUNK_API):
        return True
    if isinstance(t, (Inst, ClassRef)):
        return _class_is_thunk(t.cls, set())
    return False


def is_known_other(t: Type) -> bool:
    """True when ``t`` is known and not a thunk: evidence by use must not override it."""
    return t is not None and t != MAYBE_THUNK and not is_thunk(t)


def _class_is_thunk(cls: ClassInfo, seen: set[int]) -> bool:
    if id(cls) in seen:
        return False
    seen.add(id(cls))
    for base in cls.node.bases:
        if tail_name(base) in THUNK_CLASS_NAMES:
            return True
        if isinstance(base, ast.Name):
            for source in cls.scope.resolve(base.id).bindings.get(base.id, ()):
                kind, _node, _scope, extra = source
                if kind == "class" and isinstance(extra, ClassInfo) and _class_is_thunk(extra, seen):
                    return True
                if kind == "import" and isinstance(extra, str) and extra.rsplit(".", 1)[-1] in THUNK_CLASS_NAMES:
                    return True
    return False


def class_is_backend(cls: ClassInfo, evaluator: Evaluator, seen: set[int] | None = None) -> bool:
    """True when ``cls`` derives from a mellea backend class, directly or through local classes."""
    seen = set() if seen is None else seen
    if id(cls) in seen:
        return False
    seen.add(id(cls))
    for base in cls.node.bases:
        dotted = None
        if isinstance(base, ast.Name):
            for kind, _node, _scope, extra in cls.scope.resolve(base.id).bindings.get(base.id, ()):
                if kind == "class" and isinstance(extra, ClassInfo) and class_is_backend(extra, evaluator, seen):
                    return True
                if kind == "import" and isinstance(extra, str):
                    dotted = extra
        elif isinstance(base, ast.Attribute):
            owner = evaluator.type_of(base.value, cls.scope)
            if isinstance(owner, Module):
                dotted = f"{owner.dotted}.{base.attr}"
        if dotted is not None:
            module, _, name = dotted.rpartition(".")
            if surface.is_backend_class(module, name):
                return True
    return False


def tail_name(node: ast.AST) -> str | None:
    """The last name of a reference: ``ModelOutputThunk`` for ``ModelOutputThunk``,
    ``base.ModelOutputThunk``, ``X[...]`` and ``X(...)`` of them (annotations, decorators)."""
    if isinstance(node, (ast.Subscript, ast.Call)):
        node = node.value if isinstance(node, ast.Subscript) else node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def join(types: list[Type]) -> Type:
    """Flow-insensitive merge of the types a value may have (``None`` = unknown, ignored).

    Only thunks: the first of them. Thunks and known other types (``Component | CBlock |
    ModelOutputThunk``, a name bound to both): ``MAYBE_THUNK``. Otherwise the first known type.
    """
    thunk: Type = None
    other: Type = None
    for t in types:
        if is_thunk(t) or t == MAYBE_THUNK:
            thunk = thunk or t
        elif t is not None:
            other = other or t
    if thunk is not None and other is not None:
        return MAYBE_THUNK
    return thunk if thunk is not None else other


def item_of(t: Type, index: int | None = None) -> Type:
    """The type of ``t[index]`` (``None``: any item) or of one iteration step over ``t``."""
    if isinstance(t, Seq):
        return t.item
    if isinstance(t, Tup):
        if index is not None and -len(t.items) <= index < len(t.items):
            return t.items[index]
        return join(list(t.items))
    if t == THUNK_API and index == 0:
        return THUNK
    return None


def receiver_key(node: ast.AST) -> str | None:
    """A text key for a receiver expression: ``mot``, ``self._mot``, ``result[]``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = receiver_key(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    if isinstance(node, ast.Subscript):
        inner = receiver_key(node.value)
        return None if inner is None else f"{inner}[]"
    return None


def key_root(key: str) -> str:
    end = len(key)
    for sep in (".", "["):
        pos = key.find(sep)
        if pos != -1:
            end = min(end, pos)
    return key[:end]


_SEQ_GENERICS: Final = frozenset({
    "list", "List", "Sequence", "MutableSequence", "Iterable", "Iterator", "AsyncIterable",
    "AsyncIterator", "Collection", "set", "Set", "frozenset", "FrozenSet", "deque", "Deque",
    "Generator", "AsyncGenerator", "Reversible",
})
_PASS_THROUGH_GENERICS: Final = frozenset({"Optional", "Annotated", "ClassVar", "Final", "Required", "NotRequired", "ReadOnly", "Type", "type"})
_LAST_ARG_GENERICS: Final = frozenset({"Awaitable", "Coroutine"})
_UNKNOWN_ANNOTATIONS: Final = frozenset({"Any", "object", "None", "Self"})
"""Annotation names that say nothing about thunk-ness (any other class name is "not a thunk")."""
_BUILTIN_ANNOTATIONS: Final = frozenset({
    "dict", "Dict", "Mapping", "MutableMapping", "defaultdict", "DefaultDict", "OrderedDict", "Counter",
    "ChainMap", "TypedDict", "list", "List", "str", "bytes", "int", "float", "bool", "complex",
    "tuple", "Tuple", "set", "Set", "frozenset", "FrozenSet",
})
"""Annotation names of builtin and ``typing``/``collections`` types: no ``_meta``, no ``_generate_log``."""
_SEQ_BUILTINS: Final = frozenset({"list", "tuple", "sorted", "reversed", "set", "frozenset", "iter"})
_COPY_FUNCS: Final = frozenset({"copy", "deepcopy"})
_COPY_METHODS: Final = frozenset({"__copy__", "__deepcopy__"})


class Evaluator:
    """Evaluates expressions of one file to ``Type`` (memoised, cycle-safe)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[int, int], Type] = {}
        self._busy: set[tuple[int, int]] = set()
        self._string_annotations: dict[str, ast.expr | None] = {}

    # -- evidence by use -------------------------------------------------------------

    def evidence(self, node: ast.AST, scope: Scope) -> set[str]:
        """Labels of the uses that show ``node``'s value is a thunk (empty: none)."""
        key = receiver_key(node)
        if key is None:
            return set()
        home, home_key = evidence_home(key, scope)
        return home.evidence.get(home_key, set())

    # -- expressions -------------------------------------------------------------------

    def type_of(self, node: ast.AST, scope: Scope, *, with_evidence: bool = True) -> Type:
        """The type of expression ``node`` evaluated in ``scope``."""
        if with_evidence and self.evidence(node, scope):
            return THUNK
        memo_key = (id(node), id(scope))
        if memo_key in self._memo:
            return self._memo[memo_key]
        if memo_key in self._busy:
            return None
        self._busy.add(memo_key)
        try:
            result = self._eval(node, scope)
        finally:
            self._busy.discard(memo_key)
        self._memo[memo_key] = result
        return result

    def _eval(self, node: ast.AST, scope: Scope) -> Type:
        match node:
            case ast.Name(id=name):
                if name in THUNK_CLASS_NAMES:
                    return THUNK_CLASS
                return self.name_type(name, scope)
            case ast.Attribute(value=value, attr=attr):
                return self._attribute(value, attr, scope)
            case ast.Call():
                return self._call(node, scope)
            case ast.Await(value=value) | ast.NamedExpr(value=value):
                return self.type_of(value, scope)
            case ast.Subscript(value=value, slice=index):
                container = self.type_of(value, scope)
                if container == THUNK_CLASS or isinstance(container, ClassRef):
                    return container  # a generic alias: ModelOutputThunk[str](...) builds a thunk
                if isinstance(index, ast.Slice):
                    return container if isinstance(container, Seq) else None
                if isinstance(index, ast.Constant) and isinstance(index.value, int):
                    return item_of(container, index.value)
                return item_of(container)
            case ast.IfExp(body=body, orelse=orelse):
                return join([self.type_of(body, scope), self.type_of(orelse, scope)])
            case ast.BoolOp(values=values):
                return join([self.type_of(v, scope) for v in values])
            case ast.List(elts=elts) | ast.Set(elts=elts):
                return Seq(join([self.type_of(e, scope) for e in elts]))
            case ast.Tuple(elts=elts):
                return Tup(tuple(self.type_of(e, scope) for e in elts))
            case ast.Constant(value=None):
                return None
            case ast.Constant() | ast.JoinedStr() | ast.Dict() | ast.DictComp() | ast.Compare():
                return OTHER
        return None

    def name_type(self, name: str, scope: Scope) -> Type:
        home = scope.resolve(name)
        sources = home.bindings.get(name)
        if not sources:
            return None
        return join([self.source_type(s) for s in sources])

    def source_type(self, source: Source) -> Type:
        kind, node, scope, extra = source
        if kind == "annot":
            return self.annotation_type(node, scope)
        if kind == "varargs":
            return Seq(self.annotation_type(node, scope))
        if kind in ("value", "iter", "with") and node is not None:
            t = self.type_of(node, scope)
            if kind == "iter":
                return item_of(t)
            return t if kind == "value" or is_thunk(t) else None
        if kind == "item":
            index, inner = cast("tuple[int, Source]", extra)
            return item_of(self.source_type(inner), index)
        if kind == "star":
            return Seq(item_of(self.source_type(extra)))  # type: ignore[arg-type]
        if kind == "self":
            return Inst(extra)  # type: ignore[arg-type]
        if kind == "cls":
            return ClassRef(extra)  # type: ignore[arg-type]
        if kind == "class":
            return ClassRef(extra)  # type: ignore[arg-type]
        if kind == "def":
            return FuncRef(node, scope)  # type: ignore[arg-type]
        if kind == "import":
            dotted = str(extra)
            if dotted.rsplit(".", 1)[-1] in THUNK_CLASS_NAMES:
                return THUNK_CLASS
            return Module(dotted) if node is None else OTHER
        if kind == "other":
            return OTHER
        return None

    def _attribute(self, value: ast.expr, attr: str, scope: Scope) -> Type:
        if attr in THUNK_CLASS_NAMES:
            return THUNK_CLASS
        owner = self.type_of(value, scope)
        if owner == SAMPLING:
            if attr == surface.SAMPLING_RESULT_THUNK:
                return THUNK
            if attr == surface.SAMPLING_RESULT_THUNK_LIST:
                return Seq(THUNK)
            return None
        if isinstance(owner, Module):
            return Module(f"{owner.dotted}.{attr}")
        if isinstance(owner, (Inst, ClassRef)):
            return self.class_attr_type(owner.cls, attr, set())
        return None

    def class_attr_type(self, cls: ClassInfo, attr: str, seen: set[int]) -> Type:
        """The type of ``self.attr`` for an instance of ``cls`` (own or inherited from a local base)."""
        if id(cls) in seen:
            return None
        seen.add(id(cls))
        labels = cls.body.evidence.get(f"self.{attr}")
        if labels:
            return THUNK
        sources = cls.attrs.get(attr)
        if sources:
            return join([self.source_type(s) for s in sources])
        method = cls.methods.get(attr)
        if method is not None and any(tail_name(d) == "property" for d in method.decorator_list):
            return self.annotation_type(method.returns, cls.body) if method.returns else None
        if method is not None:
            return FuncRef(method, cls.body)
        for base in cls.node.bases:
            base_type = self.type_of(base, cls.scope)
            if isinstance(base_type, ClassRef):
                found = self.class_attr_type(base_type.cls, attr, seen)
                if found is not None:
                    return found
        return None

    def _call(self, node: ast.Call, scope: Scope) -> Type:
        func = node.func
        callee = self.type_of(func, scope)
        if callee == THUNK_CLASS:
            return THUNK
        if isinstance(callee, ClassRef):
            return Inst(callee.cls)
        if isinstance(callee, FuncRef):
            returns = callee.node.returns
            return self.annotation_type(returns, callee.scope) if returns is not None else None
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name is None:
            return None
        if name in surface.THUNK_RETURNING_APIS:
            for kw in node.keywords:
                if kw.arg == surface.SAMPLING_RESULT_FLAG and not (
                    isinstance(kw.value, ast.Constant) and not kw.value.value
                ):
                    return SAMPLING
            return THUNK_API
        if name in surface.THUNK_TUPLE_RETURNING_APIS:
            return Tup((THUNK, None))
        if name in surface.THUNK_LIST_RETURNING_APIS:
            return Seq(THUNK)
        if name in surface.THUNK_OR_NONE_RETURNING_APIS:
            return THUNK
        if name in _COPY_METHODS and isinstance(func, ast.Attribute):
            return self.type_of(func.value, scope)
        if not node.args:
            return None
        if name in _COPY_FUNCS:
            return self.type_of(node.args[0], scope)
        if name == "cast" and isinstance(func, (ast.Name, ast.Attribute)):
            return self.annotation_type(node.args[0], scope)
        if isinstance(func, ast.Name):
            if name in _SEQ_BUILTINS:
                return Seq(item_of(self.type_of(node.args[0], scope)))
            if name == "enumerate":
                return Seq(Tup((OTHER, item_of(self.type_of(node.args[0], scope)))))
            if name == "zip":
                return Seq(Tup(tuple(item_of(self.type_of(a, scope)) for a in node.args)))
            if name == "next":
                return item_of(self.type_of(node.args[0], scope))
        return None

    # -- annotations ---------------------------------------------------------------

    def annotation_type(self, node: ast.AST | None, scope: Scope) -> Type:
        """The type an annotation declares (strings are parsed; unknown names give ``None``)."""
        match node:
            case ast.Constant(value=str(text)):
                return self.annotation_type(self._parse_annotation(text), scope)
            case ast.Name(id=name) | ast.Attribute(attr=name):
                if name in THUNK_CLASS_NAMES:
                    return THUNK
                if name == SAMPLING_CLASS_NAME:
                    return SAMPLING
                if name in _UNKNOWN_ANNOTATIONS:
                    return None
                if isinstance(node, ast.Name):
                    declared = self.name_type(name, scope)
                    if declared == THUNK_CLASS:
                        return THUNK
                    if isinstance(declared, ClassRef):
                        return Inst(declared.cls)
                return BUILTIN if name in _BUILTIN_ANNOTATIONS else OTHER
            case ast.Subscript(value=generic, slice=args):
                generic_name = tail_name(generic)
                items = list(args.elts) if isinstance(args, ast.Tuple) else [args]
                if generic_name in _SEQ_GENERICS:
                    return Seq(self.annotation_type(items[0], scope))
                if generic_name in ("tuple", "Tuple"):
                    if len(items) == 2 and isinstance(items[1], ast.Constant) and items[1].value is Ellipsis:
                        return Seq(self.annotation_type(items[0], scope))
                    return Tup(tuple(self.annotation_type(i, scope) for i in items))
                if generic_name in _PASS_THROUGH_GENERICS:
                    return self.annotation_type(items[0], scope)
                if generic_name in _LAST_ARG_GENERICS:
                    return self.annotation_type(items[-1], scope)
                if generic_name == "Union":
                    return join([self.annotation_type(i, scope) for i in items])
                return self.annotation_type(generic, scope)
            case ast.BinOp(op=ast.BitOr(), left=left, right=right):
                return join([self.annotation_type(left, scope), self.annotation_type(right, scope)])
        return None

    def _parse_annotation(self, text: str) -> ast.expr | None:
        if text not in self._string_annotations:
            try:
                parsed: ast.expr | None = ast.parse(text.strip(), mode="eval").body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                parsed = None
            self._string_annotations[text] = parsed
        return self._string_annotations[text]


def evidence_home(key: str, scope: Scope) -> tuple[Scope, str]:
    """Where evidence about receiver ``key`` used in ``scope`` is kept.

    A name's evidence lives in the scope that owns the name (a closure's use of an
    outer ``mot`` is evidence for the outer one); ``self.x`` evidence lives in the
    class body, keyed ``self.x`` whatever the method calls its first parameter.
    """
    root = key_root(key)
    if scope.self_name == root and scope.cls is not None:
        return scope.cls.body, "self" + key[len(root):]
    return scope.resolve(root), key
