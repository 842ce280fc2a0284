"""tests/assert_type/ type-checks clean in all five checkers: every assert_type holds and every
ignore comment (a checker's declared gap, or an error a negative case must produce) is used."""

from __future__ import annotations

from pathlib import Path

from stub_canary import REPORTED, UNUSED, expected

from tools.stub_matrix import FORMS_DIR as ASSERT_TYPE_DIR
from tools.typecheckers import Diagnostic

SDK_DEGRADE_LINE = 11


def _in(diags: list[Diagnostic], name: str) -> list[Diagnostic]:
    return [d for d in diags if d.path.name == name]


def test_assert_type_folder_is_clean(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    found = [d for d in diags if d.path.parent == ASSERT_TYPE_DIR]
    assert not found, f"{checker}:\n" + "\n".join(map(str, found))


def test_config_honours_only_own_ignores_and_reports_unused(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    got = {d.line for d in _in(diags, "canary_ignores.py")}
    want = expected(checker)
    assert got == {line for line, kind in want.items() if kind in (REPORTED, UNUSED)}, (
        f"{checker} does not honour exactly its own ignore comments: {sorted(got)}"
    )


def test_optional_sdk_types_are_real_when_installed(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    assert {d.line for d in _in(diags, "sdk_degrade.py")} == {SDK_DEGRADE_LINE}, checker


def test_optional_sdk_absent_degrades_to_any_without_errors(nosdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = nosdk_run
    assert not diags, f"{checker}:\n" + "\n".join(map(str, diags))


def test_every_form_file_is_a_checked_file() -> None:
    files = sorted(p.name for p in ASSERT_TYPE_DIR.glob("*.py"))
    assert files and all(n.startswith(("form_", "negative_")) for n in files), files
    assert all(Path(ASSERT_TYPE_DIR, n).read_text().startswith('"""') for n in files)
