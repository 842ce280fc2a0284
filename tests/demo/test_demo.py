"""`make demo` on examples/, in the demo environment (.venv-demo: mellea and the checkers, no SDK).

Checked against the sources, not against a copy of the output: every provider branch (found
with ast) shows mellea's ``Any | None`` without the stubs and the surface table's types with
them; mypy with the plugin reports exactly the marked mistakes of common_mistakes.py with its
codes and hints; pyright runs with the user's setting only; the lint gate, its diff and the
baseline flow show what they do; the demo ends with the configuration file it ran with.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from mellea_lint.surface import PROVIDERS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DEMO_PYTHON = REPO / ".venv-demo" / "bin" / "python"
EXPECTED = {p.literal: p.response for p in PROVIDERS}
MISTAKES = EXAMPLES / "common_mistakes.py"


def _importable(module: str) -> bool:
    code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    return subprocess.run([str(DEMO_PYTHON), "-c", code], check=False).returncode == 0


@pytest.fixture(scope="module")
def demo_output() -> str:
    assert DEMO_PYTHON.exists(), "run: make .venv-demo/.project"
    proc = subprocess.run([str(DEMO_PYTHON), str(EXAMPLES / "demo.py")], capture_output=True, text=True,
                          check=False, cwd=REPO, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def _section(output: str, number: str) -> str:
    """The text of section ``== N. ... ==`` up to the next section."""
    start = re.search(rf"^== {re.escape(number)} .*==$", output, re.MULTILINE)
    assert start, number
    following = re.search(r"^== ", output[start.end():], re.MULTILINE)
    return output[start.end(): start.end() + following.start() if following else None]


def _line_of(path: Path, text: str) -> int:
    (number,) = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return number


def _branches() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(EXAMPLES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                    and isinstance(node.test.left, ast.Attribute) and node.test.left.attr == "provider"
                    and isinstance(node.test.comparators[0], ast.Constant)
                    and node.test.comparators[0].value in EXPECTED):
                found.append((path.name, node.lineno, node.test.comparators[0].value))
    return found


def _bare(types: str) -> set[str]:
    return {part.strip().rsplit(".", 1)[-1] for part in types.split("|")}


def test_demo_environment_has_no_provider_sdk() -> None:
    assert DEMO_PYTHON.exists(), "run: make .venv-demo/.project"
    assert _importable("mellea") and _importable("mypy") and _importable("mellea_mypy")
    assert not any(_importable(sdk) for sdk in ("transformers", "litellm", "ibm_watsonx_ai"))


def test_examples_cover_every_provider() -> None:
    assert {p for _, _, p in _branches()} == set(EXPECTED)


@pytest.mark.parametrize("branch", _branches(), ids=lambda b: f"{b[0]}:{b[1]}:{b[2]}")
def test_branch_shows_the_payload_without_and_with_the_stubs(demo_output: str, branch: tuple[str, int, str]) -> None:
    file, line, provider = branch
    block = demo_output.split(f"{file}:{line}  provider == {provider!r}\n", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^  without stubs +Any \| None$", block, re.MULTILINE), block
    unknown = {"mypy": "Any", "pyright": "Unknown"}
    for checker in ("mypy", "pyright"):
        # A type from an SDK the demo environment lacks is Any (mypy) / Unknown (pyright).
        expected = {
            unknown[checker] if "." in name and not _importable(name.split(".")[0]) else name
            for name in (part.strip() for part in EXPECTED[provider].split("|"))
        }
        shown = re.search(rf"^  {checker} +(.+)$", block, re.MULTILINE)
        assert shown, (checker, block)
        assert _bare(shown.group(1)) == _bare(" | ".join(expected)), (checker, shown.group(1))


def _marked_mistakes() -> set[int]:
    """Lines of common_mistakes.py that carry a trailing comment naming the mistake."""
    text = MISTAKES.read_text().splitlines()
    return {n for n, line in enumerate(text, start=1) if "  # " in line and not line.lstrip().startswith("#")}


def test_mypy_with_the_plugin_reports_exactly_the_mistakes_with_codes_and_hints(demo_output: str) -> None:
    section = _section(demo_output, "2.")
    errors = re.findall(r"^(\w+\.py):(\d+): error: (.*)$", section, re.MULTILINE)
    assert {file for file, _, _ in errors} == {MISTAKES.name}
    assert {int(line) for _, line, _ in errors} == _marked_mistakes()
    by_line = {int(line): message for _, line, message in errors}
    assert by_line[_line_of(MISTAKES, "mot._generate_log")].endswith("use mot.generate_log  [mellea-private]")
    for typo in ('raw.provider == "olama"', 'generation.provider == "olama"'):
        assert by_line[_line_of(MISTAKES, typo)].endswith('did you mean "ollama"?  [mellea-provider]')


def test_pyright_with_the_quick_start_config_reports_the_typos_and_the_wrong_key(demo_output: str) -> None:
    """The quick start's reportUnnecessaryComparison reports both provider typos; the private
    read is the gate's to report (the stubs declare it, so producer code stays clean)."""
    section = _section(demo_output, "3.")
    assert 'reportUnnecessaryComparison = "error"' in demo_output
    errors = {(file, int(line)) for file, line in re.findall(r"^  (\w+\.py):(\d+):\d+ - error", section, re.MULTILINE)}
    assert errors == {(MISTAKES.name, _line_of(MISTAKES, '["choices"]')),
                      (MISTAKES.name, _line_of(MISTAKES, 'raw.provider == "olama"')),
                      (MISTAKES.name, _line_of(MISTAKES, 'generation.provider == "olama"'))}


