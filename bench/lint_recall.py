"""Recall and precision of the MOT rules on mellea 0.6.0, against hand-labelled truth.

The labels (``tests/data/truth-mellea-0.6.0-wheel.tsv``, or ``--truth``) list every
``X._name`` access and string form outside ``mellea/core/`` in the released 0.6.0 wheel,
with ``is_mot`` = ``yes`` (the receiver is a ModelOutputThunk), ``no`` or ``unsure``.
The wheel is downloaded into ``.cache/`` and linted with ``mellea.core`` internal, no
producer modules and producer recognition off, so every access is reported: the labels say
which accesses are thunk accesses, not which ones a producer may make. A last line counts
the labelled accesses that the default settings leave to recognised producer code
(backends writing what they must set), which are not findings then by design.

* recall: labelled ``yes`` places that get a finding;
* precision: findings at ``yes`` places among all findings except those at ``unsure``
  places (a finding at a ``no`` place or at an unlabelled place is a false positive).

MOT005 (imports) is outside what the labels describe and is not counted.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "lint_rules"))
sys.path.insert(0, str(REPO))

from mellea_lint.config import LintConfig  # noqa: E402  (after the sys.path set-up)
from mellea_lint.engine import check_source  # noqa: E402

from bench.corpus import LABELS, wheel_tree  # noqa: E402

LABELLED_FOLDERS = ("mellea", "cli")
Place = tuple[str, int, int]


def read_truth(path: Path) -> dict[Place, str]:
    with path.open(newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["path"], int(r["line"]), int(r["col"])): r["is_mot"] for r in rows}


def reported_places(root: Path, *, detect_producers: bool = False) -> dict[Place, str]:
    found: dict[Place, str] = {}
    for folder in LABELLED_FOLDERS:
        for file in sorted((root / folder).rglob("*.py")):
            source = file.read_text(encoding="utf-8")
            for finding in check_source(source, str(file), LintConfig(detect_producers=detect_producers)):
                if finding.code != "MOT005":
                    found[(file.relative_to(root).as_posix(), finding.line, finding.col)] = finding.code
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--truth", type=Path, default=LABELS, help="labelled TSV (default: %(default)s)")
    parser.add_argument("--show", action="store_true", help="list every miss and false positive")
    args = parser.parse_args(argv)
    truth = read_truth(args.truth)
    tree = wheel_tree("0.6.0")
    found = reported_places(tree)
    yes = {p for p, label in truth.items() if label == "yes"}
    unsure = {p for p, label in truth.items() if label == "unsure"}
    hits = yes & found.keys()
    counted = found.keys() - unsure
    misses = sorted(yes - hits)
    false_positives = sorted(counted - yes)
    recall = len(hits) / len(yes) if yes else 1.0
    precision = len(hits) / len(counted) if counted else 1.0
    print(f"labelled thunk accesses: {len(yes)}; findings counted: {len(counted)}")
    print(f"recall:    {recall:.1%} ({len(hits)}/{len(yes)})")
    print(f"precision: {precision:.1%} ({len(hits)}/{len(counted)})")
    producer_owned = hits - reported_places(tree, detect_producers=True).keys()
    print(f"left to recognised producer code by default: {len(producer_owned)} of {len(hits)}")
    if args.show:
        for place in misses:
            print("miss", *place, sep="\t")
        for place in false_positives:
            print("false-positive", *place, truth.get(place, "unlabelled"), found[place], sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
