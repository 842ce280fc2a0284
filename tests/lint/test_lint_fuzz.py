"""Generated programs (hypothesmith) never crash the engine: only the documented parse errors may escape."""

from __future__ import annotations

import os

import hypothesmith
from hypothesis import HealthCheck, given, settings

from mellea_lint.engine import check_source

EXAMPLES = int(os.environ.get("MELLEA_FUZZ_EXAMPLES") or (2000 if os.environ.get("CI") == "true" else 200))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(source=hypothesmith.from_grammar() | hypothesmith.from_node())
def test_engine_never_crashes_on_valid_code(source: str) -> None:
    prefixed = "from mellea.core.base import ModelOutputThunk\nmot: ModelOutputThunk\n" + source
    for text in (source, prefixed):
        try:
            findings = check_source(text, "fuzzed.py")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # documented: what ast.parse raises on input it refuses
        assert findings == sorted(findings, key=lambda f: (f.line, f.col, f.code))
        for finding in findings:
            assert finding.line >= 1 and finding.col >= 0 and finding.end_line >= finding.line
