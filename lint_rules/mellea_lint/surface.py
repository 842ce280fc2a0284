"""The ModelOutputThunk surface of mellea 0.8.0: the single table every checker reads.

The stubs' tests, the mypy plugin, the lint rules, the autofix and the README all
derive their names, replacements and providers from here. Adding a provider or a
private member is one edit in this module; ``tests/surface/`` compares it with the
installed mellea runtime so that a new release that drifts fails loudly.

Stdlib only: the mypy plugin and the flake8 plugin import this at start-up.
"""

# No `from __future__ import annotations`: NamedTuple compiles string annotations at import,
# about a millisecond of every check's start-up (bench/bench_startup.py).
import functools
import re
from typing import Final, Literal, NamedTuple

MELLEA_VERSION: Final = "0.8.0"
"""The mellea release this table describes (and the tests pin)."""

SUPPORTED_MELLEA: Final = ">=0.8,<0.9"
"""The mellea releases the stubs describe: every package's metadata states this range, and
``mellea-lint`` and ``mellea_mypy`` say so in one line when the mellea in use is outside it."""

Release = Literal["0.6", "0.7", "0.8"]
"""A mellea minor release (``major.minor``) that this table has facts for."""

RELEASES: Final[tuple[Release, ...]] = ("0.6", "0.7", "0.8")
"""Every release the table describes, oldest first; the last is ``MELLEA_VERSION``'s minor."""

ALL_RELEASES: Final = frozenset(RELEASES)
SINCE_0_7: Final = frozenset({"0.7", "0.8"})
"""From the 0.7.0 reshaping on: ``raw``, ``_call``/``_gen``, the thunk no longer a CBlock."""
ONLY_0_8: Final = frozenset({"0.8"})
UNTIL_0_6: Final = frozenset({"0.6"})
"""Removed by the 0.7.0 reshaping (the flat fields and the ``_meta`` payload keys)."""

CORE_PACKAGE: Final = "mellea.core"
BASE_MODULE: Final = "mellea.core.base"

THUNK_CLASS: Final = "mellea.core.base.ModelOutputThunk"
COMPUTED_THUNK_CLASS: Final = "mellea.core.base.ComputedModelOutputThunk"
COMPLETION_THUNK_CLASS: Final = "mellea.core.base.CompletionModelOutputThunk"
"""Stub-only: what ``Backend.generate_from_raw`` returns; it redeclares ``raw`` (``AnyCompletionRaw``)."""
RAW_CLASS: Final = "mellea.core.base.RawProviderResponse"
GENERATION_METADATA_CLASS: Final = "mellea.core.base.GenerationMetadata"
"""``mot.generation``: its ``provider`` is written from the same backend literals as ``raw.provider``."""
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


class PrivateMember(NamedTuple):
    """A private member of ModelOutputThunk, current (0.8.0) or legacy (<= 0.6.0).

    Reads and writes get separate advice, because the public read of a field is often a
    read-only property (``generate_log``, ``error``, ``cancelled``):

    * ``replacement``: the public spelling a *read* should use (``None``: there is none).
      ``fix`` is the attribute text an autofix may put in place of ``._name`` on a read.
    * ``write``: the public way to *set* it (``None``: there is no public setter); when it
      assigns a member, ``setter`` names that member (``tests/surface`` checks on the runtime
      that it is a settable property or a plain attribute, never a read-only property).
    * ``producer_writable``: backends and test doubles must set it in 0.8.0 (there is no
      other way); producer code may write it, and read it where it has no public spelling.
    * ``value_when_uncomputed``: the public read returns ``None`` until the thunk is computed,
      so a producer filling the thunk (a streaming callback) reads the private field.
    * ``moved_to`` / ``instead`` (legacy members): where the 0.7.0 reshaping moved it, and the
      public 0.8.0 way to do what code did with it (``None``: nothing public).

    ``unique``: no other mellea class has a member of this name, so its presence is
    evidence that the receiver is a thunk. ``releases``: the mellea minors in which
    ModelOutputThunk has it.
    """

    name: str
    kind: MemberKind
    releases: frozenset[str]
    replacement: str | None = None
    fix: str | None = None
    producer_writable: bool = False
    unique: bool = True
    note: str = ""
    write: str | None = None
    setter: str | None = None
    value_when_uncomputed: bool = False
    moved_to: str | None = None
    instead: str | None = None


