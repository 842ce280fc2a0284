"""The README's settings table, rendered from :data:`mellea_mypy.config.SETTINGS`.

``python -m mellea_mypy.docs`` prints it; a test checks that the README carries it.
"""

from __future__ import annotations

from .config import SETTINGS


def settings_table() -> str:
    rows = [
        "| key | pyproject (`[tool.mellea-mypy]`) | mypy.ini / setup.cfg (`[mellea-mypy]`) | default | meaning |",
        "|---|---|---|---|---|",
    ]
    rows += [f"| `{s.key}` | {s.toml_type} | {s.ini_syntax} | `{s.default}` | {s.doc} |" for s in SETTINGS]
    return "\n".join(rows)


if __name__ == "__main__":
    print(settings_table())
