"""The IDE proof: what a real language server shows an editor user of the installed stubs.

Each test runs against basedpyright-langserver and pyright-langserver (see conftest.py), opened on
tests/ide/workspace/usage_report.py. Expected names come from their sources of truth: the raw fields
from mellea_lint.surface, payload fields from the SDKs' own models, variant types from the stub
source; positions come from the `# <tag>` markers in the workspace file.
"""

from __future__ import annotations

import re
from typing import Any

import ollama
import pytest
import stub_facts
from editor_session import EditorSession
from mellea_lint import surface
from openai.types import CompletionChoice
from openai.types.chat import ChatCompletion

ERROR, WARNING, INFORMATION, HINT = 1, 2, 3, 4
DEPRECATED_TAG = 2


def _hover_type(hover: str) -> frozenset[str]:
    """The members of the type in a hover such as ``(variable) response: A | B``."""
    match = re.fullmatch(r"\(\w+\) \w+: (.+)", hover.strip(), flags=re.DOTALL)
    assert match, f"unexpected hover text: {hover!r}"
    return frozenset(part.strip() for part in match.group(1).split(" | "))


def test_completion_on_raw_offers_its_fields(editor: EditorSession) -> None:
    labels = editor.completion_labels(editor.source.after("complete:raw", "mot.raw."))
    assert set(surface.RAW_FIELDS) <= labels


def test_completion_in_ollama_branch_offers_chat_response_members(editor: EditorSession) -> None:
    labels = editor.completion_labels(editor.source.after("complete:ollama", "mot.raw.response."))
    assert set(ollama.ChatResponse.model_fields) <= labels


def test_key_completion_in_openai_branch_offers_chat_completion_keys(editor: EditorSession) -> None:
    """After the `"usage" in` guard only the chat-completion dict shapes are left: their keys are
    offered, the completions-API choice dict's own keys are not."""
    position = editor.source.after("complete:openai-key", 'mot.raw.response["')
    keys = {label.strip('"') for label in editor.completion_labels(position)}
    chat_keys = set(ChatCompletion.model_fields)
    assert chat_keys <= keys
    assert not (set(CompletionChoice.model_fields) - chat_keys) & keys


@pytest.mark.parametrize("provider", ["ollama", "openai"])
def test_hover_in_provider_branch_shows_that_providers_response_types(
    editor: EditorSession, provider: str
) -> None:
    hover = editor.hover_text(editor.source.on_last_name(f"hover:{provider}", "mot.raw.response"))
    assert _hover_type(hover) == stub_facts.response_types_by_provider()[provider]


def test_hover_before_narrowing_shows_the_union_of_every_variant(editor: EditorSession) -> None:
    hover = editor.hover_text(editor.source.on_last_name("hover:unnarrowed", "mot.raw.response"))
    every_variant = frozenset().union(*stub_facts.response_types_by_provider().values())
    assert _hover_type(hover) == every_variant


def _diagnostics_on(line: int, diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        d for d in diagnostics if d["range"]["start"]["line"] <= line <= d["range"]["end"]["line"]
    ]


def test_private_member_access_is_reported_as_the_stubs_promise(editor: EditorSession) -> None:
    """A `@deprecated` declaration in the stub must surface its message (which names the public
    replacement); a member the stub omits must be an attribute error naming the member."""
    member = "_generate_log"
    line = editor.source.line_of("private:generate-log")
    declaration = stub_facts.private_thunk_member(member)
    if declaration.deprecation is not None:
        replacement = surface.MEMBERS_BY_NAME[member].replacement
        assert replacement and replacement in declaration.deprecation

        def reported(diagnostics: list[dict[str, Any]]) -> bool:
            return any(
                declaration.deprecation in d["message"]
                and (d.get("severity", ERROR) <= WARNING or DEPRECATED_TAG in d.get("tags", []))
                for d in _diagnostics_on(line, diagnostics)
            )
    else:
        assert not declaration.declared, f"the stub declares {member} without @deprecated"

        def reported(diagnostics: list[dict[str, Any]]) -> bool:
            return any(
                d.get("severity") == ERROR and f'"{member}"' in d["message"]
                for d in _diagnostics_on(line, diagnostics)
            )

    editor.diagnostics(until=reported)


def test_narrowed_example_has_no_other_errors_or_warnings(editor: EditorSession) -> None:
    private_line = editor.source.line_of("private:generate-log")
    diagnostics = editor.diagnostics(
        until=lambda ds: bool(_diagnostics_on(private_line, ds))  # analysis has finished
    )
    elsewhere = [
        (d["range"]["start"]["line"] + 1, d["message"])
        for d in diagnostics
        if d.get("severity", ERROR) <= WARNING
        and d not in _diagnostics_on(private_line, diagnostics)
    ]
    assert elsewhere == []
