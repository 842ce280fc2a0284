"""Hands the YAML cases their interpreters (see :mod:`mypy_envs`) and the right mypy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from mypy_envs import bare_python, stubs_python
from pytest_mypy_plugins.item import YamlTestItem

# pytest-mypy-plugins runs the `mypy` found on PATH: make it this venv's.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """YAML cases run mypy with only their own environment: hand them the interpreters."""
    here = Path(__file__).parent
    env = {"MELLEA_MYPY_STUBS_PYTHON": str(stubs_python()), "MELLEA_MYPY_BARE_PYTHON": str(bare_python())}
    for item in items:
        if isinstance(item, YamlTestItem) and here in item.path.parents:
            item.environment_variables.update(env)
