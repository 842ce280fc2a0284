"""What the language server knows about one editor buffer, without any LSP library.

``mellea-lint server`` (``server_lsp``) checks the text an editor holds, not the file on disk,
with the settings ``mellea-lint check`` would use for that path: the nearest pyproject.toml at or
above the file's folder that has ``[tool.mellea-lint]``, its ``exclude`` patterns, and the same
per-file function (``filecheck.check_bytes``), followed by the same ``select``/``ignore``
filter. Everything here is plain Python so that it can be tested without a server:
positions in the client's units (LSP counts UTF-16 code units by default, findings count code
points), the one text edit that turns a buffer into its fixed text, and the fixes themselves
(``fix.py``; libcst is imported only when a fix is asked for).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mellea_lint.config import LintConfig, find_pyproject, load_config
from mellea_lint.discovery import is_excluded
from mellea_lint.filecheck import LINE_BREAK, MAX_FILE_BYTES, check_bytes
from mellea_lint.findings import FILE_ERRORS, TOO_COMPLEX, Finding, file_error
from mellea_lint.surface import MelleaInUse, fix_exists_in, mellea_in_use

if TYPE_CHECKING:
    from mellea_lint.fix import FileFix

BOM = "\ufeff"
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
"""The position encodings of LSP 3.17 (``PositionEncodingKind``); UTF-16 unless negotiated."""

FIX_ALL_TITLE = "Fix all MOT findings"


class BufferSettings(NamedTuple):
    """The settings ``mellea-lint check`` would use for one path (read again for every check:
    an edited pyproject.toml applies from the next change on)."""

    config: LintConfig
    """The run's settings, its mellea release resolved: what every check of the buffer is handed."""
    in_use: MelleaInUse


class Linted(NamedTuple):
    """One check of one buffer."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    """What the engine reported (``noqa`` applied), every code: the fixer re-lints with these."""
    shown: tuple[Finding, ...]
    """What ``mellea-lint check`` would print for this text: enabled codes and MOT9xx, in order."""
    settings: BufferSettings


def settings_for(path: str) -> BufferSettings:
    """The settings of ``check`` for ``path``; raises ``ConfigError`` for a broken table."""
    folder = os.path.dirname(os.path.abspath(path))
    config = load_config(find_pyproject(folder), folder)
    in_use = mellea_in_use(config.mellea_version)
    return BufferSettings(config._replace(release=in_use.release), in_use)


def buffer_bytes(text: str) -> bytes:
    """The bytes a save of ``text`` would write: in the encoding its coding cookie declares
    (PEP 263), else UTF-8. Lone surrogates are kept as invalid bytes, so the check reports the
    buffer as undecodable (MOT901) as it would the saved file."""
    data = text.encode(UTF8, "surrogatepass")
    if "coding" not in "".join(text.split("\n", 2)[:2]):
        return data
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # an unknown cookie: the check names it (MOT901), as for the file
        return data
    if encoding in ("utf-8", "utf-8-sig"):
        return data
    try:
        return text.encode(encoding)
    except (UnicodeError, LookupError):  # not savable in its own encoding: the UTF-8 bytes fail to decode
        return data


def lint_buffer(path: str, text: str) -> Linted:
    """The findings of ``text`` checked as the file ``path`` (raises ``ConfigError``)."""
    settings = settings_for(path)
    config = settings.config
    if is_excluded(path, config.root, config.exclude):  # check skips it, named or not
        return Linted(path, text, (), (), settings)
    data = buffer_bytes(text)
    if len(data) > MAX_FILE_BYTES:  # what read_source says of such a file
        mib, limit = len(data) / 2**20, MAX_FILE_BYTES // 2**20
        findings = [file_error(path, TOO_COMPLEX, f"too large: {mib:.1f} MiB (limit {limit} MiB), not checked")]
    else:
        findings = check_bytes(path, data, settings.config)
    shown = sorted(
        (f for f in findings if f.code in FILE_ERRORS or config.enabled(f.code)),
        key=lambda f: (f.line, f.col, f.code),
    )
    return Linted(path, text, tuple(findings), tuple(shown), settings)


# -- positions ------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as LSP (and Python's tokenizer) count them, without their ends:
    ``\\r\\n``, ``\\r`` and ``\\n`` end a line; a form feed or U+2028 does not."""
    return LINE_BREAK.split(text)


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in code units of ``encoding`` (a ``PositionEncodingKind``)."""
    if text.isascii() or encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode(UTF8, "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def column_to_client(line: str, column: int, encoding: str = UTF16) -> int:
    """Code point ``column`` of ``line`` in the client's units (clamped to the line)."""
    return units(line[:max(column, 0)], encoding)


