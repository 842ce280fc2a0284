"""bench/lint_recall.py runs, prints its figures, and meets the targets on mellea 0.6.0's labelled accesses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import LABELS

REPO = Path(__file__).resolve().parents[2]


def test_recall_and_precision_on_mellea_060() -> None:
    if not LABELS.is_file():
        pytest.skip(f"labelled data not on this machine: {LABELS}")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "lint_recall.py"), "--truth", str(LABELS)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    figures = dict(re.findall(r"^(recall|precision):\s+([\d.]+)%", result.stdout, re.MULTILINE))
    assert set(figures) == {"recall", "precision"}, result.stdout
    assert float(figures["recall"]) == 100.0, result.stdout
    assert float(figures["precision"]) == 100.0, result.stdout
