"""mypy with the plugin never crashes: serial, in parallel mode (``--num-workers 2``) and as
a daemon (``dmypy run`` twice), over mellea 0.8.0's own package, ``examples/``, a project
without mellea, and a package whose import would create a marker file (never imported).

The checked environment is ``.venv-nosdk`` (as in tests/mypy_plugin): mellea with its base
dependencies and our wheel. mellea 0.8.0's tests are not in its wheel, so they are not here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typecheck_trees import (
    MYPY_CONFIG,
    NOSDK_PYTHON,
    THUNK_READ,
    module_count,
    write_marker_project,
    write_mixed_tree,
)

BIN = Path(sys.executable).parent
PRIVATE_READ = 'error: Private member "_gen" of ModelOutputThunk: _gen is internal to mellea.core  [mellea-private]'


def assert_no_crash(result: subprocess.CompletedProcess[str]) -> list[str]:
    """mypy finished normally (exit 0 or 1, no internal error); returns its output lines."""
    output = result.stdout + result.stderr
    assert "INTERNAL ERROR" not in output and "Traceback" not in output, output[-3000:]
    assert result.returncode in (0, 1), output[-3000:]
    return result.stdout.splitlines()


@pytest.mark.parametrize("workers", [None, "2"], ids=["serial", "num-workers-2"])
def test_mypy_plugin_over_mixed_tree(tmp_path: Path, mellea_080_tree: Path, workers: str | None) -> None:
    marker = tmp_path / "MARKER"
    paths = write_mixed_tree(tmp_path, mellea_080_tree, marker)
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG)
    parallel = ["--num-workers", workers] if workers else []
    result = subprocess.run(
        [str(BIN / "mypy"), "--config-file", "mypy.ini", "--python-executable", str(NOSDK_PYTHON),
         "--cache-dir", str(tmp_path / "cache"), *parallel, *paths],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )
    lines = assert_no_crash(result)
    summary = re.fullmatch(r"Found \d+ errors? in \d+ files? \(checked (\d+) source files\)", lines[-1])
    assert summary and int(summary[1]) == module_count(tmp_path, paths), lines[-1]
    assert f"markerproj/uses.py:{5 + 3}: {PRIVATE_READ}" in lines  # the plugin ran
    assert not marker.exists()


def test_dmypy_run_twice_with_plugin(tmp_path: Path) -> None:
    """The second run rechecks an edited file: the daemon keeps the plugin's results right."""
    marker = tmp_path / "MARKER"
    write_marker_project(tmp_path, marker)
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG)
    edited = tmp_path / "markerproj" / "mod.py"
    status = tmp_path / "dmypy.json"
    dmypy = [str(BIN / "dmypy"), "--status-file", str(status)]
    run = [*dmypy, "run", "--", "--config-file", "mypy.ini", "--python-executable", str(NOSDK_PYTHON),
           "--cache-dir", str(tmp_path / "cache"), "markerproj"]
    try:
        first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
        assert f"markerproj/uses.py:8: {PRIVATE_READ}" in assert_no_crash(first)
        edited.write_text(edited.read_text() + THUNK_READ)
        second = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
        lines = assert_no_crash(second)
    finally:
        subprocess.run([*dmypy, "stop"], cwd=tmp_path, capture_output=True, timeout=60, check=False)
    assert sorted(line for line in lines if PRIVATE_READ in line) == [
        f"markerproj/mod.py:6: {PRIVATE_READ}", f"markerproj/uses.py:8: {PRIVATE_READ}"]
    assert not marker.exists()
