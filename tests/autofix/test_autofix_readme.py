"""The autofix table of docs/adoption.md is the one generated from the surface table."""

from __future__ import annotations

from mellea_lint.cli import fixes_table

from tools.readme_sections import section


def test_adoption_doc_lists_every_rewrite() -> None:
    text = section("adoption", "docs/adoption.md")
    autofix = text[text.index("## Autofix"):]
    assert fixes_table() in autofix, "regenerate with mellea_lint.cli.fixes_table()"
