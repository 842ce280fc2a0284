"""The ``mellea-lint`` script and ``python -m mellea_lint``: the CLI, without a last garbage
collection.

An exiting interpreter runs one full collection, which traverses every object the run made:
about a tenth of a warm check's instructions, for nothing, since the files are closed and the
memory goes back to the system. ``gc.freeze()`` moves every object out of its reach first.
Only the script does this: a process that calls :func:`mellea_lint.cli.main` and goes on (a
test) keeps its collector as it was.
"""

import gc

from mellea_lint.cli import main as run


def main() -> int:
    """Entry point of the ``mellea-lint`` script; returns the exit code."""
    try:
        return run()
    finally:
        gc.freeze()
