"""The ruff preset printed by ``mellea-lint ruff-config``, generated from the surface table.

ruff has no plugin system, so the MOT rules cannot run inside it. The preset is the
closest coarse complement: SLF001 (any private member access, not only a thunk's),
TID251 bans on the private core names, both allowed inside the internal modules, SLF001
allowed inside the producer modules (they own private thunk members; their private core
imports stay banned, as MOT005 reports them there too), and ``lint.external = ["MOT"]`` so
that ruff's RUF100 keeps ``# noqa: MOT...`` comments.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mellea_lint.config import DEFAULTS, ConfigError, LintConfig
from mellea_lint.rules import RULES
from mellea_lint.surface import BASE_MODULE, CORE_PACKAGE, PRIVATE_CORE_NAMES

PRIVATE_ACCESS_RULE = "SLF001"
"""ruff's rule for any private member access: the one the preset would wrongly report in producer
modules, which read and write the private thunk members they own."""
SELECTED = (PRIVATE_ACCESS_RULE, "TID251")
IMPORT_RULE = "private-core-import"
"""The MOT rule whose coarse ruff counterpart is TID251 (named in the ban messages)."""
EXTERNAL = ("MOT",)
UNCOVERED_RULE = "unknown-provider-literal"
"""The MOT rule ruff has nothing for: it needs the provider literals of the surface table
and the receiver's shape (``x.raw.provider``), which no ruff rule can be configured with."""


def module_glob(module: str) -> str:
    """Files of ``module`` and its submodules wherever the package root sits (flat or src layout)."""
    return "**/" + module.replace(".", "/") + "/**"


def module_file_glob(module: str) -> str:
    """The file of ``module`` when it is a single file (a test double, one backend module)."""
    return "**/" + module.replace(".", "/") + ".py"


def per_file_ignores(settings: LintConfig) -> dict[str, list[str]]:
    """Glob -> the preset's rules not to report there: both in the internal modules, SLF001 in the
    producer modules (as a package or a single file)."""
    ignores = {module_glob(m): list(SELECTED) for m in settings.internal_modules}
    for module in settings.producer_modules:
        for glob in (module_glob(module), module_file_glob(module)):
            rules = ignores.setdefault(glob, [])
            if PRIVATE_ACCESS_RULE not in rules:
                rules.append(PRIVATE_ACCESS_RULE)
    return ignores


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


def render(settings: LintConfig = DEFAULTS, *, pyproject: bool = False) -> str:
    """The preset for ``settings``' internal and producer modules as TOML for ``ruff.toml``
    (``pyproject``: for ``pyproject.toml``'s ``[tool.ruff]``)."""
    prefix = "tool.ruff." if pyproject else ""
    lines = [
        "# mellea-lint preset for ruff (ruff has no plugins: run `mellea-lint check` for the MOT rules).",
        f"# {_code(UNCOVERED_RULE)} ({UNCOVERED_RULE}) has no ruff counterpart at all: ruff cannot check it.",
        f"[{prefix}lint]",
        f"extend-select = {_toml_list(SELECTED)}",
        f"external = {_toml_list(EXTERNAL)}",
        "",
        f"[{prefix}lint.per-file-ignores]",
        *(f"{json.dumps(glob)} = {_toml_list(rules)}" for glob, rules in per_file_ignores(settings).items()),
        "",
        f"[{prefix}lint.flake8-tidy-imports.banned-api]",
        *(f"{json.dumps(name)}.msg = {json.dumps(msg)}" for name, msg in banned_api().items()),
    ]
    return "\n".join(lines) + "\n"


def preset(settings: LintConfig = DEFAULTS) -> dict[str, Any]:
    """The preset's ``lint`` table as data: what :func:`merge` adds and :func:`render` prints."""
    return {
        "extend-select": list(SELECTED),
        "external": list(EXTERNAL),
        "per-file-ignores": per_file_ignores(settings),
        "flake8-tidy-imports": {"banned-api": {name: {"msg": msg} for name, msg in banned_api().items()}},
    }


def merge(text: str, settings: LintConfig = DEFAULTS, *, pyproject: bool = False) -> str:
    """``text`` (a ruff.toml, or a pyproject.toml's ``[tool.ruff]``) with the preset for
    ``settings`` merged in.

    Lists gain the missing items (order and the user's own items kept: a glob of theirs in
    ``per-file-ignores`` keeps its rules), tables gain the missing keys, ban messages are set;
    comments and formatting stay (tomlkit). Merging twice changes nothing. A value of another
    type than the preset's is a :class:`ConfigError` naming its key.
    """
    import tomlkit  # only here: a check never needs it
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(f"cannot read TOML: {exc}") from None
    root: Any = document
    path: list[str] = []
    for key in ("tool", "ruff") if pyproject else ():
        root, path = _table(root, key, path, tomlkit, super_table=True), [*path, key]
    _merge_into(_table(root, "lint", path, tomlkit), preset(settings), [*path, "lint"], tomlkit)
    return tomlkit.dumps(document)


def _table(parent: Any, key: str, path: list[str], tomlkit: Any, super_table: bool = False) -> Any:
    if key not in parent:
        parent[key] = tomlkit.table(is_super_table=super_table)
    elif not isinstance(parent[key], dict):
        raise ConfigError(f"{'.'.join([*path, key])} must be a table, got {parent[key]!r}")
    return parent[key]


def _merge_into(target: Any, wanted: dict[str, Any], path: list[str], tomlkit: Any) -> None:
    for key, value in wanted.items():
        where = ".".join([*path, key])
        if isinstance(value, dict):
            if key not in target:
                target[key] = tomlkit.inline_table() if "msg" in value else tomlkit.table(
                    is_super_table=all(isinstance(v, dict) for v in value.values()))
            elif not isinstance(target[key], dict):
                raise ConfigError(f"{where} must be a table, got {target[key]!r}")
            _merge_into(target[key], value, [*path, key], tomlkit)
        elif isinstance(value, list):
            if key not in target:
                target[key] = tomlkit.array()
            elif not isinstance(target[key], list):
                raise ConfigError(f"{where} must be a list, got {target[key]!r}")
            target[key].extend(item for item in value if item not in target[key])
        elif target.get(key) != value:
            target[key] = value
