"""The AST comparison the wheel test relies on catches a wrong rewrite and a change elsewhere."""

from __future__ import annotations

import pytest
from autofix_support import assert_fixed_as_promised
from mellea_lint.engine import check_source

SOURCE = (
    "from mellea.core.base import ModelOutputThunk\n"
    "def f(mot: ModelOutputThunk):\n"
    "    return g(mot._meta['usage'], mot._generate_log, 1)\n"
)


def test_the_promised_rewrite_passes() -> None:
    fixes = [f for f in check_source(SOURCE, "example.py") if f.fix]
    assert len(fixes) == 2
    after = SOURCE.replace("._meta['usage']", ".generation.usage").replace("._generate_log", ".generate_log")
    assert_fixed_as_promised(SOURCE, after, fixes)


@pytest.mark.parametrize(
    "after",
    [
        SOURCE.replace("._meta['usage']", ".generation.usage").replace("._generate_log", ".value"),
        SOURCE.replace("._meta['usage']", ".generation.usage").replace("._generate_log", ".generate_log")
        .replace(", 1)", ", 2)"),
        SOURCE.replace("._meta['usage']", ".generation.usage"),
        SOURCE.replace("mot._meta['usage']", "m.generation.usage").replace("._generate_log", ".generate_log"),
    ],
    ids=["wrong replacement", "change elsewhere", "fix not applied", "receiver changed"],
)
def test_a_wrong_rewrite_fails(after: str) -> None:
    fixes = [f for f in check_source(SOURCE, "example.py") if f.fix]
    with pytest.raises(AssertionError):
        assert_fixed_as_promised(SOURCE, after, fixes)
