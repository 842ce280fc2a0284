"""Misspelled keys on overloaded payloads: every line is an error whose message must name the
keys that exist (tests/stubs/test_wrong_key_messages.py)."""

from __future__ import annotations

from mellea.core import ModelOutputThunk


def ollama_key(mot: ModelOutputThunk[str]) -> object:
    raw = mot.raw
    if raw.provider == "ollama":
        return raw.response["usage"]
    return None


def usage_key(mot: ModelOutputThunk[str]) -> object:
    raw = mot.raw
    if raw.provider == "openai" and raw.response["usage"] is not None:
        return raw.response["usage"]["prompt_tokenz"]
    return None
