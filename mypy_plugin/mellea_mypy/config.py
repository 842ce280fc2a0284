"""Strict parsing of the ``[tool.mellea-mypy]`` / ``[mellea-mypy]`` settings.

Every setting that changes results is listed in :data:`SETTINGS` (the README table
is generated from it) and returned by :meth:`PluginConfig.cache_key`, so mypy's
incremental cache and dmypy are invalidated when one changes.
"""

from __future__ import annotations

import configparser
import keyword
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from mellea_lint import surface

TOML_SECTION: Final = "tool.mellea-mypy"
INI_SECTION: Final = "mellea-mypy"


class ConfigError(Exception):
    """A setting is wrong; the message is one line that names the key."""


@dataclass(frozen=True)
class Setting:
    key: str
    toml_type: str
    ini_syntax: str
    default: str
    doc: str


SETTINGS: Final = (
    Setting(
        "internal_modules", "list of str", "comma-separated", ", ".join(surface.DEFAULT_INTERNAL_MODULES),
        "Modules (and their submodules) that implement the thunk: no `mellea-private` errors there.",
    ),
    Setting(
        "producer_modules", "list of str", "comma-separated",
        ", ".join(surface.DEFAULT_PRODUCER_MODULES) or "(none)",
        "Modules that produce thunks (mellea's own `mellea.backends`, ...): they may write the "
        "producer-owned private members and read those without a public replacement.",
    ),
    Setting(
        "extra_providers", "table: literal = \"dotted.Type\"", "comma-separated `literal:dotted.Type`",
        "(none)",
        "Third-party `raw.provider` literals and the type of their `raw.response`: `mot.raw` "
        "also narrows to `CustomProviderRaw[Literal[literal], Type]`, and the literal is a "
        "known provider for `mellea-provider`.",
    ),
    Setting(
        "mellea_version", "str", "str", "(the installed mellea)",
        "The mellea release to assume where mellea is not installed (`\"0.7\"`); outside the "
        "supported range the plugin says so in one line.",
    ),
)
KNOWN_KEYS: Final = frozenset(s.key for s in SETTINGS)

_MODULE_RE: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


@dataclass(frozen=True)
class PluginConfig:
    internal_modules: tuple[str, ...] = surface.DEFAULT_INTERNAL_MODULES
    producer_modules: tuple[str, ...] = surface.DEFAULT_PRODUCER_MODULES
    extra_providers: Mapping[str, str] = field(default_factory=dict)
    mellea_version: str | None = None

    def cache_key(self) -> dict[str, Any]:
        """Every setting, JSON-encodable, for ``report_config_data``."""
        return {
            "internal_modules": list(self.internal_modules),
            "producer_modules": list(self.producer_modules),
            "extra_providers": dict(sorted(self.extra_providers.items())),
            "mellea_version": self.mellea_version,
        }


def load(config_file: str | None) -> PluginConfig:
    """The settings from mypy's config file (defaults when it has no section)."""
    if config_file is None:
        return PluginConfig()
    path = Path(config_file)
    if path.suffix == ".toml":
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        section = data.get("tool", {}).get("mellea-mypy")
        return PluginConfig() if section is None else from_toml(section)
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    if not parser.has_section(INI_SECTION):
        return PluginConfig()
    return from_ini(dict(parser.items(INI_SECTION, raw=True)))


def from_toml(section: object) -> PluginConfig:
    if not isinstance(section, dict):
        raise ConfigError(f"[{TOML_SECTION}] must be a table")
    _reject_unknown(section, TOML_SECTION)
    values: dict[str, Any] = {}
    for key in ("internal_modules", "producer_modules"):
        if key in section:
            raw = section[key]
            if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                raise ConfigError(f"[{TOML_SECTION}] {key} must be a list of strings, got {raw!r}")
            values[key] = _modules(key, raw)
    if "extra_providers" in section:
        raw = section["extra_providers"]
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise ConfigError(
                f"[{TOML_SECTION}] extra_providers must be a table of literal = \"dotted.Type\", got {raw!r}"
            )
        values["extra_providers"] = _providers(raw)
    if "mellea_version" in section:
        values["mellea_version"] = _release(section["mellea_version"], TOML_SECTION)
    return PluginConfig(**values)


def from_ini(section: Mapping[str, str]) -> PluginConfig:
    _reject_unknown(section, INI_SECTION)
    values: dict[str, Any] = {}
    for key in ("internal_modules", "producer_modules"):
        if key in section:
            values[key] = _modules(key, _split(section[key]))
    if "extra_providers" in section:
        pairs: dict[str, str] = {}
        for item in _split(section["extra_providers"]):
            literal, sep, type_name = item.partition(":")
            if not sep:
                raise ConfigError(
                    f"[{INI_SECTION}] extra_providers entry {item!r} must be literal:dotted.Type"
                )
            pairs[literal.strip()] = type_name.strip()
        values["extra_providers"] = _providers(pairs)
    if "mellea_version" in section:
        values["mellea_version"] = _release(section["mellea_version"].strip(), INI_SECTION)
    return PluginConfig(**values)


def _release(value: object, section: str) -> str:
    try:
        return surface.check_release_setting(value)
    except ValueError as exc:
        raise ConfigError(f"[{section}] mellea_version {exc}") from None


def _reject_unknown(section: Mapping[str, object], name: str) -> None:
    unknown = sorted(set(section) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"[{name}] unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})"
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", value) if part.strip()]


def _modules(key: str, names: list[str]) -> tuple[str, ...]:
    for name in names:
        if not _MODULE_RE.match(name):
            raise ConfigError(f"[mellea-mypy] {key}: {name!r} is not a dotted module name")
    return tuple(names)


def _providers(pairs: Mapping[str, str]) -> dict[str, str]:
    for literal, type_name in pairs.items():
        if not literal:
            raise ConfigError("[mellea-mypy] extra_providers: empty provider literal")
        if literal in surface.PROVIDER_LITERALS:
            raise ConfigError(
                f"[mellea-mypy] extra_providers: {literal!r} is already a mellea provider"
            )
        if not _MODULE_RE.match(type_name) or "." not in type_name or any(
            keyword.iskeyword(part) for part in type_name.split(".")
        ):
            raise ConfigError(
                f"[mellea-mypy] extra_providers: {literal!r} needs a dotted type name "
                f"(module.Type), got {type_name!r}"
            )
    return dict(pairs)
