"""The producer corpus that every type checker must accept (tests/idioms/producers.py,
writes_through_raw.py, examples/fake_backend.py) is clean in the gate too: recognised as producer code without
configuration. Its paired mistake, the same write in consumer code, is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from mellea_lint.engine import check_source

IDIOMS = Path(__file__).resolve().parents[1] / "idioms"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fake_backend.py"


@pytest.mark.parametrize("path", [IDIOMS / "producers.py", IDIOMS / "writes_through_raw.py", EXAMPLE],
                         ids=lambda p: p.name)
def test_producer_corpus_is_clean_in_the_lint(path: Path) -> None:
    assert check_source(path.read_text(), str(path)) == []


def test_the_same_write_in_consumer_code_is_reported() -> None:
    path = IDIOMS / "mistakes.py"
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "mot._gen.process = " in text)
    found = [f for f in check_source(path.read_text(), str(path)) if f.line == line]
    assert [(f.code, f.message) for f in found] == [
        ("MOT002", "private thunk member _gen read: _gen is internal to mellea.core")], found
