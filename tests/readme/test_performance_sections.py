"""`make bench` writes its figures into docs/performance.md and the start-up lines into the README:
both carry the markers it rewrites, and a rewrite changes only what lies between them."""

from __future__ import annotations

from pathlib import Path

from bench.run_all import DOCS, README, replace_section


def test_both_files_carry_the_markers_bench_rewrites() -> None:
    assert "<!-- BEGIN performance -->" in DOCS.read_text() and "<!-- END performance -->" in DOCS.read_text()
    assert README.read_text().count("<!-- BEGIN startup -->") == 1
    assert "](docs/performance.md)" in README.read_text()


def test_rewrite_keeps_everything_outside_the_markers(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("head\n<!-- BEGIN startup -->\nold\n<!-- END startup -->\ntail\n")
    replace_section(path, "startup", "new figures")
    assert path.read_text() == "head\n<!-- BEGIN startup -->\nnew figures\n<!-- END startup -->\ntail\n"
