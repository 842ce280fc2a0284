"""Measure what the stubs add to mellea's own code checked as user code: the released wheel's
backends, stdlib, helpers, formatters, telemetry and cli (everything but ``mellea/core``, which
the stubs describe), with relative imports made absolute so they resolve to the installed
package, checked by pyright with and without ``mellea-stubs``.

    python -m tools.mellea_as_user_code [VERSION]   # print the errors the stubs add, per file

Producer code (the backends) and the `Message._parse` consumer are the interesting rows: the
stubs must add nothing for private members or writes through ``mot.raw``.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus import wheel_tree
from bench.envs import VENV, mirror_without
from tools.typecheckers import REPO

PACKAGES = ("mellea/backends", "mellea/stdlib", "mellea/helpers", "mellea/formatters", "mellea/telemetry", "cli")
STUBS = ("mellea-stubs", "mellea_stubs-")
_RELATIVE = re.compile(r"^(\s*)from (\.+)([\w.]*) import", re.MULTILINE)

Error = tuple[str, int, str]


def _absolute_imports(text: str, package: list[str]) -> str:
    def rewrite(match: re.Match[str]) -> str:
        base = package[: len(package) - (len(match[2]) - 1)]
        return f"{match[1]}from {'.'.join(base + ([match[3]] if match[3] else []))} import"

    return _RELATIVE.sub(rewrite, text)


def copy_as_user_code(tree: Path, target: Path) -> int:
    """Each module of ``PACKAGES`` as a top-level file of ``target``; returns how many."""
    count = 0
    for top in PACKAGES:
        for path in sorted((tree / top).rglob("*.py")):
            relative = path.relative_to(tree)
            text = _absolute_imports(path.read_text(encoding="utf-8"), list(relative.parent.parts))
            (target / ("user_" + relative.as_posix().replace("/", "_"))).write_text(text, encoding="utf-8")
            count += 1
    return count


def pyright_errors(project: Path, python: Path) -> collections.Counter[Error]:
    (project / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "standard", "pythonVersion": "3.11"}))
    out = subprocess.run([str(REPO / ".venv" / "bin" / "pyright"), "--outputjson", "--pythonpath", str(python), "."],
                         cwd=project, capture_output=True, text=True, check=False).stdout
    return collections.Counter(
        (d["file"].rsplit("/", 1)[-1], d["range"]["start"]["line"] + 1, d.get("rule", ""))
        for d in json.loads(out)["generalDiagnostics"] if d["severity"] == "error"
    )


def added_by_stubs(version: str = "0.8.0") -> tuple[int, collections.Counter[Error]]:
    """(files checked, the errors present with the stubs and absent without them)."""
    with tempfile.TemporaryDirectory(prefix="mellea-user-code-") as scratch:
        project = Path(scratch)
        files = copy_as_user_code(wheel_tree(version), project)
        with_stubs = pyright_errors(project, VENV / "bin" / "python")
        without = pyright_errors(project, mirror_without(VENV, "without-stubs", STUBS))
    return files, with_stubs - without


def main(argv: list[str]) -> int:
    files, added = added_by_stubs(*argv[:1])
    by_file = collections.Counter(name for name, _, _ in added.elements())
    print(f"pyright errors the stubs add to {files} modules of mellea as user code: {sum(added.values())}")
    for name, count in by_file.most_common():
        print(f"  {count:4}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
