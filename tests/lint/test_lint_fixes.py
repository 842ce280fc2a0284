"""``Finding.fix``: set only for certain reads with a public replacement, spanning exactly the replaced text."""

from __future__ import annotations

import ast

import pytest
from mellea_lint.engine import check_source
from mellea_lint.findings import Finding

HEADER = "from mellea.core.base import ModelOutputThunk\n"


def apply_fixes(source: str, findings: list[Finding]) -> str:
    lines = source.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    text = source
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.line, f.col), reverse=True):
        begin, end = starts[f.line - 1] + f.col, starts[f.end_line - 1] + f.end_col
        text = text[:begin] + f.fix + text[end:]
    return text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("mot._generate_log", "mot.generate_log"),
        ("mot._underlying_value", "mot.value"),
        ("mot._cancelled or mot._error", "mot.cancelled or mot.error"),
        ("mot._thinking", "mot.thinking"),
        ("mot._computed", "mot.is_computed()"),
        ('mot._meta["usage"]', "mot.generation.usage"),
        ("mot._meta['chat_response'].message", "mot.raw.response.message"),
        ('mot._meta["litellm_chat_response_streamed"]', "mot.raw.streamed_chunks"),
        ("(mot\n    ._generate_log)", "(mot\n    .generate_log)"),
        ("mot . _generate_log", "mot .generate_log"),
        ("[m._generate_log for m in [mot]]", "[m.generate_log for m in [mot]]"),
        ('f(é, mot._underlying_value, "ü")', 'f(é, mot.value, "ü")'),
    ],
)
def test_fix_rewrites_certain_reads(before: str, after: str) -> None:
    source = f"{HEADER}mot = ModelOutputThunk(None)\nresult = {before}\n"
    fixed = apply_fixes(source, check_source(source, "example.py"))
    assert fixed == f"{HEADER}mot = ModelOutputThunk(None)\nresult = {after}\n"
    ast.parse(fixed)


@pytest.mark.parametrize(
    "statement",
    [
        "mot._generate_log = None",  # write
        "mot._underlying_value += 'x'",  # augmented assignment
        "del mot._cancelled",  # delete
        'mot._meta["usage"] = {}',  # item write
        'mot._meta["usage"]["total"] = 1',  # write through the read
        "mot._generate_log.extra = {}",  # write through the read
        'mot._meta["oai_chat_response_streamed"].append(1)',  # in-place method through the read
        'mot._meta["usage"].update(total=1)',
        '(mot._meta)["usage"]',  # the span would cut through the parenthesis
        'mot._meta[  # key\n        "usage"]',  # the span would swallow the comment
        'mot._meta.get("usage")',  # .get has other semantics than the property
        '"usage" in mot._meta',
        "getattr(mot, '_generate_log')",  # string forms are never fixed
        "unknown._generate_log",  # receiver known only from this very use
        "maybe._generate_log",  # a union: maybe a thunk
        "mot._meta['_telemetry_span']",  # no replacement
    ],
)
def test_no_fix_for_writes_and_uncertain_receivers(statement: str) -> None:
    source = (
        f"{HEADER}from mellea.core.base import CBlock\n\n"
        "def f(mot: ModelOutputThunk, unknown, maybe: CBlock | ModelOutputThunk):\n"
        f"    {statement}\n"
    )
    findings = check_source(source, "example.py")
    assert findings, "the statement must still be reported"
    assert [f.fix for f in findings] == [None] * len(findings)


def test_certain_by_another_unique_member() -> None:
    source = f"{HEADER}def f(out):\n    out._gen\n    return out._generate_log\n"
    (fix,) = [f.fix for f in check_source(source, "example.py") if f.fix]
    assert fix == ".generate_log"
