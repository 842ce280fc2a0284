"""Source trees for the type-checker hardness tests, written into a test's tmp folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOSDK_PYTHON = REPO / ".venv-nosdk" / "bin" / "python"
MYPY_CONFIG = "[mypy]\nplugins = mellea_mypy\n"

THUNK_READ = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk


    def show(mot: ModelOutputThunk[str]) -> None:
        print(mot._gen)
    """
)
"""One private read, line 5; mypy's plugin reports it as ``[mellea-private]``."""

PLAIN = textwrap.dedent(
    """\
    from dataclasses import dataclass
    from typing import Any, Literal


    @dataclass
    class Raw:
        provider: Literal["a", "b"] | None
        response: dict[str, Any]


    class Thunk:
        def __init__(self) -> None:
            self._gen: object = None
            self._meta: dict[str, Any] = {}
            self.raw = Raw(None, {})

        def value(self) -> object:
            return self._gen


    def route(t: Thunk) -> str:
        t._meta["usage"] = 1
        match t.raw.provider:
            case "a":
                return str(t.raw.response)
            case None:
                return getattr(t, "_gen", "")
        if t.raw.provider == "b" and (r := t.raw):
            return str(r.response.get("x"))
        return ""
    """
)
"""A project without mellea that uses the same member names the plugin looks at."""


def write_marker_project(root: Path, marker: Path) -> Path:
    """A package whose every module, if imported or run, creates ``marker``."""
    payload = f"open({str(marker)!r}, 'w').close()\n"
    package = root / "markerproj"
    package.mkdir(parents=True)
    for name in ("__init__.py", "mod.py", "conftest.py", "setup.py", "__main__.py"):
        (package / name).write_text(payload)
    (package / "uses.py").write_text("import markerproj.mod\nfrom . import conftest\n" + payload + THUNK_READ)
    return package


def write_mixed_tree(root: Path, mellea_wheel: Path, marker: Path) -> list[str]:
    """mellea 0.8.0's own package, ``examples/``, a project without mellea and the marker
    package; returns the paths to hand to mypy."""
    shutil.copytree(mellea_wheel / "mellea", root / "mellea")
    shutil.copytree(REPO / "examples", root / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "plainproj").mkdir()
    (root / "plainproj" / "__init__.py").write_text("")
    (root / "plainproj" / "thunks.py").write_text(PLAIN)
    write_marker_project(root, marker)
    return ["mellea", "examples", "plainproj", "markerproj"]


def module_count(root: Path, paths: list[str]) -> int:
    """How many modules mypy should check (``pkg/__init__.py`` and ``pkg.py`` are one)."""
    return len({f.relative_to(root).with_suffix("").as_posix().removesuffix("/__init__")
                for p in paths for f in (root / p).rglob("*.py")})
