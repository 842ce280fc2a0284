"""The pure-Python floor: ``ast.parse`` every file and walk it, with N worker processes.

Usage: python bench/floor.py [--jobs N] PATH...
"""

from __future__ import annotations

import argparse
import ast
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _parse_and_walk(path: str) -> int:
    tree = ast.parse(Path(path).read_bytes(), filename=path)
    return sum(1 for _ in ast.walk(tree))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    files = [str(f) for p in args.paths for f in sorted(Path(p).rglob("*.py"))]
    with ProcessPoolExecutor(args.jobs) as pool:
        nodes = sum(pool.map(_parse_and_walk, files, chunksize=16))
    print(f"{len(files)} files, {nodes} nodes")


if __name__ == "__main__":
    main()
