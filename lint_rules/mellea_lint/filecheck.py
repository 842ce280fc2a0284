"""Check one file's bytes: decode like Python, run the engine, honour ``# noqa``.

Anything that stops a file from being checked (unreadable, undecodable, a syntax
error, nesting too deep for the parser) becomes exactly one finding with a code of
the ``MOT9xx`` range (``findings.FILE_ERRORS``), so a bad file never hides the results
of the others and never prints a traceback.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mellea_lint.findings import (
    DECODE_ERROR,
    READ_ERROR,
    SYNTAX_ERROR,
    TOO_COMPLEX,
    Finding,
    file_error,
)
from mellea_lint.modules import module_name_for
from mellea_lint.surface import module_matches

if TYPE_CHECKING:
    from mellea_lint.config import LintConfig

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Larger files are reported as MOT903 and not parsed: a generated data module of
that size would cost seconds and gigabytes of memory to parse, and hand-written code
is never that large."""

RECURSION_LIMIT = 5000
"""Raised from CPython's default 1000 while checking, so that long expression chains in
generated code (``a + b + ...`` with a few thousand terms) still parse; deeper input is
reported as MOT903 instead of crashing."""

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Line ends as Python's tokenizer counts them (``str.splitlines`` also splits at form feeds)."""

NOQA = r"(?i)#\s*noqa(?P<colon>\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*)?)?"
"""A ``# noqa`` comment (a pattern ``re`` compiles and caches on first use: a cached check
never needs it): bare, or with a colon and codes; a colon without valid codes
(``# noqa: MOT``) suppresses nothing, as in ruff."""


def read_source(path: str) -> bytes | Finding:
    """The file's bytes, or the MOT900/MOT903 finding that says why they cannot be checked."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                mib, limit = size / 2**20, MAX_FILE_BYTES // 2**20
                message = f"too large: {mib:.1f} MiB (limit {limit} MiB), not checked"
                return file_error(path, TOO_COMPLEX, message)
            return handle.read()
    except OSError as exc:
        return file_error(path, READ_ERROR, f"cannot read: {exc.strerror or exc}")


def decode_source(data: bytes) -> str:
    """Decode as the interpreter would: BOM, then a PEP 263 coding cookie, else UTF-8.

    Raises SyntaxError for an unknown or contradictory cookie, UnicodeDecodeError for
    bytes that are not valid in the detected encoding.
    """
    second_line_end = data.find(b"\n", data.find(b"\n") + 1)
    if b"coding" in (data if second_line_end == -1 else data[:second_line_end]):  # a cookie is on line 1 or 2
        import io
        import tokenize  # here, not at import: only a file that may declare its coding needs it

        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:
            data.decode("utf-8")  # no usable cookie: point at the first byte that is not UTF-8
            raise
        if encoding != "utf-8-sig":
            return data.decode(encoding)
    text = data.decode("utf-8")  # not "utf-8-sig": the offset of a bad byte must count the BOM
    return text[1:] if text.startswith("\ufeff") else text


@contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def check_bytes(path: str, data: bytes, settings: LintConfig) -> list[Finding]:
    """All findings for one file (``noqa`` applied), or the one reason it was not checked: what
    every front end calls per file, with the settings it built once for the run. ``data`` is
    the file's bytes (an editor's text encoded as a save would write it)."""
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        return [file_error(path, SYNTAX_ERROR, "syntax error: source contains a NUL byte", line)]
    try:
        source = decode_source(data)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        msg = f"cannot decode as {exc.encoding}: {exc.reason} (byte 0x{data[exc.start]:02x})"
        return [file_error(path, DECODE_ERROR, msg, line, col)]
    except (SyntaxError, LookupError) as exc:
        return [file_error(path, DECODE_ERROR, f"cannot decode: {_reason(exc)}")]
    lines = functools.cache(lambda: LINE_BREAK.split(source))
    try:
        with _recursion_limit(RECURSION_LIMIT):
            findings = _engine_findings(source, path, lines, settings)
    except SyntaxError as exc:
        message, col = f"syntax error: {_reason(exc)}", (exc.offset or 1) - 1
        return [file_error(path, SYNTAX_ERROR, message, exc.lineno or 1, col)]
    except ValueError as exc:  # what ast.parse raises for source it refuses outside SyntaxError
        return [file_error(path, SYNTAX_ERROR, f"syntax error: {exc}")]
    except RecursionError:
        return [file_error(path, TOO_COMPLEX, "too complex: nesting exceeds the recursion limit")]
    except MemoryError:
        return [file_error(path, TOO_COMPLEX, "too complex: the parser ran out of memory")]
    return drop_noqa(findings, lines()) if findings else findings


def _engine_findings(
    source: str, path: str, lines: Callable[[], list[str]], settings: LintConfig
) -> list[Finding]:
    """The engine's findings; the file is always parsed, so a syntax error is reported even
    in an internal module or a file no rule could match (``check_source`` skips those)."""
    import ast  # here, not at import: a cached check parses nothing

    tree = ast.parse(source, filename=path)
    module = module_name_for(path)
    if module is not None and module_matches(module, settings.internal_modules):
        return []
    from mellea_lint import engine  # here, not at import: a cached or internal file never needs it

    if not engine.may_have_findings(source):
        return []
    return engine.check_tree(tree, path, lines, module=module, settings=settings)


def _reason(exc: SyntaxError | LookupError) -> str:
    return (exc.msg if isinstance(exc, SyntaxError) else str(exc)) or type(exc).__name__


def noqa_codes(line: str) -> frozenset[str] | None:
    """Codes a ``# noqa`` on ``line`` suppresses; empty set = all; None = none."""
    match = re.search(NOQA, line)
    if match is None:
        return None
    if not match.group("colon"):
        return frozenset()
    codes = match.group("codes")
    return frozenset(re.split(r"[,\s]+", codes.upper())) if codes else None


def drop_noqa(findings: Sequence[Finding], lines: Sequence[str]) -> list[Finding]:
    """Findings not suppressed by a ``# noqa`` on their line (codes match exactly, as in ruff)."""
    kept = []
    for finding in findings:
        text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        codes = noqa_codes(text) if "noqa" in text.lower() else None
        if codes is None or (codes and finding.code not in codes):
            kept.append(finding)
    return kept
