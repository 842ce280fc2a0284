"""The runtime payload check: paths and both sides of each mismatch, unknown keys apart, the
chat/completion choice, SDK objects, extra providers, and no traceback on bad input."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mellea_lint.payloads import shapes
from mellea_lint.payloads.check import (
    PayloadMismatchError,
    assert_payload_matches,
    check_payload,
    check_thunk,
)
from payload_samples import ollama_chat, openai_chat, openai_chunk, openai_completion, thunk


def lines(report: object) -> list[str]:
    return [str(m) for m in (*report.mismatches, *report.unknown_keys)]  # type: ignore[attr-defined]


def test_a_payload_the_sdk_made_matches() -> None:
    report = check_thunk(thunk("openai", openai_chat(), [openai_chunk(), openai_chunk("is")]))
    assert (report.status, report.variant, report.ok) == ("ok", "OpenAIRaw", True)
    assert str(report) == "openai payload (OpenAIRaw): matches the stub"


def test_a_wrong_type_is_reported_with_its_path_and_both_sides() -> None:
    payload = openai_chat()
    payload["choices"][0]["message"]["reasoning_content"] = ["step 1"]
    report = check_thunk(thunk("openai", payload))
    assert report.status == "mismatch"
    assert lines(report) == ["choices[0].message.reasoning_content: expected str | None, got list"]
    assert "choices[0].message.reasoning_content: expected str | None, got list" in str(report)


def test_unknown_keys_are_listed_apart_from_wrong_types() -> None:
    payload = openai_chat()
    payload["choices"][0]["message"]["reasoning_text"] = "hm"
    payload["usage"]["total_tokens"] = "9"
    report = check_payload("openai", payload)
    assert [str(m) for m in report.mismatches] == ["usage.total_tokens: expected int, got str"]
    assert [m.path for m in report.unknown_keys] == ["choices[0].message.reasoning_text"]
    assert report.unknown_keys[0].unknown and "unknown key" in str(report.unknown_keys[0])


def test_a_missing_key_and_a_wrong_literal() -> None:
    payload = openai_chat()
    del payload["choices"][0]["index"]
    payload["choices"][0]["finish_reason"] = "halted"
    assert sorted(lines(check_payload("openai", payload))) == [
        "choices[0].finish_reason: expected Literal['stop', 'length', 'tool_calls', 'content_filter', "
        "'function_call'], got str 'halted'",
        "choices[0].index: expected int, got missing",
    ]


def test_streamed_chunks_are_checked_element_by_element() -> None:
    report = check_payload("openai", openai_chat(), [openai_chunk(), openai_chunk(7)])
    assert lines(report) == ["streamed_chunks[1].delta.content: expected str | None, got int"]
    assert lines(check_payload("openai", openai_chat(), {"a": 1})) == ["streamed_chunks: expected list | None, got dict"]


def test_a_value_of_the_wrong_kind_is_reported_against_the_whole_union() -> None:
    assert lines(check_payload("openai", [1, 2], kind="chat")) == [
        "response: expected OpenAIChatCompletionDict | OpenAIStreamedChatDict, got list"]


def test_kind_picks_the_variant_and_auto_reports_the_closer() -> None:
    completion = openai_completion()
    assert check_payload("openai", completion, kind="completion").variant == "OpenAICompletionRaw"
    assert not check_payload("openai", completion, kind="chat").ok
    auto = check_payload("openai", completion)
    assert (auto.status, auto.variant) == ("ok", "OpenAICompletionRaw")
    completion["text"] = 3
    closest = check_payload("openai", completion)
    assert (closest.variant, lines(closest)) == ("OpenAICompletionRaw", ["text: expected str, got int"])
    assert check_payload("openai", openai_chat(), kind="completion").variant == "OpenAICompletionRaw"


def test_an_unfilled_thunk_is_not_a_mismatch() -> None:
    report = check_thunk(thunk(None))
    assert (report.status, report.ok) == ("unfilled", True)
    assert "unfilled (raw.provider is None)" in str(report)


@pytest.mark.parametrize(("value", "note"), [
    (42, "not a ModelOutputThunk (a int has no raw.provider)"),
    (thunk("opneai", {}), "unknown provider 'opneai'"),
    (thunk(3, {}), "raw.provider must be a str, got a int"),  # type: ignore[arg-type]
])
def test_bad_input_is_unchecked_not_a_traceback(value: object, note: str) -> None:
    report = check_thunk(value, extra_providers={})
    assert report.status == "unchecked" and report.ok
    assert note in report.notes[0], report.notes


def test_an_unknown_provider_says_how_to_register_one() -> None:
    report = check_payload("opneai", {}, extra_providers={})
    assert "extra-providers" in report.notes[0] and "openai" in report.notes[0]


def test_a_bad_kind_is_unchecked() -> None:
    report = check_payload("openai", openai_chat(), kind="stream")  # type: ignore[arg-type]
    assert report.status == "unchecked" and "kind must be one of auto, chat, completion" in report.notes[0]


def test_ollama_object_is_checked_by_class_fields_and_its_own_model() -> None:
    assert check_payload("ollama", ollama_chat()).status == "ok"
    dumped = check_payload("ollama", ollama_chat().model_dump(), kind="chat")
    assert lines(dumped) == ["response: expected OllamaChatResponse, got dict"]
    mutated = ollama_chat()
    mutated.message.content = ["Paris"]  # an in-place merge gone wrong: pydantic does not validate assignments
    assert lines(check_payload("ollama", mutated, kind="chat")) == [
        "message.content: expected str | None, got list"]
    mutated = ollama_chat()
    mutated.done = "yes"
    assert lines(check_payload("ollama", mutated, kind="chat")) == ["done: expected bool | None, got str"]


def test_huggingface_is_an_isinstance_check_or_says_why_not() -> None:
    unset = check_payload("huggingface", None)
    assert (unset.status, unset.notes) == ("ok", ())
    declared = shapes.load().variant("HuggingFaceRaw").response
    report = check_payload("huggingface", object())
    if declared.degraded:  # transformers' output class cannot be imported here (no torch)
        assert report.status == "ok" and "GenerateDecoderOnlyOutput not checked: " in report.notes[0], report
        assert str(report).startswith("huggingface payload (HuggingFaceRaw): matches the stub where it could be")
    else:
        assert lines(report) == ["response: expected GenerateDecoderOnlyOutput | None, got object"]


def test_assert_payload_matches_raises_with_the_report() -> None:
    payload = openai_chat()
    payload["created"] = "yesterday"
    with pytest.raises(PayloadMismatchError, match=r"created: expected int, got str") as raised:
        assert_payload_matches(thunk("openai", payload))
    assert isinstance(raised.value, AssertionError) and not raised.value.report.ok
    assert assert_payload_matches(thunk("openai", openai_chat())).ok


@pytest.fixture
def acme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A third-party provider's response types, importable as ``acme_types``."""
    (tmp_path / "acme_types.py").write_text(textwrap.dedent("""\
        import typing

        import typing_extensions
        from pydantic import BaseModel

        class AcmeReply(typing_extensions.TypedDict):
            text: str
            tokens: int

        class AcmeStdlibReply(typing.TypedDict):
            text: str

        class AcmeModel(BaseModel):
            text: str
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_an_extra_provider_is_checked_against_its_type(acme: Path) -> None:
    extras = {"acme": "acme_types.AcmeReply", "acme-model": "acme_types.AcmeModel", "gone": "acme_types.Gone"}
    assert check_payload("acme", {"text": "hi", "tokens": 2}, extra_providers=extras).status == "ok"
    assert lines(check_payload("acme", {"text": "hi", "tokens": "2"}, extra_providers=extras)) == [
        "tokens: expected a valid integer, got str"]
    import acme_types

    assert check_payload("acme-model", acme_types.AcmeModel(text="x"), extra_providers=extras).ok
    assert lines(check_payload("acme-model", {"text": "x"}, extra_providers=extras)) == [
        "response: expected acme_types.AcmeModel, got dict"]
    gone = check_payload("gone", {}, extra_providers=extras)
    assert gone.status == "unchecked" and "cannot import 'acme_types.Gone'" in gone.notes[0]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="pydantic validates typing.TypedDict from 3.12 on")
def test_an_extra_type_pydantic_cannot_validate_is_unchecked_with_its_reason(acme: Path) -> None:
    report = check_payload("acme", {"text": "x"}, extra_providers={"acme": "acme_types.AcmeStdlibReply"})
    assert report.status == "unchecked"
    assert "pydantic cannot validate 'acme_types.AcmeStdlibReply'" in report.notes[0]
    assert "typing_extensions.TypedDict" in report.notes[0]


def test_extra_providers_default_to_the_nearest_config(acme: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (acme / "pyproject.toml").write_text('[tool.mellea-lint]\nextra-providers = {acme = "acme_types.AcmeReply"}\n')
    monkeypatch.chdir(acme)
    assert lines(check_payload("acme", {"text": 1, "tokens": 2})) == ["text: expected a valid string, got int"]


def test_importing_the_package_imports_neither_pydantic_nor_the_check() -> None:
    code = ("import sys, mellea_lint.payloads, mellea_lint.payloads.pytest_plugin; "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'mellea_lint.payloads.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['mellea_lint.payloads.pytest_plugin']"
    from mellea_lint import payloads

    assert payloads.check_thunk is check_thunk


def test_without_the_stub_the_report_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise shapes.StubNotFound("... pip install mellea-stubs (or mellea-typing)")

    monkeypatch.setattr(shapes, "load", missing)
    report = check_payload("openai", openai_chat())
    assert report.status == "unchecked" and "pip install mellea-stubs" in report.notes[0]


def test_a_broken_extra_providers_setting_is_named_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mellea-lint]\nextra-providers = {acme = "notdotted"}\n')
    monkeypatch.chdir(tmp_path)
    report = check_payload("acme", {})
    assert report.status == "unchecked"
    assert "cannot read the extra-providers setting" in report.notes[0] and "needs a dotted type name" in report.notes[0]
