"""The engine's records (the inference's type values, the visitor's uses) compare as frozen
dataclasses did: by class and fields, so an instance of a class is never its class; scopes and
classes are equal only to themselves."""

from __future__ import annotations

import ast
import inspect

import pytest
from mellea_lint import visitor
from mellea_lint.inference import (
    THUNK,
    ClassInfo,
    ClassRef,
    FuncRef,
    Inst,
    Module,
    Scope,
    Seq,
    Tup,
    Value,
)

VALUES = sorted(Value.__subclasses__(), key=lambda cls: cls.__name__)


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


def test_the_visitor_records_are_values_too() -> None:
    assert {visitor.MetaUse, visitor.AttributeUse, visitor.StringUse, visitor.ProviderUse, visitor.ImportUse} <= {*VALUES}


@pytest.mark.parametrize("cls", VALUES, ids=lambda cls: cls.__name__)
def test_every_value_field_is_a_slot_its_constructor_sets(cls: type[Value]) -> None:
    """``fields()`` reads the slots: a parameter left out of them (or one too many) would go unseen by ``==``."""
    assert tuple(inspect.signature(cls).parameters) == cls.__slots__
