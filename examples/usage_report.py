"""A per-provider token usage report over a batch of thunks."""

from __future__ import annotations

from collections import Counter

from mellea.core import ModelOutputThunk


def completion_tokens(mot: ModelOutputThunk[str]) -> int:
    """Completion tokens as each provider reports them in its own payload."""
    if mot.raw.provider == "openai":
        usage = mot.raw.response["usage"]  # streamed or not, the chat dict carries "usage"
        return usage["completion_tokens"] if usage else 0
    elif mot.raw.provider == "litellm":
        usage = mot.raw.response.get("usage")  # litellm omits it when the provider sent none
        return usage["completion_tokens"] if usage else 0
    elif mot.raw.provider == "watsonx":
        usage = mot.raw.response.get("usage")
        return usage["completion_tokens"] if usage else 0
    elif mot.raw.provider == "ollama":
        return mot.raw.response.eval_count or 0
    elif mot.raw.provider == "huggingface":
        output = mot.raw.response
        return 0 if output is None else int(output.sequences.shape[-1])
    return 0


def report(thunks: list[ModelOutputThunk[str]]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for mot in thunks:
        totals[mot.raw.provider or "unfilled"] += completion_tokens(mot)
    return totals
