"""Measure what each checker prints for one wrong payload access: how many diagnostics and
how long the longest is, on an un-narrowed and on a narrowed `mot.raw.response`.

    python -m tools.error_noise [PYTHON]   # print the table (PYTHON: environment, default .venv)
    python -m tools.error_noise --write    # rewrite it inside docs/design.md

The stub tests check the table of docs/design.md against the same cases in their batched run.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools.readme_sections import between, replace_between
from tools.typecheckers import CHECKERS, REPO, Diagnostic, check

CASES = {
    "un-narrowed: `mot.raw.response.message`": "    mot.raw.response.message\n",
    "narrowed to openai: `.message` on the dict": (
        '    if mot.raw.provider == "openai":\n        mot.raw.response.message\n'
    ),
}
CASE_FILES = tuple(f"noise_case{i}.py" for i in range(len(CASES)))
_HEAD = "from mellea.core import ModelOutputThunk\n\n\ndef f(mot: ModelOutputThunk[str]) -> None:\n"
DOC = REPO / "docs" / "design.md"
START, END = "<!-- error-noise:start -->", "<!-- error-noise:end -->"

Counts = dict[str, dict[str, tuple[int, int]]]
"""case -> checker -> (diagnostics, characters in the longest message)."""


def write_cases(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for name, body in zip(CASE_FILES, CASES.values(), strict=True):
        path = directory / name
        path.write_text(_HEAD + body)
        files.append(path)
    return files


def summarize(checker: str, found: Sequence[Diagnostic], files: Sequence[Path], into: Counts) -> None:
    for case, path in zip(CASES, files, strict=True):
        mine = [d for d in found if d.path.name == path.name]
        into.setdefault(case, {})[checker] = (len(mine), max((len(d.message) for d in mine), default=0))


def measure(python: Path) -> Counts:
    out: Counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = write_cases(Path(tmp))
        for checker in CHECKERS:
            summarize(checker, check(checker, files, python, Path(tmp) / checker, mypy_plugin=True), files, out)
    return out


def render(result: Counts) -> str:
    rows = ["| wrong access | " + " | ".join(CHECKERS) + " |", "|---|" + "---|" * len(CHECKERS)]
    for case, per in result.items():
        rows.append(f"| {case} | " + " | ".join(f"{per[c][0]} ({per[c][1]} chars)" for c in CHECKERS) + " |")
    return "\n".join(rows) + "\n"


def doc_block() -> str:
    """The table as docs/design.md carries it."""
    return between(START, END, DOC).strip("\n") + "\n"


def write(result: Counts) -> None:
    replace_between(START, END, f"\n{render(result)}", DOC)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--write"]
    counts = measure(Path(args[0]) if args else REPO / ".venv" / "bin" / "python")
    if "--write" in sys.argv[1:]:
        write(counts)
    else:
        print(render(counts), end="")
