"""The protocol side of ``mellea-lint server`` (pygls): documents in, diagnostics and fixes out.

* ``didOpen`` / ``didChange`` / ``didSave``: the buffer's text is checked as ``mellea-lint check``
  would check that file (``server_buffer.lint_buffer``) and its findings published, each with
  ``source`` ``mellea-lint``, ``code`` the MOT code, severity Error, the finding's message and
  its range in the negotiated position encoding (UTF-16 unless the client offers another).
  ``didClose`` clears them. The client sends the whole text on each change (``Full`` sync): a
  check reads the whole buffer anyway, and no line splitting of the client's and ours can
  disagree.
* ``codeAction``: a ``quickfix`` for each published finding that ``--fix`` rewrites, and
  ``source.fixAll.mellea-lint`` (everything ``--fix`` would do), both through ``fix.py``. Their
  edits are computed on ``codeAction/resolve`` when the client supports it (libcst takes about
  a second for a thousand lines, too long for every cursor move), else when listed. Without
  libcst the server offers no code actions.

A handler never lets an exception out: a broken buffer is one MOT9xx finding (as in ``check``),
a broken ``[tool.mellea-lint]`` table is one message to the user, and anything unexpected is
one line in the client's log. Per document the server keeps only its last check.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from mellea_lint.config import ConfigError
from mellea_lint.findings import Finding
from mellea_lint.formats import tool_version
from mellea_lint.server_buffer import (
    BOM,
    FIX_ALL_TITLE,
    UTF16,
    Linted,
    TextEdit,
    finding_range,
    fix_all,
    fix_one,
    fix_title,
    fixable,
    libcst_available,
    lint_buffer,
    minimal_edit,
    split_lines,
)

SOURCE = "mellea-lint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
QUICK_FIX = types.CodeActionKind.QuickFix.value
PYTHON_SUFFIXES = (".py", ".pyi")
UNTITLED = "mellea-lint-buffer.py"
"""The name an unsaved buffer is checked under, in the workspace root: not an identifier, so it
is no module of any package."""

Span = tuple[tuple[int, int], tuple[int, int]]


class MelleaLintServer(LanguageServer):
    """A pygls server that remembers, per open document, only its last check."""

    def __init__(self) -> None:
        super().__init__(SOURCE, tool_version(), text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checks: dict[str, Linted] = {}
        self.said: set[str] = set()

    # -- documents ---------------------------------------------------------------------------

    def document_text(self, uri: str) -> tuple[str, int | None, str] | None:
        """(text, version, path to check it as) of an open Python document (``None``: not one)."""
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        path = document.path if uri.startswith("file:") else None
        if path is None:
            path = os.path.join(self.workspace.root_path or os.getcwd(), UNTITLED)
        elif document.language_id not in (None, "", "python") and not path.endswith(PYTHON_SUFFIXES):
            return None
        return document.source, document.version, path

    def check(self, uri: str) -> tuple[Linted, int | None] | None:
        """The check of the open document's current text: the last one if the text is unchanged."""
        found = self.document_text(uri)
        if found is None:
            return None
        text, version, path = found
        last = self.checks.get(uri)
        if last is not None and last.path == path and last.text == text:
            return last, version
        try:
            linted = lint_buffer(path, text)
        except ConfigError as exc:
            self.say(f"{SOURCE}: {exc}", types.MessageType.Error, show=True)
            self.checks.pop(uri, None)
            return None
        self.checks[uri] = linted
        warning = linted.settings.in_use.out_of_range_line(
            SOURCE, f"quick fixes rewrite only to public names that exist in {linted.settings.in_use.release}"
        )
        if warning is not None:
            self.say(warning, types.MessageType.Warning, show=False)
        return linted, version

    def publish(self, uri: str) -> None:
        """Check the document and publish its findings (none when it cannot be checked)."""
        found = self.document_text(uri)
        if found is None:
            return
        checked = self.check(uri)
        diagnostics: list[types.Diagnostic] = []
        version = found[1]
        if checked is not None:
            linted, version = checked
            lines, encoding = split_lines(linted.text), self.encoding()
            diagnostics = [diagnostic(linted, f, lines, encoding) for f in linted.shown]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def forget(self, uri: str) -> None:
        self.checks.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- client --------------------------------------------------------------------------------

    def encoding(self) -> str:
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or UTF16)

    def resolves_edits(self) -> bool:
        """The client asks for a code action's ``edit`` on ``codeAction/resolve``."""
        support = _capability(self.client_capabilities, "text_document", "code_action", "resolve_support")
        return support is not None and "edit" in (support.properties or ())

    def versioned_edits(self) -> bool:
        return bool(_capability(self.client_capabilities, "workspace", "workspace_edit", "document_changes"))

    def say(self, line: str, kind: types.MessageType, *, show: bool) -> None:
        """``line`` in the client's log every time; shown to the user once per session."""
        self.window_log_message(types.LogMessageParams(type=kind, message=line))
        if show and line not in self.said:
            self.said.add(line)
            self.window_show_message(types.ShowMessageParams(type=kind, message=line))

    def failed(self, what: str, exc: BaseException) -> None:
        self.say(f"{SOURCE}: internal error while {what}: {type(exc).__name__}: {exc}",
                 types.MessageType.Error, show=False)

    def workspace_edit(self, uri: str, version: int | None, edit: TextEdit) -> types.WorkspaceEdit:
        text_edit = types.TextEdit(range=_range((edit.start, edit.end)), new_text=edit.new_text)
        if self.versioned_edits():
            document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, [text_edit])])
        return types.WorkspaceEdit(changes={uri: [text_edit]})

    # -- code actions --------------------------------------------------------------------------

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = self.check(uri)
        if checked is None:
            return None
        linted, version = checked
        lines, encoding = split_lines(linted.text), self.encoding()
        lazy = self.resolves_edits()
        wanted = (params.range.start.line, params.range.start.character), (
            params.range.end.line, params.range.end.character)
        only = params.context.only
        actions = []
        fixable_findings = [f for f in linted.shown if fixable(linted, f)]
        if _kind_wanted(QUICK_FIX, only):
            for finding in fixable_findings:
                shown = diagnostic(linted, finding, lines, encoding)
                if not _overlaps(_span(shown.range), wanted):
                    continue
                action = types.CodeAction(
                    title=fix_title(finding), kind=QUICK_FIX, diagnostics=[shown], is_preferred=True,
                    data={"uri": uri, "version": version, "fix": list(_key(finding))},
                )
                if lazy or self.resolve(action, linted).edit is not None:
                    actions.append(action)
        explicit = only is not None or params.context.trigger_kind != types.CodeActionTriggerKind.Automatic
        if fixable_findings and _kind_wanted(FIX_ALL, only) and (lazy or explicit):
            action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL,
                                      data={"uri": uri, "version": version, "fix": "all"})
            if lazy or self.resolve(action, linted).edit is not None:
                actions.append(action)
        return actions

    def resolve(self, action: types.CodeAction, linted: Linted | None = None) -> types.CodeAction:
        """``action`` with its edit, when the document is still the version it was offered for."""
        data = action.data if isinstance(action.data, dict) else {}
        uri, version, which = data.get("uri"), data.get("version"), data.get("fix")
        if not isinstance(uri, str):
            return action
        if linted is None:
            checked = self.check(uri)
            if checked is None or checked[1] != version:
                return action
            linted = checked[0]
        if which == "all":
            fixed = fix_all(linted)
        else:
            finding = next((f for f in linted.shown if isinstance(which, list) and list(_key(f)) == which), None)
            fixed = fix_one(linted, finding) if finding is not None else None
        edit = minimal_edit(linted.text, fixed, self.encoding()) if fixed is not None else None
        if edit is not None:
            action.edit = self.workspace_edit(uri, version, edit)
        return action


