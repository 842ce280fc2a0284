"""The ``make demo`` drift example prints the drifted field with its path."""

from __future__ import annotations

from mellea_lint.payloads.demo import drift_demo


def test_the_drift_demo_reports_the_drifted_field_with_its_path() -> None:
    assert drift_demo().splitlines() == [
        "replaying openai-chat.json (reasoning_content drifted to a list):",
        "openai payload (OpenAIRaw): 1 mismatch",
        "  choices[0].message.reasoning_content: expected str | None, got list",
    ]
