"""The IDE proof of issue 17: a session whose backend is chosen by name types `mot.raw` in the editor.

Each test runs against basedpyright-langserver and pyright-langserver, opened on
tests/ide/workspace/ask_session.py (`m = start_session("ollama")`, then a payload read with no
provider check). Expected names come from their sources of truth: the session name's variant from
mellea_lint.surface, payload types from the stub source, payload fields from the SDKs' own models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import ollama
import pytest
import stub_facts
from editor_session import SERVERS, WORKSPACE, EditorSession, MarkedSource, open_session
from mellea_lint import surface
from openai.types.chat import ChatCompletion

SESSION_NAME = "ollama"
PROVIDER = next(p for p in surface.PROVIDERS if SESSION_NAME in p.session_names)
READ = "m.instruct(question).raw.response"
ERROR, WARNING = 1, 2


@pytest.fixture(scope="module", params=sorted(SERVERS))
def session_editor(request: pytest.FixtureRequest) -> Iterator[EditorSession]:
    session = open_session(request.param, MarkedSource(WORKSPACE / "ask_session.py"))
    try:
        yield session
    finally:
        session.client.close()


def _hover_type(hover: str) -> frozenset[str]:
    """The members of the type in a hover such as ``(property) response: A | B``."""
    match = re.fullmatch(r"\(\w+\) \w+: (.+)", hover.strip(), flags=re.DOTALL)
    assert match, f"unexpected hover text: {hover!r}"
    return frozenset(part.strip() for part in match.group(1).split(" | "))


def test_completion_offers_the_chosen_providers_payload_fields(
    session_editor: EditorSession,
) -> None:
    labels = session_editor.completion_labels(
        session_editor.source.after("complete:session", f"{READ}.")
    )
    assert set(ollama.ChatResponse.model_fields) <= labels


def test_completion_offers_nothing_of_openais_chat_dict(session_editor: EditorSession) -> None:
    """openai's chat payload is a dict: its mapping methods (`keys`, `items`, ...) would be offered
    for an openai or unknown backend's thunk, and its fields (`choices`, `usage`, ...) for its SDK
    object; neither belongs to ollama's `ChatResponse`."""
    labels = session_editor.completion_labels(
        session_editor.source.after("complete:session", f"{READ}.")
    )
    ollama_members = set(dir(ollama.ChatResponse)) | set(ollama.ChatResponse.model_fields)
    mapping_methods = {name for name in vars(dict) if not name.startswith("_")} - ollama_members
    openai_fields = set(ChatCompletion.model_fields) - ollama_members
    assert mapping_methods and openai_fields
    assert not labels & (mapping_methods | openai_fields), sorted(
        labels & (mapping_methods | openai_fields)
    )


def test_hover_on_raw_shows_the_chosen_providers_variant(session_editor: EditorSession) -> None:
    hover = session_editor.hover_text(
        session_editor.source.on_last_name("hover:session", "m.instruct(question).raw")
    )
    assert _hover_type(hover) == {PROVIDER.variant}


def test_hover_on_response_shows_the_chosen_providers_payload_type(
    session_editor: EditorSession,
) -> None:
    hover = session_editor.hover_text(session_editor.source.on_last_name("hover:session", READ))
    assert _hover_type(hover) == stub_facts.response_types_by_provider()[PROVIDER.literal]


def test_the_unnarrowed_payload_read_has_no_errors_or_warnings(session_editor: EditorSession) -> None:
    """The read type-checks with no provider check, and basedpyright's default mode has no
    "partially unknown" warning left: the generated stubs spell mellea's bare `dict` annotations
    (`model_options: dict`) `dict[Any, Any]`."""
    found = [
        (d["range"]["start"]["line"] + 1, d.get("code"), d["message"])
        for d in session_editor.diagnostics()
        if d.get("severity", ERROR) <= WARNING
    ]
    assert found == []
