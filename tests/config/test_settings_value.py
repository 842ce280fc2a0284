"""One settings value per run (``config.LintConfig``): every key of ``[tool.mellea-lint]`` is a
field of it, it is immutable and travels to worker processes, and every field that can change a
file's findings is part of the result cache's key (select/ignore are applied after the cache)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from mellea_lint.cache import ResultCache
from mellea_lint.config import AROUND_ENGINE, DEFAULTS, SETTINGS, LintConfig, load_config


def _other(value: object) -> object:
    """A value of the same kind as ``value`` that differs from it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, tuple):
        return (*value, "other")
    if isinstance(value, str):
        return value + "other"
    assert value is None, value
    return "0.7"


def test_every_key_of_the_table_is_a_field_of_the_settings() -> None:
    assert {s.field for s in SETTINGS} <= set(LintConfig._fields)


def test_settings_read_from_a_table_are_immutable_and_reach_worker_processes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mellea-lint]\nproducer-modules = ["app"]\nextra-providers = { mine = "app.types.Resp" }\n'
    )
    settings = load_config(tmp_path / "pyproject.toml", tmp_path)
    assert settings.extra_providers == ("mine",)
    assert hash(settings) == hash(settings._replace())  # no mutable field
    assert pickle.loads(pickle.dumps(settings)) == settings


@pytest.mark.parametrize("field", [f for f in LintConfig._fields if f not in AROUND_ENGINE])
def test_a_setting_the_engine_reads_selects_another_cache_document(tmp_path: Path, field: str) -> None:
    changed = DEFAULTS._replace(**{field: _other(getattr(DEFAULTS, field))})
    assert ResultCache(str(tmp_path), changed).file != ResultCache(str(tmp_path), DEFAULTS).file


@pytest.mark.parametrize("field", sorted(AROUND_ENGINE))
def test_a_setting_around_the_engine_keeps_the_cache_document(tmp_path: Path, field: str) -> None:
    changed = DEFAULTS._replace(**{field: _other(getattr(DEFAULTS, field))})
    assert ResultCache(str(tmp_path), changed).file == ResultCache(str(tmp_path), DEFAULTS).file
