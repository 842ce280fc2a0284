"""Output formats of ``mellea-lint check``: concise, json, github, sarif.

``concise`` and ``json`` have ruff's shapes (``path:row:col: CODE message``; a JSON list
of objects with ruff's field names, 1-based columns, absolute ``filename``), so tools
that read ruff's output read ours. ``github`` prints GitHub Actions workflow commands;
``sarif`` is a SARIF 2.1.0 log whose ``rules`` carry each rule's documentation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from mellea_lint.findings import FILE_ERRORS, Finding

TOOL = "mellea-lint"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def tool_version() -> str:
    from importlib import metadata  # not at import time: it costs more than the rest of start-up

    try:
        return metadata.version("mellea-lint")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def rule_name(code: str) -> str:
    from mellea_lint.rules import RULES  # not for concise output: rule docs are large

    if code in RULES:
        return RULES[code].name
    return FILE_ERRORS[code][0] if code in FILE_ERRORS else code


def _shown_path(path: str, cwd: str) -> str:
    """``path`` relative to ``cwd`` when it lies below it (as ruff prints), else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, cwd)
    return absolute if relative.startswith("..") else relative


def _headline(finding: Finding, cwd: str) -> str:
    path = _shown_path(finding.path, cwd)
    return f"{path}:{finding.line}:{finding.col + 1}: {finding.code} {finding.message}"


def concise(findings: Sequence[Finding], cwd: str) -> str:
    lines = [_headline(f, cwd) for f in findings]
    count = len(findings)
    lines.append(f"Found {count} error{'s' if count != 1 else ''}." if count else "All checks passed!")
    return "\n".join(lines) + "\n"


def _location(line: int, col: int) -> dict[str, int]:
    return {"column": col + 1, "row": line}


def _json_object(finding: Finding) -> dict[str, object]:
    from mellea_lint.rules import RULES  # not for concise output: rule docs are large

    start = _location(finding.line, finding.col)
    end = _location(finding.end_line, finding.end_col)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": "safe",
            "edits": [{"content": finding.fix, "end_location": end, "location": start}],
            "message": f"Replace with `{finding.fix}`",
        }
    return {
        "cell": None,
        "code": finding.code,
        "end_location": end,
        "filename": os.path.abspath(finding.path),
        "fix": fix,
        "location": start,
        "message": finding.message,
        "name": rule_name(finding.code),
        "noqa_row": finding.line if finding.code in RULES else None,
        "severity": "error",
        "url": None,
    }


def json_format(findings: Sequence[Finding], cwd: str) -> str:
    import json  # not at import: only the json and sarif formats need it

    return json.dumps([_json_object(f) for f in findings], indent=2, sort_keys=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], cwd: str) -> str:
    lines = []
    for f in findings:
        props = (
            f"title={_escape_property(f'{TOOL} ({f.code})')},"
            f"file={_escape_property(os.path.abspath(f.path))},"
            f"line={f.line},col={f.col + 1},endLine={f.end_line},endColumn={f.end_col + 1}"
        )
        lines.append(f"::error {props}::{_escape_data(_headline(f, cwd))}")
    return "".join(line + "\n" for line in lines)


def _sarif_rules() -> list[dict[str, object]]:
    from mellea_lint.rules import RULES, render_doc  # not for concise output: rule docs are large

    rules: list[dict[str, object]] = []
    for code, rule in RULES.items():
        doc = render_doc(code)
        rules.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.what},
            "help": {"text": doc, "markdown": doc},
            "defaultConfiguration": {"level": "error"},
        })
    for code, (name, summary) in FILE_ERRORS.items():
        rules.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "defaultConfiguration": {"level": "error"},
        })
    return rules


def _artifact(path: str, cwd: str) -> dict[str, str]:
    from pathlib import PurePath  # only for SARIF: a concise check need not import it
    from urllib.parse import quote

    shown = _shown_path(path, cwd)
    if os.path.isabs(shown):
        return {"uri": PurePath(shown).as_uri()}
    return {"uri": quote(PurePath(shown).as_posix()), "uriBaseId": SRCROOT}


def _folder_uri(folder: str) -> str:
    from pathlib import PurePath

    return PurePath(os.path.abspath(folder)).as_uri() + "/"


def _region(line: int, col: int, end_line: int, end_col: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": col + 1, "endLine": end_line, "endColumn": end_col + 1}


def sarif(findings: Sequence[Finding], cwd: str) -> str:
    rules = _sarif_rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        artifact = _artifact(f.path, cwd)
        region = _region(f.line, f.col, f.end_line, f.end_col)
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": "error",
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        }
        if f.fix is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with `{f.fix}`"},
                "artifactChanges": [{
                    "artifactLocation": artifact,
                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": f.fix}}],
                }],
            }]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": tool_version(), "rules": rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(cwd)}},
            "results": results,
        }],
    }
    import json

    return json.dumps(log, indent=2) + "\n"


FORMATS: dict[str, Callable[[Sequence[Finding], str], str]] = {
    "concise": concise,
    "json": json_format,
    "github": github,
    "sarif": sarif,
}
