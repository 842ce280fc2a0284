"""Realistic mistakes the stubs catch (`make demo` shows each checker's message)."""

from __future__ import annotations

from mellea.core import ModelOutputThunk


def last_prompt(mot: ModelOutputThunk[str]) -> object:
    log = mot._generate_log  # private: the public spelling is mot.generate_log
    return log.prompt if log else None


def ollama_text(mot: ModelOutputThunk[str]) -> str | None:
    if mot.raw.provider == "olama":  # misspelled provider: this branch can never run
        return None
    if mot.raw.provider == "ollama":
        return mot.raw.response["choices"][0]["message"]["content"]  # an OpenAI shape on ollama
    return None


def served_by_ollama(mot: ModelOutputThunk[str]) -> bool:
    return mot.generation.provider == "olama"  # misspelled provider: never true
