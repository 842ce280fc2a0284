"""Which dotted module a file is, from the packages around it on disk.

Its own module so that a cached check (``runner``) can key results by module name without
importing the engine.
"""

from __future__ import annotations

import functools
import os


def module_name_for(path: str) -> str | None:
    """The dotted module name of the file at ``path``, from the packages around it.

    Walks up while the folder holds an ``__init__.py``; a file outside any package is
    the module of its own name. In a ``src/`` layout without ``__init__.py`` files
    (namespace packages), the parts after the last ``src`` folder make the name. A path
    whose folder does not exist (text checked under a given name) is read as relative
    to its package root: ``mellea/core/base.py`` -> ``mellea.core.base``. ``None`` when
    the file name is not a Python identifier.
    """
    head, tail = os.path.split(os.path.normpath(path))
    stem = tail[:-3] if tail.endswith(".py") else tail.removesuffix(".pyi")
    if not stem.isidentifier():
        return None
    directory = os.path.abspath(head or ".")
    if os.path.isdir(directory):
        package = _package_of(directory)
    else:
        package = _after_src([p for p in head.replace("\\", "/").split("/") if p not in ("", ".")])
    if stem == "__init__":
        return package or None
    return f"{package}.{stem}" if package else stem


@functools.lru_cache(maxsize=4096)
def _package_of(directory: str) -> str:
    """The dotted package a folder is (``""``: none)."""
    parent, name = os.path.split(directory)
    if os.path.isfile(os.path.join(directory, "__init__.py")):
        if not name.isidentifier():
            return ""
        outer = _package_of(parent) if parent != directory else ""
        return f"{outer}.{name}" if outer else name
    parts = directory.replace("\\", "/").split("/")
    return _after_src(parts) if "src" in parts else ""


def _after_src(parts: list[str]) -> str:
    """The dotted name the folder parts make, counted after the last ``src`` if there is one."""
    if "src" in parts:
        parts = parts[len(parts) - parts[::-1].index("src"):]
    return ".".join(parts) if all(p.isidentifier() for p in parts) else ""
