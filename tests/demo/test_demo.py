"""`make demo` shows, for every provider branch of examples/ (found with ast), the provider's
own response types from surface.py in both mypy and pyright, never Any; and it shows the
errors of examples/common_mistakes.py and no others."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mellea_lint.surface import PROVIDERS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXPECTED = {p.literal: p.response for p in PROVIDERS}


def _bare(types: str) -> set[str]:
    return {part.strip().rsplit(".", 1)[-1] for part in types.split("|")}


@pytest.fixture(scope="module")
def demo_output() -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / "demo.py")], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def _branches() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(EXAMPLES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                    and isinstance(node.test.left, ast.Attribute) and node.test.left.attr == "provider"
                    and isinstance(node.test.comparators[0], ast.Constant)
                    and node.test.comparators[0].value in EXPECTED):
                found.append((path.name, node.lineno, node.test.comparators[0].value))
    return found


def test_examples_cover_every_provider() -> None:
    assert {p for _, _, p in _branches()} == set(EXPECTED)


@pytest.mark.parametrize("branch", _branches(), ids=lambda b: f"{b[0]}:{b[1]}:{b[2]}")
def test_branch_shows_provider_types(demo_output: str, branch: tuple[str, int, str]) -> None:
    file, line, provider = branch
    block = demo_output.split(f"{file}:{line}  provider == {provider!r}\n", 1)[1].split("\n\n", 1)[0]
    for checker in ("mypy", "pyright"):
        shown = re.search(rf"^  {checker} +(.+)$", block, re.MULTILINE)
        assert shown, (checker, block)
        assert "Any" not in _bare(shown.group(1))
        assert _bare(shown.group(1)) == _bare(EXPECTED[provider]), (checker, shown.group(1))


def _marked_mistakes() -> set[str]:
    """Lines of common_mistakes.py that carry a trailing comment naming the mistake."""
    text = (EXAMPLES / "common_mistakes.py").read_text().splitlines()
    return {str(n) for n, line in enumerate(text, start=1) if "  # " in line and not line.lstrip().startswith("#")}


def test_errors_are_exactly_the_mistakes(demo_output: str) -> None:
    errors = demo_output.split("== errors the checkers catch ==", 1)[1]
    files = set(re.findall(r"^  (\w+\.py):\d+ ", errors, re.MULTILINE))
    assert files == {"common_mistakes.py"}
    for checker in ("mypy", "pyright"):
        section = errors.split(f"\n{checker}: ", 1)[1].split("\n\n", 1)[0]
        lines = set(re.findall(r"common_mistakes\.py:(\d+)", section))
        assert lines == _marked_mistakes(), (checker, lines)
