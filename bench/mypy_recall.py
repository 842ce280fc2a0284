"""Recall and precision of ``mellea-private`` on the released mellea 0.6.0 wheel.

Runs mypy with the plugin over the unzipped wheel (``mellea`` and ``cli``), with
``mellea/core/`` internal (the plugin's default) and producer recognition off (the labels
say which accesses touch a thunk, not which a producer may make), and compares its reports with the
labelled set (``tests/data/truth-mellea-0.6.0-wheel.tsv``):

- recall: labelled thunk accesses (``is_mot == yes``) that a report matches;
- precision: reports that match a thunk access, among reports that match a
  labelled access known not to be a thunk (``no``) or no labelled access at all.

A report matches a label on the same file, line and attribute name. Imports of
private names are not in the labelled set and are counted apart. A last figure is the
recall on the receivers mypy can type: without the rows whose receiver is typed ``Any``
(the label's ``pyright=Any``) and the rows on a line under a bare ``# type: ignore``
(mypy silences every error there, the plugin's included).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import LABELS  # noqa: E402  (after the sys.path set-up)

REPORT_RE = re.compile(
    r'^(?P<path>[^:]+):(?P<line>\d+):\d+: error: Private (?P<kind>member|name) "(?P<attr>[^"]+)"'
    r".*\[mellea-private\]$"
)

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Figures:
    labelled_thunk: int
    found_thunk: int
    reports: int
    reports_on_thunk: int
    reports_on_unsure: int
    reports_not_thunk: int
    import_reports: int

    @property
    def recall(self) -> float:
        return self.found_thunk / self.labelled_thunk if self.labelled_thunk else 0.0

    @property
    def precision(self) -> float:
        judged = self.reports_on_thunk + self.reports_not_thunk
        return self.reports_on_thunk / judged if judged else 0.0


def run_mypy(tree: Path) -> list[str]:
    """mypy's ``mellea-private`` lines for the wheel tree (third-party imports as Any)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "mypy.ini"
        config.write_text(
            "[mypy]\nplugins = mellea_mypy\nignore_missing_imports = True\n"
            "check_untyped_defs = True\nshow_column_numbers = True\nno_error_summary = True\n"
            "hide_error_context = True\nshow_error_code_links = False\n"
            "[mellea-mypy]\ndetect_producers = false\n"
        )
        cmd = [
            sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(Path(tmp) / "cache"),
            "--no-site-packages", "--no-pretty", "-p", "mellea", "-p", "cli",
        ]
        proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, check=False, env={**os.environ, "MYPYPATH": ""})
    if proc.returncode not in (0, 1) or "INTERNAL ERROR" in proc.stdout + proc.stderr:
        raise SystemExit(f"mypy failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout[-2000:]}")
    return [line for line in proc.stdout.splitlines() if line.endswith("[mellea-private]")]


def load_truth(path: Path) -> dict[str, Counter[Key]]:
    by_label: dict[str, Counter[Key]] = {"yes": Counter(), "no": Counter(), "unsure": Counter()}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            by_label[row["is_mot"]][(row["path"], int(row["line"]), row["attribute"])] += 1
    return by_label


def score(lines: list[str], truth: dict[str, Counter[Key]]) -> Figures:
    reports: Counter[Key] = Counter()
    imports = 0
    for line in lines:
        m = REPORT_RE.match(line)
        if m is None:
            raise SystemExit(f"unexpected report format: {line}")
        if m["kind"] == "name":
            imports += 1
            continue
        reports[(m["path"], int(m["line"]), m["attr"])] += 1
    yes, unsure = truth["yes"], truth["unsure"]
    on_thunk = sum((reports & yes).values())
    on_unsure = sum(((reports - yes) & unsure).values())
    total = sum(reports.values())
    return Figures(
        labelled_thunk=sum(yes.values()),
        found_thunk=on_thunk,
        reports=total,
        reports_on_thunk=on_thunk,
        reports_on_unsure=on_unsure,
        reports_not_thunk=total - on_thunk - on_unsure,
        import_reports=imports,
    )


BARE_IGNORE = re.compile(r"#\s*type:\s*ignore(?!\[)")


def untypable(tree: Path, truth_path: Path) -> Counter[Key]:
    """Labelled thunk accesses mypy cannot report: an ``Any`` receiver or a bare ``# type: ignore``."""
    found: Counter[Key] = Counter()
    with truth_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["is_mot"] != "yes":
                continue
            line = (tree / row["path"]).read_text(encoding="utf-8").splitlines()[int(row["line"]) - 1]
            if "pyright=Any;" in row["note"] or BARE_IGNORE.search(line):
                found[(row["path"], int(row["line"]), row["attribute"])] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, help="root of the unzipped mellea 0.6.0 wheel")
    parser.add_argument("--truth", type=Path, default=LABELS, help="labelled TSV")
    args = parser.parse_args(argv)
    lines = run_mypy(args.tree)
    truth = load_truth(args.truth)
    figures = score(lines, truth)
    typed = score(lines, {**truth, "yes": truth["yes"] - untypable(args.tree, args.truth)})
    print(f"labelled thunk accesses: {figures.labelled_thunk}")
    print(f"found by mellea-private: {figures.found_thunk}")
    print(f"recall: {figures.recall:.3f}")
    print(
        f"member reports: {figures.reports} (thunk {figures.reports_on_thunk}, "
        f"unsure {figures.reports_on_unsure}, not a thunk access {figures.reports_not_thunk})"
    )
    print(f"precision: {figures.precision:.3f}")
    print(f"private-name import reports (not labelled): {figures.import_reports}")
    print(
        f"recall on typed receivers: {typed.recall:.3f} ({typed.found_thunk}/{typed.labelled_thunk}; "
        "Any receivers and bare # type: ignore lines excepted)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
