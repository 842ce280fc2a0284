"""One table, ``[tool.mellea-lint]``, drives the CLI and the flake8 plugin as it drives the mypy
plugin (tests/mypy_plugin/test_config.py, test_mypy_runs.py); the README documents it once."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mellea_lint.config import ConfigError, settings_table

from tools.readme_sections import section

BIN = Path(sys.executable).parent
PRODUCER = """\
from mellea.core.base import ModelOutputThunk


def fill(mot: ModelOutputThunk[str]) -> None:
    mot._generate_log = None
"""


def _cli(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mellea-lint"), "check", "--no-cache", "app.py"], cwd=project,
                          capture_output=True, text=True, check=False)


def _flake8(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "flake8"), "--select", "MOT", *args, "app.py"], cwd=project,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(PRODUCER)
    return tmp_path


def test_producer_write_is_reported_without_the_setting(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.mellea-lint]\n")
    for result in (_cli(project), _flake8(project)):
        assert re.match(r"app\.py:5:\d+: MOT003 private thunk member _generate_log written", result.stdout), result


def test_producer_modules_in_the_table_allow_it_in_both_tools(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["app"]\n')
    cli, flake8 = _cli(project), _flake8(project)
    assert (cli.returncode, flake8.returncode, flake8.stdout) == (0, 0, ""), (cli, flake8)


def test_flake8_option_is_an_alias_that_wins(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["app"]\n')
    assert "MOT003" in _flake8(project, "--mot-producer-modules", "elsewhere").stdout
    (project / "pyproject.toml").write_text("[tool.mellea-lint]\n")
    assert _flake8(project, "--mot-producer-modules", "app").stdout == ""


@pytest.mark.parametrize(("spelling", "right"), [
    ("producer_modules", "producer-modules"),       # the old mypy spelling
    ("mot-producer-modules", "producer-modules"),   # the flake8 spelling
    ("internal-module", "internal-modules"),        # a typo
])
def test_wrong_key_names_the_right_one_in_each_tool(project: Path, spelling: str, right: str) -> None:
    (project / "pyproject.toml").write_text(f'[tool.mellea-lint]\n{spelling} = ["app"]\n')
    expected = f"unknown key {spelling!r} in [tool.mellea-lint]; did you mean {right!r}?"
    cli, flake8 = _cli(project), _flake8(project)
    assert cli.returncode == 2 and cli.stderr.splitlines() == [
        f"mellea-lint: error: {project / 'pyproject.toml'}: {expected}"]
    assert flake8.returncode != 0 and flake8.stderr.splitlines() == [
        f"mellea-lint (flake8): error: {project / 'pyproject.toml'}: {expected}"]


def test_bad_flake8_option_value_is_one_line(project: Path) -> None:
    result = _flake8(project, "--mot-internal-modules", "a..b")
    assert result.stderr.splitlines() == ["mellea-lint (flake8): error: --mot-internal-modules: 'a..b' is not a dotted module name"]


def test_readme_documents_the_settings_once() -> None:
    text = section("configuration")
    assert settings_table() in text, "regenerate with mellea_lint.config.settings_table()"
    readme = Path(__file__).resolve().parents[2].joinpath("README.md").read_text()
    assert readme.count("| `producer-modules` |") == 1


def test_the_pyproject_is_parsed_once_per_run_and_again_after_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find_pyproject and load_table share one parse; an edited file (dmypy) is read anew."""
    from mellea_lint.config import find_pyproject, load_config

    parses = _count_parses(monkeypatch)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.mellea-lint]\nproducer-modules = ["app"]\n')
    assert load_config(find_pyproject(tmp_path), tmp_path).producer_modules == ("app",)
    assert len(parses) == 1
    pyproject.write_text('[tool.mellea-lint]\nproducer-modules = ["app.backends"]\n')
    assert load_config(find_pyproject(tmp_path), tmp_path).producer_modules == ("app.backends",)
    assert len(parses) == 2


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every TOML parse from now on appends to the returned list."""
    import tomllib

    parses: list[int] = []
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parses.append(1) or real_loads(text))
    return parses


def _next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process parsed, as a new ``mellea-lint`` process would."""
    from mellea_lint import config

    monkeypatch.setattr(config, "_LAST_READ", {})


def test_the_table_memo_spares_later_runs_the_parse_until_the_text_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mellea_lint.config import find_pyproject, load_config
    from mellea_lint.table_memo import TableMemo

    parses = _count_parses(monkeypatch)
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[tool.mellea-lint]\nproducer-modules = ["app"]\n')
    # names the tool without having the table: read, not remembered, no cache folder beside it
    (project / "sub" / "pyproject.toml").write_text('[project]\ndependencies = ["mellea-lint"]\n')

    def run() -> tuple[str, ...]:
        _next_run(monkeypatch)
        memo = TableMemo()
        return load_config(find_pyproject(project / "sub", memo), project, memo).producer_modules

    assert run() == ("app",) and len(parses) == 2  # sub's pyproject.toml, then the project's
    assert run() == ("app",) and len(parses) == 3  # only sub's, which has no table to remember
    assert (project / ".mellea-lint-cache").is_dir() and not (project / "sub" / ".mellea-lint-cache").exists()
    pyproject.write_text('[tool.mellea-lint]\nproducer-modules = ["app.backends"]\n')  # the text decides, not a timestamp
    assert run() == ("app.backends",) and len(parses) == 5


def test_a_damaged_memo_or_a_table_json_cannot_hold_is_parsed_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mellea_lint.config import find_pyproject, load_table
    from mellea_lint.table_memo import TableMemo

    parses = _count_parses(monkeypatch)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.mellea-lint]\nselect = ["MOT"]\n')
    memo = TableMemo(str(tmp_path / "elsewhere"))  # --cache-dir
    for _ in range(2):
        _next_run(monkeypatch)
        assert load_table(find_pyproject(tmp_path, memo), memo) == {"select": ("MOT",)}
    assert len(parses) == 1
    (tmp_path / "elsewhere" / "pyproject-tables.json").write_text('{"format": 2, "tables": [1]}')
    _next_run(monkeypatch)
    assert load_table(find_pyproject(tmp_path, memo), memo) == {"select": ("MOT",)} and len(parses) == 2

    # a date has no JSON spelling: nothing is remembered, and the bad value is still reported
    pyproject.write_text('[tool.mellea-lint]\nselect = [1979-05-27]\n')
    for _ in range(2):
        _next_run(monkeypatch)
        with pytest.raises(ConfigError, match="select must be a list of strings"):
            load_table(find_pyproject(tmp_path, memo), memo)
    assert len(parses) == 4
