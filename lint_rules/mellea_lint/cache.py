"""Per-file result cache, so a re-run over unchanged files skips parsing.

One JSON file per (tool fingerprint, engine options) in the cache folder, mapping each
file's absolute path to (content SHA-256, findings before select/ignore). The
fingerprint hashes the installed ``mellea_lint`` sources and the Python version, so
an upgrade, a local edit of a rule or another interpreter starts afresh; changing
``internal-modules``/``producer-modules`` or the mellea release in use selects another file. ``select``/``ignore``
are applied after the cache and never invalidate it. Writes are atomic (rename), and
a damaged or foreign cache file is treated as empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path

from mellea_lint.filecheck import EngineOptions
from mellea_lint.findings import Finding

CACHE_DIR_NAME = ".mellea-lint-cache"
FORMAT = 1

_Row = tuple[int, int, str, str, int, int, str | None]


def package_fingerprint(package: Path) -> str:
    """Hash of every module in ``package`` and of the interpreter version."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version}".encode())
    for module in sorted(package.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


@cache
def tool_fingerprint() -> str:
    """The fingerprint of the installed ``mellea_lint``."""
    return package_fingerprint(Path(__file__).parent)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """Cached findings for one cache folder and one set of engine options."""

    def __init__(self, folder: Path, options: EngineOptions) -> None:
        key = json.dumps([
            tool_fingerprint(), options.internal_modules, options.producer_modules, options.extra_providers,
            options.detect_producers, options.release,
        ])
        self.folder = folder
        self.file = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
        self.entries: dict[str, list[object]] = self._load()
        self.dirty = False

    def _load(self) -> dict[str, list[object]]:
        try:
            with self.file.open(encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError):
            return {}
        files = document.get("files") if isinstance(document, dict) else None
        return files if isinstance(files, dict) else {}

    def get(self, path: str, digest: str) -> list[Finding] | None:
        """The findings stored for ``path`` when its content hash is ``digest``."""
        entry = self.entries.get(os.path.abspath(path))
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != digest:
            return None
        rows = entry[1]
        try:
            return [Finding(path, *row) for row in rows] if isinstance(rows, list) else None
        except TypeError:
            return None

    def put(self, path: str, digest: str, findings: list[Finding]) -> None:
        rows: list[_Row] = [
            (f.line, f.col, f.code, f.message, f.end_line, f.end_col, f.fix) for f in findings
        ]
        self.entries[os.path.abspath(path)] = [digest, rows]
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed, dropping entries of files that are gone.

        A cache that cannot be written (read-only checkout) is silently skipped: it only
        costs speed.
        """
        if not self.dirty:
            return
        import tempfile

        live = {path: entry for path, entry in self.entries.items() if os.path.exists(path)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by mellea-lint.\n*\n", encoding="utf-8")
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"format": FORMAT, "files": live}, handle, separators=(",", ":"))
            os.replace(temp, self.file)
        except OSError:
            return
