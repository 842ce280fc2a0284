"""The mellea hook, invoked through mellea's own plugin manager as mellea invokes it
(``ModelOutputThunk.astream`` and ``Backend.generate_from_raw``); tests/backends drives it
through real backend calls."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from mellea_lint.payloads.check import Report
from mellea_lint.payloads.hook import VIOLATION_CODE, PayloadCheck, PayloadMismatchWarning
from payload_samples import openai_chat, openai_completion, thunk

pytest.importorskip("cpex", reason="mellea[hooks] (cpex) is not installed")

from mellea.plugins import PluginViolationError  # noqa: E402
from mellea.plugins.hooks.generation import (  # noqa: E402
    GenerationBatchPostCallPayload,
    GenerationPostCallPayload,
)
from mellea.plugins.manager import invoke_hook  # noqa: E402
from mellea.plugins.types import HookType  # noqa: E402


def computed(mot: Any) -> None:
    """What ``astream`` does once a chat thunk is computed."""
    asyncio.run(invoke_hook(HookType.GENERATION_POST_CALL, GenerationPostCallPayload(model_output=mot)))


def batch(mots: list[Any]) -> None:
    """What ``generate_from_raw`` does with the thunks of its batch."""
    asyncio.run(invoke_hook(HookType.GENERATION_BATCH_POST_CALL,
                            GenerationBatchPostCallPayload(model_outputs=mots, provider="openai")))


def drifted() -> Any:
    payload = openai_chat()
    payload["choices"][0]["message"]["content"] = {"text": "Paris"}
    return thunk("openai", payload)


def test_every_computed_thunk_is_checked_and_kept() -> None:
    check = PayloadCheck(on_mismatch="raise")
    with check:
        computed(thunk("openai", openai_chat()))
        computed(thunk(None))
        batch([thunk("openai", openai_completion()), thunk("openai", openai_completion())])
    assert [(r.variant, r.status) for r in check.reports] == [
        ("OpenAIRaw", "ok"), (None, "unfilled"), ("OpenAICompletionRaw", "ok"), ("OpenAICompletionRaw", "ok")]


def test_a_completion_payload_from_a_chat_call_is_a_mismatch() -> None:
    """The hook knows the kind: generation_post_call means a chat thunk."""
    check = PayloadCheck(on_mismatch="log")
    with check:
        computed(thunk("openai", openai_completion()))
    assert [r.variant for r in check.reports] == ["OpenAIRaw"] and not check.reports[0].ok


def test_raise_makes_mellea_raise_with_the_report() -> None:
    with PayloadCheck(on_mismatch="raise"), pytest.raises(PluginViolationError) as raised:
        computed(drifted())
    assert raised.value.code == VIOLATION_CODE
    assert "choices[0].message.content: expected str | None, got dict" in str(raised.value)


def test_warn_emits_a_warning(recwarn: pytest.WarningsRecorder) -> None:
    with PayloadCheck(on_mismatch="warn"):
        computed(drifted())
    (warning,) = [w for w in recwarn if issubclass(w.category, PayloadMismatchWarning)]
    assert "choices[0].message.content: expected str | None, got dict" in str(warning.message)


def test_log_writes_a_warning_record(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mellea_lint.payloads"), PayloadCheck(on_mismatch="log"):
        computed(drifted())
        computed(thunk("openai", openai_chat()))
    assert [r.name for r in caplog.records if "expected str | None, got dict" in r.getMessage()] == [
        "mellea_lint.payloads"]


def test_a_callable_receives_each_mismatch_only() -> None:
    failed: list[Report] = []
    with PayloadCheck(on_mismatch=failed.append):
        computed(thunk("openai", openai_chat()))
        computed(drifted())
    assert [r.status for r in failed] == ["mismatch"]


def test_nothing_is_checked_once_the_block_ends() -> None:
    check = PayloadCheck(on_mismatch="raise")
    with check:
        pass
    computed(drifted())
    assert check.reports == []


def test_a_wrong_on_mismatch_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match='on_mismatch must be "log", "warn", "raise" or a callable'):
        PayloadCheck(on_mismatch="print")  # type: ignore[arg-type]


def test_a_session_scoped_check_ends_with_its_session() -> None:
    """What ``start_session(plugins=[...])`` and its cleanup do with a plugin."""
    from mellea.plugins import register
    from mellea.plugins.manager import deregister_session_plugins

    check = PayloadCheck(on_mismatch="log")
    register(check, session_id="payload-check-session")
    computed(thunk("openai", openai_chat()))
    deregister_session_plugins("payload-check-session")
    computed(thunk("openai", openai_chat()))
    assert [r.status for r in check.reports] == ["ok"]
