"""mypy with ``mellea_mypy`` next to another mellea release: one line says so per run, in a
cold run, a warm incremental run and each ``dmypy run``; a configured release is honoured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mellea_lint import surface
from release_env import env_with, mellea_site

BIN = Path(sys.executable).parent
CODE = "count: int = 1\n"
"""The line is about the environment, not the code: a file that imports nothing keeps runs short."""


def _project(tmp_path: Path, section: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.mypy]\nplugins = ["mellea_mypy"]\ncache_dir = ".mypy_cache"\n'
        f"[tool.mellea-lint]\n{section}"
    )
    (tmp_path / "app.py").write_text(CODE)
    return tmp_path


def _run(cwd: Path, command: list[str], site: Path | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env_with(site), capture_output=True, text=True,
                          timeout=600, check=False)


def _lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return [line for line in out.splitlines() if "mellea-typing supports" in line]


EXPECTED_070 = (
    f"mellea_mypy: warning: mellea 0.7.0 is installed, but mellea-typing supports mellea "
    f"{surface.SUPPORTED_MELLEA}: its stubs and checks describe mellea {surface.MELLEA_VERSION}"
)


def test_one_line_per_mypy_run_cold_and_warm(tmp_path: Path) -> None:
    project = _project(tmp_path)
    site = mellea_site("0.7.0")
    for run in ("cold", "warm"):
        proc = _run(project, [str(BIN / "mypy"), "app.py"], site)
        assert _lines(proc) == [EXPECTED_070], (run, proc.stdout, proc.stderr)
        assert proc.returncode == 0, (run, proc.stdout)


def test_one_line_per_dmypy_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    site = mellea_site("0.7.0")
    try:
        for run in ("first", "second", "third"):
            proc = _run(project, [str(BIN / "dmypy"), "run", "--", "app.py"], site)
            assert _lines(proc) == [EXPECTED_070], (run, proc.stdout, proc.stderr)
    finally:
        _run(project, [str(BIN / "dmypy"), "stop"], site)


def test_no_line_with_the_supported_release(tmp_path: Path) -> None:
    proc = _run(_project(tmp_path), [str(BIN / "mypy"), "app.py"], None)
    assert _lines(proc) == [] and proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("release, warns", [("0.6", True), ("0.8", False)])
def test_a_configured_release_is_used(tmp_path: Path, release: str, warns: bool) -> None:
    proc = _run(_project(tmp_path, f'mellea-version = "{release}"\n'), [str(BIN / "mypy"), "app.py"], None)
    lines = _lines(proc)
    assert [line.split(", but")[0] for line in lines] == (
        [f"mellea_mypy: warning: mellea {release} is configured"] if warns else []
    )


def test_a_wrong_release_setting_is_one_error_line(tmp_path: Path) -> None:
    proc = _run(_project(tmp_path, 'mellea-version = "1.0"\n'), [str(BIN / "mypy"), "app.py"], None)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.strip()] == [
        f"mellea_mypy: error: {tmp_path}/pyproject.toml: [tool.mellea-lint] mellea-version must be a mellea "
        "release such as '0.8' (known: 0.6, 0.7, 0.8), got '1.0'"
    ]


HINTED = """\
from mellea.core.base import ModelOutputThunk


def show(mot: ModelOutputThunk[str]) -> None:
    print(mot._generate_log, mot._thinking)
    print(mot._meta["chat_response"], mot._error)
    mot._generate_log = None
"""
KEEP = "keep it, with the finding suppressed, until you upgrade"
PRODUCER = "if this is producer code, list its module in producer-modules of [tool.mellea-lint] or add '# type: ignore[mellea-private]'"
PRIVATE = 'app.py:{line}: error: Private member "{member}" of ModelOutputThunk: {hint}  [mellea-private]'
HINTS = {
    # The lint's texts (tests/versions/test_lint_release.py), read against PUBLIC_MEMBER_RELEASES.
    "0.6": [
        (5, "_generate_log", f"mellea 0.6 has no public read (from 0.7 on: use mot.generate_log); {KEEP}"),
        (5, "_thinking", f"mellea 0.6 has no public read (from 0.7 on: use mot.thinking); {KEEP}"),
        (6, "_meta", "mellea 0.6 has no public read (from 0.7 on: use mot.raw.response where "
                     f"mot.raw.provider == 'ollama'); {KEEP}"),
        (6, "_error", "not in mellea 0.6 (added in 0.7)"),
        (7, "_generate_log", f"there is no public setter; {PRODUCER}"),
    ],
    "0.7": [
        (5, "_generate_log", "use mot.generate_log"),
        (5, "_thinking", "removed in mellea 0.7: use mot.thinking"),
        (6, "_meta", "use mot.raw.response where mot.raw.provider == 'ollama'"),
        (6, "_error", "use mot.error"),
        (7, "_generate_log", f"there is no public setter (mot.generate_log is read-only); {PRODUCER}"),
    ],
}


def test_hints_follow_the_configured_release_through_the_mypy_cache(tmp_path: Path) -> None:
    """The same project and cache, the setting changed between runs: the cached results of the
    first release are not reused for the second (the plugin's config data holds the release)."""
    for release in ("0.6", "0.7"):
        project = _project(tmp_path, f'mellea-version = "{release}"\n')
        (project / "app.py").write_text(HINTED)
        proc = _run(project, [str(BIN / "mypy"), "app.py"], None)
        errors = [line for line in proc.stdout.splitlines() if line.startswith("app.py:")]
        assert errors == [PRIVATE.format(line=n, member=m, hint=h) for n, m, h in HINTS[release]], proc.stdout
