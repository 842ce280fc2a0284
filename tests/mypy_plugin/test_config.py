"""Parsing of [tool.mellea-mypy] / [mellea-mypy]: strict, one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from mellea_mypy import config


def test_defaults_come_from_the_surface_table() -> None:
    from mellea_lint import surface

    assert config.load(None) == config.PluginConfig(
        surface.DEFAULT_INTERNAL_MODULES, surface.DEFAULT_PRODUCER_MODULES, {}
    )


def test_toml_section(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[tool.mellea-mypy]\ninternal_modules = ["mellea.core", "app.core"]\n'
        'producer_modules = ["app.backends"]\n[tool.mellea-mypy.extra_providers]\nmine = "app.types.Resp"\n'
    )
    cfg = config.load(str(path))
    assert cfg.internal_modules == ("mellea.core", "app.core")
    assert cfg.producer_modules == ("app.backends",)
    assert cfg.extra_providers == {"mine": "app.types.Resp"}
    assert cfg.cache_key() == {
        "internal_modules": ["mellea.core", "app.core"],
        "producer_modules": ["app.backends"],
        "extra_providers": {"mine": "app.types.Resp"},
        "mellea_version": None,
    }


@pytest.mark.parametrize("name", ["mypy.ini", "setup.cfg"])
def test_ini_section(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(
        "[mypy]\n[mellea-mypy]\ninternal_modules = mellea.core,\n  app.core\n"
        "extra_providers = a: x.A, b: y.z.B\n"
    )
    cfg = config.load(str(path))
    assert cfg.internal_modules == ("mellea.core", "app.core")
    assert cfg.producer_modules == ()
    assert cfg.extra_providers == {"a": "x.A", "b": "y.z.B"}


def test_missing_section_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mypy]\nstrict = true\n")
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    assert config.load(str(tmp_path / "pyproject.toml")) == config.PluginConfig()
    assert config.load(str(tmp_path / "mypy.ini")) == config.PluginConfig()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"internal_module": ["x"]}, "unknown key 'internal_module'"),
        ({"internal_modules": "mellea.core"}, "internal_modules must be a list of strings"),
        ({"producer_modules": [1]}, "producer_modules must be a list of strings"),
        ({"producer_modules": ["not a module"]}, "producer_modules: 'not a module' is not a dotted module name"),
        ({"extra_providers": ["x"]}, "extra_providers must be a table"),
        ({"extra_providers": {"x": 1}}, "extra_providers must be a table"),
        ({"extra_providers": {"x": "NoModule"}}, "'x' needs a dotted type name"),
        ({"extra_providers": {"ollama": "a.B"}}, "'ollama' is already a mellea provider"),
    ],
)
def test_toml_errors_name_the_key(section: dict[str, object], message: str) -> None:
    with pytest.raises(config.ConfigError) as exc:
        config.from_toml(section)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"extra_provider": "a: b.C"}, "unknown key 'extra_provider'"),
        ({"extra_providers": "a b.C"}, "entry 'a b.C' must be literal:dotted.Type"),
        ({"internal_modules": "a..b"}, "internal_modules: 'a..b' is not a dotted module name"),
    ],
)
def test_ini_errors_name_the_key(section: dict[str, str], message: str) -> None:
    with pytest.raises(config.ConfigError, match=message.replace(".", r"\.")):
        config.from_ini(section)
