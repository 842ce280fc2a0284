"""Type-checking never imports the checked code: pyright with the stubs over a package whose
every module would create a marker file if imported (mypy's side is in test_mypy_no_crash)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typecheck_trees import NOSDK_PYTHON, write_marker_project


def test_pyright_never_imports_checked_code(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    uses = write_marker_project(tmp_path, marker) / "uses.py"
    with uses.open("a") as body:  # a wrong payload key: an error only where the stubs are in effect
        body.write('    if mot.raw.provider == "ollama":\n        print(mot.raw.response["usage"])\n')
    wrong_key = len(uses.read_text().splitlines()) - 1  # 0-based
    (tmp_path / "pyrightconfig.json").write_text('{"include": ["markerproj"]}\n')
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pyright"), "--pythonpath", str(NOSDK_PYTHON), "--outputjson"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["filesAnalyzed"] == 6
    # The stubs were in effect: the wrong key is an error (the private read is the gate's, not pyright's).
    assert [(Path(d["file"]).name, d["range"]["start"]["line"], d["rule"]) for d in report["generalDiagnostics"]] == [
        ("uses.py", wrong_key, "reportCallIssue"), ("uses.py", wrong_key, "reportArgumentType")]
    assert not marker.exists()
