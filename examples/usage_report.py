"""A per-provider token usage report over a batch of thunks."""

from __future__ import annotations

from collections import Counter

import ollama

from mellea.core import ModelOutputThunk


def completion_tokens(mot: ModelOutputThunk[str]) -> int:
    """Completion tokens as each provider reports them in its own payload."""
    if mot.raw.provider == "openai":
        chat = mot.raw.response
        if "id" in chat:  # a non-streamed ChatCompletion dump carries its usage
            usage = chat["usage"]
            return usage["completion_tokens"] if usage else 0
        return 0
    elif mot.raw.provider == "litellm":
        model_response = mot.raw.response
        if "id" in model_response:
            return int(model_response.get("usage", {}).get("completion_tokens", 0))
        return 0
    elif mot.raw.provider == "watsonx":
        result = mot.raw.response
        if "generated_text" in result:
            return result.get("generated_token_count", 0)
        return 0
    elif mot.raw.provider == "ollama":
        reply = mot.raw.response
        count = reply.eval_count if isinstance(reply, ollama.ChatResponse) else reply["eval_count"]
        return count or 0
    elif mot.raw.provider == "huggingface":
        output = mot.raw.response
        return 0 if output is None else int(output.sequences.shape[-1])
    return 0


def report(thunks: list[ModelOutputThunk[str]]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for mot in thunks:
        totals[mot.raw.provider or "unfilled"] += completion_tokens(mot)
    return totals
