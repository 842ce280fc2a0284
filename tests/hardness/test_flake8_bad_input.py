"""Bad input through flake8 with the MOT plugin: one E9 line per bad file (flake8's own
E902 cannot-read / E999 cannot-parse), the good file next to it is still checked, and the
MOT plugin never raises. Cases where flake8 itself behaves otherwise are pinned as such."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FLAKE8 = Path(sys.executable).parent / "flake8"
GOOD = (
    "from mellea.core.base import ModelOutputThunk\n\n\n"
    "def show(mot: ModelOutputThunk) -> None:\n"
    "    print(mot._gen)\n"
)
GEN_READ = "MOT002 private thunk member _gen read: _gen is internal to mellea.core"
GOOD_LINE = f"good.py:5:14: {GEN_READ}"
DEEP = 10_000
NIGHTLY = bool(os.environ.get("MELLEA_NIGHTLY"))


def flake8(project: Path, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``flake8 --select MOT,E9 *args good.py`` in ``project`` (after a ``prefix`` command)."""
    return subprocess.run(
        [*prefix, str(FLAKE8), "--isolated", "--select", "MOT,E9", *args, "good.py"],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
    )


def other_lines(project: Path, *paths: str, prefix: tuple[str, ...] = ()) -> list[str]:
    """Check good.py beside ``paths``; assert it was checked; return every other line."""
    (project / "good.py").write_text(GOOD)
    result = flake8(project, *paths, prefix=prefix)
    assert result.returncode == 1 and result.stderr == "", result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("good.py:")] == [GOOD_LINE]
    return [line for line in lines if not line.startswith("good.py:")]


E9_FILES: dict[str, tuple[bytes, str]] = {
    "syntax": (b"def broken(:\n    pass\n", "bad.py:1:13: E999 SyntaxError: "),
    "nul": (b"x = 1\ny = 2\0\n", "bad.py:1:1: E999 SyntaxError: source code string cannot contain null bytes"),
    "deep-parens": (b"x = " + b"(" * DEEP + b"1" + b")" * DEEP + b"\n",
                    "bad.py:1:206: E999 SyntaxError: too many nested parentheses"),
}


@pytest.mark.parametrize("kind", sorted(E9_FILES))
def test_unparsable_file_is_one_e999_line(tmp_path: Path, kind: str) -> None:
    data, expected = E9_FILES[kind]
    (tmp_path / "bad.py").write_bytes(data)
    lines = other_lines(tmp_path, "bad.py")
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_empty_file_is_clean(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_bytes(b"")
    assert other_lines(tmp_path, "empty.py") == []


def test_non_utf8_file_is_still_checked_as_latin1(tmp_path: Path) -> None:
    """flake8 reads undecodable files as latin-1 (no E9 line): the MOT rules still apply."""
    (tmp_path / "bad.py").write_bytes(b"s = '\xe9t\xe9'\n" + GOOD.encode())
    assert other_lines(tmp_path, "bad.py") == [f"bad.py:6:14: {GEN_READ}"]


def test_missing_path_is_one_e902_line(tmp_path: Path) -> None:
    assert other_lines(tmp_path, "no/such/dir") == [
        "no/such/dir:0:1: E902 FileNotFoundError: [Errno 2] No such file or directory: 'no/such/dir'"]


def test_symlink_loop_is_one_e902_line(tmp_path: Path) -> None:
    os.symlink("b.py", tmp_path / "a.py")
    os.symlink("a.py", tmp_path / "b.py")
    assert other_lines(tmp_path, "a.py") == [
        "a.py:0:1: E902 OSError: [Errno 40] Too many levels of symbolic links: 'a.py'"]


def test_unreadable_file_is_one_e902_line(tmp_path: Path) -> None:
    secret = tmp_path / "secret.py"
    secret.write_text(GOOD)
    secret.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root reads anything unless CAP_DAC_OVERRIDE is dropped
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root without util-linux setpriv: cannot make a file unreadable"
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    assert other_lines(tmp_path, "secret.py", prefix=prefix) == [
        "secret.py:0:1: E902 PermissionError: [Errno 13] Permission denied: 'secret.py'"]


def test_large_file_is_checked(tmp_path: Path) -> None:
    """One long line (flake8's own checks cost ~1 s per MB of it); 50 MB under MELLEA_NIGHTLY
    (`make fuzz`), 5 MB otherwise. A private read after it is still found."""
    size = (50 if NIGHTLY else 5) * 1024 * 1024
    with (tmp_path / "huge.py").open("wb") as handle:
        handle.write(b'x = "' + b"a" * size + b'"\n' + GOOD.encode())
    assert other_lines(tmp_path, "huge.py") == [f"huge.py:6:14: {GEN_READ}"]


@pytest.mark.parametrize("expression", ["sum", "unary", "calls"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_deep_expression_fails_inside_flake8_not_the_plugin(tmp_path: Path, expression: str, jobs: str) -> None:
    """flake8 7.5 does not catch RecursionError/MemoryError from its own ``ast.parse``
    (processor.build_ast): it stops with a traceback before any AST plugin runs, with or
    without ours. Pinned so the day it changes is noticed; ours must never be in the trace."""
    deep = {"sum": b" + ".join([b"a"] * DEEP), "unary": b"-" * DEEP + b"1", "calls": b"f" + b"()" * DEEP}
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "deep.py").write_bytes(b"x = " + deep[expression] + b"\n")
    result = flake8(tmp_path, "--jobs", jobs, "deep.py")
    assert result.returncode == 1
    assert "mellea_lint" not in result.stderr
    assert "in build_ast" in result.stderr and "ast.py" in result.stderr.rsplit("build_ast", 1)[1]
    assert result.stderr.rstrip().splitlines()[-1] in (
        "RecursionError: maximum recursion depth exceeded during ast construction", "MemoryError")
