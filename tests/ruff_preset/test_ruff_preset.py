"""The ruff preset, run by the real ruff: what it flags, what it leaves alone, and RUF100."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mellea_lint.config import LintConfig
from mellea_lint.ruff_preset import render
from mellea_lint.surface import PRIVATE_CORE_NAMES

RUFF = Path(sys.executable).parent / "ruff"

DOWNSTREAM = """\
from mellea.core.base import ModelOutputThunk, _CallInfo


def peek(mot: ModelOutputThunk) -> object:
    return mot._gen


def size(box: list[int]) -> object:
    return box._size
"""
"""SLF001 at 5:12 (``mot._gen``) and 9:12 (``box._size``: not a thunk, SLF001 is coarse),
TID251 at 1:48 (``_CallInfo``); 1-based columns."""

NOQA_KEPT = """\
def peek(mot):
    return mot.value  # noqa: MOT001
"""


def _ruff(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", *args], cwd=project, capture_output=True, text=True, check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "ruff.toml").write_text(render())
    for name in ("app.py", "mellea/core/impl.py", "src/mellea/core/impl.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DOWNSTREAM)
    return tmp_path


def _flagged(project: Path, *args: str) -> list[tuple[str, str, int, int]]:
    result = _ruff(project, "--output-format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    items = json.loads(result.stdout)
    return sorted(
        (str(Path(i["filename"]).relative_to(project)), i["code"], i["location"]["row"], i["location"]["column"])
        for i in items
    )


def test_preset_flags_private_access_and_banned_imports_outside_the_core(project: Path) -> None:
    assert _flagged(project, "--select", "SLF001,TID251", ".") == [
        ("app.py", "SLF001", 5, 12),
        ("app.py", "SLF001", 9, 12),
        ("app.py", "TID251", 1, 48),
    ]


def test_ban_message_comes_from_the_surface_table(project: Path) -> None:
    result = _ruff(project, "--output-format", "concise", "app.py")
    assert f"`mellea.core.base._CallInfo` is banned: {PRIVATE_CORE_NAMES['_CallInfo']}" in result.stdout


def test_without_the_per_file_ignores_the_core_is_flagged_too(project: Path) -> None:
    """Control: the core files are clean above because of the preset, not because ruff skips them."""
    (project / "ruff.toml").write_text(render(LintConfig(internal_modules=())))
    files = {name for name, *_ in _flagged(project, ".")}
    assert files == {"app.py", "mellea/core/impl.py", "src/mellea/core/impl.py"}


MIXED = NOQA_KEPT.replace("MOT001", "MOT001, F401")
"""F401 is unused on that line, so RUF100's fix rewrites the comment: MOT001 must survive."""


def test_fix_with_ruf100_keeps_noqa_for_mot_codes(project: Path) -> None:
    (project / "keep.py").write_text(NOQA_KEPT)
    (project / "mixed.py").write_text(MIXED)
    result = _ruff(project, "--extend-select", "RUF100", "--fix", "keep.py", "mixed.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 fixed" in result.stdout
    assert (project / "keep.py").read_text() == NOQA_KEPT
    assert (project / "mixed.py").read_text() == NOQA_KEPT


def test_without_external_ruf100_deletes_the_mot_noqa(project: Path) -> None:
    """Control: ``lint.external = ["MOT"]`` is what keeps the code when ruff rewrites the comment."""
    (project / "ruff.toml").write_text(render().replace('external = ["MOT"]\n', ""))
    (project / "mixed.py").write_text(MIXED)
    _ruff(project, "--extend-select", "RUF100", "--fix", "mixed.py")
    assert (project / "mixed.py").read_text() == NOQA_KEPT.replace("  # noqa: MOT001", "")
