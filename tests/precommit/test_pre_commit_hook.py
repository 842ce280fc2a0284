"""The `mellea-lint` pre-commit hook, run for real by `pre-commit try-repo`.

try-repo installs the hook repository's committed state, so the test copies this working tree's
packaged files into a temporary git repository, commits them there and points try-repo at that:
what is tested is the tree as it is now, in a fresh clone (CI) as much as in a dirty checkout.
pre-commit pip-installs that repository into its own environment under a temporary
PRE_COMMIT_HOME (pip fetches the build backend, hatchling, from the package registry).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from downstream import CLEAN, VIOLATION, run

REPO = Path(__file__).resolve().parents[2]
HOOK_ID = "mellea-lint"


def _env(pre_commit_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= {
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return env


def _git_repo(root: Path, env: dict[str, str], commit: bool) -> Path:
    """Make ``root`` a git repository tracking everything in it (committed if ``commit``)."""
    subprocess.run(
        ["git", "init", "--quiet", "--initial-branch=main", str(root)], check=True, env=env
    )
    subprocess.run(["git", "add", "--all"], cwd=root, check=True, env=env)
    if commit:
        subprocess.run(
            ["git", "commit", "--quiet", "-m", "snapshot"], cwd=root, check=True, env=env
        )
    return root


def _packaged_paths() -> list[str]:
    """What a pip install of this project reads: the hook manifest, pyproject, readme, the parts."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    parts = [spec.split("{root:uri}/")[1] for spec in project["dependencies"] if "{root:uri}/" in spec]
    return [".pre-commit-hooks.yaml", "pyproject.toml", project["readme"], *parts]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A committed snapshot of this working tree, and the environment to run pre-commit in."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = _env(base / "home")
    snapshot = base / "hook-repo"
    for relative in _packaged_paths():
        source, target = REPO / relative, snapshot / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target)
    return _git_repo(snapshot, env, commit=True), env


def _try_repo(
    hook_repo: tuple[Path, dict[str, str]], project: Path, source: str
) -> subprocess.CompletedProcess[str]:
    """Run the hook with ``pre-commit try-repo`` on a fresh project holding one file."""
    repo, env = hook_repo
    project.mkdir()
    (project / "report.py").write_text(source, encoding="utf-8")
    _git_repo(project, env, commit=False)
    return run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), HOOK_ID, "--all-files"],
        project,
        env,
        timeout=600,
    )


def test_manifest_is_valid() -> None:
    manifest = str(REPO / ".pre-commit-hooks.yaml")
    result = run([sys.executable, "-m", "pre_commit", "validate-manifest", manifest], REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_fails_on_a_violation_and_names_the_rule(
    hook_repo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    result = _try_repo(hook_repo, tmp_path / "project", VIOLATION)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "report.py:5:" in output and "MOT001" in output, output


def test_hook_passes_on_clean_code(hook_repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    result = _try_repo(hook_repo, tmp_path / "project", CLEAN)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "mellea-lint" in output and "Passed" in output, output


def test_hook_environment_is_the_whole_repository(hook_repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """pre-commit pip-installs a hook repository's root: its own environment gets all three parts
    (the README says so; nothing there type-checks the user's project). ``pre-commit run`` keeps
    the environment in PRE_COMMIT_HOME (try-repo's is temporary), so it can be inspected."""
    repo, env = hook_repo
    project = tmp_path / "project"
    project.mkdir()
    (project / "report.py").write_text(CLEAN, encoding="utf-8")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: {HOOK_ID}\n", encoding="utf-8")
    _git_repo(project, env, commit=False)
    result = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], project, env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = {p.name for p in Path(env["PRE_COMMIT_HOME"]).glob("*/*/lib/python*/site-packages/*")}
    assert {"mellea_lint", "mellea_mypy", "mellea-stubs"} <= installed, sorted(installed)
