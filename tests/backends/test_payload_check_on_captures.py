"""The runtime payload check (``mellea_lint.payloads``) agrees with the type checkers on what
mellea's backends store: every capture passes it, every negative twin and simulated drift fails
it at the path that was changed, and its mellea hook sees the same thunks when mellea computes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from capture import Capture, capture
from mellea_lint.payloads.check import Kind, Report, check_payload, render_path
from mellea_lint.payloads.hook import PayloadCheck
from mellea_lint.surface import PROVIDERS
from payload_cases import twin_captures
from pydantic import BaseModel
from recording import Recording
from test_payloads_match_stubs import DRIFTS, RECORDINGS, STREAM_RECORDINGS, captured, drifted

VARIANTS = {p.literal: (p.variant, p.completion_variant) for p in PROVIDERS}
Steps = tuple[str | int, ...]


def kind_of(recording: Recording) -> Kind:
    return "completion" if recording.path == "raw" else "chat"


def thunks(captures: Sequence[Capture]) -> list[tuple[Recording, Any, list[Any] | None]]:
    """(recording, raw.response, raw.streamed_chunks) per thunk the backend returned."""
    chunks: dict[Recording, list[Any]] = {}
    for c in captures:
        if c.field == "streamed_chunks":
            chunks.setdefault(c.recording, []).append(c.value)
    return [(c.recording, c.value, chunks.get(c.recording)) for c in captures if c.field == "response"]


def check_capture(c: Capture) -> Report:
    """One captured field checked alone (a chunk beside its thunk's clean response)."""
    kind = kind_of(c.recording)
    if c.field == "response":
        return check_payload(c.recording.provider, c.value, None, kind=kind)
    response = next(x.value for x in captured() if x.recording == c.recording and x.field == "response")
    return check_payload(c.recording.provider, response, [c.value], kind=kind)


def changed(before: Any, after: Any, steps: Steps = ()) -> set[Steps]:
    """Where ``after`` differs from ``before``: added or removed keys, else the deepest changed values."""
    if isinstance(before, Mapping) and isinstance(after, Mapping) and not isinstance(before, BaseModel):
        out = {(*steps, k) for k in before.keys() ^ after.keys()}
        for k in before.keys() & after.keys():
            out |= changed(before[k], after[k], (*steps, k))
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return {s for i, (x, y) in enumerate(zip(before, after, strict=True)) for s in changed(x, y, (*steps, i))}
    return set() if type(before) is type(after) and before == after else {steps}


def assert_reported_at(report: Report, root: str, paths: set[Steps], what: str) -> None:
    """The report fails, and each of its paths is a changed path or lies below one."""
    assert not report.ok, f"{what}: the check accepted it\n{report}"
    expected = [render_path(root, s) for s in paths]
    reported = [m.path for m in (*report.mismatches, *report.unknown_keys)]
    assert reported, f"{what}: a mismatch without a path\n{report}"
    if () in paths:  # the value itself was replaced
        return
    stray = [p for p in reported if not any(p == e or p.startswith((f"{e}.", f"{e}[")) for e in expected)]
    assert not stray, f"{what}: reported {stray}, changed {expected}\n{report}"


@pytest.mark.parametrize("thunk", thunks(captured()), ids=lambda t: f"{t[0].provider} {t[0].path} [{t[0].label}]")
def test_every_capture_passes_the_runtime_check(thunk: tuple[Recording, Any, list[Any] | None]) -> None:
    recording, response, chunks = thunk
    report = check_payload(recording.provider, response, chunks, kind=kind_of(recording))
    assert report.status == "ok", str(report)
    chat, completion = VARIANTS[recording.provider]
    assert report.variant == (completion if recording.path == "raw" else chat)


def test_auto_picks_the_variant_of_the_path() -> None:
    """Without ``kind``, a ``generate_from_raw`` payload is told from a chat payload by its shape."""
    for recording, response, chunks in thunks(captured()):
        report = check_payload(recording.provider, response, chunks)
        chat, completion = VARIANTS[recording.provider]
        assert report.ok and report.variant == (completion if recording.path == "raw" else chat), str(report)


def test_every_negative_twin_fails_at_its_path() -> None:
    twins = twin_captures(captured())
    assert twins
    originals = {(c.recording, c.field, c.index): c.value for c in captured()}
    for what, twin in twins:
        before = originals[(twin.recording, twin.field, twin.index)]
        root = "response" if twin.field == "response" else "streamed_chunks[0]"
        assert_reported_at(check_capture(twin), root, changed(before, twin.value), f"{twin.name}: {what}")


@pytest.mark.parametrize("drift", sorted(DRIFTS))
def test_every_drift_fails_at_its_path(drift: str) -> None:
    clean = {c.recording: c.value for c in captured() if c.field == "response"}
    cases = drifted(drift)
    assert cases
    for c in cases:
        report = check_payload(c.recording.provider, c.value, None, kind="chat")
        assert_reported_at(report, "response", changed(clean[c.recording], c.value), f"{drift}: {c.name}")


def test_merge_drift_names_the_dropped_key() -> None:
    for c in drifted("merge without reasoning"):
        report = check_payload(c.recording.provider, c.value, None, kind="chat")
        assert [str(m) for m in report.mismatches] == [
            "choices[0].message.reasoning_content: expected str, got missing"], str(report)


def test_the_hook_sees_every_thunk_mellea_computes_with_its_kind() -> None:
    """Through mellea's own plugin manager: chat thunks via generation_post_call, generate_from_raw
    thunks via generation_batch_post_call, each checked against its path's variant."""
    seen = PayloadCheck(on_mismatch="raise")
    with seen:
        capture(RECORDINGS)
    expected = sorted((r.provider, VARIANTS[r.provider][r.path == "raw"]) for r, _, _ in thunks(captured()))
    assert sorted((r.provider or "", r.variant or "") for r in seen.reports) == expected
    assert all(r.status == "ok" for r in seen.reports), [str(r) for r in seen.reports if not r.ok]


def test_the_hook_reports_a_drift_mellea_computes() -> None:
    failed: list[Report] = []
    with PayloadCheck(on_mismatch=failed.append):
        capture(STREAM_RECORDINGS, DRIFTS["merge without reasoning"])
    enveloped = {c.recording.provider for c in drifted("merge without reasoning")}
    assert sorted(r.provider or "" for r in failed) == sorted(
        c.recording.provider for c in drifted("merge without reasoning")), [str(r) for r in failed]
    assert enveloped == {"openai", "litellm", "watsonx"}
    for report in failed:
        assert "choices[0].message.reasoning_content: expected str, got missing" in str(report)
