"""``--write-baseline`` records today's findings; ``--baseline`` then reports only new ones."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "mellea-lint"
HEADER = "from mellea.core.base import ModelOutputThunk\n\n\ndef show(mot: ModelOutputThunk) -> None:\n"
READ = "    print(mot._gen)\n"


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "check", "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n[tool.mellea-lint]\n')
    (tmp_path / "pkg").mkdir()
    return tmp_path


def _located(stdout: str) -> list[tuple[str, int, str]]:
    return [(Path(i["filename"]).name, i["location"]["row"], i["code"]) for i in json.loads(stdout)]


def test_baseline_file_format(project: Path) -> None:
    (project / "pkg" / "b.py").write_text(HEADER + READ + "    print(mot._generate_log)\n")
    (project / "pkg" / "a.py").write_text(HEADER + READ + READ.rstrip("\n") + "  # again\n")
    result = lint(project, "--write-baseline", "baseline.json", "pkg")
    assert (result.returncode, result.stdout) == (0, "")  # not "All checks passed!": 4 findings were recorded
    assert result.stderr == (
        "Recorded 4 findings in baseline.json (baseline); they will be ignored with --baseline baseline.json.\n"
    )
    written = (project / "baseline.json").read_text()
    assert json.loads(written) == {
        "tool": "mellea-lint",
        "version": 1,
        "findings": [
            {"path": "pkg/a.py", "code": "MOT002", "line": "print(mot._gen)", "count": 1},
            {"path": "pkg/a.py", "code": "MOT002", "line": "print(mot._gen)  # again", "count": 1},
            {"path": "pkg/b.py", "code": "MOT001", "line": "print(mot._generate_log)", "count": 1},
            {"path": "pkg/b.py", "code": "MOT002", "line": "print(mot._gen)", "count": 1},
        ],
    }
    lint(project, "--write-baseline", "baseline.json", "pkg")
    assert (project / "baseline.json").read_text() == written, "writing again gives the same bytes"


def test_baseline_matches_a_multiset_of_lines(project: Path) -> None:
    file = project / "pkg" / "a.py"
    file.write_text(HEADER + READ * 2)
    lint(project, "--write-baseline", "baseline.json")
    assert lint(project, "--baseline", "baseline.json").returncode == 0
    file.write_text(HEADER + READ * 3)
    result = lint(project, "--baseline", "baseline.json", "--output-format", "json")
    assert (result.returncode, len(_located(result.stdout))) == (1, 1), "a third identical line is new"
    file.write_text(HEADER + READ)
    assert lint(project, "--baseline", "baseline.json").returncode == 0


def test_a_changed_offending_line_is_new(project: Path) -> None:
    file = project / "pkg" / "a.py"
    file.write_text(HEADER + READ)
    lint(project, "--write-baseline", "baseline.json")
    file.write_text(HEADER + "    print(mot._gen, 2)\n")
    result = lint(project, "--baseline", "baseline.json", "--output-format", "json")
    assert (result.returncode, _located(result.stdout)) == (1, [("a.py", 5, "MOT002")])


def test_the_same_line_in_another_file_or_rule_is_new(project: Path) -> None:
    (project / "pkg" / "a.py").write_text(HEADER + READ)
    lint(project, "--write-baseline", "baseline.json")
    (project / "pkg" / "b.py").write_text(HEADER + READ)
    result = lint(project, "--baseline", "baseline.json", "--output-format", "json")
    assert _located(result.stdout) == [("b.py", 5, "MOT002")]
    entry = {"path": "pkg/b.py", "code": "MOT001", "line": "print(mot._gen)", "count": 1}
    document = json.loads((project / "baseline.json").read_text())
    document["findings"].append(entry)
    (project / "baseline.json").write_text(json.dumps(document))
    result = lint(project, "--baseline", "baseline.json", "--output-format", "json")
    assert _located(result.stdout) == [("b.py", 5, "MOT002")], "another rule's entry covers nothing"


def test_paths_are_relative_to_the_baseline_file(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (project / "pkg" / "a.py").write_text(HEADER + READ)
    lint(project / "pkg", "--write-baseline", "../baseline.json", ".")
    assert json.loads((project / "baseline.json").read_text())["findings"][0]["path"] == "pkg/a.py"
    moved = tmp_path_factory.mktemp("moved") / "checkout"
    shutil.copytree(project, moved)
    assert lint(moved, "--baseline", "baseline.json").returncode == 0
    assert lint(moved / "pkg", "--baseline", str(moved / "baseline.json"), ".").returncode == 0


def test_files_that_cannot_be_checked_are_never_recorded(project: Path) -> None:
    (project / "pkg" / "a.py").write_text(HEADER + READ)
    (project / "pkg" / "broken.py").write_text("def (:\n")
    written = lint(project, "--write-baseline", "baseline.json")
    assert written.returncode == 1 and "MOT902" in written.stdout and "MOT002" not in written.stdout
    assert written.stderr == (
        "Recorded 1 finding in baseline.json (baseline); it will be ignored with --baseline baseline.json.\n"
    )
    again = lint(project, "--baseline", "baseline.json")
    assert again.returncode == 1 and "MOT902" in again.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline baseline.json: No such file or directory"),
        ("{not json", "baseline baseline.json is not JSON: "),
        ('{"findings": []}', "baseline baseline.json is not a mellea-lint baseline"),
        ('{"tool": "mellea-lint", "version": 99, "findings": []}', "has format version 99, this mellea-lint reads 1"),
        ('{"tool": "mellea-lint", "version": 1, "findings": {}}', "'findings' must be a list"),
        ('{"tool": "mellea-lint", "version": 1, "findings": [{"path": "a.py", "code": "MOT001", "line": "x"}]}',
         "findings[0] must have string path, code, line and a count >= 1"),
        ('{"tool": "mellea-lint", "version": 1, "findings": [{"path": "a.py", "code": "MOT001", "line": "x", "count": 0}]}',
         "findings[0] must have"),
    ],
)
def test_a_bad_baseline_is_one_clear_error(project: Path, content: str | None, message: str) -> None:
    (project / "pkg" / "a.py").write_text(HEADER + READ)
    if content is not None:
        (project / "baseline.json").write_text(content)
    result = lint(project, "--baseline", "baseline.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("mellea-lint: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_a_machine_format_stays_data_while_the_baseline_is_written(project: Path) -> None:
    (project / "pkg" / "a.py").write_text(HEADER + READ)
    result = lint(project, "--write-baseline", "baseline.json", "--output-format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    assert result.stderr.startswith("Recorded 1 finding in baseline.json (baseline)")


def test_baseline_options_exclude_each_other(project: Path) -> None:
    both = lint(project, "--baseline", "a.json", "--write-baseline", "b.json")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    diff = lint(project, "--diff", "--write-baseline", "b.json")
    assert diff.returncode == 2 and "--diff changes nothing" in diff.stderr and not (project / "b.json").exists()


def test_fix_still_fixes_what_the_baseline_covers(project: Path) -> None:
    file = project / "pkg" / "a.py"
    file.write_text(HEADER + "    print(mot._generate_log)\n" + READ)
    lint(project, "--write-baseline", "baseline.json")
    result = lint(project, "--baseline", "baseline.json", "--fix")
    assert file.read_text() == HEADER + "    print(mot.generate_log)\n" + READ
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")


def test_reindented_and_shifted_lines_stay_covered(project: Path) -> None:
    file = project / "pkg" / "a.py"
    file.write_text(HEADER + READ)
    lint(project, "--write-baseline", "baseline.json")
    file.write_text("# moved\n\n" + HEADER + "    if mot:\n    " + READ)
    assert lint(project, "--baseline", "baseline.json").returncode == 0
    assert lint(project).returncode == 1, "without the baseline the finding is still there"
