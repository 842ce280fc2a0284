# Stub for mellea.core.base (mellea 0.8.0).
#
# Runtime names are declared as mellea defines them, except for these. `ModelOutputThunk.raw`
# is typed by a second type parameter (stub-only, covariant), whose default is a discriminated
# union (`AnyRaw`) of stub-only subclasses of `RawProviderResponse`, one per value of
# `raw.provider`, so that comparing `mot.raw.provider` with a literal narrows
# `mot.raw.response` to what that backend stores for a chat-shaped call; a thunk from a backend
# whose provider is known (a `start_session` literal, a backend class) carries that provider's
# variant instead. `Backend.generate_from_raw` (core/backend.pyi) returns the stub-only
# `CompletionModelOutputThunk`, whose `raw` defaults to `AnyCompletionRaw`. And
# `GenerationMetadata.provider` reads as `KnownProvider`. Every name marked
# `@type_check_only`, and the `AnyRaw` / `AnyCompletionRaw` / `KnownProvider` aliases, exists
# only for type checkers: import it under `if TYPE_CHECKING:`.

import abc
import asyncio
import datetime
import enum
import os
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import Field, dataclass
from typing import (
    Any,
    ClassVar,
    Generic,
    Literal,
    NotRequired,
    ParamSpec,
    Protocol,
    TypeAlias,
    TypeVar,
    final,
    overload,
    runtime_checkable,
    type_check_only,
)

import ollama
import torch
import typing_extensions
from ollama._types import Logprob as _OllamaLogprob  # not re-exported by ollama
from PIL import Image as PILImage
from transformers.generation.utils import GenerateDecoderOnlyOutput
from typing_extensions import ReadOnly, TypedDict

class CBlock:
    _underlying_value: str | None
    cache: bool
    _meta: dict[str, Any]
    def __init__(self, value: str | None, meta: dict[str, Any] | None = None, *, cache: bool = False) -> None: ...
    @property
    def value(self) -> str | None: ...
    @value.setter
    def value(self, v: str) -> None: ...

class ImageBlock(CBlock):
    def __init__(self, value: str, meta: dict[str, Any] | None = None) -> None: ...
    @staticmethod
    def is_valid_base64_png(s: str) -> bool: ...
    @staticmethod
    def pil_to_base64(image: PILImage.Image) -> str: ...
    @classmethod
    def from_pil_image(cls, image: PILImage.Image, meta: dict[str, Any] | None = None) -> ImageBlock: ...

class ImageUrlBlock(CBlock):
    def __init__(self, value: str, meta: dict[str, Any] | None = None) -> None: ...
    def resolve_base64(self) -> str: ...

class AudioBlock(CBlock):
    format: str
    def __init__(self, value: str, format: str | None = None, meta: dict[str, Any] | None = None) -> None: ...
    @staticmethod
    def is_valid_base64_audio(s: str) -> bool: ...
    @staticmethod
    def detect_format(data: bytes) -> str | None: ...
    @classmethod
    def from_bytes(cls, data: bytes, format: str | None = None, meta: dict[str, Any] | None = None) -> AudioBlock: ...
    @classmethod
    def from_file(
        cls, path: str | os.PathLike[str], format: str | None = None, meta: dict[str, Any] | None = None
    ) -> AudioBlock: ...
    @classmethod
    def from_url(cls, url: str, format: str | None = None, meta: dict[str, Any] | None = None) -> AudioBlock: ...

class AudioUrlBlock(CBlock):
    format: str
    def __init__(self, value: str, format: str, meta: dict[str, Any] | None = None) -> None: ...
    def resolve_base64(self) -> str: ...

def make_image_block(
    src: str | PILImage.Image, *, convert_to_base64: bool = False, meta: dict[str, Any] | None = None
) -> ImageBlock | ImageUrlBlock: ...

S = typing_extensions.TypeVar("S", default=Any, covariant=True)  # noqa: PYI001  (public name at runtime, re-exported by mellea.core)
C = typing_extensions.TypeVar("C", default=str)  # noqa: PYI001  (public name at runtime, re-exported by mellea.core)

class ComponentParseError(Exception): ...

@runtime_checkable
class Component(Protocol, Generic[S]):
    def parts(self) -> list[Span]: ...
    def format_for_llm(self) -> TemplateRepresentation | str: ...
    def parse(self, computed: ModelOutputThunk) -> S: ...
    def _parse(self, computed: ModelOutputThunk) -> S: ...

class GenerateType(enum.Enum):
    NONE = None
    ASYNC = 1
    SYNC = 2

KnownProvider: TypeAlias = Literal["openai", "ollama", "litellm", "watsonx", "huggingface"]
"""The `provider` literals mellea's backends write (`raw.provider`, `generation.provider`)."""

