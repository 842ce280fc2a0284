"""Per-file result cache, so a re-run over unchanged files neither reads nor parses them.

One document per (tool fingerprint, engine settings) in the cache folder, mapping each file's
absolute path to its content digest (``content_hash`` and module name), its findings before
select/ignore, and its stamp (mtime, size, mode, module name). A file whose stamp is unchanged
is not even read; one whose stamp changed is read and hashed, and its findings are reused when
the digest still matches (a ``touch``, a checkout). A stamp taken within ``RACY_SECONDS`` of
its mtime is not kept, as git does not trust such index entries: the file may still change
within the same timestamp. The fingerprint covers the installed ``mellea_lint`` modules'
stamps and the Python version, so an upgrade, a local edit of a rule or another interpreter
starts afresh; changing a setting the engine reads (``LintConfig.engine_fields``: the
modules, extra-providers, detect-producers, the mellea release in use) selects another
document. ``select``/``ignore`` are applied after the cache and never invalidate it.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from functools import cache
from typing import TYPE_CHECKING

from mellea_lint.cachefiles import read_document, write_document
from mellea_lint.findings import Finding
from mellea_lint.modules import module_name_for

if TYPE_CHECKING:
    from mellea_lint.config import LintConfig

RACY_SECONDS = 2
"""A stamp whose mtime is this recent is not trusted (coarse file systems count whole seconds)."""

_Row = tuple[int, int, str, str, int, int, str | None]
Stamp = tuple[int, int, int, str | None]
"""(mtime in ns, size, mode, module name) of a file: equal stamps mean unchanged findings."""


def package_fingerprint(package: str) -> str:
    """The stamps of every module in ``package`` and the interpreter version, as one string."""
    parts = [sys.version]
    for entry in sorted(os.scandir(package), key=lambda entry: entry.name):
        if entry.name.endswith(".py"):
            stat = entry.stat()
            parts.append(f"{entry.name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join(parts)


@cache
def tool_fingerprint() -> str:
    """The fingerprint of the installed ``mellea_lint``."""
    return package_fingerprint(os.path.dirname(os.path.abspath(__file__)))


def content_hash(data: bytes) -> str:
    """The hash Python itself checks a ``.pyc`` against its source with (PEP 552): made for
    telling whether a source changed, and without ``hashlib``'s OpenSSL start-up."""
    from importlib.util import source_hash  # only for a file whose stamp changed

    return source_hash(data).hex()


def file_stamp(path: str) -> Stamp | None:
    """The stamp of ``path`` (None: it cannot be stat-ed, or it changed too recently to trust)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if time.time_ns() - stat.st_mtime_ns < RACY_SECONDS * 10**9:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_mode, module_name_for(path))


class ResultCache:
    """Cached findings for one cache folder and one run's engine settings."""

    def __init__(self, folder: str, settings: LintConfig) -> None:
        self.key = json.dumps([tool_fingerprint(), settings.engine_fields()])
        # the key is kept in the document, so a name collision only costs a miss
        self.file = os.path.join(folder, f"results-{zlib.crc32(self.key.encode()):08x}.json")
        document = read_document(self.file)
        files = document.get("files") if document.get("key") == self.key else None
        self.entries: dict[str, list[object]] = files if isinstance(files, dict) else {}
        self.dirty = False

    def _entry(self, path: str) -> list[object] | None:
        entry = self.entries.get(os.path.abspath(path))
        return entry if isinstance(entry, list) and len(entry) == 3 else None

    def by_stamp(self, path: str, stamp: Stamp) -> list[Finding] | None:
        """The findings stored for ``path`` when its stamp is still ``stamp``."""
        entry = self._entry(path)
        if entry is None or entry[2] != list(stamp):
            return None
        return _findings(path, entry[1])

    def get(self, path: str, digest: str, stamp: Stamp | None = None) -> list[Finding] | None:
        """The findings stored for ``path`` when its content digest is ``digest``; ``stamp``
        (the file's new one) is remembered for the next run."""
        entry = self._entry(path)
        if entry is None or entry[0] != digest:
            return None
        findings = _findings(path, entry[1])
        if findings is not None and stamp is not None and entry[2] != list(stamp):
            entry[2] = list(stamp)
            self.dirty = True
        return findings

    def put(self, path: str, digest: str, findings: list[Finding], stamp: Stamp | None) -> None:
        rows: list[_Row] = [
            (f.line, f.col, f.code, f.message, f.end_line, f.end_col, f.fix) for f in findings
        ]
        self.entries[os.path.abspath(path)] = [digest, rows, list(stamp) if stamp is not None else None]
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed, dropping entries of files that are gone."""
        if self.dirty:
            live = {path: entry for path, entry in self.entries.items() if os.path.exists(path)}
            write_document(self.file, {"key": self.key, "files": live})


def _findings(path: str, rows: object) -> list[Finding] | None:
    try:
        return [Finding(path, *row) for row in rows] if isinstance(rows, list) else None
    except TypeError:
        return None
