"""pyright with ``mellea-stubs`` installed vs. not, on the same downstream corpus as mypy.

"Not installed" is a mirror of ``.venv-nosdk`` without our distribution (``bench/envs.py``),
handed to pyright with ``--pythonpath``: pyright then resolves ``mellea`` to its inline
types, as for a user who never installed mellea-typing.
Usage: python bench/bench_pyright.py [--runs N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_mypy import downstream_corpus
from bench.corpus import line_count, python_files
from bench.envs import NOSDK, OUR_DISTRIBUTION, mirror_without, tool
from bench.report import main, section
from bench.timing import Case, compare, ratio_line


def measure(runs: int) -> list[str]:
    corpus = downstream_corpus()
    # A config file makes the corpus its own project (else the repo's pyproject.toml is the
    # root, and pyright auto-excludes the hidden ``.cache/`` folder the corpus lives in).
    (corpus / "pyrightconfig.json").write_text('{"include": ["examples", "docs/examples"]}\n')
    without = mirror_without(NOSDK, "venv-nosdk-without-mellea-typing", OUR_DISTRIBUTION)
    cmd = [tool("pyright"), "--pythonpath"]
    medians = compare([
        Case("pyright with stubs", [*cmd, str(NOSDK / "bin" / "python")], cwd=str(corpus)),
        Case("pyright without stubs", [*cmd, str(without)], cwd=str(corpus)),
    ], runs=runs)
    files = python_files(corpus)
    return section(
        f"pyright, downstream corpus ({len(files)} files, {line_count(files):,} lines)",
        medians,
        [ratio_line("pyright with stubs / without", medians["pyright with stubs"],
                    medians["pyright without stubs"], "<=1.05")],
    )


if __name__ == "__main__":
    main(measure, __doc__)
