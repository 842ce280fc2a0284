"""``mellea-lint check --fix`` / ``--diff`` on fixtures: the promised rewrites, nothing else, idempotent."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from autofix_support import assert_fixed_as_promised, json_findings, lint

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "from mellea.core.base import ModelOutputThunk\nmot = ModelOutputThunk(None)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n[tool.mellea-lint]\n')
    return tmp_path


def _copy(project: Path, *names: str) -> None:
    for name in names:
        shutil.copy(FIXTURES / name, project / name)


def test_fix_makes_every_rewrite_and_keeps_comments(project: Path) -> None:
    _copy(project, "rewrites.py")
    before = (project / "rewrites.py").read_text()
    fixable = [f for f in json_findings(lint(project, "check", "--output-format", "json").stdout) if f.fix]
    result = lint(project, "check", "--fix", "rewrites.py")
    after = (project / "rewrites.py").read_text()
    assert after == (FIXTURES / "rewrites.fixed.py").read_text()
    assert_fixed_as_promised(before, after, fixable)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")
    assert result.stderr == f"Fixed {len(fixable)} findings in 1 file.\n"


def test_fix_leaves_writes_deletes_and_uncertain_receivers_byte_identical(project: Path) -> None:
    _copy(project, "kept.py")
    before = lint(project, "check", "--no-cache")
    result = lint(project, "check", "--no-cache", "--fix")
    assert (project / "kept.py").read_bytes() == (FIXTURES / "kept.py").read_bytes()
    assert result.returncode == before.returncode == 1
    assert result.stdout == before.stdout and "MOT003" in result.stdout
    assert result.stderr == "Fixed 0 findings in 0 files.\n"


def test_fix_reports_what_remains_and_a_second_run_changes_nothing(project: Path) -> None:
    _copy(project, "rewrites.py", "kept.py")
    kept = lint(project, "check", "kept.py").stdout
    first = lint(project, "check", "--fix")
    assert (first.returncode, first.stdout) == (1, kept)  # only kept.py's findings are left
    fixed = (project / "rewrites.py").read_bytes()
    second = lint(project, "check", "--fix")
    assert (second.returncode, second.stdout) == (1, kept)
    assert second.stderr == "Fixed 0 findings in 0 files.\n"
    assert (project / "rewrites.py").read_bytes() == fixed
    assert lint(project, "check", "--diff").returncode == 0


def test_diff_previews_exactly_what_fix_writes(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _copy(project, "rewrites.py", "kept.py")
    result = lint(project, "check", "--diff")
    assert result.returncode == 1
    assert result.stdout.startswith("--- rewrites.py\n+++ rewrites.py\n@@ ")
    assert (project / "rewrites.py").read_bytes() == (FIXTURES / "rewrites.py").read_bytes()
    assert "kept.py" not in result.stdout
    assert result.stderr == "Would fix 23 findings in 1 file.\n"
    patched = tmp_path_factory.mktemp("patched")
    shutil.copy(FIXTURES / "rewrites.py", patched / "rewrites.py")
    subprocess.run(["patch", "-p0", "--quiet"], input=result.stdout, text=True, cwd=patched, check=True)
    assert (patched / "rewrites.py").read_text() == (FIXTURES / "rewrites.fixed.py").read_text()


def test_diff_of_nothing_fixable_is_empty_and_clean(project: Path) -> None:
    _copy(project, "kept.py")
    result = lint(project, "check", "--diff")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("selection", [("--ignore", "MOT001"), ("--select", "MOT002")])
def test_fix_applies_only_selected_rules(project: Path, selection: tuple[str, ...]) -> None:
    (project / "one.py").write_text(HEADER + "print(mot._generate_log)\n")
    result = lint(project, "check", "--fix", *selection)
    assert (project / "one.py").read_text() == HEADER + "print(mot._generate_log)\n"
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("prefix", "newline", "line"),
    [
        (b"\xef\xbb\xbf", b"\r\n", "s = 'é'; x = mot.{}\r\n"),  # BOM and CRLF
        (b"# -*- coding: latin-1 -*-\n", b"\n", "s = 'é'; x = mot.{}\n"),  # PEP 263 cookie
        (b"", b"\n", "if mot:\n\tx = mot.{}  # tab-indented\n"),
    ],
)
def test_fix_keeps_encoding_line_ends_and_indentation(
    project: Path, prefix: bytes, newline: bytes, line: str
) -> None:
    encoding = "latin-1" if b"latin-1" in prefix else "utf-8"
    header = HEADER.replace("\n", newline.decode()).encode(encoding)
    path = project / "enc.py"
    path.write_bytes(prefix + header + line.format("_generate_log").encode(encoding))
    result = lint(project, "check", "--fix")
    assert path.read_bytes() == prefix + header + line.format("generate_log").encode(encoding)
    assert result.returncode == 0, result.stdout


def test_fix_leaves_a_file_that_does_not_parse_and_reports_it(project: Path) -> None:
    (project / "bad.py").write_text(HEADER + "x = mot._generate_log\ny = (\n")
    result = lint(project, "check", "--fix")
    assert (project / "bad.py").read_text() == HEADER + "x = mot._generate_log\ny = (\n"
    assert result.returncode == 1 and "MOT902" in result.stdout


def test_fix_without_libcst_is_one_clear_error(project: Path) -> None:
    (project / "one.py").write_text(HEADER + "print(mot._generate_log)\n")
    hide = "import sys; sys.modules['libcst'] = None; from mellea_lint.cli import main; sys.exit(main())"
    for flag in ("--fix", "--diff"):
        result = subprocess.run(
            [sys.executable, "-c", hide, "check", flag], cwd=project, capture_output=True, text=True, check=False
        )
        assert result.returncode == 2
        assert result.stderr == "mellea-lint: error: --fix and --diff need libcst: pip install 'mellea-lint[fix]'\n"
        assert result.stdout == ""
    assert (project / "one.py").read_text() == HEADER + "print(mot._generate_log)\n"


def test_fix_and_diff_exclude_each_other(project: Path) -> None:
    result = lint(project, "check", "--fix", "--diff")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr


def test_fix_leaves_a_file_too_deep_for_libcst_and_says_why(project: Path) -> None:
    source = HEADER + "x = mot._generate_log\ny = " + " + ".join(["a"] * 1200) + "\n"
    (project / "deep.py").write_text(source)
    result = lint(project, "check", "--fix")
    assert (project / "deep.py").read_text() == source
    assert result.stderr.splitlines()[0] == "mellea-lint: warning: deep.py: not fixed: it nests too deeply for libcst"
    assert result.returncode == 1 and "MOT001" in result.stdout
