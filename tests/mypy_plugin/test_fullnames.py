"""The fully-qualified names the plugin dispatches on name what the stubs declare: mypy hands an
attribute hook the class that declares the member, so a stub class redeclaring ``raw`` that the
plugin does not list would silently lose ``extra-providers``."""

from __future__ import annotations

import ast
from pathlib import Path

from mellea_lint import surface
from mellea_mypy import fullnames

STUBS = Path(__file__).resolve().parents[2] / "stubs" / "mellea-stubs" / "core"


def _classes(stub: str) -> dict[str, ast.ClassDef]:
    tree = ast.parse((STUBS / stub).read_text())
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _getters(cls: ast.ClassDef, name: str) -> list[ast.FunctionDef]:
    return [
        s for s in cls.body
        if isinstance(s, ast.FunctionDef) and s.name == name
        and any(isinstance(d, ast.Name) and d.id == "property" for d in s.decorator_list)
    ]


def test_raw_hook_names_every_stub_class_that_declares_raw() -> None:
    declaring = {f"{surface.BASE_MODULE}.{name}.raw" for name, cls in _classes("base.pyi").items() if _getters(cls, "raw")}
    assert declaring == fullnames.RAW_ATTRS


def test_generate_from_raw_returns_the_completion_thunk_class() -> None:
    completion = surface.COMPLETION_THUNK_CLASS.rpartition(".")[2]
    [base] = _classes("base.pyi")[completion].bases
    # CompletionModelOutputThunk(ModelOutputThunk[S, _CompletionRawT]), defaulting to AnyCompletionRaw.
    assert ast.unparse(base) == "ModelOutputThunk[S, _CompletionRawT]"
    assert "default=AnyCompletionRaw" in (STUBS / "base.pyi").read_text()
    overloads = [s for s in _classes("backend.pyi")["Backend"].body
                 if isinstance(s, ast.AsyncFunctionDef) and s.name == "generate_from_raw"]
    assert overloads
    for overload in overloads:
        assert overload.returns is not None
        assert ast.unparse(overload.returns).startswith(f"list[{completion}["), ast.unparse(overload)
