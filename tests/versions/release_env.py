"""Another mellea release next to the tests' 0.8.0: ``pip install --no-deps --target`` of a
released wheel (from the pip cache or the package index), put first on ``PYTHONPATH`` so that
the tools see that release installed. Locked and staged so pytest-xdist workers cannot race."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITES = REPO / ".cache" / "mellea-sites"


def mellea_site(version: str) -> Path:
    """A folder holding ``mellea`` and ``mellea-<version>.dist-info``, installed once."""
    site = SITES / version
    if site.is_dir():
        return site
    SITES.mkdir(parents=True, exist_ok=True)
    with open(SITES / f".{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if site.is_dir():
            return site
        staging = site.with_name(site.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
             "--target", str(staging), f"mellea=={version}"],
            check=True,
        )
        staging.rename(site)
    return site


def env_with(site: Path | None) -> dict[str, str]:
    """The environment with ``site`` first on ``PYTHONPATH`` (``None``: the venv's own mellea)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return env
