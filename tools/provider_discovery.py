"""Every ``Backend`` subclass of a mellea source tree and the ``raw.provider`` literals it writes.

Read from the source, never imported, so that it works on an unpacked wheel of any release
(``bench.corpus.wheel_tree``) as well as on the installed mellea. A backend writes
``raw.provider`` (``mot.raw.provider = <value>`` or ``RawProviderResponse(provider=<value>)``,
in its own code or a base's); the value is a literal, or ``self.<attr>`` whose literal is set
in whatever form the class or a base uses: an instance attribute assigned in a method, a
class attribute (annotated or not), a property returning a literal, a module constant, or an
argument passed down to a base ``__init__`` that assigns its parameter. A backend whose
literal cannot be read is reported as unresolved rather than skipped: nothing is missed
silently.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "mellea"
"""Only the package is read: a wheel of some releases also ships its tests and docs."""
BACKEND_BASE = ("mellea.core.backend", "Backend")
RAW_CLASS = "RawProviderResponse"
RAW_ATTR, PROVIDER_FIELD = "raw", "provider"

_Symbol = tuple[str, str]  # (module, name)


@dataclass
class _Module:
    name: str
    path: Path
    tree: ast.Module
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    imported: dict[str, _Symbol] = field(default_factory=dict)  # local name -> (module, name)
    modules: dict[str, str] = field(default_factory=dict)  # local name -> module
    constants: dict[str, str] = field(default_factory=dict)  # NAME = "literal"


@dataclass(frozen=True)
class BackendInfo:
    """One ``Backend`` subclass: where it is, whether it writes ``raw.provider``, and with what."""

    name: str
    path: Path
    writes_raw: bool
    literals: frozenset[str]
    unresolved: tuple[str, ...] = ()
    """Why a written provider value could not be read as a literal (empty: every one was)."""


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The module a (possibly relative) ``from ... import`` names."""
    if level == 0:
        return target or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, *([target] if target else [])])


