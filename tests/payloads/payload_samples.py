"""Payloads as the SDKs produce them (each SDK's own model, dumped as mellea dumps it)."""

from __future__ import annotations

from typing import Any


def openai_chat(**message: Any) -> dict[str, Any]:
    """``ChatCompletion.model_dump()`` with one assistant message (``message`` adds keys)."""
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-x",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": "Paris is sunny.", **message}}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9},
    })
    return completion.model_dump()


def openai_chunk(content: object = "Par") -> dict[str, Any]:
    """``ChatCompletionChunk.choices[0].model_dump()``: one ``raw.streamed_chunks`` element."""
    from openai.types.chat import ChatCompletionChunk

    chunk = ChatCompletionChunk.model_validate({
        "id": "c", "object": "chat.completion.chunk", "created": 1, "model": "gpt-x",
        "choices": [{"index": 0, "finish_reason": None, "delta": {"role": "assistant", "content": "x"}}],
    })
    choice = chunk.choices[0].model_dump()
    choice["delta"]["content"] = content
    return choice


def openai_completion() -> dict[str, Any]:
    """``CompletionChoice.model_dump()``: what ``generate_from_raw`` stores for openai."""
    from openai.types.completion_choice import CompletionChoice

    return CompletionChoice(finish_reason="stop", index=0, logprobs=None, text=" Paris.").model_dump()


def ollama_chat() -> Any:
    import ollama

    return ollama.ChatResponse(model="granite", created_at="2026-01-01T00:00:00Z", done=True,
                               done_reason="stop", message=ollama.Message(role="assistant", content="Paris"))


def thunk(provider: str | None, response: object = None, streamed_chunks: list[Any] | None = None) -> Any:
    """A ``ModelOutputThunk`` whose ``raw`` holds a payload, as post-processing leaves it."""
    from mellea.core.base import ModelOutputThunk, RawProviderResponse

    mot = ModelOutputThunk("Paris")
    mot.raw = RawProviderResponse(provider=provider, response=response, streamed_chunks=streamed_chunks)
    return mot
