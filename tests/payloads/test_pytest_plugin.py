"""The ``mellea_payloads`` pytest plugin, run by pytester on a small test suite whose thunks are
computed the way mellea computes them (the ``generation_post_call`` hook fires). Each run is a
subprocess: grpc (under mellea[hooks]) cannot be imported twice in one process, which pytester's
in-process runs would do."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from mellea_lint.payloads import record
from payload_samples import openai_chat

SUITE = f'''
import asyncio
from typing import Any

from mellea.core.base import ModelOutputThunk, RawProviderResponse

{inspect.getsource(openai_chat)}

def make(content):
    payload = openai_chat()
    payload["choices"][0]["message"]["content"] = content
    mot = ModelOutputThunk("Paris")
    mot.raw = RawProviderResponse(provider="openai", response=payload)
    return mot


def compute(mot):
    """What ModelOutputThunk.astream does once the thunk is computed."""
    from mellea.plugins.hooks.generation import GenerationPostCallPayload
    from mellea.plugins.manager import invoke_hook
    from mellea.plugins.types import HookType

    asyncio.run(invoke_hook(HookType.GENERATION_POST_CALL, GenerationPostCallPayload(model_output=mot)))


def test_clean():
    compute(make("Paris is sunny"))


def test_drifted():
    compute(make(["Paris", "is sunny"]))
'''
MISMATCH = "choices[0].message.content: expected str | None, got list"


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytest.importorskip("cpex", reason="mellea[hooks] (cpex) is not installed")
    pytester.makepyfile(test_suite=SUITE)
    return pytester


def test_off_by_default_changes_nothing(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_untouched="""
        def test_no_mellea_plugin_is_registered():
            from mellea.plugins.manager import has_plugins
            assert not has_plugins()
        """)
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=3)
    result.stdout.no_fnmatch_line("*mellea payloads*")


def test_check_lists_each_mismatch_with_its_test_and_path(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--mellea-payloads=check")
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*= mellea payloads =*", "test_suite.py::test_drifted: openai payload (OpenAIRaw): 1 mismatch",
                                 f"  {MISMATCH}"])
    result.stdout.no_fnmatch_line("*test_clean:*")


def test_check_with_fail_fails_the_run(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--mellea-payloads=check", "--mellea-payloads-fail")
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"  {MISMATCH}"])


def test_a_clean_run_says_so_and_passes(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--mellea-payloads=check", "--mellea-payloads-fail", "-k", "clean")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["no payload mismatch seen"])


def test_record_writes_redacted_fixtures_that_replay(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--mellea-payloads=record", "--mellea-payloads-dir=recorded")
    result.stdout.fnmatch_lines(["recorded 2 payload(s) into recorded"])
    files = sorted((suite.path / "recorded").glob("*.json"))
    assert [f.name for f in files] == ["test_suite.py_test_clean-1.json", "test_suite.py_test_drifted-1.json"]
    assert all("Paris" not in f.read_text() for f in files)
    clean, drifted = (record.replay(f) for f in files)
    assert clean.status == "ok" and json.loads(files[0].read_text())["kind"] == "chat"
    assert [str(m) for m in drifted.mismatches] == [MISMATCH]


def test_under_xdist_the_controller_lists_what_workers_saw(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("-n", "2", "--mellea-payloads=check", "--mellea-payloads-fail")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["test_suite.py::test_drifted: openai payload (OpenAIRaw): 1 mismatch", f"  {MISMATCH}"])


def test_without_mellea_hooks_the_fixture_still_checks(suite: pytest.Pytester) -> None:
    suite.makeconftest("""
        import mellea.plugins.registry
        mellea.plugins.registry._HAS_PLUGIN_FRAMEWORK = False  # as without mellea[hooks]
        """)
    suite.makepyfile(test_fixture="""
        from test_suite import make

        def test_held(mellea_payloads):
            report = mellea_payloads.check(make(7), kind="chat")
            assert not report.ok
        """)
    result = suite.runpytest_subprocess("--mellea-payloads=check")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines([
        "mellea?hooks? unavailable (*); only thunks passed to the mellea_payloads fixture were seen",
        "test_fixture.py::test_held: openai payload (OpenAIRaw): 1 mismatch",
        "  choices[0].message.content: expected str | None, got int",
    ])
    result.stdout.no_fnmatch_line("*test_suite.py::test_drifted:*")


def test_the_fixture_works_with_the_plugin_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_off="""
        def test_held(mellea_payloads):
            assert mellea_payloads.check(object()).status == "unchecked"
        """)
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_a_bad_mode_is_refused_by_pytest(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--mellea-payloads=verify")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*argument --mellea-payloads: invalid choice: 'verify'*"])


def test_the_plugin_is_registered_by_its_entry_point(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["*--mellea-payloads=*", "*--mellea-payloads-fail*", "*--mellea-payloads-dir=DIR*"])
    assert Path(record.__file__).parent.name == "payloads"
