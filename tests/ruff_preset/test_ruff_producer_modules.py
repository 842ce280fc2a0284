"""``mellea-lint ruff-config --merge`` and producer-modules: the preset's SLF001 is not reported in
producer code (it owns private thunk members), consumers are still reported, the producer's
private core import is still banned (MOT005 reports it there too), and the user's own
per-file-ignores keep their rules. Checked by the real ruff."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

SHARED = '[tool.mellea-lint]\nproducer-modules = ["app.backends", "fake_backend"]\n'
USER_RUFF = """\
[tool.ruff.lint]
extend-select = ["B"]

[tool.ruff.lint.per-file-ignores]
"**/app/backends/**" = ["E501"]  # generated clients have long lines
"**/scripts/**" = ["T201"]
"""

PRODUCER = """\
from mellea.core.base import ModelOutputThunk, _CallInfo


def fill(mot: ModelOutputThunk) -> None:
    mot._gen.start = 1
    mot._underlying_value = "done"
"""
CONSUMER = """\
from mellea.core.base import ModelOutputThunk


def peek(mot: ModelOutputThunk) -> object:
    return mot._gen
"""
PRODUCER_GLOBS = {"**/app/backends/**", "**/app/backends.py", "**/fake_backend/**", "**/fake_backend.py"}


@pytest.fixture(params=["pyproject.toml", "ruff.toml"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A project whose producer code is a backend package and a single-file test double."""
    if request.param == "pyproject.toml":
        (tmp_path / "pyproject.toml").write_text(SHARED + "\n" + USER_RUFF)
    else:
        (tmp_path / "pyproject.toml").write_text(SHARED)
        (tmp_path / "ruff.toml").write_text(USER_RUFF.replace("[tool.ruff.", "["))
    for name, text in {"app/backends/ollama.py": PRODUCER, "tests/fake_backend.py": PRODUCER,
                       "app/consumer.py": CONSUMER}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def _ruff_config(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = "ruff.toml" if (project / "ruff.toml").exists() else "pyproject.toml"
    return subprocess.run([str(BIN / "mellea-lint"), "ruff-config", "--merge", config, *args], cwd=project,
                          capture_output=True, text=True, check=False)


def _lint_table(project: Path) -> dict[str, object]:
    if (project / "ruff.toml").exists():
        return tomllib.loads((project / "ruff.toml").read_text())["lint"]
    return tomllib.loads((project / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]


def _found(project: Path) -> list[tuple[str, str, int]]:
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "--output-format", "json", "."],
                            cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    return sorted((Path(i["filename"]).relative_to(project).as_posix(), i["code"], i["location"]["row"])
                  for i in json.loads(result.stdout) if i["code"] in ("SLF001", "TID251"))


def test_merge_allows_private_access_in_the_producer_modules_only(project: Path) -> None:
    assert _ruff_config(project).returncode == 0
    assert _found(project) == [
        ("app/backends/ollama.py", "TID251", 1),   # a private core import stays banned in producers
        ("app/consumer.py", "SLF001", 5),          # consumers are still reported
        ("tests/fake_backend.py", "TID251", 1),
    ]


def test_without_producer_modules_the_producer_code_is_reported(project: Path) -> None:
    """Control: the producers are clean above because of the per-file-ignores the merge wrote."""
    assert _ruff_config(project, "--producer-modules", "").returncode == 0
    slf = {(path, row) for path, code, row in _found(project) if code == "SLF001"}
    assert slf == {("app/backends/ollama.py", 5), ("app/backends/ollama.py", 6), ("tests/fake_backend.py", 5),
                   ("tests/fake_backend.py", 6), ("app/consumer.py", 5)}


def test_merge_keeps_the_users_per_file_ignores_and_is_idempotent(project: Path) -> None:
    _ruff_config(project)
    ignores = _lint_table(project)["per-file-ignores"]
    assert isinstance(ignores, dict)
    assert ignores["**/app/backends/**"] == ["E501", "SLF001"]
    assert ignores["**/scripts/**"] == ["T201"]
    assert ignores["**/mellea/core/**"] == ["SLF001", "TID251"]
    assert {glob for glob, rules in ignores.items() if rules == ["SLF001"]} == PRODUCER_GLOBS - {"**/app/backends/**"}
    config = project / ("ruff.toml" if (project / "ruff.toml").exists() else "pyproject.toml")
    merged = config.read_text()
    assert "# generated clients have long lines" in merged
    again = _ruff_config(project)
    assert again.stderr == f"The ruff preset is already in {config.name}.\n" and config.read_text() == merged


def test_the_option_replaces_the_configs_producer_modules(project: Path) -> None:
    printed = subprocess.run([str(BIN / "mellea-lint"), "ruff-config", "--producer-modules", "other.mod"],
                             cwd=project, capture_output=True, text=True, check=True).stdout
    ignores = tomllib.loads(printed)["lint"]["per-file-ignores"]
    assert ignores == {"**/mellea/core/**": ["SLF001", "TID251"], "**/other/mod/**": ["SLF001"],
                       "**/other/mod.py": ["SLF001"]}


def test_a_bad_module_name_is_one_line(project: Path) -> None:
    result = _ruff_config(project, "--producer-modules", "a..b")
    assert (result.returncode, result.stderr) == (2, "mellea-lint: error: --producer-modules: 'a..b' is not a dotted module name\n")
