"""Batched type-checker runs shared by the stub tests: one invocation per checker and
environment, computed once per pytest run even under pytest-xdist (a file lock and a
result file keyed by the run id let the second worker reuse the first worker's run)."""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tools import error_noise  # noqa: E402
from tools.stub_matrix import FORMS_DIR as ASSERT_TYPE_DIR  # noqa: E402  (after sys.path)
from tools.typecheckers import CHECKERS, Diagnostic, check  # noqa: E402

CASES_DIR = Path(__file__).resolve().parent / "cases"
VENVS = {
    "sdk": REPO / ".venv" / "bin" / "python",
    "nosdk": REPO / ".venv-nosdk" / "bin" / "python",
    "idioms": REPO / ".venv" / "bin" / "python",
}
"""Batch -> the environment it is checked in. The "idioms" batch is user code as users check
it: mypy loads the mellea_mypy plugin."""


def batch_files(tmp_dir: Path, env: str) -> list[Path]:
    """Everything the stub tests type-check in one environment."""
    from mellea_consumers import IDIOMS_DIR, PRODUCER_EXAMPLE, write_mellea_consumers
    from stub_canary import write_canary
    from stub_private_cases import write_private_member_cases

    if env == "nosdk":
        return [CASES_DIR / "sdk_degrade.py"]
    if env == "idioms":
        return [
            *sorted(IDIOMS_DIR.glob("*.py")),
            PRODUCER_EXAMPLE,
            *write_mellea_consumers(tmp_dir / "mellea_consumers"),
            *error_noise.write_cases(tmp_dir / "error_noise"),
        ]
    return [
        *sorted(ASSERT_TYPE_DIR.glob("*.py")),
        CASES_DIR / "sdk_degrade.py",
        CASES_DIR / "wrong_keys.py",
        write_canary(tmp_dir / "canary_ignores.py"),
        write_private_member_cases(tmp_dir / "private_members.py"),
    ]


def _run_batch(checker: str, env: str) -> list[Diagnostic]:
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))
    shared = REPO / ".cache" / "stub-tests" / run_id
    work = shared / f"{checker}-{env}"
    result = shared / f"{checker}-{env}.json"
    work.mkdir(parents=True, exist_ok=True)
    with open(shared / f"{checker}-{env}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            found = check(checker, batch_files(shared, env), VENVS[env], work, mypy_plugin=env == "idioms")
            result.write_text(json.dumps([{**asdict(d), "path": str(d.path)} for d in found]))
    return [Diagnostic(**{**d, "path": Path(d["path"])}) for d in json.loads(result.read_text())]


@pytest.fixture(scope="session", params=CHECKERS)
def sdk_run(request: pytest.FixtureRequest) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(checker, diagnostics) of the batch in .venv, where every optional SDK is installed."""
    yield request.param, _run_batch(request.param, "sdk")


@pytest.fixture(scope="session", params=CHECKERS)
def idioms_run(request: pytest.FixtureRequest) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(checker, diagnostics) of tests/idioms/ and mellea's own payload consumers, as user code."""
    yield request.param, _run_batch(request.param, "idioms")


@pytest.fixture(scope="session", params=CHECKERS)
def nosdk_run(request: pytest.FixtureRequest) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(checker, diagnostics) in .venv-nosdk: mellea's base dependencies only."""
    yield request.param, _run_batch(request.param, "nosdk")
