"""The rule table, rule docs and flake8 options in the README are the generated text, and the docs are complete."""

from __future__ import annotations

import re

import pytest
from mellea_lint.readme import flake8_options_table, rules_section
from mellea_lint.rules import RULES, render_doc

from tools.readme_sections import section


def lint_section() -> str:
    return section("lint")


def test_readme_rules_are_generated_text() -> None:
    section = lint_section()
    start = section.index("### Rules\n")
    end = section.find("\n### ", start + 1)
    assert section[start:end if end != -1 else None].rstrip() == rules_section().rstrip()


def test_readme_flake8_options_are_generated_text() -> None:
    assert flake8_options_table() in lint_section()


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
