"""Every fixture through the engine: exactly the annotated findings, no more, no fewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_expectations import FIXTURES, expected_findings, fixture_files
from mellea_lint.config import LintConfig
from mellea_lint.engine import check_source
from mellea_lint.filecheck import drop_noqa


def engine_findings(path: Path, **options: tuple[str, ...]) -> set[tuple[str, int, int, str]]:
    source = path.read_text(encoding="utf-8")
    findings = drop_noqa(check_source(source, str(path), LintConfig(**options)), source.split("\n"))
    return {(str(path), f.line, f.col + 1, f.code) for f in findings}


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path: Path) -> None:
    assert engine_findings(path) == expected_findings(path)


def test_fixtures_cover_every_rule() -> None:
    codes = {code for path in fixture_files() for *_, code in expected_findings(path)}
    assert codes == {"MOT001", "MOT002", "MOT003", "MOT004", "MOT005", "MOT006"}


def test_producer_modules_may_write_what_producers_set() -> None:
    path = FIXTURES / "producer_writes.py"
    default = engine_findings(path)
    as_producer = engine_findings(path, producer_modules=("producer_writes",))
    lines = path.read_text().splitlines()
    kept = {lines[line - 1].strip() for _, line, _, _ in as_producer}
    # Producers own what they set: writes, writes through (``mot._gen.start = ...``) and reads
    # of members without a public spelling; a read that has one (``_generate_log``) stays reported,
    # as does a member producers never set (``_aiter_started``).
    assert kept == {
        "mot._aiter_started = True  # MOT003:8",
        "print(mot._generate_log)  # MOT001:14",
        'getattr(mot, "_generate_log")  # MOT004:18',
    }
    assert as_producer < default


def test_internal_modules_option_silences_a_module() -> None:
    path = FIXTURES / "mot002_private_member.py"
    assert engine_findings(path)
    assert engine_findings(path, internal_modules=("mot002_private_member",)) == set()
    assert engine_findings(path, internal_modules=("mot002",)) != set()  # prefixes match whole parts
