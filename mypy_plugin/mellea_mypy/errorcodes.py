"""The plugin's own error codes and the helpers that emit them.

Each code is emitted only through its helper, so the wording stays consistent and
greppable. Every code works with ``# type: ignore[code]`` and ``disable_error_code``.
``mellea-private`` is a sub-code of ``attr-defined``, the code mypy gave a private access
before the plugin, so ``# type: ignore[attr-defined]`` written then still silences it.
"""

from __future__ import annotations

from typing import Final

from mypy.errorcodes import ATTR_DEFINED, ErrorCode
from mypy.nodes import Context
from mypy.plugin import CheckerPluginInterface

CATEGORY: Final = "mellea"

MELLEA_PRIVATE: Final = ErrorCode(
    "mellea-private", "Code outside mellea.core touches a private member of a thunk", CATEGORY,
    sub_code_of=ATTR_DEFINED,
)
MELLEA_PROVIDER: Final = ErrorCode(
    "mellea-provider", "A provider literal compared with raw.provider is not a known provider", CATEGORY
)
MELLEA_CONFIG: Final = ErrorCode(
    "mellea-config", "The [tool.mellea-lint] configuration names a type that cannot be found", CATEGORY
)

ALL_CODES: Final = (MELLEA_PRIVATE, MELLEA_PROVIDER, MELLEA_CONFIG)


def error_private(api: CheckerPluginInterface, what: str, hint: str, context: Context) -> None:
    """``what`` names the private thing (``member "_gen" of ModelOutputThunk``)."""
    api.fail(f"Private {what}: {hint}", context, code=MELLEA_PRIVATE)


def error_provider(api: CheckerPluginInterface, literal: str, hint: str, context: Context) -> None:
    api.fail(f'"{literal}" is not a mellea provider{hint}', context, code=MELLEA_PROVIDER)


def error_config(api: CheckerPluginInterface, message: str, context: Context) -> None:
    api.fail(f"[tool.mellea-lint] {message}", context, code=MELLEA_CONFIG)
