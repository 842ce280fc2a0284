"""The README quick start's Python snippet (a one-backend app reading its provider's payload) is
clean in all five checkers, and its twin, which reads another provider's shape on that session,
is an error in each of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.readme_sections import section
from tools.typecheckers import CHECKERS, check

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
READ = ".raw.response.message.content"
WRONG = '.raw.response["choices"]'


def _snippet() -> str:
    [block] = re.findall(r"```python\n(.*?)```", section("quickstart"), re.DOTALL)
    return block


def test_the_snippet_reads_the_payload_without_a_provider_check() -> None:
    code = _snippet()
    assert READ in code and "start_session(" in code
    assert ".raw.provider" not in code.split("#")[0]


@pytest.mark.parametrize("checker", CHECKERS)
def test_snippet_is_clean_and_its_wrong_provider_twin_is_an_error(checker: str, tmp_path: Path) -> None:
    code = _snippet()
    good = tmp_path / "quickstart.py"
    good.write_text(code)
    twin = tmp_path / "quickstart_twin.py"
    twin.write_text(code.replace(READ, WRONG, 1))
    diags = check(checker, [good, twin], PYTHON, tmp_path / "work")
    assert not [d for d in diags if d.path.name == good.name], "\n".join(map(str, diags))
    line = next(n for n, text in enumerate(twin.read_text().splitlines(), 1) if WRONG in text)
    assert {d.line for d in diags if d.path.name == twin.name} == {line}, "\n".join(map(str, diags))
