"""The cache folder both caches share (results, parsed config tables): one JSON document per
file, written atomically, and read back as nothing when damaged or foreign."""

from __future__ import annotations

import json
import os
from typing import Any

CACHE_DIR_NAME = ".mellea-lint-cache"
FORMAT = 2
"""Version of the documents' layout; a document of another layout is treated as empty."""


def read_document(path: str) -> dict[str, Any]:
    """The JSON object at ``path`` if it has this layout's ``format``, else ``{}``."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) and document.get("format") == FORMAT else {}


def write_document(path: str, document: dict[str, Any]) -> None:
    """Replace ``path`` with ``document`` atomically; a folder that cannot be written (a
    read-only checkout) or a value JSON cannot hold (a TOML date) is silently skipped: it
    only costs speed."""
    import tempfile  # only when something changed: a warm check writes nothing

    folder = os.path.dirname(path)
    try:
        text = json.dumps({**document, "format": FORMAT}, separators=(",", ":"))
    except (TypeError, ValueError):
        return
    try:
        os.makedirs(folder, exist_ok=True)
        ignore = os.path.join(folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Created by mellea-lint.\n*\n")
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError:
        return
