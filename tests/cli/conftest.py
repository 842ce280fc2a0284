"""Fixtures of the CLI tests: an isolated project folder and a ``mellea-lint`` runner in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Lint, lint_in


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with its own pyproject.toml (so no outer config leaks in)."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n[tool.mellea-lint]\n')
    return tmp_path


@pytest.fixture
def lint(project: Path) -> Lint:
    return lambda *args, **kwargs: lint_in(project, *args, **kwargs)
