"""The lint and the mypy plugin agree on one fixture set: ``tests/lint/fixtures``.

Every line the lint flags (its expected-finding comments) the plugin flags too, with the
same advice, and the plugin flags nothing else. The lines where they differ by design are
listed below with the reason (mostly receivers mypy cannot type); the test fails when the
list is stale in either direction.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mellea_lint import surface
from mellea_lint.engine import check_source
from mypy_envs import bare_python, stubs_python

from tests.lint.lint_expectations import FIXTURES, expected_findings

MYPY_CANNOT_TYPE = "the receiver is an unannotated parameter: mypy types it Any"
UNTYPED_PATCHER = "the patcher (monkeypatch / mocker) is an unannotated fixture: mypy types it Any"
DOTTED_TARGET = "a dotted target string: no receiver for mypy to type"
IMPORTS_ON_HOOK = "the plugin reports private imports once one of its hooks runs in the module"
MODULE_ATTRIBUTE = "a private name read from a module object: the plugin checks thunk members, not module attributes"
ATTR_DEFINED = "mypy itself reports attr-defined: the class has no such member"

LINT_ONLY: dict[tuple[str, int], str] = {
    ("evidence_by_use.py", 8): MYPY_CANNOT_TYPE,
    ("evidence_by_use.py", 9): MYPY_CANNOT_TYPE,
    ("evidence_by_use.py", 13): MYPY_CANNOT_TYPE,
    ("evidence_by_use.py", 14): MYPY_CANNOT_TYPE,
    ("mot002_private_member.py", 11): ATTR_DEFINED,
    ("mot002_private_member.py", 15): ATTR_DEFINED + " (ModelOutputThunk has no _INVARIANT_GUARDS; its subclass has)",
    ("mot004_string_forms.py", 17): UNTYPED_PATCHER,
    ("mot004_string_forms.py", 18): UNTYPED_PATCHER,
    ("mot004_string_forms.py", 19): DOTTED_TARGET,
    ("mot004_string_forms.py", 20): DOTTED_TARGET,
    ("mot005_private_import.py", 4): IMPORTS_ON_HOOK,
    ("mot005_private_import.py", 5): IMPORTS_ON_HOOK,
    ("mot005_private_import.py", 7): IMPORTS_ON_HOOK,
    ("mot005_private_import.py", 8): IMPORTS_ON_HOOK,
    ("mot005_private_import.py", 12): MODULE_ATTRIBUTE,
    ("mot005_private_import.py", 13): MODULE_ATTRIBUTE,
    ("narrowing_and_annotations.py", 15): ATTR_DEFINED + " (on Dict[str, Any]; the lint says the annotation looks wrong)",
}
"""Lines the lint flags and the plugin does not, with the reason."""

REPORT = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):\d+: error: (?P<message>.*)  \[(?P<code>mellea-[a-z]+)\]$")
PRODUCER_TAIL = "; if this is producer code, "


def _mypy_reports() -> dict[tuple[str, int], list[str]]:
    files = sorted(p.name for p in FIXTURES.glob("*.py"))
    config = (
        "[mypy]\nplugins = mellea_mypy\nshow_column_numbers = True\ncheck_untyped_defs = True\n"
        "hide_error_context = True\nno_error_summary = True\nfollow_imports = silent\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "/dev/stdin", "--no-incremental",
         "--python-executable", str(bare_python()), *files],
        input=config, capture_output=True, text=True, cwd=FIXTURES, check=False,
    )
    assert "INTERNAL ERROR" not in proc.stdout + proc.stderr, proc.stderr
    found: dict[tuple[str, int], list[str]] = {}
    for row in proc.stdout.splitlines():
        match = REPORT.match(row)
        if match:
            found.setdefault((match["file"], int(match["line"])), []).append(match["message"])
    return found


def _lint_reports() -> dict[tuple[str, int], list[str]]:
    found: dict[tuple[str, int], list[str]] = {}
    for path in sorted(FIXTURES.glob("*.py")):
        lines = {line for _, line, _, _ in expected_findings(path)}
        for finding in check_source(path.read_text(encoding="utf-8"), str(path)):
            if finding.line in lines:
                found.setdefault((path.name, finding.line), []).append(finding.message)
    return found


def _advice(message: str) -> str:
    """The advice after the tool's own prefix, without the tool-specific producer setting."""
    return message.split(": ", 1)[-1].split(PRODUCER_TAIL, 1)[0]


@pytest.fixture(scope="module")
def reports() -> tuple[dict[tuple[str, int], list[str]], dict[tuple[str, int], list[str]]]:
    return _lint_reports(), _mypy_reports()


def test_every_line_flagged_by_one_tool_is_flagged_by_the_other(reports: tuple[dict, dict]) -> None:
    lint, mypy = reports
    noqa = {key for key in mypy if "# noqa" in (FIXTURES / key[0]).read_text().splitlines()[key[1] - 1]}
    assert sorted(lint.keys() - mypy.keys()) == sorted(LINT_ONLY)
    assert sorted(mypy.keys() - lint.keys() - noqa) == []


def test_both_tools_give_the_same_advice(reports: tuple[dict, dict]) -> None:
    lint, mypy = reports
    differing = {
        key: (sorted({_advice(m) for m in lint[key]}), sorted({_advice(m) for m in mypy[key]}))
        for key in lint.keys() & mypy.keys()
        if {_advice(m) for m in lint[key]} != {_advice(m) for m in mypy[key]}
    }
    assert differing == {}


LEGACY = FIXTURES / "legacy_names.py"
ACCESS = re.compile(r"mot\.(?P<member>_\w+)(?:\[\"(?P<key>\w+)\"\])?")


def _legacy_lines() -> dict[int, tuple[str, str | None]]:
    found = {}
    for number, text in enumerate(LEGACY.read_text(encoding="utf-8").splitlines(), start=1):
        match = ACCESS.search(text)
        if match:
            found[number] = (match["member"], match["key"])
    return found


def test_legacy_fixture_names_every_legacy_entry_of_the_surface_table() -> None:
    lines = _legacy_lines().values()
    assert {m for m, key in lines if key is None} == {
        m.name for m in surface.PRIVATE_MEMBERS if m.kind == "legacy-field"
    }
    assert {key for _, key in lines if key is not None} == {
        k.key for k in surface.META_KEYS if "0.8" not in k.releases
    }


@pytest.mark.parametrize("python", [stubs_python, bare_python], ids=["stubs", "bare"])
def test_legacy_names_get_their_migration_hint_from_both_tools(python: Callable[[], Path]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "/dev/stdin", "--no-incremental",
         "--python-executable", str(python()), LEGACY.name],
        input="[mypy]\nplugins = mellea_mypy\nshow_column_numbers = True\nno_error_summary = True\n",
        capture_output=True, text=True, cwd=FIXTURES, check=False,
    )
    mypy = {int(m["line"]): m["message"] for m in map(REPORT.match, proc.stdout.splitlines()) if m}
    lint = {f.line: f.message for f in check_source(LEGACY.read_text(encoding="utf-8"), str(LEGACY))}
    for line, (member, key) in _legacy_lines().items():
        hint = surface.meta_key_hint(key) if key is not None else surface.replacement_hint(member)
        assert mypy.get(line) == f'Private member "{member}" of ModelOutputThunk: {hint}', (line, proc.stdout)
        target = f"{member}[{key!r}]" if key is not None else member
        assert lint.get(line) == f"private thunk member {target} read: {hint}", line
    assert "attr-defined" not in proc.stdout
