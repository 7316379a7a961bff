"""No leaks across the binding: resident memory stays flat over a million calls.

RSS (from /proc/self/statm) is read after a warm-up of 200k calls and again
after 1M; the difference must stay within a small margin. A leak of even
4 bytes per call would show as 3.2 MB over the last 800k calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

import textgauge as tg
from textgauge.sklearn import CountVectorizer

pytestmark = [
    pytest.mark.slow,  # each test measures memory over a million calls
    pytest.mark.skipif(
        not os.path.exists("/proc/self/statm"), reason="needs Linux /proc/self/statm"
    ),
]

PAGE = os.sysconf("SC_PAGE_SIZE")
MARGIN = 3 * 1024 * 1024

TEXTS = [
    "good",
    "not bad at all!",
    "I \u2764\ufe0f it \U0001f600",
    "caf\udce9 is GREAT",  # a lone surrogate
    "The food was NOT very good, but the service was kind of great!!",
    "",
    "   ",
    "\x00nul\x00",
]


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def growth(step: Callable[[int], object], warm: int, total: int) -> int:
    for i in range(warm):
        step(i)
    before = rss()
    for i in range(warm, total):
        step(i)
    return rss() - before


def test_polarity_scores_million_calls() -> None:
    sia = tg.SentimentIntensityAnalyzer()
    texts, n = TEXTS, len(TEXTS)
    ps = sia.polarity_scores
    grew = growth(lambda i: ps(texts[i % n]), 200_000, 1_000_000)
    assert grew < MARGIN, grew


def test_batch_calls_and_raised_errors() -> None:
    sia = tg.SentimentIntensityAnalyzer()
    batch = TEXTS * 50  # 400 texts per call: 1M texts in 2,500 calls
    assert growth(lambda i: sia.score(batch, threads=1), 500, 2_500) < MARGIN

    def decode_error(i: int) -> None:
        try:
            tg.Document(b"price \xa3100" if i % 2 else "caf\udce9")
        except tg.DecodeError:
            return
        raise AssertionError("no DecodeError")

    assert growth(decode_error, 10_000, 50_000) < MARGIN

    cv = CountVectorizer(ngram_range=(1, 2)).fit(TEXTS)
    analyze = cv.build_analyzer()
    docs = list(TEXTS)
    assert (
        growth(lambda i: (cv.transform(docs), analyze(docs[i % len(docs)])), 4_000, 20_000) < MARGIN
    )