def _legacy(name: str, moved_to: str, instead: str | None = None, *, unique: bool = True) -> PrivateMember:
    """A flat field of mellea <= 0.6.0 that the 0.7.0 reshaping moved into ``_call``/``_gen``."""
    return PrivateMember(name, "legacy-field", UNTIL_0_6, unique=unique, moved_to=moved_to, instead=instead)


PRIVATE_MEMBERS: Final[tuple[PrivateMember, ...]] = (
    # Fields of 0.8.0 with a public read.
    PrivateMember(
        "_underlying_value", "field", ALL_RELEASES, "mot.value", ".value", producer_writable=True,
        write="assign mot.value (its setter writes the text and leaves is_computed() as it was)",
        setter="value", value_when_uncomputed=True,
    ),
    PrivateMember("_computed", "field", ALL_RELEASES, "mot.is_computed()", ".is_computed()", producer_writable=True),
    PrivateMember(
        "_cancelled", "field", ALL_RELEASES, "mot.cancelled", ".cancelled", producer_writable=True,
        write="await mot.cancel_generation() (it stops the generation and sets mot.cancelled)",
    ),
    PrivateMember("_error", "field", SINCE_0_7, "mot.error", ".error", producer_writable=True, unique=False),
    PrivateMember("_generate_log", "field", ALL_RELEASES, "mot.generate_log", ".generate_log", producer_writable=True),
    # Fields of 0.8.0 without one.
    PrivateMember(
        "_meta", "field", ALL_RELEASES, None, producer_writable=True, unique=False,
        note="also a CBlock's metadata dict; provider payloads moved to mot.raw",
    ),
    PrivateMember(
        "_call", "field", SINCE_0_7, None, producer_writable=True,
        note="originating-call data (_CallInfo: action, context, model_options, generation_id)",
    ),
    PrivateMember(
        "_gen", "field", SINCE_0_7, None, producer_writable=True,
        note="in-flight generation machinery (_GenerationState)",
    ),
    PrivateMember("_aiter_started", "field", ONLY_0_8, None, note="guards a second async iterator"),
    # Methods of 0.8.0.
    PrivateMember("_copy_from", "method", ALL_RELEASES, None, note="hook result replacement"),
    PrivateMember("_elapsed_ms", "method", ONLY_0_8, None),
    PrivateMember("_record_ttfb", "method", ALL_RELEASES, None),
    PrivateMember("_emit_event", "method", ONLY_0_8, None),
    PrivateMember("_set_parsed_repr", "method", ONLY_0_8, None),
    PrivateMember("_INVARIANT_GUARDS", "class-field", ONLY_0_8, None, note="ComputedModelOutputThunk only"),
    # Flat fields of mellea <= 0.6.0, gone in 0.8.0.
    PrivateMember(
        "_thinking", "legacy-field", UNTIL_0_6, "mot.thinking", ".thinking",
        write="assign mot.thinking", setter="thinking", moved_to="mot.thinking",
    ),
    _legacy("_action", "mot._call.action", "keep the action you passed to the call"),
    _legacy("_context", "mot._call.context", "keep the context the call returned", unique=False),
    _legacy("_model_options", "mot._call.model_options", "keep the model_options you passed to the call", unique=False),
    _legacy("_async_queue", "mot._gen.queue", "consume the stream with await mot.astream()"),
    _legacy("_chunk_size", "mot._gen.chunk_size"),
    _legacy("_generate", "mot._gen.generate", "await mot.cancel_generation() stops it, await mot.avalue() waits for it"),
    _legacy("_generate_type", "mot._gen.generate_type"),
    _legacy("_generate_extra", "mot._gen.generate_extra"),
    _legacy("_cancel_hook", "mot._gen.cancel_hook", "await mot.cancel_generation() runs it"),
    _legacy("_process", "mot._gen.process", unique=False),
    _legacy("_post_process", "mot._gen.post_process"),
    _legacy("_on_computed", "mot._gen.on_computed"),
    _legacy("_start", "mot._gen.start", "mot.generation.ttfb_ms has the time to first byte", unique=False),
    _legacy("_first_chunk_received", "mot._gen.first_chunk_received"),
)

