"""stubtest: every stubbed module (the hand-written mellea.core.base and mellea.core.backend, and
the ones tools/backend_stubs.py generates) agrees with the installed mellea 0.8.0, apart from the
allowlisted stub-only design points (each entry in allowlist.txt says why) and the modules that
need an extra the tests' environment does not install (``NEEDS_EXTRA``; their stubs are checked
against mellea's source in test_backend_stubs.py)."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.drift import STUBBED_MODULES

HERE = Path(__file__).resolve().parent
STUB_ROOT = HERE.parents[1] / "stubs" / "mellea-stubs"

NEEDS_EXTRA = {
    # imports torch, transformers and llguidance at module level (`pip install "mellea[hf]"`)
    "mellea.backends.huggingface": "hf",
}
"""Stubbed modules that cannot be imported without the named extra of mellea, so stubtest,
which imports the runtime module, cannot check them here."""

CHECKED = [m for m in STUBBED_MODULES if m not in NEEDS_EXTRA]


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


def test_the_stubbed_modules_are_the_stub_files() -> None:
    """STUBBED_MODULES (which stubtest and tools/drift.py check) is every module the stub
    package declares."""
    files = set()
    for path in STUB_ROOT.rglob("*.pyi"):
        parts = path.relative_to(STUB_ROOT).with_suffix("").parts
        files.add(".".join(("mellea", *(parts[:-1] if parts[-1] == "__init__" else parts))))
    assert files == set(STUBBED_MODULES)
    assert len(STUBBED_MODULES) == len(set(STUBBED_MODULES))


@pytest.mark.parametrize("module, extra", sorted(NEEDS_EXTRA.items()))
def test_each_module_left_out_needs_its_extra(module: str, extra: str) -> None:
    """Each module left out of the stubtest run still cannot be imported, for want of that extra
    (mellea's own error names it)."""
    assert module in STUBBED_MODULES
    assert extra in (importlib.metadata.metadata("mellea").get_all("Provides-Extra") or [])
    try:
        importlib.import_module(module)
    except ImportError as exc:
        assert f"mellea[{extra}]" in str(exc), exc
    else:
        pytest.fail(
            f"{module} imports now (mellea[{extra}] is installed): remove it from NEEDS_EXTRA in "
            f"tests/stubs/test_stubtest.py, so that stubtest checks its stub"
        )


def test_stubtest_passes(tmp_path: Path) -> None:
    """Every stubbed module but those of NEEDS_EXTRA (about 20 s: stubtest imports mellea and
    every provider SDK the backends use)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", *CHECKED,
         "--allowlist", str(HERE / "allowlist.txt"), "--mypy-config-file", str(HERE / "mypy-stubtest.ini")],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"},  # litellm fetches its cost map on import otherwise
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert f"no issues found in {len(CHECKED)} modules" in proc.stdout, proc.stdout