class GenerationMetadata:
    """A runtime dataclass, declared as a plain class so that `provider` can read as
    `KnownProvider` (a misspelled comparison is reported like one on `raw.provider`) while a
    third-party backend may still write its own provider string."""

    usage: dict[str, Any] | None
    model: str | None
    ttfb_ms: float | None
    streaming: bool
    response_model: str | None
    finish_reasons: list[str] | None
    response_id: str | None
    logits: tuple[torch.Tensor, ...] | None
    raw_logits: tuple[torch.Tensor, ...] | None
    __match_args__ = (
        "usage", "model", "provider", "ttfb_ms", "streaming", "response_model", "finish_reasons",
        "response_id", "logits", "raw_logits",
    )
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    def __init__(
        self,
        usage: dict[str, Any] | None = None,
        model: str | None = None,
        provider: str | None = None,
        ttfb_ms: float | None = None,
        streaming: bool = False,
        response_model: str | None = None,
        finish_reasons: list[str] | None = None,
        response_id: str | None = None,
        logits: tuple[torch.Tensor, ...] | None = None,
        raw_logits: tuple[torch.Tensor, ...] | None = None,
    ) -> None: ...
    @property
    def provider(self) -> KnownProvider | None: ...
    @provider.setter
    def provider(self, value: str | None) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ---------------------------------------------------------------------------
# Provider payloads: the dict shapes mellea 0.8.0 stores in `raw.response` and
# `raw.streamed_chunks`. Keys follow the SDK models that produce them (a test
# compares them with openai / litellm / ollama and with mellea's stream merge).
# A `model_dump()` writes every field of the SDK model, so its keys are required and a
# `| None` is a field the SDK model declares `Optional` (the source is named on the class).
# A `NotRequired` key is one the source omits; its comment says when.
# ---------------------------------------------------------------------------

@type_check_only
class OpenAIUsageDict(dict[str, Any]):
    """`CompletionUsage.model_dump()` (openai/types/completion_usage.py), and the usage
    litellm and watsonx send (same three counters). A `dict[str, Any]`, like mellea's own
    `GenerationMetadata.usage`, so it passes where users annotate usage that way; its known
    keys still read with their types and a misspelled key is an error."""

    @overload  # type: ignore[override]
    def __getitem__(self, key: Literal["completion_tokens", "prompt_tokens", "total_tokens"]) -> int: ...
    @overload
    def __getitem__(
        self, key: Literal["completion_tokens_details", "prompt_tokens_details"]
    ) -> dict[str, Any] | None: ...  # Optional in CompletionUsage
    # Every key at once, last: pyright names the last overload's parameter when none matches,
    # so a misspelled key is reported with the keys that exist (mypy, pyrefly and ty list all).
    @overload
    def __getitem__(
        self,
        key: Literal["completion_tokens", "prompt_tokens", "total_tokens", "completion_tokens_details", "prompt_tokens_details"],
    ) -> int | dict[str, Any] | None: ...

@type_check_only
class LiteLLMUsageDict(OpenAIUsageDict):
    """`litellm.types.utils.Usage.model_dump()`: OpenAI's counters plus what litellm adds when it
    knows it (`cost`: litellm's stream builder writes its bill there, `stamp_litellm_bill_on_usage`
    in litellm_core_utils/core_helpers.py; found by driving the litellm backend)."""

    @overload  # type: ignore[override]
    def __getitem__(self, key: Literal["completion_tokens", "prompt_tokens", "total_tokens"]) -> int: ...
    @overload
    def __getitem__(
        self, key: Literal["completion_tokens_details", "prompt_tokens_details", "server_tool_use"]
    ) -> dict[str, Any] | None: ...
    @overload
    def __getitem__(self, key: Literal["cost"]) -> float | None: ...
    @overload  # every key, last (see OpenAIUsageDict)
    def __getitem__(
        self,
        key: Literal[
            "completion_tokens", "prompt_tokens", "total_tokens", "completion_tokens_details",
            "prompt_tokens_details", "server_tool_use", "cost",
        ],
    ) -> int | dict[str, Any] | float | None: ...

@type_check_only
class OpenAIMessageDict(TypedDict):
    """`ChatCompletionMessage.model_dump()` (openai/types/chat/chat_completion_message.py)."""

    content: str | None
    refusal: str | None
    role: Literal["assistant"]
    annotations: list[dict[str, Any]] | None
    audio: dict[str, Any] | None
    function_call: dict[str, Any] | None
    tool_calls: list[dict[str, Any]] | None
    # Extras that OpenAI-compatible servers (vLLM, SGLang, ollama's /v1) add for reasoning
    # models; api.openai.com never sends them.
    reasoning_content: NotRequired[str | None]
    reasoning: NotRequired[str | None]

@type_check_only
class OpenAIChoiceDict(TypedDict):
    """One element of `ChatCompletion.model_dump()["choices"]` (openai/types/chat/chat_completion.py `Choice`)."""

    finish_reason: Literal["stop", "length", "tool_calls", "content_filter", "function_call"]
    index: int
    logprobs: dict[str, Any] | None
    message: OpenAIMessageDict
    stop_reason: NotRequired[int | str | None]  # vLLM extra
    token_ids: NotRequired[list[int] | None]  # vLLM extra

