"""``--fix`` on a copy of the mellea 0.6.0 wheel: everything still parses, the fixed findings are
gone, and each file's AST equals its old AST with exactly the promised nodes rewritten."""

from __future__ import annotations

import ast
import os
import shutil
from collections import defaultdict
from pathlib import Path

from autofix_support import assert_fixed_as_promised, json_findings, lint
from mellea_lint.findings import Finding


def _sources(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.py"))
    }


def _without_fix(finding: Finding, root: Path) -> tuple[str, str, str]:
    """What identifies a finding that no fix touched (its line may have moved)."""
    return os.path.relpath(finding.path, root), finding.code, finding.message


def test_fix_on_mellea_060(mellea_060_tree: Path, tmp_path: Path) -> None:
    root = tmp_path / "mellea-0.6.0"
    shutil.copytree(mellea_060_tree, root)
    before = _sources(root)
    found = json_findings(lint(root, "check", "--no-cache", "--output-format", "json", ".").stdout)
    fixes: dict[str, list[Finding]] = defaultdict(list)
    for finding in found:
        if finding.fix is not None:
            fixes[os.path.relpath(finding.path, root)].append(finding)
    count = sum(len(f) for f in fixes.values())
    assert count >= 50 and len(fixes) >= 10, "the 0.6.0 wheel has many fixable reads"

    result = lint(root, "check", "--no-cache", "--fix", "--output-format", "json", ".")
    assert result.stderr == f"Fixed {count} findings in {len(fixes)} files.\n"
    after = _sources(root)
    assert after.keys() == before.keys()
    for name, text in after.items():
        ast.parse(text, filename=name)
        if name in fixes:
            assert text != before[name]
            assert_fixed_as_promised(before[name], text, fixes[name])
        else:
            assert text == before[name], f"{name} has no fix but changed"

    remaining = json_findings(result.stdout)
    assert [f for f in remaining if f.fix is not None] == []
    unfixed = sorted(_without_fix(f, root) for f in found if f.fix is None)
    assert sorted(_without_fix(f, root) for f in remaining) == unfixed
    assert result.returncode == (1 if unfixed else 0)
    again = lint(root, "check", "--fix", "--output-format", "json", ".")
    assert again.stderr == "Fixed 0 findings in 0 files.\n" and _sources(root) == after
    print(f"mellea 0.6.0: fixed {count} findings in {len(fixes)} files, {len(unfixed)} remain")