MEMBERS_BY_NAME: Final = {m.name: m for m in PRIVATE_MEMBERS}

META_MEMBER: Final = "_meta"
"""The private mapping whose keys ``META_KEYS`` describes."""

CURRENT_PRIVATE_FIELDS: Final = frozenset(m.name for m in PRIVATE_MEMBERS if m.kind == "field")
CURRENT_PRIVATE_METHODS: Final = frozenset(m.name for m in PRIVATE_MEMBERS if m.kind == "method")


class MetaKey(NamedTuple):
    """A key that mellea (0.6.0 and older, or litellm in 0.8.0) stores in ``mot._meta``.

    ``replacement`` is the public read (``None``: there is none); ``write`` is where a
    producer puts that data in 0.8.0 (``None``: nowhere public); ``note`` says why a key
    without a replacement is gone or still private.
    """

    key: str
    releases: frozenset[str]
    """The mellea minors whose own code writes this key."""
    replacement: str | None
    fix: str | None = None
    unique: bool = True
    """No other class's ``_meta`` uses this key: ``x._meta[key]`` is evidence that ``x`` is a thunk."""
    write: str | None = None
    note: str = ""


_RAW_WRITE: Final = "set mot.raw = RawProviderResponse(provider=..., response=...)"
_CHUNKS_WRITE: Final = "append to mot.raw.streamed_chunks"
_USAGE_WRITE: Final = "set mot.generation.usage"

META_KEYS: Final[tuple[MetaKey, ...]] = (
    MetaKey("chat_response", UNTIL_0_6, PROVIDER_DOC.format(provider="ollama"), ".raw.response", write=_RAW_WRITE),
    MetaKey(
        "oai_chat_response", UNTIL_0_6, PROVIDER_DOC.format(provider="openai") + " (or 'watsonx')", ".raw.response",
        write=_RAW_WRITE,
    ),
    MetaKey(
        "oai_chat_response_choice", UNTIL_0_6, PROVIDER_DOC.format(provider="openai") + " (or 'watsonx')",
        ".raw.response", write=_RAW_WRITE,
    ),
    MetaKey("oai_chat_response_streamed", UNTIL_0_6, "mot.raw.streamed_chunks", ".raw.streamed_chunks", write=_CHUNKS_WRITE),
    MetaKey("litellm_chat_response_streamed", UNTIL_0_6, "mot.raw.streamed_chunks", ".raw.streamed_chunks", write=_CHUNKS_WRITE),
    MetaKey("litellm_full_response", UNTIL_0_6, PROVIDER_DOC.format(provider="litellm"), ".raw.response", write=_RAW_WRITE),
    MetaKey("litellm_chat_response", UNTIL_0_6, PROVIDER_DOC.format(provider="litellm"), ".raw.response", write=_RAW_WRITE),
    MetaKey("hf_output", UNTIL_0_6, PROVIDER_DOC.format(provider="huggingface"), ".raw.response", write=_RAW_WRITE),
    MetaKey("usage", UNTIL_0_6, "mot.generation.usage", ".generation.usage", unique=False, write=_USAGE_WRITE),
    MetaKey("oai_streaming_usage", UNTIL_0_6, "mot.generation.usage", ".generation.usage", write=_USAGE_WRITE),
    MetaKey("litellm_streaming_usage", UNTIL_0_6, "mot.generation.usage", ".generation.usage", write=_USAGE_WRITE),
    MetaKey("_telemetry_span", UNTIL_0_6, None, note="spans live on the OpenTelemetry context"),
    MetaKey("logprobs", SINCE_0_7, None, unique=False, note="litellm's backend keeps it in _meta"),
    MetaKey("additionalModelResponseFields", SINCE_0_7, None, note="litellm's backend keeps it in _meta"),
)

META_KEYS_BY_NAME: Final = {k.key: k for k in META_KEYS}

