"""The textgauge command line (also python -m textgauge).

Commands: sentiment, terms, keyness, collocations and demo. Inputs are files,
directories (recursive, --include glob) or - for stdin, as plain text, JSON Lines, CSV or
TSV (--format, by extension by default; --delimiter for other separators), gzip read
transparently. Output is CSV on stdout unless -o FILE (.csv, .jsonl, .parquet) says otherwise.

Every input unit gives its rows or one error row: with --on-error skip, a paragraph of a
text file that is not valid UTF-8 (at paragraph and sentence level), a JSON Lines record or
CSV row that does not parse, or a file that cannot be read becomes one error row naming the
file, line and byte offset, and everything else is processed. Empty input (an empty or blank
file, stop words only for terms) gives the header and no rows, exit code 0.
(This text is the --help description.)
"""

from __future__ import annotations

from collections.abc import Sequence

from .commands import (
    EXIT_INPUT_ERROR,
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_USAGE,
    build_parser,
    quiet_stdout,
    run,
)

__all__ = ["EXIT_INPUT_ERROR", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code (also for --help, --version and usage
    errors, which argparse ends with SystemExit).

    >>> main(["--version"])  # doctest: +ELLIPSIS
    textgauge ...
    0
    """
    try:
        try:
            args = build_parser(__doc__).parse_args(argv)
        except SystemExit as e:
            return e.code if isinstance(e.code, int) else EXIT_USAGE if e.code else EXIT_OK
        return run(args)
    except BrokenPipeError:  # `textgauge ... | head`: the reader has what it wanted; not an error
        quiet_stdout()
        return EXIT_OK
