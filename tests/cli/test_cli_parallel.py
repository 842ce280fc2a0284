"""Parallel checking gives the serial result, and the checked code is never imported or run."""

from __future__ import annotations

from pathlib import Path

from cli_support import CLEAN, THUNK_USE, Lint


def test_jobs_do_not_change_the_output(project: Path, lint: Lint) -> None:
    # Enough files and bytes to go through the process pool (see runner.SERIAL_MAX_*).
    filler = "\n".join(f"value_{i} = {i}" for i in range(2000)) + "\n"
    for i in range(40):
        (project / f"m{i:02}.py").write_text((THUNK_USE if i % 3 == 0 else CLEAN) + filler)
    serial = lint("check", "--no-cache", "--jobs", "1", "--output-format", "json", ".")
    parallel = lint("check", "--no-cache", "--jobs", "4", "--output-format", "json", ".")
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert serial.stdout.count('"code": "MOT002"') == 14


def test_checked_code_is_never_imported_or_executed(project: Path, lint: Lint) -> None:
    marker = project / "MARKER"
    payload = f"open({str(marker)!r}, 'w').close()\n"
    (project / "pkg").mkdir()
    for name in ("pkg/__init__.py", "pkg/mod.py", "conftest.py", "setup.py", "__main__.py"):
        (project / name).write_text(payload + THUNK_USE)
    (project / "pkg" / "uses.py").write_text("import pkg.mod\nfrom . import mod\n" + payload)
    for jobs in ("1", "4"):
        assert lint("check", "--no-cache", "--jobs", jobs, ".").returncode == 1
    assert not marker.exists()
