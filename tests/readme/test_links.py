"""Every relative link of README.md and docs/*.md points to a file of the repository and, when it
names an anchor, to a heading of that file (GitHub's heading ids)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"(`+).+?\1")
_LINK = re.compile(r"\]\(([^()\s]+)\)")


def _prose(text: str) -> str:
    """The text without fenced code blocks, inline code spans and HTML comments."""
    text = re.sub(r"<!--.*?-->", "", _FENCE.sub("", text), flags=re.DOTALL)
    return _CODE.sub("", text)


def heading_ids(path: Path) -> set[str]:
    """The ids GitHub gives the headings of ``path`` (lower case, punctuation but ``-`` and
    ``_`` dropped, spaces to ``-``; a repeated id gets ``-1``, ``-2``, ...)."""
    seen: dict[str, int] = {}
    ids = set()
    for line in _FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        base = re.sub(r"[^\w\- ]", "", heading.group(1).lower()).replace(" ", "-")
        count = seen.get(base, 0)
        seen[base] = count + 1
        ids.add(base if count == 0 else f"{base}-{count}")
    return ids


def test_heading_ids_follow_github(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("## Quick start (a project)\n## `mot.raw`: one variant\n## pre-commit\n## pre-commit\n")
    assert heading_ids(page) == {"quick-start-a-project", "motraw-one-variant", "pre-commit", "pre-commit-1"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in _LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        file, _, anchor = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        if not linked.exists() or REPO not in linked.parents:
            broken.append(f"{target}: no such file in the repository")
        elif anchor and (linked.suffix != ".md" or anchor not in heading_ids(linked)):
            broken.append(f"{target}: no heading with id {anchor!r}")
    assert not broken, f"{page.relative_to(REPO)}: " + "; ".join(broken)
