"""Real mypy runs: bad settings end in one line, the cache follows settings changes, and
(slow, one batched run each) nothing crashes on mellea's own code or a non-mellea project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mypy_envs import bare_python

MYPY = [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context", "--no-pretty"]


def run_mypy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MYPY, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def assert_no_crash(proc: subprocess.CompletedProcess[str]) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), output[-3000:]
    assert "INTERNAL ERROR" not in output and "Traceback" not in output, output[-3000:]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("pyproject.toml", '[tool.mypy]\nplugins = ["mellea_mypy"]\n[tool.mellea-mypy]\ninternal_modules = "x"\n',
         "[tool.mellea-mypy] internal_modules must be a list of strings, got 'x'"),
        ("mypy.ini", "[mypy]\nplugins = mellea_mypy\n[mellea-mypy]\nproducers = a\n",
         "[mellea-mypy] unknown key 'producers' (known: extra_providers, internal_modules, mellea_version, producer_modules)"),
    ],
)
def test_bad_setting_is_one_line_without_traceback(tmp_path: Path, name: str, text: str, expected: str) -> None:
    (tmp_path / name).write_text(text)
    (tmp_path / "app.py").write_text("x = 1\n")
    proc = run_mypy(tmp_path, "--config-file", name, "app.py")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"{name}: error: {expected}"]
    assert "Traceback" not in proc.stdout + proc.stderr


def test_cached_rerun_and_config_change(tmp_path: Path) -> None:
    """A cached second run repeats the findings; a settings change is not served stale."""
    (tmp_path / "app.py").write_text(
        "from mellea.core.base import ModelOutputThunk\n"
        "def f(mot: ModelOutputThunk[str]) -> None:\n    mot._generate_log = None\n"
    )
    config = tmp_path / "pyproject.toml"
    plain = f'[tool.mypy]\nplugins = ["mellea_mypy"]\npython_executable = "{bare_python()}"\n'
    finding = 'app.py:3: error: Private member "_generate_log" of ModelOutputThunk: use mot.generate_log  [mellea-private]'
    args = ("--config-file", str(config), "--cache-dir", str(tmp_path / "cache"), "app.py")

    config.write_text(plain)
    first = run_mypy(tmp_path, *args)
    second = run_mypy(tmp_path, *args)
    assert first.stdout.splitlines() == second.stdout.splitlines() == [finding]

    config.write_text(plain + '[tool.mellea-mypy]\nproducer_modules = ["app"]\n')
    allowed = run_mypy(tmp_path, *args)
    assert allowed.returncode == 0 and allowed.stdout == "", allowed.stdout

    config.write_text(plain)
    assert run_mypy(tmp_path, *args).stdout.splitlines() == [finding]


CRASH_CONFIG = "[mypy]\nplugins = mellea_mypy\nignore_missing_imports = True\ncheck_untyped_defs = True\n"


def test_no_crash_on_mellea_080_package(tmp_path: Path, mellea_080_tree: Path) -> None:
    """SLOW (one batched run): mellea 0.8.0's own package from the released wheel."""
    (tmp_path / "mypy.ini").write_text(CRASH_CONFIG)
    proc = run_mypy(mellea_080_tree, "--config-file", str(tmp_path / "mypy.ini"), "--cache-dir",
                    str(tmp_path / "cache"), "--no-site-packages", "-p", "mellea", "-p", "cli")
    assert_no_crash(proc)
    assert "[mellea-private]" in proc.stdout  # the backends touch thunk internals: the hooks ran


def test_no_crash_on_mellea_070_tests_and_a_non_mellea_project(tmp_path: Path, mellea_070_tree: Path) -> None:
    """SLOW (one batched run): the 0.7.0 wheel's test/ folder against 0.8.0, plus a project
    without mellea (this repository's lint package)."""
    (tmp_path / "mypy.ini").write_text(CRASH_CONFIG)
    lint = Path(__file__).resolve().parents[2] / "lint_rules"
    proc = run_mypy(mellea_070_tree, "--config-file", str(tmp_path / "mypy.ini"), "--cache-dir",
                    str(tmp_path / "cache"), "--python-executable", str(bare_python()), "test")
    assert_no_crash(proc)
    other = run_mypy(lint, "--config-file", str(tmp_path / "mypy.ini"), "--cache-dir",
                     str(tmp_path / "cache2"), "--no-site-packages", "-p", "mellea_lint")
    assert_no_crash(other)
