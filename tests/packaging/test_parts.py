"""The four distributions as users get them: each part alone in its own environment, and all of them.

The wheels are the set the Makefile builds once (``build/wheel``); each environment mirrors
``.venv-nosdk`` (mellea and its base dependencies, no provider SDK) without any of our
distributions, then installs one part's closure with ``--no-deps --no-index --find-links``.
What each environment holds is then checked by what a user meets: the files, the entry points,
and what mypy infers for a provider payload (narrowed with the stubs, mellea's own
``Any | None`` without).
"""

from __future__ import annotations

import configparser
import email
import fcntl
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from mellea_lint.surface import PROVIDERS

from bench.corpus import CACHE
from bench.envs import NOSDK, OUR_DISTRIBUTION, mirror_without
from tools.typecheckers import reveal, without_typeddict_bodies

REPO = Path(__file__).resolve().parents[2]
WHEELS = REPO / "build" / "wheel"
PARTS = {"mellea-lint": "lint_rules", "mellea-stubs": "stubs", "mellea-mypy": "mypy_plugin"}
PACKAGE = {"mellea-lint": "mellea_lint", "mellea-stubs": "mellea-stubs", "mellea-mypy": "mellea_mypy"}

PAYLOAD = """\
from mellea.core.base import ModelOutputThunk


def payload(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "openai":
        reveal_type(mot.raw.response)
"""


def _wheel(dist: str) -> zipfile.ZipFile:
    found = sorted(WHEELS.glob(f"{dist.replace('-', '_')}-*.whl"))
    assert len(found) == 1, f"expected one {dist} wheel in {WHEELS} (run: make .venv/bin/.project)"
    return zipfile.ZipFile(found[0])


def _metadata(dist: str) -> email.message.Message:
    wheel = _wheel(dist)
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.message_from_bytes(wheel.read(name))


def _requires(dist: str) -> dict[str, str]:
    """Unconditional requirements (no extra marker): name -> the whole specifier."""
    found = {}
    for spec in _metadata(dist).get_all("Requires-Dist") or []:
        if "extra ==" not in spec:
            found[re.match(r"[A-Za-z0-9_.-]+", spec).group(0)] = spec
    return found


def _closure(dist: str) -> list[str]:
    """``dist`` and the distributions of ours it requires, as pip would resolve them."""
    todo, seen = [dist], []
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.append(name)
            todo += [r for r in _requires(name) if r in (*PARTS, "mellea-typing")]
    return seen


def _payload_type(python: Path, work: Path) -> str:
    work.mkdir(parents=True, exist_ok=True)
    source = work / "payload.py"
    source.write_text(PAYLOAD)
    (note,) = [d for d in reveal("mypy", [source], python, work / "mypy") if "Revealed type" in d.message]
    return note.message


def _run(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)


ENVS = ("mellea-lint", "mellea-stubs", "mellea-mypy", "mellea-typing")


