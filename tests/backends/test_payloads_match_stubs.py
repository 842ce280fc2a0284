"""What mellea's own backends store in ``mot.raw`` satisfies the stub's declared types.

Each backend runs offline with its SDK client faked (``*_fakes.py``); its own processing and
post-processing fill ``mot.raw``. Every captured ``raw.response`` and ``raw.streamed_chunks``
element is assigned, as a literal, to the stub variant of its path and type-checked by mypy
and pyright in one run each. The same run holds negative twins derived from the stub and
two simulated mellea drifts, which both checkers must report.
"""

from __future__ import annotations

import functools
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from capture import PROVIDER_FAKES, Capture, NetworkBlocked, capture, offline
from mellea_lint.surface import PROVIDER_LITERALS
from payload_cases import Case, case_at, cases_for, negative_twins, write_module
from recording import Recording

from tools.typecheckers import check

REPO = Path(__file__).resolve().parents[2]
CHECKERS = ("mypy", "pyright")

NOT_OFFLINE = {
    "huggingface": "HuggingFaceRaw payloads are transformers GenerateDecoderOnlyOutput objects holding "
                   "torch tensors; producing one needs torch and a local model, neither installed here",
}
"""Providers whose backends cannot be driven without a model, and why."""

RECORDINGS: list[Recording] = [r for fakes in PROVIDER_FAKES.values() for r in fakes.RECORDINGS]
STREAM_RECORDINGS = [r for r in RECORDINGS if r.path == "stream"]


def _bare_choice_release(mp: pytest.MonkeyPatch) -> None:
    """mellea 0.7.0's streamed shape: the merged choice itself, not ``{"choices": [...], "usage": ...}``."""
    from mellea.backends.litellm import LiteLLMBackend
    from mellea.backends.openai import OpenAIBackend
    from mellea.backends.watsonx import WatsonxAIBackend

    for cls in (OpenAIBackend, LiteLLMBackend, WatsonxAIBackend):
        mp.setattr(cls, "post_processing", _storing_bare_choice(cls.post_processing))


def _storing_bare_choice(post_processing: Any) -> Any:
    @functools.wraps(post_processing)
    async def wrapper(self: Any, mot: Any, *args: Any, **kwargs: Any) -> None:
        await post_processing(self, mot, *args, **kwargs)
        if mot.raw.streamed_chunks is not None:
            mot.raw.response = mot.raw.response["choices"][0]

    return wrapper


def _merge_without_reasoning(mp: pytest.MonkeyPatch) -> None:
    """A merge helper that stops building ``message.reasoning_content``."""
    import mellea.backends.litellm
    import mellea.backends.openai
    import mellea.backends.watsonx  # noqa: F401  (the backends that import the helper)

    for name, module in list(sys.modules.items()):
        merge = getattr(module, "chat_completion_delta_merge", None)
        if name.startswith("mellea.") and merge is not None:
            mp.setattr(module, "chat_completion_delta_merge", _dropping_reasoning(merge))


def _dropping_reasoning(merge: Any) -> Any:
    @functools.wraps(merge)
    def wrapper(*args: Any, **kwargs: Any) -> dict[str, Any]:
        merged: dict[str, Any] = merge(*args, **kwargs)
        merged["message"].pop("reasoning_content")
        return merged

    return wrapper


DRIFTS = {"0.7.0 bare streamed choice": _bare_choice_release, "merge without reasoning": _merge_without_reasoning}


@functools.cache
def captured() -> tuple[Capture, ...]:
    return tuple(capture(RECORDINGS))


@functools.cache
def drifted(drift: str) -> tuple[Capture, ...]:
    """The streamed envelopes (responses of streams that kept chunks) under a simulated drift."""
    enveloped = {c.recording for c in captured() if c.field == "streamed_chunks"}
    return tuple(c for c in capture(STREAM_RECORDINGS, DRIFTS[drift])
                 if c.field == "response" and c.recording in enveloped)