PUBLIC_FIELDS: Final = frozenset({"cache", "parsed_repr", "tool_calls", "thinking", "generation", "raw"})
PUBLIC_PROPERTIES: Final = frozenset({"value", "cancelled", "error", "generate_log"})
PUBLIC_METHODS: Final = frozenset(
    {"is_computed", "avalue", "astream", "cancel_generation", "aclose"}
)
PUBLIC_MEMBERS: Final = PUBLIC_FIELDS | PUBLIC_PROPERTIES | PUBLIC_METHODS

PUBLIC_MEMBER_RELEASES: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(
        ("cache", "parsed_repr", "tool_calls", "generation", "value", "cancelled",
         "is_computed", "avalue", "astream", "cancel_generation"),
        ALL_RELEASES,
    ),
    **dict.fromkeys(("raw", "thinking", "error", "generate_log"), SINCE_0_7),
    "aclose": ONLY_0_8,
}
"""The mellea minors in which each public thunk member exists (0.6: ``cache`` via CBlock)."""

RAW_FIELDS: Final = ("provider", "response", "streamed_chunks")

DICT_MUTATORS: Final = frozenset({"update", "pop", "popitem", "clear", "setdefault", "__setitem__", "__delitem__"})
IN_PLACE_METHODS: Final = DICT_MUTATORS | frozenset(
    {"append", "extend", "insert", "remove", "sort", "reverse", "add", "discard", "__iadd__"}
)
"""In-place methods of the builtin containers: ``x._meta["k"].append(...)`` writes through the read."""

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


class Provider(NamedTuple):
    """One value of ``mot.raw.provider`` and the stub-only variant classes that carry it:
    ``variant`` on thunks from chat-shaped calls, ``completion_variant`` on thunks from
    ``Backend.generate_from_raw`` (the stub's ``CompletionModelOutputThunk``)."""

    literal: str
    variant: str
    response: str
    streamed_chunk: str | None
    completion_variant: str
    completion_response: str
    releases: frozenset[str] = SINCE_0_7
    """The mellea minors whose backend writes this literal (``raw`` is new in 0.7)."""
    backend_class: str = ""
    """The mellea backend class that writes this literal; its stub fixes its thunks' ``raw``."""
    session_names: tuple[str, ...] = ()
    """The ``start_session(backend_name=...)`` values that build ``backend_class``."""


PROVIDERS: Final[tuple[Provider, ...]] = (
    Provider(
        "openai", "OpenAIRaw", "OpenAIChatCompletionDict | OpenAIStreamedChatDict", "OpenAIChunkChoiceDict",
        "OpenAICompletionRaw", "OpenAICompletionChoiceDict",
        backend_class="mellea.backends.openai.OpenAIBackend", session_names=("openai",),
    ),
    Provider(
        "ollama", "OllamaRaw", "OllamaChatResponse", None, "OllamaCompletionRaw", "OllamaGenerateDict",
        backend_class="mellea.backends.ollama.OllamaModelBackend", session_names=("ollama",),
    ),
    Provider(
        "litellm", "LiteLLMRaw", "LiteLLMModelResponseDict | LiteLLMStreamedChatDict", "LiteLLMChunkChoiceDict",
        "LiteLLMCompletionRaw", "LiteLLMTextChoiceDict",
        backend_class="mellea.backends.litellm.LiteLLMBackend", session_names=("litellm",),
    ),
    Provider(
        "watsonx", "WatsonxRaw", "WatsonxChatDict | OpenAIStreamedChatDict", "WatsonxChunkChoiceDict",
        "WatsonxCompletionRaw", "WatsonxGenerationResultDict",
        backend_class="mellea.backends.watsonx.WatsonxAIBackend", session_names=("watsonx",),
    ),
    Provider(
        "huggingface", "HuggingFaceRaw", "transformers.GenerateDecoderOnlyOutput | None", None,
        "HuggingFaceRaw", "transformers.GenerateDecoderOnlyOutput | None",
        backend_class="mellea.backends.huggingface.LocalHFBackend", session_names=("hf", "huggingface"),
    ),
)

PROVIDER_LITERALS: Final = tuple(p.literal for p in PROVIDERS)
UNFILLED_VARIANT: Final = "UnfilledRaw"
"""The variant with ``provider: None``: post-processing never ran."""
PROVIDER_RAW_BASE: Final = "ProviderRaw"
"""The stubs' generic base of the variants: it declares the ``provider`` property they read."""

