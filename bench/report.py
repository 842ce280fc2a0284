"""How every benchmark prints: a table of medians, then ratio lines with their targets."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence


def medians_table(title: str, medians: Mapping[str, float], unit: str = "s") -> list[str]:
    width = max(len(name) for name in medians)
    return [f"## {title}", f"{'case':<{width}}  median", *(
        f"{name:<{width}}  {value:8.3f} {unit}" for name, value in medians.items())]


def section(title: str, medians: Mapping[str, float], ratios: Sequence[str],
            notes: Sequence[str] = (), unit: str = "s") -> list[str]:
    """The lines one benchmark prints (``ratios`` come from ``timing.ratio_line``)."""
    return [*medians_table(title, medians, unit), *ratios, *(f"note: {n}" for n in notes), ""]


def main(measure: Callable[[int], list[str]], doc: str | None, default_runs: int = 5) -> None:
    """The command line every benchmark script shares: ``--runs N``."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--runs", type=int, default=default_runs, help="timed rounds after one warm-up")
    print("\n".join(measure(parser.parse_args().runs)))
