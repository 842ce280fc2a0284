"""The engine's ``fix`` spans as plain text edits, as the JSON and SARIF outputs hand them to other
tools (editors, ruff-style appliers): applied literally they must keep the file valid and keep
every comment. The libcst fixer of ``--fix`` does not rely on this (it refuses such rewrites)."""

from __future__ import annotations

import ast
import io
import tokenize

import pytest
from mellea_lint.engine import check_source
from mellea_lint.findings import Finding

HEADER = "from mellea.core.base import ModelOutputThunk\nmot = ModelOutputThunk(None)\n"


def _splice(source: str, findings: list[Finding]) -> str:
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    text = source
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.line, f.col), reverse=True):
        text = text[: starts[f.line - 1] + f.col] + f.fix + text[starts[f.end_line - 1] + f.end_col:]
    return text


def _comments(source: str) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [token.string for token in tokens if token.type == tokenize.COMMENT]


@pytest.mark.parametrize(
    "expression",
    [
        '(mot._meta)["usage"]',  # the span runs through the closing parenthesis
        '(mot._meta  # why\n)["usage"]',
        'mot._meta[  # the key\n    "usage"]',  # the span swallows a comment
        "mot._meta[\n    # the key\n    'chat_response']",
    ],
)
def test_text_edit_of_a_fix_keeps_the_file_valid_and_its_comments(expression: str) -> None:
    source = f"{HEADER}x = {expression}\n"
    findings = check_source(source, "example.py")
    assert findings
    fixed = _splice(source, findings)
    ast.parse(fixed)
    assert _comments(fixed) == _comments(source)
