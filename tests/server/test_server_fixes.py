"""Quick fixes of ``mellea-lint server``: the ``--fix`` rewrites as code actions, whose edits give
exactly the text ``mellea-lint check --fix`` writes."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from server_support import (
    CONSUMER,
    RESOLVING_CLIENT,
    apply_text_edits,
    check_json,
    edits_of,
    no_traceback,
    serve,
)

SEVERAL = textwrap.dedent(
    """\
    from mellea.core import ModelOutputThunk


    def report(mot: ModelOutputThunk[str]) -> str:
        log = mot._generate_log
        usage = mot._meta["usage"]  # tokens: "ünïcode" 😀
        if mot.raw.provider == "olama":
            return str(usage)
        return f"{log} {mot._underlying_value}"
    """
)
"""Three fixable reads (MOT001) and one finding without a fix (MOT006)."""


def _fixed_by_check(folder: Path, name: str, text: str) -> str:
    """What ``mellea-lint check --fix`` writes for ``text``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    check_json(folder, name, fix=True)
    return path.read_text(encoding="utf-8")


def test_quick_fix_gives_what_check_fix_writes(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path) as session:
        uri = session.open(source)
        (shown,) = session.diagnostics(uri)
        action, whole = session.code_actions(uri, (4, 20))  # the cursor inside the finding
        assert whole["kind"] == "source.fixAll.mellea-lint"  # document-wide, wherever the cursor is
        assert action["kind"] == "quickfix" and action["isPreferred"] is True
        assert action["title"] == "Replace with `.generate_log` (MOT001)"
        assert action["diagnostics"] == [shown]
        fixed = apply_text_edits(CONSUMER, edits_of(action, uri))
        assert session.code_actions(uri, (0, 0), (1, 0), only=["quickfix"]) == []  # nowhere near it
        session.change(uri, fixed)
        assert session.diagnostics(uri) == []
        no_traceback(session)
    assert fixed == _fixed_by_check(tmp_path, "consumer.py", CONSUMER)
    assert "mot.generate_log" in fixed


def test_each_quick_fix_rewrites_its_own_finding_only(tmp_path: Path) -> None:
    source = tmp_path / "report.py"
    source.write_text(SEVERAL, encoding="utf-8")
    with serve(tmp_path) as session:
        uri = session.open(source)
        published = session.diagnostics(uri)
        assert [d["code"] for d in published] == ["MOT001", "MOT001", "MOT006", "MOT001"]
        everything = session.code_actions(uri, (0, 0), (9, 0), only=["quickfix"])
        assert [a["diagnostics"] for a in everything] == [[d] for d in published if d["code"] == "MOT001"]
        results = [apply_text_edits(SEVERAL, edits_of(a, uri)) for a in everything]
    assert [r.count("mot._") for r in results] == [2, 2, 2]
    assert 'mot.generation.usage  # tokens: "ünïcode" 😀' in results[1]


def test_fix_all_gives_what_check_fix_writes(tmp_path: Path) -> None:
    source = tmp_path / "report.py"
    source.write_text(SEVERAL, encoding="utf-8")
    with serve(tmp_path) as session:
        uri = session.open(source)
        session.diagnostics(uri)
        (action,) = session.code_actions(uri, (0, 0), only=["source.fixAll"])
        assert action["kind"] == "source.fixAll.mellea-lint" and action["title"] == "Fix all MOT findings"
        fixed = apply_text_edits(SEVERAL, edits_of(action, uri))
        session.change(uri, fixed)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT006"]
        assert session.code_actions(uri, (0, 0), only=["source"]) == []  # nothing left to fix
    assert fixed == _fixed_by_check(tmp_path, "report.py", SEVERAL)


def test_a_resolving_client_gets_the_edit_on_resolve(tmp_path: Path) -> None:
    source = tmp_path / "report.py"
    source.write_text(SEVERAL, encoding="utf-8")
    with serve(tmp_path, RESOLVING_CLIENT) as session:
        uri = session.open(source)
        session.diagnostics(uri)
        actions = session.code_actions(uri, (5, 20))
        assert [a["kind"] for a in actions] == ["quickfix", "source.fixAll.mellea-lint"]
        assert not any("edit" in a for a in actions)  # computed only for the one the user picks
        resolved = [session.client.request("codeAction/resolve", a) for a in actions]
        for action in resolved:
            (change,) = action["edit"]["documentChanges"]
            assert change["textDocument"] == {"uri": uri, "version": 1}
        one, every = (apply_text_edits(SEVERAL, edits_of(a, uri)) for a in resolved)
        session.change(uri, one)
        session.diagnostics(uri)
        stale = session.client.request("codeAction/resolve", actions[1])  # offered for version 1
        assert "edit" not in stale
    assert one == SEVERAL.replace('mot._meta["usage"]', "mot.generation.usage")
    assert every == _fixed_by_check(tmp_path, "report.py", SEVERAL)


def test_without_libcst_there_are_no_code_actions(tmp_path: Path) -> None:
    blocked = [sys.executable, "-c",
               "import sys; sys.modules['libcst'] = None\n"
               "from mellea_lint.script import main; sys.exit(main())", "server"]
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path, command=blocked) as session:
        assert "codeActionProvider" not in session.initialized["capabilities"]
        uri = session.open(source)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT001"]
        no_traceback(session)
