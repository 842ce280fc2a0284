"""`make demo`: the product on this examples/ project, run as a user runs it.

A scratch copy of the project (its own ``pyproject.toml`` is the configuration a user writes)
is checked with the tools of the environment running this script (``.venv-demo``: mellea, mypy,
pyright, this project; no provider SDK). In order: the payload type of every provider branch
without and with the stubs, mypy with the plugin, pyright, ``mellea-lint check``, the autofix as
a diff, the baseline flow, and the configuration to copy.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.envs import mirror_without
from tools.typecheckers import without_typeddict_bodies

BIN = Path(sys.executable).parent
CONFIG = HERE / "pyproject.toml"
CACHE = REPO / ".cache" / "demo"
STUBS = ("mellea-stubs", "mellea_stubs-")
"""What the ``mellea-stubs`` wheel puts into site-packages."""

NEW_VIOLATION = '''

def debug(mot: ModelOutputThunk[str]) -> None:
    print(mot._generate_log)
'''
"""Added after the baseline is recorded: the one finding the baseline must let through."""


@dataclass(frozen=True)
class Branch:
    file: str
    line: int  # of the `if`, in the original file
    provider: str
    subject: str  # the expression whose `.provider` is compared


def provider_branches(tree: ast.Module, file: str) -> list[tuple[Branch, int]]:
    """(branch, line of its first body statement) for each `if X.provider == "lit":`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
            continue
        test = node.test
        if (isinstance(test.left, ast.Attribute) and test.left.attr == "provider"
                and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
                and isinstance(test.comparators[0], ast.Constant) and isinstance(test.comparators[0].value, str)):
            branch = Branch(file, node.lineno, test.comparators[0].value, ast.unparse(test.left.value))
            found.append((branch, node.body[0].lineno))
    return found


def instrument(source: str, file: str) -> tuple[str, dict[int, Branch]]:
    """The source with a reveal_type per branch, and revealed line -> branch."""
    inserts = {body_line: branch for branch, body_line in provider_branches(ast.parse(source), file)}
    out: list[str] = []
    where: dict[int, Branch] = {}
    for lineno, line in enumerate(source.splitlines(), start=1):
        if lineno in inserts:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}reveal_type({inserts[lineno].subject}.response)")
            where[len(out)] = inserts[lineno]
        out.append(line)
    return "\n".join(out) + "\n", where


def sources() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != "demo.py")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for path in [CONFIG, *sources()]:
        shutil.copy(path, target / path.name)
    return target


def run(cmd: list[str], cwd: Path, python: Path = Path(sys.executable)) -> subprocess.CompletedProcess[str]:
    """``cmd`` in ``cwd`` with this environment's tools first on PATH (as in an activated venv)."""
    environ = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "MYPY_CACHE_DIR": str(CACHE / "mypy" / f"{cwd.name}-{python.parent.parent.name}")}
    return subprocess.run(cmd, cwd=cwd, env=environ, capture_output=True, text=True, check=False)


def show(title: str, command: str, result: subprocess.CompletedProcess[str], project: Path,
         *, stderr: bool = False) -> None:
    """The command and what it printed, with the scratch folder's path left out."""
    print(f"\n== {title} ==\n$ {command}")
    text = (result.stdout + (result.stderr if stderr else "")).replace(f"{project}{os.sep}", "")
    print(text.rstrip() if text.strip() else "(no output)")
    print(f"(exit status {result.returncode})")


def revealed(project: Path, python: Path, where: dict[tuple[str, int], Branch]) -> dict[str, dict[Branch, str]]:
    """What mypy and pyright reveal at each instrumented line, against the environment of ``python``."""
    table: dict[str, dict[Branch, str]] = {"mypy": {}, "pyright": {}}
    mypy = run([str(python), "-m", "mypy", "-O", "json", "--python-executable", str(python), "."], project, python)
    for line in mypy.stdout.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            branch = where.get((Path(d["file"]).name, d["line"]))
            if branch and d["message"].startswith("Revealed type is "):
                table["mypy"][branch] = d["message"].removeprefix('Revealed type is "').removesuffix('"')
    pyright = run([str(BIN / "pyright"), "--outputjson", "--pythonpath", str(python)], project, python)
    for d in json.loads(pyright.stdout)["generalDiagnostics"]:
        branch = where.get((Path(d["file"]).name, d["range"]["start"]["line"] + 1))
        if branch and d["message"].startswith('Type of "'):
            table["pyright"][branch] = d["message"].split('" is "', 1)[1].rstrip('"')
    return table


def payload_types(scratch: Path) -> None:
    project = scratch / "revealed"
    project.mkdir()
    shutil.copy(CONFIG, project / CONFIG.name)
    where: dict[tuple[str, int], Branch] = {}
    for src in sources():
        text, lines = instrument(src.read_text(), src.name)
        (project / src.name).write_text(text)
        where.update({(src.name, n): b for n, b in lines.items()})
    bare = mirror_without(Path(sys.prefix), "demo-without-stubs", STUBS, parent=CACHE)
    without = revealed(project, bare, where)
    with_stubs = revealed(project, Path(sys.executable), where)
    print("== 1. mot.raw.response in each provider branch: without the stubs, then with them ==")
    for branch in sorted(set(where.values()), key=lambda b: (b.file, b.line)):
        print(f"\n{branch.file}:{branch.line}  provider == {branch.provider!r}")
        print(f"  {'without stubs':14} {without['mypy'].get(branch, '(nothing revealed)')}")
        for checker in ("mypy", "pyright"):
            text = with_stubs[checker].get(branch, "(nothing revealed)")
            print(f"  {checker:14} {without_typeddict_bodies(text)}")
    print("\n(A payload type from an SDK that is not installed, transformers here, is Any / Unknown.)")


