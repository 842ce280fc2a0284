"""The cost of the generated stubs (issue 17): mypy and pyright with every installed stub vs.
with the stubs minus the generated modules, on the same downstream corpus as bench_mypy.

The generated modules are ``surface.GENERATED_STUB_MODULES`` (session, functional, sampling
and the backends, written by tools/backend_stubs.py); without them only the hand-written
stubs (``mellea.core``, as they are now) are left, and the checkers read mellea's inline types
for the rest, as they did before those stubs existed. "All stubs" is ``.venv-nosdk`` as installed; "no
generated stubs" is a mirror of it whose ``mellea-stubs`` lacks exactly those ``.pyi`` files
(``bench/envs.py``). mypy runs with a cold cache each time, with ``plugins = mellea_mypy``
and without; every case is timed round-robin in one run, so the ratios share the machine's load.
Printed: medians of wall time (the issue's measure), then of CPU time (user + system) of the
same runs, which other work on the machine distorts less.
Usage: python bench/bench_typed_backends.py [--runs N]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mellea_lint import surface

from bench.bench_mypy import downstream_corpus
from bench.corpus import line_count, python_files
from bench.envs import NOSDK, mirror_pruned, site_packages, tool
from bench.report import main, section
from bench.timing import Case, ratio_line, rounds

STUBS = "mellea-stubs"
ALL, PRUNED = "all stubs", "no generated stubs"
CHECKERS = ("mypy + plugin, cold", "mypy, cold", "pyright")


def stub_file(module: str) -> str:
    """The installed ``.pyi`` of a generated module, relative to ``mellea-stubs/``."""
    installed = site_packages(NOSDK) / STUBS
    relative = module.removeprefix("mellea.").replace(".", "/")
    for candidate in (f"{relative}.pyi", f"{relative}/__init__.pyi"):
        if (installed / candidate).is_file():
            return candidate
    raise SystemExit(f"{NOSDK.name} has no stub for {module}: its mellea-stubs is older than the "
                     f"generated stubs (make {NOSDK.name}/.project installs the current wheels)")


def sides(modules: Iterable[str]) -> tuple[Path, dict[str, Path], list[str]]:
    """The downstream corpus (a pyright project), the python of each side (``ALL``, ``PRUNED``:
    without ``modules``' stubs), and the dropped stub files."""
    dropped = [stub_file(m) for m in modules]
    pruned = mirror_pruned(NOSDK, "venv-nosdk-without-generated-stubs", STUBS, dropped)
    corpus = downstream_corpus()
    (corpus / "pyrightconfig.json").write_text('{"include": ["examples", "docs/examples"]}\n')
    return corpus, {ALL: NOSDK / "bin" / "python", PRUNED: pruned}, dropped


def cases_dropping(modules: Iterable[str], scratch: Path) -> tuple[list[Case], Path, list[str]]:
    """The timed cases (mypy's configs and caches in ``scratch``), the corpus, the dropped files."""
    corpus, pythons, dropped = sides(modules)
    configs = {"mypy + plugin": "[mypy]\nplugins = mellea_mypy\n", "mypy": "[mypy]\n"}
    cases = []
    for side, python in pythons.items():
        for checker, config in configs.items():
            ini = scratch / f"{checker.replace(' + ', '-')}.ini"
            ini.write_text(config)
            cache = scratch / f"{ini.stem}-{side.replace(' ', '-')}"
            cases.append(Case(
                f"{checker}, cold, {side}",
                [tool("mypy"), "--config-file", str(ini), "--python-executable", str(python),
                 "--cache-dir", str(cache), "examples", "docs/examples"],
                cwd=str(corpus), setup=lambda cache=cache: shutil.rmtree(cache, ignore_errors=True)))
        cases.append(Case(f"pyright, {side}", [tool("pyright"), "--pythonpath", str(python)], cwd=str(corpus)))
    cases.sort(key=lambda c: CHECKERS.index(c.name.rpartition(", ")[0]))  # pairs side by side
    return cases, corpus, dropped


def measure_dropping(modules: Iterable[str], runs: int) -> list[str]:
    """Every stub vs. every stub but ``modules``' (the whole benchmark drops all generated ones)."""
    modules = tuple(modules)
    scratch = Path(tempfile.mkdtemp(prefix="bench-typed-backends-"))
    try:
        cases, corpus, dropped = cases_dropping(modules, scratch)
        samples = rounds(cases, runs=runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    files = python_files(corpus)
    what = "the generated stubs" if set(modules) == set(surface.GENERATED_STUB_MODULES) else ", ".join(modules)
    title = f"all stubs vs. without {what}, downstream corpus ({len(files)} files, {line_count(files):,} lines)"
    lines = []
    for metric, heading in (("wall", f"{title}, wall time"), ("CPU", "the same runs, CPU time (user + system)")):
        medians = {name: statistics.median(r.seconds if metric == "wall" else r.cpu_seconds for r in taken)
                   for name, taken in samples.items()}
        lines += section(
            heading,
            medians,
            [ratio_line(f"{checker}: all stubs / without, {metric}", medians[f"{checker}, {ALL}"],
                        medians[f"{checker}, {PRUNED}"], "<=1.05") for checker in CHECKERS],
        )
    return [*lines[:-1], f"note: without: {', '.join(dropped)} (of {STUBS})",
            "note: the target is issue 17's (within 5% of before); CPU time is the one a loaded machine "
            f"distorts less (1-minute load average at the end: {os.getloadavg()[0]:.1f})", ""]


def measure(runs: int) -> list[str]:
    return measure_dropping(surface.GENERATED_STUB_MODULES, runs)


if __name__ == "__main__":
    main(measure, __doc__, default_runs=5)
