"""The distribution as users get it: one wheel carrying the stubs, the mypy plugin and the lint rules."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(REPO)],
        check=True, timeout=300,
    )
    (path,) = out.glob("mellea_typing-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_carries_the_three_packages(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "mellea-stubs/core/base.pyi" in names
    assert "mellea_mypy/__init__.py" in names and "mellea_mypy/main.py" in names
    assert {"mellea_lint/surface.py", "mellea_lint/cli.py", "mellea_lint/flake8_plugin.py"} <= names


def test_stub_package_is_partial_and_mirrors_mellea(wheel: zipfile.ZipFile) -> None:
    assert wheel.read("mellea-stubs/py.typed") == b"partial\n"
    stub_files = [n for n in wheel.namelist() if n.startswith("mellea-stubs/")]
    # No __init__.pyi: it would hide the runtime mellea/__init__.py from every checker.
    assert not [n for n in stub_files if n.endswith("__init__.pyi")]
    assert all(n.endswith((".pyi", "py.typed")) for n in stub_files)


def test_entry_points(wheel: zipfile.ZipFile) -> None:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(name).decode())
    assert parser["flake8.extension"]["MOT"] == "mellea_lint.flake8_plugin:MotChecker"
    assert parser["console_scripts"]["mellea-lint"] == "mellea_lint.cli:main"


def test_installed_environment_has_the_stub_package() -> None:
    import importlib.metadata

    files = {str(f) for f in importlib.metadata.files("mellea-typing") or ()}
    assert "mellea-stubs/core/base.pyi" in files and "mellea-stubs/py.typed" in files
