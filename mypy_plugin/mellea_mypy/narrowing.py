"""Narrowing of ``mot.raw`` that mypy's own rules miss, and provider-literal checks.

Class patterns: for ``case RawProviderResponse(provider="ollama")`` mypy narrows
the subject to every ``RawProviderResponse`` subclass, because a keyword
sub-pattern never narrows the subject. mypy checks each ``case`` pattern twice
(once to infer capture types, once to narrow), and evaluates the class reference
afresh each time. Pointing the pattern's class reference at the provider's
stub-only variant (``OllamaRaw``) before the narrowing pass makes mypy narrow the
subject and bind ``response=resp`` exactly as for ``case OllamaRaw()``. The
runtime meaning is unchanged: mypy never executes the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from mellea_lint import surface
from mypy.nodes import MemberExpr, Node, TypeAlias, TypeInfo
from mypy.patterns import ClassPattern
from mypy.plugin import AttributeContext, CheckerPluginInterface
from mypy.typeops import make_simplified_union
from mypy.types import (
    AnyType,
    Instance,
    LiteralType,
    Type,
    TypeOfAny,
    flatten_nested_unions,
    get_proper_type,
)

from . import errorcodes, fullnames
from .syntax_index import ProviderLiteral, SyntaxIndex

Lookup = Callable[[str], TypeInfo | TypeAlias | None]


def variant_fullname(literal: ProviderLiteral, extra_providers: Mapping[str, str]) -> str | None:
    """The stub-only class a ``provider`` value narrows ``raw`` to, if any."""
    if literal is None:
        return fullnames.UNFILLED_VARIANT
    if literal in fullnames.VARIANT_BY_PROVIDER:
        return fullnames.VARIANT_BY_PROVIDER[literal]
    if literal in extra_providers:
        return fullnames.CUSTOM_VARIANT
    return None


def retarget_class_patterns(index: SyntaxIndex, lookup: Lookup, extra_providers: Mapping[str, str]) -> None:
    """Point ``RawProviderResponse(provider=<literal>)`` patterns at the literal's variant."""
    for pattern, literal in {cp: lit for cp, lit in index.provider_patterns.values()}.items():
        ref = pattern.class_ref
        if not (isinstance(ref.node, TypeInfo) and ref.node.fullname == fullnames.RAW_CLASS):
            continue
        target = variant_fullname(literal, extra_providers)
        info = lookup(target) if target else None
        if isinstance(info, TypeInfo):  # absent without the stubs: nothing to narrow to
            ref.node = info
            ref.fullname = info.fullname


def misspelled_pattern_literals(index: SyntaxIndex) -> Iterable[tuple[str, ClassPattern]]:
    """Class patterns on ``RawProviderResponse`` whose provider literal is unknown."""
    for cp, literal in index.provider_patterns.values():
        if literal is not None and _is_raw_pattern(cp):
            yield literal, cp


def _is_raw_pattern(cp: ClassPattern) -> bool:
    return isinstance(cp.class_ref.node, TypeInfo) and cp.class_ref.node.fullname in fullnames.RAW_CLASSES


def check_provider_literals(
    api: CheckerPluginInterface, index: SyntaxIndex, member: MemberExpr, known: frozenset[str]
) -> None:
    for literal, context in index.provider_literals.get(member, ()):
        report_unknown_provider(api, literal, context, known)


def report_unknown_provider(
    api: CheckerPluginInterface, literal: str, context: Node, known: frozenset[str]
) -> None:
    hint = surface.provider_hint(literal, known)
    if hint is not None:
        errorcodes.error_provider(api, literal, hint, context)


def raw_with_extra_providers(
    ctx: AttributeContext, lookup: Lookup, extra_providers: Mapping[str, str]
) -> Type:
    """The declared ``raw`` (``AnyRaw``, or ``AnyCompletionRaw`` on a ``generate_from_raw`` thunk:
    a third-party backend fills both) ``| CustomProviderRaw[Literal[p], T]`` for each configured ``p``,
    unless the thunk's backend is known (its ``raw`` is one provider's variant)."""
    custom = lookup(fullnames.CUSTOM_VARIANT)
    if ctx.is_lvalue or not isinstance(custom, TypeInfo) or not _backend_unknown(ctx.default_attr_type):
        return ctx.default_attr_type
    str_type = ctx.api.named_generic_type("builtins.str", [])
    items = [ctx.default_attr_type]
    for literal, type_name in sorted(extra_providers.items()):
        response = _resolve(lookup, type_name)
        if response is None:
            errorcodes.error_config(
                ctx.api, f"extra-providers: cannot find type {type_name!r} for provider {literal!r}",
                ctx.context,
            )
            response = AnyType(TypeOfAny.from_error)
        items.append(Instance(custom, [LiteralType(literal, str_type), response]))
    return make_simplified_union(items)


def _backend_unknown(raw: Type) -> bool:
    """Whether ``raw`` holds every built-in provider's variant: the thunk came from a backend
    the stubs do not know (a third-party one may have filled it). A thunk from a mellea backend
    class or a ``start_session`` literal carries that provider's variant only."""
    items = flatten_nested_unions([raw])  # also through aliases (`AnyCompletionRaw | UnfilledRaw`)
    names = {t.type.fullname for t in map(get_proper_type, items) if isinstance(t, Instance)}
    return all(names & variants for variants in fullnames.BUILTIN_VARIANTS)


def _resolve(lookup: Lookup, type_name: str) -> Type | None:
    node = lookup(type_name)
    if isinstance(node, TypeInfo):
        return Instance(node, [AnyType(TypeOfAny.special_form)] * len(node.defn.type_vars))
    if isinstance(node, TypeAlias):
        return get_proper_type(node.target)
    return None


def known_providers(extra_providers: Mapping[str, str]) -> frozenset[str]:
    return frozenset(surface.PROVIDER_LITERALS) | frozenset(extra_providers)
