"""flake8 adapter: the MOT rules as a flake8 AST plugin (entry point ``MOT``).

Uses the tree flake8 already parsed (no second parse); ``# noqa`` and ``--select``
are flake8's own. Options (command line or ``[flake8]`` in the config file):
``--mot-internal-modules`` and ``--mot-producer-modules``, comma-separated dotted
module prefixes, ``--mot-extra-providers``, third-party provider literals, and
``--mot-detect-producers`` (true or false).
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from . import surface
from .engine import check_tree, may_have_findings, module_name_for


@dataclass(frozen=True)
class Option:
    """A plugin option (also documented in the README from here)."""

    flag: str
    default: tuple[str, ...]
    help: str


OPTIONS: Final = (
    Option(
        "--mot-internal-modules", surface.DEFAULT_INTERNAL_MODULES,
        "modules (comma-separated dotted prefixes) that implement the thunk: nothing is reported in them",
    ),
    Option(
        "--mot-producer-modules", surface.DEFAULT_PRODUCER_MODULES,
        "modules (comma-separated dotted prefixes) that produce thunks: they may write the "
        "members producers set and read those without a public replacement",
    ),
    Option(
        "--mot-extra-providers", (),
        "third-party raw.provider literals (comma-separated) that MOT006 accepts besides mellea's own",
    ),
    Option(
        "--mot-detect-producers", ("true",),
        "true or false: recognise producer code without configuration (backend classes, "
        "functions that build and fill a thunk, the callbacks they register)",
    ),
)

PRODUCER_ADVICE: Final = "list its module in --mot-producer-modules or add '# noqa: {code}'"
"""How a flake8 user declares producer code (the CLI's is ``config.PRODUCER_ADVICE``)."""


class MotChecker:
    """One instance per file; flake8 calls ``run`` and prints what it yields."""

    name = "mellea-lint"
    internal_modules: ClassVar[tuple[str, ...]] = surface.DEFAULT_INTERNAL_MODULES
    producer_modules: ClassVar[tuple[str, ...]] = surface.DEFAULT_PRODUCER_MODULES
    extra_providers: ClassVar[tuple[str, ...]] = ()
    detect_producers: ClassVar[bool] = True

    def __init__(self, tree: ast.Module, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, manager: Any) -> None:
        for option in OPTIONS:
            manager.add_option(
                option.flag, default=",".join(option.default), parse_from_config=True,
                comma_separated_list=True, help=f"{option.help} (default: %(default)s)",
            )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        cls.internal_modules = _prefixes(options.mot_internal_modules)
        cls.producer_modules = _prefixes(options.mot_producer_modules)
        cls.extra_providers = _prefixes(options.mot_extra_providers)
        flag = ",".join(_prefixes(options.mot_detect_producers)).lower() or "true"
        if flag not in ("true", "false"):
            raise SystemExit(f"flake8: --mot-detect-producers must be true or false, got {flag!r}")
        cls.detect_producers = flag == "true"

    def run(self) -> Iterator[tuple[int, int, str, type[MotChecker]]]:
        module = module_name_for(self.filename) if self.filename not in ("stdin", "-") else None
        if module is not None and surface.module_matches(module, self.internal_modules):
            return
        if not may_have_findings("".join(self.lines)):
            return
        findings = check_tree(
            self.tree, self.filename, lambda: self.lines, module=module,
            producer_modules=self.producer_modules, extra_providers=self.extra_providers,
            detect_producers=self.detect_producers, producer_advice=PRODUCER_ADVICE,
        )
        for finding in findings:
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)


def _prefixes(values: Sequence[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip() for v in values if v.strip())
