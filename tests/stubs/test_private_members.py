"""Each private thunk member of surface.py, read, written or called downstream, type-checks in
every checker (the stubs declare them with their runtime types, so producer code is clean), and
the gate reports each of those lines in consumer code: the stubs type, the gate enforces."""

from __future__ import annotations

from pathlib import Path

from mellea_lint.engine import check_source
from stub_private_cases import first_case_line, private_member_lines, write_private_member_cases

from tools.typecheckers import Diagnostic


def test_every_private_access_type_checks(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    found = [d for d in diags if d.path.name == "private_members.py"]
    assert not found, f"{checker}:\n" + "\n".join(map(str, found))


def test_the_lint_reports_every_one_of_them_in_consumer_code(tmp_path: Path) -> None:
    path = write_private_member_cases(tmp_path / "private_members.py")
    reported = {f.line for f in check_source(path.read_text(), str(path))}
    cases = enumerate(private_member_lines(), start=first_case_line())
    missing = [stmt for n, (_, stmt) in cases if n not in reported]
    assert not missing, missing