@final
@type_check_only
class OpenAIChatCompletionDict(TypedDict):
    """`openai.types.chat.ChatCompletion.model_dump()`: openai, non-streaming chat."""

    id: str
    choices: list[OpenAIChoiceDict]
    created: int
    model: str
    object: Literal["chat.completion"]
    metadata: dict[str, str] | None
    moderation: dict[str, Any] | None
    service_tier: str | None
    system_fingerprint: str | None
    usage: OpenAIUsageDict | None
    prompt_logprobs: NotRequired[list[dict[str, Any] | None] | None]  # vLLM extras
    prompt_token_ids: NotRequired[list[int] | None]
    kv_transfer_params: NotRequired[dict[str, Any] | None]

@type_check_only
class StreamedMessageDict(TypedDict):
    content: str
    reasoning_content: str
    role: str | None  # None when no delta carried a role (openai_compatible_helpers.py:255-285)
    # `{"function": {"name", "arguments"}, "id"?, "type"?}` per call, typed as the non-streamed
    # `OpenAIMessageDict.tool_calls` and mellea's `Message(tool_calls=...)` are.
    tool_calls: list[dict[str, Any]]

@type_check_only
class StreamedChoiceDict(TypedDict):
    """The choice `chat_completion_delta_merge` builds from the streamed chunks
    (mellea/helpers/openai_compatible_helpers.py:228-319)."""

    finish_reason: str | None  # None until a chunk carries one
    index: int
    logprobs: None  # always None: the merge does not keep logprobs
    stop_reason: str | int | None  # vLLM's extra; None elsewhere
    message: StreamedMessageDict

# After a streamed chat, openai, litellm and watsonx store `{"choices": [merged], "usage":
# mot.generation.usage}` (openai.py:1616, litellm.py:659, watsonx.py:673; no id, model, created).
# `usage` is what the backend copied from the stream, so its type is the provider's: openai
# dumps the SDK's `CompletionUsage` (openai.py:1565), litellm its own `Usage` (litellm.py:626),
# which carries `cost` when litellm knows the price. `usage` is `ReadOnly` in the OpenAI envelope
# so that litellm's envelope, whose `usage` is narrower, passes where the OpenAI one is annotated.

@final
@type_check_only
class OpenAIStreamedChatDict(TypedDict):
    """The streamed envelope of openai and watsonx (whose stream usage has OpenAI's counters)."""

    choices: list[StreamedChoiceDict]
    # None when the stream sent no usage chunk. watsonx's always is in mellea 0.8.0, which returns
    # before reading a chunk without choices, where the usage arrives (watsonx.py:614-615); it is
    # still typed as the usage the API sends, so code that checks for None stays reachable.
    usage: ReadOnly[OpenAIUsageDict | None]

@final
@type_check_only
class LiteLLMStreamedChatDict(TypedDict):
    """The streamed envelope of litellm; passes where `OpenAIStreamedChatDict` is annotated."""

    choices: list[StreamedChoiceDict]
    # litellm builds the usage itself when the provider sent none (mellea asks for it with
    # stream_options.include_usage, litellm.py:415); None only if no chunk carried one.
    usage: LiteLLMUsageDict | None

@final
@type_check_only
class OpenAICompletionChoiceDict(TypedDict):
    """`openai.types.CompletionChoice.model_dump()`: openai `generate_from_raw`. No `choices` key."""

    finish_reason: Literal["stop", "length", "content_filter"]
    index: int
    logprobs: dict[str, Any] | None
    text: str

@type_check_only
class OpenAIChunkDeltaDict(TypedDict):
    """`ChoiceDelta.model_dump()` (openai/types/chat/chat_completion_chunk.py); reasoning keys as in `OpenAIMessageDict`."""

    audio: dict[str, Any] | None
    content: str | None
    function_call: dict[str, Any] | None
    refusal: str | None
    role: Literal["developer", "system", "user", "assistant", "tool"] | None
    tool_calls: list[dict[str, Any]] | None
    reasoning_content: NotRequired[str | None]  # OpenAI-compatible servers' extra, as in OpenAIMessageDict
    reasoning: NotRequired[str | None]  # as above

@type_check_only
class OpenAIChunkChoiceDict(TypedDict):
    """`ChatCompletionChunk.choices[0].model_dump()`: an openai `raw.streamed_chunks` element."""

    delta: OpenAIChunkDeltaDict
    finish_reason: Literal["stop", "length", "tool_calls", "content_filter", "function_call"] | None
    index: int
    logprobs: dict[str, Any] | None
    stop_reason: NotRequired[int | str | None]  # vLLM extra
    token_ids: NotRequired[list[int] | None]  # vLLM extra