# The stubs that carry a backend's provider to the thunks it returns, generated from mellea's
# source by tools/backend_stubs.py (stubgen, then the rewrites below); every other module of
# mellea is read from the runtime package (the stub distribution is partial).
SESSION_MODULE: Final = "mellea.stdlib.session"
FUNCTIONAL_MODULE: Final = "mellea.stdlib.functional"
SAMPLING_MODULE: Final = "mellea.core.sampling"
FORMATTER_BACKEND_MODULE: Final = "mellea.backends.backend"
SESSION_CLASS: Final = f"{SESSION_MODULE}.MelleaSession"
RAW_CARRIER_CLASSES: Final = (SESSION_CLASS, f"{SAMPLING_MODULE}.SamplingResult")
"""Classes generic in their thunks' ``raw`` type (stub-only): a session (from its backend),
and a ``SamplingResult`` (from the session or function that returns it)."""
GENERATED_STUB_MODULES: Final = (
    SAMPLING_MODULE,
    FORMATTER_BACKEND_MODULE,
    *(p.backend_class.rpartition(".")[0] for p in PROVIDERS),
    FUNCTIONAL_MODULE,
    SESSION_MODULE,
)

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


BACKEND_MODULES: Final = ("mellea.backends", "mellea.core.backend")
"""Where mellea defines its backends: a class deriving from one of their ``...Backend``
classes is producer code (it builds thunks and must set their private state)."""
BACKEND_BASE_CLASSES: Final = frozenset({"Backend", "FormatterBackend", "AdapterMixin"})
"""mellea's abstract backend classes (``AdapterMixin`` derives from ``Backend``), wherever
mellea re-exports them (``mellea.core``, ``mellea.backends``)."""

GENERATION_CALLBACKS: Final = ("process", "post_process", "on_computed")
"""``mot._gen`` fields holding the callbacks a backend registers; a function assigned there
(or, before 0.7.0, to ``mot._process`` / ``_post_process`` / ``_on_computed``) is producer code."""


def is_backend_class(module: str, name: str) -> bool:
    """True for a mellea backend class ``module.name`` (abstract or concrete)."""
    if name in BACKEND_BASE_CLASSES and module_matches(module, ("mellea",)):
        return True
    return module_matches(module, BACKEND_MODULES) and name.endswith("Backend")


def is_callback_field(owner_attr: str | None, attr: str) -> bool:
    """``x._gen.<attr>`` (``owner_attr == "_gen"``) or legacy ``x._<attr>`` holds a backend callback."""
    if owner_attr == "_gen":
        return attr in GENERATION_CALLBACKS
    return attr.startswith("_") and attr[1:] in GENERATION_CALLBACKS


PROVIDER_OWNERS: Final = ("raw", "generation")
"""``mot.raw.provider`` and ``mot.generation.provider`` hold a provider literal."""


def provider_hint(literal: str, known: frozenset[str] | tuple[str, ...]) -> str | None:
    """``None`` when ``literal`` may be a provider, else a did-you-mean or the list of known ones.

    A literal close to a known provider is a typo. One close to none is a third-party backend's
    own provider unless the project declared its extra providers (``known`` then holds more than
    mellea's own): the list is closed and anything else is reported. So a project with its own
    backend is not turned red by default, and one that declares it gets the strict check."""
    if literal in known:
        return None
    import difflib  # lazy: only a misspelled provider pays for it

    close = difflib.get_close_matches(literal, sorted(known), n=1, cutoff=0.6)
    if close:
        return f'; did you mean "{close[0]}"?'
    if set(known) == set(PROVIDER_LITERALS):
        return None
    return f" (known: {', '.join(sorted(known))})"


def minor_release(version: str) -> str:
    """``"0.8"`` for ``"0.8.0"`` / ``"0.8.1rc1"``: the key the ``releases`` sets use."""
    return ".".join(version.split(".")[:2])


def removed_in(releases: frozenset[str]) -> str | None:
    """The first release after the last one in ``releases`` (``None``: still in the newest)."""
    last = max(RELEASES.index(r) for r in releases if r in RELEASES)
    return RELEASES[last + 1] if last + 1 < len(RELEASES) else None


