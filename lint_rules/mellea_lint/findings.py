"""The unit every front end exchanges: one finding at one place, with an optional fix; and the
``MOT9xx`` codes of the one finding a file gets when it could not be checked at all."""

# No `from __future__ import annotations`: NamedTuple compiles string annotations at import,
# about a millisecond of every check's start-up (bench/bench_startup.py).
from typing import NamedTuple


class Finding(NamedTuple):
    """A rule violation.

    ``line`` is 1-based and ``col`` 0-based (as in :mod:`ast`); flake8 and the CLI's
    concise format print ``col + 1``. ``fix`` is the public spelling that replaces the
    source span ``(line, col)``-``(end_line, end_col)`` on a safe autofix (for
    ``x._meta["usage"]`` the span covers ``._meta["usage"]`` and ``fix`` is
    ``.generation.usage``); ``None`` when no rewrite is safe.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    end_line: int
    end_col: int
    fix: str | None = None


READ_ERROR = "MOT900"
DECODE_ERROR = "MOT901"
SYNTAX_ERROR = "MOT902"
TOO_COMPLEX = "MOT903"

FILE_ERRORS: dict[str, tuple[str, str]] = {
    READ_ERROR: ("io-error", "The path does not exist or cannot be read (permissions, symlink loop)."),
    DECODE_ERROR: ("decode-error", "The bytes are not text in the encoding Python would use (PEP 263)."),
    SYNTAX_ERROR: ("syntax-error", "Python cannot parse the file (a NUL byte in the source included)."),
    TOO_COMPLEX: ("too-complex", "The file is too large or nests too deeply to parse within limits."),
}
"""code -> (name, summary) of the diagnostics for files that could not be checked. These codes
cannot be deselected or ``noqa``-ed: a file that was not checked must not pass silently."""


def file_error(path: str, code: str, message: str, line: int = 1, col: int = 0) -> Finding:
    """A finding that says why ``path`` could not be checked."""
    return Finding(path, max(line, 1), max(col, 0), code, message, max(line, 1), max(col, 0))