def baseline_flow(project: Path) -> None:
    lint = str(BIN / "mellea-lint")
    record = run([lint, "check", "--write-baseline", "mellea-lint-baseline.json", "."], project)
    show("6. baseline: record today's findings once (commit the file)",
         "mellea-lint check --write-baseline mellea-lint-baseline.json .", record, project, stderr=True)
    target = project / "usage_report.py"
    target.write_text(target.read_text() + NEW_VIOLATION)
    print(f"\nA later change appends to {target.name}:{NEW_VIOLATION.rstrip()}")
    again = run([lint, "check", "--baseline", "mellea-lint-baseline.json", "."], project)
    show("6. ... then only new findings fail", "mellea-lint check --baseline mellea-lint-baseline.json .",
         again, project)


PRODUCER_FILE = "fake_backend.py"


def producer_code(project: Path) -> None:
    """A test-double backend fills thunks as mellea's backends do: every checker and the gate."""
    python = sys.executable
    commands = {
        "mypy": [python, "-m", "mypy", PRODUCER_FILE],
        "pyright": [str(BIN / "pyright"), "--pythonpath", python, PRODUCER_FILE],
        "basedpyright": [str(BIN / "basedpyright"), "--pythonpath", python, PRODUCER_FILE],
        "pyrefly": [str(BIN / "pyrefly"), "check", "--python-interpreter-path", python, PRODUCER_FILE],
        "ty": [str(BIN / "ty"), "check", "--python", python, PRODUCER_FILE],
        "mellea-lint": [str(BIN / "mellea-lint"), "check", "--no-cache", PRODUCER_FILE],
    }
    print(f"\n== 7. producer code ({PRODUCER_FILE}: a streaming test double) in every checker and the gate ==")
    for name, command in commands.items():
        result = run(command, project)
        last = (result.stdout + result.stderr).strip().splitlines()
        print(f"  {name:13} exit {result.returncode}: {last[-1] if last else '(no output)'}")


def editor(project: Path) -> None:
    """What an editor shows: ``mellea-lint server`` on the open buffer, and a quick fix applied."""
    from tests.server.server_support import apply_text_edits, serve

    print("\n== 8. in the editor: mellea-lint server (docs/editor.md) ==")
    path = project / "common_mistakes.py"
    with serve(project) as session:
        uri = session.open(path)
        found = session.diagnostics(uri)
        for d in found:
            start = d["range"]["start"]
            print(f"  {path.name}:{start['line'] + 1}:{start['character'] + 1}: {d['code']} {d['message']}")
        private = next(d for d in found if d["code"] == "MOT001")
        at = (private["range"]["start"]["line"], private["range"]["start"]["character"])
        action = next(a for a in session.code_actions(uri, at) if a.get("kind") == "quickfix")
        edits = action["edit"]["changes"][uri]
        fixed = apply_text_edits(path.read_text(), edits).splitlines()[at[0]]
        print(f"  quick fix \"{action['title']}\" -> {fixed.strip()}")


def payload_drift() -> None:
    """The payload check on a recorded provider reply whose field drifted (docs/payload-check.md)."""
    from mellea_lint.payloads.demo import drift_demo

    print("\n== 9. payload check at run time: a recorded reply that drifted ==")
    print(drift_demo())


TYPED_SESSION = """from mellea import start_session

m = start_session("ollama")
reply = m.instruct("Name a prime number.")
reveal_type(reply.raw)
reveal_type(reply.raw.response.message.content)
"""


def typed_by_backend(scratch: Path) -> None:
    """A session for one backend types its thunks' payload: no provider check (docs/design.md)."""
    project = scratch / "typed"
    project.mkdir()
    (project / "one_backend.py").write_text(TYPED_SESSION)
    print('\n== 10. typed by the backend: m = start_session("ollama"), then m.instruct(...) ==')
    mypy = run([sys.executable, "-m", "mypy", "one_backend.py"], project)
    pyright = run([str(BIN / "pyright"), "--pythonpath", sys.executable, "one_backend.py"], project)
    for line, expr in enumerate(TYPED_SESSION.splitlines(), 1):
        if expr.startswith("reveal_type("):
            shown = {
                "mypy": re.search(rf"^one_backend\.py:{line}: note: Revealed type is \"(.*)\"$", mypy.stdout, re.M),
                "pyright": re.search(rf":{line}:\d+ - information: Type of \".*\" is \"(.*)\"$", pyright.stdout, re.M),
            }
            print(f"  {expr.removeprefix('reveal_type(').removesuffix(')')}")
            for checker, found in shown.items():
                print(f"    {checker:8} {found.group(1) if found else '(nothing revealed)'}")


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="mellea-demo-"))
    try:
        payload_types(scratch)
        project = copy_project(scratch / "project")
        mypy = run([sys.executable, "-m", "mypy", "."], project)
        show("2. mypy with the plugin: mellea-private, mellea-provider and the stubs' types", "mypy .",
             mypy, project)
        pyright = run([str(BIN / "pyright")], project)
        show('3. pyright with typeCheckingMode = "standard" (set the same for Pylance)', "pyright",
             pyright, project)
        lint = run([str(BIN / "mellea-lint"), "check", "--no-cache", "."], project)
        show("4. the lint gate", "mellea-lint check .", lint, project)
        diff = run([str(BIN / "mellea-lint"), "check", "--no-cache", "--diff", "."], project)
        show("5. what --fix would rewrite", "mellea-lint check --diff .", diff, project, stderr=True)
        baseline_flow(project)
        producer_code(project)
        editor(project)
        payload_drift()
        typed_by_backend(scratch)
        print("\n== 11. The configuration to copy (examples/pyproject.toml) ==")
        print(CONFIG.read_text().rstrip())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