def diagnostic(linted: Linted, finding: Finding, lines: Sequence[str], encoding: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(finding_range(lines, finding, encoding, linted.text.startswith(BOM))),
        message=finding.message,
        severity=types.DiagnosticSeverity.Error,
        code=finding.code,
        source=SOURCE,
    )


def _range(span: Span) -> types.Range:
    (line, character), (end_line, end_character) = span
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def _span(where: types.Range) -> Span:
    return (where.start.line, where.start.character), (where.end.line, where.end.character)


def _overlaps(one: Span, other: Span) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]


def _key(finding: Finding) -> tuple[int, int, int, int, str]:
    return finding.line, finding.col, finding.end_line, finding.end_col, finding.code


def _kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    """``kind`` is asked for: ``only`` absent, or naming it or a kind it refines (``source``)."""
    if not only:
        return True
    return any(kind == asked or kind.startswith(f"{asked}.") for asked in map(str, (getattr(k, "value", k) for k in only)))


def _capability(root: object, *path: str) -> Any:
    for name in path:
        root = getattr(root, name, None)
        if root is None:
            return None
    return root


def _guarded(what: str, default: Any = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A handler that logs any exception as one line and returns ``default``: the server keeps
    serving whatever a buffer holds."""

    def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(ls: MelleaLintServer, params: Any) -> Any:  # pygls passes the server to ``ls``
            try:
                return handler(ls, params)
            except Exception as exc:
                ls.failed(what, exc)
                return params if default is _SAME else default

        guarded.__name__ = handler.__name__
        return guarded

    return wrap


_SAME = object()


def create_server() -> MelleaLintServer:
    server = MelleaLintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded("checking an opened document")
    def did_open(ls: MelleaLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded("checking a changed document")
    def did_change(ls: MelleaLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_guarded("checking a saved document")
    def did_save(ls: MelleaLintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.checks.pop(params.text_document.uri, None)  # the config may have changed: check again
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded("closing a document")
    def did_close(ls: MelleaLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    if libcst_available():
        options = types.CodeActionOptions(code_action_kinds=[QUICK_FIX, FIX_ALL], resolve_provider=True)

        @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)
        @_guarded("listing code actions")
        def code_action(ls: MelleaLintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
            return ls.code_actions(params)

        @server.feature(types.CODE_ACTION_RESOLVE)
        @_guarded("computing a fix", _SAME)
        def code_action_resolve(ls: MelleaLintServer, params: types.CodeAction) -> types.CodeAction:
            return ls.resolve(params)

    return server


class _OneLine(logging.Formatter):
    """pygls's warnings and errors (a malformed message from the client, a lost connection) as
    one line each on stderr, where clients keep a server's log: never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{SOURCE} server: {record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line += f" ({type(exc).__name__}: {exc})"
        return " ".join(line.split())


def serve() -> int:
    """Serve one client on stdin/stdout until it sends ``exit`` or closes the stream."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    logger = logging.getLogger("pygls")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    create_server().start_io(stdin, stdout)
    return 0
