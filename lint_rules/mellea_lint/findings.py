"""The unit every front end exchanges: one finding at one place, with an optional fix."""

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
