"""Generate the narrowing matrix of docs/design.md (form x checker) from the ignore marks in
tests/assert_type/: a checker's own ignore comment in a form file means that checker does not
handle the form, and the `# why:` comment on that line says how.

    python tools/stub_matrix.py          # print the table
    python tools/stub_matrix.py --write  # rewrite it inside docs/design.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tools.readme_sections import between, replace_between
from tools.typecheckers import CHECKERS, IGNORE_SYNTAX, REPO

FORMS_DIR = REPO / "tests" / "assert_type"
DOC = REPO / "docs" / "design.md"
START, END = "<!-- stubs-matrix:start -->", "<!-- stubs-matrix:end -->"
_WHY = re.compile(r"#\s*why:\s*(.+)$")


def _title(path: Path) -> str:
    first = path.read_text().split('"""')[1].strip().splitlines()[0]
    return first.removeprefix("Form: ").rstrip(".")


def _gaps(path: Path) -> dict[str, list[str]]:
    """checker -> the `why` of each line where that checker's own ignore comment sits."""
    out: dict[str, list[str]] = {c: [] for c in CHECKERS}
    last_why = ""
    for line in path.read_text().splitlines():
        why = _WHY.search(line)
        if why:
            last_why = why.group(1) if why.group(1) != "as above" else last_why
        for checker in CHECKERS:
            if f"# {IGNORE_SYNTAX[checker]}: ignore[" in line:
                if not why:
                    raise ValueError(f"{path.name}: an ignore without a `# why:` comment: {line.strip()}")
                out[checker].append(last_why)
    return out


def render() -> str:
    rows = ["| form | " + " | ".join(CHECKERS) + " |", "|---|" + "---|" * len(CHECKERS)]
    notes: list[str] = []
    for path in sorted(FORMS_DIR.glob("form_*.py")):
        cells = []
        for whys in _gaps(path).values():
            if not whys:
                cells.append("yes")
                continue
            note = whys[0]
            if note not in notes:
                notes.append(note)
            cells.append(f"no ({notes.index(note) + 1})")
        rows.append(f"| {_title(path)} | " + " | ".join(cells) + " |")
    legend = [f"({i}) {n}" for i, n in enumerate(notes, start=1)]
    return "\n".join(rows) + "\n\n" + "\n".join(f"{line}  " for line in legend).rstrip() + "\n"


def doc_block() -> str:
    """The matrix as docs/design.md carries it."""
    return between(START, END, DOC).strip("\n") + "\n"


def write() -> None:
    replace_between(START, END, f"\n{render()}", DOC)


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write()
    else:
        print(render(), end="")
