"""``[tool.mellea-lint]`` tables parsed on earlier runs, so that a warm check never imports
``tomllib`` (a third of its start-up).

One document in the cache folder beside the pyproject.toml (or in ``--cache-dir``) maps the
file's absolute path to its exact text and its table. The text decides, not a timestamp: any
edit is a miss. Only a file that has the table is remembered, so no cache folder appears
beside an unrelated pyproject.toml.
"""

from __future__ import annotations

import os

from mellea_lint.cachefiles import CACHE_DIR_NAME, read_document, write_document

DOCUMENT = "pyproject-tables.json"


class TableMemo:
    """Remembered tables in ``folder`` (None: the cache folder beside each pyproject.toml)."""

    def __init__(self, folder: str | None = None) -> None:
        self.folder = folder

    def _document(self, path: str) -> str:
        folder = self.folder or os.path.join(os.path.dirname(path), CACHE_DIR_NAME)
        return os.path.join(folder, DOCUMENT)

    def get(self, path: str, data: bytes) -> object | None:
        """The table remembered for ``path`` when its bytes are still ``data``; None: unknown."""
        path = os.path.abspath(path)
        entry = _tables(self._document(path)).get(path)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == _text(data):
            table: object = entry[1]
            return table
        return None

    def put(self, path: str, data: bytes, table: object) -> None:
        path = os.path.abspath(path)
        text = _text(data)
        if text is None:
            return
        document = self._document(path)
        live = {p: e for p, e in _tables(document).items() if p != path and os.path.exists(p)}
        write_document(document, {"tables": {**live, path: [text, table]}})


def _tables(document: str) -> dict[str, object]:
    tables = read_document(document).get("tables")
    return tables if isinstance(tables, dict) else {}


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
