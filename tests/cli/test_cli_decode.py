"""``decode_source`` decodes as the interpreter does (BOM, a PEP 263 cookie on line 1 or 2,
else UTF-8): the parser, given the bytes, builds the same tree; bytes it refuses are refused."""

from __future__ import annotations

import ast

import pytest
from mellea_lint.filecheck import decode_source

BOM = b"\xef\xbb\xbf"
LATIN_1 = "# -*- coding: latin-1 -*-\n"
DECODED: dict[str, bytes] = {
    "utf-8": "s = 'été'\n".encode(),
    "bom": BOM + "s = 'été'\n".encode(),
    "cookie-line-1": (LATIN_1 + "s = 'été'\n").encode("latin-1"),
    "cookie-line-2": ("#!/usr/bin/env python\n" + LATIN_1 + "s = 'été'\n").encode("latin-1"),
    "cookie-crlf": (LATIN_1.replace("\n", "\r\n") + "s = 'été'\r\n").encode("latin-1"),
    "bom-and-utf-8-cookie": BOM + "# coding: utf-8\ns = 'été'\n".encode(),
    "cookie-after-code-is-text": ("x = 1\n" + LATIN_1 + "s = 'été'\n").encode(),
    "cookie-on-line-3-is-text": ("\n\n" + LATIN_1 + "s = 'été'\n").encode(),
    "coding-in-a-string": "s = 'coding: latin-1 été'\n".encode(),
    "no-newline": b"s = 'coding'",
    "empty": b"",
}
REFUSED: dict[str, bytes] = {
    "not-utf-8": b"x = 1\ns = '\xe9'\n",
    "not-utf-8-on-line-1": b"s = '\xe9'\n",
    "bom-not-utf-8": BOM + b"x = 1\ns = '\xe9'\n",
    "bom-and-latin-1-cookie": BOM + LATIN_1.encode() + b"s = 1\n",
    "unknown-codec": b"# coding: no-such-codec\nx = 1\n",
}


@pytest.mark.parametrize("name", sorted(DECODED))
def test_source_is_what_the_interpreter_reads(name: str) -> None:
    data = DECODED[name]
    assert ast.dump(ast.parse(decode_source(data))) == ast.dump(ast.parse(data))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bytes_the_interpreter_refuses_are_refused(name: str) -> None:
    data = REFUSED[name]
    with pytest.raises(SyntaxError):
        ast.parse(data)
    with pytest.raises((SyntaxError, LookupError, UnicodeDecodeError)) as refused:
        decode_source(data)
    if isinstance(refused.value, UnicodeDecodeError):
        assert data[refused.value.start] == 0xE9, "the offset must point at the bad byte, BOM included"
