"""`make demo`: type-check this examples/ project with mypy and pyright, show what each infers
for `mot.raw.response` in every provider branch, and the errors each catches.

Provider branches are found with ast (any `if <expr>.provider == "<literal>":`); a temporary
copy gets a `reveal_type(<expr>.response)` at the top of each branch.
"""

from __future__ import annotations

import ast
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tools.typecheckers import REPO, Diagnostic, check, reveal, without_typeddict_bodies

CHECKERS = ("mypy", "pyright")
PYTHON = REPO / ".venv" / "bin" / "python"


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


def _revealed(d: Diagnostic) -> str | None:
    for prefix in ('Revealed type is "', 'Type of "'):
        if d.message.startswith(prefix):
            text = d.message.split('" is "', 1)[-1] if prefix == 'Type of "' else d.message[len(prefix):]
            return text.rstrip('"')
    return None


def inferred_types(sources: list[Path], scratch: Path) -> dict[Branch, dict[str, str]]:
    copies, where = [], {}
    for src in sources:
        text, lines = instrument(src.read_text(), src.name)
        copy = scratch / "revealed" / src.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text)
        copies.append(copy)
        where.update({(copy.name, n): b for n, b in lines.items()})
    table: dict[Branch, dict[str, str]] = {b: {} for b in where.values()}
    for checker in CHECKERS:
        for d in reveal(checker, copies, PYTHON, scratch / f"reveal-{checker}"):
            branch = where.get((d.path.name, d.line))
            text = _revealed(d)
            if branch and text:
                table[branch][checker] = without_typeddict_bodies(text)
    return table


def main() -> int:
    sources = sorted(p for p in HERE.glob("*.py") if p.name != "demo.py")
    scratch = Path(tempfile.mkdtemp(prefix="mellea-demo-"))
    try:
        print("== what each checker infers for <raw>.response, per provider branch ==")
        for branch, by_checker in sorted(inferred_types(sources, scratch).items(), key=lambda kv: (kv[0].file, kv[0].line)):
            print(f"\n{branch.file}:{branch.line}  provider == {branch.provider!r}")
            for checker in CHECKERS:
                print(f"  {checker:8} {by_checker.get(checker, '(nothing revealed)')}")
        print("\n== errors the checkers catch ==")
        for checker in CHECKERS:
            found = check(checker, sources, PYTHON, scratch / f"check-{checker}")
            print(f"\n{checker}: {len(found)} error(s)")
            for d in found:
                print(f"  {d.path.name}:{d.line} [{d.code}] {d.message.splitlines()[0]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
