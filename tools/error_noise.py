"""Measure what each checker prints for one wrong payload access: how many diagnostics and
how long the longest is, on an un-narrowed and on a narrowed `mot.raw.response`.

    python -m tools.error_noise [PYTHON]   # PYTHON: the environment to check against (default .venv)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tools.typecheckers import CHECKERS, REPO, check

CASES = {
    "un-narrowed: `mot.raw.response.message`": "    mot.raw.response.message\n",
    "narrowed to openai: `.message` on the dict": (
        '    if mot.raw.provider == "openai":\n        mot.raw.response.message\n'
    ),
}
_HEAD = "from mellea.core import ModelOutputThunk\n\n\ndef f(mot: ModelOutputThunk[str]) -> None:\n"


def measure(python: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """case -> checker -> (diagnostics, characters in the longest message)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, body in enumerate(CASES.values()):
            path = Path(tmp) / f"case{i}.py"
            path.write_text(_HEAD + body)
            files.append(path)
        for checker in CHECKERS:
            found = check(checker, files, python, Path(tmp) / checker, mypy_plugin=True)
            for case, path in zip(CASES, files, strict=True):
                mine = [d for d in found if d.path.name == path.name]
                out.setdefault(case, {})[checker] = (len(mine), max((len(d.message) for d in mine), default=0))
    return out


def render(result: dict[str, dict[str, tuple[int, int]]]) -> str:
    rows = ["| wrong access | " + " | ".join(CHECKERS) + " |", "|---|" + "---|" * len(CHECKERS)]
    for case, per in result.items():
        rows.append(f"| {case} | " + " | ".join(f"{n} ({width} chars)" for n, width in per.values()) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    env = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / ".venv" / "bin" / "python"
    print(render(measure(env)), end="")
