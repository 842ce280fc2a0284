"""mypy runs for the plugin's tests: with the stubs installed, and against bare mellea.

YAML cases pick the environment through ``python_executable`` (mypy expands the
variables below): ``MELLEA_MYPY_STUBS_PYTHON``'s site-packages hold mellea and
mellea-stubs; ``MELLEA_MYPY_BARE_PYTHON`` is a venv whose site-packages hold only
mellea (the inline-typed 0.8.0 package), so the stubs are invisible to mypy there.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BARE_VENV = REPO / ".cache" / "mypy-plugin" / "bare-mellea-venv"


def stubs_python() -> Path:
    """``.venv-nosdk``: mellea, its base dependencies and our wheel, without the heavy
    optional SDKs (the stubs' transformers/torch types would cost a minute per cold cache)."""
    python = REPO / ".venv-nosdk" / "bin" / "python"
    assert python.exists(), f"{python} is missing: run `make .venv-nosdk/.project`"
    return python


def bare_python() -> Path:
    """A venv with only a link to the installed mellea package (built once, race-safe)."""
    python = BARE_VENV / "bin" / "python"
    if python.exists():
        return python
    spec = importlib.util.find_spec("mellea")
    assert spec is not None and spec.submodule_search_locations, "mellea is not installed"
    mellea_dir = Path(next(iter(spec.submodule_search_locations)))
    BARE_VENV.parent.mkdir(parents=True, exist_ok=True)
    staging = BARE_VENV.with_name(f".staging-{os.getpid()}")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(staging)], check=True)
    site = next(staging.glob("lib/python3*/site-packages"))
    (site / "mellea").symlink_to(mellea_dir)
    try:
        staging.rename(BARE_VENV)
    except OSError:  # another xdist worker won
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    return python
