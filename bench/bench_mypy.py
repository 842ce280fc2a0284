"""mypy with the ``mellea_mypy`` plugin vs. without it on downstream code, cold and warm cache.

Downstream code: this repo's ``examples/`` plus mellea 0.7.0's ``docs/examples`` (the
last wheel that ships them). Both sides run the same mypy with the stubs installed and
differ only by ``plugins = mellea_mypy`` in their config. The checked environment is
``.venv-nosdk`` (mellea and its base dependencies): the optional SDKs would add the same
minutes of cold analysis to both sides and measure nothing of ours.
Usage: python bench/bench_mypy.py [--runs N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import CACHE, REPO, line_count, python_files, wheel_tree
from bench.envs import NOSDK, tool
from bench.report import main, section
from bench.timing import Case, compare, ratio_line


def downstream_corpus() -> Path:
    """``examples/`` and mellea 0.7.0's ``docs/examples`` side by side, copied afresh."""
    root = CACHE / "downstream"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "examples", root / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    docs = wheel_tree("0.7.0") / "docs"
    shutil.copytree(docs / "examples", root / "docs" / "examples")
    shutil.copy(docs / "__init__.py", root / "docs" / "__init__.py")
    return root


def measure(runs: int) -> list[str]:
    corpus = downstream_corpus()
    scratch = Path(tempfile.mkdtemp(prefix="bench-mypy-"))
    cases = []
    for side, config in (("with plugin", "[mypy]\nplugins = mellea_mypy\n"), ("without", "[mypy]\n")):
        ini = scratch / f"{side.split()[0]}.ini"
        ini.write_text(config)
        base = [tool("mypy"), "--config-file", str(ini), "--python-executable", str(NOSDK / "bin" / "python"),
                "examples", "docs/examples"]
        cold, warm = scratch / f"{ini.stem}-cold", scratch / f"{ini.stem}-warm"
        cases += [
            Case(f"mypy {side}, cold", [*base, "--cache-dir", str(cold)], cwd=str(corpus),
                 setup=lambda cold=cold: shutil.rmtree(cold, ignore_errors=True)),
            Case(f"mypy {side}, warm", [*base, "--cache-dir", str(warm)], cwd=str(corpus)),
        ]
    try:
        medians = compare(cases, runs=runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    files = python_files(corpus)
    return section(
        f"mypy, downstream corpus ({len(files)} files, {line_count(files):,} lines)",
        medians,
        [ratio_line(f"mypy with plugin / without, {state} cache", medians[f"mypy with plugin, {state}"],
                    medians[f"mypy without, {state}"], "<=1.05") for state in ("cold", "warm")],
    )


if __name__ == "__main__":
    main(measure, __doc__, default_runs=3)
