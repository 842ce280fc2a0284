"""mellea_mypy: the mypy plugin for mellea (narrowing of mot.raw, privacy of thunk internals)."""
