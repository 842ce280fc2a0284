"""Alternating, median-of-N timing of whole commands, so a noisy machine hurts all sides equally."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    cpu_seconds: float = 0.0
    """User plus system time of the command and the children it waited for (load matters less)."""


def run_once(cmd: Sequence[str], *, setup: Callable[[], None] | None = None,
             env: Mapping[str, str] | None = None, cwd: str | None = None) -> Run:
    """Time one command; peak RSS is the largest child of this run (``ru_maxrss`` of children)."""
    if setup is not None:
        setup()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})}, cwd=cwd)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(elapsed, max(after.ru_maxrss, before.ru_maxrss) / 1024, proc.returncode, cpu)


@dataclass(frozen=True)
class Case:
    name: str
    cmd: Sequence[str]
    setup: Callable[[], None] | None = None
    env: Mapping[str, str] | None = None
    cwd: str | None = None


def rounds(cases: Sequence[Case], *, runs: int = 5, warmup: int = 1) -> dict[str, list[Run]]:
    """Every timed run per case, running the cases round-robin after ``warmup`` rounds."""
    samples: dict[str, list[Run]] = {c.name: [] for c in cases}
    for round_ in range(warmup + runs):
        for case in cases:
            result = run_once(case.cmd, setup=case.setup, env=case.env, cwd=case.cwd)
            if round_ >= warmup:
                samples[case.name].append(result)
    return samples


def compare(cases: Sequence[Case], *, runs: int = 5, warmup: int = 1) -> dict[str, float]:
    """Median seconds per case, running the cases round-robin after ``warmup`` rounds."""
    return {name: statistics.median(r.seconds for r in values)
            for name, values in rounds(cases, runs=runs, warmup=warmup).items()}


def ratio_line(label: str, numerator: float, denominator: float, target: str | None = None) -> str:
    ratio = numerator / denominator if denominator else float("inf")
    verdict = ""
    if target is not None:
        op, bound = target[:2], float(target[2:])
        ok = ratio <= bound if op == "<=" else ratio >= bound
        verdict = f"  target {target}  {'OK' if ok else 'MISSED'}"
    return f"{label:<58} {ratio:6.2f}x{verdict}"


def machine_line() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"


def difference_line(label: str, value_ms: float, base_ms: float, budget_ms: float | None = None) -> str:
    """``value - base`` in ms, with a budget verdict when one is given (start-up cost above a floor)."""
    above = value_ms - base_ms
    verdict = f"  target <={budget_ms:g} ms  {'OK' if above <= budget_ms else 'MISSED'}" if budget_ms else ""
    return f"{label:<58} {above:6.1f} ms{verdict}"
