"""bench/lint_recall.py runs, prints its figures, and meets the targets on mellea 0.6.0's labelled accesses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bench.corpus import LABELS

REPO = Path(__file__).resolve().parents[2]


def test_recall_and_precision_on_mellea_060() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "lint_recall.py"), "--truth", str(LABELS)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    figures = dict(re.findall(r"^(recall|precision):\s+([\d.]+)%", result.stdout, re.MULTILINE))
    assert set(figures) == {"recall", "precision"}, result.stdout
    assert float(figures["recall"]) == 100.0, result.stdout
    assert float(figures["precision"]) == 100.0, result.stdout


def test_mellea_070_own_code_gets_findings_only_on_thunk_members() -> None:
    """mellea 0.7.0 reads other classes' private members after ``isinstance`` checks
    (``getattr(c, "_images", None)`` under ``isinstance(c, Message)``): no finding may name a
    member that is not a thunk's."""
    from mellea_lint import surface
    from mellea_lint.engine import check_source

    from bench.corpus import wheel_tree

    root = wheel_tree("0.7.0")
    named = set()
    for file in sorted((root / "mellea").rglob("*.py")):
        for finding in check_source(file.read_text(encoding="utf-8"), str(file)):
            if finding.code in ("MOT001", "MOT002", "MOT003", "MOT004"):
                named.add(re.match(r"private thunk member (_\w+)", finding.message)[1])  # type: ignore[index]
    assert named and named <= set(surface.MEMBERS_BY_NAME)
