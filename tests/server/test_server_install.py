"""pygls is optional: ``mellea-lint server`` without it is one line naming the extra and exit code 2,
and no other command imports it (nor the server's modules)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from server_support import CONSUMER, SCRIPT

REPO = Path(__file__).resolve().parents[2]
INSTALL = 'pip install "mellea-lint[server]"'


def _run_blocking(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a python where importing ``module`` fails as if it were not installed."""
    code = (f"import sys; sys.modules[{module!r}] = None\n"
            "from mellea_lint.script import main; sys.exit(main())")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, check=False, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("module", ["pygls", "lsprotocol", "cattrs"])
def test_without_pygls_the_server_says_how_to_install_it(module: str, tmp_path: Path) -> None:
    result = _run_blocking(module, "server", cwd=tmp_path)
    assert result.returncode == 2, result
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("mellea-lint: error: the language server needs pygls") and line.endswith(INSTALL), line
    if module != "pygls":
        assert f"({module} is missing)" in line


def test_without_pygls_every_other_command_works(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text(CONSUMER)
    result = _run_blocking("pygls", "check", "--no-cache", "one.py", cwd=tmp_path)
    assert result.returncode == 1 and " MOT001 " in result.stdout, result


def test_a_check_imports_neither_pygls_nor_the_server(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text(CONSUMER)
    code = ("import sys\nfrom mellea_lint.cli import main\nmain(['check', '--no-cache', 'one.py'])\n"
            "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          check=True, timeout=60)
    modules = set(done.stdout.splitlines()[-1].split())
    assert "mellea_lint.engine" in modules  # the file was checked
    unwanted = {m for m in modules if m.partition(".")[0] in ("pygls", "lsprotocol", "cattrs", "libcst")
                or m.startswith("mellea_lint.server")}
    assert not unwanted, sorted(unwanted)


def test_the_server_extra_is_declared_where_users_install_from() -> None:
    for folder in (REPO / "lint_rules", REPO):
        extras = tomllib.loads((folder / "pyproject.toml").read_text())["project"]["optional-dependencies"]
        assert extras["server"] == ["pygls>=2.1,<3"], folder
    assert "server" in subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True,
                                      check=True, timeout=60).stdout
