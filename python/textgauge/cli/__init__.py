"""The ``textgauge`` command line (also ``python -m textgauge``).

Commands: ``sentiment``, ``terms``, ``keyness``, ``collocations`` and ``demo``. Inputs are
files, directories (recursive, ``--include`` glob) or ``-`` for stdin, as plain text,
JSON Lines or CSV (``--format``, by extension by default), gzip read transparently.
Output is CSV on stdout unless ``-o FILE`` (.csv, .jsonl, .parquet) says otherwise.

Exit codes:
    0  every input was processed;
    1  an input error stopped the run (``--on-error fail``, the default);
    2  bad command line;
    3  the run finished, but some units could not be read and were written as error
       rows (``--on-error skip``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .commands import EXIT_INPUT_ERROR, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, build_parser, run

__all__ = ["EXIT_INPUT_ERROR", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code.

    >>> main(["--version"])  # doctest: +SKIP
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args)
    except BrokenPipeError:  # `textgauge ... | head`: not an error
        sys.stderr.close()
        return EXIT_OK
