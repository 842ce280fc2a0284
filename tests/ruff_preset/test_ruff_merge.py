"""``mellea-lint ruff-config --merge``: the preset added to a config that already has the same
tables, checked by the real ruff; comments and the user's own settings stay; twice is once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

PYPROJECT = """\
[project]
name = "app"  # the project

[tool.ruff]
line-length = 100

[tool.ruff.lint]
# B catches mutable defaults
extend-select = ["B", "TID251"]

[tool.ruff.lint.per-file-ignores]
"**/mellea/core/**" = ["E501"]  # long lines are fine in the core

[tool.ruff.lint.flake8-tidy-imports.banned-api]
"os.system".msg = "use subprocess"
"""
RUFF_TOML = PYPROJECT.split("[tool.ruff]\n", 1)[1].replace("[tool.ruff.", "[")

APP = """\
import os
from mellea.core.base import ModelOutputThunk, _CallInfo


def peek(mot: ModelOutputThunk, seen: list = []) -> object:
    os.system("true")
    return mot._gen
"""
CORE = "from mellea.core.base import _CallInfo\n\n\ndef peek(mot):\n    return mot._gen\n"
"""Inside the internal modules: the preset's per-file-ignores must silence SLF001 and TID251."""


def _lint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mellea-lint"), *args], cwd=project, capture_output=True, text=True,
                          check=False)


def _ruff(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "--output-format", "json", "."],
                          cwd=project, capture_output=True, text=True, check=False)


def _found(project: Path) -> list[tuple[str, str, int]]:
    """Findings of the rules the two configs select (ruff's default E/F rules left out)."""
    result = _ruff(project)
    assert result.returncode in (0, 1), result.stderr
    return sorted((str(Path(i["filename"]).relative_to(project)), i["code"], i["location"]["row"])
                  for i in json.loads(result.stdout) if i["code"].startswith(("B", "SLF", "TID")))


@pytest.fixture(params=["pyproject.toml", "ruff.toml"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    (tmp_path / request.param).write_text(PYPROJECT if request.param == "pyproject.toml" else RUFF_TOML)
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "mellea" / "core").mkdir(parents=True)
    (tmp_path / "mellea" / "core" / "impl.py").write_text(CORE)
    return tmp_path


def _config(project: Path) -> Path:
    (config,) = [p for p in project.iterdir() if p.suffix == ".toml"]
    return config


def test_merged_config_runs_the_preset_and_keeps_the_users_rules(project: Path) -> None:
    result = _lint(project, "ruff-config", "--merge", _config(project).name)
    assert result.returncode == 0 and result.stderr == f"Merged the ruff preset into {_config(project).name}.\n"
    assert _found(project) == [
        ("app.py", "B006", 5),      # the user's extend-select
        ("app.py", "SLF001", 7),     # the preset
        ("app.py", "TID251", 2),     # the preset's ban of _CallInfo
        ("app.py", "TID251", 6),     # the user's ban of os.system
    ]


def test_merge_keeps_comments_and_values_and_is_idempotent(project: Path) -> None:
    config = _config(project)
    original = config.read_text()
    _lint(project, "ruff-config", "--merge", config.name)
    merged = config.read_text()
    for line in original.splitlines():
        if "#" in line:
            assert line.split("=", 1)[0].strip() in merged and line[line.index("#"):] in merged, line
    assert '"os.system".msg = "use subprocess"' in merged
    again = _lint(project, "ruff-config", "--merge", config.name)
    assert again.returncode == 0 and again.stderr == f"The ruff preset is already in {config.name}.\n"
    assert config.read_text() == merged


def test_without_the_merge_only_the_users_rules_run_and_appending_breaks_ruff(project: Path) -> None:
    """Controls: the user's config alone flags no thunk internals; pasting the preset under it
    (what the README used to say) is a TOML error that stops ruff."""
    assert _found(project) == [("app.py", "B006", 5), ("app.py", "TID251", 6)]
    config = _config(project)
    printed = _lint(project, "ruff-config", *(["--pyproject"] if config.name == "pyproject.toml" else [])).stdout
    config.write_text(config.read_text() + printed)
    assert _ruff(project).returncode == 2


def test_a_value_of_the_wrong_type_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    config = tmp_path / "ruff.toml"
    config.write_text('[lint]\nextend-select = "B"\n')
    result = _lint(tmp_path, "ruff-config", "--merge", "ruff.toml")
    assert result.returncode == 2
    assert result.stderr == "mellea-lint: error: ruff.toml: lint.extend-select must be a list, got 'B'\n"
    assert config.read_text() == '[lint]\nextend-select = "B"\n'


def test_a_missing_file_is_created_with_the_preset(tmp_path: Path) -> None:
    result = _lint(tmp_path, "ruff-config", "--merge", "ruff.toml")
    assert result.returncode == 0
    assert (tmp_path / "ruff.toml").read_text().startswith('[lint]\nextend-select = ["SLF001", "TID251"]\n')
