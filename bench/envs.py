"""Environments that differ from ``.venv`` by one distribution only, for with/without comparisons.

A mirror venv links every entry of a source venv's site-packages except the excluded
ones, so both sides see the same interpreter, the same checker and the same other
distributions (flake8 scans them all for plugins): only the excluded package is absent,
exactly as if it had never been installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from bench.corpus import CACHE, REPO

OUR_DISTRIBUTION = ("mellea_typing-", "mellea_lint", "mellea_mypy", "mellea-stubs", "mellea_stubs-")
"""Everything our four wheels put into site-packages (three packages, four dist-infos)."""


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def mirror_without(source_venv: Path, name: str, excluded: Iterable[str], parent: Path = CACHE) -> Path:
    """A venv ``parent/name`` (default: under ``.cache/bench/``) mirroring ``source_venv`` minus
    entries starting with ``excluded``; returns its python. Rebuilt whenever the source's entries change."""
    excluded = tuple(excluded)
    source = site_packages(source_venv)
    wanted = sorted(e.name for e in source.iterdir() if not e.name.startswith(excluded))
    venv = parent / name
    stamp = venv / "mirrored.txt"
    if stamp.is_file() and stamp.read_text() == "\n".join(wanted):
        return venv / "bin" / "python"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([str(source_venv / "bin" / "python"), "-m", "venv", "--without-pip", str(venv)], check=True)
    target = site_packages(venv)
    for entry in wanted:
        (target / entry).symlink_to(source / entry)
    stamp.write_text("\n".join(wanted))
    return venv / "bin" / "python"


def mirror_pruned(source_venv: Path, name: str, package: str, dropped: Iterable[str],
                  parent: Path = CACHE) -> Path:
    """A mirror of ``source_venv`` whose ``package`` folder of site-packages lacks the files
    ``dropped`` (paths relative to it); returns its python.

    Every other entry is linked as by ``mirror_without``; ``package`` is copied afresh on each
    call, file by file, minus ``dropped``. Copied, not linked: pyright resolves a partial stub
    package (``py.typed`` saying ``partial``) made of links to another one wrongly, and then
    reports many of the runtime package's names as unknown imports.
    """
    dropped = set(dropped)
    python = mirror_without(source_venv, name, (package,), parent)
    source = site_packages(source_venv) / package
    target = site_packages(python.parent.parent) / package
    shutil.rmtree(target, ignore_errors=True)
    for file in source.rglob("*"):
        relative = file.relative_to(source)
        if file.is_file() and "__pycache__" not in relative.parts and str(relative) not in dropped:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target / relative)
    return python


VENV = REPO / ".venv"
NOSDK = REPO / ".venv-nosdk"


def tool(name: str) -> str:
    """A console script of the venv running the benchmarks (``.venv`` under ``make bench``)."""
    path = Path(sys.executable).parent / name
    return str(path if path.exists() else shutil.which(name) or name)
