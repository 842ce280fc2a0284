"""Generate the README's compatibility table from what the project pins and declares.

The "tested with" column is requirements/test.txt (what `make test` installs); the
"supported" column is pyproject.toml's declared ranges. Nothing is typed by hand.

    python tools/compat_table.py          # print the table
    python tools/compat_table.py --write  # rewrite it inside README.md
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START, END = "<!-- compat-table:start -->", "<!-- compat-table:end -->"

# (component, pinned distribution, what it is used for)
ROWS: tuple[tuple[str, str, str], ...] = (
    ("mellea", "mellea", "the runtime the stubs and the surface table describe"),
    ("mypy", "mypy", "stubs, `mellea_mypy` plugin"),
    ("pyright", "pyright", "stubs, IDE proof"),
    ("basedpyright", "basedpyright", "stubs, IDE proof"),
    ("pyrefly", "pyrefly", "stubs"),
    ("ty", "ty", "stubs"),
    ("flake8", "flake8", "MOT rules as a flake8 plugin"),
    ("ruff", "ruff", "the ruff preset"),
    ("libcst", "libcst", "`mellea-lint check --fix`"),
)


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / "requirements" / "test.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def _declared() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    ranges = {"python": project["requires-python"]}
    for extra in project.get("optional-dependencies", {}).values():
        for spec in extra:
            match = re.match(r"^([A-Za-z0-9_.-]+)(.*)$", spec)
            if match:
                ranges[match.group(1).lower()] = match.group(2) or "any"
    return ranges


def render() -> str:
    pins, declared = _pins(), _declared()
    rows = [
        "| component | supported | tested with | used for |",
        "|---|---|---|---|",
        f"| Python | {declared['python']} | {declared['python'].removeprefix('>=')} (CI) | everything |",
    ]
    for name, dist, use in ROWS:
        rows.append(f"| {name} | {declared.get(dist, 'tested version only')} | {pins[dist]} | {use} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    table = render()
    if "--write" not in sys.argv:
        print(table, end="")
        return
    text = README.read_text()
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{START}\n{table}{END}{tail}")


if __name__ == "__main__":
    main()