@type_check_only
class LiteLLMMessageDict(TypedDict):
    """`litellm.types.utils.Message.model_dump()` (litellm 1.110)."""

    content: str | None
    role: str
    tool_calls: list[dict[str, Any]] | None
    function_call: dict[str, Any] | None
    # Message.__init__ sets these three only when the provider sent them (a plain reply's dump
    # has content, function_call, role, tool_calls only).
    provider_specific_fields: NotRequired[dict[str, Any] | None]
    reasoning_content: NotRequired[str | None]
    thinking_blocks: NotRequired[list[dict[str, Any]] | None]

@type_check_only
class LiteLLMChoiceDict(TypedDict):
    """`litellm.types.utils.Choices.model_dump()`."""

    finish_reason: str
    index: int
    message: LiteLLMMessageDict
    logprobs: NotRequired[Any]  # Choices.__init__ sets it only when the provider sent logprobs
    provider_specific_fields: NotRequired[dict[str, Any] | None]  # only when the provider sent extra fields

@final
@type_check_only
class LiteLLMModelResponseDict(TypedDict):
    """`litellm.ModelResponse.model_dump()`: litellm, non-streaming chat."""

    id: str
    choices: list[LiteLLMChoiceDict]
    created: int
    model: str | None  # Optional in ModelResponseBase
    object: str
    system_fingerprint: NotRequired[str | None]  # ModelResponse.__init__ sets it only when passed
    # ModelResponse.__init__ and convert_to_model_response_object set usage only when the
    # provider's response had a non-null usage; read it with .get("usage").
    usage: NotRequired[LiteLLMUsageDict]

@final
@type_check_only
class LiteLLMTextChoiceDict(TypedDict):
    """`litellm.types.utils.TextChoices.model_dump()`: litellm `generate_from_raw`. No `choices` key."""

    finish_reason: str | None  # Optional in TextChoices
    index: int
    logprobs: Any
    text: str | None  # Optional in TextChoices

@type_check_only
class LiteLLMDeltaDict(TypedDict):
    """`litellm.types.utils.Delta.model_dump()`; every `| None` is Optional in Delta."""

    audio: dict[str, Any] | None
    content: str | None
    function_call: dict[str, Any] | None
    provider_specific_fields: dict[str, Any] | None
    role: str | None
    tool_calls: list[dict[str, Any]] | None
    refusal: NotRequired[str | None]  # litellm's stream wrapper copies it from an OpenAI chunk delta
    reasoning_content: NotRequired[str | None]  # Delta.__init__ sets it only when sent
    thinking_blocks: NotRequired[list[dict[str, Any]] | None]  # as above

@type_check_only
class LiteLLMChunkChoiceDict(TypedDict):
    """`litellm.types.utils.StreamingChoices.model_dump()`: a litellm `raw.streamed_chunks` element."""

    delta: LiteLLMDeltaDict
    finish_reason: str | None  # None on every chunk but the last
    index: int
    logprobs: Any

# watsonx.ai returns plain JSON dicts (ibm-watsonx-ai has no model for them). Sources: the
# watsonx.ai REST API reference, schemas `TextChatResponse`, `TextChatResultChoice`,
# `TextChatResultMessage`, `TextGenResult` (mirrored by the typed @ibm-cloud/watsonx-ai SDK),
# and the reads in ibm_watsonx_ai's own docstrings (foundation_models/inference/model_inference.py).

@type_check_only
class WatsonxMessageDict(TypedDict):
    role: str
    content: NotRequired[str]  # `content?` in the API's TextChatResultMessage (absent beside tool_calls); mellea reads .get("content")
    reasoning_content: NotRequired[str | None]  # reasoning models only
    tool_calls: NotRequired[list[dict[str, Any]]]  # only when the model called a tool

@type_check_only
class WatsonxChoiceDict(TypedDict):
    index: int
    message: WatsonxMessageDict
    finish_reason: str | None  # always sent; the API reference documents null for an incomplete response

@final
@type_check_only
class WatsonxChatDict(TypedDict):
    """`ModelInference.achat(...)`'s response dict: watsonx, non-streaming chat."""

    choices: list[WatsonxChoiceDict]
    id: str
    model_id: str
    created: int
    model: NotRequired[str]  # not in TextChatResponse; some deployments echo it
    model_version: NotRequired[str]  # optional in TextChatResponse
    created_at: NotRequired[str]  # as above
    usage: NotRequired[OpenAIUsageDict]  # optional in TextChatResponse; read it with .get("usage")
    system: NotRequired[dict[str, Any]]  # optional: warnings only

@type_check_only
class WatsonxDeltaDict(TypedDict, total=False):
    """A stream delta: every key arrives only in the chunks that carry it."""

    role: str
    content: str | None
    reasoning_content: str | None
    tool_calls: list[dict[str, Any]]

