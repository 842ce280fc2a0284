"""``mellea-lint server``: the MOT rules in an editor, as a Language Server over stdio.

The server publishes the findings ``mellea-lint check`` reports for the text an editor holds
(on open, change and save) and offers the ``--fix`` rewrites as quick fixes. It needs pygls,
an optional dependency (``pip install "mellea-lint[server]"``): this module checks for it
before anything imports it, so a missing pygls is one line and exit code 2, and no other
command ever imports it. The protocol is in ``server_lsp``, the checking in ``server_buffer``.
"""

from __future__ import annotations

import argparse

from mellea_lint.config import ConfigError

INSTALL = 'pip install "mellea-lint[server]"'
NEEDED = ("pygls.lsp.server", "lsprotocol.types")


def missing_dependency() -> str | None:
    """The one line that says what the server lacks (``None``: pygls and lsprotocol import)."""
    import importlib

    for module in NEEDED:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            top = (exc.name or module).partition(".")[0]
            lacking = "" if top == "pygls" else f" ({top} is missing)"
            return f"the language server needs pygls{lacking}: {INSTALL}"
    return None


def run(args: argparse.Namespace) -> int:
    """Serve one client over stdin/stdout until it exits; returns the exit code."""
    missing = missing_dependency()
    if missing is not None:
        raise ConfigError(missing)
    from mellea_lint.server_lsp import serve

    return serve()
