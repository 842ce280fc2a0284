"""One pass over a module's AST: scopes, bindings, evidence, and every place a rule may apply.

The pass records facts only; deciding whether a receiver is a thunk happens afterwards
(``inference.Evaluator``), when every binding of every scope is known, because Python
decides a name's scope from the whole function body, not from what came before.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable
from typing import Final

from . import surface
from .inference import (
    THUNK_CLASS_NAMES,
    ClassInfo,
    Scope,
    Source,
    Value,
    evidence_home,
    receiver_key,
    tail_name,
)

_STRING_ACCESSORS: Final = frozenset({"getattr", "setattr", "hasattr", "delattr"})
_STRING_WRITERS: Final = frozenset({"setattr", "delattr"})
_DOTTED_PATCHERS: Final = frozenset({"patch", "setattr", "delattr"})


def is_private(name: str) -> bool:
    """``_x`` and ``__x`` are private; dunders (``__x__``) are not."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name != "_"


class MetaUse(Value):
    """How a private attribute is used as a mapping: ``x._meta[key]``, ``.get(key)``, ``key in``."""

    __slots__ = ("key", "how", "node")

    def __init__(self, key: str | None, how: str, node: ast.expr) -> None:
        self.key: Final = key
        self.how: Final = how  # "subscript" | "get" | "in" | "mutate"
        self.node: Final = node  # the whole expression (for a subscript: the span an autofix replaces)


class AttributeUse(Value):
    """``receiver._name`` somewhere in the file."""

    __slots__ = ("node", "scope", "mode", "meta", "mutated_through", "narrowed")

    def __init__(
        self, node: ast.Attribute, scope: Scope, mode: str, meta: MetaUse | None, mutated_through: bool,
        narrowed: ast.expr | None = None,
    ) -> None:
        self.node: Final = node
        self.scope: Final = scope
        self.mode: Final = mode  # "read" | "call" | "write" | "aug" | "del" | "item-write"
        self.meta: Final = meta
        self.mutated_through: Final = mutated_through  # ``x._name.y = ...`` / ``x._meta[k][j] = ...``: never autofixed
        self.narrowed: Final = narrowed  # inside ``if isinstance(receiver, narrowed):``


class StringUse(Value):
    """A private member named in a string: ``getattr(x, "_gen")``, ``patch.object(X, "_gen")``."""

    __slots__ = ("string", "name", "receiver", "scope", "write", "narrowed")

    def __init__(
        self, string: ast.Constant, name: str, receiver: ast.expr | None, scope: Scope, write: bool,
        narrowed: ast.expr | None = None,
    ) -> None:
        self.string: Final = string
        self.name: Final = name
        self.receiver: Final = receiver  # None: the thunk class named inside a dotted target string
        self.scope: Final = scope
        self.write: Final = write
        self.narrowed: Final = narrowed


class ProviderUse(Value):
    """A string compared with (or matched against) ``x.raw.provider`` / ``x.generation.provider``."""

    __slots__ = ("string", "literal")

    def __init__(self, string: ast.Constant, literal: str) -> None:
        self.string: Final = string
        self.literal: Final = literal


class ImportUse(Value):
    """A private name imported from a module."""

    __slots__ = ("alias", "module", "name")

    def __init__(self, alias: ast.alias, module: str, name: str) -> None:
        self.alias: Final = alias
        self.module: Final = module
        self.name: Final = name


