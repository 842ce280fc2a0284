"""mellea-lint on the mellea 0.8.0 wheel: cold vs. the ast floor, warm vs. cold, vs. ruff.

Cold is a first run with an empty cache folder (results are computed and written);
warm is a rerun with nothing changed. All sides use the same number of processes.
Usage: python bench/bench_lint.py [--runs N]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import line_count, python_files, wheel_tree
from bench.envs import tool
from bench.report import main, section
from bench.timing import Case, compare, ratio_line

FLOOR = str(Path(__file__).resolve().parent / "floor.py")


def measure(runs: int) -> list[str]:
    corpus = wheel_tree("0.8.0")
    jobs = str(os.cpu_count() or 1)
    scratch = Path(tempfile.mkdtemp(prefix="bench-lint-"))
    cold_cache, warm_cache = scratch / "cold", scratch / "warm"
    lint = [tool("mellea-lint"), "check", "--jobs", jobs, "--output-format", "json"]
    try:
        medians = compare([
            Case("ast floor (parse + walk)", [sys.executable, FLOOR, "--jobs", jobs, str(corpus)]),
            Case("mellea-lint cold", [*lint, "--cache-dir", str(cold_cache), str(corpus)],
                 setup=lambda: shutil.rmtree(cold_cache, ignore_errors=True)),
            Case("mellea-lint warm", [*lint, "--cache-dir", str(warm_cache), str(corpus)]),
            Case("ruff --select SLF001", [tool("ruff"), "check", "--no-cache", "--select", "SLF001",
                                          "--isolated", str(corpus)]),
        ], runs=runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    files = python_files(corpus)
    cold = medians["mellea-lint cold"]
    return section(
        f"mellea-lint, mellea 0.8.0 wheel ({len(files)} files, {line_count(files):,} lines, {jobs} processes)",
        medians,
        [ratio_line("mellea-lint cold / ast floor", cold, medians["ast floor (parse + walk)"], "<=1.5"),
         ratio_line("mellea-lint warm / cold", medians["mellea-lint warm"], cold, "<=0.3"),
         ratio_line("mellea-lint cold / ruff SLF001 (native ceiling)", cold, medians["ruff --select SLF001"])],
    )


if __name__ == "__main__":
    main(measure, __doc__)
