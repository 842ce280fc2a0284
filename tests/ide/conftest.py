"""Fixtures for the IDE proof: each language server, opened once per module on the workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from editor_session import EXAMPLE, SERVERS, EditorSession, MarkedSource, open_session


@pytest.fixture(scope="module", params=sorted(SERVERS))
def editor(request: pytest.FixtureRequest) -> Iterator[EditorSession]:
    session = open_session(request.param, MarkedSource(EXAMPLE))
    try:
        yield session
    finally:
        session.client.close()
