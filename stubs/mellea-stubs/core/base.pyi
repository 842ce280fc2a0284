# Stub for mellea.core.base (mellea 0.8.0).
#
# Runtime names are declared as mellea defines them. `ModelOutputThunk.raw` is the
# exception: it is typed as a discriminated union (`AnyRaw`) of stub-only subclasses of
# `RawProviderResponse`, one per value of `raw.provider`, so that comparing
# `mot.raw.provider` with a literal narrows `mot.raw.response` to what that backend
# stores. Every name marked `@type_check_only`, and the `AnyRaw` alias, exists only
# for type checkers: import it under `if TYPE_CHECKING:`.

import abc
import datetime
import enum
import os
from collections.abc import Iterable, Mapping
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
    runtime_checkable,
    type_check_only,
)

import ollama
import torch
import typing_extensions
from PIL import Image as PILImage
from transformers.generation.utils import GenerateDecoderOnlyOutput
from typing_extensions import TypedDict

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

@dataclass
class GenerationMetadata:
    usage: dict[str, Any] | None = None
    model: str | None = None
    provider: str | None = None
    ttfb_ms: float | None = None
    streaming: bool = False
    response_model: str | None = None
    finish_reasons: list[str] | None = None
    response_id: str | None = None
    logits: tuple[torch.Tensor, ...] | None = None
    raw_logits: tuple[torch.Tensor, ...] | None = None

# ---------------------------------------------------------------------------
# Provider payloads: the dict shapes mellea 0.8.0 stores in `raw.response` and
# `raw.streamed_chunks`. Keys follow the SDK models that produce them (a test
# compares them with openai / litellm / ollama and with mellea's stream merge).
# ---------------------------------------------------------------------------

@type_check_only
class OpenAIUsageDict(TypedDict):
    """`CompletionUsage.model_dump()`."""

    completion_tokens: int
    prompt_tokens: int
    total_tokens: int
    completion_tokens_details: dict[str, Any] | None
    prompt_tokens_details: dict[str, Any] | None

@type_check_only
class OpenAIMessageDict(TypedDict):
    """`ChatCompletionMessage.model_dump()`; the reasoning keys are extras that
    OpenAI-compatible servers (vLLM, SGLang, ollama's /v1) add."""

    content: str | None
    refusal: str | None
    role: Literal["assistant"]
    annotations: list[dict[str, Any]] | None
    audio: dict[str, Any] | None
    function_call: dict[str, Any] | None
    tool_calls: list[dict[str, Any]] | None
    reasoning_content: NotRequired[str | None]
    reasoning: NotRequired[str | None]

@type_check_only
class OpenAIChoiceDict(TypedDict):
    """One element of `ChatCompletion.model_dump()["choices"]`."""

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
class StreamedFunctionDict(TypedDict):
    name: str
    arguments: str | None

@type_check_only
class StreamedToolCallDict(TypedDict):
    function: StreamedFunctionDict
    id: NotRequired[str]
    type: NotRequired[str]

@type_check_only
class StreamedMessageDict(TypedDict):
    content: str
    reasoning_content: str
    role: str | None
    tool_calls: list[StreamedToolCallDict]

@type_check_only
class StreamedChoiceDict(TypedDict):
    """The choice `chat_completion_delta_merge` builds from the streamed chunks."""

    finish_reason: str | None
    index: int
    logprobs: None
    stop_reason: str | int | None
    message: StreamedMessageDict

@final
@type_check_only
class OpenAIStreamedChatDict(TypedDict):
    """What openai, litellm and watsonx store after a streamed chat:
    `{"choices": [merged], "usage": mot.generation.usage}` (no id, model, created)."""

    choices: list[StreamedChoiceDict]
    usage: dict[str, Any] | None

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
    """`ChoiceDelta.model_dump()`; reasoning keys as in `OpenAIMessageDict`."""

    audio: dict[str, Any] | None
    content: str | None
    function_call: dict[str, Any] | None
    refusal: str | None
    role: Literal["developer", "system", "user", "assistant", "tool"] | None
    tool_calls: list[dict[str, Any]] | None
    reasoning_content: NotRequired[str | None]
    reasoning: NotRequired[str | None]

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
    """`litellm.types.utils.Message.model_dump()`; litellm's response conversion leaves
    `provider_specific_fields` out when the provider sent none."""

    content: str | None
    role: str
    tool_calls: list[dict[str, Any]] | None
    function_call: dict[str, Any] | None
    provider_specific_fields: NotRequired[dict[str, Any] | None]
    reasoning_content: NotRequired[str | None]
    thinking_blocks: NotRequired[list[dict[str, Any]] | None]

