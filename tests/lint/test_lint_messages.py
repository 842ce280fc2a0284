"""Exact messages on the producer, legacy, narrowing and provider fixtures (written by hand
from the surface table's advice, not copied from the tool): a write is never told to use a
read-only property, a producer is told which setting declares it, removed names say where
they went."""

from __future__ import annotations

import pytest
from lint_expectations import FIXTURES
from mellea_lint.config import LintConfig
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
    off = check_source(path.read_text(encoding="utf-8"), str(path), LintConfig(detect_producers=False))
    assert {f.line for f in off} > set(EXPECTED["producer_backend.py"])


KEEP = "keep it, with the finding suppressed, until you upgrade"
NOT_IN_06 = "not in mellea 0.6 (added in 0.7)"

EXPECTED_BY_RELEASE: dict[str, dict[str, dict[tuple[int, int], str]]] = {
    # mellea 0.6.0 (its core/base.py): no raw, thinking, error, generate_log, _call, _gen or _error;
    # the flat fields (_thinking, _action, _process, ...) and the _meta payload keys are what
    # its backends set; generation.usage, value, cancelled and cancel_generation() exist.
    "0.6": {
        "mot001_public_replacement.py": {
            (7, 13): "MOT001 private thunk member _underlying_value read: use mot.value",
            (8, 13): "MOT002 private thunk member _generate_log read: mellea 0.6 has no public read "
                     f"(from 0.7 on: use mot.generate_log); {KEEP}",
            (9, 13): "MOT001 private thunk member _cancelled read: use mot.cancelled",
            (9, 29): f"MOT002 private thunk member _error read: {NOT_IN_06}",
            (11, 13): "MOT002 private thunk member _thinking read: mellea 0.6 has no public read "
                      f"(from 0.7 on: use mot.thinking); {KEEP}",
            (15, 15): "MOT001 private thunk member _meta['usage'] read: use mot.generation.usage",
            (16, 16): "MOT002 private thunk member _meta['chat_response'] read: mellea 0.6 has no public read "
                      f"(from 0.7 on: use mot.raw.response where mot.raw.provider == 'ollama'); {KEEP}",
            (20, 13): "MOT002 private thunk member _meta['logprobs'] read: _meta is internal to mellea.core",
        },
        "legacy_names.py": {
            (7, 13): "MOT002 private thunk member _action read: internal to mellea.core (mellea 0.7 moves it "
                     "to mot._call.action); keep the action you passed to the call",
            (11, 13): "MOT002 private thunk member _async_queue read: internal to mellea.core (mellea 0.7 moves "
                      "it to mot._gen.queue); consume the stream with await mot.astream()",
            (36, 13): "MOT002 private thunk member _meta['_telemetry_span'] read: _meta is internal to mellea.core "
                      "(removed in mellea 0.7: spans live on the OpenTelemetry context)",
        },
        "producer_test_double.py": {
            (28, 7): f"MOT003 private thunk member _generate_log written: {NO_SETTER}; {PRODUCER_SETTING}",
            (29, 7): f"MOT003 private thunk member _error written: {NOT_IN_06}",
            (30, 7): f"MOT003 private thunk member _underlying_value written: {VALUE_SETTER}",
        },
        # A 0.8-style backend: _gen, _call and _error are not in 0.6; the 0.6 producer's own
        # _meta["usage"] write, _generate_log read and _process write are correct there.
        "producer_backend.py": {
            (12, 11): f"MOT002 private thunk member _gen read: {NOT_IN_06}",
            (13, 11): f"MOT002 private thunk member _gen read: {NOT_IN_06}",
            (14, 11): f"MOT002 private thunk member _call read: {NOT_IN_06}",
            (25, 11): f"MOT003 private thunk member _error written: {NOT_IN_06}",
        },
    },
    # mellea 0.7.0: raw, thinking, error, generate_log, _call and _gen exist; aclose and the
    # private _aiter_started, _elapsed_ms, _emit_event, _set_parsed_repr, _INVARIANT_GUARDS do not.
    "0.7": {
        "mot001_public_replacement.py": {
            (8, 13): "MOT001 private thunk member _generate_log read: use mot.generate_log",
            (9, 29): "MOT001 private thunk member _error read: use mot.error",
            (11, 13): "MOT001 private thunk member _thinking read: removed in mellea 0.7: use mot.thinking",
            (16, 16): "MOT001 private thunk member _meta['chat_response'] read: use mot.raw.response where "
                      "mot.raw.provider == 'ollama'",
        },
        "mot002_private_member.py": {
            (15, 26): "MOT002 private thunk member _INVARIANT_GUARDS read: not in mellea 0.7 (added in 0.8)",
        },
        "producer_backend.py": {
            (26, 11): "MOT003 private thunk member _meta['usage'] written: removed in mellea 0.7: "
                      "set mot.generation.usage",
            (27, 17): "MOT001 private thunk member _generate_log read: use mot.generate_log",
        },
    },
}


@pytest.mark.parametrize(
    "release, name", [(r, n) for r, files in EXPECTED_BY_RELEASE.items() for n in sorted(files)]
)
def test_exact_messages_follow_the_release(release: str, name: str) -> None:
    """Hints name only public members of the release in use; without a public spelling there,
    the read is MOT002 (suppressing it lets the upgrade report MOT001 with its fix)."""
    path = FIXTURES / name
    expected = EXPECTED_BY_RELEASE[release][name]
    findings = check_source(path.read_text(encoding="utf-8"), str(path), LintConfig(release=release))
    got = {(f.line, f.col): f"{f.code} {f.message}" for f in findings if (f.line, f.col) in expected}
    assert got == expected


def test_producer_code_of_0_6_is_clean_under_0_6_only() -> None:
    """0.6's backends set _process and _meta["usage"] and read _generate_log (no public read there)."""
    path = FIXTURES / "producer_backend.py"
    lines = {r: {f.line for f in check_source(path.read_text(encoding="utf-8"), str(path), LintConfig(release=r))}
             for r in ("0.6", "0.8")}
    assert not lines["0.6"] & {26, 27, 28}
    assert lines["0.8"] >= {26, 27, 28}
