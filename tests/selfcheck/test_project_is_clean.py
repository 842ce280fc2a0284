"""The project holds itself to its own gates: ruff (with PYI on the stubs), mypy --strict, MOT rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PACKAGES = ["lint_rules/mellea_lint", "mypy_plugin/mellea_mypy"]


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_is_clean_on_the_project_and_the_stubs() -> None:
    result = _run(str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_packages_type_check_strictly(tmp_path: Path) -> None:
    result = _run(str(BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path), *PACKAGES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mellea_lint_finds_nothing_in_its_own_code() -> None:
    result = _run(str(BIN / "mellea-lint"), "check", "--no-cache", *PACKAGES, "bench")
    assert result.returncode == 0, result.stdout + result.stderr