_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


def _version_tuple(version: str) -> tuple[int, ...]:
    """The leading release numbers (``"0.8.1rc1"`` -> ``(0, 8, 1)``); ``()`` when there are none."""
    match = _NUMBERS.match(version.strip().lstrip("vV"))
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def _bounds() -> tuple[tuple[int, ...], tuple[int, ...]]:
    lower, upper = SUPPORTED_MELLEA.split(",")
    return _version_tuple(lower.removeprefix(">=")), _version_tuple(upper.removeprefix("<"))


def is_supported(version: str) -> bool:
    """True when ``version`` (``"0.8.0"``, ``"0.8"``) lies in ``SUPPORTED_MELLEA``."""
    lower, upper = _bounds()
    found = _version_tuple(version)
    return bool(found) and lower <= found < upper


def table_release(version: str) -> str:
    """The release of this table whose facts apply to ``version``: its own minor when the table
    has it, else the nearest one (the oldest below the table, the newest above it)."""
    minor = minor_release(version)
    if minor in RELEASES:
        return minor
    return RELEASES[0] if _version_tuple(version) < _version_tuple(RELEASES[0]) else RELEASES[-1]


_DIST_INFO = re.compile(r"mellea-([^-]+)\.(?:dist|egg)-info", re.IGNORECASE)


@functools.cache
def installed_mellea() -> str | None:
    """The installed mellea's version (``None``: not installed); read once per process.

    The version in the name of the first ``mellea-<version>.dist-info`` folder on ``sys.path``,
    where ``importlib.metadata`` finds it too: that module imports ``email`` (~35 ms), which the
    mypy plugin's start-up must not pay (tests/hardness/test_plugin_costs.py).
    """
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a missing folder
            continue
        for name in names:
            # the prefix test first: site-packages has hundreds of names
            match = name[:7].lower() == "mellea-" and _DIST_INFO.fullmatch(name)
            if match:
                return match.group(1)
    return None


class MelleaInUse(NamedTuple):
    """The mellea release that hints and fixes follow, and where that answer came from."""

    version: str
    source: Literal["configured", "installed", "assumed"]

    @property
    def release(self) -> str:
        return table_release(self.version)

    def out_of_range_line(self, tool: str, consequence: str = "") -> str | None:
        """The one line a tool prints when this release is outside ``SUPPORTED_MELLEA``
        (``consequence``: what that tool does about it, appended after a semicolon)."""
        if is_supported(self.version):
            return None
        line = (
            f"{tool}: warning: mellea {self.version} is {self.source}, but mellea-typing supports "
            f"mellea {SUPPORTED_MELLEA}: its stubs and checks describe mellea {MELLEA_VERSION}"
        )
        return f"{line}; {consequence}" if consequence else line


def mellea_in_use(configured: str | None) -> MelleaInUse:
    """The configured release if there is one (pre-commit has no mellea), else the installed
    one, else the newest release of the table."""
    if configured is not None:
        return MelleaInUse(configured, "configured")
    installed = installed_mellea()
    if installed is not None:
        return MelleaInUse(installed, "installed")
    return MelleaInUse(RELEASES[-1], "assumed")


def check_release_setting(value: object) -> str:
    """A ``mellea-version`` setting, validated: a release of this table (``"0.7"``, ``"0.7.0"``)."""
    if not isinstance(value, str) or not _version_tuple(value) or minor_release(value) not in RELEASES:
        raise ValueError(f"must be a mellea release such as {RELEASES[-1]!r} (known: {', '.join(RELEASES)}), got {value!r}")
    return value


def public_members_in(release: str) -> frozenset[str]:
    """The public thunk members that exist in ``release`` (a minor of ``RELEASES``)."""
    return frozenset(name for name, where in PUBLIC_MEMBER_RELEASES.items() if release in where)


def private_members_in(release: str) -> frozenset[str]:
    """The private thunk members that exist in ``release``."""
    return frozenset(m.name for m in PRIVATE_MEMBERS if release in m.releases)


