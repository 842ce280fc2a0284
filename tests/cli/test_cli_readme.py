"""The CLI reference (docs/lint.md) carries the tables and the ruff preset the code generates."""

from __future__ import annotations

from mellea_lint.cli import file_errors_table, options_table
from mellea_lint.ruff_preset import render

from tools.readme_sections import section


def _lint_section() -> str:
    return section("lint", "docs/lint.md")


def test_lint_doc_has_the_generated_tables() -> None:
    section = _lint_section()
    assert options_table() in section, "regenerate with mellea_lint.cli.options_table()"
    assert file_errors_table() in section, "regenerate with mellea_lint.cli.file_errors_table()"


def test_lint_doc_has_the_ruff_preset() -> None:
    assert f"```toml\n{render()}```" in _lint_section(), "regenerate with `mellea-lint ruff-config`"
