"""The rule docs (docs/rules.md) and the flake8 options (docs/lint.md) are the generated text,
the README's one-line-per-rule table links every rule's doc, and the docs are complete."""

from __future__ import annotations

import re

import pytest
from mellea_lint.readme import flake8_options_table, rules_section
from mellea_lint.rules import RULES, render_doc

from tools.readme_sections import section


def _inside(block: str) -> str:
    """A block without its BEGIN/END marker lines."""
    return block.split("\n", 1)[1].rsplit("\n", 1)[0]


def test_rule_docs_are_generated_text() -> None:
    assert _inside(section("rules", "docs/rules.md")).strip() == rules_section().strip(), (
        "regenerate docs/rules.md from python -m mellea_lint.readme")


def test_flake8_options_are_generated_text() -> None:
    assert flake8_options_table() in section("lint", "docs/lint.md")


def test_readme_lists_every_rule_once_with_a_link_to_its_doc() -> None:
    rows = [f"| [{r.code}](docs/rules.md#{r.code.lower()}-{r.name}) | {r.summary} |" for r in RULES.values()]
    table = "| Code | Reports |\n|---|---|\n" + "\n".join(rows) + "\n"
    text = section("lint-gate")
    assert table in text
    assert re.findall(r"^\| \[(MOT\d{3})\]", text, re.MULTILINE) == list(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_doc_has_the_four_parts(code: str) -> None:
    rule = RULES[code]
    assert rule.code == code and re.fullmatch(r"MOT\d{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", rule.name)
    assert "\n" not in rule.summary and rule.summary
    doc = render_doc(code)
    prose = re.sub(r"```python\n.*?```", "", doc, flags=re.DOTALL)
    headings = [line for line in prose.splitlines() if line.startswith("#")]
    assert headings == [f"# {code} {rule.name}", "## What it does", "## Why is this bad?", "## Example", "## Use instead"]
    for part in (rule.what, rule.why, rule.example, rule.use_instead):
        assert part and part in doc


def test_unknown_rule_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render_doc("MOT999")
