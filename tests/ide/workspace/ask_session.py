"""Downstream code that chose its backend: `start_session("ollama")` types each thunk's `raw`
by that provider, so the payload reads with no provider check.

The `# <tag>` comments mark the positions tests/ide/test_typed_session.py asks the language server about.
"""

from mellea.stdlib.session import start_session


def answer(question: str) -> str | None:
    m = start_session("ollama")
    return m.instruct(question).raw.response.message.content  # <complete:session> <hover:session>