@type_check_only
class WatsonxChunkChoiceDict(TypedDict):
    """`chunk["choices"][0]` of a watsonx chat stream: a watsonx `raw.streamed_chunks` element."""

    index: int
    delta: WatsonxDeltaDict
    finish_reason: NotRequired[str | None]  # sent on the last chunk only

@final
@type_check_only
class WatsonxGenerationResultDict(TypedDict):
    """`ModelInference.generate(...)["results"][0]` (`TextGenResult`): watsonx `generate_from_raw`."""

    generated_text: str
    generated_token_count: NotRequired[int]  # optional in TextGenResult
    input_token_count: NotRequired[int]  # as above
    stop_reason: NotRequired[str]  # as above
    seed: NotRequired[int]  # only when the request set a seed
    generated_tokens: NotRequired[list[dict[str, Any]]]  # only with return_options.generated_tokens
    input_tokens: NotRequired[list[dict[str, Any]]]  # only with return_options.input_tokens
    moderations: NotRequired[dict[str, Any]]  # only with moderations enabled

@type_check_only
class OllamaChatResponse(ollama.ChatResponse):
    """`ollama.ChatResponse` (ollama/_types.py) as mellea stores it. ollama declares
    `SubscriptableBaseModel.__getitem__(key: str) -> Any`, so `resp["usage"]` would pass and
    raise KeyError at run time; here a subscript must name a field, and reads with its type."""

    @overload  # type: ignore[override]
    def __getitem__(self, key: Literal["message"]) -> ollama.Message: ...
    @overload
    def __getitem__(self, key: Literal["model", "created_at", "done_reason"]) -> str | None: ...
    @overload
    def __getitem__(self, key: Literal["done"]) -> bool | None: ...
    @overload
    def __getitem__(
        self,
        key: Literal[
            "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"
        ],
    ) -> int | None: ...
    @overload
    def __getitem__(self, key: Literal["logprobs"]) -> Sequence[_OllamaLogprob] | None: ...
    @overload  # every key, last (see OpenAIUsageDict)
    def __getitem__(
        self,
        key: Literal[
            "message", "model", "created_at", "done_reason", "done", "total_duration", "load_duration",
            "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration", "logprobs",
        ],
    ) -> ollama.Message | str | bool | int | Sequence[_OllamaLogprob] | None: ...

@final
@type_check_only
class OllamaGenerateDict(TypedDict):
    """`ollama.GenerateResponse.model_dump()`: ollama `generate_from_raw`; every `| None`
    is Optional in ollama/_types.py (`SubscriptableBaseModel` fields default to None)."""

    model: str | None
    created_at: str | None
    done: bool | None
    done_reason: str | None
    total_duration: int | None
    load_duration: int | None
    prompt_eval_count: int | None
    prompt_eval_duration: int | None
    eval_count: int | None
    eval_duration: int | None
    response: str | None
    thinking: str | None
    context: list[int] | None
    logprobs: list[dict[str, Any]] | None
    image: str | None
    completed: int | None
    total: int | None

# ---------------------------------------------------------------------------
# raw: a runtime dataclass, declared as a plain class so that the stub-only
# variants below may re-declare its fields with narrower types.
# ---------------------------------------------------------------------------

class RawProviderResponse:
    provider: str | None
    response: Any | None
    streamed_chunks: list[Any] | None
    __match_args__ = ("provider", "response", "streamed_chunks")
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    def __init__(
        self, provider: str | None = None, response: Any | None = None, streamed_chunks: list[Any] | None = None
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

_P = TypeVar("_P", bound=str | None)
_R = TypeVar("_R")
_C = TypeVar("_C", bound=list[Any] | None)

# Each variant reads with one provider's types and writes like the runtime dataclass, so a
# backend fills `mot.raw` field by field (`mot.raw.provider = ...`, `mot.raw.response = {...}`)
# on the union `AnyRaw`. `provider` and `response` are properties with a wide setter: every
# checker narrows the union on `raw.provider == "..."` through them (pyright and basedpyright
# not on `raw.provider is None`: they narrow a union on `is None` through a field only).
# `streamed_chunks` stays a field, so `if raw.streamed_chunks is None: raw.streamed_chunks = []`
# narrows in every checker (ty and mypy narrow an assignment through a property only when its
# setter takes the getter's type); its elements read as `ChunkDict | Any`, so a backend appends
# the SDK's `model_dump()` (`dict[str, Any]`) while a wrong key on a read is still an error.

@type_check_only
class ProviderRaw(RawProviderResponse, Generic[_P, _R, _C]):
    """`mot.raw` as one provider fills it: the base of the variants in `AnyRaw`."""

    @property  # type: ignore[override]
    def provider(self) -> _P: ...  # pyright: ignore[reportIncompatibleVariableOverride]
    @provider.setter
    def provider(self, value: str | None) -> None: ...
    @property  # type: ignore[override]
    def response(self) -> _R: ...  # pyright: ignore[reportIncompatibleVariableOverride]
    @response.setter
    def response(self, value: Any | None) -> None: ...
    streamed_chunks: _C  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]

