"""An editor's view of a real language server opened on tests/ide/workspace.

The workspace's pyrightconfig.json points the server at the repository's `.venv`, where mellea 0.8.0
and our built wheel (mellea-stubs) are installed, exactly as a user's editor would resolve them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsp_client import JsonValue, LspClient

WORKSPACE = Path(__file__).resolve().parent / "workspace"
EXAMPLE = WORKSPACE / "usage_report.py"
BIN = Path(sys.executable).parent
SERVERS = {
    "basedpyright": "basedpyright-langserver",
    "pyright": "pyright-langserver",
}
CLIENT_CAPABILITIES: dict[str, JsonValue] = {
    "workspace": {"configuration": True, "workspaceFolders": True},
    "window": {"workDoneProgress": True},
    "textDocument": {
        "synchronization": {"didSave": True},
        "completion": {
            "completionItem": {"snippetSupport": False, "documentationFormat": ["plaintext"]},
        },
        "hover": {"contentFormat": ["plaintext"]},
        "publishDiagnostics": {"tagSupport": {"valueSet": [1, 2]}},
    },
}


@dataclass(frozen=True)
class Position:
    line: int
    character: int

    def lsp(self) -> dict[str, int]:
        return {"line": self.line, "character": self.character}


@dataclass(frozen=True)
class MarkedSource:
    """A source file whose lines carry `# <tag>` markers naming positions of interest."""

    path: Path

    @property
    def uri(self) -> str:
        return self.path.as_uri()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def line_of(self, tag: str) -> int:
        """The 0-based number of the one line carrying ``# ... <tag>``."""
        pattern = re.compile(r"#.*<" + re.escape(tag) + r">")
        hits = [n for n, line in enumerate(self.text.splitlines()) if pattern.search(line)]
        if len(hits) != 1:
            raise LookupError(f"{self.path.name}: {len(hits)} lines tagged <{tag}>, expected 1")
        return hits[0]

    def after(self, tag: str, text: str) -> Position:
        """The position just past the first ``text`` on the line tagged ``tag`` (a cursor after it)."""
        line = self.line_of(tag)
        column = self.text.splitlines()[line].find(text)
        if column < 0:
            raise LookupError(f"{self.path.name}: {text!r} not on the line tagged <{tag}>")
        return Position(line, column + len(text))

    def on_last_name(self, tag: str, text: str) -> Position:
        """A position inside the last identifier of ``text`` on the tagged line (where one hovers)."""
        end = self.after(tag, text)
        name = re.search(r"\w+$", text)
        if name is None:
            raise LookupError(f"{text!r} does not end in a name")
        return Position(end.line, end.character - len(name.group()) + 1)


class EditorSession:
    """A language server with the example file open, as an editor has it."""

    def __init__(self, client: LspClient, source: MarkedSource) -> None:
        self.client = client
        self.source = source

    def completion_labels(self, position: Position) -> set[str]:
        result = self.client.request(
            "textDocument/completion",
            {"textDocument": {"uri": self.source.uri}, "position": position.lsp()},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return {item["label"] for item in items}

    def hover_text(self, position: Position) -> str:
        result = self.client.request(
            "textDocument/hover",
            {"textDocument": {"uri": self.source.uri}, "position": position.lsp()},
        )
        if result is None:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def diagnostics(
        self, until: Callable[[list[dict[str, Any]]], bool] = lambda _: True
    ) -> list[dict[str, Any]]:
        return self.client.wait_for_diagnostics(self.source.uri, until)


def open_session(server: str, source: MarkedSource, timeout: float = 30.0) -> EditorSession:
    client = LspClient([str(BIN / SERVERS[server]), "--stdio"], cwd=WORKSPACE, timeout=timeout)
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": WORKSPACE.as_uri(),
                "workspaceFolders": [{"uri": WORKSPACE.as_uri(), "name": WORKSPACE.name}],
                "capabilities": CLIENT_CAPABILITIES,
            },
        )
        client.notify("initialized", {})
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": source.uri,
                    "languageId": "python",
                    "version": 1,
                    "text": source.text,
                }
            },
        )
        client.wait_for_diagnostics(source.uri)
    except BaseException:
        client.close()
        raise
    return EditorSession(client, source)