@pytest.fixture(scope="module", params=ENVS)
def installed(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(distribution asked for, the python of an environment holding it and no other part of ours).

    The environment is kept under ``.cache/bench`` (one per distribution, so mypy's cache there
    stays warm) and re-made, under a file lock (pytest-xdist), when the wheels change.
    """
    dist = request.param
    with open(CACHE / f".parts-{dist}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        python = mirror_without(NOSDK, f"parts-{dist}", OUR_DISTRIBUTION, parent=CACHE)
        stamp = python.parent.parent / "parts.txt"
        wanted = "\n".join(f"{w.name} {w.stat().st_mtime_ns}" for w in sorted(WHEELS.glob("*.whl")))
        if not stamp.is_file() or stamp.read_text() != wanted:
            _reinstall(python, _closure(dist))
            stamp.write_text(wanted)
    return dist, python


def _reinstall(python: Path, dists: list[str]) -> None:
    """Remove whatever of ours is in the environment, then install ``dists`` from the wheel set."""
    site = Path(_run(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    for entry in site.iterdir():
        if entry.name.startswith(OUR_DISTRIBUTION) and not entry.is_symlink():
            shutil.rmtree(entry)
    (python.parent / "mellea-lint").unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", "--find-links", str(WHEELS), *dists],
        check=True, timeout=300,
    )


def _our_installed(python: Path) -> set[str]:
    code = "import importlib.metadata as m; print('\\n'.join(d.metadata['Name'] for d in m.distributions()))"
    names = set(_run(python, code).stdout.split())
    return {n for n in names if n in (*PARTS, "mellea-typing")}


EXPECTED = {
    "mellea-lint": {"mellea-lint"},
    "mellea-stubs": {"mellea-stubs"},
    "mellea-mypy": {"mellea-mypy", "mellea-lint"},
    "mellea-typing": {"mellea-typing", *PARTS},
}


def test_each_install_holds_its_part_and_nothing_else(installed: tuple[str, Path]) -> None:
    dist, python = installed
    assert _our_installed(python) == EXPECTED[dist]
    site = Path(_run(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    for part, package in PACKAGE.items():
        assert (site / package).is_dir() == (part in EXPECTED[dist]), (dist, package)


def test_payload_type_depends_on_the_stubs_only(installed: tuple[str, Path], tmp_path: Path) -> None:
    """The lint gate and the plugin alone leave mypy's view of mellea as it was."""
    dist, python = installed
    shown = _payload_type(python, tmp_path)
    if "mellea-stubs" in EXPECTED[dist]:
        openai = next(p.response for p in PROVIDERS if p.literal == "openai")
        narrowed = without_typeddict_bodies(shown.removeprefix('Revealed type is "').removesuffix('"'))
        assert {t.strip().rsplit(".", 1)[-1] for t in narrowed.split("|")} == {
            t.strip().rsplit(".", 1)[-1] for t in openai.split("|")}, shown
    else:
        assert shown == 'Revealed type is "Any | None"', shown


def test_lint_gate_runs_and_registers_with_flake8(installed: tuple[str, Path]) -> None:
    dist, python = installed
    if "mellea-lint" not in EXPECTED[dist]:
        pytest.skip(f"{dist} does not install the lint gate")
    cli = python.parent / "mellea-lint"
    result = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "mellea-lint 0.1.0\n", result
    code = ("import importlib.metadata as m; "
            "print([e.value for e in m.entry_points(group='flake8.extension', name='MOT')])")
    assert _run(python, code).stdout.strip() == "['mellea_lint.flake8_plugin:MotChecker']"


def test_plugin_reads_the_surface_table_from_the_lint_part(installed: tuple[str, Path]) -> None:
    dist, python = installed
    result = _run(python, "import mellea_mypy.config as c; print(c.PluginConfig().internal_modules)")
    if "mellea-mypy" in EXPECTED[dist]:
        assert result.returncode == 0 and result.stdout == "('mellea.core',)\n", result.stderr
    else:
        assert "No module named 'mellea_mypy'" in result.stderr, result.stderr


def test_wheels_hold_one_package_each() -> None:
    for dist, package in PACKAGE.items():
        tops = {n.split("/", 1)[0] for n in _wheel(dist).namelist() if ".dist-info/" not in n}
        assert tops == {package}, (dist, tops)
    assert [n for n in _wheel("mellea-typing").namelist() if ".dist-info/" not in n] == []


def test_stub_package_is_partial_and_mirrors_mellea() -> None:
    wheel = _wheel("mellea-stubs")
    assert wheel.read("mellea-stubs/py.typed") == b"partial\n"
    stub_files = [n for n in wheel.namelist() if n.startswith("mellea-stubs/")]
    # No __init__.pyi: it would hide the runtime mellea/__init__.py from every checker.
    assert not [n for n in stub_files if n.endswith("__init__.pyi")]
    assert all(n.endswith((".pyi", "py.typed")) for n in stub_files)


def test_entry_points_live_in_the_lint_part() -> None:
    for dist in ("mellea-typing", "mellea-stubs", "mellea-mypy"):
        assert not [n for n in _wheel(dist).namelist() if n.endswith("entry_points.txt")], dist
    wheel = _wheel("mellea-lint")
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(name).decode())
    assert parser["flake8.extension"]["MOT"] == "mellea_lint.flake8_plugin:MotChecker"
    assert parser["console_scripts"]["mellea-lint"] == "mellea_lint.script:main"


def test_requirements_point_at_the_parts_of_this_checkout() -> None:
    """The root requires the three parts, the plugin the lint part; the lint part no part at all."""
    assert {n: s.split(" @ ")[1] for n, s in _requires("mellea-typing").items()} == {
        dist: (REPO / folder).as_uri() for dist, folder in PARTS.items()
    }
    assert _requires("mellea-mypy")["mellea-lint"].split(" @ ")[1] == (REPO / "lint_rules").as_uri()
    assert not set(_requires("mellea-lint")) & {"mellea-typing", *PARTS}
    assert not _requires("mellea-stubs")


def _project(folder: str) -> dict:
    return tomllib.loads((REPO / folder / "pyproject.toml").read_text())["project"]


def test_versions_and_extras_agree_across_the_parts() -> None:
    root = _project(".")
    for folder in PARTS.values():
        part = _project(folder)
        assert part["version"] == root["version"] and part["requires-python"] == root["requires-python"]
        for extra, specs in part.get("optional-dependencies", {}).items():
            assert root["optional-dependencies"][extra] == specs, (folder, extra)
