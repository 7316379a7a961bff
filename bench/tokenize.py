"""Tokenizer throughput on news_paragraphs.txt, every path measured in the same run.

    .venv/bin/python bench/tokenize.py [--repeat 3] [--path ../shared/corpora/news_paragraphs.txt]

Prints MB/s (UTF-8 input bytes per second, best of --repeat runs) and each path's ratio to
Python's ``re.findall(r"(?u)\\b\\w\\w+\\b", s.lower())`` measured alongside. Machines are
noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import os
import sys

# This file's name shadows the standard library's `tokenize` (which pandas
# imports) when run as a script: take its folder off the import path first.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import textgauge as tg  # noqa: E402
from textgauge import _core  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news_paragraphs.txt"


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.path.exists():
        raise SystemExit(f"corpus not found: {args.path}")
    lines = args.path.read_text(encoding="utf-8").splitlines()
    mb = sum(len(line.encode()) for line in lines) / 1e6
    ascii_share = sum(line.isascii() for line in lines) / len(lines)
    print(f"{args.path.name}: {len(lines):,} paragraphs, {mb:.1f} MB, {ascii_share:.1%} of paragraphs ASCII")

    pattern = re.compile(r"(?u)\b\w\w+\b")

    def python_re() -> None:
        for line in lines:
            pattern.findall(line.lower())

    def corpus(threads: int, sentences: bool) -> Callable[[], object]:
        return lambda: tg.Corpus(threads=threads, sentences=sentences)._core.add(lines, threads=threads)

    paths: list[tuple[str, Callable[[], object]]] = [
        ("python re.findall(\\w\\w+) on s.lower()", python_re),
        ("raw ICU word BreakIterator loop", lambda: _core._testing.raw_icu_word_loop(lines)),
        ("ASCII path: tokenize + intern", lambda: _core._testing.extract_terms(lines, ascii_fast_path=True)),
        ("ICU path:   tokenize + intern", lambda: _core._testing.extract_terms(lines, ascii_fast_path=False)),
        ("Corpus: paragraphs+tokens+terms, 1 thread", corpus(1, False)),
        ("Corpus: + ICU sentences, 1 thread", corpus(1, True)),
        ("Corpus: + ICU sentences, 2 threads", corpus(2, True)),
    ]
    base = None
    print(f"{'path':45s} {'MB/s':>8s} {'x re':>7s}")
    for name, fn in paths:
        rate = mb / best(fn, args.repeat)
        base = base or rate
        print(f"{name:45s} {rate:8.1f} {rate / base:7.1f}")


if __name__ == "__main__":
    main()