def column_from_client(line: str, character: int, encoding: str = UTF16) -> int:
    """The code point index of client column ``character`` on ``line`` (clamped to the line; a
    column inside a character counts as that character's end)."""
    if line.isascii() or encoding == UTF32:
        return min(max(character, 0), len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= character:
            return index
        count += units(char, encoding)
    return len(line)


def finding_position(lines: Sequence[str], line: int, col: int, encoding: str = UTF16,
                     bom: bool = False) -> tuple[int, int]:
    """A finding's 1-based ``line`` and code point ``col`` as an LSP ``(line, character)``,
    clamped to the buffer (a syntax error may point one past the last line). ``bom``: the
    buffer starts with a byte order mark, which the check does not see."""
    if line > len(lines):
        return len(lines) - 1, units(lines[-1], encoding)
    index = max(line - 1, 0)
    if bom and index == 0:
        col += 1
    return index, column_to_client(lines[index], col, encoding)


def finding_range(lines: Sequence[str], finding: Finding, encoding: str = UTF16,
                  bom: bool = False) -> tuple[tuple[int, int], tuple[int, int]]:
    start = finding_position(lines, finding.line, finding.col, encoding, bom)
    end = finding_position(lines, finding.end_line, finding.end_col, encoding, bom)
    return start, max(start, end)


def offset_position(text: str, offset: int, encoding: str = UTF16) -> tuple[int, int]:
    """The LSP position of the code point ``offset`` of ``text``."""
    line, start = 0, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, units(text[start:offset], encoding)


class TextEdit(NamedTuple):
    """Replace ``start``-``end`` (LSP positions) of the old text by ``new_text``."""

    start: tuple[int, int]
    end: tuple[int, int]
    new_text: str


def minimal_edit(before: str, after: str, encoding: str = UTF16) -> TextEdit | None:
    """The one edit that turns ``before`` into ``after``: their common start and end kept
    (``None``: they are equal). Never splits a ``\\r\\n`` line end."""
    if before == after:
        return None
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    while prefix > 0 and (_splits_crlf(before, prefix) or _splits_crlf(after, prefix)):
        prefix -= 1
    while suffix > 0 and (_splits_crlf(before, len(before) - suffix) or _splits_crlf(after, len(after) - suffix)):
        suffix -= 1
    end = len(before) - suffix
    return TextEdit(
        offset_position(before, prefix, encoding), offset_position(before, end, encoding),
        after[prefix:len(after) - suffix],
    )


def _splits_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


def apply_edit(text: str, edit: TextEdit, encoding: str = UTF16) -> str:
    """``text`` with ``edit`` applied (what a client does; the tests use it)."""
    lines = split_lines(text)
    starts = [0]
    for match in LINE_BREAK.finditer(text):
        starts.append(match.end())

    def offset(position: tuple[int, int]) -> int:
        line, character = position
        if line >= len(lines):
            return len(text)
        return starts[line] + column_from_client(lines[line], character, encoding)

    return text[:offset(edit.start)] + edit.new_text + text[offset(edit.end):]


# -- fixes ----------------------------------------------------------------------------------


def fixable(linted: Linted, finding: Finding) -> bool:
    """``finding`` has a fix ``mellea-lint check --fix`` would apply (its code enabled, the
    public member it names present in the mellea release in use)."""
    settings = linted.settings
    return (finding.fix is not None and settings.config.enabled(finding.code)
            and fix_exists_in(finding.fix, settings.config.release))


def fix_one(linted: Linted, finding: Finding) -> str | None:
    """The buffer with ``finding``'s rewrite applied by ``fix.py`` (``None``: it does not apply,
    or libcst cannot parse the buffer). Raises ``ModuleNotFoundError`` without libcst."""
    if not fixable(linted, finding):
        return None
    import ast

    from mellea_lint import fix

    bom, source = _without_bom(linted.text)
    try:
        fixed, count = fix.fix_source(source, [finding])
        if count == 0 or fixed == source:
            return None
        ast.parse(fixed, filename=linted.path)  # the safety net of --fix: a fix never breaks a file
    except Exception:  # libcst's parse errors, a fix that broke the syntax, nesting too deep
        return None
    return bom + fixed


def fix_all(linted: Linted) -> str | None:
    """The buffer as ``mellea-lint check --fix`` would write it (``None``: nothing to fix, or
    the fixer declined). Raises ``ModuleNotFoundError`` without libcst."""
    if not any(fixable(linted, f) for f in linted.findings):
        return None
    from mellea_lint import fix

    settings = linted.settings
    bom, source = _without_bom(linted.text)
    try:
        result: FileFix = fix.fix_file(
            linted.path, buffer_bytes(linted.text), linted.findings, settings.config
        )
    except Exception:
        return None
    if result.warning is not None or result.after == result.before or result.before != source:
        return None
    return bom + result.after


def _without_bom(text: str) -> tuple[str, str]:
    return (BOM, text[1:]) if text.startswith(BOM) else ("", text)


def libcst_available() -> bool:
    """Whether quick fixes can be offered (libcst is the optional ``fix`` extra)."""
    from importlib.util import find_spec

    try:
        return find_spec("libcst") is not None
    except (ImportError, ValueError):
        return False


def fix_title(finding: Finding) -> str:
    """The title of a quick fix, as ``--output-format json`` words its fix."""
    return f"Replace with `{finding.fix}` ({finding.code})"

