"""``mellea-lint check``: exit codes, path handling, select/ignore, noqa, config."""

from __future__ import annotations

import re
from pathlib import Path

from cli_support import CLEAN, THUNK_USE, THUNK_USE_AT, Lint, finding_lines


def test_clean_file_exits_0(project: Path, lint: Lint) -> None:
    (project / "ok.py").write_text(CLEAN)
    result = lint("check", "ok.py")
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_finding_exits_1_in_ruff_concise_shape(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    result = lint("check", "app.py")
    row, col = THUNK_USE_AT
    lines = finding_lines(result.stdout)
    assert result.returncode == 1
    assert len(lines) == 1 and lines[0].startswith(f"app.py:{row}:{col}: MOT002 ")
    assert result.stdout.endswith("Found 1 error.\n")


def test_usage_errors_exit_2_with_one_line(lint: Lint) -> None:
    for args in (["check", "--select", "XYZ9"], ["check", "--ignore", "MOT9999"],
                 ["check", "--internal-modules", "not a module"], ["check", "--jobs", "0"],
                 ["check", "--output-format", "xml"], ["rule", "MOT999"], []):
        result = lint(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert re.match(r"mellea-lint( [a-z-]+)?: error: ", result.stderr.strip().splitlines()[-1]), args


def test_directories_recurse_over_py_and_pyi_and_skip_tool_folders(project: Path, lint: Lint) -> None:
    for name in ("pkg/a.py", "pkg/sub/b.pyi", "pkg/notes.txt", ".venv/lib/c.py",
                 "pkg/__pycache__/d.py", ".git/e.py", "node_modules/f.py"):
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(THUNK_USE)
    result = lint("check", ".")
    files = sorted(line.split(":")[0] for line in finding_lines(result.stdout))
    assert files == ["pkg/a.py", "pkg/sub/b.pyi"]


def test_files_named_on_the_command_line_are_checked_whatever_their_suffix(project: Path, lint: Lint) -> None:
    (project / "script").write_text(THUNK_USE)
    assert [line.split(":")[0] for line in finding_lines(lint("check", "script").stdout)] == ["script"]


def test_select_and_ignore_take_code_prefixes_and_the_longest_wins(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    assert lint("check", "--select", "MOT", "app.py").returncode == 1
    assert lint("check", "--select", "MOT001", "app.py").returncode == 0
    assert lint("check", "--ignore", "MOT00", "app.py").returncode == 0
    assert lint("check", "--select", "MOT002", "--ignore", "MOT0", "app.py").returncode == 1
    assert lint("check", "--select", "MOT0", "--ignore", "MOT0", "app.py").returncode == 0


def test_noqa_like_ruff(project: Path, lint: Lint) -> None:
    base = THUNK_USE.rstrip("\n")
    cases = {
        "bare": (base + "  # noqa\n", 0),
        "code": (base + "  # noqa: MOT002\n", 0),
        "list": (base + "  # NOQA:MOT001,MOT002\n", 0),
        "other": (base + "  # noqa: MOT001\n", 1),
        "prefix": (base + "  # noqa: MOT\n", 1),
        "elsewhere": ("# noqa: MOT002\n" + THUNK_USE, 1),
    }
    for name, (text, _) in cases.items():
        (project / f"{name}.py").write_text(text)
    for name, (_, expected) in cases.items():
        assert lint("check", f"{name}.py").returncode == expected, name


def test_exclude_from_config_applies_to_walks_and_named_files(project: Path, lint: Lint) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.mellea-lint]\nexclude = ["generated", "tests/fixtures/*", "*_pb2.py"]\n'
    )
    for name in ("src/app.py", "generated/x.py", "tests/fixtures/y.py", "src/m_pb2.py", "tests/t.py"):
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(THUNK_USE)
    files = sorted(line.split(":")[0] for line in finding_lines(lint("check", ".").stdout))
    assert files == ["src/app.py", "tests/t.py"]
    named = lint("check", "generated/x.py", "tests/fixtures/y.py", "src/app.py")
    assert [line.split(":")[0] for line in finding_lines(named.stdout)] == ["src/app.py"]


def test_config_select_ignore_and_cli_ignore_adds_to_it(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nignore = ["MOT002"]\n')
    assert lint("check", "app.py").returncode == 0
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nselect = ["MOT001"]\n')
    assert lint("check", "app.py").returncode == 0
    assert lint("check", "--select", "MOT002", "app.py").returncode == 1
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nignore = ["MOT001"]\n')
    assert lint("check", "--ignore", "MOT002", "app.py").returncode == 0


def test_nearest_pyproject_with_the_table_is_used(project: Path, lint: Lint) -> None:
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nignore = ["MOT"]\n')
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "no-table"\n')
    (sub / "app.py").write_text(THUNK_USE)
    from cli_support import lint_in

    assert lint_in(sub, "check", "app.py").returncode == 0
    (sub / "pyproject.toml").write_text("[tool.mellea-lint]\n")
    assert lint_in(sub, "check", "app.py").returncode == 1


def test_config_errors_exit_2_naming_the_key(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(CLEAN)
    cases = {
        'selct = ["MOT"]': "'selct'",
        'select = "MOT001"': "select",
        'ignore = [1]': "ignore",
        'select = ["NOPE"]': "'NOPE'",
        'internal-modules = ["a..b"]': "internal-modules",
        'exclude = {x = 1}': "exclude",
    }
    for body, named in cases.items():
        (project / "pyproject.toml").write_text(f"[tool.mellea-lint]\n{body}\n")
        result = lint("check", "app.py")
        assert result.returncode == 2, body
        assert result.stdout == "", body
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and named in lines[0] and "pyproject.toml" in lines[0], (body, lines)
    (project / "pyproject.toml").write_text("[tool.mellea-lint\n")
    broken = lint("check", "app.py")
    assert broken.returncode == 2 and len(broken.stderr.splitlines()) == 1


def test_internal_modules_allow_private_access_inside_them(project: Path, lint: Lint) -> None:
    core = project / "mellea" / "core"
    core.mkdir(parents=True)
    (project / "mellea" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    (core / "impl.py").write_text(THUNK_USE)
    (project / "app.py").write_text(THUNK_USE)
    default = lint("check", ".")
    assert [line.split(":")[0] for line in finding_lines(default.stdout)] == ["app.py"]
    moved = lint("check", "--internal-modules", "app", ".")
    assert [line.split(":")[0] for line in finding_lines(moved.stdout)] == ["mellea/core/impl.py"]
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\ninternal-modules = ["app"]\n')
    from_config = lint("check", ".")
    assert [line.split(":")[0] for line in finding_lines(from_config.stdout)] == ["mellea/core/impl.py"]


def test_pre_commit_style_file_list(project: Path, lint: Lint) -> None:
    """pre-commit passes many file names at once, some of them not Python or excluded."""
    names = [f"m{i}.py" for i in range(30)]
    for name in names:
        (project / name).write_text(CLEAN)
    (project / "m7.py").write_text(THUNK_USE)
    result = lint("check", *names)
    assert [line.split(":")[0] for line in finding_lines(result.stdout)] == ["m7.py"]
    assert result.returncode == 1


PROVIDER_USE = (
    "from mellea.core.base import ModelOutputThunk\n\n\n"
    "def route(mot: ModelOutputThunk) -> None:\n"
    "    if mot.raw.provider == \"acme\":\n"
    "        pass\n"
)
BACKEND_WRITE = (
    "from mellea.backends import FormatterBackend\n"
    "from mellea.core.base import ModelOutputThunk\n\n\n"
    "class Echo(FormatterBackend):\n"
    "    def fill(self, mot: ModelOutputThunk) -> None:\n"
    "        mot._generate_log = None\n"
)


def test_a_third_party_literal_is_accepted_until_the_providers_are_declared(project: Path, lint: Lint) -> None:
    """A literal close to no provider is taken as the project's own backend; once the project
    declares its extra providers the list is closed and any other literal is reported."""
    (project / "app.py").write_text(PROVIDER_USE)
    assert lint("check", "app.py").returncode == 0
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nextra-providers = { acme = "acme.types.Response" }\n')
    assert lint("check", "app.py").returncode == 0
    (project / "app.py").write_text(PROVIDER_USE.replace('"acme"', '"zeta"'))
    assert finding_lines(lint("check", "app.py").stdout) == [
        'app.py:5:28: MOT006 "zeta" is not a mellea provider (known: acme, huggingface, litellm, ollama, openai, watsonx)'
    ]


def test_detect_producers_setting_turns_recognition_off(project: Path, lint: Lint) -> None:
    (project / "backend.py").write_text(BACKEND_WRITE)
    assert lint("check", "backend.py").returncode == 0
    (project / "pyproject.toml").write_text("[tool.mellea-lint]\ndetect-producers = false\n")
    assert finding_lines(lint("check", "backend.py").stdout) == [
        "backend.py:7:12: MOT003 private thunk member _generate_log written: there is no public setter "
        "(mot.generate_log is read-only); if this is producer code, list its module in producer-modules "
        "of [tool.mellea-lint] or add '# noqa: MOT003'"
    ]
    (project / "pyproject.toml").write_text('[tool.mellea-lint]\ndetect-producers = "no"\n')
    result = lint("check", "backend.py")
    assert result.returncode == 2 and "detect-producers must be true or false" in result.stderr
