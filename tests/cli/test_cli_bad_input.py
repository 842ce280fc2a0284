"""Bad input never stops the run: each bad file is one MOT9xx line and the others are still checked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cli_support import THUNK_USE, THUNK_USE_AT, Lint, finding_lines, lint_in

DEEP = 10_000


def _check_with_good_file(project: Path, lint: Lint, *bad_args: str) -> list[str]:
    """Lint ``good.py`` (one known finding) next to the bad paths; return the other lines."""
    (project / "good.py").write_text(THUNK_USE)
    result = lint("check", "--no-cache", "good.py", *bad_args)
    assert result.returncode == 1
    assert result.stderr == "" and "Traceback" not in result.stdout
    lines = finding_lines(result.stdout)
    row, col = THUNK_USE_AT
    assert f"good.py:{row}:{col}: MOT002" in "\n".join(lines)
    return [line for line in lines if not line.startswith("good.py:")]


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "syntax": (b"def broken(:\n    pass\n", "bad.py:1:12: MOT902 syntax error: "),
    "not-utf8": (b"x = 1\ny = '\xe9t\xe9'\n", "bad.py:2:6: MOT901 cannot decode as utf-8: "),
    "bom-not-utf8": (b"\xef\xbb\xbfx = 1\ny = '\xe9t\xe9'\n", "bad.py:2:6: MOT901 cannot decode as utf-8: "),
    "bad-cookie": (b"# -*- coding: no-such-codec -*-\nx = 1\n", "bad.py:1:1: MOT901 cannot decode: "),
    "nul": (b"x = 1\ny = 2\0\n", "bad.py:2:1: MOT902 syntax error: source contains a NUL byte"),
    "deep-parens": (b"x = " + b"(" * DEEP + b"1" + b")" * DEEP + b"\n",
                    "bad.py:1:205: MOT902 syntax error: too many nested parentheses"),
    # The deep sum and call chain parse; it is the rule's walk that meets the recursion limit,
    # so they name private members (a file that cannot have findings is never walked).
    "deep-sum": (b"x = " + b" + ".join([b"mot._gen"] * DEEP) + b"\n", "bad.py:1:1: MOT903 too complex: "),
    "deep-unary": (b"x = " + b"-" * DEEP + b"1\n", "bad.py:1:1: MOT903 too complex: "),
    "deep-calls": (b"x = mot._call" + b"()" * DEEP + b"\n", "bad.py:1:1: MOT903 too complex: "),
}


def test_deep_file_that_cannot_have_findings_is_clean(project: Path, lint: Lint) -> None:
    (project / "deep.py").write_bytes(b"x = " + b" + ".join([b"a"] * DEEP) + b"\n")
    result = lint("check", "deep.py")
    assert result.returncode == 0 and finding_lines(result.stdout) == [], result.stdout


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_one_line(project: Path, lint: Lint, kind: str) -> None:
    data, expected = BAD_FILES[kind]
    (project / "bad.py").write_bytes(data)
    lines = _check_with_good_file(project, lint, "bad.py")
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_pep263_cookie_is_honoured(project: Path, lint: Lint) -> None:
    text = "# -*- coding: latin-1 -*-\n" + THUNK_USE.replace("print(mot._gen)", "print(mot._gen, 'é')")
    (project / "latin.py").write_bytes(text.encode("latin-1"))
    lines = finding_lines(lint("check", "latin.py").stdout)
    assert len(lines) == 1 and lines[0].startswith(f"latin.py:{THUNK_USE_AT[0] + 1}:") and "MOT002" in lines[0]


def test_utf8_bom_is_accepted(project: Path, lint: Lint) -> None:
    (project / "bom.py").write_bytes(b"\xef\xbb\xbf" + THUNK_USE.encode())
    lines = finding_lines(lint("check", "bom.py").stdout)
    assert len(lines) == 1 and "MOT002" in lines[0]


def test_empty_file_is_clean(project: Path, lint: Lint) -> None:
    (project / "empty.py").write_bytes(b"")
    assert lint("check", "empty.py").returncode == 0


def test_50_mb_file_is_reported_not_parsed(project: Path, lint: Lint) -> None:
    with (project / "huge.py").open("wb") as handle:
        handle.write(b"x = 1\n" * (50 * 1024 * 1024 // 6))
    lines = _check_with_good_file(project, lint, "huge.py")
    assert len(lines) == 1 and lines[0].startswith("huge.py:1:1: MOT903 too large: 50.0 MiB"), lines


def test_missing_path_is_one_line(project: Path, lint: Lint) -> None:
    lines = _check_with_good_file(project, lint, "no/such/dir")
    assert lines == ["no/such/dir:1:1: MOT900 cannot read: No such file or directory"]


def test_symlink_loop_is_one_line_named_or_walked(project: Path, lint: Lint) -> None:
    (project / "pkg").mkdir()
    os.symlink("loop_b.py", project / "pkg" / "loop_a.py")
    os.symlink("loop_a.py", project / "pkg" / "loop_b.py")
    os.symlink(".", project / "pkg" / "self")  # a directory cycle: must not be followed
    named = _check_with_good_file(project, lint, "pkg/loop_a.py")
    assert named == ["pkg/loop_a.py:1:1: MOT900 cannot read: Too many levels of symbolic links"]
    walked = _check_with_good_file(project, lint, "pkg")
    assert walked == [f"pkg/{name}:1:1: MOT900 cannot read: Too many levels of symbolic links"
                      for name in ("loop_a.py", "loop_b.py")]


def _without_root_read_override() -> tuple[str, ...]:
    """A command prefix under which permission bits stop reads, even for root."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and util-linux setpriv is missing: cannot drop CAP_DAC_OVERRIDE")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_unreadable_file_and_folder_are_one_line_each(project: Path) -> None:
    (project / "good.py").write_text(THUNK_USE)
    secret = project / "secret.py"
    secret.write_text(THUNK_USE)
    secret.chmod(0)
    (project / "private").mkdir(mode=0)
    try:
        result = lint_in(project, "check", "--no-cache", ".", prefix=_without_root_read_override())
    finally:
        (project / "private").chmod(0o755)
    assert result.returncode == 1 and result.stderr == ""
    lines = finding_lines(result.stdout)
    row, col = THUNK_USE_AT
    assert lines[0].startswith(f"good.py:{row}:{col}: MOT002")
    assert lines[1:] == [
        "private:1:1: MOT900 cannot read directory: Permission denied",
        "secret.py:1:1: MOT900 cannot read: Permission denied",
    ]
