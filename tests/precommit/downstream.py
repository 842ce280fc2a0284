"""A downstream project for the pre-commit and CI tests: one module in two states, and a way to
run a command in it.

The module holds a private thunk read with a public replacement (MOT001 at line 5), or that
replacement instead.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

VIOLATION = """\
from mellea.core.base import ModelOutputThunk


def generation_log(mot: ModelOutputThunk[str]) -> object:
    return mot._generate_log
"""
CLEAN = VIOLATION.replace("mot._generate_log", "mot.generate_log")


def run(
    command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and capture its text output; the caller judges the exit status."""
    return subprocess.run(
        list(command),
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
