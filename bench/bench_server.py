"""Language server: from sending ``didChange`` to receiving ``publishDiagnostics``, 1,000-line file.

``mellea-lint server`` (the console script of the venv running the benchmark, over stdio, driven
by the tests' LSP client ``tests/ide/lsp_client.py``) has ``MODULE`` open: a 1,000-line module
of application code that uses thunks through their public API, with a few private reads, a
misspelt provider literal and a ``# noqa`` among them (``FINDINGS`` findings), in a project whose
pyproject.toml has ``[tool.mellea-lint]``. Each round edits one line in the middle of the file
(the server asks for the whole text on each change, ``Full`` sync), sends ``didChange`` and
waits for the diagnostics of that version; the time is taken when the client's reader thread
receives them. A few untimed changes first warm the server. ``--runs`` is the number of timed
changes. Usage: python bench/bench_server.py [--runs N]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.envs import tool
from bench.report import main
from tests.ide.lsp_client import LspClient

LINES = 1000
WARMUP = 3

HEADER = '''\
"""Support answers: drafts, reviews and a usage ledger built on mellea thunks."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from mellea import MelleaSession
from mellea.core import ModelOutputThunk

log = logging.getLogger(__name__)
'''

BLOCK = '''

@dataclass
class Desk{n}:
    """Drafts answers for queue {n} and keeps what each one cost."""

    session: MelleaSession
    drafts: list[ModelOutputThunk[str]] = field(default_factory=list)
    tokens: Counter[str] = field(default_factory=Counter)

    def draft(self, question: str) -> ModelOutputThunk[str]:
        mot = self.session.instruct(f"Queue {n}: answer {{question}} in two sentences.")
        self.drafts.append(mot)
        return mot

    def cost(self, mot: ModelOutputThunk[str]) -> int:
        usage = mot.generation.usage
        spent = usage["completion_tokens"] if usage else 0
        self.tokens[mot.raw.provider or "unknown"] += spent
        return spent

    def provider_total(self, mot: ModelOutputThunk[str]) -> int:
        if mot.raw.provider == "openai":
            usage = mot.raw.response["usage"]
            return usage["total_tokens"] if usage else 0
        if mot.raw.provider == "ollama":
            return mot.raw.response.eval_count or 0
        return 0

    def text(self) -> str:
        done = [mot.value or "" for mot in self.drafts if mot.is_computed()]
        log.debug("queue {n}: %d of %d drafts done", len(done), len(self.drafts))
        return "\\n\\n".join(done)
'''

KINDS = {
    "usage": ('        usage = mot.generation.usage\n', '        usage = mot._meta["usage"]\n'),
    "provider": ('        if mot.raw.provider == "ollama":\n', '        if mot.raw.provider == "olama":\n'),
    "log": ('        log.debug("queue {n}: %d of %d drafts done", len(done), len(self.drafts))\n',
            '        log.debug("queue {n}: %s", [mot._generate_log for mot in self.drafts])\n'),
    "noqa": ('        return mot\n', '        print(mot._underlying_value)  # noqa: MOT001\n        return mot\n'),
}
"""What a block with a finding has instead of its plain line."""
FINDING_BLOCKS = {2: "usage", 5: "provider", 9: "log", 12: "noqa", 16: "usage", 20: "provider", 24: "log"}
FINDINGS = sum(kind != "noqa" for kind in FINDING_BLOCKS.values())
"""One finding in each listed block but the ``noqa`` one (MOT001 twice, MOT006 twice, ...)."""
EDITED = '        self.tokens[mot.raw.provider or "unknown"] += spent\n'


def module() -> str:
    """A realistic application module of exactly ``LINES`` lines with ``FINDINGS`` findings."""
    text, n = HEADER, 0
    while True:
        block = BLOCK.format(n=n)
        if n in FINDING_BLOCKS:
            plain, changed = (line.format(n=n) for line in KINDS[FINDING_BLOCKS[n]])
            assert plain in block, plain
            block = block.replace(plain, changed, 1)
        if text.count("\n") + block.count("\n") > LINES:
            break
        text, n = text + block, n + 1
    assert max(FINDING_BLOCKS) < n, n
    return text + "".join(f"# queue {n + i} is not staffed yet\n" for i in range(LINES - text.count("\n")))


def _edited(text: str, round_: int) -> str:
    """``text`` with one line in the middle changed (what typing a word does)."""
    middle = text.index(EDITED, len(text) // 2)
    changed = EDITED.replace('"unknown"', f'"unknown-{round_}"')
    return text[:middle] + changed + text[middle + len(EDITED):]


def measure(runs: int) -> list[str]:
    project = Path(tempfile.mkdtemp(prefix="bench-server-"))
    client = None
    try:
        (project / "pyproject.toml").write_text('[tool.mellea-lint]\nproducer-modules = ["mellea.backends"]\n')
        source = project / "desks.py"
        text = module()
        source.write_text(text)
        uri = source.as_uri()
        client = LspClient([tool("mellea-lint"), "server"], project, timeout=120)
        client.request("initialize", {"processId": None, "rootUri": project.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}})
        opened, _ = client.wait_for_publication(uri, lambda p: p.get("version") == 1)
        assert len(opened["diagnostics"]) == FINDINGS, opened["diagnostics"]
        samples = []
        for version in range(2, 2 + WARMUP + runs):
            changed = _edited(text, version)
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": changed}]})
            published, received = client.wait_for_publication(uri, lambda p, v=version: p.get("version") == v)
            assert len(published["diagnostics"]) == FINDINGS, published["diagnostics"]
            if version >= 2 + WARMUP:
                samples.append(1000 * (received - sent))
    finally:
        if client is not None:
            client.close()
        shutil.rmtree(project, ignore_errors=True)
    low, middle, high = min(samples), statistics.median(samples), max(samples)
    return [
        f"## language server, {LINES}-line file, {runs} changes",
        f"{'didChange -> publishDiagnostics':<34}  min {low:6.1f} ms  median {middle:6.1f} ms  max {high:6.1f} ms",
        f"note: {FINDINGS} findings published on every change; the whole text is sent (Full sync)",
        "",
    ]

if __name__ == "__main__":
    main(measure, __doc__, default_runs=30)
