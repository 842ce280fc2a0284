"""A project with its own backend and provider literal, under each checker's default settings:
correct code stays clean (reading ``mot.raw.provider == "mybackend"`` with an ``else`` branch on
chat and ``generate_from_raw`` thunks, storing a fresh ``RawProviderResponse``); what each checker
says otherwise is pinned here and stated in docs/design.md ("Third-party providers")."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PYTHON = REPO / ".venv-nosdk" / "bin" / "python"

CONSUMER = textwrap.dedent(
    """\
    from typing import cast

    from mellea.core.backend import Backend
    from mellea.core.base import CBlock, Context, ModelOutputThunk


    def describe(mot: ModelOutputThunk[str]) -> str:
        if mot.raw.provider == "mybackend":
            return "mine"
        elif mot.raw.provider == "openai":
            return "openai"
        else:
            return "other"


    def describe_match(mot: ModelOutputThunk[str]) -> str:
        match mot.raw.provider:
            case "mybackend":
                return "mine"
            case _:
                return "other"


    def is_mine(mot: ModelOutputThunk[str]) -> bool:
        return mot.raw.provider in ("mybackend", "litellm")


    def describe_widened(mot: ModelOutputThunk[str]) -> str:
        provider = cast("str | None", mot.raw.provider)  # the documented form for basedpyright
        if provider == "mybackend":
            return "mine"
        return "other"


    async def describe_completions(backend: Backend, ctx: Context) -> list[str]:
        found: list[str] = []
        for mot in await backend.generate_from_raw([CBlock("hi")], ctx):
            if mot.raw.provider == "mybackend":
                found.append("mine")
            else:
                found.append("other")
        return found
    """
)
"""The lines of CONSUMER that compare ``mot.raw.provider`` itself with the third-party literal."""

PRODUCER = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk, RawProviderResponse


    class MyBackend:
        _provider: str = "mybackend"

        def finish(self, mot: ModelOutputThunk[str], payload: dict[str, object]) -> None:
            mot.raw = RawProviderResponse(provider=self._provider, response=payload)
    """
)
"""A producer storing its payload the way that type-checks everywhere: a fresh RawProviderResponse."""

IN_PLACE = textwrap.dedent(
    """\
    from mellea.core.base import ModelOutputThunk


    def finish(mot: ModelOutputThunk[str], payload: dict[str, object]) -> None:
        mot.raw.provider = "mybackend"
        mot.raw.response = payload
    """
)
"""Filling the union-typed ``mot.raw`` in place, field by field: its fields take any value on a
write (as the runtime dataclass does), so every checker accepts it."""


def _project(tmp_path: Path) -> Path:
    for name, text in (("consumer.py", CONSUMER), ("producer.py", PRODUCER), ("in_place.py", IN_PLACE)):
        (tmp_path / name).write_text(text)
    return tmp_path


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def _default_findings(checker: str, project: Path) -> set[tuple[str, int, str]]:
    """(file, line, severity) of every error or warning, with no configuration but the environment."""
    files = ["consumer.py", "producer.py", "in_place.py"]
    if checker == "mypy":
        out = _run([str(BIN / "mypy"), "--python-executable", str(PYTHON), "--no-incremental", *files], project).stdout
        found = re.findall(r"^(\w+\.py):(\d+): (error)", out, re.M)
    elif checker in ("pyright", "basedpyright"):
        proc = _run([str(BIN / checker), "--outputjson", "--pythonpath", str(PYTHON), *files], project)
        found = [(Path(d["file"]).name, d["range"]["start"]["line"] + 1, d["severity"])
                 for d in json.loads(proc.stdout)["generalDiagnostics"] if d["severity"] in ("error", "warning")]
    elif checker == "pyrefly":
        out = _run([str(BIN / "pyrefly"), "check", "--python-interpreter-path", str(PYTHON),
                    "--output-format", "min-text", *files], project).stdout
        found = [(n, ln, sev.lower()) for sev, n, ln in
                 re.findall(r"^\s*(ERROR|WARN) (?:.*/)?(\w+\.py):(\d+):", out, re.M)]
    else:
        out = _run([str(BIN / "ty"), "check", "--python", str(PYTHON), "--output-format", "concise", *files],
                   project).stdout
        found = re.findall(r"^(?:.*/)?(\w+\.py):(\d+):\d+: (error|warning)", out, re.M)
    return {(name, int(line), severity) for name, line, severity in found}


DEFAULTS = {  # checker -> consumer.py warnings, under its default settings
    "mypy": set(),
    "pyright": set(),
    "basedpyright": {8, 18, 19, 38},  # reportUnnecessaryComparison, reportUnreachable (recommended mode)
    "pyrefly": set(),  # preset "basic" when the project has no pyrefly.toml
    "ty": set(),
}


@pytest.mark.parametrize("checker", sorted(DEFAULTS))
def test_correct_third_party_code_has_no_error_under_default_settings(tmp_path: Path, checker: str) -> None:
    found = _default_findings(checker, _project(tmp_path))
    assert {(n, ln) for n, ln, sev in found if sev == "error"} == set(), found
    assert {ln for n, ln, sev in found if n == "consumer.py" and sev == "warning"} == DEFAULTS[checker], found
    assert not {ln for n, ln, _ in found if n in ("producer.py", "in_place.py")}, found


def _mypy_with_plugin(project: Path, section: str, *extra: str) -> str:
    (project / "mypy.ini").write_text(
        f"[mypy]\nplugins = mellea_mypy\npython_executable = {PYTHON}\n{''.join(extra)}[mellea-mypy]\n{section}"
    )
    return _run([str(BIN / "mypy"), "--no-incremental", "consumer.py", "producer.py"], project).stdout


def test_mypy_plugin_accepts_an_unregistered_distant_provider_and_a_registered_one(tmp_path: Path) -> None:
    project = _project(tmp_path)
    unregistered = _mypy_with_plugin(project, "")  # close to no mellea provider: taken as the project's own
    assert "mellea-provider" not in unregistered, unregistered
    (project / "mytypes.py").write_text("class MyResponse:\n    text: str\n")
    registered = _mypy_with_plugin(project, "extra_providers = mybackend: mytypes.MyResponse\n",
                                   "strict_equality = True\nwarn_unreachable = True\n")
    assert "error" not in registered, registered


def test_mypy_strict_equality_without_the_plugin_reports_the_comparison(tmp_path: Path) -> None:
    """Why a strict mypy user needs the plugin's extra_providers (or a cast): the stub's closed union."""
    project = _project(tmp_path)
    (project / "mypy.ini").write_text(f"[mypy]\npython_executable = {PYTHON}\nstrict_equality = True\n")
    out = _run([str(BIN / "mypy"), "--no-incremental", "consumer.py"], project).stdout
    assert {int(n) for n in re.findall(r"^consumer\.py:(\d+): error: .*\[comparison-overlap\]$", out, re.M)} == {8, 38}, out


def test_mellea_lint_accepts_the_third_party_project(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "pyproject.toml").write_text('[project]\nname = "app"\n[tool.mellea-lint]\n')
    proc = _run([str(BIN / "mellea-lint"), "check", "--no-cache", "consumer.py", "producer.py"], project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
