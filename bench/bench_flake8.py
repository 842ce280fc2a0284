"""flake8 with the MOT plugin vs. flake8 without it: same interpreter, files, options and jobs.

"Without" runs flake8 from a mirror of ``.venv`` that lacks only our distribution
(``bench/envs.py``), which is what not installing the plugin means to flake8: it
discovers plugins from installed entry points and runs all of them whatever
``--select`` says. Both sides use flake8's default checks plus whatever is installed.
Usage: python bench/bench_flake8.py [--runs N]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import line_count, python_files, wheel_tree
from bench.envs import OUR_DISTRIBUTION, VENV, mirror_without
from bench.report import main, section
from bench.timing import Case, compare, ratio_line


def measure(runs: int) -> list[str]:
    corpus = wheel_tree("0.8.0")
    jobs = str(os.cpu_count() or 1)
    without = mirror_without(VENV, "venv-without-mellea-typing", OUR_DISTRIBUTION)
    args = ["-m", "flake8", "--isolated", "--jobs", jobs, "--exit-zero", str(corpus)]
    medians = compare([
        Case("flake8 with MOT", [str(VENV / "bin" / "python"), *args]),
        Case("flake8 without MOT", [str(without), *args]),
    ], runs=runs)
    files = python_files(corpus)
    return section(
        f"flake8, mellea 0.8.0 wheel ({len(files)} files, {line_count(files):,} lines, --jobs {jobs})",
        medians,
        [ratio_line("flake8 with MOT / without", medians["flake8 with MOT"], medians["flake8 without MOT"],
                    "<=1.05")],
    )


if __name__ == "__main__":
    main(measure, __doc__)
