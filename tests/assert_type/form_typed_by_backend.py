"""Form: no narrowing: a thunk of `start_session("<backend>")` or of a backend class (`MelleaSession(OllamaModelBackend(), ctx)`) has that provider's `raw`.

Issue 17: the session, the functional API and the backend classes carry the backend's variant
to `mot.raw`, so a read needs no narrowing; a thunk that may be uncomputed adds `UnfilledRaw`.
Code written against the generic annotations (`MelleaSession[SimpleContext]`,
`ModelOutputThunk[str]`, `Backend`) takes every typed one and narrows as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import mellea
from mellea.backends.bedrock import create_bedrock_litellm_backend
from mellea.backends.huggingface import LocalHFBackend
from mellea.backends.litellm import LiteLLMBackend
from mellea.backends.ollama import OllamaModelBackend
from mellea.backends.openai import OpenAIBackend
from mellea.backends.watsonx import WatsonxAIBackend
from mellea.core import Backend, CBlock, Component, ComputedModelOutputThunk, Context, ModelOutputThunk, SamplingResult
from mellea.stdlib import functional
from mellea.stdlib.context import ChatContext, SimpleContext
from mellea.stdlib.sampling import RejectionSamplingStrategy
from mellea.stdlib.session import MelleaSession, start_session
from transformers.generation.utils import GenerateDecoderOnlyOutput
from typing_extensions import assert_type

if TYPE_CHECKING:
    from mellea.core.base import (
        AnyCompletionRaw,
        AnyRaw,
        CompletionModelOutputThunk,
        HuggingFaceRaw,
        LiteLLMCompletionRaw,
        LiteLLMModelResponseDict,
        LiteLLMRaw,
        LiteLLMStreamedChatDict,
        OllamaChatResponse,
        OllamaCompletionRaw,
        OllamaGenerateDict,
        OllamaRaw,
        OpenAIChatCompletionDict,
        OpenAICompletionRaw,
        OpenAIRaw,
        OpenAIStreamedChatDict,
        UnfilledRaw,
        WatsonxChatDict,
        WatsonxCompletionRaw,
        WatsonxRaw,
    )


def the_headline(q: str) -> None:
    m = start_session("ollama")
    assert_type(m.instruct(q).raw.response.message.content, str | None)
    assert_type(m.instruct(q).raw.response, OllamaChatResponse)
    assert_type(m.instruct(q).raw.provider, Literal["ollama"])


def each_backend_name_types_its_session() -> None:
    assert_type(start_session(), MelleaSession[SimpleContext, OllamaRaw])
    assert_type(start_session("ollama"), MelleaSession[SimpleContext, OllamaRaw])
    assert_type(start_session("openai"), MelleaSession[SimpleContext, OpenAIRaw])
    assert_type(start_session("litellm"), MelleaSession[SimpleContext, LiteLLMRaw])
    assert_type(start_session("watsonx"), MelleaSession[SimpleContext, WatsonxRaw])
    assert_type(start_session("hf"), MelleaSession[SimpleContext, HuggingFaceRaw])
    assert_type(mellea.start_session("openai"), MelleaSession[SimpleContext, OpenAIRaw])
    assert_type(start_session("openai", "gpt-4o", ChatContext()), MelleaSession[ChatContext, OpenAIRaw])
    assert_type(start_session("litellm", context_type="chat"), MelleaSession[ChatContext, LiteLLMRaw])
    assert_type(start_session(ctx=ChatContext()), MelleaSession[ChatContext, OllamaRaw])


def each_provider_payload_without_narrowing(q: str) -> None:
    assert_type(start_session().instruct(q).raw.response, OllamaChatResponse)
    assert_type(start_session("openai").instruct(q).raw.response, OpenAIChatCompletionDict | OpenAIStreamedChatDict)
    assert_type(start_session("litellm").instruct(q).raw.response, LiteLLMModelResponseDict | LiteLLMStreamedChatDict)
    assert_type(start_session("watsonx").instruct(q).raw.response, WatsonxChatDict | OpenAIStreamedChatDict)
    assert_type(start_session("hf").instruct(q).raw.response, GenerateDecoderOnlyOutput | None)


def each_backend_class_types_its_session() -> None:
    assert_type(MelleaSession(OllamaModelBackend(), SimpleContext()), MelleaSession[SimpleContext, OllamaRaw])
    assert_type(MelleaSession(OpenAIBackend(), SimpleContext()), MelleaSession[SimpleContext, OpenAIRaw])
    assert_type(MelleaSession(LiteLLMBackend(), ChatContext()), MelleaSession[ChatContext, LiteLLMRaw])
    assert_type(MelleaSession(WatsonxAIBackend(), SimpleContext()), MelleaSession[SimpleContext, WatsonxRaw])
    assert_type(MelleaSession(LocalHFBackend("m"), SimpleContext()), MelleaSession[SimpleContext, HuggingFaceRaw])
    assert_type(MelleaSession(create_bedrock_litellm_backend("m"), SimpleContext()), MelleaSession[SimpleContext, LiteLLMRaw])
    assert_type(MelleaSession(OllamaModelBackend()).instruct("q"), ComputedModelOutputThunk[str, OllamaRaw])
    # No context: mellea's overload types `self` as a session of SimpleContext.
    assert_type(MelleaSession(OllamaModelBackend()), MelleaSession[SimpleContext, OllamaRaw])


def session_calls_carry_the_variant(action: Component[int], obj: object, q: str) -> None:
    m = start_session("ollama")
    assert_type(m.instruct(q), ComputedModelOutputThunk[str, OllamaRaw])
    assert_type(m.act(action), ComputedModelOutputThunk[int, OllamaRaw])
    assert_type(m.query(obj, q), ComputedModelOutputThunk[Any, OllamaRaw])
    assert_type(m.transform(obj, q), ModelOutputThunk[Any, OllamaRaw | UnfilledRaw] | Any)
    assert_type(m.clone().instruct(q), ComputedModelOutputThunk[str, OllamaRaw])
    assert_type(m.backend, Backend[OllamaRaw])


def sampling_results_carry_the_variant(action: Component[int], q: str) -> None:
    m = start_session("openai")
    strategy = RejectionSamplingStrategy()
    result = m.instruct(q, strategy=strategy, return_sampling_results=True)
    assert_type(result, SamplingResult[str, OpenAIRaw])
    assert_type(result.result, ComputedModelOutputThunk[str, OpenAIRaw])
    # mellea stores `[]` for a `None` argument: the attributes are lists (len() and [0] are clean).
    assert_type(result.sample_generations, list[ComputedModelOutputThunk[str, OpenAIRaw]])
    assert_type(result.sample_generations[0].raw.provider, Literal["openai"])
    assert_type(len(result.sample_contexts) + len(result.sample_actions) + len(result.sample_validations), int)
    acted = m.act(action, strategy=strategy, return_sampling_results=True)
    assert_type(acted.result.raw, OpenAIRaw)


async def async_calls_computed_or_not(action: Component[int], obj: object, q: str) -> None:
    m = start_session("litellm")
    strategy = RejectionSamplingStrategy()
    assert_type(await m.aact(action, await_result=True), ComputedModelOutputThunk[int, LiteLLMRaw])
    assert_type(await m.aact(action, strategy=strategy), ComputedModelOutputThunk[int, LiteLLMRaw])
    assert_type(await m.aact(action), ModelOutputThunk[int, LiteLLMRaw | UnfilledRaw])
    assert_type(await m.aact(action, await_result=False), ModelOutputThunk[int, LiteLLMRaw | UnfilledRaw])
    sampled = await m.aact(action, strategy=strategy, return_sampling_results=True)
    assert_type(sampled, SamplingResult[int, LiteLLMRaw])
    assert_type(await m.ainstruct(q, await_result=True), ComputedModelOutputThunk[str, LiteLLMRaw])
    assert_type(await m.ainstruct(q, strategy=strategy), ComputedModelOutputThunk[str, LiteLLMRaw])
    assert_type(await m.ainstruct(q), ModelOutputThunk[str, LiteLLMRaw | UnfilledRaw])
    assert_type(await m.aquery(obj, q, await_result=True), ComputedModelOutputThunk[Any, LiteLLMRaw])
    assert_type(await m.aquery(obj, q), ModelOutputThunk[Any, LiteLLMRaw | UnfilledRaw])
    assert_type(await m.atransform(obj, q), ModelOutputThunk[Any, LiteLLMRaw | UnfilledRaw] | Any)


async def backend_classes_type_their_thunks(action: Component[int], ctx: Context) -> None:
    assert_type(
        await OllamaModelBackend().generate_from_context(action, ctx),
        tuple[ModelOutputThunk[int, OllamaRaw | UnfilledRaw], Context],
    )
    (chat, _) = await WatsonxAIBackend().generate_from_context(CBlock("2+2="), ctx)
    assert_type(chat.raw, WatsonxRaw | UnfilledRaw)
    assert_type(
        await OllamaModelBackend().generate_from_raw([action], ctx),
        list[CompletionModelOutputThunk[int, OllamaCompletionRaw | UnfilledRaw]],
    )
    for ollama_thunk in await OllamaModelBackend().generate_from_raw([CBlock("2+2=")], ctx):
        assert_type(ollama_thunk.raw, OllamaCompletionRaw | UnfilledRaw)
    for openai_thunk in await OpenAIBackend().generate_from_raw([CBlock("2+2=")], ctx):
        assert_type(openai_thunk.raw, OpenAICompletionRaw | UnfilledRaw)
    for litellm_thunk in await LiteLLMBackend().generate_from_raw([CBlock("2+2=")], ctx):
        assert_type(litellm_thunk.raw, LiteLLMCompletionRaw | UnfilledRaw)
    for watsonx_thunk in await WatsonxAIBackend().generate_from_raw([CBlock("2+2=")], ctx):
        assert_type(watsonx_thunk.raw, WatsonxCompletionRaw | UnfilledRaw)
    for hf_thunk in await LocalHFBackend("m").generate_from_raw([CBlock("2+2=")], ctx):
        assert_type(hf_thunk.raw, HuggingFaceRaw | UnfilledRaw)
    for thunk in await OllamaModelBackend().generate_from_raw([CBlock("2+2=")], ctx):
        if thunk.raw.provider == "ollama":
            assert_type(thunk.raw.response, OllamaGenerateDict)


async def the_functional_api_takes_the_backends_variant(action: Component[int], obj: object, ctx: SimpleContext) -> None:
    strategy = RejectionSamplingStrategy()
    assert_type(
        functional.instruct("q", ctx, OllamaModelBackend()),
        tuple[ComputedModelOutputThunk[str, OllamaRaw], SimpleContext],
    )
    assert_type(functional.act(action, ctx, OpenAIBackend()), tuple[ComputedModelOutputThunk[int, OpenAIRaw], SimpleContext])
    assert_type(functional.query(obj, "q", ctx, LiteLLMBackend()), tuple[ComputedModelOutputThunk[Any, LiteLLMRaw], SimpleContext])
    assert_type(
        functional.transform(obj, "t", ctx, WatsonxAIBackend()),
        tuple[ModelOutputThunk[Any, WatsonxRaw | UnfilledRaw] | Any, SimpleContext],
    )
    sampled = functional.instruct("q", ctx, LocalHFBackend("m"), strategy=strategy, return_sampling_results=True)
    assert_type(sampled, SamplingResult[str, HuggingFaceRaw])
    (computed, _) = await functional.aact(action, ctx, OllamaModelBackend(), await_result=True)
    assert_type(computed, ComputedModelOutputThunk[int, OllamaRaw])
    (uncomputed, _) = await functional.ainstruct("q", ctx, OllamaModelBackend())
    assert_type(uncomputed, ModelOutputThunk[str, OllamaRaw | UnfilledRaw])
    (through_session_backend, _) = functional.instruct("q", ctx, start_session("openai").backend)
    assert_type(through_session_backend.raw, OpenAIRaw)
    (through_generic_backend, _) = functional.instruct("q", ctx, _any_backend())
    assert_type(through_generic_backend.raw, AnyRaw)


# The generic half: annotations written before the variant existed take every typed value.


def _any_backend() -> Backend:
    return OllamaModelBackend()


def chat_content(mot: ModelOutputThunk[str]) -> str | None:
    assert_type(mot.raw, AnyRaw)
    if mot.raw.provider == "ollama":
        assert_type(mot.raw.response, OllamaChatResponse)
        return mot.raw.response.message.content
    if mot.raw.provider == "openai":
        assert_type(mot.raw.response, OpenAIChatCompletionDict | OpenAIStreamedChatDict)
        return None
    return None


def ask(m: MelleaSession[SimpleContext], q: str) -> ModelOutputThunk[str]:
    assert_type(m.instruct(q), ComputedModelOutputThunk[str, AnyRaw])
    mot = m.instruct(q)
    if mot.raw.provider == "watsonx":
        assert_type(mot.raw, WatsonxRaw)
    return m.instruct(q)


def any_context(m: MelleaSession[Any]) -> SamplingResult[str]:
    return m.instruct("q", strategy=RejectionSamplingStrategy(), return_sampling_results=True)


def generate(backend: Backend, ctx: Context) -> None:
    assert_type(backend, Backend[AnyRaw, AnyCompletionRaw])


async def generic_code_takes_typed_values(ctx: Context) -> None:
    ollama_session = start_session("ollama")
    chat_content(ollama_session.instruct("q"))
    chat_content(await ollama_session.ainstruct("q"))
    chat_content(MelleaSession(LocalHFBackend("m"), SimpleContext()).instruct("q"))
    ask(ollama_session, "q")
    ask(start_session("hf"), "q")
    ask(MelleaSession(WatsonxAIBackend(), SimpleContext()), "q")
    any_context(start_session("openai", ctx=ChatContext()))
    generate(OllamaModelBackend(), ctx)
    generate(ollama_session.backend, ctx)
    thunks: list[ModelOutputThunk[str]] = [start_session("openai").instruct("q"), start_session("hf").instruct("q")]
    assert_type(thunks[0].raw, AnyRaw)
    for completion in await OllamaModelBackend().generate_from_raw([CBlock("2+2=")], ctx):
        chat_content(completion)


def a_backend_name_that_is_not_one_literal(name: Literal["ollama", "openai"], q: str) -> None:
    m = start_session(name)
    assert_type(m, MelleaSession[SimpleContext, AnyRaw])
    assert_type(m, MelleaSession[SimpleContext])
    mot = m.instruct(q)
    if mot.raw.provider == "openai":
        assert_type(mot.raw.response, OpenAIChatCompletionDict | OpenAIStreamedChatDict)
    elif mot.raw.provider == "ollama":
        assert_type(mot.raw.response.message.content, str | None)
