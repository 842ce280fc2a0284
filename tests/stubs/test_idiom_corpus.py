"""Correct consumer code (tests/idioms/) type-checks clean in all five checkers, mypy with the
mellea_mypy plugin as users run it; the paired mistakes in tests/idioms/mistakes.py are each
reported (their ignore comments must all be used); and mellea 0.8.0's own payload consumers,
checked as user code, get exactly the pinned errors below, each for its stated reason."""

from __future__ import annotations

import re
from pathlib import Path

from mellea_consumers import CONSUMERS, IDIOMS_DIR, PRODUCER_EXAMPLE

from tools import error_noise
from tools.typecheckers import CHECKERS, IGNORE_SYNTAX, Diagnostic

# Reasons the remaining errors in mellea's own consumers are intended (docs/design.md, "Migrating").
SEPARATE_LOCALS = (
    "provider and response read into separate locals: comparing `provider` narrows nothing "
    "(no checker links two locals); compare `computed.raw.provider` and read `computed.raw.response`"
)
ROLE_IS_STR = (
    "the payload types role as `str` (ollama's Message, litellm/watsonx/streamed dicts) and mellea's "
    "Message takes the Role literal; mellea passes it unchecked"
)
CONTENT_MAY_BE_NONE = "ollama types `Message.content` as `Optional[str]`; mellea's Message takes `str`"
NOT_FROM_STUBS = "mellea's own typing, reported with or without the stubs (measured by removing them)"

_ALL = frozenset(CHECKERS)
_PYRIGHTS = frozenset({"pyright", "basedpyright"})
PINNED: dict[tuple[str, int], tuple[frozenset[str], tuple[str, ...]]] = {
    # (copy, line): (checkers that report it, reasons)
    ("mellea_chat.py", 234): (_ALL, (SEPARATE_LOCALS,)),
    ("mellea_chat.py", 237): (_ALL, (SEPARATE_LOCALS, ROLE_IS_STR)),
    ("mellea_chat.py", 238): (_ALL, (SEPARATE_LOCALS,)),
    ("mellea_chat.py", 255): (_ALL, (ROLE_IS_STR,)),
    ("mellea_chat.py", 273): (_ALL, (SEPARATE_LOCALS,)),
    ("mellea_chat.py", 276): (_ALL, (SEPARATE_LOCALS, ROLE_IS_STR)),
    ("mellea_chat.py", 277): (_ALL, (SEPARATE_LOCALS, CONTENT_MAY_BE_NONE)),
    ("mellea_chat.py", 285): (_ALL, (ROLE_IS_STR,)),
    ("mellea_chat.py", 355): (_ALL - {"mypy"}, (NOT_FROM_STUBS,)),
    ("mellea_chat.py", 398): (_PYRIGHTS, (NOT_FROM_STUBS,)),
    ("mellea_chat.py", 403): (_ALL - {"mypy"}, (NOT_FROM_STUBS,)),
    ("mellea_chat.py", 499): (frozenset({"basedpyright"}), (NOT_FROM_STUBS,)),
    ("mellea_chat.py", 504): (_PYRIGHTS, (NOT_FROM_STUBS,)),
    ("mellea_serve_utils.py", 52): (frozenset({"mypy"}), (NOT_FROM_STUBS,)),
    ("mellea_serve_utils.py", 62): (frozenset({"mypy"}), (NOT_FROM_STUBS,)),
}


def test_idiom_corpus_is_clean(idioms_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = idioms_run
    found = [d for d in diags if d.path.parent == IDIOMS_DIR or d.path == PRODUCER_EXAMPLE]
    assert not found, f"{checker}:\n" + "\n".join(map(str, found))


def test_every_mistake_is_marked_for_every_checker_or_says_why() -> None:
    marks = {c: f"# {IGNORE_SYNTAX[c]}: ignore[" for c in CHECKERS}
    lines = [ln for ln in (IDIOMS_DIR / "mistakes.py").read_text().splitlines() if ": ignore[" in ln]
    assert len(lines) >= 8
    for line in lines:
        missing = [c for c, mark in marks.items() if mark not in line]
        assert not missing or "# why:" in line, (missing, line.strip())


def test_correct_files_mark_only_checker_gaps() -> None:
    """An ignore in a correct-code file is a checker's declared gap, never a hidden error."""
    for path in IDIOMS_DIR.glob("*.py"):
        if path.name == "mistakes.py":
            continue
        for line in path.read_text().splitlines():
            if re.search(r"# \w+: ignore\[", line):
                assert "# why:" in line, f"{path.name}: {line.strip()}"


def test_mellea_consumers_get_only_the_pinned_errors(idioms_run: tuple[str, list[Diagnostic]]) -> None:
    checker, diags = idioms_run
    got = {(d.path.name, d.line) for d in diags if d.path.name in CONSUMERS}
    want = {key for key, (checkers, _) in PINNED.items() if checker in checkers}
    assert got == want, f"{checker}: unexpected {sorted(got - want)}, missing {sorted(want - got)}"


def test_every_pinned_error_has_a_reason() -> None:
    assert all(reasons and all(reasons) for _, reasons in PINNED.values())


def test_hand_built_thunk_idioms_also_run() -> None:
    """The documented test-code idiom is correct at run time, not only to the checkers."""
    import asyncio
    import importlib.util
    import inspect

    spec = importlib.util.spec_from_file_location("hand_built_thunks", IDIOMS_DIR / "hand_built_thunks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tests = [f for name, f in vars(module).items() if name.startswith("test_") and callable(f)]
    assert len(tests) >= 4
    for test in tests:
        result = test()
        if inspect.iscoroutine(result):
            asyncio.run(result)


def test_design_doc_error_noise_table_matches_the_stubs(idioms_run: tuple[str, list[Diagnostic]]) -> None:
    """The per-checker error counts for one wrong access in docs/design.md (tools/error_noise.py)."""
    checker, diags = idioms_run
    counts: error_noise.Counts = {}
    error_noise.summarize(checker, diags, [Path(n) for n in error_noise.CASE_FILES], counts)
    rows = [row.strip("| ").split(" | ") for row in error_noise.doc_block().splitlines()[2:]]
    shown = {cells[0]: cells[1 + CHECKERS.index(checker)] for cells in rows}
    assert shown == {case: f"{n} ({width} chars)" for case, (n, width) in ((c, per[checker]) for c, per in counts.items())}
