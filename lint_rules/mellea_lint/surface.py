"""The ModelOutputThunk surface of mellea 0.8.0: the single table every checker reads.

The stubs' tests, the mypy plugin, the lint rules, the autofix and the README all
derive their names, replacements and providers from here. Adding a provider or a
private member is one edit in this module; ``tests/surface/`` compares it with the
installed mellea runtime so that a new release that drifts fails loudly.

Stdlib only: the mypy plugin and the flake8 plugin import this at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

MELLEA_VERSION: Final = "0.8.0"
"""The mellea release this table describes (and the tests pin)."""

CORE_PACKAGE: Final = "mellea.core"
BASE_MODULE: Final = "mellea.core.base"

THUNK_CLASS: Final = "mellea.core.base.ModelOutputThunk"
COMPUTED_THUNK_CLASS: Final = "mellea.core.base.ComputedModelOutputThunk"
RAW_CLASS: Final = "mellea.core.base.RawProviderResponse"
CALL_INFO_CLASS: Final = "mellea.core.base._CallInfo"
GENERATION_STATE_CLASS: Final = "mellea.core.base._GenerationState"

THUNK_CLASSES: Final = (THUNK_CLASS, COMPUTED_THUNK_CLASS)
PRIVATE_SUBOBJECT_CLASSES: Final = (CALL_INFO_CLASS, GENERATION_STATE_CLASS)

DEFAULT_INTERNAL_MODULES: Final = (CORE_PACKAGE,)
"""Modules that implement the thunk and may touch every private member."""

DEFAULT_PRODUCER_MODULES: Final[tuple[str, ...]] = ()
"""Modules that may write producer-owned members; mellea's own repository sets
``mellea.backends`` and friends here (see README, "mellea's own repository")."""

PROVIDER_DOC: Final = "mot.raw.response where mot.raw.provider == {provider!r}"

MemberKind = Literal["field", "method", "legacy-field", "class-field"]


@dataclass(frozen=True)
class PrivateMember:
    """A private member of ModelOutputThunk, current (0.8.0) or legacy (<= 0.6.0).

    ``replacement`` is the public spelling users should write (``None``: there is
    none, the member is internal to mellea.core). ``fix`` is the attribute text an
    autofix may put in place of ``._name`` on a read (``None``: no safe rewrite).
    ``producer_writable``: backends and other producers assign it in 0.8.0.
    ``unique``: no other mellea class has a member of this name, so its presence is
    evidence that the receiver is a thunk.
    """

    name: str
    kind: MemberKind
    replacement: str | None = None
    fix: str | None = None
    producer_writable: bool = False
    unique: bool = True
    note: str = ""


PRIVATE_MEMBERS: Final[tuple[PrivateMember, ...]] = (
    # Fields of 0.8.0 with a public replacement.
    PrivateMember("_underlying_value", "field", "mot.value", ".value", producer_writable=True),
    PrivateMember("_computed", "field", "mot.is_computed()", ".is_computed()", producer_writable=True),
    PrivateMember("_cancelled", "field", "mot.cancelled", ".cancelled", producer_writable=True),
    PrivateMember("_error", "field", "mot.error", ".error", producer_writable=True, unique=False),
    PrivateMember("_generate_log", "field", "mot.generate_log", ".generate_log", producer_writable=True),
    # Fields of 0.8.0 without one.
    PrivateMember(
        "_meta", "field", None, producer_writable=True, unique=False,
        note="also a CBlock's metadata dict; provider payloads moved to mot.raw",
    ),
    PrivateMember(
        "_call", "field", None, producer_writable=True,
        note="originating-call data (_CallInfo: action, context, model_options, generation_id)",
    ),
    PrivateMember(
        "_gen", "field", None, producer_writable=True,
        note="in-flight generation machinery (_GenerationState)",
    ),
    PrivateMember("_aiter_started", "field", None, note="guards a second async iterator"),
    # Methods of 0.8.0.
    PrivateMember("_copy_from", "method", None, note="hook result replacement"),
    PrivateMember("_elapsed_ms", "method", None),
    PrivateMember("_record_ttfb", "method", None),
    PrivateMember("_emit_event", "method", None),
    PrivateMember("_set_parsed_repr", "method", None),
    PrivateMember("_INVARIANT_GUARDS", "class-field", None, note="ComputedModelOutputThunk only"),
    # Flat fields of mellea <= 0.6.0, gone in 0.8.0.
    PrivateMember("_thinking", "legacy-field", "mot.thinking", ".thinking"),
    PrivateMember("_action", "legacy-field", "mot._call.action (internal)", producer_writable=True),
    PrivateMember("_context", "legacy-field", "mot._call.context (internal)", producer_writable=True, unique=False),
    PrivateMember("_model_options", "legacy-field", "mot._call.model_options (internal)", producer_writable=True, unique=False),
    PrivateMember("_generation_id", "legacy-field", "mot._call.generation_id (internal)", producer_writable=True),
    PrivateMember("_async_queue", "legacy-field", None, producer_writable=True),
    PrivateMember("_chunk_size", "legacy-field", None, producer_writable=True),
    PrivateMember("_generate", "legacy-field", None, producer_writable=True),
    PrivateMember("_generate_type", "legacy-field", None, producer_writable=True),
    PrivateMember("_generate_extra", "legacy-field", None, producer_writable=True),
    PrivateMember("_cancel_hook", "legacy-field", None, producer_writable=True),
    PrivateMember("_process", "legacy-field", None, producer_writable=True, unique=False),
    PrivateMember("_post_process", "legacy-field", None, producer_writable=True),
    PrivateMember("_on_computed", "legacy-field", None, producer_writable=True),
    PrivateMember("_start", "legacy-field", None, producer_writable=True, unique=False),
    PrivateMember("_first_chunk_received", "legacy-field", None, producer_writable=True),
)

MEMBERS_BY_NAME: Final = {m.name: m for m in PRIVATE_MEMBERS}

META_MEMBER: Final = "_meta"
"""The private mapping whose keys ``META_KEYS`` describes."""

CURRENT_PRIVATE_FIELDS: Final = frozenset(m.name for m in PRIVATE_MEMBERS if m.kind == "field")
CURRENT_PRIVATE_METHODS: Final = frozenset(m.name for m in PRIVATE_MEMBERS if m.kind == "method")


@dataclass(frozen=True)
class MetaKey:
    """A key that mellea (0.6.0 and older, or litellm in 0.8.0) stores in ``mot._meta``."""

    key: str
    replacement: str | None
    fix: str | None = None
    unique: bool = True
    """No other class's ``_meta`` uses this key: ``x._meta[key]`` is evidence that ``x`` is a thunk."""


