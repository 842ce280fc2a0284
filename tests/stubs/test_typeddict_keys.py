"""The stub's TypedDicts have the keys the SDK models dump, so an SDK release that drifts
fails here. What mellea's backends store (including the streamed envelope its merge builds)
is checked on captured values in ``tests/backends/``. (watsonx.ai has no schema in its SDK.)"""

from __future__ import annotations

import pytest

from tools.payload_shapes import sdk_dump_keys
from tools.stub_typeddicts import typeddicts

SDK_KEYS = sdk_dump_keys()


@pytest.mark.parametrize("name", sorted(SDK_KEYS))
def test_typeddict_keys_match_the_sdk_dump(name: str) -> None:
    declared = typeddicts()[name]
    dumped = SDK_KEYS[name]
    assert dumped - set(declared.keys) == set(), f"{name} lacks {dumped - set(declared.keys)}"
    assert declared.required <= dumped, f"{name} requires keys the SDK does not dump: {declared.required - dumped}"
