"""The surface table (mellea_lint.surface) against the installed mellea runtime.

A mellea release that adds, removes or renames a thunk member, a provider or a
private core name fails here first, before any checker silently goes stale.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import inspect
from pathlib import Path

import mellea
import mellea.core.base as base
import pytest
from mellea.stdlib.session import MelleaSession
from mellea_lint import surface

from tools.provider_discovery import discover


def _instance_attributes() -> set[str]:
    return set(vars(base.ModelOutputThunk("x")))


def _class_members(cls: type, kind: type) -> set[str]:
    return {
        name
        for name, value in vars(cls).items()
        if isinstance(value, kind) and not (name.startswith("__") and name.endswith("__"))
    }


def _methods(cls: type) -> set[str]:
    return {
        name
        for name, value in vars(cls).items()
        if inspect.isfunction(value) and not (name.startswith("__") and name.endswith("__"))
    }


def test_pinned_mellea_version() -> None:
    assert importlib.metadata.version("mellea") == surface.MELLEA_VERSION


def test_fully_qualified_names_resolve() -> None:
    for fullname in (
        surface.THUNK_CLASS, surface.COMPUTED_THUNK_CLASS, surface.RAW_CLASS,
        *surface.PRIVATE_SUBOBJECT_CLASSES,
    ):
        module, _, name = fullname.rpartition(".")
        assert module == surface.BASE_MODULE
        assert isinstance(getattr(base, name), type), fullname


def test_public_fields_are_the_public_instance_attributes() -> None:
    public = {a for a in _instance_attributes() if not a.startswith("_")}
    assert public == surface.PUBLIC_FIELDS


def test_current_private_fields_are_the_private_instance_attributes() -> None:
    private = {a for a in _instance_attributes() if a.startswith("_")}
    assert private == surface.CURRENT_PRIVATE_FIELDS


def test_public_properties() -> None:
    assert _class_members(base.ModelOutputThunk, property) == surface.PUBLIC_PROPERTIES


def test_methods_split_into_public_and_private() -> None:
    methods = _methods(base.ModelOutputThunk)
    assert {m for m in methods if not m.startswith("_")} == surface.PUBLIC_METHODS
    assert {m for m in methods if m.startswith("_")} == surface.CURRENT_PRIVATE_METHODS


def test_class_level_private_members_exist_on_the_computed_thunk() -> None:
    for member in surface.PRIVATE_MEMBERS:
        if member.kind == "class-field":
            assert member.name in vars(base.ComputedModelOutputThunk), member.name


def test_legacy_members_are_gone_in_this_release() -> None:
    present = _instance_attributes() | set(dir(base.ComputedModelOutputThunk))
    legacy = {m.name for m in surface.PRIVATE_MEMBERS if m.kind == "legacy-field"}
    assert legacy and not (legacy & present)


@pytest.mark.parametrize(
    "member", [m for m in surface.PRIVATE_MEMBERS if m.fix is not None], ids=lambda m: m.name
)
def test_every_autofix_target_is_public_and_matches_its_replacement(member: surface.PrivateMember) -> None:
    assert member.replacement is not None and member.fix is not None
    assert member.replacement == "mot" + member.fix
    first = member.fix.lstrip(".").split(".")[0].removesuffix("()")
    assert first in surface.PUBLIC_MEMBERS


@pytest.mark.parametrize(
    "key", [k for k in surface.META_KEYS if k.fix is not None], ids=lambda k: k.key
)
def test_meta_key_fixes_name_public_attributes(key: surface.MetaKey) -> None:
    assert key.fix is not None
    head, *rest = key.fix.lstrip(".").split(".")
    assert head in surface.PUBLIC_MEMBERS
    holder = {"raw": base.RawProviderResponse, "generation": base.GenerationMetadata}[head]
    assert {f.name for f in dataclasses.fields(holder)} >= set(rest)


def test_raw_fields_match_the_dataclass() -> None:
    assert tuple(f.name for f in dataclasses.fields(base.RawProviderResponse)) == surface.RAW_FIELDS


@pytest.mark.parametrize("attr, cls", [("_call", base._CallInfo), ("_gen", base._GenerationState)])
def test_private_subobject_fields_match_their_dataclasses(attr: str, cls: type) -> None:
    assert tuple(f.name for f in dataclasses.fields(cls)) == surface.PRIVATE_SUBOBJECT_FIELDS[attr]
    assert isinstance(getattr(base.ModelOutputThunk("x"), attr), cls)


def test_private_core_names_exist() -> None:
    for name in surface.PRIVATE_CORE_NAMES:
        assert name.startswith("_") and hasattr(base, name), name


def test_provider_table_is_every_literal_a_backend_writes_into_raw() -> None:
    """Every Backend subclass, whatever form sets its literal (tests/surface/test_provider_discovery.py)."""
    backends = discover(Path(mellea.__file__).parent.parent)
    writers = [b for b in backends if b.writes_raw]
    assert writers and not [b for b in writers if b.unresolved], [b.unresolved for b in writers]
    written = set().union(*(b.literals for b in writers))
    release = surface.minor_release(surface.MELLEA_VERSION)
    assert written == set(surface.providers_in(release)) == set(surface.PROVIDER_LITERALS)
    assert len({p.variant for p in surface.PROVIDERS}) == len(surface.PROVIDERS)


@pytest.mark.parametrize("api", sorted(surface.THUNK_RETURNING_APIS))
def test_thunk_returning_apis_return_thunks(api: str) -> None:
    annotation = str(inspect.signature(getattr(MelleaSession, api)).return_annotation)
    assert "ModelOutputThunk" in annotation or "SamplingResult" in annotation, annotation
