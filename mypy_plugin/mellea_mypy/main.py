"""The ``Plugin`` subclass: look a fully-qualified name up, hand the context to a handler.

No logic lives here beyond the dispatch: narrowing is in :mod:`.narrowing`, privacy in
:mod:`.privacy`, settings in :mod:`.config`, codes and messages in :mod:`.errorcodes`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from mellea_lint import surface
from mypy.errors import IterationErrorWatcher
from mypy.nodes import MemberExpr, MypyFile, TypeAlias, TypeInfo
from mypy.options import Options
from mypy.plugin import (
    AttributeContext,
    CheckerPluginInterface,
    ClassDefContext,
    FunctionContext,
    MethodContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import AnyType, Type, TypeOfAny

from . import config, fullnames, narrowing, privacy
from .syntax import is_private_name
from .syntax_index import SyntaxIndex, build

_INSTALLED_PATH = re.compile(r"/(site-packages|dist-packages|typeshed)/")

PLUGIN_VERSION = "8"
"""Bump when a change to the plugin changes results, so cached modules are rechecked."""


class MelleaPlugin(Plugin):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        try:
            self.config = config.load(options.config_file)
        except (config.ConfigError, OSError, ValueError) as exc:
            # One line, no traceback; 2 is mypy's exit status for bad usage.
            print(f"mellea_mypy: error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
        # mypy and dmypy build the plugin once per run: the line is printed once per run.
        self.mellea = surface.mellea_in_use(self.config.mellea_version)
        warning = self.mellea.out_of_range_line("mellea_mypy")
        if warning is not None:
            print(warning, file=sys.stderr)
        self.known_providers = narrowing.known_providers(self.config.extra_providers)
        self._indexes: dict[str, tuple[MypyFile, SyntaxIndex]] = {}
        self._trees_by_path: dict[str, MypyFile] = {}

    # -- mypy integration -------------------------------------------------------------------

    def report_config_data(self, ctx: ReportConfigContext) -> dict[str, Any]:
        """Every setting and the mellea version, so caches and dmypy never go stale.

        Installed packages (site-packages, typeshed) get the versions only: mypy
        silences errors there and the settings do not change their interfaces, so a
        settings change rechecks the project, not torch.
        """
        data: dict[str, Any] = {"plugin": PLUGIN_VERSION, "mellea": self.mellea.version}
        if not _INSTALLED_PATH.search(ctx.path.replace("\\", "/")):
            data.update(self.config.cache_key())
        return data

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        """Load the modules of the configured provider response types."""
        modules = {name.rpartition(".")[0] for name in self.config.extra_providers.values()}
        return [(10, module, -1) for module in sorted(modules) if module != file.fullname]

    # -- dispatch tables --------------------------------------------------------------------

    def get_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner, _, member = fullname.rpartition(".")
        if fullname in fullnames.RAW_ATTRS:
            return self._raw_attribute
        if (owner in fullnames.RAW_CLASSES and member == fullnames.PROVIDER_FIELD) or (
            fullname == fullnames.GENERATION_PROVIDER
        ):
            return self._provider_attribute
        if owner in fullnames.SUBOBJECT_CLASSES or (
            is_private_name(member) and owner.startswith(fullnames.BASE_MODULE + ".")
        ):
            return partial(self._member_attribute, owner, member)
        return None

    def get_class_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner, _, member = fullname.rpartition(".")
        if owner in fullnames.PRIVATE_OWNER_CLASSES and is_private_name(member):
            return partial(self._member_attribute, owner, member)
        return None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        patch_action = fullnames.PATCHER_METHODS.get(fullname)
        if patch_action is not None:
            return partial(self._string_access, patch_action)
        owner, _, member = fullname.rpartition(".")
        if owner in fullnames.PRIVATE_OWNER_CLASSES and is_private_name(member):
            return partial(self._private_call, owner, member)
        return None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        action = fullnames.GETATTR_FAMILY.get(fullname)
        return partial(self._string_access, action) if action else None

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return self._restore_members if fullname == fullnames.THUNK_CLASS else None

    # -- handlers ---------------------------------------------------------------------------

    def _index(self, api: CheckerPluginInterface) -> SyntaxIndex:
        """The module's syntax index, built (and its class patterns retargeted) once."""
        tree = self._tree(api.path)
        cached = self._indexes.get(api.path)
        if cached is not None and cached[0] is tree:
            index = cached[1]
        else:
            index = build(tree, detect_producers=self.config.detect_producers)
            narrowing.retarget_class_patterns(index, self._lookup, self.config.extra_providers)
            self._indexes[api.path] = (tree, index)
        if not index.imports_reported and all(
            isinstance(w, IterationErrorWatcher) for w in api.msg.errors.get_watchers()
        ):
            # Module-level findings are reported where mypy keeps errors: outside its
            # error-filtering scopes, but also in loop bodies (whose watcher lets them through).
            index.imports_reported = True
            privacy.report_imports(api, index, self.config)
            for literal, pattern in narrowing.misspelled_pattern_literals(index):
                narrowing.report_unknown_provider(api, literal, pattern, self.known_providers)
        return index

    def _tree(self, path: str) -> MypyFile:
        tree = self._trees_by_path.get(path)
        if tree is None or self._modules is None or self._modules.get(tree.fullname) is not tree:
            assert self._modules is not None
            self._trees_by_path = {m.path: m for m in self._modules.values()}
            tree = self._trees_by_path[path]
        return tree

    def _lookup(self, fullname: str) -> TypeInfo | TypeAlias | None:
        sym = self.lookup_fully_qualified(fullname)
        node = sym.node if sym is not None else None
        return node if isinstance(node, (TypeInfo, TypeAlias)) else None

    def _raw_attribute(self, ctx: AttributeContext) -> Type:
        # A match subject ``mot.raw`` is evaluated outside mypy's error filters, unlike the
        # class patterns under it: index here so their module-level findings are reported.
        self._index(ctx.api)
        if not self.config.extra_providers:
            return ctx.default_attr_type
        return narrowing.raw_with_extra_providers(ctx, self._lookup, self.config.extra_providers)

    def _provider_attribute(self, ctx: AttributeContext) -> Type:
        index = self._index(ctx.api)
        if isinstance(ctx.context, MemberExpr):
            narrowing.check_provider_literals(ctx.api, index, ctx.context, self.known_providers)
        return ctx.default_attr_type

    def _member_attribute(self, owner: str, member: str, ctx: AttributeContext) -> Type:
        private_owner = privacy.member_access(owner, member, ctx.type)
        if private_owner is not None and not privacy.reported_through_parent(ctx.context):
            index = self._index(ctx.api)
            action: privacy.Action = "write" if ctx.is_lvalue else "read"
            if ctx.context in index.deleted:
                action = "delete"
            elif not ctx.is_lvalue and ctx.context in index.aug_targets:
                return ctx.default_attr_type  # ``x._name += v``: the write reports it
            augmented = ctx.is_lvalue and ctx.context in index.aug_targets
            access = privacy.Access(private_owner, member, action, ctx.context, augmented)
            privacy.check(ctx.api, access, index, self.config, self.mellea.release)
        return ctx.default_attr_type

    def _private_call(self, owner: str, member: str, ctx: MethodContext) -> Type:
        access = privacy.Access(owner, member, "call", ctx.context)
        privacy.check(ctx.api, access, self._index(ctx.api), self.config, self.mellea.release)
        return ctx.default_return_type

    def _string_access(self, action: privacy.Action, ctx: FunctionContext | MethodContext) -> Type:
        if len(ctx.args) >= 2 and ctx.args[0] and ctx.args[1]:
            found = privacy.string_access(ctx.arg_types[0][0], ctx.args[1][0])
            if found is not None:
                access = privacy.Access(found[0], found[1], action, ctx.args[1][0])
                privacy.check(ctx.api, access, self._index(ctx.api), self.config, self.mellea.release)
        return ctx.default_return_type

    def _restore_members(self, ctx: ClassDefContext) -> None:
        thunk = self._lookup(fullnames.THUNK_CLASS)
        if isinstance(thunk, TypeInfo):
            privacy.restore_legacy_members(thunk, AnyType(TypeOfAny.special_form))
