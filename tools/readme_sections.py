"""Blocks of the README and of docs/*.md, each owned by one part of the project between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers (tests read them; generators rewrite
them). Generated tables use their own ``<!-- x:start -->`` / ``<!-- x:end -->`` pair, which
``between`` and ``replace_between`` handle.

Every function takes the markdown file as a path relative to the repository (default: the
README), so a block that moves from the README to a page under docs/ is found by naming its
new file, and a block that is missing or duplicated is an error that names the file.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def path_of(doc: str | Path = "README.md") -> Path:
    """``doc`` as an absolute path (relative paths are taken from the repository root)."""
    path = Path(doc)
    return path if path.is_absolute() else REPO / path


def _span(text: str, start: str, end: str, doc: Path) -> tuple[int, int]:
    """(index of ``start``, index just past ``end``); each marker must occur exactly once."""
    for marker in (start, end):
        count = text.count(marker)
        if count != 1:
            raise ValueError(f"{doc.relative_to(REPO)}: {marker!r} occurs {count} times, expected once")
    first, last = text.index(start), text.index(end)
    if last < first:
        raise ValueError(f"{doc.relative_to(REPO)}: {end!r} comes before {start!r}")
    return first, last + len(end)


def between(start: str, end: str, doc: str | Path = "README.md") -> str:
    """The text strictly between the markers ``start`` and ``end`` of ``doc``."""
    path = path_of(doc)
    text = path.read_text(encoding="utf-8")
    first, last = _span(text, start, end, path)
    return text[first + len(start): last - len(end)]


def replace_between(start: str, end: str, body: str, doc: str | Path = "README.md") -> None:
    """Rewrite what lies between the markers ``start`` and ``end`` of ``doc`` with ``body``."""
    path = path_of(doc)
    text = path.read_text(encoding="utf-8")
    first, last = _span(text, start, end, path)
    path.write_text(f"{text[:first + len(start)]}{body}{text[last - len(end):]}", encoding="utf-8")


def section(name: str, doc: str | Path = "README.md") -> str:
    """The text of block ``name`` of ``doc``, markers included."""
    start, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    return f"{start}{between(start, end, doc)}{end}"
