"""What a correct fix must produce, derived from the findings alone (independent of libcst).

``expected_tree`` takes a file's AST and, for every fix, replaces the node the fix's span
covers with ``receiver`` + the fix's trailers. A fixed file is right when its AST equals
this: then the rewritten nodes are exactly the promised ones and nothing else changed.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from mellea_lint.findings import Finding

SCRIPT = Path(sys.executable).parent / "mellea-lint"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CHAIN = (ast.Attribute, ast.Subscript, ast.Call)


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``mellea-lint`` run in ``cwd``; never raises on exit codes."""
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def json_findings(stdout: str) -> list[Finding]:
    """``--output-format json`` back into findings (0-based columns, as the engine has them)."""
    found = []
    for item in json.loads(stdout):
        start, end = item["location"], item["end_location"]
        fix = item["fix"]["edits"][0]["content"] if item["fix"] else None
        found.append(Finding(item["filename"], start["row"], start["column"] - 1, item["code"],
                             item["message"], end["row"], end["column"] - 1, fix))
    return found


def _inner(node: ast.expr) -> ast.expr | None:
    if isinstance(node, ast.Call):
        return node.func
    return node.value if isinstance(node, ast.Attribute | ast.Subscript) else None


class _Expected(ast.NodeTransformer):
    def __init__(self, targets: dict[int, tuple[int, str]]) -> None:
        self.targets = targets

    def visit(self, node: ast.AST) -> ast.AST:
        target = self.targets.get(id(node))
        node = self.generic_visit(node)
        if target is None:
            return node
        depth, fix = target
        receiver = node
        for _ in range(depth):
            receiver = _inner(receiver)
        replacement = ast.parse("_" + fix, mode="eval").body
        link = replacement
        while isinstance(_inner(link), _CHAIN):
            link = _inner(link)
        assert isinstance(link, ast.Attribute) and isinstance(link.value, ast.Name), fix
        link.value = receiver
        return replacement


def expected_tree(source: str, fixes: Sequence[Finding]) -> ast.Module:
    """``source``'s AST with every fixed node replaced as its finding promises."""
    tree = ast.parse(source)
    lines = _LINE_BREAK.split(source)

    def char_end(node: ast.expr) -> tuple[int, int]:
        line = lines[node.end_lineno - 1]
        return node.end_lineno, len(line.encode("utf-8")[: node.end_col_offset].decode("utf-8"))

    chains = [node for node in ast.walk(tree) if isinstance(node, _CHAIN)]
    targets: dict[int, tuple[int, str]] = {}
    for fix in fixes:
        assert fix.fix is not None
        ending = [n for n in chains if char_end(n) == (fix.end_line, fix.end_col)]
        assert ending, f"no expression ends where the fix does: {fix}"
        node = min(ending, key=lambda n: (n.lineno, n.col_offset))  # the outermost
        depth, receiver = 0, node
        while char_end(receiver) > (fix.line, fix.col):
            receiver, depth = _inner(receiver), depth + 1
            assert receiver is not None, f"no receiver before the fix's dot: {fix}"
        targets[id(node)] = (depth, fix.fix)
    return _Expected(targets).visit(tree)


def assert_fixed_as_promised(before: str, after: str, fixes: Sequence[Finding]) -> None:
    assert ast.dump(ast.parse(after)) == ast.dump(expected_tree(before, fixes))
