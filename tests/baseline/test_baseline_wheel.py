"""The baseline on mellea 0.6.0: unrelated edits above findings do not bring them back, and exactly
the one new violation is reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_baseline import lint

NEW_VIOLATION = (
    "\n\ndef added_later() -> object:\n"
    "    from mellea.core.base import ModelOutputThunk\n\n"
    "    return ModelOutputThunk(None)._generate_log\n"
)


def _files_with_findings(stdout: str) -> list[Path]:
    return sorted({Path(item["filename"]) for item in json.loads(stdout)})


def test_baseline_on_mellea_060(mellea_060_tree: Path, tmp_path: Path) -> None:
    root = tmp_path / "mellea-0.6.0"
    shutil.copytree(mellea_060_tree, root)
    today = lint(root, "--output-format", "json", ".")
    files = _files_with_findings(today.stdout)
    assert len(json.loads(today.stdout)) > 100 and len(files) > 5

    written = lint(root, "--write-baseline", "mellea-lint-baseline.json", ".")
    assert (written.returncode, written.stdout) == (0, "")
    assert written.stderr.startswith(f"Recorded {len(json.loads(today.stdout))} findings in mellea-lint-baseline.json")
    clean = lint(root, "--baseline", "mellea-lint-baseline.json", ".")
    assert (clean.returncode, clean.stdout) == (0, "All checks passed!\n")

    for path in files[::2]:  # unrelated lines above every finding of half the files
        path.write_text("# a licence header added later\n# by a tool\n\n" + path.read_text())
    target = files[0]  # one of the files with a header inserted
    target.write_text(target.read_text() + NEW_VIOLATION)
    line = target.read_text().splitlines().index(NEW_VIOLATION.splitlines()[-1]) + 1

    result = lint(root, "--baseline", "mellea-lint-baseline.json", "--output-format", "json", ".")
    assert result.returncode == 1
    assert [(Path(i["filename"]), i["location"]["row"], i["code"]) for i in json.loads(result.stdout)] == [
        (target, line, "MOT001")
    ]
