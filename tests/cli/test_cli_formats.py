"""Output formats: ruff's concise and JSON shapes, GitHub workflow commands, valid SARIF 2.1.0.

``sarif-schema-2.1.0.json`` beside this file is the official OASIS schema (its ``id`` is
docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
copied unchanged from the oasis-tcs/sarif-spec repository, file
sarif-2.1/schema/sarif-schema-2.1.0.json at commit a560296ca8c921f3bdb8d4a8db57ab83dae968a7
(sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e). No package on
PyPI ships it.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
from cli_support import THUNK_USE, THUNK_USE_AT, Lint
from mellea_lint.rules import RULES

SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")
RUFF = Path(sys.executable).parent / "ruff"


def _shape(value: object) -> object:
    """The nesting of keys (and the JSON types of leaves) of a JSON value."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def _ruff_json_item(project: Path) -> dict[str, object]:
    """What the real ruff prints in JSON for an unused import (a finding with a fix)."""
    (project / "unused.py").write_text("import os\n")
    ruff = subprocess.run(
        [str(RUFF), "check", "--isolated", "--no-cache", "--select", "F401", "--output-format",
         "json", "unused.py"], cwd=project, capture_output=True, text=True, check=False,
    )
    item: dict[str, object] = json.loads(ruff.stdout)[0]
    return item


def test_json_has_ruffs_fields_and_1_based_columns(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    ruff_item = _ruff_json_item(project)
    ours = json.loads(lint("check", "--output-format", "json", "app.py").stdout)
    assert len(ours) == 1
    item = ours[0]
    assert sorted(item) == sorted(ruff_item)
    expected = dict(_shape(ruff_item))  # type: ignore[call-overload]
    expected["fix"] = "NoneType"  # MOT002 has no autofix
    expected["url"] = "NoneType"
    assert _shape(item) == expected
    row, col = THUNK_USE_AT
    assert item["location"] == {"row": row, "column": col}
    assert item["filename"] == str(project / "app.py")
    assert (item["code"], item["name"], item["noqa_row"]) == ("MOT002", RULES["MOT002"].name, row)


def test_json_fix_has_ruffs_edit_shape(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE.replace("mot._gen", "mot._generate_log"))
    ruff_fix = _ruff_json_item(project)["fix"]
    ours = json.loads(lint("check", "--output-format", "json", "app.py").stdout)
    fixes = [item["fix"] for item in ours if item["fix"] is not None]
    assert fixes, ours
    assert _shape(fixes[0]) == _shape(ruff_fix)
    assert fixes[0]["applicability"] == "safe" and fixes[0]["edits"][0]["content"] == ".generate_log"


def test_github_annotations(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    lines = lint("check", "--output-format", "github", "app.py").stdout.splitlines()
    row, col = THUNK_USE_AT
    assert len(lines) == 1
    match = re.fullmatch(
        r"::error title=mellea-lint \(MOT002\),file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
        r"endLine=\d+,endColumn=\d+::app\.py:(?P<l2>\d+):(?P<c2>\d+): MOT002 .+",
        lines[0],
    )
    assert match, lines[0]
    assert match["file"] == str(project / "app.py")
    assert (match["line"], match["col"]) == (match["l2"], match["c2"]) == (str(row), str(col))


def test_github_escapes_workflow_command_syntax(project: Path, lint: Lint) -> None:
    folder = project / "a,b:c%d"
    folder.mkdir()
    (folder / "app.py").write_text(THUNK_USE)
    line = lint("check", "--output-format", "github", str(folder / "app.py")).stdout.splitlines()[0]
    properties = line.split("::")[1]
    assert "file=" + str(folder).replace("%", "%25").replace(",", "%2C").replace(":", "%3A") in properties
    assert properties.count(",") == 5  # title, file, line, col, endLine, endColumn: only separators


def test_sarif_is_valid_and_carries_rule_docs(project: Path, lint: Lint) -> None:
    schema_bytes = SCHEMA.read_bytes()
    assert hashlib.sha256(schema_bytes).hexdigest().startswith("c3b4bb2d")
    (project / "app.py").write_text(THUNK_USE + "y = mot._generate_log\n")
    (project / "bad.py").write_bytes(b"def (:\n")
    log = json.loads(lint("check", "--output-format", "sarif", ".").stdout)
    jsonschema.Draft4Validator(json.loads(schema_bytes)).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules][: len(RULES)] == list(RULES)
    assert all(rule["help"]["markdown"].startswith("# ") for rule in rules[: len(RULES)])
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"MOT002", "MOT902"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"] in {"app.py", "bad.py"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"


def test_sarif_rejects_what_the_schema_forbids() -> None:
    """The validator is live: a log with a wrong version or a result without a message fails."""
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft4Validator(schema)
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "version": "2.0.0"})
    bad_result = {"ruleId": "MOT001"}
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                                                  "results": [bad_result]}]})
