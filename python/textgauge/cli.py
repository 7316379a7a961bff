"""The ``textgauge`` command line (also ``python -m textgauge``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK = 0
EXIT_USAGE = 2


def _demo(args: argparse.Namespace) -> int:
    from .demo import report

    text = None
    if args.path:
        with open(args.path, encoding="utf-8") as fh:
            text = fh.read()
    report(sys.stdout, text, paragraphs=args.paragraphs)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textgauge", description=__doc__)
    parser.add_argument("--version", action="version", version=f"textgauge {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="report on the bundled sample article (or a file)")
    demo.add_argument("path", nargs="?", help="a UTF-8 text file instead of the sample article")
    demo.add_argument("--paragraphs", choices=["blank", "line"], default="line")
    demo.set_defaults(func=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
