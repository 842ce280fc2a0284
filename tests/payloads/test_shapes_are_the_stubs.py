"""The runtime check and the stubs cannot disagree: the check's types are the installed stub's,
read by a second, independent reader (``tools.stub_typeddicts``) and by the surface table."""

from __future__ import annotations

from pathlib import Path

import pytest
from mellea_lint.payloads import shapes, types
from mellea_lint.surface import PROVIDERS, Provider
from typing_extensions import is_typeddict

from tools.stub_typeddicts import STUB, typeddicts


def test_the_installed_stub_is_this_checkouts() -> None:
    assert shapes.stub_path().read_bytes() == STUB.read_bytes(), (
        "the installed mellea-stubs is stale: flock /tmp/mellea-build.lock make .venv/bin/.project")


@pytest.mark.parametrize("name", sorted(typeddicts()))
def test_every_payload_type_has_the_stubs_keys(name: str) -> None:
    declared = typeddicts()[name]
    payload = shapes.load().payloads[name]
    assert set(payload.typed.__annotations__) == set(payload.keys) == set(declared.keys)
    if declared.keyed_dict or payload.sdk_model is not None:
        # A dict subclass: no key is required; a key reads with the first overload naming it
        # (the reader above keeps the last, which names every key).
        assert payload.typed.__required_keys__ == frozenset() == payload.required
    else:
        assert payload.keys == declared.keys
        assert payload.typed.__required_keys__ == declared.required == payload.required
    assert is_typeddict(payload.typed)


def test_no_payload_type_is_left_out() -> None:
    assert set(shapes.load().payloads) == set(typeddicts())


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.literal)
def test_every_provider_has_its_chat_streamed_and_completion_shapes(provider: Provider) -> None:
    """What ``surface.PROVIDERS`` says each variant holds is what the check validates against."""
    loaded = shapes.load()
    chat, completion = loaded.variant(provider.variant), loaded.variant(provider.completion_variant)

    def names(union: str) -> set[str]:
        return {member.strip().rsplit(".", 1)[-1] for member in union.split("|")}

    assert {m.text for m in chat.response.members} == names(provider.response)
    assert {m.text for m in completion.response.members} == names(provider.completion_response)
    assert (chat.chunk.text if chat.chunk else None) == provider.streamed_chunk
    streamed = [m for m in chat.response.members if "Streamed" in m.text]
    assert bool(streamed) == (provider.streamed_chunk is not None), "a provider that keeps chunks has an envelope"


def test_decorators_are_no_ops_and_any_members_are_dropped() -> None:
    loaded = shapes.load()
    completion = loaded.payloads["OpenAIChatCompletionDict"].typed  # @final @type_check_only in the stub
    assert not getattr(completion, "__final__", False)
    assert loaded.annotations("OpenAIRaw")["streamed_chunks"] == "list[OpenAIChunkChoiceDict | Any] | None"
    assert loaded.variant("OpenAIRaw").chunk.text == "OpenAIChunkChoiceDict"  # type: ignore[union-attr]


def test_a_missing_sdk_degrades_to_any_and_says_so(tmp_path: Path) -> None:
    stub = tmp_path / "base.pyi"
    stub.write_text(STUB.read_text().replace("from transformers.generation.utils import",
                                             "from no_such_sdk_for_this_test import"))
    declared = shapes.load(stub).variant("HuggingFaceRaw").response
    assert [m.text for m in declared.members if m.adapter is None and m.type is not None] == [
        "GenerateDecoderOnlyOutput"]
    assert "no_such_sdk_for_this_test" in declared.degraded[0]


def test_the_types_module_names_every_payload_type() -> None:
    assert sorted(types.__all__) == sorted(typeddicts())
    assert types.OpenAIChatCompletionDict is shapes.load().payloads["OpenAIChatCompletionDict"].typed
    import ollama

    assert types.OllamaChatResponse is ollama.ChatResponse
    with pytest.raises(AttributeError, match="declares no payload type 'OpenAIChatDict'"):
        types.OpenAIChatDict  # noqa: B018


def test_a_missing_stub_distribution_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shapes, "STUB_FILE", "no-such-stubs/core/base.pyi")
    with pytest.raises(shapes.StubNotFound, match="pip install mellea-stubs"):
        shapes.stub_path()
