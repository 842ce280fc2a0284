"""bench/mypy_recall.py runs and prints its figures; the plugin's page (docs/mypy-plugin.md)
carries exactly the figures the script prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tools.readme_sections import section

REPO = Path(__file__).resolve().parents[2]
FIGURE_LINE = re.compile(r"^(labelled thunk accesses|found by mellea-private|recall|member reports|precision|private-name import reports).*$")


def plugin_section() -> str:
    return section("mypy-plugin", "docs/mypy-plugin.md")


def test_recall_script_prints_its_figures_and_the_doc_matches(mellea_060_tree: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "mypy_recall.py"), str(mellea_060_tree)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [FIGURE_LINE.match(line) is not None for line in lines] == [True] * 7, lines
    figures = dict(line.split(": ", 1) for line in lines)
    assert 0.0 < float(figures["recall"]) <= 1.0
    assert float(figures["precision"]) == 1.0
    assert figures["recall on typed receivers"].startswith("1.000 "), lines
    readme_lines = [line for line in plugin_section().splitlines() if FIGURE_LINE.match(line)]
    assert readme_lines == lines, "docs/mypy-plugin.md figures differ from bench/mypy_recall.py: paste its output"
