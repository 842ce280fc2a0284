"""Test code: a thunk built by hand with the payload an ollama backend stores, then read back.

Assigning `mot.raw` does not narrow `mot.raw` in pyright (it keeps the property's declared
type), so read the property back into a local and narrow the local: clean in all five checkers.
"""

from __future__ import annotations

import ollama

from mellea.core import ModelOutputThunk, RawProviderResponse


def ollama_thunk(text: str, done_reason: str = "stop") -> ModelOutputThunk[str]:
    """A finished thunk carrying the reply a chat with ollama would have stored."""
    reply = ollama.ChatResponse(
        model="granite4:micro", done=True, done_reason=done_reason, eval_count=12,
        message=ollama.Message(role="assistant", content=text),
    )
    mot = ModelOutputThunk[str](text)
    mot.raw = RawProviderResponse(provider="ollama", response=reply)
    mot.generation.provider = "ollama"
    return mot


def test_reads_the_payload_back() -> None:
    mot = ollama_thunk("2, 3, 5", done_reason="length")
    raw = mot.raw
    if raw.provider == "ollama":
        assert raw.response.done_reason == "length"
        assert raw.response.message.content == "2, 3, 5"
    assert mot.generation.provider == "ollama"