def meta_keys_in(release: str) -> frozenset[str]:
    """The ``_meta`` keys that mellea's own code writes in ``release``."""
    return frozenset(k.key for k in META_KEYS if release in k.releases)


def providers_in(release: str) -> tuple[str, ...]:
    """The ``raw.provider`` literals that the backends of ``release`` write."""
    return tuple(p.literal for p in PROVIDERS if release in p.releases)


def fix_target(fix: str) -> str:
    """The public thunk member a fix text starts with (``".generation.usage"`` -> ``generation``)."""
    return re.split(r"[.(\[]", fix.lstrip("."), maxsplit=1)[0]


def fix_exists_in(fix: str, release: str) -> bool:
    """True when the public member a fix rewrites to exists in ``release``."""
    return fix_target(fix) in public_members_in(release)


NEWEST: Final = RELEASES[-1]
"""The release hints and fixes follow when the caller names none (``MELLEA_VERSION``'s minor)."""

_PUBLIC_NAME = re.compile(r"\bmot\.([A-Za-z_]\w*)")


def _first(releases: frozenset[str]) -> str:
    return min((r for r in releases if r in RELEASES), key=RELEASES.index)


def _later(release: str, than: str) -> bool:
    return RELEASES.index(table_release(release)) > RELEASES.index(than)


def missing_public(text: str, release: str) -> list[str]:
    """The public thunk members that ``text`` names (``mot.<name>``) and ``release`` lacks."""
    return [
        name for name in _PUBLIC_NAME.findall(text)
        if name in PUBLIC_MEMBER_RELEASES and release not in PUBLIC_MEMBER_RELEASES[name]
    ]


def _in_release(advice: str, release: str, what: str) -> str:
    """``advice`` when every public member it names exists in ``release``. Otherwise that release
    has no public ``what``: the advice is given for the release it arrives in, and the access is
    kept (its finding suppressed) until the upgrade, which then reports it again with the fix."""
    missing = missing_public(advice, release)
    if not missing:
        return advice
    later = RELEASES[RELEASES.index(release) + 1:]
    arrival = next((r for r in later if not missing_public(advice, r)), None)
    where = f" (from {arrival} on: {advice})" if arrival else ""
    return f"mellea {release} has no public {what}{where}; keep it, with the finding suppressed, until you upgrade"


def has_public_read(info: PrivateMember | MetaKey, release: str = NEWEST) -> bool:
    """The public read that replaces ``info`` exists in ``release``: a read of it is MOT001
    (with the fix) there, else MOT002 (nothing public to move to yet)."""
    return info.replacement is not None and not missing_public(info.replacement, release)


def _absent(releases: frozenset[str], release: str) -> str | None:
    """Why a member (or key) with ``releases`` is not in ``release``; ``None``: it is."""
    if release in releases:
        return None
    if _later(_first(releases), release):
        return f"not in mellea {release} (added in {_first(releases)})"
    return f"removed in mellea {removed_in(releases)}"


def _migration(info: PrivateMember, release: str) -> str:
    """What a legacy member became (or becomes) and the public way to do the same in ``release``."""
    if info.replacement is not None:
        return _in_release(f"use {info.replacement}", release, "read")
    if release in info.releases:
        text = f"internal to {CORE_PACKAGE} (mellea {removed_in(info.releases)} moves it to {info.moved_to})"
    else:
        text = f"moved to {info.moved_to} (internal to {CORE_PACKAGE})"
    return f"{text}; {_in_release(info.instead, release, 'replacement')}" if info.instead else (
        f"{text}, no public replacement"
    )


def _member_hint(member: str, release: str, write: bool) -> tuple[PrivateMember | None, str | None]:
    """The member's table entry, and the whole hint when the member is unknown, not yet in
    ``release``, or a legacy one (reads and writes without a setter get the migration)."""
    info = MEMBERS_BY_NAME.get(member)
    if info is None:
        return None, f"{member} is internal to {CORE_PACKAGE}"
    absent = _absent(info.releases, release)
    if absent is not None and not _later(release, _first(info.releases)):
        return info, absent
    if info.moved_to is not None and not (write and info.write is not None):
        return info, (f"{absent}: " if absent else "") + _migration(info, release)
    return info, None


