"""The README's compatibility table is the generated one (pins and declared ranges, not memory)."""

from __future__ import annotations

from tools import compat_table


def test_readme_carries_the_generated_compatibility_table() -> None:
    text = compat_table.README.read_text()
    block = text.split(compat_table.START, 1)[1].split(compat_table.END, 1)[0]
    assert block.strip() == compat_table.render().strip()


def test_every_row_names_a_pinned_distribution() -> None:
    pins = compat_table._pins()
    assert all(dist in pins for _, dist, _ in compat_table.ROWS)
