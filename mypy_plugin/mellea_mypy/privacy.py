"""``mellea-private``: code outside mellea.core touching a thunk's private members.

Decided by type, not by the receiver's name: an attribute hook fires for every
member access whose owner class is a thunk (or whose receiver's type is one),
whatever expression produced the receiver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mellea_lint import surface
from mypy.nodes import MDEF, Context, MemberExpr, StrExpr, SymbolTableNode, TypeInfo, Var
from mypy.plugin import CheckerPluginInterface
from mypy.types import CallableType, Instance, Type, TypeType, UnionType, get_proper_type

from . import errorcodes, fullnames
from .config import PRODUCER_ADVICE, PluginConfig
from .syntax import is_private_name
from .syntax_index import SyntaxIndex

Action = Literal["read", "write", "delete", "call"]


@dataclass(frozen=True)
class Access:
    owner: str
    """Fully-qualified class the member belongs to (a thunk or a private sub-object)."""
    member: str
    action: Action
    context: Context
    augmented: bool = False
    """``x._name += v``."""


def short(fullname: str) -> str:
    return fullname.rpartition(".")[2]


def private_owner(typ: Type) -> str | None:
    """The thunk / sub-object class ``typ`` is (or, for unions, contains)."""
    proper = get_proper_type(typ)
    if isinstance(proper, TypeType):
        proper = get_proper_type(proper.item)
    elif isinstance(proper, CallableType) and proper.is_type_obj():  # the class itself: ModelOutputThunk
        proper = get_proper_type(proper.ret_type)
    if isinstance(proper, UnionType):
        owners = (private_owner(item) for item in proper.items)
        return next((o for o in owners if o is not None), None)
    if isinstance(proper, Instance):
        return next((b.fullname for b in proper.type.mro if b.fullname in fullnames.PRIVATE_OWNER_CLASSES), None)
    return None


def _meta_key(access: Access, index: SyntaxIndex) -> str | None:
    context = access.context
    return index.meta_keys.get(context) if isinstance(context, MemberExpr) else None


def _writes(access: Access, index: SyntaxIndex) -> bool:
    """A write, a delete, or a write through ``x._meta[k] = v`` / ``x._meta.update(...)``."""
    return access.action in ("write", "delete") or (
        isinstance(access.context, MemberExpr) and access.context in index.meta_writes
    )


def in_producer(access: Access, index: SyntaxIndex, config: PluginConfig) -> bool:
    """Configured producer module, or producer code recognised without configuration."""
    return surface.module_matches(index.module, config.producer_modules) or (
        config.detect_producers and index.in_producer(access.context.line)
    )


def is_allowed(access: Access, index: SyntaxIndex, config: PluginConfig, release: str) -> bool:
    """The lint engine's ownership rules (``mellea_lint.engine._Decider``), for one access."""
    if surface.module_matches(index.module, config.internal_modules):
        return True
    if not in_producer(access, index, config):
        return False
    if access.owner in fullnames.SUBOBJECT_CLASSES:
        return True
    info = surface.MEMBERS_BY_NAME.get(access.member)
    if info is None or not surface.producer_owns(info, release):
        return False
    key = _meta_key(access, index)
    if _writes(access, index):
        return key is None or surface.meta_key_write_hint(key, release) is None
    if key is not None:
        meta = surface.META_KEYS_BY_NAME.get(key)
        return meta is None or (
            not surface.has_public_read(meta, release) and surface.meta_key_write_hint(key, release) is None
        )
    written_through = isinstance(access.context, MemberExpr) and access.context in index.mutated_through
    return written_through or not surface.has_public_read(info, release) or info.value_when_uncomputed


def hint(access: Access, index: SyntaxIndex, release: str) -> str:
    """The lint's hint for the same access (shared ``surface`` functions), for ``release``."""
    if access.owner in fullnames.SUBOBJECT_CLASSES:
        return f"{short(access.owner)} is internal to {surface.CORE_PACKAGE}"
    key = _meta_key(access, index)
    if _writes(access, index):
        augmented = access.augmented
        text = (surface.meta_key_write_hint(key, release) if key is not None else None) or surface.write_hint(
            access.member, release, augmented=augmented
        )
        if surface.needs_producer_setting(access.member, key, release, augmented=augmented):
            text += "; if this is producer code, " + PRODUCER_ADVICE
        return text
    if key is not None:
        return surface.meta_key_hint(key, release)
    return surface.replacement_hint(access.member, release)


def check(
    api: CheckerPluginInterface, access: Access, index: SyntaxIndex, config: PluginConfig, release: str
) -> None:
    """Report ``access`` unless it is allowed; ``release``: the mellea minor the hint follows."""
    if is_allowed(access, index, config, release):
        return
    errorcodes.error_private(
        api, f'member "{access.member}" of {short(access.owner)}', hint(access, index, release), access.context
    )


def member_access(owner_class: str, member: str, receiver: Type) -> str | None:
    """The private owner when ``receiver.member`` is a private access, else ``None``.

    ``owner_class`` is where mypy found the member (``CBlock`` for a 0.6.0 thunk's
    inherited ``_meta``): the receiver's type decides in that case.
    """
    if owner_class in fullnames.SUBOBJECT_CLASSES:
        return owner_class
    if not is_private_name(member):
        return None
    if owner_class in fullnames.THUNK_CLASSES:
        return owner_class
    owner = private_owner(receiver)
    return owner if owner in fullnames.THUNK_CLASSES else None


def reported_through_parent(context: Context) -> bool:
    """``mot._gen.queue``: the ``_gen`` access is the finding; ``.queue`` adds nothing."""
    return (
        isinstance(context, MemberExpr)
        and isinstance(context.expr, MemberExpr)
        and context.expr.name in surface.PRIVATE_SUBOBJECT_FIELDS
    )


def string_access(receiver: Type, name_expr: object) -> tuple[str, str] | None:
    """(owner, member) for ``getattr(obj, "_name")`` and friends with a literal name."""
    if not isinstance(name_expr, StrExpr):
        return None
    owner = private_owner(receiver)
    if owner is None:
        return None
    if owner in fullnames.THUNK_CLASSES and not is_private_name(name_expr.value):
        return None
    return owner, name_expr.value


def report_imports(api: CheckerPluginInterface, index: SyntaxIndex, config: PluginConfig) -> None:
    if surface.module_matches(index.module, config.internal_modules + config.producer_modules):
        return
    for node, module, name in index.private_imports:
        note = surface.PRIVATE_CORE_NAMES.get(name, f"{name} is internal to {surface.CORE_PACKAGE}")
        errorcodes.error_private(api, f'name "{name}" imported from {module}', note, node)


def restore_legacy_members(info: TypeInfo, any_type: Type) -> None:
    """Declare the private members of older mellea releases (``_generate``, ``_action``, ...) that
    the thunk class lacks, typed ``Any``, so that an access reaches the attribute hook, which
    reports ``mellea-private`` with the migration hint instead of a bare ``attr-defined``. The
    current members are declared by the stubs and by mellea's own source alike."""
    for member in surface.PRIVATE_MEMBERS:
        if member.kind == "legacy-field" and member.name not in info.names:
            var = Var(member.name, any_type)
            var.info = info
            var._fullname = f"{info.fullname}.{member.name}"
            var.is_ready = True
            info.names[member.name] = SymbolTableNode(MDEF, var, plugin_generated=True)
