"""flake8 adapter: the MOT rules as a flake8 AST plugin (entry point ``MOT``).

Uses the tree flake8 already parsed (no second parse); ``# noqa`` and ``--select``
are flake8's own. Settings come from ``[tool.mellea-lint]`` (as for ``mellea-lint``);
the ``--mot-<key>`` options (command line or ``[flake8]``) are aliases of its keys and
win over them.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final

from . import surface
from .config import (
    DEFAULTS,
    SETTINGS,
    ConfigError,
    LintConfig,
    Setting,
    find_pyproject,
    load_config,
    read_table,
)
from .engine import check_tree, may_have_findings
from .modules import module_name_for


@dataclass(frozen=True)
class Option:
    """A flake8 option: an alias of one ``[tool.mellea-lint]`` key (documented there)."""

    setting: Setting

    @property
    def flag(self) -> str:
        return f"--mot-{self.setting.key}"

    @property
    def dest(self) -> str:
        return f"mot_{self.setting.field}"


OPTIONS: Final = tuple(Option(s) for s in SETTINGS if "flake8" in s.used_by)

PRODUCER_ADVICE: Final = "list its module in --mot-producer-modules or add '# noqa: {code}'"
"""How a flake8 user declares producer code (the CLI's is ``config.PRODUCER_ADVICE``)."""


class MotChecker:
    """One instance per file; flake8 calls ``run`` and prints what it yields."""

    name = "mellea-lint"
    settings: ClassVar[LintConfig] = DEFAULTS._replace(producer_advice=PRODUCER_ADVICE)
    """The run's settings, built once by ``parse_options`` (select/ignore are flake8's own)."""

    def __init__(self, tree: ast.Module, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, manager: Any) -> None:
        for option in OPTIONS:
            manager.add_option(
                option.flag, default=None, parse_from_config=True, comma_separated_list=True,
                help=f"alias of {option.setting.key} in [tool.mellea-lint] "
                     f"(comma-separated; default: {option.setting.default})",
            )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        try:
            config = load_config(find_pyproject(Path.cwd()), Path.cwd())
            for option in OPTIONS:
                given = getattr(options, option.dest, None)
                if given is not None:
                    table = {option.setting.key: _as_table_value(option.setting.key, given)}
                    config = config.with_values(read_table(table, option.flag, name=""))
        except ConfigError as exc:  # one line, no traceback, as the CLI reports it
            raise SystemExit(f"mellea-lint (flake8): error: {exc}") from None
        release = surface.mellea_in_use(config.mellea_version).release
        cls.settings = config._replace(release=release, producer_advice=PRODUCER_ADVICE)

    def run(self) -> Iterator[tuple[int, int, str, type[MotChecker]]]:
        module = module_name_for(self.filename) if self.filename not in ("stdin", "-") else None
        if module is not None and surface.module_matches(module, self.settings.internal_modules):
            return
        if not may_have_findings("".join(self.lines)):
            return
        findings = check_tree(self.tree, self.filename, lambda: self.lines, module=module, settings=self.settings)
        for finding in findings:
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)


def _as_table_value(key: str, values: Sequence[str] | str) -> object:
    """A ``--mot-<key>`` value as the ``[tool.mellea-lint]`` table spells it, to validate it once."""
    items = list(_prefixes(values))
    if key == "extra-providers":  # flake8 names the literals only; the response type is mypy's
        return dict.fromkeys(items, "typing.Any")
    if key in ("detect-producers", "mellea-version"):  # one value, not a list
        return ",".join(items)
    return items


def _prefixes(values: Sequence[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip() for v in values if v.strip())
