"""Each private thunk member of surface.py, read, written or called downstream, is an error in
every checker (the stub omits them; see the README for the measured alternatives)."""

from __future__ import annotations

from mellea_lint.surface import PUBLIC_MEMBERS
from stub_private_cases import first_case_line, private_member_lines

from tools.typecheckers import Diagnostic


def test_every_private_access_is_an_error(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    flagged = {d.line for d in diags if d.path.name == "private_members.py" and d.severity == "error"}
    missing = [
        stmt for n, (_, stmt) in enumerate(private_member_lines(), start=first_case_line())
        if n not in flagged
    ]
    assert not missing, f"{checker} accepts: {missing}"


def test_mypy_names_the_public_spelling_it_can_guess(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    """mypy's "maybe X?" suggests the public name when it is the private one without "_"."""
    checker, diags = sdk_run
    if checker != "mypy":
        return
    by_line = {d.line: d.message for d in diags if d.path.name == "private_members.py"}
    for n, (member, stmt) in enumerate(private_member_lines(), start=first_case_line()):
        public = member.lstrip("_")
        if public in PUBLIC_MEMBERS and stmt.startswith("print("):
            assert f'maybe "{public}"' in by_line[n], (stmt, by_line[n])
