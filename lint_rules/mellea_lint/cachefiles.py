"""The cache folder both caches share (results, parsed config tables): one JSON document per
file, written atomically, and read back as nothing when damaged or foreign."""

from __future__ import annotations

import contextlib
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
    folder = os.path.dirname(path)
    try:
        text = json.dumps({**document, "format": FORMAT}, separators=(",", ":"))
    except (TypeError, ValueError):
        return
    # a name of this process's own, then a rename: readers never see a partial file, and
    # tempfile (with shutil and random) would cost an edited file's check more than the write
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        ignore = os.path.join(folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Created by mellea-lint.\n*\n")
        with open(temp, "x", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temp)
