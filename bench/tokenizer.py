"""Tokenizer throughput on news_paragraphs.txt, every path measured in the same run.

    .venv/bin/python bench/tokenizer.py [--repeat 3] [--path ../shared/corpora/news_paragraphs.txt]

Prints MB/s (UTF-8 input bytes per second, best of --repeat runs) and each path's ratio to
Python's ``re.findall(r"(?u)\\b\\w\\w+\\b", s.lower())`` measured alongside. Machines are
noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import harness
import textgauge as tg
from textgauge import _core


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--path", type=Path, default=harness.NEWS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    lines = harness.require(args.path).read_text(encoding="utf-8").splitlines()
    mb = sum(len(line.encode()) for line in lines) / 1e6
    ascii_share = sum(line.isascii() for line in lines) / len(lines)
    print(
        f"{args.path.name}: {len(lines):,} paragraphs, {mb:.1f} MB, "
        f"{ascii_share:.1%} of paragraphs ASCII"
    )

    pattern = re.compile(r"(?u)\b\w\w+\b")

    def python_re() -> None:
        for line in lines:
            pattern.findall(line.lower())

    def corpus(threads: int, sentences: bool) -> Callable[[], object]:
        return lambda: tg.Corpus(threads=threads, sentences=sentences)._core.add(
            lines, threads=threads
        )

    paths: list[tuple[str, Callable[[], object]]] = [
        ("python re.findall(\\w\\w+) on s.lower()", python_re),
        ("raw ICU word BreakIterator loop", lambda: _core._testing.raw_icu_word_loop(lines)),
        (
            "ASCII path: tokenize + intern",
            lambda: _core._testing.extract_terms(lines, ascii_fast_path=True),
        ),
        (
            "ICU path:   tokenize + intern",
            lambda: _core._testing.extract_terms(lines, ascii_fast_path=False),
        ),
        ("Corpus: paragraphs+tokens+terms, 1 thread", corpus(1, False)),
        ("Corpus: + ICU sentences, 1 thread", corpus(1, True)),
        ("Corpus: + ICU sentences, 2 threads", corpus(2, True)),
    ]
    base = None
    print(f"{'path':45s} {'MB/s':>8s} {'x re':>8s}")
    for name, fn in paths:
        seconds = harness.best(fn, args.repeat)
        base = base or seconds
        print(f"{name:45s} {mb / seconds:8.1f} {harness.ratio(base, seconds, 7)}")


if __name__ == "__main__":
    main()
