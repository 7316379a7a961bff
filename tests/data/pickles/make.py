"""Writes one small pickle per stateful public textgauge class into this folder, named
``<Name>.v<format version>.pkl``; tests/python/test_pickles.py loads every stored pickle and
compares it with the object ``objects()`` makes now. Keep the old files: later textgauge
versions must keep loading them.

Run with the textgauge to record
(``PYTHONPATH=python:build/dev python tests/data/pickles/make.py``).
A textgauge without ``textgauge._pickle`` (0.1.0, before format versions) writes ``.v0`` files.
Nothing is overwritten: a pickle of a format version is made once.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEXTS = [
    "Prices rose. Traders cheered!\n\nThen they fell.",
    "New York is big. New York is old.",
    "Café prices rose again, and traders were not happy.",
]
# News text as it comes (HTML residue, a broken entity): for a cleaned corpus.
DIRTY = [
    "Wall Street #39;s &lt;b&gt;New York&lt;/b&gt; rally &amp; more.\n\nNew York is big.",
    "<p>I love New  York &#8212; and Wall Street\u2019s bankers.</p>",
]


def objects() -> dict[str, Any]:
    """Name -> a small object of each stateful public class (some twice, for another state
    layout), made the same way by every textgauge version."""
    import textgauge as tg
    from textgauge import sklearn as tgs
    from textgauge.partial import CollocationStats, GroupedTermStats

    lexicon = tg.Lexicon(
        {"good": 1.9, "bad": -2.5, "happy": 2.7, "not": 0.0}, {"\U0001f600": "grinning face"}
    )
    corpus = tg.Corpus.from_texts(TEXTS, ids=["a", "b", "c"], paragraphs="line", form="NFKC")
    count = tgs.CountVectorizer(ngram_range=(1, 2), min_df=1)
    count.fit(TEXTS)
    batches = tgs.CountVectorizer(max_features=6)  # partial_fit: pruned, with term_stats_
    batches.partial_fit(TEXTS[:2])
    batches.partial_fit(TEXTS[2:])
    fixed = tgs.CountVectorizer(vocabulary=["prices", "rose", "café", "york"])  # no term_stats_
    fixed.fit(TEXTS)
    tfidf = tgs.TfidfVectorizer(sublinear_tf=True, norm="l1")
    tfidf.fit(TEXTS)
    transformer = tgs.TfidfTransformer(smooth_idf=False)
    transformer.fit(count.transform(TEXTS))
    stats = _term_stats(count, TEXTS)
    out: dict[str, Any] = {
        "Lexicon": lexicon,
        "SentimentIntensityAnalyzer": tg.SentimentIntensityAnalyzer(lexicon, mode="fixed"),
        "Corpus": corpus,
        "Document": tg.Document("One paragraph.\n\nAnd a second one!", paragraphs="blank"),
        "CountVectorizer": count,
        "CountVectorizer-partial_fit": batches,
        "CountVectorizer-vocabulary": fixed,
        "TfidfVectorizer": tfidf,
        "TfidfTransformer": transformer,
        "HashingVectorizer": tgs.HashingVectorizer(n_features=2**8, ngram_range=(1, 2)),
        "TermStats": stats,
        "GroupedTermStats": GroupedTermStats.from_texts(TEXTS, ["x", "y", "x"], part=0),
        "CollocationStats": CollocationStats.from_texts(TEXTS, window=2),
    }
    if hasattr(tg, "Phrases"):  # new after 0.1.0 (see NEW_AFTER_0_1)
        out["Phrases"] = tg.Phrases(corpus, min_count=1, threshold=0.5, connector_words={"the"})
    if hasattr(tg, "clean"):  # new after 0.1.0 (see NEW_AFTER_0_1)
        out["Cleaner"] = tg.clean.cleaner(["html_entities", "urls"], placeholders={"urls": "<u>"})
        # Corpus format version 2: cleaned, then compounded twice (expressions and delimiters)
        dirty = tg.Corpus.from_texts(DIRTY, ids=["x", "y"], clean=True)
        out["Corpus-compounded"] = dirty.compound(["new york"]).compound(
            [["wall", "street's"]], delimiter="+"
        )
    if hasattr(tg, "Dictionary"):  # new after 0.1.0: no .v0 pickle (see NEW_AFTER_0_1)
        out["Dictionary"] = tg.Dictionary(
            {"economy": ["price*", "traders"], "place": {"city": ["new york"]}}
        )
    return out


# Classes (and forms of a class) that textgauge 0.1.0 did not have, so that it wrote no .v0
# pickle of them.
NEW_AFTER_0_1 = {"Dictionary", "Phrases", "Cleaner", "Corpus-compounded"}


def _term_stats(count: Any, texts: list[str]) -> Any:
    from textgauge import _core

    vectorize = getattr(_core, "vectorize", _core)  # the flat _core of 0.1.0
    fn = getattr(vectorize, "stats", None) or _core.vec_stats
    return fn(count._engine_options(), texts, threads=1)


def format_version(name: str, obj: Any) -> int:
    try:
        from textgauge import _pickle
    except ImportError:
        return 0
    return _pickle.version_of(type(obj))


def main() -> None:
    for name, obj in objects().items():
        path = HERE / f"{name}.v{format_version(name, obj)}.pkl"
        if path.exists():
            continue
        data = pickle.dumps(obj, protocol=4)
        path.write_bytes(data)
        print(f"{path.name}: {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
