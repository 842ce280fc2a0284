"""Generated programs (hypothesmith) never crash the engine: only the documented parse errors may escape.

Generating a program costs ~60 ms, far more than linting it, so the examples are split
into shards that pytest-xdist runs in parallel: 2,000 in CI (``CI=true``), 200 locally,
or ``MELLEA_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import os

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from mellea_lint.engine import check_source

EXAMPLES = int(os.environ.get("MELLEA_FUZZ_EXAMPLES") or (2000 if os.environ.get("CI") == "true" else 200))
SHARDS = 4
PREFIX = "from mellea.core.base import ModelOutputThunk\nmot: ModelOutputThunk\n"
"""Makes every program look like mellea code, so the pre-check never skips the analysis."""


def lint_without_crash(source: str) -> None:
    for text in (source, PREFIX + source):
        try:
            findings = check_source(text, "fuzzed.py")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # documented: what ast.parse raises on input it refuses
        assert findings == sorted(findings, key=lambda f: (f.line, f.col, f.code))
        for finding in findings:
            assert finding.line >= 1 and finding.col >= 0 and finding.end_line >= finding.line


@pytest.mark.parametrize("shard", range(SHARDS))
def test_engine_never_crashes_on_valid_code(shard: int) -> None:
    strategy = hypothesmith.from_grammar(auto_target=False)  # from_node() is 3x slower per example

    @settings(max_examples=-(-EXAMPLES // SHARDS), deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    @given(source=strategy)
    def run(source: str) -> None:
        lint_without_crash(source)

    run()
