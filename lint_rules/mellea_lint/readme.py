"""The lint documentation generated from code: the rule table and docs (docs/rules.md), the
flake8 options (docs/lint.md).

``python -m mellea_lint.readme`` prints it; ``tests/lint/test_lint_readme.py`` checks those
pages carry exactly this text (and that the README's short rule table links every rule there).
"""

from __future__ import annotations

from .flake8_plugin import OPTIONS
from .rules import RULES, Rule, render_doc


def _anchor(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}".lower()


def rules_section() -> str:
    """``### Rules``: the table, then every rule's documentation (as ``mellea-lint rule`` prints it)."""
    rows = "\n".join(f"| [{r.code}](#{_anchor(r)}) | `{r.name}` | {r.summary} |" for r in RULES.values())
    docs = "\n".join(render_doc(code, level=4) for code in RULES)
    return (
        "### Rules\n\n"
        "Generated from `lint_rules/mellea_lint/rules.py` (`python -m mellea_lint.readme`); "
        "`mellea-lint rule CODE` prints the same text.\n\n"
        "| Code | Name | Summary |\n|---|---|---|\n"
        f"{rows}\n\n{docs}"
    )


def flake8_options_table() -> str:
    """The flake8 options, as a Markdown table: each is an alias of a ``[tool.mellea-lint]`` key."""
    rows = "\n".join(f"| `{o.flag}` | [`{o.setting.key}`](#configuration) |" for o in OPTIONS)
    return f"| Option | Alias of |\n|---|---|\n{rows}\n"


if __name__ == "__main__":
    print(rules_section())
    print(flake8_options_table(), end="")
