"""Exact messages on the producer, legacy, narrowing and provider fixtures (written by hand
from the surface table's advice, not copied from the tool): a write is never told to use a
read-only property, a producer is told which setting declares it, removed names say where
they went."""

from __future__ import annotations

import pytest
from lint_expectations import FIXTURES
from mellea_lint.engine import check_source

PRODUCER_SETTING = "if this is producer code, list its module in producer-modules of [tool.mellea-lint] or add '# noqa: MOT003'"
NO_SETTER = "there is no public setter"
VALUE_SETTER = "assign mot.value (its setter writes the text and leaves is_computed() as it was)"

EXPECTED: dict[str, dict[int, str]] = {
    "producer_backend.py": {
        26: "MOT003 private thunk member _meta['usage'] written: removed in mellea 0.7: set mot.generation.usage",
        27: "MOT001 private thunk member _generate_log read: use mot.generate_log",
        28: "MOT003 private thunk member _process written: removed in mellea 0.7: moved to mot._gen.process "
            "(internal to mellea.core), no public replacement",
    },
    "producer_test_double.py": {
        24: "MOT002 private thunk member _meta read: _meta is internal to mellea.core",
        28: f"MOT003 private thunk member _generate_log written: {NO_SETTER} (mot.generate_log is read-only); "
            f"{PRODUCER_SETTING}",
        29: f"MOT003 private thunk member _error written: {NO_SETTER} (mot.error is read-only); {PRODUCER_SETTING}",
        30: f"MOT003 private thunk member _underlying_value written: {VALUE_SETTER}",
        31: "MOT003 private thunk member _cancelled written: await mot.cancel_generation() "
            "(it stops the generation and sets mot.cancelled)",
    },
    "producer_callback.py": {
        14: f"MOT003 private thunk member _underlying_value written: {VALUE_SETTER} once the thunk is computed "
            f"(mot.value is None before: a producer filling it extends _underlying_value); {PRODUCER_SETTING}",
        18: "MOT002 private thunk member _gen read: _gen is internal to mellea.core",
    },
    "legacy_names.py": {
        6: "MOT001 private thunk member _thinking read: removed in mellea 0.7: use mot.thinking",
        13: "MOT002 private thunk member _generate read: removed in mellea 0.7: moved to mot._gen.generate "
            "(internal to mellea.core); await mot.cancel_generation() stops it, await mot.avalue() waits for it",
        26: "MOT001 private thunk member _meta['oai_chat_response'] read: use mot.raw.response where "
            "mot.raw.provider == 'openai' (or 'watsonx')",
        36: "MOT002 private thunk member _meta['_telemetry_span'] read: removed in mellea 0.7: "
            "spans live on the OpenTelemetry context",
    },
    "narrowing_and_annotations.py": {
        15: "MOT001 private thunk member _meta['chat_response'] read: use mot.raw.response where "
            "mot.raw.provider == 'ollama' (the receiver's annotation looks wrong: only a thunk has this member)",
    },
    "mot006_provider.py": {
        6: 'MOT006 "olama" is not a mellea provider; did you mean "ollama"?',
        10: 'MOT006 "watsonxx" is not a mellea provider; did you mean "watsonx"?',
        13: 'MOT006 "hugginface" is not a mellea provider; did you mean "huggingface"?',
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_messages(name: str) -> None:
    path = FIXTURES / name
    findings = check_source(path.read_text(encoding="utf-8"), str(path))
    by_line = {f.line: f"{f.code} {f.message}" for f in findings if f.line in EXPECTED[name]}
    assert by_line == EXPECTED[name]


def test_recognised_producer_code_gets_no_finding_outside_the_listed_lines() -> None:
    for name in ("producer_backend.py", "producer_test_double.py", "producer_callback.py"):
        path = FIXTURES / name
        lines = {f.line for f in check_source(path.read_text(encoding="utf-8"), str(path))}
        assert lines == set(EXPECTED[name]), name


def test_producer_recognition_off_reports_the_producer_writes() -> None:
    path = FIXTURES / "producer_backend.py"
    off = check_source(path.read_text(encoding="utf-8"), str(path), detect_producers=False)
    assert {f.line for f in off} > set(EXPECTED["producer_backend.py"])
