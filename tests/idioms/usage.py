"""Correct consumer code: token usage passed around as `dict[str, Any] | None`, the type of
mellea's own `GenerationMetadata.usage` (docs/examples/telemetry/metrics_example.py reads it
by key)."""

from __future__ import annotations

from typing import Any

from mellea.core import ModelOutputThunk


def usage_of(mot: ModelOutputThunk[str]) -> dict[str, Any] | None:
    if mot.raw.provider == "openai":
        return mot.raw.response["usage"]
    if mot.raw.provider == "litellm" or mot.raw.provider == "watsonx":
        return mot.raw.response.get("usage")
    return mot.generation.usage


def prompt_tokens(mot: ModelOutputThunk[str]) -> int:
    if mot.raw.provider == "openai":
        usage = mot.raw.response["usage"]
        if usage is not None:
            return usage["prompt_tokens"] + usage["completion_tokens"] - usage["completion_tokens"]
    if mot.generation.usage:
        total: int = mot.generation.usage["prompt_tokens"]
        return total
    return 0


def report(mots: list[ModelOutputThunk[str]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for mot in mots:
        usage = usage_of(mot)
        if usage is not None:
            rows.append(usage)
    return rows


def litellm_cost(mot: ModelOutputThunk[str]) -> float | None:
    """litellm's `cost`, streamed or not: mellea copies a stream's usage from litellm's chunks."""
    if mot.raw.provider == "litellm":
        usage = mot.raw.response.get("usage")
        if usage is not None and "cost" in usage:  # absent when litellm does not know the price
            return usage["cost"]
    return None


def store(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        mot.generation.usage = mot.raw.response["usage"]
