"""A Corpus holds at most 4x its UTF-8 text in memory (issue #17, "A compact Corpus").

Measured as the growth of the resident set of a fresh interpreter while it builds a
Corpus of about 12 MB of generated news-like paragraphs (conftest.local_paragraphs),
after a small corpus has loaded ICU's data and started the worker threads (a cost
paid once per process, not per corpus). The shared news_paragraphs.txt (20.4 MB)
measures 3.9x the same way without the warm-up (see docs/text.md).

Like that corpus, 99% of the paragraphs are ASCII: the str -> UTF-8 conversion of the
binding today leaves a cached UTF-8 copy inside every non-ASCII str it reads (Python's
PyUnicode_AsUTF8AndSize), which is the caller's memory, not the corpus's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

SCRIPT = """
import gc, json, sys
sys.path.insert(0, {here!r})
from conftest import local_paragraphs
import textgauge as tg

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096

base = local_paragraphs(2000, seed=1)
texts = []
while sum(len(t) for t in texts) < 12_000_000:
    texts.extend(base)
# Every paragraph its own str; like news_paragraphs.txt, 1 in 100 keeps its
# curly quotes (non-ASCII), the others have straight ones.
quotes = {{"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-"}}
straight = str.maketrans(quotes)
texts = [
    (t if i % 100 == 0 else t.translate(straight)) + f" Item {{i}}."
    for i, t in enumerate(texts)
]
size = sum(len(t.encode()) for t in texts)
warm = tg.Corpus.from_texts(texts[:500])
del warm
gc.collect()
before = rss()
corpus = tg.Corpus.from_texts(texts)
gc.collect()
print(json.dumps({{"bytes": size, "growth": rss() - before, "tokens": int(len(corpus.tokens))}}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_corpus_holds_at_most_four_times_its_text() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(here=str(HERE))],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["bytes"] > 12_000_000
    assert result["tokens"] > 2_000_000  # the corpus really holds every token
    assert result["growth"] <= 4 * result["bytes"], result
