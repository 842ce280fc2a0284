"""The API names the thunk inference relies on (added to ``surface``) match mellea's runtime signatures."""

from __future__ import annotations

import importlib
import inspect

import pytest
from mellea.core import base
from mellea.core.backend import Backend
from mellea.stdlib import functional
from mellea_lint import surface


def returns(func: object) -> str:
    return str(inspect.signature(func).return_annotation)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(surface.THUNK_TUPLE_RETURNING_APIS))
def test_tuple_apis_return_thunk_then_context(name: str) -> None:
    assert returns(getattr(Backend, name)).startswith("tuple[mellea.core.base.ModelOutputThunk")


@pytest.mark.parametrize("name", sorted(surface.THUNK_LIST_RETURNING_APIS))
def test_list_apis_return_thunks(name: str) -> None:
    assert returns(getattr(Backend, name)) == "list[mellea.core.base.ModelOutputThunk]"


@pytest.mark.parametrize("name", sorted(surface.THUNK_OR_NONE_RETURNING_APIS))
def test_context_apis_return_a_thunk(name: str) -> None:
    assert returns(getattr(base.Context, name)) == "ModelOutputThunk | None"


def test_sampling_result_members() -> None:
    module, _, cls_name = surface.SAMPLING_RESULT_CLASS.rpartition(".")
    cls = getattr(importlib.import_module(module), cls_name)
    thunk = getattr(cls, surface.SAMPLING_RESULT_THUNK)
    assert "ComputedModelOutputThunk" in returns(thunk.fget)
    generations = inspect.signature(cls.__init__).parameters[surface.SAMPLING_RESULT_THUNK_LIST]
    assert "list[mellea.core.base.ComputedModelOutputThunk" in str(generations.annotation)


@pytest.mark.parametrize("name", sorted(surface.THUNK_RETURNING_APIS & {"instruct", "act", "aact", "ainstruct"}))
def test_sampling_flag_is_a_keyword_of_the_thunk_apis(name: str) -> None:
    assert surface.SAMPLING_RESULT_FLAG in inspect.signature(getattr(functional, name)).parameters