def replacement_hint(member: str, release: str = NEWEST) -> str:
    """The "what to do instead" sentence for a *read* (or call) of a private thunk member,
    naming only public members that exist in ``release``."""
    info, hint = _member_hint(member, release, write=False)
    if hint is not None or info is None:
        return hint or ""
    if info.replacement is not None:
        return _in_release(f"use {info.replacement}", release, "read")
    return f"{member} is internal to {CORE_PACKAGE}"


def write_hint(member: str, release: str = NEWEST, *, augmented: bool = False) -> str:
    """The "what to do instead" sentence for a *write* (or delete) of a private thunk member.

    Never names a read-only property, nor a member ``release`` lacks: a member without a
    public setter says so, and ``needs_producer_setting`` tells the checker to add its own
    producer setting. An augmented write (``+=``) of a member whose public read is ``None``
    until the thunk is computed is a producer filling it: the public spelling would read ``None``."""
    info, hint = _member_hint(member, release, write=True)
    if hint is not None or info is None:
        return hint or ""
    absent = _absent(info.releases, release)
    prefix = f"{absent}: " if absent else ""
    if augmented and info.value_when_uncomputed:
        return _in_release(
            f"{info.write} once the thunk is computed ({info.replacement} is None before: "
            f"a producer filling it extends {member})", release, "setter",
        )
    if info.write is not None:
        return prefix + _in_release(info.write, release, "setter")
    if info.producer_writable:
        read_only = ""
        if info.replacement is not None and has_public_read(info, release):
            read_only = f" ({info.replacement} only reads it)" if info.replacement.endswith(")") else (
                f" ({info.replacement} is read-only)"
            )
        return f"there is no public setter{read_only}"
    return f"{member} is internal to {CORE_PACKAGE}"


def producer_owns(info: PrivateMember, release: str = NEWEST) -> bool:
    """Producer code (backends, test doubles) sets this member in ``release``: a field that is
    producer-writable, or a legacy flat field in a release that still has it (0.6 backends set
    ``_process``, ``_thinking``, ...), so its writes there are correct producer code."""
    return release in info.releases and (info.producer_writable or info.moved_to is not None)


def needs_producer_setting(
    member: str, key: str | None = None, release: str = NEWEST, *, augmented: bool = False
) -> bool:
    """True when only producer code may write this (no public setter, or ``+=`` of a value
    that reads ``None`` until computed): the message then names the checker's producer setting."""
    info = MEMBERS_BY_NAME.get(member)
    if info is None or not producer_owns(info, release):
        return False
    if augmented and info.value_when_uncomputed:
        return True
    if info.write is not None and not missing_public(info.write, release):
        return False
    return key is None or meta_key_write_hint(key, release) is None


def meta_key_hint(key: str, release: str = NEWEST) -> str:
    """The "what to do instead" sentence for a read of ``mot._meta[key]`` in ``release``."""
    info = META_KEYS_BY_NAME.get(key)
    internal = f"_meta is internal to {CORE_PACKAGE}"
    if info is None or _later(_first(info.releases), release):
        return internal  # a key mellea does not write (yet)
    if info.replacement:
        return _in_release(f"use {info.replacement}", release, "read")
    if not info.note:
        return internal
    if release in info.releases:
        gone = removed_in(info.releases)
        return f"{internal} ({info.note})" if gone is None else f"{internal} (removed in mellea {gone}: {info.note})"
    return f"removed in mellea {removed_in(info.releases)}: {info.note}"


def meta_key_write_hint(key: str, release: str = NEWEST) -> str | None:
    """Where a producer puts the data of a ``_meta`` key that ``release`` no longer has
    (``None``: not such a key; mellea's own code writes it in ``release``, or a later one)."""
    info = META_KEYS_BY_NAME.get(key)
    if info is None or not _later(release, max(info.releases, key=RELEASES.index)):
        return None
    return f"removed in mellea {removed_in(info.releases)}: " + _in_release(info.write or info.note, release, "setter")


def module_matches(module: str, prefixes: tuple[str, ...] | frozenset[str]) -> bool:
    """True when ``module`` is one of ``prefixes`` or a submodule of one."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)
