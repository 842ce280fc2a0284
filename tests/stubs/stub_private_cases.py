"""Downstream code that reads, writes or calls each private thunk member of surface.py."""

from __future__ import annotations

from pathlib import Path

from mellea_lint.surface import CURRENT_PRIVATE_FIELDS, CURRENT_PRIVATE_METHODS, PRIVATE_MEMBERS

HEADER = "from mellea.core import ModelOutputThunk\n\n\ndef touch(mot: ModelOutputThunk[str]) -> None:\n"


def private_member_lines() -> list[tuple[str, str]]:
    """(member, statement) pairs: type-correct uses that only the gate reports."""
    cases = []
    for m in PRIVATE_MEMBERS:
        if m.name in CURRENT_PRIVATE_FIELDS:
            cases += [(m.name, f"print(mot.{m.name})"), (m.name, f"mot.{m.name} = mot.{m.name}")]
        elif m.name in CURRENT_PRIVATE_METHODS:
            cases.append((m.name, f"print(mot.{m.name})"))
    return cases


def write_private_member_cases(path: Path) -> Path:
    body = "".join(f"    {stmt}\n" for _, stmt in private_member_lines())
    path.write_text(HEADER + body)
    return path


def first_case_line() -> int:
    return HEADER.count("\n") + 1
