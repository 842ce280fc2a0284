"""The result cache: reused when nothing changed, never when the file or the engine options did."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from cli_support import CLEAN, THUNK_USE, Lint, finding_lines
from mellea_lint import cache

CACHE = ".mellea-lint-cache"


def _poison(folder: Path) -> None:
    """Rewrite every cached message, so output that shows it can only come from the cache."""
    for file in folder.glob("results-*.json"):
        document = json.loads(file.read_text())
        for entry in document["files"].values():
            entry[1] = [[*row[:3], "FROM-CACHE", *row[4:]] for row in entry[1]]
        file.write_text(json.dumps(document))


def test_warm_run_reads_the_cache_and_changes_invalidate_it(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    (project / "other.py").write_text(THUNK_USE)
    cold = lint("check", ".")
    assert cold.returncode == 1 and "FROM-CACHE" not in cold.stdout
    assert (project / CACHE / ".gitignore").read_text().splitlines()[-1] == "*"
    _poison(project / CACHE)
    warm = lint("check", ".")
    assert [line.endswith("FROM-CACHE") for line in finding_lines(warm.stdout)] == [True, True]

    (project / "app.py").write_text(THUNK_USE + "\n")  # content changed: app.py is checked again
    edited = finding_lines(lint("check", ".").stdout)
    assert [line.split(":")[0] for line in edited] == ["app.py", "other.py"]
    assert [line.endswith("FROM-CACHE") for line in edited] == [False, True]

    (project / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["backends"]\n')
    reconfigured = finding_lines(lint("check", ".").stdout)
    assert len(reconfigured) == 2 and not any("FROM-CACHE" in line for line in reconfigured)

    assert all("FROM-CACHE" not in line for line in finding_lines(lint("check", "--no-cache", ".").stdout))


def test_select_and_ignore_filter_cached_results(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    assert lint("check", "--ignore", "MOT002", "app.py").returncode == 0
    assert lint("check", "app.py").returncode == 1


def test_no_cache_writes_nothing_and_cache_dir_moves_it(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(CLEAN)
    assert lint("check", "--no-cache", "app.py").returncode == 0
    assert not (project / CACHE).exists()
    assert lint("check", "--cache-dir", "elsewhere", "app.py").returncode == 0
    assert list((project / "elsewhere").glob("*.json")) and not (project / CACHE).exists()


def test_damaged_cache_is_ignored(project: Path, lint: Lint) -> None:
    (project / "app.py").write_text(THUNK_USE)
    lint("check", "app.py")
    for file in (project / CACHE).glob("results-*.json"):
        file.write_text('{"files": {"' + str(project / "app.py") + '": ["x", 5]}}')
    result = lint("check", "app.py")
    assert result.returncode == 1 and len(finding_lines(result.stdout)) == 1
    for file in (project / CACHE).glob("results-*.json"):
        file.write_text("not json")
    assert lint("check", "app.py").returncode == 1


def test_cache_follows_the_module_name(project: Path, lint: Lint) -> None:
    """Adding ``__init__.py`` files makes ``mellea/core/impl.py`` part of the internal package."""
    core = project / "mellea" / "core"
    core.mkdir(parents=True)
    (core / "impl.py").write_text(THUNK_USE)
    assert lint("check", "mellea/core/impl.py").returncode == 1
    (project / "mellea" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    assert lint("check", "mellea/core/impl.py").returncode == 0


def test_fingerprint_changes_with_the_package_sources(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.package_fingerprint(package)
    assert cache.package_fingerprint(package) == before
    rules = package / "rules.py"
    rules.write_text(rules.read_text() + "\n# edited\n")
    assert cache.package_fingerprint(package) != before


def _age(*files: Path) -> None:
    """Date ``files`` a minute back, past the window in which a stamp is not trusted."""
    for file in files:
        os.utime(file, ns=(time.time_ns() - 60 * 10**9,) * 2)


def _stamps(folder: Path) -> list[object]:
    return [entry[2] for file in folder.glob("results-*.json")
            for entry in json.loads(file.read_text())["files"].values()]


def test_a_file_changed_within_the_racy_window_keeps_no_stamp(project: Path, lint: Lint) -> None:
    """As git treats an index entry as racy: a file may still change within the same timestamp,
    so only its content digest is kept, and the stamp is taken once the file is older."""
    app = project / "app.py"
    app.write_text(THUNK_USE)
    lint("check", "app.py")
    assert _stamps(project / CACHE) == [None]
    _age(app)
    lint("check", "app.py")
    [stamp] = _stamps(project / CACHE)
    assert isinstance(stamp, list) and stamp[:2] == [app.stat().st_mtime_ns, app.stat().st_size]


def test_a_touched_file_is_read_again_and_its_unchanged_content_reuses_the_findings(
    project: Path, lint: Lint
) -> None:
    app = project / "app.py"
    app.write_text(THUNK_USE)
    _age(app)
    lint("check", "app.py")
    _poison(project / CACHE)
    os.utime(app, ns=(time.time_ns() - 30 * 10**9,) * 2)  # a checkout: new mtime, same bytes
    assert finding_lines(lint("check", "app.py").stdout)[0].endswith("FROM-CACHE")
    app.write_text(THUNK_USE.replace("mot._gen", "mot._gen "))  # one byte more: checked again
    _age(app)
    assert not finding_lines(lint("check", "app.py").stdout)[0].endswith("FROM-CACHE")


def test_a_file_with_its_stamp_unchanged_is_not_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mellea_lint import runner
    from mellea_lint.cache import ResultCache
    from mellea_lint.config import DEFAULTS

    app = project / "app.py"
    app.write_text(THUNK_USE)
    _age(app)
    first = runner.run([str(app)], DEFAULTS, jobs=1, cache=ResultCache(str(project / CACHE), DEFAULTS))
    monkeypatch.setattr(runner, "read_source", lambda path: pytest.fail(f"{path} was read"))
    again = runner.run([str(app)], DEFAULTS, jobs=1, cache=ResultCache(str(project / CACHE), DEFAULTS))
    assert again == first and [f.code for f in again] == ["MOT002"]
