"""``--write-baseline`` / ``--baseline``: adopt the rules on a codebase that breaks them today.

A baseline file records today's findings; a later run with it reports only the new
ones. A finding is identified by the file (relative to the baseline file's folder, so
the repository may move), the rule code and the text of its line stripped of
surrounding whitespace, never by its line number: code added or removed above a
finding, or a re-indent, does not bring it back. The entries form a multiset, so a
third copy of a recorded line that occurs twice is new. The MOT9xx diagnostics (a file
that could not be checked) are never recorded: they are always reported.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from mellea_lint.config import ConfigError
from mellea_lint.filecheck import LINE_BREAK, decode_source, read_source
from mellea_lint.findings import FILE_ERRORS, Finding

TOOL = "mellea-lint"
VERSION = 1
"""The file format's version; a file of another version is refused (exit 2)."""

Key = tuple[str, str, str]
"""(path relative to the baseline's folder with ``/`` separators, code, stripped line text)."""


class _Lines:
    """Each file's lines, read once (a finding's line text is what identifies it)."""

    def __init__(self) -> None:
        self.files: dict[str, list[str]] = {}

    def text(self, finding: Finding) -> str:
        lines = self.files.get(finding.path)
        if lines is None:
            lines = self.files[finding.path] = _read_lines(finding.path)
        return lines[finding.line - 1].strip() if 0 < finding.line <= len(lines) else ""


def _read_lines(path: str) -> list[str]:
    data = read_source(path)
    if isinstance(data, Finding):
        return []
    try:
        return LINE_BREAK.split(decode_source(data))
    except (UnicodeDecodeError, SyntaxError, LookupError):
        return []


def _keys(findings: Iterable[Finding], folder: Path) -> list[tuple[Key, Finding]]:
    lines = _Lines()
    keyed = []
    for finding in findings:
        path = Path(os.path.relpath(os.path.abspath(finding.path), folder)).as_posix()
        keyed.append(((path, finding.code, lines.text(finding)), finding))
    return keyed


def write_baseline(path: str | os.PathLike[str], findings: Sequence[Finding]) -> list[Finding]:
    """Record ``findings`` in ``path``; returns those it cannot record (MOT9xx)."""
    file = Path(path)
    recorded = [f for f in findings if f.code not in FILE_ERRORS]
    counts = Counter(key for key, _ in _keys(recorded, file.absolute().parent))
    entries = [
        {"path": path, "code": code, "line": line, "count": count}
        for (path, code, line), count in sorted(counts.items())
    ]
    document = {"tool": TOOL, "version": VERSION, "findings": entries}
    try:
        file.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write baseline {file}: {exc.strerror or exc}") from None
    return [f for f in findings if f.code in FILE_ERRORS]


class Baseline:
    """A loaded baseline file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        file = Path(path)
        self.folder = file.absolute().parent
        self.counts = _load(file)

    def new_findings(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings the baseline does not cover, in their given order."""
        left = Counter(self.counts)
        new = []
        for key, finding in _keys(findings, self.folder):
            if finding.code not in FILE_ERRORS and left[key] > 0:
                left[key] -= 1
            else:
                new.append(finding)
        return new


def _load(file: Path) -> Counter[Key]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {file}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"baseline {file} is not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("tool") != TOOL:
        raise ConfigError(f"baseline {file} is not a {TOOL} baseline (write one with --write-baseline)")
    if document.get("version") != VERSION:
        raise ConfigError(
            f"baseline {file} has format version {document.get('version')!r}, this {TOOL} reads {VERSION}"
        )
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise ConfigError(f"baseline {file}: 'findings' must be a list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        if not _valid_entry(entry):
            raise ConfigError(
                f"baseline {file}: findings[{index}] must have string path, code, line and a count >= 1"
            )
        counts[(entry["path"], entry["code"], entry["line"])] += entry["count"]
    return counts


def _valid_entry(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(field), str) for field in ("path", "code", "line"))
        and type(entry.get("count")) is int
        and entry["count"] >= 1
    )
