"""The surface table (mellea_lint.surface) against the installed mellea runtime.

A mellea release that adds, removes or renames a thunk member, a provider or a
private core name fails here first, before any checker silently goes stale.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.metadata
import importlib.util
import inspect
import re
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


READ_ONLY_PROPERTIES = sorted(
    name for name, value in vars(base.ModelOutputThunk).items()
    if isinstance(value, property) and value.fset is None
)


def _settable(name: str) -> bool:
    """A settable property, or a plain attribute of a fresh thunk (not a method)."""
    declared = getattr(base.ModelOutputThunk, name, None)
    if isinstance(declared, property):
        return declared.fset is not None
    return declared is None and name in vars(base.ModelOutputThunk(None))


def test_read_only_properties_are_the_ones_the_advice_must_avoid() -> None:
    assert {"generate_log", "error", "cancelled"} <= set(READ_ONLY_PROPERTIES)


@pytest.mark.parametrize("member", [m for m in surface.PRIVATE_MEMBERS if m.write], ids=lambda m: m.name)
def test_write_advice_names_a_real_setter_or_a_public_method(member: surface.PrivateMember) -> None:
    assert member.write is not None
    if member.setter is not None:
        assert _settable(member.setter), member.setter
        assert f"mot.{member.setter}" in member.write
    else:
        called = re.findall(r"mot\.(\w+)\(", member.write)
        assert called and all(name in surface.PUBLIC_METHODS for name in called), member.write


@pytest.mark.parametrize("member", surface.PRIVATE_MEMBERS, ids=lambda m: m.name)
def test_write_hint_never_offers_a_read_only_property_for_a_write(member: surface.PrivateMember) -> None:
    hint = surface.write_hint(member.name)
    for name in READ_ONLY_PROPERTIES:
        assert f"assign mot.{name}" not in hint and f"use mot.{name}" not in hint, hint
        if f"mot.{name}" in hint:
            assert f"mot.{name} is read-only" in hint or f"sets mot.{name}" in hint, hint


def test_value_setter_writes_the_text_and_leaves_computed_as_it_was() -> None:
    mot = base.ModelOutputThunk(None)
    mot.value = "text"
    assert mot._underlying_value == "text" and not mot.is_computed()
    assert "leaves is_computed() as it was" in (surface.MEMBERS_BY_NAME["_underlying_value"].write or "")


def test_read_only_members_raise_on_assignment() -> None:
    mot = base.ModelOutputThunk("x")
    for name in ("generate_log", "error", "cancelled"):
        with pytest.raises(AttributeError):
            setattr(mot, name, None)
        assert surface.needs_producer_setting(f"_{name}") or surface.MEMBERS_BY_NAME[f"_{name}"].write


def test_legacy_members_say_where_they_moved_and_exist_there() -> None:
    mot = base.ModelOutputThunk("x")
    for member in surface.PRIVATE_MEMBERS:
        if member.kind != "legacy-field":
            continue
        assert member.moved_to is not None and member.moved_to.startswith("mot."), member.name
        holder: object = mot
        for part in member.moved_to.split(".")[1:]:
            assert hasattr(holder, part), (member.name, member.moved_to)
            holder = getattr(holder, part)
        assert surface.replacement_hint(member.name).startswith("removed in mellea 0.7: ")


def test_cancel_generation_sets_cancelled() -> None:
    import asyncio

    mot = base.ModelOutputThunk(None)
    asyncio.run(mot.cancel_generation())
    assert mot.cancelled


def test_backend_classes_of_the_runtime_are_recognised() -> None:
    import importlib
    import pkgutil

    from mellea.core.backend import Backend

    for info in pkgutil.walk_packages(mellea.backends.__path__, "mellea.backends."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional provider SDK is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Backend) and value.__module__ == info.name:
                assert surface.is_backend_class(value.__module__, name), f"{info.name}.{name}"
    from mellea.backends.adapters.adapter import AdapterMixin

    bases = {"Backend": Backend, "FormatterBackend": mellea.backends.FormatterBackend, "AdapterMixin": AdapterMixin}
    assert set(bases) == surface.BACKEND_BASE_CLASSES
    assert all(issubclass(cls, Backend) for cls in bases.values())


# -- the providers' backends and start_session's backend names ----------------------------------
# Read from the source where the runtime cannot answer: mellea.backends.huggingface needs torch.


def _source(module: str) -> ast.Module:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return ast.parse(Path(spec.origin).read_text())


def _function(tree: ast.Module, name: str) -> ast.FunctionDef:
    """The module-level function ``name`` (its implementation, after any overloads)."""
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, name
    return found[-1]


def _compared_names(test: ast.expr, param: str) -> list[str]:
    """The strings ``param`` is compared to in an ``if`` test (``name == "hf" or name == "huggingface"``)."""
    return [
        c.comparators[0].value for c in ast.walk(test)
        if isinstance(c, ast.Compare) and isinstance(c.left, ast.Name) and c.left.id == param
        and isinstance(c.ops[0], ast.Eq) and isinstance(c.comparators[0], ast.Constant)
    ]


def _backend_classes_by_name() -> dict[str, str]:
    """Each name ``backend_name_to_class`` accepts and the class it returns (``module.Class``),
    read from its source: the branch comparing the name imports the class it returns."""
    module = "mellea.stdlib.start_backend"
    function = _function(_source(module), "backend_name_to_class")
    param = function.args.args[0].arg
    out: dict[str, str] = {}
    branch: ast.stmt | None = function.body[-1]
    while isinstance(branch, ast.If):
        imported = {
            alias.asname or alias.name: importlib.util.resolve_name(
                "." * node.level + (node.module or ""), module.rpartition(".")[0]
            ) + "." + alias.name
            for node in ast.walk(branch) if isinstance(node, ast.ImportFrom) for alias in node.names
        }
        returned = [
            r.value.id for stmt in branch.body for r in ast.walk(stmt)
            if isinstance(r, ast.Return) and isinstance(r.value, ast.Name)
        ]
        for name in _compared_names(branch.test, param):
            assert len(set(returned)) == 1 and returned[0] in imported, (name, returned, imported)
            out[name] = imported[returned[0]]
        branch = branch.orelse[0] if len(branch.orelse) == 1 else None
    return out


def _defines_class(fullname: str) -> bool:
    module, _, name = fullname.rpartition(".")
    return any(isinstance(n, ast.ClassDef) and n.name == name for n in _source(module).body)


def test_backend_name_to_class_accepts_exactly_the_session_names() -> None:
    by_name = _backend_classes_by_name()
    assert set(by_name) == {n for p in surface.PROVIDERS for n in p.session_names}
    for provider in surface.PROVIDERS:
        for name in provider.session_names:
            assert by_name[name] == provider.backend_class, (name, by_name[name])
        assert _defines_class(provider.backend_class), provider.backend_class


NEEDS_EXTRA = {"huggingface": "hf"}
"""Providers whose backend module needs a mellea extra the tests' environment lacks (torch)."""