@functools.cache
def all_cases() -> tuple[Case, ...]:
    """Captures (clean), their stub-derived negative twins and the drifted envelopes (errors)."""
    cases = cases_for(captured()) + negative_twins(captured())
    for drift in DRIFTS:
        cases += cases_for(drifted(drift), "error", f"drift {drift}: ")
    return tuple(cases)


def test_every_provider_is_driven_or_documented() -> None:
    assert set(PROVIDER_FAKES) | set(NOT_OFFLINE) == set(PROVIDER_LITERALS)
    assert not set(PROVIDER_FAKES) & set(NOT_OFFLINE)


@pytest.mark.parametrize("provider", sorted(PROVIDER_FAKES))
def test_every_path_of_the_backend_is_captured(provider: str) -> None:
    """chat, stream and raw everywhere; intrinsic wherever the backend class implements it."""
    backend = PROVIDER_FAKES[provider].backend_class()
    expected = {"chat", "stream", "raw"} | ({"intrinsic"} if hasattr(backend, "_generate_from_intrinsic") else set())
    paths = {c.recording.path for c in captured() if c.recording.provider == provider}
    assert paths == expected, f"{provider}: captured {sorted(paths)}, {backend.__name__} has {sorted(expected)}"


def test_every_capture_has_a_negative_twin() -> None:
    """So that no capture's clean type check can pass vacuously (e.g. against ``Any``)."""
    assert [c.name for c in captured() if not negative_twins([c])] == []


def test_streamed_usage_is_the_providers_own() -> None:
    """The facts the stub's streamed envelopes rest on: litellm's stream usage is litellm's own,
    with the ``cost`` it computed; watsonx's stream sends usage that mellea 0.8.0 drops."""
    usage: dict[str, list[Any]] = {}
    for c in captured():
        if c.recording.path == "stream" and c.field == "response" and isinstance(c.value, dict):
            usage.setdefault(c.recording.provider, []).append(c.value["usage"])
    assert usage["litellm"] and all(isinstance(u["cost"], float) for u in usage["litellm"]), usage["litellm"]
    assert usage["watsonx"] and all(u is None for u in usage["watsonx"]), usage["watsonx"]
    assert any(u is not None and "cost" not in u for u in usage["openai"]), usage["openai"]


def test_capture_runs_offline() -> None:
    with pytest.MonkeyPatch.context() as mp, offline(mp), pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_a_drift_changes_the_captured_value() -> None:
    """The drift simulations really change what lands in raw.response (else the negative proves nothing)."""
    clean = {c.recording: c.value for c in captured() if c.field == "response"}
    enveloped = {c.recording for c in captured() if c.field == "streamed_chunks"}
    assert {r.provider for r in enveloped} == {"openai", "litellm", "watsonx"}
    for drift in DRIFTS:
        assert {c.recording for c in drifted(drift)} == enveloped
        for c in drifted(drift):
            assert c.value != clean[c.recording], f"{drift}: {c.name}"


@pytest.mark.parametrize("checker", CHECKERS)
def test_captured_payloads_satisfy_the_stub(checker: str, tmp_path: Path) -> None:
    cases = list(all_cases())
    starts = write_module(cases, tmp_path / "captured_payloads.py")
    found = check(checker, [tmp_path / "captured_payloads.py"], REPO / ".venv" / "bin" / "python", tmp_path / "work")
    errors: dict[str, list[str]] = {}
    for d in found:
        case = case_at(starts, d.line)
        errors.setdefault(case.name if case else "<module header>", []).append(f"[{d.code}] {d.message}")

    wrongly_rejected = {c.name: errors[c.name] for c in cases if c.expect == "clean" and c.name in errors}
    missed = [c.name for c in cases if c.expect == "error" and c.name not in errors]
    assert "<module header>" not in errors, errors["<module header>"]
    assert not wrongly_rejected, "the stub rejects what the backend stores:\n" + "\n".join(
        f"{name}: {msgs}" for name, msgs in wrongly_rejected.items())
    assert not missed, f"{checker} accepted values the stub must reject:\n" + "\n".join(missed)
