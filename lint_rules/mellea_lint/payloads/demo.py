"""``make demo``: a recorded provider reply whose shape drifted, replayed against the stubs."""

from __future__ import annotations

import json
import tempfile

from mellea_lint.payloads import record

REPLY = {
    "id": "chatcmpl-demo", "object": "chat.completion", "created": 1767225600, "model": "granite-4.0",
    "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None, "message": {
        "role": "assistant", "content": "It is sunny in Paris.", "reasoning_content": "The tool said sunny."}}],
    "usage": {"prompt_tokens": 21, "completion_tokens": 9, "total_tokens": 30},
}
"""A vLLM chat reply, in the API's JSON, as a test run recorded it."""


def drift_demo() -> str:
    """Record ``REPLY`` as mellea stores it, let the server send ``reasoning_content`` as a list
    of steps instead of a string, and return the replayed report."""
    from openai.types.chat import ChatCompletion

    stored = ChatCompletion.model_validate(REPLY).model_dump()  # what mellea's openai backend keeps
    with tempfile.TemporaryDirectory() as folder:
        path = record.save(record.fixture_of("openai", stored, None, "chat", "demo"), folder, "openai-chat")
        document = json.loads(path.read_text(encoding="utf-8"))
        document["response"]["choices"][0]["message"]["reasoning_content"] = ["step 1", "step 2"]
        path.write_text(json.dumps(document), encoding="utf-8")
        return f"replaying {path.name} (reasoning_content drifted to a list):\n{record.replay(path)}"