@type_check_only
class OpenAIRaw(
    ProviderRaw[
        Literal["openai"], OpenAIChatCompletionDict | OpenAIStreamedChatDict, list[OpenAIChunkChoiceDict | Any] | None
    ]
):
    """`mot.raw` of an openai chat thunk when `mot.raw.provider == "openai"`."""

@type_check_only
class OllamaRaw(ProviderRaw[Literal["ollama"], OllamaChatResponse, list[Any] | None]):
    """`mot.raw` of an ollama chat thunk (streamed or not) when `mot.raw.provider == "ollama"`;
    mellea 0.8.0 leaves `streamed_chunks` None for ollama."""

@type_check_only
class LiteLLMRaw(
    ProviderRaw[
        Literal["litellm"], LiteLLMModelResponseDict | LiteLLMStreamedChatDict, list[LiteLLMChunkChoiceDict | Any] | None
    ]
):
    """`mot.raw` of a litellm chat thunk when `mot.raw.provider == "litellm"`."""

@type_check_only
class WatsonxRaw(
    ProviderRaw[
        Literal["watsonx"], WatsonxChatDict | OpenAIStreamedChatDict, list[WatsonxChunkChoiceDict | Any] | None
    ]
):
    """`mot.raw` of a watsonx chat thunk when `mot.raw.provider == "watsonx"`."""

@type_check_only
class HuggingFaceRaw(ProviderRaw[Literal["huggingface"], GenerateDecoderOnlyOutput | None, list[Any] | None]):
    """`mot.raw` when `mot.raw.provider == "huggingface"` (chat and `generate_from_raw`);
    `response` is `None` when the backend runs with `use_caches=False`, for adapters
    without logits, and for beam search; mellea 0.8.0 leaves `streamed_chunks` None."""

@type_check_only
class UnfilledRaw(ProviderRaw[None, None, list[Any] | None]):
    """`mot.raw` before post-processing ran (uncomputed, cancelled, errored, user-built);
    a streaming backend appends to `streamed_chunks` before it sets the provider."""

# The completion variants subclass their provider's chat variant (redeclaring `response`), so
# narrowing by a chat variant's class (`case OllamaRaw()`, the mypy plugin's class patterns)
# also reaches them, and `AnyCompletionRaw` is a subtype of `AnyRaw` like the thunks are.

@type_check_only
class OpenAICompletionRaw(OpenAIRaw):
    """`mot.raw` of an openai `generate_from_raw` thunk (completions API)."""

    @property  # type: ignore[override]
    def response(self) -> OpenAICompletionChoiceDict: ...  # pyright: ignore[reportIncompatibleMethodOverride]
    @response.setter
    def response(self, value: Any | None) -> None: ...
    streamed_chunks: list[Any] | None  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]

@type_check_only
class OllamaCompletionRaw(OllamaRaw):
    """`mot.raw` of an ollama `generate_from_raw` thunk (`/api/generate`)."""

    @property  # type: ignore[override]
    def response(self) -> OllamaGenerateDict: ...  # pyright: ignore[reportIncompatibleMethodOverride]
    @response.setter
    def response(self, value: Any | None) -> None: ...

@type_check_only
class LiteLLMCompletionRaw(LiteLLMRaw):
    """`mot.raw` of a litellm `generate_from_raw` thunk (`atext_completion`)."""

    @property  # type: ignore[override]
    def response(self) -> LiteLLMTextChoiceDict: ...  # pyright: ignore[reportIncompatibleMethodOverride]
    @response.setter
    def response(self, value: Any | None) -> None: ...
    streamed_chunks: list[Any] | None  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]

@type_check_only
class WatsonxCompletionRaw(WatsonxRaw):
    """`mot.raw` of a watsonx `generate_from_raw` thunk (`ModelInference.generate`)."""

    @property  # type: ignore[override]
    def response(self) -> WatsonxGenerationResultDict: ...  # pyright: ignore[reportIncompatibleMethodOverride]
    @response.setter
    def response(self, value: Any | None) -> None: ...
    streamed_chunks: list[Any] | None  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]

@type_check_only
class CustomProviderRaw(ProviderRaw[_P, _R, list[Any] | None]):
    """A third-party backend's `raw`; the mypy plugin instantiates it for providers
    registered in its configuration. Not part of `AnyRaw`."""

AnyRaw: TypeAlias = OpenAIRaw | OllamaRaw | LiteLLMRaw | WatsonxRaw | HuggingFaceRaw | UnfilledRaw
"""`mot.raw` of a thunk from a chat-shaped call (`instruct`, `chat`, `act`, `generate_from_context`, ...)."""

AnyCompletionRaw: TypeAlias = (
    OpenAICompletionRaw | OllamaCompletionRaw | LiteLLMCompletionRaw | WatsonxCompletionRaw | HuggingFaceRaw | UnfilledRaw
)
"""`mot.raw` of a thunk from `Backend.generate_from_raw`."""

