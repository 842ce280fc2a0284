"""``make bench``: every benchmark, then docs/performance.md and the README's start-up figure.

Prints each benchmark's medians and ratios (target, OK/MISSED) and rewrites docs/performance.md
between ``<!-- BEGIN performance -->`` and ``<!-- END performance -->`` with this run's
figures, the machine and the tool versions, and the README between ``<!-- BEGIN startup -->``
and ``<!-- END startup -->`` with the start-up lines (``--no-readme`` leaves both alone).
Usage: python bench/run_all.py [--runs N] [--only NAME ...] [--no-readme]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    bench_flake8,
    bench_import,
    bench_lint,
    bench_mypy,
    bench_payload_check,
    bench_pyright,
    bench_scaling,
    bench_server,
    bench_startup,
    bench_typed_backends,
)
from bench.corpus import REPO
from bench.timing import machine_line

BENCHMARKS: dict[str, Callable[[int], list[str]]] = {
    "lint": bench_lint.measure,
    "flake8": bench_flake8.measure,
    "mypy": bench_mypy.measure,
    "pyright": bench_pyright.measure,
    "typed-backends": bench_typed_backends.measure,
    "import": bench_import.measure,
    "scaling": bench_scaling.measure,
    "startup": bench_startup.measure,
    "server": bench_server.measure,
    "payloads": bench_payload_check.measure,
}
DEFAULT_RUNS = {"mypy": 7, "typed-backends": 5, "import": 15, "scaling": 3, "startup": 21, "server": 30,
                "payloads": 2000}
TOOLS = ("mellea-lint", "mellea", "mypy", "pyright", "flake8", "ruff")
DOCS = REPO / "docs" / "performance.md"
README = REPO / "README.md"


def versions() -> str:
    return ", ".join(f"{name} {metadata.version(name)}" for name in TOOLS)


def performance_section(lines: list[str], when: str) -> str:
    return "\n".join([
        f"Last `make bench` run: {when}, on {machine_line()}; {versions()}.",
        "Each figure is a median of alternating runs after a warm-up (`bench/timing.py`); the",
        "corpora and the with/without set-ups are described in each `bench/bench_*.py`.",
        "Regenerate with `make bench` (it rewrites this section).",
        "",
        "```text",
        *lines,
        "```",
    ])


def startup_section(lines: list[str], when: str) -> str:
    """The README's short Performance section: the start-up lines of this run."""
    figures = [line for line in lines if " above python -c pass " in line]
    return "\n".join([
        "## Performance",
        "",
        "Start-up: one small file checked, time above a bare `python -c pass` (median of alternating",
        f"runs; `make bench`, {when}, {machine_line()}, 1-minute load average {os.getloadavg()[0]:.1f}).",
        "Every other figure, its set-up and the",
        "profiling notes are in [docs/performance.md](docs/performance.md).",
        "",
        "```text",
        *figures,
        "```",
    ])


def replace_section(path: Path, name: str, body: str) -> None:
    """Rewrite what lies between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` in ``path``."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    text = path.read_text()
    start, stop = text.index(begin) + len(begin), text.index(end)
    path.write_text(f"{text[:start]}\n{body}\n{text[stop:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, help="timed rounds per benchmark (default: per benchmark)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), default=list(BENCHMARKS))
    parser.add_argument("--no-readme", action="store_true", help="rewrite neither docs/performance.md nor the README")
    args = parser.parse_args()
    print(machine_line(), "|", versions(), flush=True)
    lines: list[str] = []
    for name in args.only:
        result = BENCHMARKS[name](args.runs or DEFAULT_RUNS.get(name, 5))
        print("\n".join(result), flush=True)
        lines += result
    if not args.no_readme:
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        if set(args.only) == set(BENCHMARKS):  # a partial run never replaces the full record
            replace_section(DOCS, "performance", performance_section(lines, when))
        if "startup" in args.only:
            replace_section(README, "startup", startup_section(lines, when))


if __name__ == "__main__":
    main()
