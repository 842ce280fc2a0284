"""Structural guard for ``mellea-lint check`` start-up (bench/bench_startup.py): a check whose
result is cached imports neither the engine nor the stdlib modules only parsing needs, nor those
a warm run has no use for (the TOML parser: its table is remembered; hashing: the file's stamp
is unchanged; pathlib; tempfile). Counts imported modules, never seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PARSING_ONLY = ("mellea_lint.engine", "mellea_lint.visitor", "mellea_lint.inference", "ast", "tokenize",
                "dataclasses", "inspect")
NOT_WHEN_WARM = ("tomllib", "hashlib", "pathlib", "tempfile")
SOURCE = """\
from mellea.core.base import ModelOutputThunk


def show(mot: ModelOutputThunk[str]) -> None:
    print(mot._generate_log)
"""
RUN_CHECK = (
    "import sys\n"
    "from mellea_lint.cli import main\n"
    "code = main(['check', 'one.py'])\n"
    "print(' '.join(sorted(sys.modules)))\n"
)


def _modules_after_check(project: Path) -> set[str]:
    """The modules imported once ``check`` has reported the file's one finding."""
    done = subprocess.run([sys.executable, "-c", RUN_CHECK], cwd=project, capture_output=True, text=True, check=True)
    *report, modules = done.stdout.splitlines()
    assert report[0].startswith("one.py:5:") and " MOT001 " in report[0], report
    return set(modules.split())


def test_a_cached_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mellea-lint]\nproducer-modules = ["mellea.backends"]\nignore = ["MOT005"]\n'
    )
    (tmp_path / "one.py").write_text(SOURCE)
    os.utime(tmp_path / "one.py", (1, 1))  # older than the window in which a stamp is not trusted
    first = _modules_after_check(tmp_path)
    assert set(PARSING_ONLY) | {"tomllib", "hashlib"} <= first, "the uncached run parsed nothing?"
    cached = _modules_after_check(tmp_path)
    assert not set(PARSING_ONLY + NOT_WHEN_WARM) & cached, sorted(set(PARSING_ONLY + NOT_WHEN_WARM) & cached)
