"""The flake8 adapter, through real ``flake8`` subprocesses (batched) and in-process."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lint_expectations import FIXTURES, expected_findings, fixture_files
from mellea_lint.flake8_plugin import MotChecker

FORMAT = "%(path)s\t%(row)d\t%(col)d\t%(code)s"


def flake8(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "MOT", "--format", FORMAT, *args],
        capture_output=True, text=True, cwd=cwd, check=False,
    )


def parse(output: str, cwd: Path | None = None) -> set[tuple[str, int, int, str]]:
    rows = set()
    for line in output.splitlines():
        path, row, col, code = line.split("\t")
        rows.add((str(((cwd or Path.cwd()) / path).resolve()), int(row), int(col), code))
    return rows


def test_flake8_reports_exactly_the_fixture_annotations() -> None:
    result = flake8(str(FIXTURES))
    assert result.returncode == 1, result.stderr
    expected = set().union(*(expected_findings(p) for p in fixture_files()))
    assert parse(result.stdout) == expected


def test_flake8_message_is_one_line_with_code_and_replacement() -> None:
    path = FIXTURES / "mot001_public_replacement.py"
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "MOT001", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert f"{path}:8:14: MOT001 private thunk member _generate_log read: use mot.generate_log" in (
        result.stdout.splitlines()
    )


def test_options_from_command_line_and_config_file(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "producer_writes.py", tmp_path)
    shutil.copy(FIXTURES / "mot002_private_member.py", tmp_path)
    (tmp_path / ".flake8").write_text(
        "[flake8]\nmot-producer-modules = other, producer_writes\n"
        "mot-internal-modules = mellea.core,mot002_private_member\n"
    )
    from_config = parse(flake8(".", cwd=tmp_path).stdout, tmp_path)
    writes = tmp_path / "producer_writes.py"
    assert {(row, code) for path, row, _, code in from_config} == {(9, "MOT003"), (13, "MOT001"), (15, "MOT004")}
    assert all(path == str(writes.resolve()) for path, *_ in from_config)
    overridden = parse(flake8("--mot-producer-modules=", "--mot-internal-modules=mellea.core", ".", cwd=tmp_path).stdout, tmp_path)
    assert {(row, code) for path, row, _, code in overridden if path == str(writes.resolve())} == {
        (7, "MOT003"), (8, "MOT003"), (9, "MOT003"), (10, "MOT002"), (11, "MOT002"), (12, "MOT002"),
        (13, "MOT001"), (14, "MOT004"), (15, "MOT004"),
    }
    assert any(path.endswith("mot002_private_member.py") for path, *_ in overridden)


def test_plugin_uses_the_tree_flake8_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "from mellea.core.base import ModelOutputThunk\nmot = ModelOutputThunk(None)\nmot._gen\n"
    tree = ast.parse(source)

    def no_parse(*args: object, **kwargs: object) -> ast.Module:
        raise AssertionError("the plugin parsed the file again")

    monkeypatch.setattr(ast, "parse", no_parse)
    checker = MotChecker(tree, "example.py", source.splitlines(keepends=True))
    assert [(row, col, text.split()[0]) for row, col, text, _ in checker.run()] == [(3, 3, "MOT002")]


def test_flake8_names_its_own_producer_option() -> None:
    path = FIXTURES / "producer_test_double.py"
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "MOT003", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert (
        f"{path}:28:8: MOT003 private thunk member _generate_log written: there is no public setter "
        "(mot.generate_log is read-only); if this is producer code, list its module in "
        "--mot-producer-modules or add '# noqa: MOT003'"
    ) in result.stdout.splitlines()


def test_flake8_extra_providers_option(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mot006_provider.py", tmp_path)
    rows = {row for _, row, _, code in parse(flake8("--select", "MOT006", ".", cwd=tmp_path).stdout, tmp_path)}
    assert rows == {6, 10, 13}
    extra = parse(flake8("--select", "MOT006", "--mot-extra-providers=olama,watsonxx", ".", cwd=tmp_path).stdout, tmp_path)
    assert {row for _, row, _, _ in extra} == {13}


def test_flake8_detect_producers_option(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "producer_callback.py", tmp_path)
    assert {row for _, row, _, _ in parse(flake8(".", cwd=tmp_path).stdout, tmp_path)} == {14, 18}
    off = parse(flake8("--mot-detect-producers=false", ".", cwd=tmp_path).stdout, tmp_path)
    assert {row for _, row, _, _ in off} == {8, 9, 10, 14, 18}
    bad = flake8("--mot-detect-producers=maybe", ".", cwd=tmp_path)
    assert bad.returncode != 0 and "--mot-detect-producers must be true or false" in bad.stderr
