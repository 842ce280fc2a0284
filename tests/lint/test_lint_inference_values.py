"""The inference's type values compare as frozen dataclasses did: by class and fields, so an
instance of a class is never its class; scopes and classes are equal only to themselves."""

from __future__ import annotations

import ast

from mellea_lint.inference import THUNK, ClassInfo, ClassRef, FuncRef, Inst, Module, Scope, Seq, Tup


def _class(source: str = "class C: pass") -> ClassInfo:
    module = Scope("module", None)
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ClassDef)
    return ClassInfo(node, module, Scope("class", module))


def test_equal_fields_of_one_class_are_one_value() -> None:
    cls = _class()
    assert Inst(cls) == Inst(cls)
    assert hash(Inst(cls)) == hash(Inst(cls))
    assert Seq(Tup((THUNK, None))) == Seq(Tup((THUNK, None)))
    assert len({Module("mellea.core"), Module("mellea.core")}) == 1


def test_the_same_fields_in_another_class_are_another_value() -> None:
    cls = _class()
    assert Inst(cls) != ClassRef(cls)
    assert not Inst(cls) == ClassRef(cls)  # ``==`` and ``!=`` are separate methods
    assert len({Inst(cls), ClassRef(cls)}) == 2
    assert Seq(THUNK) != Module(THUNK)
    assert Seq(THUNK) != (THUNK,)
    assert Tup((THUNK,)) != Seq(THUNK)
    assert Module("thunk") != "thunk"


def test_classes_and_scopes_are_equal_only_to_themselves() -> None:
    first, second = _class(), _class()
    assert first == first and first != second
    assert Inst(first) != Inst(second)
    function = ast.parse("def f(): pass").body[0]
    assert isinstance(function, ast.FunctionDef)
    scope = Scope("module", None)
    assert FuncRef(function, scope) == FuncRef(function, scope)
    assert FuncRef(function, scope) != FuncRef(function, Scope("module", None))
