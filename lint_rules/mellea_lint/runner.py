"""Check many files: answer what the cache knows, parse the rest in parallel.

The checked code is only read and parsed (``ast``), never imported or executed.
Few or small files are checked in this process; more go to a pool of forked worker
processes (``--jobs``, default: CPU count) that inherit the imported engine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mellea_lint.cache import ResultCache, Stamp, content_hash, file_stamp
from mellea_lint.filecheck import check_bytes, read_source
from mellea_lint.findings import TOO_COMPLEX, Finding, file_error
from mellea_lint.modules import module_name_for

if TYPE_CHECKING:
    from mellea_lint.config import LintConfig

SERIAL_MAX_FILES = 8
SERIAL_MAX_BYTES = 256 * 1024
"""Below either bound a process pool costs more than it saves."""


def default_jobs() -> int:
    return os.cpu_count() or 1


def run(
    files: Sequence[str], settings: LintConfig, *, jobs: int, cache: ResultCache | None
) -> list[Finding]:
    """Findings of every file (``noqa`` applied, select/ignore not yet), in file order."""
    results: dict[str, list[Finding]] = {}
    pending: list[tuple[str, bytes, str]] = []
    stamps: dict[str, Stamp | None] = {}
    for path in files:
        stamp = stamps[path] = file_stamp(path) if cache is not None else None
        cached = cache.by_stamp(path, stamp) if cache is not None and stamp is not None else None
        if cached is not None:
            results[path] = cached
            continue
        data = read_source(path)
        if isinstance(data, Finding):
            results[path] = [data]
            continue
        module = stamp[3] if stamp is not None else module_name_for(path)
        digest = f"{content_hash(data)}:{module}"  # an added __init__.py renames the module
        cached = cache.get(path, digest, stamp) if cache is not None else None
        if cached is None:
            pending.append((path, data, digest))
        else:
            results[path] = cached
    for (path, _, digest), findings in zip(pending, _check_all(pending, settings, jobs), strict=True):
        results[path] = findings
        if cache is not None and not any(f.code == TOO_COMPLEX for f in findings):
            cache.put(path, digest, findings, stamps[path])
    if cache is not None:
        cache.save()
    return [finding for path in files for finding in results[path]]


def _check_all(
    pending: Sequence[tuple[str, bytes, str]], settings: LintConfig, jobs: int
) -> list[list[Finding]]:
    total = sum(len(data) for _, data, _ in pending)
    if jobs <= 1 or len(pending) < SERIAL_MAX_FILES or total < SERIAL_MAX_BYTES:
        return [check_bytes(path, data, settings) for path, data, _ in pending]
    import multiprocessing  # only on this path: process pools are slow to import
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(pending))
    chunk = max(1, len(pending) // (workers * 4))
    results: list[list[Finding]] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            paths = [path for path, _, _ in pending]
            datas = [data for _, data, _ in pending]
            settings_each = [settings] * len(paths)
            results.extend(pool.map(check_bytes, paths, datas, settings_each, chunksize=chunk))
    except BrokenProcessPool:
        message = "too complex: the checker process crashed on this file or one checked with it"
        results += [[file_error(path, TOO_COMPLEX, message)] for path, _, _ in pending[len(results):]]
    return results