@pytest.mark.parametrize("provider", surface.PROVIDERS, ids=lambda p: p.literal)
def test_each_session_name_builds_the_provider_backend_class(
    provider: surface.Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At run time where the backend imports; where it needs an extra, the error says which (and
    the test above read the class from the source)."""
    from mellea.stdlib.start_backend import backend_name_to_class

    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # litellm fetches its cost map on import otherwise

    assert provider.session_names and provider.backend_class
    for name in provider.session_names:
        if provider.literal in NEEDS_EXTRA:
            with pytest.raises(ImportError, match=re.escape(f"mellea[{NEEDS_EXTRA[provider.literal]}]")):
                backend_name_to_class(name)
            continue
        cls = backend_name_to_class(name)
        assert f"{cls.__module__}.{cls.__qualname__}" == provider.backend_class, name


def _provider_assignments(init: ast.FunctionDef) -> list[object]:
    """The values ``__init__`` assigns to ``self._provider`` (``None`` for one not a constant)."""
    out: list[object] = []
    for node in ast.walk(init):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if (isinstance(target, ast.Attribute) and target.attr == "_provider"
                    and isinstance(target.value, ast.Name) and target.value.id == "self"):
                value = node.value
                out.append(value.value if isinstance(value, ast.Constant) else None)
    return out


@pytest.mark.parametrize("provider", surface.PROVIDERS, ids=lambda p: p.literal)
def test_each_backend_class_sets_its_provider_literal(provider: surface.Provider) -> None:
    """The backend class writes the table's literal into ``self._provider`` in its ``__init__``
    (its stub fixes the ``raw`` of its thunks to the provider's variant on that ground)."""
    module, _, name = provider.backend_class.rpartition(".")
    (cls,) = [n for n in _source(module).body if isinstance(n, ast.ClassDef) and n.name == name]
    (init,) = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    assert _provider_assignments(init) == [provider.literal]


def test_start_session_backend_names_are_the_session_names() -> None:
    """Every value of ``start_session``'s ``backend_name`` Literal (the same in each overload and
    the implementation) is a session name of exactly one provider, every provider has one, and
    the session names it leaves out are the ones ``backend_name_to_class`` accepts besides
    (``"huggingface"``: the runtime takes it, the signature does not)."""
    tree = _source(surface.SESSION_MODULE)
    definitions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "start_session"]
    literals = set()
    for definition in definitions:
        (param,) = [a for a in definition.args.args if a.arg == "backend_name"]
        annotation = param.annotation
        assert isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Literal"
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        values = tuple(i.value for i in items if isinstance(i, ast.Constant))
        literals.add(values)
    assert len(definitions) > 1 and len(literals) == 1, literals
    (values,) = literals
    for value in values:
        owners = [p.literal for p in surface.PROVIDERS if value in p.session_names]
        assert len(owners) == 1, (value, owners)
    assert {p.literal for p in surface.PROVIDERS if set(p.session_names) & set(values)} == set(surface.PROVIDER_LITERALS)
    session_names = {n for p in surface.PROVIDERS for n in p.session_names}
    assert session_names - set(values) == {"huggingface"}
    assert set(values) | {"huggingface"} == set(_backend_classes_by_name())
