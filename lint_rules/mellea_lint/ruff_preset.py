"""The ruff preset printed by ``mellea-lint ruff-config``, generated from the surface table.

ruff has no plugin system, so the MOT rules cannot run inside it. The preset is the
closest coarse complement: SLF001 (any private member access, not only a thunk's),
TID251 bans on the private core names, both allowed inside the internal modules, and
``lint.external = ["MOT"]`` so that ruff's RUF100 keeps ``# noqa: MOT...`` comments.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from mellea_lint.rules import RULES
from mellea_lint.surface import (
    BASE_MODULE,
    CORE_PACKAGE,
    DEFAULT_INTERNAL_MODULES,
    PRIVATE_CORE_NAMES,
)

SELECTED = ("SLF001", "TID251")
IMPORT_RULE = "private-core-import"
"""The MOT rule whose coarse ruff counterpart is TID251 (named in the ban messages)."""
EXTERNAL = ("MOT",)
UNCOVERED_RULE = "unknown-provider-literal"
"""The MOT rule ruff has nothing for: it needs the provider literals of the surface table
and the receiver's shape (``x.raw.provider``), which no ruff rule can be configured with."""


def module_glob(module: str) -> str:
    """Files of ``module`` and its submodules wherever the package root sits (flat or src layout)."""
    return "**/" + module.replace(".", "/") + "/**"


def banned_api() -> dict[str, str]:
    """Fully qualified private core name -> the message TID251 shows."""
    code = _code(IMPORT_RULE)
    return {
        f"{BASE_MODULE}.{name}": f"{note}; private to {CORE_PACKAGE} (mellea-lint {code})"
        for name, note in PRIVATE_CORE_NAMES.items()
    }


def _code(name: str) -> str:
    return next(rule.code for rule in RULES.values() if rule.name == name)


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def render(internal_modules: Sequence[str] = DEFAULT_INTERNAL_MODULES, *, pyproject: bool = False) -> str:
    """The preset as TOML for ``ruff.toml`` (``pyproject``: for ``pyproject.toml``'s ``[tool.ruff]``)."""
    prefix = "tool.ruff." if pyproject else ""
    lines = [
        "# mellea-lint preset for ruff (ruff has no plugins: run `mellea-lint check` for the MOT rules).",
        f"# {_code(UNCOVERED_RULE)} ({UNCOVERED_RULE}) has no ruff counterpart at all: ruff cannot check it.",
        f"[{prefix}lint]",
        f"extend-select = {_toml_list(SELECTED)}",
        f"external = {_toml_list(EXTERNAL)}",
        "",
        f"[{prefix}lint.per-file-ignores]",
        *(f"{json.dumps(module_glob(m))} = {_toml_list(SELECTED)}" for m in internal_modules),
        "",
        f"[{prefix}lint.flake8-tidy-imports.banned-api]",
        *(f"{json.dumps(name)}.msg = {json.dumps(msg)}" for name, msg in banned_api().items()),
    ]
    return "\n".join(lines) + "\n"