_RawT = typing_extensions.TypeVar("_RawT", bound=RawProviderResponse, default=AnyRaw, covariant=True)
"""The type of `mot.raw`: the variant union of every provider unless the thunk came from a
backend whose class (or `start_session` literal) fixes the provider (stubs of
mellea.stdlib.session, mellea.stdlib.functional and mellea.backends.*)."""
_CompletionRawT = typing_extensions.TypeVar(
    "_CompletionRawT", bound=RawProviderResponse, default=AnyCompletionRaw, covariant=True
)
"""The type of `mot.raw` on a `generate_from_raw` thunk."""

# ---------------------------------------------------------------------------
# The thunk. Its private members are declared with their runtime types: backends and test
# doubles must write them (mellea offers no public way), and no checker can be told which
# code produces thunks. Privacy is the gate's job (mellea-lint, flake8 MOT, the mypy
# plugin's `mellea-private`, `mellea-lint server`), which knows producer code.
# ---------------------------------------------------------------------------

@dataclass
class _CallInfo:
    """Originating-call data of a thunk (private: read nothing from it outside mellea.core)."""

    action: Span | None = None
    context: list[Span] | None = None
    model_options: dict[str, Any] | None = None
    generation_id: str | None = None

_STREAM_QUEUE_MAXSIZE: int

@dataclass
class _GenerationState:
    """In-flight generation machinery of a thunk, set by the backend that produces it (private)."""

    queue: asyncio.Queue[Any] = ...
    chunk_size: int = 3
    first_chunk_received: bool = False
    processed_chunk_index: int = 0
    generate: asyncio.Task[None] | None = None
    generate_type: GenerateType = ...
    generate_extra: asyncio.Task[Any] | None = None
    cancel_hook: Callable[[], None] | None = None
    process: Callable[[ModelOutputThunk, Any], Coroutine[Any, Any, Any]] | None = None
    post_process: Callable[[ModelOutputThunk], Coroutine[Any, Any, Any]] | None = None
    on_computed: Callable[[ModelOutputThunk], Coroutine[Any, Any, Any]] | None = None
    start: datetime.datetime | None = None
    chunk_intervals: deque[float | None] = ...

class ModelOutputThunk(Generic[S, _RawT]):
    cache: bool
    parsed_repr: S | None
    tool_calls: list[ModelToolCall] | None
    thinking: str | None
    generation: GenerationMetadata
    # Private: written by the backend that produces the thunk; the public read is named.
    _underlying_value: str | None
    """Private: read `mot.value`; producers write it while streaming."""
    _meta: dict[str, Any]
    """Private: provider payloads are in `mot.raw`, usage in `mot.generation.usage`."""
    _computed: bool
    """Private: read `mot.is_computed()`."""
    _cancelled: bool
    """Private: read `mot.cancelled`; `await mot.cancel_generation()` sets it."""
    _aiter_started: bool
    _call: _CallInfo
    """Private: originating-call data, set by the backend."""
    _gen: _GenerationState
    """Private: in-flight generation machinery, set by the backend."""
    _generate_log: GenerateLog | None
    """Private: read `mot.generate_log`; producers set it."""
    _error: Exception | None
    """Private: read `mot.error`."""
    def __init__(
        self,
        value: str | None,
        meta: dict[str, Any] | None = None,
        parsed_repr: S | None = None,
        tool_calls: list[ModelToolCall] | None = None,
    ) -> None: ...
    @property
    def raw(self) -> _RawT: ...
    @raw.setter
    def raw(self, value: RawProviderResponse) -> None: ...
    async def cancel_generation(self, error: Exception | None = None) -> None: ...
    @property
    def cancelled(self) -> bool: ...
    @property
    def error(self) -> Exception | None: ...
    @property
    def generate_log(self) -> GenerateLog | None: ...
    def is_computed(self) -> bool: ...
    @property
    def value(self) -> str | None: ...
    @value.setter
    def value(self, v: str) -> None: ...
    async def avalue(self) -> str: ...
    async def astream(self) -> str: ...
    def __aiter__(self) -> ModelOutputThunk[S, _RawT]: ...
    async def __anext__(self) -> str: ...
    async def aclose(self) -> None: ...
    async def __aenter__(self) -> ModelOutputThunk[S, _RawT]: ...
    async def __aexit__(self, *exc_info: object) -> None: ...
    def __copy__(self) -> ModelOutputThunk[S, _RawT]: ...
    def __deepcopy__(self, memo: dict[int, Any]) -> ModelOutputThunk[S, _RawT]: ...
    def _elapsed_ms(self) -> float: ...
    def _record_ttfb(self) -> None: ...
    async def _emit_event(self, event_name: str, **data: Any) -> None: ...
    def _copy_from(self, other: ModelOutputThunk) -> None: ...
    def _set_parsed_repr(self) -> None: ...

