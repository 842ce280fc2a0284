"""Shared fixtures: released mellea wheels, downloaded once from the package registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import wheel_tree

pytest_plugins = ["pytester"]  # tests/payloads drive the pytest plugin in a child run


@pytest.fixture(scope="session")
def mellea_060_tree() -> Path:
    return wheel_tree("0.6.0")


@pytest.fixture(scope="session")
def mellea_070_tree() -> Path:
    return wheel_tree("0.7.0")


@pytest.fixture(scope="session")
def mellea_080_tree() -> Path:
    return wheel_tree("0.8.0")