META_KEYS: Final[tuple[MetaKey, ...]] = (
    MetaKey("chat_response", PROVIDER_DOC.format(provider="ollama"), ".raw.response"),
    MetaKey("oai_chat_response", PROVIDER_DOC.format(provider="openai") + " (or 'watsonx')", ".raw.response"),
    MetaKey("oai_chat_response_choice", PROVIDER_DOC.format(provider="openai") + " (or 'watsonx')", ".raw.response"),
    MetaKey("oai_chat_response_streamed", "mot.raw.streamed_chunks", ".raw.streamed_chunks"),
    MetaKey("litellm_chat_response_streamed", "mot.raw.streamed_chunks", ".raw.streamed_chunks"),
    MetaKey("litellm_full_response", PROVIDER_DOC.format(provider="litellm"), ".raw.response"),
    MetaKey("litellm_chat_response", PROVIDER_DOC.format(provider="litellm"), ".raw.response"),
    MetaKey("hf_output", PROVIDER_DOC.format(provider="huggingface"), ".raw.response"),
    MetaKey("usage", "mot.generation.usage", ".generation.usage", unique=False),
    MetaKey("oai_streaming_usage", "mot.generation.usage", ".generation.usage"),
    MetaKey("litellm_streaming_usage", "mot.generation.usage", ".generation.usage"),
    MetaKey("_telemetry_span", None),
    MetaKey("logprobs", None, unique=False),
    MetaKey("additionalModelResponseFields", None),
)

META_KEYS_BY_NAME: Final = {k.key: k for k in META_KEYS}

PUBLIC_FIELDS: Final = frozenset({"cache", "parsed_repr", "tool_calls", "thinking", "generation", "raw"})
PUBLIC_PROPERTIES: Final = frozenset({"value", "cancelled", "error", "generate_log"})
PUBLIC_METHODS: Final = frozenset(
    {"is_computed", "avalue", "astream", "cancel_generation", "aclose"}
)
PUBLIC_MEMBERS: Final = PUBLIC_FIELDS | PUBLIC_PROPERTIES | PUBLIC_METHODS

RAW_FIELDS: Final = ("provider", "response", "streamed_chunks")

PRIVATE_SUBOBJECT_FIELDS: Final = {
    "_call": ("action", "context", "model_options", "generation_id"),
    "_gen": (
        "queue", "chunk_size", "first_chunk_received", "processed_chunk_index", "generate",
        "generate_type", "generate_extra", "cancel_hook", "process", "post_process",
        "on_computed", "start", "chunk_intervals",
    ),
}

