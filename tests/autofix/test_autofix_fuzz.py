"""Property: any program through the fixer still parses, changes exactly as its findings promise,
and a second fix changes nothing. Programs are hypothesmith's, with thunk reads mixed in."""

from __future__ import annotations

import ast
import os

import hypothesmith
import pytest
from autofix_support import assert_fixed_as_promised
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mellea_lint.config import DEFAULTS
from mellea_lint.filecheck import check_bytes
from mellea_lint.fix import fix_file

EXAMPLES = int(os.environ.get("MELLEA_FUZZ_EXAMPLES") or 150)
HEADER = "from mellea.core.base import ModelOutputThunk\nmot: ModelOutputThunk = ModelOutputThunk(None)\n"

_READS = st.sampled_from([
    "._generate_log", "._underlying_value", "._cancelled", "._error", "._thinking", "._computed",
    '._meta["usage"]', "._meta['chat_response']", '._meta["oai_chat_response_streamed"]',
    '._meta["hf_output"]', "._gen", "._meta.get('usage')",
])
_RECEIVERS = st.sampled_from(["mot", "ModelOutputThunk(None)", "(mot)", "other"])
_LAYOUTS = st.sampled_from([
    "x = {}\n", "print({}, 1)\n", "y = [{0} for _ in range(2)]\n", "z = ({0}  # c\n)\n",
    "if {0}:\n    pass\n", "w = not {0} or {0}\n", "v = {0}[0]\n", "{0} = 1\n", "del {0}\n",
    "u = f'{{{0}!r}}'\n", "t = (\n    {0}\n)\n",
])
_NOISE = hypothesmith.from_grammar()  # built once: building it costs seconds


@st.composite
def _programs(draw: st.DrawFn) -> str:
    reads = draw(st.lists(st.tuples(_LAYOUTS, _RECEIVERS, _READS), min_size=1, max_size=6))
    noise = draw(_NOISE)
    body = [layout.format(receiver + read) for layout, receiver, read in reads]
    position = draw(st.integers(0, len(body)))
    body.insert(position, noise if noise.endswith("\n") else noise + "\n")
    return HEADER + "".join(body)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code such as `1()`
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(source=_programs())
def test_fixed_programs_parse_change_as_promised_and_fix_once(source: str) -> None:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        assume(False)
    data = source.encode("utf-8")
    findings = check_bytes("fuzzed.py", data, DEFAULTS)
    first = fix_file("fuzzed.py", data, findings, DEFAULTS)
    assert first.warning is None
    ast.parse(first.after)
    if first.fixed:
        assert_fixed_as_promised(source, first.after, [f for f in findings if f.fix])
    again = fix_file("fuzzed.py", first.after.encode("utf-8"), first.remaining, DEFAULTS)
    assert (again.after, again.fixed) == (first.after, 0)
