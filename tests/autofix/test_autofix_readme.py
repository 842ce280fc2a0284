"""The README's autofix table is the one generated from the surface table."""

from __future__ import annotations

from pathlib import Path

from mellea_lint.cli import fixes_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_rewrite() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Autofix"): text.index("<!-- END adoption -->")]
    assert fixes_table() in section, "regenerate with mellea_lint.cli.fixes_table()"
