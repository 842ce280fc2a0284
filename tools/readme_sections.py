"""The README's sections, each owned by one part of the project between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers (tests read them; generators rewrite them)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def section(name: str) -> str:
    """The text of section ``name``, markers included."""
    text = README.read_text(encoding="utf-8")
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    return text[text.index(begin):text.index(end) + len(end)]
