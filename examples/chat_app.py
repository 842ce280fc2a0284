"""A small chat app: answers a question and reports what the provider sent back."""

from __future__ import annotations

from mellea import start_session
from mellea.core import ModelOutputThunk
from mellea.stdlib.context import ChatContext


def finish_reason(mot: ModelOutputThunk[str]) -> str | None:
    """The provider's own finish reason, read from the payload each backend stores."""
    if mot.raw.provider == "openai":
        return mot.raw.response["choices"][0]["finish_reason"]
    elif mot.raw.provider == "ollama":
        return mot.raw.response.done_reason
    elif mot.raw.provider == "huggingface":
        return None
    return mot.generation.finish_reasons[0] if mot.generation.finish_reasons else None


def main() -> None:
    m = start_session("ollama", "granite4:micro", ChatContext())
    answer = m.instruct("Name three prime numbers.")
    print(answer.value, finish_reason(answer))
    if answer.generate_log is not None:
        print("prompt:", answer.generate_log.prompt)


if __name__ == "__main__":
    main()
