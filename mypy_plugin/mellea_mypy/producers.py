"""Producer code recognised without configuration, as line spans of a module.

The same three marks as the lint engine (``mellea_lint.engine._mark_producers``): a class
deriving from a mellea backend (its MRO, so through any base), a function that constructs a
thunk and fills it (writes one of its private members), and a function registered as a
thunk's callback (``mot._gen.process = f``, ``partial(self.f, ...)``, legacy ``mot._process``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mellea_lint import surface
from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Decorator,
    Expression,
    FuncItem,
    IndexExpr,
    LambdaExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    Node,
    OperatorAssignmentStmt,
    RefExpr,
    TypeInfo,
)

from . import fullnames
from .syntax import children, is_private_name

_MUTATORS = frozenset({"update", "pop", "popitem", "clear", "setdefault", "append", "extend"})

Span = tuple[int, int]


@dataclass
class _Function:
    node: FuncItem
    builds: bool = False
    fills: bool = False


@dataclass
class _Walk:
    spans: list[Span] = field(default_factory=list)
    callbacks: list[tuple[Expression, TypeInfo | None]] = field(default_factory=list)


def producer_spans(tree: MypyFile) -> list[Span]:
    """(first line, last line) of every piece of producer code in ``tree``."""
    walk = _Walk()
    for node in tree.defs:
        _visit(node, None, None, walk)
    for value, cls in walk.callbacks:
        for function in _callback_functions(value, cls):
            walk.spans.append(_span(function))
    return walk.spans


def is_backend(info: TypeInfo) -> bool:
    return any(surface.is_backend_class(base.module_name, base.name) for base in info.mro[1:])


def _span(node: Node) -> Span:
    return node.line, node.end_line if node.end_line is not None else node.line


def _visit(node: Node, cls: TypeInfo | None, function: _Function | None, walk: _Walk) -> None:
    if isinstance(node, ClassDef):
        if node.info is not None and is_backend(node.info):
            walk.spans.append(_span(node))
        for child in node.defs.body:
            _visit(child, node.info, None, walk)
        return
    if isinstance(node, FuncItem):
        inner = _Function(node)
        for inner_child in children(node):
            _visit(inner_child, cls, inner, walk)
        if inner.builds and inner.fills:
            walk.spans.append(_span(node))
        return
    if function is not None:
        _note(node, function)
    if isinstance(node, AssignmentStmt):
        for lvalue in node.lvalues:
            if isinstance(lvalue, MemberExpr) and surface.is_callback_field(
                lvalue.expr.name if isinstance(lvalue.expr, MemberExpr) else None, lvalue.name
            ):
                walk.callbacks.append((node.rvalue, cls))
    for nested in children(node):
        _visit(nested, cls, function, walk)


def _note(node: Node, function: _Function) -> None:
    """Record whether ``node`` builds a thunk or writes a private member (fills one)."""
    if isinstance(node, CallExpr):
        callee = node.callee.base if isinstance(node.callee, IndexExpr) else node.callee  # Thunk[str](...)
        if isinstance(callee, RefExpr) and callee.fullname in fullnames.THUNK_CLASSES:
            function.builds = True
        if isinstance(node.callee, MemberExpr) and node.callee.name in _MUTATORS and _private_target(node.callee.expr):
            function.fills = True
    elif isinstance(node, AssignmentStmt):
        function.fills = function.fills or any(_private_target(lvalue) for lvalue in node.lvalues)
    elif isinstance(node, OperatorAssignmentStmt):
        function.fills = function.fills or _private_target(node.lvalue)


def _private_target(expr: Expression) -> bool:
    """``x._name``, ``x._name[k]`` or ``x._name.y``: a write lands in a private member."""
    while isinstance(expr, (MemberExpr, IndexExpr)):
        if isinstance(expr, MemberExpr) and is_private_name(expr.name):
            return True
        expr = expr.base if isinstance(expr, IndexExpr) else expr.expr
    return False


def _callback_functions(value: Expression, cls: TypeInfo | None) -> list[Node]:
    if isinstance(value, LambdaExpr):
        return [value]
    if isinstance(value, CallExpr) and value.args and isinstance(value.callee, (NameExpr, MemberExpr)) and (
        value.callee.name == "partial"
    ):
        return _callback_functions(value.args[0], cls)
    target: Node | None = None
    if isinstance(value, NameExpr):
        target = value.node
    elif isinstance(value, MemberExpr) and cls is not None:
        symbol = cls.get(value.name)
        target = symbol.node if symbol is not None else None
    if isinstance(target, Decorator):
        target = target.func
    return [target] if isinstance(target, FuncItem) else []
