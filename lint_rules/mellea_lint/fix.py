"""``--fix`` / ``--diff``: apply the engine's safe rewrites (``Finding.fix``) with libcst.

The engine decides what may be rewritten (certain thunk reads with a public
replacement) and where: the span starts at the ``.`` of the private member and ends
where the replaced expression ends. Here the span picks the libcst node, and the fix
text (``.generation.usage``, ``.is_computed()``) is parsed as the trailers that go
after the unchanged receiver, so the receiver, the kept ``.`` with the whitespace and
comments around it, and the enclosing parentheses survive byte for byte. A fix whose
removed text holds a comment, or that would cut through parentheses
(``(mot._meta)["usage"]``), is left alone and stays reported.

Needs libcst (``pip install 'mellea-lint[fix]'``); only the CLI's ``--fix``/``--diff``
import this module.
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from mellea_lint.config import LintConfig
from mellea_lint.filecheck import check_bytes, read_source
from mellea_lint.findings import Finding
from mellea_lint.surface import fix_exists_in

MAX_PASSES = 10
"""Re-lint and fix again until nothing more applies (as ruff does), at most this often."""

_PLACEHOLDER = "_"
_Span = tuple[int, int, int, int]
_Chain = cst.Attribute | cst.Subscript | cst.Call


@dataclass(frozen=True)
class FileFix:
    """The outcome for one file: its text before and after, and what is left to report."""

    path: str
    encoding: str
    before: str
    after: str
    fixed: int
    remaining: list[Finding]
    warning: str | None = None


def fix_source(source: str, findings: Sequence[Finding]) -> tuple[str, int]:
    """``source`` with the fixes of ``findings`` applied, and how many were applied.

    Raises ``libcst.ParserSyntaxError`` when libcst cannot parse ``source``.
    """
    wanted = {(f.line, f.col, f.end_line, f.end_col): f.fix for f in findings if f.fix is not None}
    if not wanted:
        return source, 0
    wrapper = MetadataWrapper(cst.parse_module(source))
    rewriter = _Rewriter(wanted, wrapper.resolve(PositionProvider))
    return wrapper.module.visit(rewriter).code, rewriter.applied


class _Rewriter(cst.CSTTransformer):
    def __init__(self, wanted: dict[_Span, str], positions: Mapping[cst.CSTNode, CodeRange]) -> None:
        super().__init__()
        self.positions = positions
        self.by_end: dict[tuple[int, int], list[tuple[tuple[int, int], str]]] = {}
        for (line, col, end_line, end_col), fix in wanted.items():
            self.by_end.setdefault((end_line, end_col), []).append(((line, col), fix))
        self.applied = 0

    def _position(self, node: cst.CSTNode) -> tuple[tuple[int, int], tuple[int, int]]:
        where = self.positions[node]
        return (where.start.line, where.start.column), (where.end.line, where.end.column)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return self._leave(original_node, updated_node)

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return self._leave(original_node, updated_node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        return self._leave(original_node, updated_node)

    def _leave(self, original: _Chain, updated: _Chain) -> cst.BaseExpression:
        """``updated`` rewritten when a fix's span ends where ``original`` ends (and starts at a
        ``.`` in its trailer chain); children are already rewritten, so fixes nest."""
        for dot, fix in self.by_end.get(self._position(original)[1], ()):
            depth = self._depth_to_dot(original, dot)
            replacement = None if depth is None else _rewrite(updated, depth, fix)
            if replacement is not None:
                self.applied += 1
                return replacement
        return updated

    def _depth_to_dot(self, node: cst.CSTNode, dot: tuple[int, int]) -> int | None:
        """Steps down the trailer chain to the attribute whose ``.`` is at ``dot``."""
        depth = 0
        while isinstance(node, _Chain):
            if isinstance(node, cst.Attribute) and self._position(node.dot)[0] == dot:
                return depth
            node = _inner(node)
            depth += 1
        return None


def _inner(node: _Chain) -> cst.BaseExpression:
    return node.func if isinstance(node, cst.Call) else node.value


def _with_inner(node: _Chain, inner: cst.BaseExpression) -> _Chain:
    return node.with_changes(func=inner) if isinstance(node, cst.Call) else node.with_changes(value=inner)


def _rewrite(top: _Chain, depth: int, fix: str) -> cst.BaseExpression | None:
    """``top`` with its trailers from the ``depth``-th down replaced by ``fix``; ``None``
    when that would drop a comment or parentheses, or ``fix`` is not a trailer chain."""
    chain: list[_Chain] = [top]
    for _ in range(depth):
        inner = _inner(chain[-1])
        assert isinstance(inner, _Chain)  # _depth_to_dot walked this very chain
        chain.append(inner)
    head = chain[-1]
    assert isinstance(head, cst.Attribute)
    if any(node.lpar or node.rpar for node in chain[1:]):
        return None
    removed: list[cst.CSTNode] = [head.attr]
    for node in chain[:-1]:
        link = _inner(node)
        kept = {id(link), *map(id, node.lpar), *map(id, node.rpar)}
        removed += [child for child in node.children if id(child) not in kept]
    if any(_has_comment(node) for node in removed):
        return None
    template = _template(fix)
    if template is None:
        return None
    new_chain = [template]
    while isinstance(inner := _inner(new_chain[-1]), _Chain):
        new_chain.append(inner)
    first = new_chain[-1]
    if not isinstance(first, cst.Attribute):
        return None
    rebuilt: cst.BaseExpression = first.with_changes(value=head.value, dot=head.dot)
    for node in reversed(new_chain[:-1]):
        rebuilt = _with_inner(node, rebuilt)
    return rebuilt.with_changes(lpar=top.lpar, rpar=top.rpar)


def _template(fix: str) -> _Chain | None:
    """``fix`` parsed as trailers after a placeholder receiver (``None``: it is not one)."""
    try:
        expression = cst.parse_expression(_PLACEHOLDER + fix)
    except cst.ParserSyntaxError:
        return None
    node: cst.BaseExpression = expression
    while isinstance(node, _Chain):
        node = _inner(node)
    if not (isinstance(node, cst.Name) and node.value == _PLACEHOLDER and isinstance(expression, _Chain)):
        return None
    return expression


class _CommentFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Comment(self, node: cst.Comment) -> None:
        self.found = True


def _has_comment(node: cst.CSTNode) -> bool:
    finder = _CommentFinder()
    node.visit(finder)
    return finder.found


def fix_file(path: str, data: bytes, findings: Sequence[Finding], settings: LintConfig) -> FileFix:
    """Fix ``path`` (whose bytes are ``data`` and findings ``findings``) in memory, re-linting
    with ``settings`` after each pass; the file is not written. Only the codes ``settings``
    enables are fixed, and only to public members that exist in its mellea release."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    before = data.decode(encoding)
    text, fixed, remaining = before, 0, list(findings)
    unchanged = FileFix(path, encoding, before, before, 0, list(findings))
    for _ in range(MAX_PASSES):
        fixable = [f for f in remaining if _applicable(f, settings)]
        try:
            new_text, count = fix_source(text, fixable)
        except cst.ParserSyntaxError as exc:  # where libcst's grammar lags behind CPython's
            return replace(unchanged, warning=f"libcst cannot parse it: {exc.message}")
        except RecursionError:
            return replace(unchanged, warning="it nests too deeply for libcst")
        if count == 0:
            break
        try:
            ast.parse(new_text, filename=path)
        except SyntaxError as exc:  # a safety net: a fix must never break a file
            return replace(unchanged, warning=f"a fix broke the syntax: {exc.msg}")
        text, fixed = new_text, fixed + count
        remaining = check_bytes(path, text.encode(encoding), settings)
    return FileFix(path, encoding, before, text, fixed, remaining)


def unified_diff(fix: FileFix, shown_path: str) -> str:
    """The change as ``diff -u`` prints it, marking a last line without a line break."""
    lines = difflib.unified_diff(
        fix.before.splitlines(keepends=True), fix.after.splitlines(keepends=True),
        fromfile=shown_path, tofile=shown_path,
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _applicable(finding: Finding, settings: LintConfig) -> bool:
    """The finding has a fix, its code is enabled, and the fix names a member the release has
    (``._thinking`` -> ``.thinking`` would break mellea 0.6, which has no ``thinking``)."""
    return finding.fix is not None and settings.enabled(finding.code) and fix_exists_in(finding.fix, settings.release)


def fix_findings(findings: Sequence[Finding], settings: LintConfig) -> list[FileFix]:
    """A :class:`FileFix` for every file with an enabled fixable finding whose fix exists in
    the mellea release of ``settings`` (nothing is written)."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    fixes = []
    for path, found in by_path.items():
        if not any(_applicable(f, settings) for f in found):
            continue
        data = read_source(path)
        if not isinstance(data, Finding):
            fixes.append(fix_file(path, data, found, settings))
    return fixes
