"""Helpers of the language server tests: the installed ``mellea-lint server`` driven over stdio
by the LSP client the IDE tests use (tests/ide/lsp_client.py), as an editor drives it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.ide.lsp_client import JsonValue, LspClient

SCRIPT = Path(sys.executable).parent / "mellea-lint"
SERVER = (str(SCRIPT), "server")

PLAIN_CLIENT: dict[str, JsonValue] = {
    "textDocument": {"synchronization": {"didSave": True}, "publishDiagnostics": {}},
}
"""An editor that asks for nothing special: UTF-16 positions, code action edits listed."""
RESOLVING_CLIENT: dict[str, JsonValue] = {
    "workspace": {"workspaceEdit": {"documentChanges": True}},
    "textDocument": {
        "synchronization": {"didSave": True},
        "publishDiagnostics": {"versionSupport": True},
        "codeAction": {
            "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}},
            "resolveSupport": {"properties": ["edit"]},
            "dataSupport": True,
            "isPreferredSupport": True,
        },
    },
}
"""An editor like VS Code: code action edits on ``codeAction/resolve``, versioned edits."""

CONSUMER = textwrap.dedent(
    """\
    from mellea.core import ModelOutputThunk


    def show(mot: ModelOutputThunk) -> None:
        print(mot._generate_log)
    """
)
"""A consumer with one finding: MOT001 from the dot of ``._generate_log`` (line 4, column 13,
0-based) to the end of the name (column 27)."""
CONSUMER_MESSAGE = "private thunk member _generate_log read: use mot.generate_log"

PRODUCER = textwrap.dedent(
    """\
    from mellea.core import Backend, GenerateLog, ModelOutputThunk


    class EchoBackend(Backend):
        \"\"\"A test double that fills the thunks it returns.\"\"\"

        def fill(self, mot: ModelOutputThunk[str]) -> ModelOutputThunk[str]:
            mot._generate_log = GenerateLog()
            mot._underlying_value = "x"
            return mot
    """
)
"""A backend class writing what producers own: nothing to report."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Session:
    """One server process with a workspace folder."""

    def __init__(self, client: LspClient, root: Path, stderr: Path, initialized: JsonValue) -> None:
        self.client = client
        self.root = root
        self.stderr = stderr
        self.initialized = initialized
        self.versions: dict[str, int] = {}

    def open(self, path: Path, text: str | None = None, language: str = "python") -> str:
        """Open ``path`` with ``text`` (default: its contents) in the editor; returns its URI."""
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1,
            "text": path.read_text(encoding="utf-8") if text is None else text}})
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the buffer's text (Full sync, as the server asks); returns the new version."""
        version = self.versions[uri] = self.versions[uri] + 1
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
        return version

    def save(self, uri: str) -> None:
        self.client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})

    def close(self, uri: str) -> None:
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, JsonValue]]:
        """The diagnostics published for the buffer's current version (or ``version``)."""
        wanted = self.versions[uri] if version is None else version
        published, _ = self.client.wait_for_publication(uri, lambda p: p.get("version") == wanted)
        return list(published["diagnostics"])

    def save_and_wait(self, uri: str) -> list[dict[str, JsonValue]]:
        """Send ``didSave`` and return the diagnostics published after it (not the earlier ones)."""
        earlier, _ = self.client.wait_for_publication(uri)
        self.save(uri)
        published, _ = self.client.wait_for_publication(uri, lambda p: p is not earlier)
        return list(published["diagnostics"])

    def code_actions(self, uri: str, start: tuple[int, int], end: tuple[int, int] | None = None,
                     only: Sequence[str] | None = None) -> list[dict[str, JsonValue]]:
        end = start if end is None else end
        context: dict[str, JsonValue] = {"diagnostics": [], "triggerKind": 1}
        if only is not None:
            context["only"] = list(only)
        result = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": _position(start), "end": _position(end)},
            "context": context,
        })
        return list(result or [])


def _position(at: tuple[int, int]) -> dict[str, int]:
    return {"line": at[0], "character": at[1]}


@contextmanager
def serve(root: Path, capabilities: dict[str, JsonValue] | None = None,
          command: Sequence[str] = SERVER) -> Iterator[Session]:
    """An initialized server on ``root`` (stderr kept in a file the test can read)."""
    stderr = root / "server-stderr.txt"
    with open(stderr, "wb") as err:
        client = LspClient(list(command), root, timeout=60, stderr=err)
    try:
        initialized = client.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": PLAIN_CLIENT if capabilities is None else capabilities,
        })
        client.notify("initialized", {})
        yield Session(client, root, stderr, initialized)
    finally:
        client.close()


def check_json(root: Path, *paths: str, fix: bool = False) -> list[dict[str, Any]]:
    """What ``mellea-lint check --output-format json`` reports in ``root`` (``fix``: with ``--fix``)."""
    done = subprocess.run(
        [str(SCRIPT), "check", "--no-cache", "--output-format", "json", *(["--fix"] if fix else []), *paths],
        cwd=root, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout))


def utf16_column(line: str, column: int) -> int:
    """Code point ``column`` of ``line`` in UTF-16 code units (written apart from the server's)."""
    return sum(2 if ord(char) > 0xFFFF else 1 for char in line[:column])


def expected_diagnostics(text: str, reported: list[dict[str, Any]]) -> list[dict[str, JsonValue]]:
    """``check``'s JSON findings for ``text`` as the diagnostics an editor should receive."""
    lines = _LINE_BREAK.split(text)

    def position(location: dict[str, int]) -> dict[str, int]:
        line = location["row"] - 1
        return {"line": line, "character": utf16_column(lines[line], location["column"] - 1)}

    return [
        {"range": {"start": position(item["location"]), "end": position(item["end_location"])},
         "message": item["message"], "severity": 1, "code": item["code"], "source": "mellea-lint"}
        for item in reported
    ]


def apply_text_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP ``TextEdit``s (UTF-16 positions) applied, as an editor applies them."""
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    lines = _LINE_BREAK.split(text)

    def offset(position: dict[str, int]) -> int:
        line, units = position["line"], position["character"]
        if line >= len(lines):
            return len(text)
        column = 0
        while column < len(lines[line]) and utf16_column(lines[line], column) < units:
            column += 1
        return starts[line] + column

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """The text edits a code action's workspace edit makes to ``uri`` (either shape)."""
    edit = action["edit"]
    if "documentChanges" in edit:
        return [e for change in edit["documentChanges"] if change["textDocument"]["uri"] == uri
                for e in change["edits"]]
    return list(edit["changes"][uri])


def no_traceback(session: Session) -> None:
    """The server wrote no Python traceback to its stderr."""
    err = session.stderr.read_text(errors="replace")
    assert "Traceback" not in err, err