PRIVATE_CORE_NAMES: Final = {
    "_CallInfo": "originating-call data of a thunk; read nothing from it outside mellea.core",
    "_GenerationState": "in-flight generation state of a thunk",
    "_STREAM_QUEUE_MAXSIZE": "an implementation constant of the thunk's stream queue",
}
"""Private module-level names of mellea.core.base that downstream code imports.
Any other ``_name`` imported from mellea.core is private too; these get a specific note."""


@dataclass(frozen=True)
class Provider:
    """One value of ``mot.raw.provider`` and the stub-only variant classes that carry it:
    ``variant`` on thunks from chat-shaped calls, ``completion_variant`` on thunks from
    ``Backend.generate_from_raw`` (the stub's ``CompletionModelOutputThunk``)."""

    literal: str
    variant: str
    response: str
    streamed_chunk: str | None
    completion_variant: str
    completion_response: str


PROVIDERS: Final[tuple[Provider, ...]] = (
    Provider(
        "openai", "OpenAIRaw", "OpenAIChatCompletionDict | OpenAIStreamedChatDict", "OpenAIChunkChoiceDict",
        "OpenAICompletionRaw", "OpenAICompletionChoiceDict",
    ),
    Provider("ollama", "OllamaRaw", "OllamaChatResponse", None, "OllamaCompletionRaw", "OllamaGenerateDict"),
    Provider(
        "litellm", "LiteLLMRaw", "LiteLLMModelResponseDict | OpenAIStreamedChatDict", "LiteLLMChunkChoiceDict",
        "LiteLLMCompletionRaw", "LiteLLMTextChoiceDict",
    ),
    Provider(
        "watsonx", "WatsonxRaw", "WatsonxChatDict | OpenAIStreamedChatDict", "WatsonxChunkChoiceDict",
        "WatsonxCompletionRaw", "WatsonxGenerationResultDict",
    ),
    Provider(
        "huggingface", "HuggingFaceRaw", "transformers.GenerateDecoderOnlyOutput | None", None,
        "HuggingFaceRaw", "transformers.GenerateDecoderOnlyOutput | None",
    ),
)

PROVIDER_LITERALS: Final = tuple(p.literal for p in PROVIDERS)
UNFILLED_VARIANT: Final = "UnfilledRaw"
"""The variant with ``provider: None``: post-processing never ran."""

THUNK_RETURNING_APIS: Final = frozenset(
    {"instruct", "act", "aact", "ainstruct", "query", "aquery", "transform", "atransform"}
)
"""Session/functional APIs that return a thunk (or a SamplingResult wrapping one)."""

THUNK_TUPLE_RETURNING_APIS: Final = frozenset({"generate_from_context"})
"""Backend methods returning ``(thunk, context)``."""

THUNK_LIST_RETURNING_APIS: Final = frozenset({"generate_from_raw"})
"""Backend methods returning ``list[thunk]``."""

THUNK_OR_NONE_RETURNING_APIS: Final = frozenset({"last_output"})
"""Context methods returning ``ModelOutputThunk | None``."""

SAMPLING_RESULT_CLASS: Final = "mellea.core.sampling.SamplingResult"
SAMPLING_RESULT_THUNK: Final = "result"
"""The ``SamplingResult`` property holding the chosen thunk."""
SAMPLING_RESULT_THUNK_LIST: Final = "sample_generations"
"""The ``SamplingResult`` field holding every generated thunk."""
SAMPLING_RESULT_FLAG: Final = "return_sampling_results"
"""Keyword that makes ``instruct``/``act``/... return a ``SamplingResult`` instead of a thunk."""


def public_replacement(member: str) -> str | None:
    """The public spelling that replaces a private thunk member (``None``: there is none)."""
    info = MEMBERS_BY_NAME.get(member)
    if info is not None and info.replacement and "(internal)" not in info.replacement:
        return info.replacement
    return None


def replacement_hint(member: str) -> str:
    """The "what to do instead" sentence for a private thunk member."""
    replacement = public_replacement(member)
    if replacement is not None:
        return f"use {replacement}"
    return f"{member} is internal to {CORE_PACKAGE}"


def meta_key_hint(key: str) -> str:
    """The "what to do instead" sentence for ``mot._meta[key]``."""
    info = META_KEYS_BY_NAME.get(key)
    if info is not None and info.replacement:
        return f"use {info.replacement}"
    return f"_meta is internal to {CORE_PACKAGE}"


def module_matches(module: str, prefixes: tuple[str, ...] | frozenset[str]) -> bool:
    """True when ``module`` is one of ``prefixes`` or a submodule of one."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)
