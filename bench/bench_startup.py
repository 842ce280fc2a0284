"""Start-up: one small file checked, as pre-commit or an editor runs the gate on a save.

Each tool checks the same small module that uses thunks (``SOURCE``, one finding) in a project
folder whose pyproject.toml has ``[tool.mellea-lint]``, with its result cache on (as a user runs
it). Two cases: an unchanged file (the cache is warm after the first round) and a file edited
just before each run (what pre-commit and an editor's on-save check see: the file is parsed).
The figure is the time above a bare ``python -c pass`` of the same interpreter: what the tool
itself costs.
Usage: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.envs import tool
from bench.report import main, section
from bench.timing import Case, compare, difference_line

SOURCE = """\
from mellea import start_session
from mellea.core.base import ModelOutputThunk


def summarise(text: str) -> str:
    m = start_session()
    mot: ModelOutputThunk[str] = m.instruct(f"Summarise: {text}")
    print(mot._generate_log)
    return mot.value or ""
"""
BUDGET_MS = 25.0


def measure(runs: int) -> list[str]:
    project = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        (project / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["mellea.backends"]\n')
        (project / "one.py").write_text(SOURCE)
        edited = project / "edited.py"
        edits = itertools.count()

        def edit() -> None:
            edited.write_text(f"{SOURCE}# edit {next(edits)}\n")

        medians = compare([
            Case("python -c pass", [sys.executable, "-c", "pass"], cwd=str(project)),
            Case("mellea-lint check", [tool("mellea-lint"), "check", "one.py"], cwd=str(project)),
            Case("mellea-lint check, edited", [tool("mellea-lint"), "check", "edited.py"],
                 setup=edit, cwd=str(project)),
            Case("ruff check --select SLF001", [tool("ruff"), "check", "--select", "SLF001", "one.py"],
                 cwd=str(project)),
            Case("ruff check --select SLF001, edited", [tool("ruff"), "check", "--select", "SLF001",
                 "edited.py"], setup=edit, cwd=str(project)),
            Case("flake8 --select MOT", [tool("flake8"), "--select", "MOT", "one.py"], cwd=str(project)),
        ], runs=runs)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    ms = {name: 1000 * seconds for name, seconds in medians.items()}
    bare = ms["python -c pass"]
    return section(
        f"start-up, one small file, median of {runs} alternating runs",
        ms,
        [difference_line(f"{name} above python -c pass", ms[name], bare,
                         BUDGET_MS if name.startswith("mellea-lint") else None)
         for name in ms if name != "python -c pass"],
        unit="ms",
    )


if __name__ == "__main__":
    main(measure, __doc__, default_runs=21)
