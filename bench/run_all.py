"""``make bench``: every benchmark of issue 6, then the README's Performance section.

Prints each benchmark's medians and ratios (target, OK/MISSED) and rewrites the README
between ``<!-- BEGIN performance -->`` and ``<!-- END performance -->`` with this run's
figures, the machine and the tool versions (``--no-readme`` leaves it alone).
Usage: python bench/run_all.py [--runs N] [--only NAME ...] [--no-readme]
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import bench_flake8, bench_import, bench_lint, bench_mypy, bench_pyright, bench_scaling, bench_startup
from bench.corpus import REPO
from bench.timing import machine_line

BENCHMARKS: dict[str, Callable[[int], list[str]]] = {
    "lint": bench_lint.measure,
    "flake8": bench_flake8.measure,
    "mypy": bench_mypy.measure,
    "pyright": bench_pyright.measure,
    "import": bench_import.measure,
    "scaling": bench_scaling.measure,
    "startup": bench_startup.measure,
}
DEFAULT_RUNS = {"mypy": 7, "import": 15, "scaling": 3, "startup": 21}
TOOLS = ("mellea-typing", "mellea", "mypy", "pyright", "flake8", "ruff")
BEGIN, END = "<!-- BEGIN performance -->", "<!-- END performance -->"


def versions() -> str:
    return ", ".join(f"{name} {metadata.version(name)}" for name in TOOLS)


def performance_section(lines: list[str], when: str) -> str:
    return "\n".join([
        BEGIN,
        "## Performance",
        "",
        f"Last `make bench` run: {when}, on {machine_line()}; {versions()}.",
        "Each figure is a median of alternating runs after a warm-up (`bench/timing.py`); the",
        "corpora and the with/without set-ups are described in each `bench/bench_*.py`.",
        "Regenerate with `make bench` (it rewrites this section).",
        "",
        "```text",
        *lines,
        "```",
        END,
    ])


def write_readme(section: str) -> None:
    readme = REPO / "README.md"
    text = readme.read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    readme.write_text(text[:start] + section + text[end:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, help="timed rounds per benchmark (default: per benchmark)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), default=list(BENCHMARKS))
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the README section")
    args = parser.parse_args()
    print(machine_line(), "|", versions(), flush=True)
    lines: list[str] = []
    for name in args.only:
        result = BENCHMARKS[name](args.runs or DEFAULT_RUNS.get(name, 5))
        print("\n".join(result), flush=True)
        lines += result
    if not args.no_readme:
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        write_readme(performance_section(lines, when))


if __name__ == "__main__":
    main()
