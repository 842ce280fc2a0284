"""Import cost of the plugins, as the host tool pays it: ``mellea_mypy`` and the flake8 plugin.

Each sample is a fresh interpreter that first imports what the host has already loaded
when it loads plugins (mypy's build and checker; flake8's application and the default
checkers), then times loading ours: for mypy, import, ``plugin(version)`` and the plugin
instance; for flake8, the ``MOT`` entry point's module and class.
Usage: python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import main, section
from bench.timing import ratio_line

_TIMED = """
import time
{host}
start = time.perf_counter()
{load}
print(time.perf_counter() - start)
"""
LOADS = {
    "mellea_mypy (in mypy)": (
        "import mypy.build, mypy.checker, mypy.main, mypy.options, mypy.plugin, mypy.version",
        "import mellea_mypy\nmellea_mypy.plugin(mypy.version.__version__)(mypy.options.Options())",
    ),
    "flake8 MOT plugin (in flake8)": (
        "import flake8.main.application, flake8.checker, flake8.plugins.finder, pyflakes.checker, pycodestyle",
        "from mellea_lint.flake8_plugin import MotChecker",
    ),
}


def sample(host: str, load: str) -> float:
    code = _TIMED.format(host=host, load=load)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def measure(runs: int) -> list[str]:
    medians_ms = {
        name: 1000 * statistics.median(sample(host, load) for _ in range(runs))
        for name, (host, load) in LOADS.items()
    }
    return section(
        f"plugin import time (median of {runs} fresh interpreters, host modules preloaded)",
        medians_ms,
        [ratio_line(f"{name} ms / 50 ms budget", ms, 50.0, "<=1.0") for name, ms in medians_ms.items()],
        unit="ms",
    )


if __name__ == "__main__":
    main(measure, __doc__, default_runs=15)
