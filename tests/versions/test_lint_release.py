"""``mellea-lint`` next to another mellea release: one line says so (once per run, whatever
``--jobs``), and ``--fix`` rewrites only to public members that exist in that release."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mellea_lint import surface
from release_env import env_with, mellea_site

SCRIPT = Path(sys.executable).parent / "mellea-lint"

READS = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk


    def show(mot: ModelOutputThunk) -> None:
        print(mot._underlying_value, mot._computed, mot._cancelled, mot._error)
        print(mot._generate_log, mot._thinking)
        print(mot._meta["chat_response"], mot._meta["oai_chat_response_streamed"])
        print(mot._meta["usage"])
    """
)
"""Every private read the autofix has a rewrite for, on a certain thunk."""


def _project(tmp_path: Path, table: str = "", files: int = 1) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "demo"\n[tool.mellea-lint]\n{table}')
    for n in range(files):
        (tmp_path / f"reads_{n}.py").write_text(READS)
    return tmp_path


def _lint(cwd: Path, *args: str, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "check", "--no-cache", *args], cwd=cwd, env=env_with(site),
        capture_output=True, text=True, timeout=300, check=False,
    )


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "mellea-typing supports" in line]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_line_names_the_installed_release_and_the_range(tmp_path: Path, jobs: str) -> None:
    proc = _lint(_project(tmp_path, files=6), "--jobs", jobs, site=mellea_site("0.7.0"))
    assert _warnings(proc.stderr) == [
        f"mellea-lint: warning: mellea 0.7.0 is installed, but mellea-typing supports mellea "
        f"{surface.SUPPORTED_MELLEA}: its stubs and checks describe mellea {surface.MELLEA_VERSION}; "
        f"--fix rewrites only to public names that exist in 0.7"
    ], proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1 and "MOT001" in proc.stdout  # the check itself still runs


def test_no_line_with_a_supported_release(tmp_path: Path) -> None:
    proc = _lint(_project(tmp_path), "--jobs", "2")
    assert proc.returncode == 1 and not _warnings(proc.stderr), proc.stderr


def test_a_configured_release_is_used_and_named(tmp_path: Path) -> None:
    proc = _lint(_project(tmp_path, 'mellea-version = "0.6"\n'))
    assert [w.split(", but")[0] for w in _warnings(proc.stderr)] == [
        "mellea-lint: warning: mellea 0.6 is configured"
    ]
    assert not _warnings(_lint(_project(tmp_path, 'mellea-version = "0.8"\n')).stderr)


def test_a_wrong_release_setting_is_one_error_line(tmp_path: Path) -> None:
    proc = _lint(_project(tmp_path, 'mellea-version = "0.5"\n'))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "mellea-version must be a mellea release" in proc.stderr and "0.6, 0.7, 0.8" in proc.stderr


def _public_names_after_fix(path: Path) -> set[str]:
    """The attributes the fixed file reads on ``mot`` (public spellings: the fixes' targets)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "mot":
            names.add(node.attr)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("how", ["configured", "installed"])
@pytest.mark.parametrize("release", surface.RELEASES)
def test_fix_rewrites_only_to_members_of_the_release(tmp_path: Path, release: str, how: str) -> None:
    if how == "configured":
        project, site = _project(tmp_path, f'mellea-version = "{release}"\n'), None
    else:
        project, site = _project(tmp_path), mellea_site(f"{release}.0")
    proc = _lint(project, "--fix", site=site)
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), proc.stderr
    written = _public_names_after_fix(project / "reads_0.py")
    existing = surface.public_members_in(release)
    assert written and written <= existing, f"{release}: rewrote to {sorted(written - existing)}"
    offered = {
        surface.fix_target(m.fix) for m in surface.PRIVATE_MEMBERS if m.fix and f"mot.{m.name}" in READS
    } | {surface.fix_target(k.fix) for k in surface.META_KEYS if k.fix and f'"{k.key}"' in READS}
    assert written == offered & existing  # and every fix that exists there is applied


def test_thinking_is_offered_from_0_7_on_only(tmp_path: Path) -> None:
    """The issue's example: ``_thinking`` -> ``.thinking`` breaks 0.6, which has no ``thinking``."""
    assert "thinking" not in surface.public_members_in("0.6")
    assert "thinking" in surface.public_members_in("0.7")
    for release, expected in (("0.6", False), ("0.7", True)):
        project = _project(tmp_path / release, f'mellea-version = "{release}"\n')
        _lint(project, "--fix")
        assert ("mot.thinking" in (project / "reads_0.py").read_text()) is expected, release


