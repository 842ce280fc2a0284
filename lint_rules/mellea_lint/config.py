"""Settings for ``mellea-lint``: ``[tool.mellea-lint]`` in the nearest pyproject.toml, then the CLI.

Like ruff, the nearest ``pyproject.toml`` (from the working directory upwards) that has
a ``[tool.mellea-lint]`` table is used; ``exclude`` patterns are relative to its folder.
Any mistake in the table is a :class:`ConfigError` whose one-line message names the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mellea_lint.surface import (
    DEFAULT_INTERNAL_MODULES,
    DEFAULT_PRODUCER_MODULES,
    check_release_setting,
)

TABLE = "mellea-lint"
KEYS = ("select", "ignore", "exclude", "internal-modules", "producer-modules", "mellea-version")
RELEASE_KEY = "mellea-version"
"""The mellea release to follow where mellea is not installed (a pre-commit environment)."""

_SELECTOR = re.compile(r"[A-Z]+[0-9]*")
_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


class ConfigError(Exception):
    """A settings mistake; the message is one line that names the file and key."""


@dataclass(frozen=True)
class LintConfig:
    """Effective settings. Empty ``select`` means every rule."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    internal_modules: tuple[str, ...] = DEFAULT_INTERNAL_MODULES
    producer_modules: tuple[str, ...] = DEFAULT_PRODUCER_MODULES
    mellea_version: str | None = None

    def enabled(self, code: str) -> bool:
        """Ruff's rule: the longest matching prefix wins; a tie between select and ignore ignores."""
        chosen = max((len(s) for s in self.select if code.startswith(s)), default=-1)
        if not self.select:
            chosen = 0
        dropped = max((len(s) for s in self.ignore if code.startswith(s)), default=-1)
        return chosen >= 0 and chosen > dropped


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a ``[tool.mellea-lint]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            tool = _read_toml(candidate).get("tool")
            if isinstance(tool, dict) and TABLE in tool:
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def load_config(pyproject: Path | None, cwd: Path) -> LintConfig:
    """Settings from ``pyproject`` (None: defaults rooted at ``cwd``)."""
    if pyproject is None:
        return LintConfig(root=cwd)
    document = _read_toml(pyproject)
    tool = document.get("tool", {})
    table = tool.get(TABLE, {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.{TABLE}] must be a table")
    return apply_table(LintConfig(root=pyproject.parent, source=pyproject), table, str(pyproject))


def apply_table(config: LintConfig, table: Mapping[str, object], where: str) -> LintConfig:
    """``config`` updated from a ``[tool.mellea-lint]`` table; unknown keys and bad values raise."""
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} in [tool.{TABLE}] (known: {', '.join(KEYS)})")
    values: dict[str, Any] = {
        key: _string_list(table[key], f"{where}: [tool.{TABLE}] {key}") for key in table if key != RELEASE_KEY
    }
    for key in ("select", "ignore"):
        if key in values:
            check_selectors(values[key], f"{where}: [tool.{TABLE}] {key}", known_codes())
    for key in ("internal-modules", "producer-modules"):
        if key in values:
            check_modules(values[key], f"{where}: [tool.{TABLE}] {key}")
    fields: dict[str, Any] = {key.replace("-", "_"): tuple(v) for key, v in values.items()}
    if RELEASE_KEY in table:
        try:
            fields["mellea_version"] = check_release_setting(table[RELEASE_KEY])
        except ValueError as exc:
            raise ConfigError(f"{where}: [tool.{TABLE}] {RELEASE_KEY} {exc}") from None
    return replace(config, **fields)


def _string_list(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{what} must be a list of strings, got {type(value).__name__}: {value!r}")
    return value


def known_codes() -> tuple[str, ...]:
    """Every code a selector may name: the rules and the file diagnostics."""
    from mellea_lint.filecheck import FILE_ERRORS
    from mellea_lint.rules import RULES

    return (*RULES, *FILE_ERRORS)


def check_selectors(selectors: Iterable[str], what: str, known: Iterable[str]) -> None:
    """Each selector is a prefix of a known code, such as ``MOT`` or ``MOT001``."""
    codes = tuple(known)
    for selector in selectors:
        if not _SELECTOR.fullmatch(selector) or not any(c.startswith(selector) for c in codes):
            raise ConfigError(f"{what}: unknown rule selector {selector!r}")


def check_modules(modules: Iterable[str], what: str) -> None:
    """Each entry is a dotted module name."""
    for module in modules:
        if not _MODULE.fullmatch(module):
            raise ConfigError(f"{what}: {module!r} is not a dotted module name")


def split_csv(value: str) -> list[str]:
    """``--select MOT001,MOT002`` -> ``["MOT001", "MOT002"]``."""
    return [part.strip() for part in value.split(",") if part.strip()]
