"""The adoption guide (the README's lint gate and adoption sections, docs/adoption.md): its
pre-commit and GitHub Actions snippets are checked, and the `mellea-lint` commands of the
workflow are run as written on a project with and without a finding."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from downstream import CLEAN, VIOLATION, run
from mellea_lint import surface

from tools.readme_sections import section

REPO = Path(__file__).resolve().parents[2]


# Every block that shows a user YAML to copy: (file, block name).
GUIDE_BLOCKS = (("README.md", "lint-gate"), ("README.md", "adoption"), ("docs/adoption.md", "adoption"))


def _yaml_blocks(where: tuple[tuple[str, str], ...] = GUIDE_BLOCKS) -> list[Any]:
    return [
        yaml.safe_load(block)
        for doc, name in where
        for block in re.findall(r"```yaml\n(.*?)```", section(name, doc), re.DOTALL)
    ]


def _pre_commit_hooks(where: tuple[tuple[str, str], ...] = GUIDE_BLOCKS) -> list[dict[str, Any]]:
    blocks = _yaml_blocks(where)
    repos = [repo for block in blocks if isinstance(block, dict) for repo in block.get("repos", [])]
    repos += [item for block in blocks if isinstance(block, list) for item in block]
    return [{"repo": repo["repo"], **hook} for repo in repos for hook in repo["hooks"]]


def test_the_readme_shows_the_hook_this_repository_ships() -> None:
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    shown = {hook["id"] for hook in _pre_commit_hooks((("README.md", "lint-gate"),)) if hook["repo"] != "local"}
    assert shown and shown <= {hook["id"] for hook in manifest}


def _workflow() -> dict[str, Any]:
    (workflow,) = [block for block in _yaml_blocks() if isinstance(block, dict) and "jobs" in block]
    return workflow


def test_pre_commit_snippet_uses_the_hook_this_repository_ships() -> None:
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    shipped = {hook["id"] for hook in manifest}
    remote = {hook["id"] for hook in _pre_commit_hooks() if hook["repo"] != "local"}
    assert remote and remote <= shipped


def test_mypy_recipe_installs_the_plugin_with_the_pinned_mellea() -> None:
    (mypy,) = [
        hook for hook in _pre_commit_hooks() if hook["repo"] == "local" and hook["entry"] == "mypy"
    ]
    dependencies = mypy["additional_dependencies"]
    assert f"mellea=={surface.MELLEA_VERSION}" in dependencies
    assert any(re.match(r"mellea-typing\b", dependency) for dependency in dependencies)
    assert any(re.match(r"mypy\b", dependency) for dependency in dependencies)


def _lint_steps(job: str) -> list[str]:
    return [
        step["run"]
        for step in _workflow()["jobs"][job]["steps"]
        if step.get("run", "").startswith("mellea-lint ")
    ]


def _run_in_project(command: str, project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return run(["bash", "-c", command], project, env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "report.py").write_text(VIOLATION, encoding="utf-8")
    return tmp_path


def test_annotation_job_fails_with_a_github_annotation(project: Path) -> None:
    (command,) = _lint_steps("annotate")
    assert "--output-format github" in command
    result = _run_in_project(command, project)
    assert result.returncode == 1, result.stderr
    assert re.search(
        r"^::error .*file=[^,]*report\.py,line=5,.*MOT001", result.stdout, re.MULTILINE
    ), result.stdout

    (project / "report.py").write_text(CLEAN, encoding="utf-8")
    assert _run_in_project(command, project).returncode == 0


def test_code_scanning_job_writes_the_sarif_file_it_uploads(project: Path) -> None:
    (command,) = _lint_steps("code-scanning")
    assert "--output-format sarif" in command
    (upload,) = [
        step
        for step in _workflow()["jobs"]["code-scanning"]["steps"]
        if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    result = _run_in_project(command, project)
    assert result.returncode == 0, result.stderr  # findings alone must not fail the step
    sarif = json.loads((project / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for run in sarif["runs"] for r in run["results"]] == ["MOT001"]


def test_code_scanning_step_still_fails_on_a_usage_error(project: Path) -> None:
    (command,) = _lint_steps("code-scanning")
    assert (
        _run_in_project(command.replace("check", "check --select NOPE", 1), project).returncode != 0
    )
