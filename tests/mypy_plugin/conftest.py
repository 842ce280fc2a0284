"""Hands the YAML cases their interpreters (see :mod:`mypy_envs`) and the right mypy."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from mypy_envs import bare_python, stubs_python
from pytest_mypy_plugins.item import YamlTestItem

# pytest-mypy-plugins runs the `mypy` found on PATH: make it this venv's.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def pytest_configure(config: pytest.Config) -> None:
    """pytest-mypy-plugins keeps its mypy cache under the system temp dir by default, which every
    checkout on the machine shares: runs from two checkouts (other stubs) then read each other's
    cache. Keep it in this checkout unless the command line chose a base."""
    if config.option.mypy_testing_base == tempfile.gettempdir():
        base = Path(__file__).resolve().parents[2] / ".cache" / "mypy-yaml"
        base.mkdir(parents=True, exist_ok=True)
        config.option.mypy_testing_base = str(base)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """YAML cases run mypy with only their own environment: hand them the interpreters."""
    here = Path(__file__).parent
    env = {"MELLEA_MYPY_STUBS_PYTHON": str(stubs_python()), "MELLEA_MYPY_BARE_PYTHON": str(bare_python())}
    for item in items:
        if isinstance(item, YamlTestItem) and here in item.path.parents:
            item.environment_variables.update(env)