HINTED = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk


    def show(mot: ModelOutputThunk) -> None:
        print(mot._generate_log, mot._thinking)
        print(mot._meta["chat_response"], mot._error)
    """
)
KEEP = "keep it, with the finding suppressed, until you upgrade"
MESSAGES = {
    # Read by hand against PUBLIC_MEMBER_RELEASES (generate_log, thinking, raw, error: from 0.7)
    # and each member's releases (_thinking: 0.6 only; _error: from 0.7).
    "0.6": [
        "5:14: MOT002 private thunk member _generate_log read: mellea 0.6 has no public read "
        f"(from 0.7 on: use mot.generate_log); {KEEP}",
        f"5:33: MOT002 private thunk member _thinking read: mellea 0.6 has no public read "
        f"(from 0.7 on: use mot.thinking); {KEEP}",
        "6:14: MOT002 private thunk member _meta['chat_response'] read: mellea 0.6 has no public read "
        f"(from 0.7 on: use mot.raw.response where mot.raw.provider == 'ollama'); {KEEP}",
        "6:42: MOT002 private thunk member _error read: not in mellea 0.6 (added in 0.7)",
    ],
    "0.7": [
        "5:14: MOT001 private thunk member _generate_log read: use mot.generate_log",
        "5:33: MOT001 private thunk member _thinking read: removed in mellea 0.7: use mot.thinking",
        "6:14: MOT001 private thunk member _meta['chat_response'] read: use mot.raw.response where "
        "mot.raw.provider == 'ollama'",
        "6:42: MOT001 private thunk member _error read: use mot.error",
    ],
}
MESSAGES["0.8"] = MESSAGES["0.7"]  # nothing this file reads changed between 0.7 and 0.8


def _hinted_project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "demo"\n[tool.mellea-lint]\n{table}')
    (tmp_path / "hinted.py").write_text(HINTED)
    return tmp_path


def _messages(stdout: str) -> list[str]:
    return [line.removeprefix("hinted.py:") for line in stdout.splitlines() if line.startswith("hinted.py:")]


def test_cli_hints_follow_the_configured_release_through_the_cache(tmp_path: Path) -> None:
    """One project, one cache folder, the setting changed between runs: each run's messages are
    that release's (the cache key holds the release), back and forth."""
    for release in ("0.6", "0.7", "0.8", "0.6"):
        project = _hinted_project(tmp_path, f'mellea-version = "{release}"\n')
        proc = subprocess.run([str(SCRIPT), "check"], cwd=project, capture_output=True, text=True,
                              timeout=300, check=False, env=env_with(None))
        assert _messages(proc.stdout) == MESSAGES[release], (release, proc.stdout, proc.stderr)
    assert (tmp_path / ".mellea-lint-cache").is_dir()


@pytest.mark.parametrize("release", ["0.6", "0.7"])
def test_cli_hints_follow_the_installed_release(tmp_path: Path, release: str) -> None:
    proc = _lint(_hinted_project(tmp_path, ""), site=mellea_site(f"{release}.0"))
    assert _messages(proc.stdout) == MESSAGES[release], proc.stdout


@pytest.mark.parametrize("release, table, option", [
    ("0.6", 'mellea-version = "0.6"\n', None),
    ("0.8", 'mellea-version = "0.8"\n', None),
    ("0.6", 'mellea-version = "0.8"\n', "--mot-mellea-version=0.6"),  # the option wins over the table
])
def test_flake8_hints_follow_the_configured_release(
    tmp_path: Path, release: str, table: str, option: str | None
) -> None:
    project = _hinted_project(tmp_path, table)
    args = [option] if option else []
    proc = subprocess.run([sys.executable, "-m", "flake8", "--select", "MOT", *args, "hinted.py"], cwd=project,
                          capture_output=True, text=True, timeout=300, check=False, env=env_with(None))
    assert _messages(proc.stdout) == MESSAGES[release], proc.stdout + proc.stderr
