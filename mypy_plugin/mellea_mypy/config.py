"""The plugin's settings: the shared ``[tool.mellea-lint]`` table (read by
:mod:`mellea_lint.config`, as the lint gate reads it), plus the deprecated
``[tool.mellea-mypy]`` / ``[mellea-mypy]`` sections of mypy's own config file.

Every setting that changes results is returned by :meth:`PluginConfig.cache_key`, so mypy's
incremental cache and dmypy are invalidated when one changes.
"""

from __future__ import annotations

import configparser
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from mellea_lint import surface
from mellea_lint.config import ConfigError, find_pyproject, load_table, read_table, suggest

__all__ = ["ConfigError", "PluginConfig", "load"]

TOML_SECTION: Final = "tool.mellea-mypy"
INI_SECTION: Final = "mellea-mypy"
_OLD_KEYS: Final = (
    "internal_modules", "producer_modules", "extra_providers", "detect_producers", "mellea_version"
)
"""The deprecated sections' snake_case spelling of the shared keys (also the plugin's fields)."""

PRODUCER_ADVICE: Final = (
    "list its module in producer-modules of [tool.mellea-lint] or add '# type: ignore[mellea-private]'"
)
"""How a mypy user declares producer code; messages about writes only producers may make end with it."""


@dataclass(frozen=True)
class PluginConfig:
    internal_modules: tuple[str, ...] = surface.DEFAULT_INTERNAL_MODULES
    producer_modules: tuple[str, ...] = surface.DEFAULT_PRODUCER_MODULES
    extra_providers: Mapping[str, str] = field(default_factory=dict)
    detect_producers: bool = True
    mellea_version: str | None = None

    def cache_key(self) -> dict[str, Any]:
        """Every setting, JSON-encodable, for ``report_config_data``."""
        return {
            "internal_modules": list(self.internal_modules),
            "producer_modules": list(self.producer_modules),
            "extra_providers": dict(sorted(self.extra_providers.items())),
            "detect_producers": self.detect_producers,
            "mellea_version": self.mellea_version,
        }


def load(config_file: str | None, cwd: Path | None = None) -> PluginConfig:
    """The settings for a mypy run whose config file is ``config_file`` (None: no file).

    ``[tool.mellea-lint]`` is looked up from the config file's folder (else ``cwd``) upwards,
    as ``mellea-lint`` looks it up; a deprecated section in ``config_file`` adds its settings
    (with a one-line notice) unless the shared table sets them too, which is an error.
    """
    start = Path(config_file).resolve().parent if config_file else (cwd or Path.cwd())
    shared_file = find_pyproject(start)
    shared = load_table(shared_file) if shared_file is not None else {}
    values = {key: value for key, value in shared.items() if key in _OLD_KEYS}
    old = _deprecated(Path(config_file).resolve()) if config_file else None
    if old is not None:
        name, settings = old
        both = sorted(set(settings) & set(values))
        if both:
            raise ConfigError(
                f"{config_file}: {both[0].replace('_', '-')} is set in both {name} and [tool.mellea-lint] "
                f"of {shared_file}; keep it in [tool.mellea-lint] only"
            )
        print(
            f"{config_file}: note: {name} is deprecated; move its settings to [tool.mellea-lint] in "
            f"pyproject.toml ({', '.join(k.replace('_', '-') for k in settings)})",
            file=sys.stderr,
        )
        values.update(settings)
    return PluginConfig(**values)


def _deprecated(path: Path) -> tuple[str, dict[str, Any]] | None:
    """(section name, its validated settings) of a deprecated section in mypy's config file."""
    if path.suffix == ".toml":
        with path.open("rb") as fh:
            section = tomllib.load(fh).get("tool", {}).get("mellea-mypy")
        if section is None:
            return None
        name = f"[{TOML_SECTION}]"
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: {name} must be a table")
        return name, _read_old(section, str(path), name)
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    if not parser.has_section(INI_SECTION):
        return None
    name = f"[{INI_SECTION}]"
    section = dict(parser.items(INI_SECTION, raw=True))
    _reject_unknown(section, str(path), name)
    table: dict[str, object] = {}
    for key, text in section.items():
        if key == "extra_providers":
            table[key] = dict(_pair(item, str(path), name) for item in _split(text))
        elif key in ("detect_producers", "mellea_version"):
            table[key] = text.strip()
        else:
            table[key] = _split(text)
    return name, _read_old(table, str(path), name)


def _read_old(table: Mapping[str, object], where: str, name: str) -> dict[str, Any]:
    _reject_unknown(table, where, name)
    return read_table({k.replace("_", "-"): v for k, v in table.items()}, where, name)


def _reject_unknown(table: Mapping[str, object], where: str, name: str) -> None:
    for key in table:
        if key not in _OLD_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} in {name}; {suggest(key).replace('-', '_')}")


def _pair(item: str, where: str, name: str) -> tuple[str, str]:
    literal, sep, type_name = item.partition(":")
    if not sep:
        raise ConfigError(f"{where}: {name} extra_providers entry {item!r} must be literal:dotted.Type")
    return literal.strip(), type_name.strip()


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", value) if part.strip()]
