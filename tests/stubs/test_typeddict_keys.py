"""The stub's TypedDicts have the keys the SDK models dump and mellea's stream merge builds,
so an SDK or mellea release that drifts fails here. (watsonx.ai has no schema in its SDK:
its TypedDicts are NotRequired apart from the keys mellea reads.) The shapes are read by
tools/payload_shapes.py, which ``python -m tools.drift`` shares."""

from __future__ import annotations

import pytest

from tools.payload_shapes import fits, merged_shapes, sdk_dump_keys, stub_typeddicts

TYPEDDICTS = stub_typeddicts()
SDK_KEYS = sdk_dump_keys()


@pytest.mark.parametrize("name", sorted(SDK_KEYS))
def test_typeddict_keys_match_the_sdk_dump(name: str) -> None:
    required, optional = TYPEDDICTS[name]
    dumped = SDK_KEYS[name]
    assert dumped - required - optional == set(), f"{name} lacks {dumped - required - optional}"
    assert required <= dumped, f"{name} requires keys the SDK does not dump: {required - dumped}"


def test_merged_stream_dict_matches_mellea_merge() -> None:
    from mellea.helpers.openai_compatible_helpers import chat_completion_delta_merge

    shapes = merged_shapes(chat_completion_delta_merge)
    streamed = {"choices": [shapes["StreamedChoiceDict"]], "usage": None}  # what openai/litellm/watsonx store
    for name, value in [("OpenAIStreamedChatDict", streamed), *shapes.items()]:
        assert fits(set(value), TYPEDDICTS[name]), (name, set(value))
    assert TYPEDDICTS["StreamedToolCallDict"][0] == set(
        chat_completion_delta_merge([{"delta": {"tool_calls": [
            {"index": 0, "function": {"name": "g", "arguments": None}}]}}])["message"]["tool_calls"][0]
    )
