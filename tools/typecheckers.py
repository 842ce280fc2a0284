"""Run the five type checkers over a batch of files and return their diagnostics as records.

Each checker is configured to honour only its own ignore comment (mypy ``# type: ignore``,
pyright and basedpyright ``# pyright: ignore``, ty ``# ty: ignore``, pyrefly
``# pyrefly: ignore``) and to report an ignore comment that suppresses nothing, so a file
can state, per checker, which lines must be errors. Shared by the tests and ``make demo``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECKERS = ("mypy", "pyright", "basedpyright", "pyrefly", "ty")

IGNORE_SYNTAX = {
    "mypy": "type",
    "pyright": "pyright",
    "basedpyright": "pyright",
    "pyrefly": "pyrefly",
    "ty": "ty",
}
"""The ``# <word>: ignore[...]`` comment each checker honours under these configs."""


@dataclass(frozen=True)
class Diagnostic:
    checker: str
    path: Path
    line: int
    code: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}: {self.checker} [{self.code}] {self.message}"


_MYPY_SKIPPED = ("litellm.*", "ibm_watsonx_ai.*", "transformers.*", "huggingface_hub.*", "mypy.*",
                 "numpy.*", "torch.*", "openai.*")
_MYPY_FOLLOWED = ("transformers.generation.utils", "transformers.utils", "transformers.utils.generic")


def _mypy(
    files: Sequence[Path], python: Path, work: Path, keep_notes: bool = False, plugin: bool = False
) -> list[Diagnostic]:
    config = work / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\nwarn_unused_ignores = True\nstrict_equality = True\n"
        + ("plugins = mellea_mypy\n" if plugin else "")
        + f"python_executable = {python}\n"
        f"cache_dir = {REPO / '.cache' / 'mypy' / python.parent.parent.name}\n"
        # Speed only: the SDK packages the stub never names are not analysed (a cold
        # run drops from ~100 s to ~12 s); the stub's own SDK types stay followed.
        f"[mypy-{','.join(_MYPY_SKIPPED)}]\nfollow_imports = skip\n"
        f"[mypy-{','.join(_MYPY_FOLLOWED)}]\nfollow_imports = normal\n"
    )
    out = _run([_bin("mypy"), "--config-file", str(config), "-O", "json", *map(str, files)], work)
    found = []
    for line in out.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            if d["severity"] == "note" and not keep_notes:
                continue
            found.append(
                Diagnostic("mypy", _abs(d["file"], work), d["line"], d["code"] or "",
                           d["message"] + (f" ({d['hint']})" if d.get("hint") else ""), d["severity"])
            )
    return found


def _pyright_like(checker: str) -> Callable[[Sequence[Path], Path, Path], list[Diagnostic]]:
    def run(files: Sequence[Path], python: Path, work: Path, keep_notes: bool = False) -> list[Diagnostic]:
        config = {
            "include": [os.path.relpath(f, work) for f in files],
            "typeCheckingMode": "standard",
            "enableTypeIgnoreComments": False,
            "reportUnnecessaryTypeIgnoreComment": "error",
            "reportUnnecessaryComparison": "error",
            "pythonVersion": "3.11",
        }
        (work / "pyrightconfig.json").write_text(json.dumps(config))
        out = _run([_bin(checker), "--outputjson", "-p", str(work), "--pythonpath", str(python)], work)
        report = json.loads(out)
        if report["summary"]["filesAnalyzed"] != len(files):
            raise RuntimeError(f"{checker} analysed {report['summary']['filesAnalyzed']} of {len(files)} files")
        return [
            Diagnostic(checker, Path(d["file"]), d["range"]["start"]["line"] + 1, d.get("rule", ""),
                       d["message"], d["severity"])
            for d in report["generalDiagnostics"]
            if d["severity"] in ("error", "warning") or keep_notes
        ]

    return run


