"""The stub's payload types at run time, for annotations that something reads at run time
(a pydantic model, a dataclass, ``typing.get_type_hints``)::

    from mellea_lint.payloads.types import OpenAIChatCompletionDict

A type checker sees the stub's own classes (imported below); at run time each name is the class
evaluated from the installed stub (``shapes``): a ``TypedDict``, except ``OllamaChatResponse``,
which is ``ollama.ChatResponse`` (what the value is). A test keeps these names equal to the stub's.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mellea.core.base import (
        LiteLLMChoiceDict,
        LiteLLMChunkChoiceDict,
        LiteLLMDeltaDict,
        LiteLLMMessageDict,
        LiteLLMModelResponseDict,
        LiteLLMStreamedChatDict,
        LiteLLMTextChoiceDict,
        LiteLLMUsageDict,
        OllamaChatResponse,
        OllamaGenerateDict,
        OpenAIChatCompletionDict,
        OpenAIChoiceDict,
        OpenAIChunkChoiceDict,
        OpenAIChunkDeltaDict,
        OpenAICompletionChoiceDict,
        OpenAIMessageDict,
        OpenAIStreamedChatDict,
        OpenAIUsageDict,
        StreamedChoiceDict,
        StreamedMessageDict,
        WatsonxChatDict,
        WatsonxChoiceDict,
        WatsonxChunkChoiceDict,
        WatsonxDeltaDict,
        WatsonxGenerationResultDict,
        WatsonxMessageDict,
    )

__all__ = [
    "LiteLLMChoiceDict", "LiteLLMChunkChoiceDict", "LiteLLMDeltaDict", "LiteLLMMessageDict",
    "LiteLLMModelResponseDict", "LiteLLMStreamedChatDict", "LiteLLMTextChoiceDict", "LiteLLMUsageDict",
    "OllamaChatResponse", "OllamaGenerateDict", "OpenAIChatCompletionDict", "OpenAIChoiceDict",
    "OpenAIChunkChoiceDict", "OpenAIChunkDeltaDict", "OpenAICompletionChoiceDict", "OpenAIMessageDict",
    "OpenAIStreamedChatDict", "OpenAIUsageDict", "StreamedChoiceDict", "StreamedMessageDict",
    "WatsonxChatDict", "WatsonxChoiceDict", "WatsonxChunkChoiceDict", "WatsonxDeltaDict",
    "WatsonxGenerationResultDict", "WatsonxMessageDict",
]


def __getattr__(name: str) -> Any:
    from mellea_lint.payloads import shapes

    payload = shapes.load().payloads.get(name)
    if payload is None:
        raise AttributeError(f"{shapes.STUB_FILE} declares no payload type {name!r}")
    return payload.runtime
