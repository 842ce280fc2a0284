"""A misspelled key on a provider payload is reported, in every checker, with the keys that
exist: mypy, pyrefly and ty list every overload; pyright names only the last one's parameter,
which is why the overloaded payloads end with an overload taking every key."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import ollama

from tools.typecheckers import Diagnostic

CASES = Path(__file__).resolve().parent / "cases" / "wrong_keys.py"
USAGE_COUNTERS = ("prompt_tokens", "completion_tokens", "total_tokens")


def _messages(diags: list[Diagnostic], marker: str) -> str:
    """What ``diags`` say about the line of the cases file that ends with ``marker``."""
    lines = CASES.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.endswith(marker))
    return "\n".join(d.message for d in diags if Path(d.path).name == CASES.name and d.line == line)


def _unnamed(text: str, keys: Iterable[str]) -> list[str]:
    return [k for k in keys if f"'{k}'" not in text and f'"{k}"' not in text]


def test_a_wrong_ollama_key_names_every_field(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    text = _messages(diags, 'raw.response["usage"]')
    assert text, f"{checker} reports nothing"
    assert not _unnamed(text, ollama.ChatResponse.model_fields), f"{checker}:\n{text}"


def test_a_misspelled_usage_key_names_the_counters(sdk_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = sdk_run
    text = _messages(diags, '["prompt_tokenz"]')
    assert text, f"{checker} reports nothing"
    assert not _unnamed(text, USAGE_COUNTERS), f"{checker}:\n{text}"