def _pyrefly(files: Sequence[Path], python: Path, work: Path) -> list[Diagnostic]:
    config = work / "pyrefly.toml"
    config.write_text(
        'preset = "default"\nenabled-ignores = ["pyrefly"]\n'
        'python-version = "3.11"\n[errors]\nunused-ignore = "error"\n'
    )
    out = _run([_bin("pyrefly"), "check", "-c", str(config), "--python-interpreter-path", str(python),
                "--output-format", "json", *map(str, files)], work)
    return [
        Diagnostic("pyrefly", _abs(d["path"], work), d["line"], d["name"], d["description"], d["severity"])
        for d in json.loads(out[: out.rindex("}") + 1])["errors"]
        if d["severity"] in ("error", "warn")
    ]


_TY_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):\d+: (?P<sev>\w+)\[(?P<code>[\w-]+)\] (?P<msg>.*)$")


def _ty(files: Sequence[Path], python: Path, work: Path) -> list[Diagnostic]:
    config = work / "ty.toml"
    config.write_text(
        '[environment]\npython-version = "3.11"\n'
        "[analysis]\nrespect-type-ignore-comments = false\n"
        '[rules]\nunused-ignore-comment = "error"\n'
    )
    out = _run([_bin("ty"), "check", "--config-file", str(config), "--python", str(python),
                "--output-format", "concise", *map(str, files)], work)
    found = []
    for line in out.splitlines():
        m = _TY_LINE.match(line)
        if m and m["sev"] in ("error", "warning"):
            found.append(Diagnostic("ty", _abs(m["path"], work), int(m["line"]), m["code"], m["msg"], m["sev"]))
    return found


RUNNERS: dict[str, Callable[[Sequence[Path], Path, Path], list[Diagnostic]]] = {
    "mypy": _mypy,
    "pyright": _pyright_like("pyright"),
    "basedpyright": _pyright_like("basedpyright"),
    "pyrefly": _pyrefly,
    "ty": _ty,
}
REVEALING = {"mypy": _mypy, "pyright": _pyright_like("pyright")}
"""The runners that can also return reveal_type output (mypy notes, pyright information)."""


def check(
    checker: str, files: Sequence[Path], python: Path, work: Path, *, mypy_plugin: bool = False
) -> list[Diagnostic]:
    """Type-check ``files`` (one batched run) against the environment of ``python``.

    ``work`` is a scratch directory for the generated config; it must not be shared between
    concurrent runs. ``mypy_plugin`` loads ``mellea_mypy`` into mypy, as users enable it.
    """
    work.mkdir(parents=True, exist_ok=True)
    if checker == "mypy":
        return _mypy([f.resolve() for f in files], python, work, plugin=mypy_plugin)
    return RUNNERS[checker]([f.resolve() for f in files], python, work)


def reveal(checker: str, files: Sequence[Path], python: Path, work: Path) -> list[Diagnostic]:
    """Like ``check`` but keeps informational diagnostics, where reveal_type output lands."""
    work.mkdir(parents=True, exist_ok=True)
    return REVEALING[checker]([f.resolve() for f in files], python, work, keep_notes=True)


def without_typeddict_bodies(text: str) -> str:
    """mypy spells a TypedDict as ``TypedDict(pkg.Name, {...})``: keep ``pkg.Name``."""
    out, i = [], 0
    while (start := text.find("TypedDict(", i)) != -1:
        out.append(text[i:start])
        comma = text.index(", {", start)
        out.append(text[start + len("TypedDict("):comma])
        depth, j = 0, comma + 2
        while True:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
            if depth == 0:
                break
        i = j + 1  # skip the closing ")"
    return "".join(out) + text[i:]


def _bin(name: str) -> str:
    return str(REPO / ".venv" / "bin" / name)


def _abs(path: str, work: Path) -> Path:
    p = Path(path)
    return p if p.is_absolute() else (work / p).resolve()


def _run(cmd: list[str], cwd: Path) -> str:
    """Run a checker; exit status 1 just means "found errors", anything else is a crash."""
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({proc.returncode}): {proc.stderr.strip()[:2000]}")
    return proc.stdout
