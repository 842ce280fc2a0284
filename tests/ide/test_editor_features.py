"""The IDE proof: what a real language server shows an editor user of the installed stubs.

Each test runs against basedpyright-langserver and pyright-langserver (see conftest.py), opened on
tests/ide/workspace/usage_report.py. Expected names come from their sources of truth: the raw fields
from mellea_lint.surface, payload fields from the SDKs' own models, variant types from the stub
source; positions come from the `# <tag>` markers in the workspace file.
"""

from __future__ import annotations

import re

import ollama
import pytest
import stub_facts
from editor_session import EditorSession
from mellea_lint import surface
from openai.types import CompletionChoice
from openai.types.chat import ChatCompletion

ERROR, WARNING = 1, 2


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


def test_private_member_is_typed_and_its_hover_names_the_public_read(editor: EditorSession) -> None:
    """The stubs declare what producers write, so the editor shows no error from them on a
    private read (privacy is the gate's: `mellea-lint server`); the hover names the public read."""
    member = "_generate_log"
    hover = editor.hover_text(editor.source.on_last_name("private:generate-log", f"mot.{member}"))
    replacement = surface.MEMBERS_BY_NAME[member].replacement
    assert replacement and replacement in hover, hover
    assert "GenerateLog | None" in hover, hover


def test_completion_on_a_private_subobject_offers_its_fields(editor: EditorSession) -> None:
    """A backend or test double gets completion on `mot._gen.` (the `_GenerationState` fields)."""
    labels = editor.completion_labels(editor.source.after("complete:gen", "mot._gen."))
    assert set(surface.PRIVATE_SUBOBJECT_FIELDS["_gen"]) <= labels


def test_the_example_has_no_errors_or_warnings(editor: EditorSession) -> None:
    """Narrowed payload reads, a private read and a producer's `_gen` read: nothing from the stubs."""
    diagnostics = editor.diagnostics()
    found = [(d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics if d.get("severity", ERROR) <= WARNING]
    assert found == []
