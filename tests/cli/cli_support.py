"""Helpers of the CLI tests: run the installed ``mellea-lint`` script as users do, in a project folder."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "mellea-lint"

THUNK_USE = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk


    def show(mot: ModelOutputThunk) -> None:
        print(mot._gen)
    """
)
"""A file with exactly one finding: MOT002 at the dot of `mot._gen`, line 5, column 14 (1-based)."""
THUNK_USE_AT = (5, 14)

CLEAN = "def add(a: int, b: int) -> int:\n    return a + b\n"

Lint = Callable[..., subprocess.CompletedProcess[str]]


def lint_in(cwd: Path, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``mellea-lint *args`` run in ``cwd`` (after a ``prefix`` command); never raises on exit codes."""
    return subprocess.run(
        [*prefix, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def finding_lines(stdout: str) -> list[str]:
    """The concise output without its summary line."""
    return [line for line in stdout.splitlines() if line and not line.startswith(("Found ", "All checks"))]


def codes_by_file(stdout: str) -> dict[str, list[str]]:
    """JSON output -> {file name: [codes in order]}."""
    found: dict[str, list[str]] = {}
    for item in json.loads(stdout):
        found.setdefault(Path(item["filename"]).name, []).append(item["code"])
    return found
