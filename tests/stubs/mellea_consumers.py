"""mellea 0.8.0's own payload consumers, copied out of the installed wheel so the checkers
see them as user code: `Message._parse` (mellea/stdlib/components/chat.py) and
`extract_finish_reason` (cli/serve/utils.py). Relative imports become absolute so the copy
resolves to the installed mellea."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

IDIOMS_DIR = Path(__file__).resolve().parents[1] / "idioms"
PRODUCER_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fake_backend.py"
"""The demo's streaming test double: producer code checked with the idiom corpus."""
"""The idiom corpus: correct consumer code and its paired mistakes, checked with these copies."""

CONSUMERS = {  # copy name -> module
    "mellea_chat.py": "mellea.stdlib.components.chat",
    "mellea_serve_utils.py": "cli.serve.utils",
}
_RELATIVE = re.compile(r"^(\s*)from (\.+)([\w.]*) import", re.MULTILINE)


def absolute_imports(source: str, package: str) -> str:
    """Rewrite `from ..x import y` in a module of `package` as `from <package parent>.x import y`."""
    parts = package.split(".")

    def absolute(m: re.Match[str]) -> str:
        base = parts[: len(parts) - len(m[2]) + 1]
        return f"{m[1]}from {'.'.join([*base, m[3]] if m[3] else base)} import"

    return _RELATIVE.sub(absolute, source)


def write_mellea_consumers(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, module in CONSUMERS.items():
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None, module
        path = directory / name
        path.write_text(absolute_imports(Path(spec.origin).read_text(), module.rpartition(".")[0]))
        out.append(path)
    return out
