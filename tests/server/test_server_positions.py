"""Positions and edits of the language server without a server: code points (what findings count)
to the client's units (UTF-16 by default in LSP, UTF-8 or UTF-32 when negotiated), LSP's line
ends, and the one edit that turns a buffer into its fixed text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mellea_lint.findings import Finding
from mellea_lint.server_buffer import (
    UTF8,
    UTF16,
    UTF32,
    apply_edit,
    buffer_bytes,
    column_from_client,
    column_to_client,
    finding_range,
    minimal_edit,
    split_lines,
    units,
)
from server_support import apply_text_edits

LINE = 'print("héllo 😀", mot._generate_log)  # ✓'
DOT = LINE.index("._generate_log")  # 20 code points: é is one, the emoji is one


@pytest.mark.parametrize(("encoding", "expected"), [(UTF16, 21), (UTF8, 24), (UTF32, 20)])
def test_a_column_after_non_ascii_text_counts_the_clients_units(encoding: str, expected: int) -> None:
    assert DOT == 20
    assert column_to_client(LINE, DOT, encoding) == expected
    assert column_from_client(LINE, expected, encoding) == DOT


def test_utf16_counts_two_units_outside_the_basic_plane_only() -> None:
    assert units("é", UTF16) == 1 and units("😀", UTF16) == 2 and units("✓", UTF16) == 1
    assert units("\ud800", UTF16) == 1  # a lone surrogate (a broken buffer) is one unit, no error
    assert column_from_client("😀x", 1, UTF16) == 1  # inside the emoji: counted as its end
    assert column_to_client("abc", 10) == 3  # clamped to the line


def test_lines_end_where_lsp_ends_them() -> None:
    assert split_lines("a\r\nb\rc\nd\x0ce\u2028f\n") == ["a", "b", "c", "d\x0ce\u2028f", ""]


def test_finding_range_converts_both_ends_and_clamps_past_the_end() -> None:
    text = f"x = 1\n{LINE}\n"
    lines = split_lines(text)
    finding = Finding("f.py", 2, DOT, "MOT001", "m", 2, DOT + len("._generate_log"))
    assert finding_range(lines, finding) == ((1, 21), (1, 35))
    assert finding_range(lines, finding, UTF32) == ((1, 20), (1, 34))
    past = Finding("f.py", 9, 0, "MOT902", "m", 9, 0)
    assert finding_range(lines, past) == ((2, 0), (2, 0))
    bom = finding_range(["\ufeffx = mot._gen"], Finding("f.py", 1, 7, "MOT002", "m", 1, 12), bom=True)
    assert bom == ((0, 8), (0, 13))


def test_minimal_edit_keeps_what_did_not_change() -> None:
    before = 'a = 1\r\nprint("😀", mot._generate_log)\r\nb = 2\r\n'
    after = before.replace("mot._generate_log", "mot.generate_log")
    edit = minimal_edit(before, after)
    assert edit is not None and edit.new_text == "" and edit.start == edit.end[:1] + (edit.end[1] - 1,)
    assert edit.start == (1, 16)  # the "_" is code point 15; the emoji counts two UTF-16 units
    assert apply_edit(before, edit) == after
    assert minimal_edit(before, before) is None


def test_minimal_edit_never_splits_a_crlf() -> None:
    edit = minimal_edit("a\r\nb", "a\r\r\nb")
    assert edit is not None and apply_edit("a\r\nb", edit) == "a\r\r\nb"
    assert "\n" not in edit.new_text or edit.new_text.endswith("\r\n")


TEXT = st.lists(st.sampled_from(["a", "é", "😀", "\r", "\n", "\r\n", " ", "."]), max_size=30).map("".join)


@given(TEXT, TEXT, st.sampled_from([UTF8, UTF16, UTF32]))
def test_minimal_edit_applied_gives_the_new_text(before: str, after: str, encoding: str) -> None:
    edit = minimal_edit(before, after, encoding)
    if edit is None:
        assert before == after
        return
    assert apply_edit(before, edit, encoding) == after
    if encoding == UTF16:  # the tests' own editor agrees
        lsp = {"range": {"start": {"line": edit.start[0], "character": edit.start[1]},
                         "end": {"line": edit.end[0], "character": edit.end[1]}}, "newText": edit.new_text}
        assert apply_text_edits(before, [lsp]) == after


def test_buffer_bytes_are_what_a_save_writes() -> None:
    assert buffer_bytes("x = 'é'\n") == "x = 'é'\n".encode()
    latin = "# -*- coding: latin-1 -*-\nx = 'é'\n"
    assert buffer_bytes(latin) == latin.encode("latin-1")
    unknown = "# -*- coding: klingon -*-\nx = 1\n"
    assert buffer_bytes(unknown) == unknown.encode()
    assert buffer_bytes("x = '\ud800'\n") == b"x = '\xed\xa0\x80'\n"
