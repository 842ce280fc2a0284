"""Per-module facts an attribute hook cannot see from its own node.

A hook receives one expression; whether ``mot._meta`` is subscripted with
``"usage"``, whether ``raw.provider`` is compared with a literal, and which class
patterns spell ``provider="..."`` live in the parent nodes. One walk of the module
tree (at its first hook call during type checking, when names are resolved)
records them, keyed by the node the hook will receive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mellea_lint import surface
from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ComparisonExpr,
    DelStmt,
    Expression,
    ImportFrom,
    IndexExpr,
    ListExpr,
    MatchStmt,
    MemberExpr,
    MypyFile,
    Node,
    OperatorAssignmentStmt,
    SetExpr,
    StrExpr,
    TupleExpr,
)
from mypy.patterns import (
    AsPattern,
    ClassPattern,
    OrPattern,
    Pattern,
    SingletonPattern,
    ValuePattern,
)

from . import fullnames
from .producers import producer_spans
from .syntax import children, is_private_name

ProviderLiteral = str | None
"""A provider value written in code; ``None`` for ``provider=None`` in a pattern."""


@dataclass
class SyntaxIndex:
    module: str
    meta_keys: dict[MemberExpr, str] = field(default_factory=dict)
    """``x._meta`` node -> the literal key of ``x._meta["key"]`` / ``x._meta.get("key")``."""
    provider_literals: dict[MemberExpr, list[tuple[str, Node]]] = field(default_factory=dict)
    """``x.provider`` node -> string literals it is compared or matched with."""
    provider_patterns: dict[Pattern, tuple[ClassPattern, ProviderLiteral]] = field(default_factory=dict)
    """Sub-pattern of ``C(provider=<literal>)`` -> the class pattern and the literal."""
    private_imports: list[tuple[ImportFrom, str, str]] = field(default_factory=list)
    """``from mellea.core... import _name``: (node, module, name)."""
    meta_writes: set[MemberExpr] = field(default_factory=set)
    """``x._meta`` nodes written through: ``x._meta[k] = v``, ``del x._meta[k]``, ``x._meta.update(...)``."""
    mutated_through: set[MemberExpr] = field(default_factory=set)
    """``x._name`` read only to write through it: ``x._name.y = v``, ``x._name[k] = v``,
    ``x._name.y.append(...)`` (the lint's ``mutated_through``)."""
    aug_targets: set[MemberExpr] = field(default_factory=set)
    """``x._name`` of ``x._name += v``: mypy reads it too, but the write is the one finding."""
    deleted: set[MemberExpr] = field(default_factory=set)
    """``x._name`` of ``del x._name`` (mypy's hook sees a read)."""
    producer_spans: list[tuple[int, int]] = field(default_factory=list)
    """Line spans of producer code recognised without configuration (``producers``)."""
    imports_reported: bool = False

    def in_producer(self, line: int) -> bool:
        return any(first <= line <= last for first, last in self.producer_spans)


def build(tree: MypyFile, *, detect_producers: bool = True) -> SyntaxIndex:
    index = SyntaxIndex(tree.fullname)
    _Collector(index, tree).walk()
    if detect_producers:
        index.producer_spans = producer_spans(tree)
    return index


def _str_literals(expr: Expression) -> list[StrExpr]:
    if isinstance(expr, StrExpr):
        return [expr]
    if isinstance(expr, (TupleExpr, ListExpr, SetExpr)):
        return [item for item in expr.items if isinstance(item, StrExpr)]
    return []


def _pattern_literals(pattern: Pattern) -> list[StrExpr]:
    if isinstance(pattern, ValuePattern) and isinstance(pattern.expr, StrExpr):
        return [pattern.expr]
    if isinstance(pattern, OrPattern):
        return [lit for p in pattern.patterns for lit in _pattern_literals(p)]
    if isinstance(pattern, AsPattern) and pattern.pattern is not None:
        return _pattern_literals(pattern.pattern)
    return []


def _is_provider_member(expr: MemberExpr) -> bool:
    return expr.name == fullnames.PROVIDER_FIELD


_VISITORS: dict[type, str] = {
    AssignmentStmt: "visit_assignment_stmt",
    OperatorAssignmentStmt: "visit_operator_assignment_stmt",
    DelStmt: "visit_del_stmt",
    IndexExpr: "visit_index_expr",
    CallExpr: "visit_call_expr",
    ComparisonExpr: "visit_comparison_expr",
    MatchStmt: "visit_match_stmt",
    ClassPattern: "visit_class_pattern",
    ImportFrom: "visit_import_from",
}


class _Collector:
    def __init__(self, index: SyntaxIndex, tree: MypyFile) -> None:
        self.index = index
        self.tree = tree

    def walk(self) -> None:
        seen: set[int] = set()
        stack: list[Node] = list(reversed(self.tree.defs))
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            self.visit(node)
            stack.extend(reversed(list(children(node))))

    def visit(self, node: Node) -> None:
        visit = getattr(self, _VISITORS.get(type(node), ""), None)
        if visit is not None:
            visit(node)

    def _add_provider_literals(self, member: MemberExpr, literals: list[StrExpr]) -> None:
        if literals:
            self.index.provider_literals.setdefault(member, []).extend(
                (lit.value, lit) for lit in literals
            )

    def _meta_written(self, target: Expression) -> None:
        if isinstance(target, IndexExpr) and isinstance(target.base, MemberExpr) and target.base.name == "_meta":
            self.index.meta_writes.add(target.base)

    def _written_through(self, target: Expression) -> None:
        """Every member read on the way to a written object: ``a._b.c[k].d = v`` marks ``a._b``."""
        node = target.expr if isinstance(target, MemberExpr) else target.base if isinstance(target, IndexExpr) else None
        while isinstance(node, (MemberExpr, IndexExpr)):
            if isinstance(node, MemberExpr):
                self.index.mutated_through.add(node)
                node = node.expr
            else:
                node = node.base

    def visit_assignment_stmt(self, o: AssignmentStmt) -> None:
        for lvalue in o.lvalues:
            self._meta_written(lvalue)
            self._written_through(lvalue)

    def visit_operator_assignment_stmt(self, o: OperatorAssignmentStmt) -> None:
        self._meta_written(o.lvalue)
        self._written_through(o.lvalue)
        if isinstance(o.lvalue, MemberExpr):
            self.index.aug_targets.add(o.lvalue)

    def visit_del_stmt(self, o: DelStmt) -> None:
        self._meta_written(o.expr)
        targets = o.expr.items if isinstance(o.expr, TupleExpr) else [o.expr]
        for target in targets:
            self._written_through(target)
        self.index.deleted.update(t for t in targets if isinstance(t, MemberExpr))

    def visit_index_expr(self, o: IndexExpr) -> None:
        if isinstance(o.base, MemberExpr) and o.base.name == "_meta" and isinstance(o.index, StrExpr):
            self.index.meta_keys[o.base] = o.index.value

    def visit_call_expr(self, o: CallExpr) -> None:
        callee = o.callee
        if isinstance(callee, MemberExpr) and callee.name in surface.IN_PLACE_METHODS:
            self._written_through(callee)
        if (
            isinstance(callee, MemberExpr)
            and callee.name in ("get", "pop", "setdefault", "update", "clear", "popitem")
            and isinstance(callee.expr, MemberExpr)
            and callee.expr.name == "_meta"
        ):
            if callee.name != "get":
                self.index.meta_writes.add(callee.expr)
            if o.args and isinstance(o.args[0], StrExpr) and callee.name != "update":
                self.index.meta_keys[callee.expr] = o.args[0].value

    def visit_comparison_expr(self, o: ComparisonExpr) -> None:
        for op, left, right in o.pairwise():
            if op in ("==", "!="):
                for member, other in ((left, right), (right, left)):
                    if isinstance(member, MemberExpr) and _is_provider_member(member) and isinstance(other, StrExpr):
                        self._add_provider_literals(member, [other])
            elif op in ("in", "not in") and isinstance(left, MemberExpr) and _is_provider_member(left):
                self._add_provider_literals(left, _str_literals(right))
            elif op in ("in", "not in") and isinstance(right, MemberExpr) and right.name == "_meta" and (
                isinstance(left, StrExpr)
            ):
                self.index.meta_keys[right] = left.value

    def visit_match_stmt(self, o: MatchStmt) -> None:
        if isinstance(o.subject, MemberExpr) and _is_provider_member(o.subject):
            for pattern in o.patterns:
                self._add_provider_literals(o.subject, _pattern_literals(pattern))

    def visit_class_pattern(self, o: ClassPattern) -> None:
        keyed = list(zip(o.keyword_keys, o.keyword_values, strict=True))
        if o.positionals:  # RawProviderResponse.__match_args__ starts with "provider"
            keyed.append((fullnames.PROVIDER_FIELD, o.positionals[0]))
        for key, value in keyed:
            if key != fullnames.PROVIDER_FIELD:
                continue
            if isinstance(value, ValuePattern) and isinstance(value.expr, StrExpr):
                self.index.provider_patterns[value] = (o, value.expr.value)
            elif isinstance(value, SingletonPattern) and value.value is None:
                self.index.provider_patterns[value] = (o, None)

    def visit_import_from(self, o: ImportFrom) -> None:
        module = _absolute(self.tree, o)
        if surface.module_matches(module, (surface.CORE_PACKAGE,)):
            for name, _alias in o.names:
                if is_private_name(name):
                    self.index.private_imports.append((o, module, name))


def _absolute(tree: MypyFile, node: ImportFrom) -> str:
    if not node.relative:
        return node.id
    package = tree.fullname if tree.is_package_init_file() else tree.fullname.rpartition(".")[0]
    for _ in range(node.relative - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.id}" if node.id else package
