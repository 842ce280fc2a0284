"""Structural guards for the plugins' costs, found by the benchmarks (bench/): each test
counts work (calls, imports), never seconds, so it is as stable as any unit test.

* mypy calls ``report_config_data`` for every module it loads or writes (3,110 times on
  the downstream benchmark corpus); reading package metadata there each time made warm
  runs 4-5x slower than without the plugin (bench/bench_mypy.py).
* Loading the mypy plugin must not import ``importlib.metadata`` (with it: ``email``,
  ~35 ms), which mypy itself never imports: the 50 ms import budget (bench/bench_import.py).
* flake8 hands the plugin every file's tree: a file that cannot have a finding (the
  engine's textual pre-check) must not be walked; on a 350k-line module without mellea
  the walk cost a third of flake8's own parse.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import metadata

import pytest
from mellea_lint import flake8_plugin
from mellea_mypy import plugin
from mypy.options import Options
from mypy.plugin import ReportConfigContext


def test_report_config_data_reads_metadata_at_most_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_version = metadata.version

    def counting_version(name: str) -> str:
        calls.append(name)
        return real_version(name)

    monkeypatch.setattr(metadata, "version", counting_version)
    instance = plugin("2.4.1")(Options())
    reports = [instance.report_config_data(ReportConfigContext(f"m{i}", f"m{i}.py", True)) for i in range(100)]
    assert all(report == reports[0] for report in reports)
    assert len(calls) <= 1, f"package metadata read {len(calls)} times for 100 modules"


def test_loading_the_mypy_plugin_imports_nothing_mypy_does_not() -> None:
    code = (
        "import sys, mypy.build, mypy.checker, mypy.main, mypy.options, mypy.plugin, mypy.version\n"
        "before = set(sys.modules)\n"
        "import mellea_mypy\n"
        "mellea_mypy.plugin(mypy.version.__version__)(mypy.options.Options())\n"
        "print(' '.join(sorted(m for m in set(sys.modules) - before if not m.startswith(('mellea_', 'email.')))))\n"
    )
    added = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "importlib.metadata" not in added and "email" not in added, added


def test_flake8_plugin_skips_files_that_cannot_have_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[str] = []
    monkeypatch.setattr(flake8_plugin, "check_tree", lambda tree, path, *a, **k: walked.append(path) or [])
    source = "".join(f"value_{i} = obj.attr_{i}\n" for i in range(1000))
    checker = flake8_plugin.MotChecker(ast.parse(source), "plain.py", source.splitlines(True))
    assert list(checker.run()) == []
    assert walked == [], "the tree of a file without '._', a quoted '_name' or a mellea import was walked"