@type_check_only
class LiteLLMChoiceDict(TypedDict):
    """`litellm.types.utils.Choices.model_dump()`."""

    finish_reason: str
    index: int
    message: LiteLLMMessageDict
    logprobs: NotRequired[Any]
    provider_specific_fields: NotRequired[dict[str, Any] | None]

@final
@type_check_only
class LiteLLMModelResponseDict(TypedDict):
    """`litellm.ModelResponse.model_dump()`: litellm, non-streaming chat."""

    id: str
    choices: list[LiteLLMChoiceDict]
    created: int
    model: str | None
    object: str
    system_fingerprint: NotRequired[str | None]
    usage: NotRequired[dict[str, Any]]

@final
@type_check_only
class LiteLLMTextChoiceDict(TypedDict):
    """`litellm.types.utils.TextChoices.model_dump()`: litellm `generate_from_raw`. No `choices` key."""

    finish_reason: str | None
    index: int
    logprobs: Any
    text: str | None

@type_check_only
class LiteLLMDeltaDict(TypedDict):
    """`litellm.types.utils.Delta.model_dump()`; litellm's stream wrapper copies `refusal`
    from an OpenAI chunk delta."""

    audio: dict[str, Any] | None
    content: str | None
    function_call: dict[str, Any] | None
    provider_specific_fields: dict[str, Any] | None
    role: str | None
    tool_calls: list[dict[str, Any]] | None
    refusal: NotRequired[str | None]
    reasoning_content: NotRequired[str | None]
    thinking_blocks: NotRequired[list[dict[str, Any]] | None]

@type_check_only
class LiteLLMChunkChoiceDict(TypedDict):
    """`litellm.types.utils.StreamingChoices.model_dump()`: a litellm `raw.streamed_chunks` element."""

    delta: LiteLLMDeltaDict
    finish_reason: str | None
    index: int
    logprobs: Any

# watsonx.ai returns plain JSON dicts (ibm-watsonx-ai has no schema for them), so every
# key but the ones mellea itself reads is NotRequired.

@type_check_only
class WatsonxMessageDict(TypedDict, total=False):
    role: str
    content: str | None
    reasoning_content: str | None
    tool_calls: list[dict[str, Any]]

@type_check_only
class WatsonxChoiceDict(TypedDict):
    index: int
    message: WatsonxMessageDict
    finish_reason: NotRequired[str | None]

@final
@type_check_only
class WatsonxChatDict(TypedDict):
    """`ModelInference.achat(...)`'s response dict: watsonx, non-streaming chat."""

    choices: list[WatsonxChoiceDict]
    id: NotRequired[str]
    model_id: NotRequired[str]
    model: NotRequired[str]
    model_version: NotRequired[str]
    created: NotRequired[int]
    created_at: NotRequired[str]
    usage: NotRequired[dict[str, Any]]
    system: NotRequired[dict[str, Any]]

@type_check_only
class WatsonxDeltaDict(TypedDict, total=False):
    role: str
    content: str | None
    reasoning_content: str | None
    tool_calls: list[dict[str, Any]]

@type_check_only
class WatsonxChunkChoiceDict(TypedDict):
    """`chunk["choices"][0]` of a watsonx chat stream: a watsonx `raw.streamed_chunks` element."""

    index: int
    delta: WatsonxDeltaDict
    finish_reason: NotRequired[str | None]

@final
@type_check_only
class WatsonxGenerationResultDict(TypedDict):
    """`ModelInference.generate(...)["results"][0]`: watsonx `generate_from_raw`."""

    generated_text: str
    generated_token_count: NotRequired[int]
    input_token_count: NotRequired[int]
    stop_reason: NotRequired[str]
    seed: NotRequired[int]
    generated_tokens: NotRequired[list[dict[str, Any]]]
    input_tokens: NotRequired[list[dict[str, Any]]]
    moderations: NotRequired[dict[str, Any]]

@final
@type_check_only
class OllamaGenerateDict(TypedDict):
    """`ollama.GenerateResponse.model_dump()`: ollama `generate_from_raw`."""

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

@type_check_only
class OpenAIRaw(RawProviderResponse):
    """`mot.raw` when `mot.raw.provider == "openai"`. `"choices" in response` tells a
    chat dict from the `generate_from_raw` completion choice."""

    provider: Literal["openai"]
    response: OpenAIChatCompletionDict | OpenAIStreamedChatDict | OpenAICompletionChoiceDict
    streamed_chunks: list[OpenAIChunkChoiceDict] | None

