"""Recorded fixtures: text redacted with keys and types kept, and replayed against the stubs."""

from __future__ import annotations

import json
from pathlib import Path

from mellea_lint.payloads import record
from payload_samples import ollama_chat, openai_chat, openai_chunk, thunk


def test_redaction_replaces_text_and_keeps_keys_and_types() -> None:
    payload = openai_chat(reasoning_content="I think", tool_calls=[
        {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}])
    redacted = record.redact(payload)
    message = redacted["choices"][0]["message"]
    assert (message["content"], message["reasoning_content"]) == (record.REDACTED, record.REDACTED)
    assert message["tool_calls"][0]["function"] == {"name": "get_weather", "arguments": record.REDACTED}
    assert redacted["usage"] == payload["usage"] and redacted["id"] == payload["id"]
    assert "Paris" not in json.dumps(redacted)


def test_a_recorded_payload_replays_clean(tmp_path: Path) -> None:
    for name, mot in {"openai": thunk("openai", openai_chat(), [openai_chunk()]),
                      "ollama": thunk("ollama", ollama_chat())}.items():
        path = record.write(mot, tmp_path, f"tests/x.py::test[{name}]-1", "chat")
        assert path.name == f"tests_x.py_test_{name}_-1.json"
        assert "Paris" not in path.read_text()
        report = record.replay(path)
        assert report.status == "ok", str(report)


def test_a_drifted_recording_is_reported_with_its_path(tmp_path: Path) -> None:
    path = record.write(thunk("openai", openai_chat()), tmp_path, "drift", "chat")
    document = json.loads(path.read_text())
    document["response"]["choices"][0]["message"]["reasoning_content"] = [record.REDACTED]
    path.write_text(json.dumps(document))
    report = record.replay(path)
    assert [str(m) for m in report.mismatches] == [
        "choices[0].message.reasoning_content: expected str | None, got list"]


def test_an_sdk_object_the_sdk_no_longer_parses_is_a_mismatch(tmp_path: Path) -> None:
    path = record.write(thunk("ollama", ollama_chat()), tmp_path, "ollama", "chat")
    document = json.loads(path.read_text())
    assert document["response_class"] == "ollama._types.ChatResponse"
    document["response"]["done"] = {"not": "a bool"}
    path.write_text(json.dumps(document))
    report = record.replay(path)
    assert report.status == "mismatch" and report.mismatches[0].path == "response"
    assert "cannot parse" in report.mismatches[0].got


def test_a_value_json_cannot_hold_is_recorded_as_unchecked(tmp_path: Path) -> None:
    path = record.write(thunk("huggingface", object()), tmp_path, "hf", "chat")
    report = record.replay(path)
    assert report.status == "unchecked" and "is not JSON; not recorded" in report.notes[0]


def test_a_file_that_is_not_a_fixture_is_unchecked(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text("[1, 2]")
    (tmp_path / "broken.json").write_text("{")
    assert "is not a payload fixture" in record.replay(tmp_path / "other.json").notes[0]
    assert "cannot read the fixture" in record.replay(tmp_path / "broken.json").notes[0]
    assert "cannot read the fixture" in record.replay(tmp_path / "missing.json").notes[0]
