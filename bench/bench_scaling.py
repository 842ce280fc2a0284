"""How mellea-lint's cost grows: 1x, 2x, 4x and 8x the mellea 0.8.0 wheel (8x is the
500k-line case), cold (``--no-cache``), with seconds per 10k lines and peak memory.

Peak memory is the largest single process of a run (the CLI or one of its workers),
measured by a fresh wrapper process per run, so it is the memory one file's check and
the bookkeeping need at that corpus size.
Usage: python bench/bench_scaling.py [--runs N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import line_count, python_files, replicated, replicated_to_lines
from bench.envs import tool
from bench.report import main, section
from bench.timing import ratio_line

FACTORS = (1, 2, 4, 8)
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_with_peak(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB of the largest process) for one run of ``cmd``."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, *cmd], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, int(out.stdout.split()[-1]) / 1024


def measure(runs: int) -> list[str]:
    jobs = str(os.cpu_count() or 1)
    assert replicated_to_lines(500_000) == replicated(FACTORS[-1]), "the largest factor is the 500k case"
    seconds: dict[str, float] = {}
    per_10k: dict[str, float] = {}
    peak: dict[str, float] = {}
    files_at: dict[int, int] = {}
    for factor in FACTORS:
        corpus = replicated(factor)
        files = python_files(corpus)
        files_at[factor] = len(files)
        cmd = [tool("mellea-lint"), "check", "--no-cache", "--jobs", jobs, "--output-format", "json", str(corpus)]
        run_with_peak(cmd)  # warm-up: file system cache
        samples = [run_with_peak(cmd) for _ in range(runs)]
        name = f"{factor}x ({len(files)} files, {line_count(files):,} lines)"
        seconds[name] = statistics.median(s for s, _ in samples)
        per_10k[f"{factor}x s per 10k lines"] = seconds[name] / line_count(files) * 10_000
        peak[f"{factor}x peak RSS (MiB)"] = max(p for _, p in samples)
    first, last = FACTORS[0], FACTORS[-1]
    return section(
        f"mellea-lint scaling, cold, {jobs} processes", {**seconds, **per_10k, **peak},
        [ratio_line(f"s per 10k lines, {last}x / {first}x (linear = 1)", per_10k[f"{last}x s per 10k lines"],
                    per_10k[f"{first}x s per 10k lines"], "<=1.2"),
         ratio_line(f"peak RSS per file, {last}x / {first}x (flat = 1)",
                    peak[f"{last}x peak RSS (MiB)"] / files_at[last], peak[f"{first}x peak RSS (MiB)"] / files_at[first],
                    "<=1.2"),
         ratio_line(f"peak RSS, {last}x / {first}x (all findings are kept for sorted output)",
                    peak[f"{last}x peak RSS (MiB)"], peak[f"{first}x peak RSS (MiB)"])],
        notes=["units: the first rows are seconds, then seconds per 10k lines, then MiB",
               "targets for linearity and flatness are this repo's reading of the issue (1.2x)"],
        unit="",
    )


if __name__ == "__main__":
    main(measure, __doc__, default_runs=3)
