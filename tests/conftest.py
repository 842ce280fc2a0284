"""Shared fixtures: released mellea wheels, downloaded once from the package registry."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache"


def mellea_wheel_tree(version: str) -> Path:
    """Unzip the released ``mellea==version`` wheel under ``.cache/`` and return its root.

    Safe under pytest-xdist: the unzip goes to a temporary folder that is renamed into place.
    """
    root = CACHE / f"mellea-{version}-wheel"
    if root.is_dir():
        return root
    wheels = CACHE / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    wheel = next(wheels.glob(f"mellea-{version}-*.whl"), None)
    if wheel is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             f"mellea=={version}", "-d", str(wheels)],
            check=True,
        )
        wheel = next(wheels.glob(f"mellea-{version}-*.whl"))
    staging = CACHE / f".staging-{version}-{os.getpid()}"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(staging)
    try:
        staging.rename(root)
    except OSError:  # another worker won the race
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    return root


@pytest.fixture(scope="session")
def mellea_060_tree() -> Path:
    return mellea_wheel_tree("0.6.0")


@pytest.fixture(scope="session")
def mellea_070_tree() -> Path:
    return mellea_wheel_tree("0.7.0")


@pytest.fixture(scope="session")
def mellea_080_tree() -> Path:
    return mellea_wheel_tree("0.8.0")
