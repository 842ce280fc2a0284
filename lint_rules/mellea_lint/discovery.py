"""Turn the command line's paths into the files to check.

Directories are walked recursively for ``*.py`` and ``*.pyi`` without following
symlinked directories (no loops), skipping tool and VCS folders. Files named on the
command line are checked whatever their suffix, as pre-commit passes them. The
configured ``exclude`` patterns apply to both, so pre-commit's file lists honour them.
A path that cannot be used becomes a MOT900 finding instead of stopping the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from mellea_lint.findings import READ_ERROR, Finding, file_error

SUFFIXES = (".py", ".pyi")
SKIPPED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache",
        ".ruff_cache", ".pytest_cache", ".mellea-lint-cache", "node_modules", "site-packages",
        "__pypackages__", ".eggs",
    }
)
"""Folder names never entered while walking a directory (they hold no project source)."""


class Discovered:
    """Files to check, in a stable order, and findings for paths that could not be used."""

    __slots__ = ("files", "errors")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.errors: list[Finding] = []


def is_excluded(path: str, root: str, patterns: Sequence[str]) -> bool:
    """True when ``path`` matches an ``exclude`` pattern.

    A pattern without ``/`` matches any single path component (``build``, ``*_pb2.py``);
    one with ``/`` matches the path relative to ``root`` (``tests/fixtures/*``), as in ruff.
    """
    if not patterns:
        return False
    from fnmatch import fnmatchcase  # only with exclude patterns

    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = os.path.normpath(path)  # outside the root: the path as given
    relative = relative.replace(os.sep, "/")
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            if fnmatchcase(relative, pattern) or fnmatchcase(relative, pattern + "/*"):
                return True
        elif any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def discover(paths: Iterable[str], root: str, exclude: Sequence[str]) -> Discovered:
    """Expand ``paths`` into files; missing or unreadable paths become MOT900 findings."""
    found = Discovered()
    seen: set[str] = set()

    def add(name: str) -> None:
        if name not in seen and not is_excluded(name, root, exclude):
            seen.add(name)
            found.files.append(name)

    for name in paths:
        try:
            is_dir = os.path.isdir(name)
            os.stat(name)
        except OSError as exc:
            found.errors.append(file_error(name, READ_ERROR, f"cannot read: {exc.strerror or exc}"))
            continue
        if not is_dir:
            add(name)
            continue
        if is_excluded(name, root, exclude) and os.path.abspath(name) != os.path.abspath(root):
            continue
        for folder, dirs, files in os.walk(name, onerror=lambda exc: _walk_error(found, exc)):
            dirs[:] = sorted(
                d for d in dirs
                if d not in SKIPPED_DIRS and not is_excluded(os.path.join(folder, d), root, exclude)
            )
            for file in sorted(files):
                if file.endswith(SUFFIXES):
                    add(os.path.normpath(os.path.join(folder, file)))
    return found


def _walk_error(found: Discovered, exc: OSError) -> None:
    name = os.path.normpath(exc.filename) if exc.filename else "?"
    found.errors.append(file_error(name, READ_ERROR, f"cannot read directory: {exc.strerror or exc}"))
