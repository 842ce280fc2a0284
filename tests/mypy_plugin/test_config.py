"""The plugin's settings: the shared [tool.mellea-lint] table, and the deprecated
[tool.mellea-mypy] / [mellea-mypy] sections (still read, with a one-line notice)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mellea_mypy import config

SHARED = (
    '[tool.mellea-lint]\ninternal-modules = ["mellea.core", "app.core"]\n'
    'producer-modules = ["app.backends"]\n[tool.mellea-lint.extra-providers]\nmine = "app.types.Resp"\n'
)


def test_defaults_come_from_the_surface_table(tmp_path: Path) -> None:
    from mellea_lint import surface

    assert config.load(None, cwd=tmp_path) == config.PluginConfig(
        surface.DEFAULT_INTERNAL_MODULES, surface.DEFAULT_PRODUCER_MODULES, {}
    )


@pytest.mark.parametrize("mypy_file", ["pyproject.toml", "mypy.ini", "setup.cfg"])
def test_shared_table_is_read_whatever_file_configures_mypy(
    tmp_path: Path, mypy_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(SHARED)
    if mypy_file != "pyproject.toml":
        (tmp_path / mypy_file).write_text("[mypy]\nplugins = mellea_mypy\n")
    cfg = config.load(str(tmp_path / mypy_file))
    assert cfg.internal_modules == ("mellea.core", "app.core")
    assert cfg.producer_modules == ("app.backends",)
    assert cfg.extra_providers == {"mine": "app.types.Resp"}
    assert cfg.cache_key() == {
        "internal_modules": ["mellea.core", "app.core"],
        "producer_modules": ["app.backends"],
        "extra_providers": {"mine": "app.types.Resp"},
        "detect_producers": True,
        "mellea_version": None,
    }
    assert capsys.readouterr().err == ""


def test_deprecated_toml_section_still_works_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.mellea-mypy]\nproducer_modules = ["app.backends"]\n')
    assert config.load(str(path)).producer_modules == ("app.backends",)
    (notice,) = capsys.readouterr().err.splitlines()
    assert "[tool.mellea-mypy] is deprecated" in notice and "[tool.mellea-lint]" in notice
    assert "producer-modules" in notice


@pytest.mark.parametrize(
    "text, expected",
    [("[tool.mellea-mypy]\ndetect_producers = false\n", False), ("[tool.mellea-mypy]\n", True)],
)
def test_detect_producers_toml(tmp_path: Path, text: str, expected: bool) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    assert config.load(str(path)).detect_producers is expected


def test_detect_producers_ini_and_bad_values(tmp_path: Path) -> None:
    ini = tmp_path / "mypy.ini"
    ini.write_text("[mypy]\n[mellea-mypy]\ndetect_producers = False\n")
    assert config.load(str(ini)).detect_producers is False
    ini.write_text("[mypy]\n[mellea-mypy]\ndetect_producers = maybe\n")
    with pytest.raises(config.ConfigError, match="detect-producers must be true or false"):
        config.load(str(ini))
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[tool.mellea-mypy]\ndetect_producers = "no"\n')
    with pytest.raises(config.ConfigError, match="detect-producers must be true or false"):
        config.load(str(toml))


@pytest.mark.parametrize("name", ["mypy.ini", "setup.cfg"])
def test_deprecated_ini_section_still_works(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text(
        "[mypy]\n[mellea-mypy]\ninternal_modules = mellea.core,\n  app.core\n"
        "extra_providers = a: x.A, b: y.z.B\n"
    )
    cfg = config.load(str(path))
    assert cfg.internal_modules == ("mellea.core", "app.core")
    assert cfg.producer_modules == ()
    assert cfg.extra_providers == {"a": "x.A", "b": "y.z.B"}
    assert "[mellea-mypy] is deprecated" in capsys.readouterr().err


def test_missing_sections_give_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mypy]\nstrict = true\n")
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    assert config.load(str(tmp_path / "pyproject.toml")) == config.PluginConfig()
    assert config.load(str(tmp_path / "mypy.ini")) == config.PluginConfig()


def test_one_setting_in_both_places_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["a"]\n')
    (tmp_path / "mypy.ini").write_text("[mypy]\n[mellea-mypy]\nproducer_modules = b\n")
    with pytest.raises(config.ConfigError, match="producer-modules is set in both"):
        config.load(str(tmp_path / "mypy.ini"))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('producer_modules = ["x"]', "unknown key 'producer_modules' in [tool.mellea-lint]; did you mean 'producer-modules'?"),
        ('mot-internal-modules = ["x"]', "did you mean 'internal-modules'?"),
        ('extra-provider = {}', "did you mean 'extra-providers'?"),
        ('colour = 1', "known keys: select, ignore, exclude, internal-modules, producer-modules, extra-providers"),
        ('internal-modules = "mellea.core"', "internal-modules must be a list of strings"),
        ('producer-modules = [1]', "producer-modules must be a list of strings"),
        ('producer-modules = ["not a module"]', "'not a module' is not a dotted module name"),
        ('extra-providers = ["x"]', "extra-providers must be a table"),
        ('extra-providers = {x = 1}', "extra-providers must be a table"),
        ('extra-providers = {x = "NoModule"}', "'x' needs a dotted type name"),
        ('extra-providers = {ollama = "a.B"}', "'ollama' is already a mellea provider"),
    ],
)
def test_shared_table_errors_name_the_key(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.mellea-lint]\n{table}\n")
    with pytest.raises(config.ConfigError) as exc:
        config.load(str(tmp_path / "pyproject.toml"))
    assert message in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("extra_provider = a: b.C", "unknown key 'extra_provider' in [mellea-mypy]; did you mean 'extra_providers'?"),
        ("extra_providers = a b.C", "entry 'a b.C' must be literal:dotted.Type"),
        ("internal_modules = a..b", "'a..b' is not a dotted module name"),
    ],
)
def test_deprecated_section_errors_name_the_key(tmp_path: Path, section: str, message: str) -> None:
    (tmp_path / "mypy.ini").write_text(f"[mypy]\n[mellea-mypy]\n{section}\n")
    with pytest.raises(config.ConfigError) as exc:
        config.load(str(tmp_path / "mypy.ini"))
    assert message in str(exc.value) and "\n" not in str(exc.value)
