"""The stub declares exactly the public names of the runtime mellea.core.base (plus its
stub-only names), and every thunk member of surface.py; a mellea release that adds or
removes a name fails here."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from mellea_lint import surface

from tests.ide.stub_facts import variant_fields
from tools.drift import defined_names

STUB = Path(__file__).resolve().parents[2] / "stubs" / "mellea-stubs" / "core" / "base.pyi"
_TREE = ast.parse(STUB.read_text())


def _decorators(node: ast.ClassDef) -> set[str]:
    return {d.id if isinstance(d, ast.Name) else ast.unparse(d) for d in node.decorator_list}


def _stub_top_level() -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in _TREE.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            names.update({t.id: node for t in node.targets if isinstance(t, ast.Name)})
    return names


def _stub_only() -> set[str]:
    top = _stub_top_level()
    only = {n for n, node in top.items() if isinstance(node, ast.ClassDef) and "type_check_only" in _decorators(node)}
    aliases = {n for n, node in top.items() if isinstance(node, ast.AnnAssign) and ast.unparse(node.annotation) == "TypeAlias"}
    return only | (aliases - {"Span"}) | {"_P", "_R"}


def _defined_in_module() -> set[str]:
    """Public names whose definition is in mellea/core/base.py (not imports)."""
    source = Path(inspect.getsourcefile(importlib.import_module(surface.BASE_MODULE)) or "")
    return {n for n in defined_names(ast.parse(source.read_text()).body) if not n.startswith("_")}


def test_stub_declares_every_public_runtime_name() -> None:
    runtime = _defined_in_module()
    assert runtime <= set(vars(importlib.import_module(surface.BASE_MODULE)))
    stub = set(_stub_top_level()) - _stub_only()
    public_stub = {n for n in stub if not n.startswith("_")}
    assert public_stub == runtime, (
        f"runtime only: {sorted(runtime - public_stub)}; stub only: {sorted(public_stub - runtime)}"
    )


def test_stub_only_names_are_absent_at_runtime() -> None:
    module = importlib.import_module(surface.BASE_MODULE)
    present = [n for n in _stub_only() if hasattr(module, n)]
    assert not present


def _bare(annotation: str) -> str:
    """``ollama.ChatResponse | X`` -> ``ChatResponse | X``: the table and the stub qualify differently."""
    return " | ".join(part.rsplit(".", 1)[-1] for part in annotation.split(" | "))


def _fields(name: str) -> dict[str, str]:
    return {field: ast.unparse(annotation) for field, annotation in variant_fields(name).items()}


def _chunks(chunk: str | None) -> str:
    """Chunk elements read as the provider's dict and take the SDK's dumps (`| Any`) on append."""
    return f"list[{chunk} | Any] | None" if chunk else "list[Any] | None"


def _alias(name: str) -> list[str]:
    return ast.unparse(_stub_top_level()[name].value).strip("()").split(" | ")  # type: ignore[union-attr]


def test_provider_variants_match_the_surface_table() -> None:
    for p in surface.PROVIDERS:
        fields = _fields(p.variant)
        assert fields["provider"] == f"Literal[{p.literal!r}]"
        assert _bare(fields["response"]) == _bare(p.response), p.variant
        assert fields["streamed_chunks"] == _chunks(p.streamed_chunk), p.variant
    assert _fields(surface.UNFILLED_VARIANT) == {
        "provider": "None", "response": "None", "streamed_chunks": _chunks(None)
    }
    assert _alias("AnyRaw") == [p.variant for p in surface.PROVIDERS] + [surface.UNFILLED_VARIANT]


def test_completion_variants_match_the_surface_table() -> None:
    for p in surface.PROVIDERS:
        fields = _fields(p.completion_variant)
        assert fields["provider"] == f"Literal[{p.literal!r}]"
        assert _bare(fields["response"]) == _bare(p.completion_response), p.completion_variant
        assert fields["streamed_chunks"] == _chunks(None), p.completion_variant
    assert _alias("AnyCompletionRaw") == [p.completion_variant for p in surface.PROVIDERS] + [surface.UNFILLED_VARIANT]


def _class_members(name: str) -> set[str]:
    cls = _stub_top_level()[name]
    assert isinstance(cls, ast.ClassDef)
    return {
        s.name if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) else s.target.id  # type: ignore[union-attr]
        for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.AnnAssign))
    }


def test_thunk_declares_public_members_and_the_private_ones_producers_use() -> None:
    """Producer code (backends, test doubles) must type-check in every checker, so the stub
    declares every private member of the release it describes; the gate enforces privacy."""
    declared = _class_members("ModelOutputThunk") | _class_members("ComputedModelOutputThunk")
    assert surface.PUBLIC_MEMBERS <= declared, surface.PUBLIC_MEMBERS - declared
    current = surface.private_members_in(surface.table_release(surface.MELLEA_VERSION))
    assert current <= declared, current - declared
    assert not declared & ({m.name for m in surface.PRIVATE_MEMBERS} - current), "a legacy member is declared"


def test_private_subobjects_declare_the_fields_of_the_surface_table() -> None:
    for member, fields in surface.PRIVATE_SUBOBJECT_FIELDS.items():
        owner = dict(zip(surface.PRIVATE_SUBOBJECT_FIELDS, surface.PRIVATE_SUBOBJECT_CLASSES, strict=True))[member]
        assert _class_members(owner.rpartition(".")[2]) == set(fields), owner


def test_known_provider_alias_is_the_surface_literals() -> None:
    """`GenerationMetadata.provider` reads as these literals: the same set as `raw.provider`."""
    literals = [ast.literal_eval(e) for e in _stub_top_level()["KnownProvider"].value.slice.elts]  # type: ignore[union-attr]
    assert tuple(literals) == surface.PROVIDER_LITERALS
