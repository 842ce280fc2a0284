"""``mellea-lint rule`` and ``mellea-lint ruff-config`` print what the code defines."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cli_support import Lint
from mellea_lint.rules import RULES, render_doc
from mellea_lint.surface import PRIVATE_CORE_NAMES


def test_rule_prints_the_rule_doc(lint: Lint) -> None:
    for code in RULES:
        result = lint("rule", code.lower())
        assert (result.returncode, result.stdout) == (0, render_doc(code))
        assert RULES[code].name in result.stdout and RULES[code].use_instead in result.stdout


def test_rule_all_prints_every_rule_in_order(lint: Lint) -> None:
    out = lint("rule", "--all").stdout
    positions = [out.index(render_doc(code)) for code in RULES]
    assert positions == sorted(positions) and len(positions) == len(RULES) >= 1


def test_ruff_config_is_toml_from_the_surface_table(project: Path, lint: Lint) -> None:
    preset = tomllib.loads(lint("ruff-config").stdout)["lint"]
    assert preset["extend-select"] == ["SLF001", "TID251"] and preset["external"] == ["MOT"]
    assert preset["per-file-ignores"] == {"**/mellea/core/**": ["SLF001", "TID251"]}
    banned = preset["flake8-tidy-imports"]["banned-api"]
    assert sorted(banned) == sorted(f"mellea.core.base.{name}" for name in PRIVATE_CORE_NAMES)
    for name, note in PRIVATE_CORE_NAMES.items():
        assert banned[f"mellea.core.base.{name}"]["msg"].startswith(note)
    pyproject = tomllib.loads(lint("ruff-config", "--pyproject").stdout)
    assert pyproject["tool"]["ruff"]["lint"] == preset


def test_ruff_config_follows_internal_modules_from_config(project: Path, lint: Lint) -> None:
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\ninternal-modules = ["a.b", "c"]\n')
    preset = tomllib.loads(lint("ruff-config").stdout)["lint"]
    assert sorted(preset["per-file-ignores"]) == ["**/a/b/**", "**/c/**"]
