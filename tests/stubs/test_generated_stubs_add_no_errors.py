"""The generated stubs (session, functional, sampling, backends) add no error to correct
downstream code: on the bench's corpus (examples/ and mellea 0.7.0's docs/examples), mypy with
the plugin and pyright report nothing with every stub installed that they do not report with the
hand-written stubs alone, where they read mellea's inline types for those modules."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from mellea_lint import surface

from bench.bench_typed_backends import ALL, PRUNED, sides
from bench.envs import tool

Place = tuple[str, int]


@pytest.fixture(scope="module")
def envs() -> tuple[Path, dict[str, Path]]:
    corpus, pythons, _ = sides(surface.GENERATED_STUB_MODULES)
    return corpus, pythons


def _mypy(corpus: Path, python: Path, scratch: Path) -> dict[Place, str]:
    ini = scratch / "mypy.ini"
    ini.write_text("[mypy]\nplugins = mellea_mypy\n")
    out = subprocess.run([tool("mypy"), "--config-file", str(ini), "--cache-dir", str(scratch / "cache"),
                          "--python-executable", str(python), "examples", "docs/examples"],
                         cwd=corpus, capture_output=True, text=True, check=False).stdout
    return {(f, int(n)): msg for f, n, msg in re.findall(r"^(\S+?):(\d+): error: (.*)$", out, re.MULTILINE)}


def _pyright(corpus: Path, python: Path) -> dict[Place, str]:
    out = subprocess.run([tool("pyright"), "--outputjson", "--pythonpath", str(python)],
                         cwd=corpus, capture_output=True, text=True, check=False).stdout
    return {
        (str(Path(d["file"]).relative_to(corpus)), d["range"]["start"]["line"] + 1): d["message"]
        for d in json.loads(out)["generalDiagnostics"] if d["severity"] == "error"
    }


@pytest.mark.parametrize("checker", ["mypy + plugin", "pyright"])
def test_no_new_error_on_downstream_code(envs: tuple[Path, dict[str, Path]], checker: str, tmp_path: Path) -> None:
    corpus, pythons = envs
    found = {}
    for side, python in pythons.items():
        scratch = tmp_path / side.replace(" ", "-")
        scratch.mkdir()
        found[side] = _mypy(corpus, python, scratch) if checker.startswith("mypy") else _pyright(corpus, python)
    assert found[PRUNED], "the corpus type-checks clean: the comparison would prove nothing"
    new = {place: msg for place, msg in found[ALL].items() if place not in found[PRUNED]}
    assert not new, "\n".join(f"{f}:{n}: {msg}" for (f, n), msg in sorted(new.items()))
