"""stubtest: the stubs of mellea.core.base and mellea.core.backend agree with the installed mellea 0.8.0, apart from
the allowlisted stub-only design points (each entry in allowlist.txt says why)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _entries() -> list[tuple[str, list[str]]]:
    """(allowlist entry, the comment lines right above it)."""
    out, comments = [], []
    for line in (HERE / "allowlist.txt").read_text().splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            out.append((line.strip(), comments))
            comments = []
        else:  # a blank line ends a comment block: it explains no entry
            comments = []
    return out


def test_every_allowlist_entry_says_why() -> None:
    entries = _entries()
    assert entries
    assert all(why for _, why in entries), [e for e, why in entries if not why]


def test_stubtest_passes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "mellea.core.base", "mellea.core.backend",
         "--allowlist", str(HERE / "allowlist.txt"), "--mypy-config-file", str(HERE / "mypy-stubtest.ini")],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
