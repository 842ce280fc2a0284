"""Benchmark corpora: the released mellea 0.8.0 wheel, and replicas of it up to a line budget."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "bench"
LABELS = REPO / "tests" / "data" / "truth-mellea-0.6.0-wheel.tsv"
"""The labelled private accesses of the mellea 0.6.0 wheel (columns: tests/data/README.md)."""


def wheel_tree(version: str = "0.8.0") -> Path:
    """The unzipped ``mellea==version`` wheel (its ``.py`` files), downloaded once.

    Shared by the benchmarks and the tests; a file lock makes it safe under pytest-xdist.
    """
    root = CACHE / f"mellea-{version}"
    if root.is_dir():
        return root
    wheels = CACHE / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    with open(wheels / f".{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if root.is_dir():  # another process finished it while this one waited
            return root
        if not any(wheels.glob(f"mellea-{version}-*.whl")):
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 f"mellea=={version}", "-d", str(wheels)],
                check=True,
            )
        staging = root.with_name(root.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        with zipfile.ZipFile(next(wheels.glob(f"mellea-{version}-*.whl"))) as zf:
            zf.extractall(staging, [n for n in zf.namelist() if n.endswith(".py")])
        staging.rename(root)
    return root


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if p.is_file())


def line_count(files: list[Path]) -> int:
    return sum(p.read_bytes().count(b"\n") for p in files)


def replicated(factor: int, version: str = "0.8.0") -> Path:
    """``factor`` copies of the wheel tree side by side (``copy0/``, ``copy1/``, ...)."""
    root = CACHE / f"mellea-{version}-x{factor}"
    if root.is_dir():
        return root
    source = wheel_tree(version)
    staging = root.with_suffix(".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for i in range(factor):
        shutil.copytree(source, staging / f"copy{i}")
    staging.rename(root)
    return root


def replicated_to_lines(target_lines: int, version: str = "0.8.0") -> Path:
    """The smallest replica of the wheel tree with at least ``target_lines`` lines."""
    per_copy = line_count(python_files(wheel_tree(version)))
    return replicated(-(-target_lines // per_copy), version)
