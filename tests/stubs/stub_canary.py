"""A file that proves the checker configs are live: each checker must honour only its own
ignore syntax and must report an ignore comment that suppresses nothing."""

from __future__ import annotations

from pathlib import Path

from tools.typecheckers import CHECKERS, IGNORE_SYNTAX

_ERROR_CODES = {  # the code each checker gives `x: int = "text"`
    "type": "assignment",
    "pyright": "reportAssignmentType",
    "pyrefly": "bad-assignment",
    "ty": "invalid-assignment",
}

UNUSED = "unused"
SUPPRESSED = "suppressed"
REPORTED = "reported"


def canary_lines() -> list[tuple[str, str, str]]:
    """(source line, ignore syntax, kind): a needless ignore, then a real error under it."""
    lines = []
    for n, (syntax, code) in enumerate(_ERROR_CODES.items()):
        lines.append((f"needless_{n}: int = 1  # {syntax}: ignore[{code}]", syntax, UNUSED))
        lines.append((f'real_{n}: int = "text"  # {syntax}: ignore[{code}]', syntax, SUPPRESSED))
    return lines


def expected(checker: str) -> dict[int, str]:
    """Line number -> what ``checker`` must do there (``REPORTED`` or ``UNUSED``)."""
    own = IGNORE_SYNTAX[checker]
    out = {}
    for lineno, (_, syntax, kind) in enumerate(canary_lines(), start=1):
        if syntax == own:
            out[lineno] = UNUSED if kind == UNUSED else SUPPRESSED
        elif kind == SUPPRESSED:
            out[lineno] = REPORTED
    return out


def write_canary(path: Path) -> Path:
    path.write_text("\n".join(line for line, _, _ in canary_lines()) + "\n")
    return path


assert set(IGNORE_SYNTAX) == set(CHECKERS)
