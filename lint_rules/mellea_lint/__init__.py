"""mellea_lint: lint rules that keep ModelOutputThunk internals inside mellea.core."""
