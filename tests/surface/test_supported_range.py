"""The supported mellea range: one constant in surface.py, the same in every package's
metadata, and the version arithmetic the tools use to decide when to say so."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from mellea_lint import surface

REPO = Path(__file__).resolve().parents[2]
_SKIPPED = {".venv", ".venv-nosdk", ".cache", "build", ".git", "node_modules"}


def _pyprojects() -> list[Path]:
    return sorted(
        p for p in REPO.rglob("pyproject.toml")
        if not _SKIPPED & set(p.relative_to(REPO).parts) and "fixtures" not in p.parts
    )


def _mellea_requirements(pyproject: Path) -> list[str]:
    """Every requirement on the ``mellea`` distribution the file's [project] declares."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return [s for s in specs if re.match(r"mellea\s*(\[|[<>=!~;]|$)", s)]


def test_every_package_that_names_mellea_states_the_supported_range() -> None:
    found = {p: _mellea_requirements(p) for p in _pyprojects()}
    naming = {p: reqs for p, reqs in found.items() if reqs}
    assert naming, "no pyproject.toml states the supported mellea range"
    for path, reqs in naming.items():
        for req in reqs:
            spec = re.sub(r"^mellea\s*(\[[^\]]*\])?", "", req).split(";")[0].replace(" ", "")
            assert spec == surface.SUPPORTED_MELLEA, f"{path.relative_to(REPO)}: {req!r}"


def test_the_range_is_the_table_newest_minor() -> None:
    newest = surface.RELEASES[-1]
    major, minor = newest.split(".")
    assert surface.SUPPORTED_MELLEA == f">={newest},<{major}.{int(minor) + 1}"
    assert surface.minor_release(surface.MELLEA_VERSION) == newest


@pytest.mark.parametrize(
    "version, supported",
    [("0.8.0", True), ("0.8.3", True), ("0.8", True), ("0.8.1rc1", True),
     ("0.7.0", False), ("0.9.0", False), ("0.9.0rc1", False), ("1.0.0", False), ("0.10.0", False),
     ("0.6.2", False), ("", False), ("unknown", False)],
)
def test_is_supported(version: str, supported: bool) -> None:
    assert surface.is_supported(version) is supported


@pytest.mark.parametrize(
    "version, release",
    [("0.6.0", "0.6"), ("0.7.3", "0.7"), ("0.8.0", "0.8"), ("0.5.1", "0.6"), ("0.9.0", "0.8"),
     ("0.10.0", "0.8"), ("1.0", "0.8")],
)
def test_table_release_is_the_nearest_known_release(version: str, release: str) -> None:
    assert surface.table_release(version) == release


def test_mellea_in_use_prefers_the_setting_then_the_installed_release() -> None:
    assert surface.mellea_in_use("0.7") == surface.MelleaInUse("0.7", "configured")
    installed = surface.installed_mellea()
    assert installed == surface.MELLEA_VERSION  # the test environment pins it
    assert surface.mellea_in_use(None) == surface.MelleaInUse(installed, "installed")


def test_out_of_range_line_names_the_version_and_the_range() -> None:
    line = surface.MelleaInUse("0.7.0", "installed").out_of_range_line("mellea-lint")
    assert line is not None and "\n" not in line
    assert "mellea 0.7.0 is installed" in line and surface.SUPPORTED_MELLEA in line
    assert line.startswith("mellea-lint: ")
    assert surface.MelleaInUse("0.8.2", "installed").out_of_range_line("mellea-lint") is None


@pytest.mark.parametrize("value", ["0.7", "0.7.0", "0.6", "0.8.1"])
def test_release_setting_accepts_table_releases(value: str) -> None:
    assert surface.check_release_setting(value) == value


@pytest.mark.parametrize("value", ["0.5", "0.9", "seven", "", 0.7, None, ["0.7"]])
def test_release_setting_rejects_others(value: object) -> None:
    with pytest.raises(ValueError, match="known: 0.6, 0.7, 0.8"):
        surface.check_release_setting(value)


def test_installed_mellea_agrees_with_importlib_metadata() -> None:
    from importlib import metadata

    assert surface.installed_mellea() == metadata.version("mellea")
