"""The narrowing matrix of docs/design.md is exactly what tools/stub_matrix.py derives from the
ignore marks in tests/assert_type/, and every mark carries a `# why:` comment."""

from __future__ import annotations

from tools.stub_matrix import FORMS_DIR, _gaps, doc_block, render


def test_design_doc_matrix_is_generated() -> None:
    assert doc_block() == render(), "run: python -m tools.stub_matrix --write"


def test_every_mark_says_why() -> None:
    for path in FORMS_DIR.glob("form_*.py"):
        _gaps(path)  # raises on an ignore without `# why:`