class ModuleVisitor:
    """Builds the scope tree and collects uses; ``visit_module`` runs the pass."""

    def __init__(self, package: str | None) -> None:
        self.package = package
        self.module = Scope("module", None)
        self.scope = self.module
        self.attributes: list[AttributeUse] = []
        self.strings: list[StringUse] = []
        self.imports: list[ImportUse] = []
        self.providers: list[ProviderUse] = []
        self.classes: list[ClassInfo] = []
        self.function_scopes: dict[int, Scope] = {}
        self.builders: set[int] = set()
        """Function scopes that construct a thunk (producer code if they also fill one)."""
        self.callbacks: list[tuple[ast.expr, Scope]] = []
        """Values assigned to a thunk's callback fields (``mot._gen.process = ...``)."""
        self.mentions_mellea = False
        self._narrowed: list[tuple[str, ast.expr]] = []
        self._raw_evidence: list[tuple[Scope, str, str]] = []
        self._called: set[int] = set()
        self._aug: set[int] = set()
        self._item_written: set[int] = set()
        self._mutated: set[int] = set()
        self._meta: dict[int, MetaUse] = {}
        self._dispatch: dict[type, Callable[[ast.AST], None]] = {
            ast.FunctionDef: self._function,  # type: ignore[dict-item]
            ast.AsyncFunctionDef: self._function,  # type: ignore[dict-item]
            ast.Lambda: self._lambda,  # type: ignore[dict-item]
            ast.ClassDef: self._class,  # type: ignore[dict-item]
            ast.ListComp: self._comprehension,  # type: ignore[dict-item]
            ast.SetComp: self._comprehension,  # type: ignore[dict-item]
            ast.GeneratorExp: self._comprehension,  # type: ignore[dict-item]
            ast.DictComp: self._comprehension,  # type: ignore[dict-item]
            ast.Assign: self._assign,  # type: ignore[dict-item]
            ast.AnnAssign: self._ann_assign,  # type: ignore[dict-item]
            ast.AugAssign: self._aug_assign,  # type: ignore[dict-item]
            ast.For: self._for,  # type: ignore[dict-item]
            ast.AsyncFor: self._for,  # type: ignore[dict-item]
            ast.With: self._with,  # type: ignore[dict-item]
            ast.AsyncWith: self._with,  # type: ignore[dict-item]
            ast.NamedExpr: self._named_expr,  # type: ignore[dict-item]
            ast.ExceptHandler: self._except,  # type: ignore[dict-item]
            ast.Import: self._import,  # type: ignore[dict-item]
            ast.ImportFrom: self._import_from,  # type: ignore[dict-item]
            ast.Global: self._global,  # type: ignore[dict-item]
            ast.Nonlocal: self._nonlocal,  # type: ignore[dict-item]
            ast.Attribute: self._attribute,  # type: ignore[dict-item]
            ast.Subscript: self._subscript,  # type: ignore[dict-item]
            ast.Call: self._call,  # type: ignore[dict-item]
            ast.Compare: self._compare,  # type: ignore[dict-item]
            ast.If: self._if,  # type: ignore[dict-item]
            ast.Match: self._match,  # type: ignore[dict-item]
            ast.Name: self._name,  # type: ignore[dict-item]
            ast.MatchAs: self._match_as,  # type: ignore[dict-item]
            ast.MatchStar: self._match_name,  # type: ignore[dict-item]
            ast.MatchMapping: self._match_name,  # type: ignore[dict-item]
        }

    # -- driver ---------------------------------------------------------------------

    def visit_module(self, tree: ast.Module) -> None:
        self._children(tree)
        for scope, key, label in self._raw_evidence:
            home, home_key = evidence_home(key, scope)
            home.evidence.setdefault(home_key, set()).add(label)

    def visit(self, node: ast.AST) -> None:
        handler = self._dispatch.get(type(node))
        if handler is None:
            self._children(node)
        else:
            handler(node)

    def _children(self, node: ast.AST) -> None:
        """``ast.iter_child_nodes`` inlined, skipping the ``ctx`` markers (the pass's hot loop)."""
        visit = self.visit
        for name in _child_fields(type(node)):
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        visit(item)
            elif isinstance(value, ast.AST):
                visit(value)

    def _visit_all(self, nodes: list[ast.expr] | list[ast.stmt] | list[ast.expr | None]) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)

    def _in_scope(self, scope: Scope, nodes: list[ast.stmt] | list[ast.expr]) -> None:
        outer, self.scope = self.scope, scope
        try:
            self._visit_all(nodes)
        finally:
            self.scope = outer

    # -- binding ----------------------------------------------------------------------

    def _bind(self, target: ast.AST, source: Source) -> None:
        if isinstance(target, ast.Name):
            self.scope.bind(target.id, source)
            if self.scope.kind == "class" and self.scope.cls is not None:
                self.scope.cls.attrs.setdefault(target.id, []).append(source)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for index, element in enumerate(target.elts):
                if isinstance(element, ast.Starred):
                    self._bind(element.value, ("star", None, self.scope, source))
                else:
                    self._bind(element, ("item", None, self.scope, (index, source)))
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            cls = self.scope.cls
            if cls is not None and target.value.id == self.scope.self_name:
                cls.attrs.setdefault(target.attr, []).append(source)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, ("star", None, self.scope, source))

    def _evidence(self, receiver: ast.AST, label: str) -> None:
        key = receiver_key(receiver)
        if key is not None:
            self._raw_evidence.append((self.scope, key, label))

    # -- scopes -----------------------------------------------------------------------

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self.scope
        self._visit_all(node.decorator_list)
        args = node.args
        self._visit_all(args.defaults)
        self._visit_all(args.kw_defaults)
        outer.bind(node.name, ("def", node, outer, None))
        scope = Scope("function", outer)
        self.function_scopes[id(node)] = scope
        first_kind = None
        if outer.kind == "class" and outer.cls is not None:
            outer.cls.methods[node.name] = node
            decorators = {tail_name(d) for d in node.decorator_list}
            if "staticmethod" not in decorators:
                first_kind = "cls" if "classmethod" in decorators else "self"
                scope.cls = outer.cls
        positional = [*args.posonlyargs, *args.args]
        for index, arg in enumerate([*positional, *args.kwonlyargs]):
            if index == 0 and first_kind is not None and arg in positional:
                scope.bind(arg.arg, (first_kind, None, scope, outer.cls))
                if first_kind == "self":
                    scope.self_name = arg.arg
            elif arg.annotation is not None:
                scope.bind(arg.arg, ("annot", arg.annotation, outer, None))
            else:
                scope.bind(arg.arg, ("param", None, scope, None))
        if args.vararg is not None:
            annotation = args.vararg.annotation
            kind = "param" if annotation is None else "varargs"
            scope.bind(args.vararg.arg, (kind, annotation, outer, None))
        if args.kwarg is not None:
            scope.bind(args.kwarg.arg, ("other", None, scope, None))
        self._in_scope(scope, node.body)

    def _lambda(self, node: ast.Lambda) -> None:
        args = node.args
        self._visit_all(args.defaults)
        self._visit_all(args.kw_defaults)
        scope = Scope("function", self.scope)
        self.function_scopes[id(node)] = scope
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
            if arg is not None:
                scope.bind(arg.arg, ("param", None, scope, None))
        self._in_scope(scope, [node.body])

    def _class(self, node: ast.ClassDef) -> None:
        self._visit_all(node.decorator_list)
        self._visit_all(node.bases)
        self._visit_all([k.value for k in node.keywords])
        body = Scope("class", self.scope)
        info = ClassInfo(node, self.scope, body)
        body.cls = info
        self.classes.append(info)
        self.scope.bind(node.name, ("class", node, self.scope, info))
        self._in_scope(body, node.body)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        generators = node.generators
        self.visit(generators[0].iter)  # evaluated in the enclosing scope
        scope = Scope("comprehension", self.scope)
        outer, self.scope = self.scope, scope
        try:
            for index, generator in enumerate(generators):
                if index:
                    self.visit(generator.iter)
                self._bind(generator.target, ("iter", generator.iter, outer if index == 0 else scope, None))
                self.visit(generator.target)
                self._visit_all(generator.ifs)
            if isinstance(node, ast.DictComp):
                self.visit(node.key)
                self.visit(node.value)
            else:
                self.visit(node.elt)
        finally:
            self.scope = outer

    # -- statements that bind ------------------------------------------------------

    def _assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            if isinstance(target, ast.Attribute) and surface.is_callback_field(
                target.value.attr if isinstance(target.value, ast.Attribute) else None, target.attr
            ):
                self.callbacks.append((node.value, self.scope))
            self._bind(target, ("value", node.value, self.scope, None))
            self.visit(target)

    def _ann_assign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._bind(node.target, ("annot", node.annotation, self.scope, None))
        if node.value is not None:
            self._bind(node.target, ("value", node.value, self.scope, None))
        self.visit(node.target)

    def _aug_assign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        self._aug.add(id(node.target))
        self.visit(node.target)

    def _for(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self._bind(node.target, ("iter", node.iter, self.scope, None))
        self.visit(node.target)
        self._visit_all(node.body)
        self._visit_all(node.orelse)

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self._bind(item.optional_vars, ("with", item.context_expr, self.scope, None))
                self.visit(item.optional_vars)
        self._visit_all(node.body)

    def _named_expr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        scope = self.scope
        while scope.kind == "comprehension" and scope.parent is not None:
            scope = scope.parent
        scope.bind(node.target.id, ("value", node.value, self.scope, None))

    def _except(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.scope.bind(node.name, ("other", None, self.scope, None))
        self._children(node)

    def _match_as(self, node: ast.MatchAs) -> None:
        if node.name:
            if isinstance(node.pattern, ast.MatchClass):
                self.scope.bind(node.name, ("annot", node.pattern.cls, self.scope, None))
            else:
                self.scope.bind(node.name, ("param", None, self.scope, None))
        self._children(node)

    def _match_name(self, node: ast.MatchStar | ast.MatchMapping) -> None:
        name = node.name if isinstance(node, ast.MatchStar) else node.rest
        if name:
            self.scope.bind(name, ("param", None, self.scope, None))
        self._children(node)

    def _global(self, node: ast.Global) -> None:
        self.scope.declared_global.update(node.names)

    def _nonlocal(self, node: ast.Nonlocal) -> None:
        self.scope.declared_nonlocal.update(node.names)

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".", 1)[0] == "mellea":
                self.mentions_mellea = True
            if alias.asname:
                self.scope.bind(alias.asname, ("import", None, self.scope, alias.name))
            else:
                root = alias.name.split(".", 1)[0]
                self.scope.bind(root, ("import", None, self.scope, root))

    def _import_from(self, node: ast.ImportFrom) -> None:
        module = self._absolute_module(node)
        if module is None:
            return
        if module.split(".", 1)[0] == "mellea":
            self.mentions_mellea = True
        in_core = surface.module_matches(module, (surface.CORE_PACKAGE,))
        for alias in node.names:
            if alias.name == "*":
                continue
            self.scope.bind(alias.asname or alias.name, ("import", node, self.scope, f"{module}.{alias.name}"))
            if in_core and is_private(alias.name):
                self.imports.append(ImportUse(alias, module, alias.name))

    def _absolute_module(self, node: ast.ImportFrom) -> str | None:
        if not node.level:
            return node.module
        if self.package is None:
            return None
        parts = self.package.split(".")
        if node.level - 1 >= len(parts):
            return None
        base = parts[: len(parts) - (node.level - 1)]
        return ".".join([*base, node.module] if node.module else base)

    # -- expressions ---------------------------------------------------------------

    def _name(self, node: ast.Name) -> None:
        if node.id in THUNK_CLASS_NAMES:
            self.mentions_mellea = True

    def _attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if name in THUNK_CLASS_NAMES:
            self.mentions_mellea = True
        elif is_private(name):
            ident = id(node)
            if isinstance(node.ctx, ast.Load):
                mode = "call" if ident in self._called else "item-write" if ident in self._item_written else "read"
            elif isinstance(node.ctx, ast.Del):
                mode = "del"
            else:
                mode = "aug" if ident in self._aug else "write"
            meta = self._meta.get(ident)
            mutated = ident in self._mutated or (meta is not None and id(meta.node) in self._mutated)
            self.attributes.append(AttributeUse(node, self.scope, mode, meta, mutated, self._narrowing(node.value)))
            member = surface.MEMBERS_BY_NAME.get(name)
            if member is not None and member.unique and (mode != "call" or member.kind == "method"):
                self._evidence(node.value, name)
            if name == surface.META_MEMBER and meta is not None and meta.key is not None:
                known = surface.META_KEYS_BY_NAME.get(meta.key)
                if known is not None and known.unique:
                    self._evidence(node.value, f"{name}[{meta.key!r}]")
        if not isinstance(node.ctx, ast.Load):
            self._mark_mutated(node.value)
        self.visit(node.value)

    def _mark_mutated(self, node: ast.expr) -> None:
        """``node`` is written through, and so is every object it was read from:
        ``mot._call.model_options.update(...)`` writes through ``mot._call`` too."""
        while True:
            self._mutated.add(id(node))
            if not isinstance(node, (ast.Attribute, ast.Subscript)):
                return
            node = node.value

    def _subscript(self, node: ast.Subscript) -> None:
        value = node.value
        if not isinstance(node.ctx, ast.Load):
            self._item_written.add(id(value))
            self._mark_mutated(value)
        if isinstance(value, ast.Attribute) and is_private(value.attr):
            index = node.slice
            key = index.value if isinstance(index, ast.Constant) and isinstance(index.value, str) else None
            self._meta[id(value)] = MetaUse(key, "subscript" if isinstance(node.ctx, ast.Load) else "mutate", node)
        self.visit(value)
        self.visit(node.slice)

    def _compare(self, node: ast.Compare) -> None:
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if (
                isinstance(op, (ast.In, ast.NotIn))
                and isinstance(right, ast.Attribute)
                and is_private(right.attr)
                and isinstance(left, ast.Constant)
                and isinstance(left.value, str)
            ):
                self._meta[id(right)] = MetaUse(left.value, "in", node)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                self._provider_literals(left, [right])
                self._provider_literals(right, [left])
            elif isinstance(op, (ast.In, ast.NotIn)):
                self._provider_literals(left, [right])
            left = right
        self._children(node)

    def _if(self, node: ast.If) -> None:
        self.visit(node.test)
        narrowed = _isinstance_checks(node.test)
        self._narrowed.extend(narrowed)
        try:
            self._visit_all(node.body)
        finally:
            del self._narrowed[len(self._narrowed) - len(narrowed):]
        self._visit_all(node.orelse)

    def _narrowing(self, receiver: ast.expr) -> ast.expr | None:
        """The class an enclosing ``if isinstance(receiver, C):`` narrows ``receiver`` to."""
        if self._narrowed:
            key = receiver_key(receiver)
            for narrowed_key, cls in reversed(self._narrowed):
                if narrowed_key == key:
                    return cls
        return None

    def _provider_literals(self, subject: ast.expr, values: list[ast.expr]) -> None:
        if _is_provider_field(subject):
            for value in values:
                for item in value.elts if isinstance(value, (ast.Tuple, ast.List, ast.Set)) else [value]:
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        self.providers.append(ProviderUse(item, item.value))

    def _match(self, node: ast.Match) -> None:
        for case in node.cases:
            self._provider_literals(node.subject, _pattern_values(case.pattern))
        self._children(node)

    def _call(self, node: ast.Call) -> None:
        func = node.func
        self._called.add(id(func))
        if tail_name(func) in THUNK_CLASS_NAMES:
            scope = function_scope(self.scope)
            if scope is not None:
                self.builders.add(id(scope))
        args = node.args
        if isinstance(func, ast.Attribute):
            owner = func.value
            if func.attr in surface.IN_PLACE_METHODS:
                self._mark_mutated(owner)
            if isinstance(owner, ast.Attribute) and is_private(owner.attr):
                key = args[0].value if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) else None
                if func.attr == "get":
                    self._meta[id(owner)] = MetaUse(key, "get", node)
                elif func.attr in surface.DICT_MUTATORS:
                    self._meta[id(owner)] = MetaUse(key, "mutate", node)
                    self._item_written.add(id(owner))
                    self._mark_mutated(owner)
            if func.attr == "object" and tail_name(owner) == "patch" and len(args) >= 2 or func.attr in _STRING_WRITERS and len(args) >= 2 and not _is_str(args[0]):
                self._string_use(args[0], args[1], write=True)
            name: str | None = func.attr
        elif isinstance(func, ast.Name):
            name = func.id
            if name in _STRING_ACCESSORS and len(args) >= 2:
                self._string_use(args[0], args[1], write=name in _STRING_WRITERS)
            elif name == "isinstance" and len(args) == 2 and _names_thunk_class(args[1]):
                self._evidence(args[0], "isinstance")
        else:
            name = None
        if name in _DOTTED_PATCHERS and args and _is_str(args[0]):
            self._dotted_target(args[0])  # type: ignore[arg-type]
        self._children(node)

    def _string_use(self, receiver: ast.expr, string: ast.expr, *, write: bool) -> None:
        if not (isinstance(string, ast.Constant) and isinstance(string.value, str) and is_private(string.value)):
            return
        self.strings.append(StringUse(string, string.value, receiver, self.scope, write, self._narrowing(receiver)))
        member = surface.MEMBERS_BY_NAME.get(string.value)
        if member is not None and member.unique:
            self._evidence(receiver, string.value)

    def _dotted_target(self, string: ast.Constant) -> None:
        parts = str(string.value).split(".")
        for owner, name in itertools.pairwise(parts):
            if owner in THUNK_CLASS_NAMES and is_private(name):
                self.mentions_mellea = True
                self.strings.append(StringUse(string, name, None, self.scope, write=True))
                return


_CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


def _child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(node_type)
    if fields is None:
        fields = _CHILD_FIELDS[node_type] = tuple(f for f in node_type._fields if f not in ("ctx", "type_comment"))
    return fields


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)




def function_scope(scope: Scope) -> Scope | None:
    """The function (or lambda) whose code ``scope`` is part of (``None``: module or class level)."""
    current: Scope | None = scope
    while current is not None and current.kind != "function":
        if current.kind == "class":
            return None
        current = current.parent
    return current


def _isinstance_checks(test: ast.expr) -> list[tuple[str, ast.expr]]:
    """(receiver key, class) for each ``isinstance(x, C)`` that must hold when ``test`` is true."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [check for value in test.values for check in _isinstance_checks(value)]
    if (
        isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"
        and len(test.args) == 2 and not test.keywords
    ):
        key = receiver_key(test.args[0])
        if key is not None:
            return [(key, test.args[1])]
    return []


def _is_provider_field(node: ast.expr) -> bool:
    """``x.raw.provider`` / ``x.generation.provider``."""
    return (
        isinstance(node, ast.Attribute) and node.attr == "provider"
        and isinstance(node.value, ast.Attribute) and node.value.attr in surface.PROVIDER_OWNERS
    )


def _pattern_values(pattern: ast.pattern) -> list[ast.expr]:
    if isinstance(pattern, ast.MatchValue):
        return [pattern.value]
    if isinstance(pattern, ast.MatchOr):
        return [v for p in pattern.patterns for v in _pattern_values(p)]
    if isinstance(pattern, ast.MatchAs) and pattern.pattern is not None:
        return _pattern_values(pattern.pattern)
    return []


def _names_thunk_class(node: ast.expr) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_names_thunk_class(e) for e in node.elts)
    return tail_name(node) in THUNK_CLASS_NAMES
