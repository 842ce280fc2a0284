"""The README's "What changes when you install": every "before" snippet is reported by exactly
the tools and codes its first comment names, and every "after" snippet is clean, with mypy (the
plugin and the stubs) and mellea-lint run as a user configures them (examples/pyproject.toml)."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from tools.readme_sections import section

REPO = Path(__file__).resolve().parents[2]
DEMO_BIN = REPO / ".venv-demo" / "bin"
HEADER = "from mellea.core import ModelOutputThunk\n\n\ndef snippet(mot: ModelOutputThunk[str]) -> None:\n"


def _pairs() -> list[tuple[str, str, str]]:
    """(title, before, after) for each entry."""
    text = section("what-changes")
    pairs = []
    for entry in re.split(r"^#### ", text, flags=re.MULTILINE)[1:]:
        title = entry.splitlines()[0]
        blocks = re.findall(r"```python\n(.*?)```", entry, re.DOTALL)
        assert len(blocks) == 2 and blocks[0].startswith("# before:") and blocks[1].startswith("# after"), title
        pairs.append((title, blocks[0], blocks[1]))
    return pairs


def _declared(before: str) -> dict[str, set[str]]:
    """``# before: mypy a, b; mellea-lint MOT001`` -> {"mypy": {"a", "b"}, "mellea-lint": {"MOT001"}}."""
    claims = before.splitlines()[0].removeprefix("# before:")
    found = {"mypy": set(), "mellea-lint": set()}
    for part in claims.split(";"):
        tool, _, codes = part.strip().partition(" ")
        found[tool] = {code.strip() for code in re.sub(r"\(.*?\)", "", codes).split(",")}
    return found


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[str]]]:
    """File name -> tool -> codes reported, for every snippet (one mypy and one mellea-lint run)."""
    assert DEMO_BIN.exists(), "run: make .venv-demo/.project"
    project = tmp_path_factory.mktemp("what-changes")
    (project / "pyproject.toml").write_text((REPO / "examples" / "pyproject.toml").read_text())
    for n, (_, before, after) in enumerate(_pairs()):
        for kind, body in (("before", before), ("after", after)):
            (project / f"s{n}_{kind}.py").write_text(HEADER + textwrap.indent(body, "    "))
    found: dict[str, dict[str, set[str]]] = {p.name: {"mypy": set(), "mellea-lint": set()} for p in project.glob("*.py")}
    mypy = subprocess.run([str(DEMO_BIN / "python"), "-m", "mypy", "."], cwd=project, capture_output=True,
                          text=True, check=False, env={"MYPY_CACHE_DIR": str(REPO / ".cache" / "demo" / "mypy" / "readme")})
    for file, code in re.findall(r"^(s\d+_\w+\.py):\d+: error: .*\[([\w-]+)\]$", mypy.stdout, re.MULTILINE):
        found[file]["mypy"].add(code)
    lint = subprocess.run([str(DEMO_BIN / "mellea-lint"), "check", "--no-cache", "."], cwd=project,
                          capture_output=True, text=True, check=False)
    for file, code in re.findall(r"^(s\d+_\w+\.py):\d+:\d+: (MOT\d+) ", lint.stdout, re.MULTILINE):
        found[file]["mellea-lint"].add(code)
    return found


@pytest.mark.parametrize(("n", "title"), [(n, p[0]) for n, p in enumerate(_pairs())], ids=lambda x: str(x))
def test_before_is_reported_as_claimed_and_after_is_clean(reports: dict[str, dict[str, set[str]]], n: int, title: str) -> None:
    _, before, _ = _pairs()[n]
    assert reports[f"s{n}_before.py"] == _declared(before), title
    assert reports[f"s{n}_after.py"] == {"mypy": set(), "mellea-lint": set()}, title