def _index(root: Path) -> dict[str, _Module]:
    modules: dict[str, _Module] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError):
            continue
        name = module_name(root, path)
        module = _Module(name, path, tree)
        is_package = path.name == "__init__.py"
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                module.classes[node.name] = node
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(name, is_package, node.level, node.module)
                for alias in node.names:
                    module.imported[alias.asname or alias.name] = (source, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        module.modules[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        module.modules[head] = head
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                value = node.value
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    module.constants.update({t.id: value.value for t in targets if isinstance(t, ast.Name)})
        modules[name] = module
    return modules


class SourceTree:
    """The class graph of one source tree, with symbol resolution through imports."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modules = _index(root)

    def resolve(self, module: str, name: str, depth: int = 0) -> _Symbol | None:
        """The class that ``name`` in ``module`` is, following imports and re-exports."""
        mod = self.modules.get(module)
        if mod is None or depth > 20:
            return (module, name) if (module, name) == BACKEND_BASE else None
        if name in mod.classes:
            return (module, name)
        if name in mod.imported:
            source, original = mod.imported[name]
            if f"{source}.{original}" in self.modules:  # ``from pkg import submodule``
                return None
            return self.resolve(source, original, depth + 1)
        return None

    def resolve_expr(self, module: str, expr: ast.expr) -> _Symbol | None:
        if isinstance(expr, ast.Name):
            return self.resolve(module, expr.id)
        if isinstance(expr, ast.Attribute):
            prefix = ast.unparse(expr.value)
            mod = self.modules[module]
            head, _, rest = prefix.partition(".")
            if head in mod.modules:
                return self.resolve(".".join(filter(None, [mod.modules[head], rest])), expr.attr)
            if head in mod.imported:  # ``from mellea.core import backend`` then ``backend.Backend``
                source, original = mod.imported[head]
                return self.resolve(".".join(filter(None, [source, original, rest])), expr.attr)
        return None

    def bases(self, symbol: _Symbol) -> list[_Symbol]:
        module, name = symbol
        node = self.modules[module].classes[name]
        return [b for b in (self.resolve_expr(module, e) for e in node.bases) if b is not None]

    def mro(self, symbol: _Symbol) -> list[_Symbol]:
        """The in-tree classes of ``symbol``'s MRO (a depth-first approximation, dedupe kept last
        so that a shared base comes after every class deriving from it)."""
        order: list[_Symbol] = []

        def walk(s: _Symbol) -> None:
            order.append(s)
            if s[0] in self.modules and s[1] in self.modules[s[0]].classes:
                for base in self.bases(s):
                    walk(base)

        walk(symbol)
        seen: set[_Symbol] = set()
        out = []
        for s in reversed(order):
            if s not in seen:
                seen.add(s)
                out.append(s)
        return [s for s in reversed(out) if s[0] in self.modules and s[1] in self.modules[s[0]].classes]

    def backends(self) -> list[_Symbol]:
        """Every in-tree class with ``mellea.core.backend.Backend`` among its ancestors."""
        found: dict[_Symbol, bool] = {}

        def is_backend(s: _Symbol, trail: frozenset[_Symbol]) -> bool:
            if s == BACKEND_BASE:
                return True
            if s in found:
                return found[s]
            if s in trail or s[0] not in self.modules or s[1] not in self.modules[s[0]].classes:
                return False
            result = any(is_backend(b, trail | {s}) for b in self.bases(s))
            found[s] = result
            return result

        symbols = [(m.name, c) for m in self.modules.values() for c in m.classes]
        return [s for s in symbols if s != BACKEND_BASE and is_backend(s, frozenset())]


def functions(node: ast.ClassDef) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    return (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))


def _callee_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _self_name(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    args = function.args.posonlyargs + function.args.args
    return args[0].arg if args else None


class _Resolver:
    """The literal(s) of ``self.<attr>`` for one backend class, over its MRO."""

    def __init__(self, tree: SourceTree, backend: _Symbol) -> None:
        self.tree = tree
        self.mro = tree.mro(backend)
        self.problems: list[str] = []
        self.unset: list[str] = []
        """Attributes no class of the MRO sets: fine for a base that subclasses complete."""

    def value(self, expr: ast.expr, owner: _Symbol, function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
        """Literals of a written value, read in ``function`` of class ``owner``."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.Name) and expr.id in self.tree.modules[owner[0]].constants:
            return {self.tree.modules[owner[0]].constants[expr.id]}
        if (
            isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
            and expr.value.id == _self_name(function)
        ):
            return self.attribute(expr.attr)
        self.problems.append(f"{owner[1]}.{function.name} writes raw.provider = {ast.unparse(expr)}")
        return set()

    def attribute(self, attr: str) -> set[str]:
        """Literals of ``self.<attr>``: the first class in the MRO that sets it decides."""
        for index, symbol in enumerate(self.mro):
            node = self.tree.modules[symbol[0]].classes[symbol[1]]
            found = self._class_level(symbol, node, attr) | self._assigned(index, symbol, node, attr)
            if found or self.problems:
                return found
        self.unset.append(f"no class of {self.mro[0][1]}'s MRO sets self.{attr}")
        return set()

    def _class_level(self, symbol: _Symbol, node: ast.ClassDef, attr: str) -> set[str]:
        found: set[str] = set()
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
                found |= self._literal(stmt.value, symbol, f"{node.name}.{attr} = {ast.unparse(stmt.value)}")
            elif (
                isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                and stmt.target.id == attr and stmt.value is not None
            ):
                found |= self._literal(stmt.value, symbol, f"{node.name}.{attr} = {ast.unparse(stmt.value)}")
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == attr:
                for ret in ast.walk(stmt):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        found |= self._literal(ret.value, symbol, f"{node.name}.{attr} returns {ast.unparse(ret.value)}")
        return found

    def _literal(self, expr: ast.expr, symbol: _Symbol, what: str) -> set[str]:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.Name) and expr.id in self.tree.modules[symbol[0]].constants:
            return {self.tree.modules[symbol[0]].constants[expr.id]}
        self.problems.append(f"{what}: not a literal")
        return set()

    def _assigned(self, index: int, symbol: _Symbol, node: ast.ClassDef, attr: str) -> set[str]:
        """Literals of ``self.<attr> = value`` in the methods of class ``node``."""
        found: set[str] = set()
        for function in functions(node):
            me = _self_name(function)
            params = [a.arg for a in function.args.posonlyargs + function.args.args][1:]
            params += [a.arg for a in function.args.kwonlyargs]
            for sub in ast.walk(function):
                if not isinstance(sub, (ast.Assign, ast.AnnAssign)) or sub.value is None:
                    continue
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                if not any(
                    isinstance(t, ast.Attribute) and t.attr == attr
                    and isinstance(t.value, ast.Name) and t.value.id == me for t in targets
                ):
                    continue
                if isinstance(sub.value, ast.Name) and sub.value.id in params:
                    found |= self._passed(index, symbol, function, sub.value.id)
                else:
                    found |= self._literal(sub.value, symbol, f"{node.name}.{function.name} sets self.{attr} = {ast.unparse(sub.value)}")
        return found

    def _passed(
        self, index: int, symbol: _Symbol, function: ast.FunctionDef | ast.AsyncFunctionDef, param: str,
    ) -> set[str]:
        """Literals passed for parameter ``param`` of ``symbol.function`` by a subclass earlier in
        the MRO (``super().__init__(provider="x")``), else the parameter's default."""
        positional = [a.arg for a in function.args.posonlyargs + function.args.args][1:]
        for sub_symbol in reversed(self.mro[:index]):
            sub_node = self.tree.modules[sub_symbol[0]].classes[sub_symbol[1]]
            for caller in functions(sub_node):
                for call in ast.walk(caller):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                            and call.func.attr == function.name):
                        continue
                    receiver = call.func.value
                    args = list(call.args)
                    if isinstance(receiver, ast.Call) and _callee_name(receiver.func) == "super":
                        pass
                    elif self.tree.resolve_expr(sub_symbol[0], receiver) == symbol and args:
                        args = args[1:]  # ``Base.__init__(self, ...)``
                    else:
                        continue
                    for keyword in call.keywords:
                        if keyword.arg == param:
                            return self._argument(keyword.value, sub_symbol, caller)
                    if param in positional and positional.index(param) < len(args):
                        return self._argument(args[positional.index(param)], sub_symbol, caller)
        default = _default(function, param)
        if default is not None:
            return self._literal(default, symbol, f"{symbol[1]}.{function.name}({param}=...)")
        self.unset.append(f"{symbol[1]}.{function.name} sets its provider from {param!r}, which no subclass passes")
        return set()

    def _argument(self, expr: ast.expr, symbol: _Symbol, caller: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
        if isinstance(expr, ast.Name) and any(a.arg == expr.id for a in caller.args.args + caller.args.kwonlyargs):
            index = self.mro.index(symbol)
            return self._passed(index, symbol, caller, expr.id)
        return self._literal(expr, symbol, f"{symbol[1]}.{caller.name} passes {ast.unparse(expr)}")


def _default(function: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> ast.expr | None:
    positional = function.args.posonlyargs + function.args.args
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(function.args.defaults):]],
                        function.args.defaults, strict=True))
    defaults.update({a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True) if d})
    return defaults.get(param)


