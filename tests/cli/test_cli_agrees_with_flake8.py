"""``mellea-lint check`` and ``flake8 --select MOT`` report the same findings on the rule fixtures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from cli_support import lint_in

FIXTURES = Path(__file__).resolve().parents[1] / "lint" / "fixtures"
FLAKE8 = Path(sys.executable).parent / "flake8"


def test_cli_and_flake8_agree_on_the_fixtures() -> None:
    result = lint_in(FIXTURES, "check", "--no-cache", "--output-format", "json", ".")
    assert result.returncode == 1 and result.stderr == ""
    ours = {
        (str(Path(item["filename"]).relative_to(FIXTURES)), item["location"]["row"],
         item["location"]["column"], item["code"])
        for item in json.loads(result.stdout)
    }
    flake8 = subprocess.run(
        [str(FLAKE8), "--isolated", "--select", "MOT", "--format", "%(path)s:%(row)d:%(col)d:%(code)s", "."],
        cwd=FIXTURES, capture_output=True, text=True, check=False,
    )
    assert flake8.returncode == 1, flake8.stderr
    theirs = set()
    for line in flake8.stdout.splitlines():
        path, row, col, code = re.fullmatch(r"(.+):(\d+):(\d+):(\w+)", line).groups()  # type: ignore[union-attr]
        theirs.add((str(Path(path)), int(row), int(col), code))
    assert ours == theirs
    assert len(ours) >= 5
