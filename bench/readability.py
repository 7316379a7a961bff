"""Readability throughput: ``Corpus.readability()`` on a fresh corpus (so the per-term syllable,
letter and easy-word properties are computed, not cached), on the news paragraphs and on
10,000 of them, against the same counts with the term properties made in Python by pyphen
(textgauge's counter before it moved to C++; the same numbers, checked here).

    .venv/bin/python bench/readability.py [--repeat 3] [--threads N]

Prints MB/s of UTF-8 text (the corpus is built outside the timed part) and the ratio.
Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import random
import re
from typing import Any

import numpy as np

import harness
import textgauge as tg
from textgauge import _core, _corpus
from textgauge.readability import _easy_words

_NONCONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_NONWORD = re.compile(r"[^\w\s\']")


def python_properties(vocab: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The term properties as textgauge computed them in Python, with pyphen."""
    import pyphen

    d = pyphen.Pyphen(lang="en_US", cache=False)
    easy = frozenset(_easy_words())
    forms = [_NONWORD.sub("", _NONCONTRACTION.sub("", t.lower())) for t in vocab]
    syl = np.fromiter((len(d.positions(f)) + 1 for f in forms), np.int32, len(vocab))
    letters = np.fromiter(
        (sum(1 for ch in t if ch.isalnum() or ch == "_") for t in vocab), np.int32, len(vocab)
    )
    is_easy = np.fromiter((f in easy for f in forms), np.uint8, len(vocab))
    return syl, letters, is_easy


def python_readability(corpus: tg.Corpus) -> dict[str, Any]:
    syl, letters, easy = python_properties(corpus.vocabulary)
    return _core.stats.readability_counts(
        _corpus.engine(corpus),
        level="document",
        kinds=["word", "number"],
        syllables=syl,
        letters=letters,
        easy=easy,
    )


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    lines = harness.require(harness.NEWS).read_text("utf-8").splitlines()
    paragraphs = [p for p in lines if p.strip()]
    sample = random.Random(1).sample(paragraphs, 10_000)
    for name, texts in (("10,000 news paragraphs", sample), ("news paragraphs", paragraphs)):
        run(name, texts, args.repeat, args.threads)


def run(name: str, texts: list[str], repeat: int, threads: int | None) -> None:
    mb = sum(len(t.encode()) for t in texts) / 1e6
    corpora = [tg.Corpus.from_texts(texts, threads=threads) for _ in range(repeat)]
    fresh = iter(corpora)
    t_tg, ours = harness.best_of(lambda: next(fresh).readability(), repeat)
    t_py, ref = harness.best_of(lambda: python_readability(corpora[0]), repeat)
    for k in ("syllables", "letters", "difficult", "polysyllables"):
        assert ours[k].tolist() == ref[k].tolist(), k
    print(
        f"{name} ({mb:.1f} MB, {len(corpora[0].vocabulary):,} terms): "
        f"C++ term properties {mb / t_tg:7.1f} MB/s, pyphen in Python {mb / t_py:6.1f} MB/s, "
        f"ratio {harness.ratio(t_py, t_tg)}"
    )


if __name__ == "__main__":
    main()