class ComputedModelOutputThunk(ModelOutputThunk[S, _RawT]):
    _INVARIANT_GUARDS: ClassVar[dict[str, Callable[[Any], bool]]]
    def __new__(cls, thunk: ModelOutputThunk[S, _RawT] | None = None) -> ComputedModelOutputThunk[S, _RawT]: ...
    def __init__(self, thunk: ModelOutputThunk[S, _RawT]) -> None: ...
    def __setattr__(self, name: str, value: Any) -> None: ...
    def __copy__(self) -> ComputedModelOutputThunk[S, _RawT]: ...
    def __deepcopy__(self, memo: dict[int, Any]) -> ComputedModelOutputThunk[S, _RawT]: ...
    async def avalue(self) -> str: ...
    async def astream(self) -> str: ...
    @property
    def value(self) -> str: ...
    @value.setter
    def value(self, v: str) -> None: ...
    def is_computed(self) -> Literal[True]: ...

@type_check_only
class CompletionModelOutputThunk(ModelOutputThunk[S, _CompletionRawT]):
    """What `Backend.generate_from_raw` returns: a `ModelOutputThunk` whose `raw` holds the
    completion-API shapes. A `ModelOutputThunk` annotation accepts it and reads the chat
    shapes through it, as for every other thunk."""

Span: TypeAlias = Component | CBlock | ModelOutputThunk

@dataclass
class ContextTurn:
    model_input: Span | None
    output: ModelOutputThunk | Component | None

ContextT = TypeVar("ContextT", bound=Context)  # noqa: PYI001  (public name at runtime)

class ContextTypeMismatchError(TypeError):
    def __init__(self, input_type: type, output_type: type) -> None: ...

class Context(abc.ABC):
    _previous: Context | None
    _data: Span | None
    _is_root: bool
    _is_chat_context: bool
    _propagated_fields: tuple[str, ...]
    def __init__(self) -> None: ...
    @classmethod
    def from_previous(cls: type[ContextT], previous: Context, data: Span) -> ContextT: ...
    @classmethod
    def reset_to_new(cls: type[ContextT]) -> ContextT: ...
    def new_instance(self) -> Context: ...
    @property
    def is_root_node(self) -> bool: ...
    @property
    def previous_node(self) -> Context | None: ...
    @property
    def node_data(self) -> Span | None: ...
    @property
    def is_chat_context(self) -> bool: ...
    def as_list(self, last_n_components: int | None = None) -> list[Span]: ...
    def actions_for_available_tools(self) -> list[Span] | None: ...
    def last_output(self, check_last_n_components: int = 3) -> ModelOutputThunk | None: ...
    def last_turn(self) -> ContextTurn | None: ...
    @abc.abstractmethod
    def add(self, c: Span) -> Context: ...
    @abc.abstractmethod
    def view_for_generation(self) -> list[Span] | None: ...

P = ParamSpec("P")  # noqa: PYI001  (public name at runtime)
R = TypeVar("R")  # noqa: PYI001  (public name at runtime)

class AbstractMelleaTool(abc.ABC, Generic[P, R]):
    name: str
    @abc.abstractmethod
    def run(self, *args: P.args, **kwargs: P.kwargs) -> R: ...
    @property
    @abc.abstractmethod
    def as_json_tool(self) -> dict[str, Any]: ...

@dataclass
class TemplateRepresentation:
    obj: Any
    args: dict[str, str | Component | CBlock | ModelOutputThunk | Iterable[Any] | Mapping[Any, Any] | TemplateRepresentation | None]
    tools: dict[str, AbstractMelleaTool] | None = None
    fields: list[Any] | None = None
    template: str | None = None
    template_order: list[str] | None = None
    images: list[ImageBlock | ImageUrlBlock] | None = None
    audio: list[AudioBlock | AudioUrlBlock] | None = None
    role: str | None = None
    thinking: str | None = None
    tool_calls: list[dict[str, Any]] | None = None
    tool_call_id: str | None = None
    tool_name: str | None = None
    provider_fields: dict[str, dict[str, Any]] | None = None

@dataclass
class GenerateLog:
    date: datetime.datetime | None = None
    prompt: str | list[dict[Any, Any]] | None = None
    backend: str | None = None
    model_options: dict[str, Any] | None = None
    model_output: Any | None = None
    action: Span | None = None
    result: ModelOutputThunk | None = None
    is_final_result: bool | None = False
    extra: dict[str, Any] | None = None

@dataclass
class ModelToolCall:
    name: str
    func: AbstractMelleaTool
    args: Mapping[str, Any]
    tool_call_id: str | None = None
    def call_func(self) -> Any: ...

def blockify(s: str | Span) -> Span: ...
def get_images_from_component(c: Component) -> None | list[ImageBlock | ImageUrlBlock]: ...
def get_audio_from_component(c: Component) -> None | list[AudioBlock | AudioUrlBlock]: ...