@type_check_only
class OllamaRaw(RawProviderResponse):
    """`mot.raw` when `mot.raw.provider == "ollama"`. `isinstance(response, ollama.ChatResponse)`
    tells chat (streamed or not) from the `generate_from_raw` dict."""

    provider: Literal["ollama"]
    response: ollama.ChatResponse | OllamaGenerateDict
    streamed_chunks: None

@type_check_only
class LiteLLMRaw(RawProviderResponse):
    """`mot.raw` when `mot.raw.provider == "litellm"`. `"choices" in response` tells chat from
    `generate_from_raw`."""

    provider: Literal["litellm"]
    response: LiteLLMModelResponseDict | OpenAIStreamedChatDict | LiteLLMTextChoiceDict
    streamed_chunks: list[LiteLLMChunkChoiceDict] | None

@type_check_only
class WatsonxRaw(RawProviderResponse):
    """`mot.raw` when `mot.raw.provider == "watsonx"`. `"choices" in response` tells chat from
    `generate_from_raw`."""

    provider: Literal["watsonx"]
    response: WatsonxChatDict | OpenAIStreamedChatDict | WatsonxGenerationResultDict
    streamed_chunks: list[WatsonxChunkChoiceDict] | None

@type_check_only
class HuggingFaceRaw(RawProviderResponse):
    """`mot.raw` when `mot.raw.provider == "huggingface"`; `response` is `None` when the
    backend runs with `use_caches=False`, for adapters without logits, and for beam search."""

    provider: Literal["huggingface"]
    response: GenerateDecoderOnlyOutput | None
    streamed_chunks: None

@type_check_only
class UnfilledRaw(RawProviderResponse):
    """`mot.raw` before post-processing ran (uncomputed, cancelled, errored, user-built)."""

    provider: None
    response: None
    streamed_chunks: None

_P = TypeVar("_P", bound=str)
_R = TypeVar("_R")

@type_check_only
class CustomProviderRaw(RawProviderResponse, Generic[_P, _R]):
    """A third-party backend's `raw`; the mypy plugin instantiates it for providers
    registered in its configuration. Not part of `AnyRaw`."""

    provider: _P
    response: _R
    streamed_chunks: list[Any] | None

AnyRaw: TypeAlias = OpenAIRaw | OllamaRaw | LiteLLMRaw | WatsonxRaw | HuggingFaceRaw | UnfilledRaw

# ---------------------------------------------------------------------------
# The thunk. Private members (_generate_log, _gen, _meta, ...) are deliberately
# absent: see the README, "Private thunk members".
# ---------------------------------------------------------------------------

class ModelOutputThunk(Generic[S]):
    cache: bool
    parsed_repr: S | None
    tool_calls: list[ModelToolCall] | None
    thinking: str | None
    generation: GenerationMetadata
    def __init__(
        self,
        value: str | None,
        meta: dict[str, Any] | None = None,
        parsed_repr: S | None = None,
        tool_calls: list[ModelToolCall] | None = None,
    ) -> None: ...
    @property
    def raw(self) -> AnyRaw: ...
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
    def __aiter__(self) -> ModelOutputThunk[S]: ...
    async def __anext__(self) -> str: ...
    async def aclose(self) -> None: ...
    async def __aenter__(self) -> ModelOutputThunk[S]: ...
    async def __aexit__(self, *exc_info: object) -> None: ...
    def __copy__(self) -> ModelOutputThunk: ...
    def __deepcopy__(self, memo: dict[int, Any]) -> ModelOutputThunk: ...

class ComputedModelOutputThunk(ModelOutputThunk[S]):
    def __new__(cls, thunk: ModelOutputThunk[S] | None = None) -> ComputedModelOutputThunk[S]: ...
    def __init__(self, thunk: ModelOutputThunk[S]) -> None: ...
    def __setattr__(self, name: str, value: Any) -> None: ...
    def __copy__(self) -> ComputedModelOutputThunk[S]: ...
    def __deepcopy__(self, memo: dict[int, Any]) -> ComputedModelOutputThunk[S]: ...
    async def avalue(self) -> str: ...
    async def astream(self) -> str: ...
    @property
    def value(self) -> str: ...
    @value.setter
    def value(self, v: str) -> None: ...
    def is_computed(self) -> Literal[True]: ...

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
