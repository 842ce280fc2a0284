"""Reading the fixtures' expected findings: end-of-line comments such as ``# MOT001:14 MOT002:30``.

The number is the 1-based column flake8 prints (the engine's 0-based column + 1).
"""

from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTATION = re.compile(r"#\s*((?:MOT\d{3}:\d+\s*)+)$")

Expected = set[tuple[str, int, int, str]]  # (path, line, 1-based col, code)


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.py"))


def expected_findings(path: Path) -> Expected:
    found: Expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECTATION.search(line)
        if match:
            for item in match.group(1).split():
                code, col = item.split(":")
                found.add((str(path), number, int(col), code))
    return found
