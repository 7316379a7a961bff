"""Cleaning throughput on news_paragraphs.txt, each step beside textacy 0.13.0's in the same run.

    .venv/bin/python bench/clean.py [--repeat 1] [--limit 20000] [--path PATH]

Prints, per step, MB/s of textgauge (one thread, one C++ call for all paragraphs) and of
textacy's function over the same paragraphs, the ratio, and whether the outputs are equal.
Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textacy import preprocessing as pp

import harness
import textgauge as tg

TEXTACY: dict[str, Callable[[str], str]] = {
    "urls": pp.replace.urls,
    "emails": pp.replace.emails,
    "phone_numbers": pp.replace.phone_numbers,
    "numbers": pp.replace.numbers,
    "currency_symbols": pp.replace.currency_symbols,
    "emojis": pp.replace.emojis,
    "hashtags": pp.replace.hashtags,
    "user_handles": pp.replace.user_handles,
    "hyphenated_words": pp.normalize.hyphenated_words,
    "whitespace": pp.normalize.whitespace,
    "quotes": pp.normalize.quotation_marks,
    "unicode": pp.normalize.unicode,
    "punctuation": pp.remove.punctuation,
    "brackets": pp.remove.brackets,
    "accents": pp.remove.accents,
}


def _textacy_run(f: Callable[[str], str], lines: list[str]) -> Callable[[], list[str]]:
    return lambda: [f(t) for t in lines]


def _tg_run(cleaner: tg.clean.Cleaner, lines: list[str]) -> Callable[[], list[str]]:
    return lambda: cleaner.clean(lines, threads=1)


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--path", type=Path, default=harness.NEWS)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--limit", type=int, default=20000, help="paragraphs (0: all)")
    args = ap.parse_args()
    lines = harness.require(args.path).read_text(encoding="utf-8").splitlines()
    if args.limit:
        lines = lines[: args.limit]
    mb = sum(len(line.encode()) for line in lines) / 1e6
    print(f"{args.path.name}: {len(lines):,} paragraphs, {mb:.1f} MB")
    print(f"{'step':18s} {'textacy MB/s':>13s} {'tg MB/s':>9s} {'x textacy':>10s}  equal")
    for step, f in TEXTACY.items():
        ref_s, want = harness.best_of(_textacy_run(f, lines), args.repeat)
        ours_s, got = harness.best_of(_tg_run(tg.clean.cleaner([step]), lines), args.repeat)
        print(
            f"{step:18s} {mb / ref_s:13.1f} {mb / ours_s:9.1f} {harness.ratio(ref_s, ours_s, 10)}"
            f"  {got == want}"
        )
    news_s = harness.best(lambda: tg.clean.cleaner(True).clean(lines, threads=1), args.repeat)
    print(f"clean=True (news cleaning), one thread: {mb / news_s:.1f} MB/s")


if __name__ == "__main__":
    main()