def test_lint_gate_diff_and_baseline(demo_output: str) -> None:
    line = _line_of(MISTAKES, "mot._generate_log")
    lint = _section(demo_output, "4.")
    typo = '"olama" is not a mellea provider; did you mean "ollama"?'
    raw_typo = _line_of(MISTAKES, 'raw.provider == "olama"')
    generation_typo = _line_of(MISTAKES, 'generation.provider == "olama"')
    assert re.findall(r"^(\S+): (MOT\d+) (.*)$", lint, re.MULTILINE) == [
        (f"{MISTAKES.name}:{line}:14", "MOT001", "private thunk member _generate_log read: use mot.generate_log"),
        (f"{MISTAKES.name}:{raw_typo}:28", "MOT006", typo),
        (f"{MISTAKES.name}:{generation_typo}:39", "MOT006", typo)]
    diff = _section(demo_output, "5.")
    source = MISTAKES.read_text().splitlines()[line - 1]
    assert f"\n-{source}\n+{source.replace('mot._generate_log', 'mot.generate_log', 1)}\n" in diff
    assert "Would fix 1 finding in 1 file." in diff
    recorded, new = demo_output.split("== 6. ... then only new findings fail ==", 1)
    assert ("Recorded 3 findings in mellea-lint-baseline.json (baseline); they will be ignored with "
            "--baseline mellea-lint-baseline.json.") in recorded.split("== 6. baseline", 1)[1]
    found = re.findall(r"^(\w+\.py):\d+:\d+: (MOT\d+)", new.split("\n== ", 1)[0], re.MULTILINE)
    assert found == [("usage_report.py", "MOT001")]


def test_demo_ends_with_the_configuration_it_ran_with(demo_output: str) -> None:
    config = (EXAMPLES / "pyproject.toml").read_text().rstrip()
    assert demo_output.rstrip().endswith(config)
    assert 'plugins = ["mellea_mypy"]' in config and "[tool.mellea-lint]" in config


def test_readme_quick_start_prints_what_the_demo_prints(demo_output: str) -> None:
    """The quick start's first-run transcript is the demo's own output, line for line."""
    from tools.readme_sections import section

    (console,) = re.findall(r"```console\n(.*?)```", section("quickstart"), re.DOTALL)
    shown = [line for line in console.splitlines() if not line.startswith("$ ")]
    assert shown and all(line in demo_output.splitlines() for line in shown), shown


def test_a_test_double_backend_is_clean_in_every_checker_and_the_gate(demo_output: str) -> None:
    section = _section(demo_output, "7.")
    rows = dict(re.findall(r"^  (\S+) +exit (\d+):", section, re.MULTILINE))
    assert rows == dict.fromkeys(("mypy", "pyright", "basedpyright", "pyrefly", "ty", "mellea-lint"), "0"), section


def test_the_editor_server_shows_the_findings_and_applies_a_quick_fix(demo_output: str) -> None:
    section = _section(demo_output, "8.")
    line = _line_of(MISTAKES, "mot._generate_log")
    assert f"{MISTAKES.name}:{line}:14: MOT001 private thunk member _generate_log read: use mot.generate_log" in section
    assert section.count("MOT006") == 2
    assert "-> log = mot.generate_log  # private: the public spelling is mot.generate_log" in section


def test_the_payload_check_reports_a_drifted_field_with_its_path(demo_output: str) -> None:
    section = _section(demo_output, "9.")
    assert "choices[0].message.reasoning_content: expected str | None, got list" in section, section


def test_a_one_backend_session_types_its_payload_in_mypy_and_pyright(demo_output: str) -> None:
    section = _section(demo_output, "10.")
    assert re.findall(r"^    (mypy|pyright) +(.+)$", section, re.MULTILINE) == [
        ("mypy", "mellea.core.base.OllamaRaw"), ("pyright", "OllamaRaw"),
        ("mypy", "str | None"), ("pyright", "str | None"),
    ], section

