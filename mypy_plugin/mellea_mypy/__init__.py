"""mellea_mypy: the mypy plugin for mellea (narrowing of mot.raw, privacy of thunk internals).

Enable it with ``plugins = ["mellea_mypy"]``. Importing this package is cheap: mypy's
modules are imported only when mypy asks for the plugin class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy.plugin import Plugin


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point."""
    from .main import MelleaPlugin

    return MelleaPlugin
