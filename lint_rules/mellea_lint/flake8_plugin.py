"""flake8 adapter: the MOT rules as a flake8 AST plugin (entry point ``MOT``).

Uses the tree flake8 already parsed (no second parse); ``# noqa`` and ``--select``
are flake8's own. Settings come from ``[tool.mellea-lint]`` (as for ``mellea-lint``);
``--mot-internal-modules`` and ``--mot-producer-modules`` (command line or ``[flake8]``)
are aliases of its keys and win over them.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final

from . import surface
from .config import SETTINGS, ConfigError, Setting, check_modules, find_pyproject, load_config
from .engine import check_tree, may_have_findings, module_name_for


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


class MotChecker:
    """One instance per file; flake8 calls ``run`` and prints what it yields."""

    name = "mellea-lint"
    internal_modules: ClassVar[tuple[str, ...]] = surface.DEFAULT_INTERNAL_MODULES
    producer_modules: ClassVar[tuple[str, ...]] = surface.DEFAULT_PRODUCER_MODULES

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
            shared = load_config(find_pyproject(Path.cwd()), Path.cwd())
            for option in OPTIONS:
                given = getattr(options, option.dest, None)
                value = getattr(shared, option.setting.field) if given is None else _prefixes(given)
                check_modules(value, option.flag)
                setattr(cls, option.setting.field, value)
        except ConfigError as exc:  # one line, no traceback, as the CLI reports it
            raise SystemExit(f"mellea-lint (flake8): error: {exc}") from None

    def run(self) -> Iterator[tuple[int, int, str, type[MotChecker]]]:
        module = module_name_for(self.filename) if self.filename not in ("stdin", "-") else None
        if module is not None and surface.module_matches(module, self.internal_modules):
            return
        if not may_have_findings("".join(self.lines)):
            return
        findings = check_tree(
            self.tree, self.filename, lambda: self.lines, module=module,
            producer_modules=self.producer_modules,
        )
        for finding in findings:
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)


def _prefixes(values: Sequence[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip() for v in values if v.strip())
