"""Correct producer code: writes through `mot.raw` as mellea 0.8.0's backends make them
(backends/openai.py, litellm.py, watsonx.py, huggingface.py), then provider-narrowed reads."""

from __future__ import annotations

from typing import Any

from mellea.core import ModelOutputThunk, RawProviderResponse


def append_streamed_chunk(mot: ModelOutputThunk, chunk_dump: dict[str, Any], sdk_chunk: Any) -> None:
    if mot.raw.streamed_chunks is None:
        mot.raw.streamed_chunks = []
    mot.raw.streamed_chunks.append(chunk_dump)
    mot.raw.streamed_chunks.append(sdk_chunk["choices"][0])


def fill_after_stream(mot: ModelOutputThunk, merged: dict[str, Any], provider: str) -> None:
    mot.raw.response = {"choices": [merged], "usage": mot.generation.usage}
    mot.raw.provider = provider


def fill_field_by_field(mot: ModelOutputThunk, dump: dict[str, Any]) -> None:
    mot.raw.provider = "openai"
    mot.raw.response = dump
    mot.raw.streamed_chunks = [dump["choices"][0]]


def clear_payload(mot: ModelOutputThunk) -> None:
    mot.raw.response = None
    mot.raw.streamed_chunks = None


def replace_raw(mot: ModelOutputThunk, dump: dict[str, Any]) -> None:
    mot.raw = RawProviderResponse(provider="openai", response=dump, streamed_chunks=[dump])


def read_chunks_back(mot: ModelOutputThunk) -> str | None:
    raw = mot.raw
    if raw.provider == "openai" and raw.streamed_chunks is not None:
        return raw.streamed_chunks[0]["delta"]["content"]
    return None