def discover(root: Path) -> list[BackendInfo]:
    """Every ``Backend`` subclass under ``root`` (the folder that holds the ``mellea`` package)."""
    return discover_in(SourceTree(root))


def discover_in(tree: SourceTree) -> list[BackendInfo]:
    """:func:`discover` on a tree already read."""
    backends = tree.backends()
    bases = {base for symbol in backends for base in tree.mro(symbol)[1:]}
    out = []
    for symbol in backends:
        resolver = _Resolver(tree, symbol)
        literals: set[str] = set()
        writes = False
        for owner in resolver.mro:
            node = tree.modules[owner[0]].classes[owner[1]]
            for function in functions(node):
                for sub in ast.walk(function):
                    for value in _provider_writes_in(sub):
                        writes = True
                        literals |= resolver.value(value, owner, function)
        problems = resolver.problems + (resolver.unset if symbol not in bases else [])
        out.append(BackendInfo(
            f"{symbol[0]}.{symbol[1]}", tree.modules[symbol[0]].path, writes, frozenset(literals),
            tuple(dict.fromkeys(problems)),
        ))
    return sorted(out, key=lambda b: b.name)


def _provider_writes_in(node: ast.AST) -> Iterator[ast.expr]:
    """``raw.provider`` values written by this one node (an assignment or a constructor call)."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute) and target.attr == PROVIDER_FIELD
                and isinstance(target.value, ast.Attribute) and target.value.attr == RAW_ATTR
            ):
                yield node.value
    elif isinstance(node, ast.Call) and _callee_name(node.func) == RAW_CLASS:
        yield from (k.value for k in node.keywords if k.arg == PROVIDER_FIELD)
        if node.args:
            yield node.args[0]


def provider_literals(root: Path) -> dict[str, frozenset[str]]:
    """Backend class -> the provider literals it writes into ``raw``, for the backends that do."""
    return {b.name: b.literals for b in discover(root) if b.writes_raw}
