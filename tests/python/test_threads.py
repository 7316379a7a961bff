"""Thread safety: shared objects used from 8 Python threads give the sequential
results, and no result depends on the ``threads=``/``n_jobs=`` count."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderSIA

import textgauge as tg
from textgauge.sklearn import CountVectorizer, HashingVectorizer, TfidfVectorizer
from textgauge.terms import dtm

WORDS = ("good", "bad", "love", "hate", "not", "very", "kind", "of", "but", "never", "so", "GREAT",
         "HORRIBLE", "the", "market", "rallied", "café", "naïve", "你好", "😀", "👍🏽", ":)", "!", "?",
         "1,250", "don't", "isn’t", "lol", "at", "least", "U.S.", "Привет", "\n\n", "\n", "okay.")


def make_texts(n: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40))) for _ in range(n)]


TEXTS = make_texts(1_500)


def in_threads(fn: Callable[[int], Any], n: int = 8) -> list[Any]:
    """Runs fn(i) on n threads released together; re-raises the first failure."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn(i)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def rotated(i: int) -> list[str]:
    """A different order per thread, so threads do not run in lockstep on the same text."""
    k = (i * 187) % len(TEXTS)
    return TEXTS[k:] + TEXTS[:k]


def unrotate(i: int, values: list[Any]) -> list[Any]:
    k = (i * 187) % len(TEXTS)
    return values[len(TEXTS) - k:] + values[:len(TEXTS) - k]


def test_shared_sentiment_analyzer() -> None:
    sia = tg.SentimentIntensityAnalyzer()
    sequential = [sia.polarity_scores(t) for t in TEXTS]
    ref = VaderSIA()
    assert sequential[:300] == [ref.polarity_scores(t) for t in TEXTS[:300]]
    batch = sia.score(TEXTS, threads=1)

    def work(i: int) -> tuple[list[dict[str, float]], Any, list[Any]]:
        one = unrotate(i, [sia.polarity_scores(t) for t in rotated(i)])
        many = sia.score(rotated(i), threads=2)
        explained = [sia.explain(t).attrs["scores"] for t in TEXTS[i::50]]
        return one, many, explained

    for i, (one, many, explained) in enumerate(in_threads(work)):
        assert one == sequential
        assert unrotate(i, many.to_dict("records")) == batch.to_dict("records")
        assert explained == sequential[i::50]


def test_shared_fitted_vectorizers() -> None:
    fitted = [CountVectorizer(ngram_range=(1, 2)).fit(TEXTS), TfidfVectorizer(sublinear_tf=True).fit(TEXTS),
              CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TEXTS), HashingVectorizer(n_features=2**12)]
    for vec in fitted:
        sequential = vec.transform(TEXTS)

        def work(i: int, vec: Any = vec) -> Any:
            return [vec.transform(rotated(i)) for _ in range(2)]

        for i, results in enumerate(in_threads(work)):
            order = unrotate(i, list(range(len(TEXTS))))
            for X in results:
                X = X[order]
                assert X.shape == sequential.shape
                assert (X != sequential).nnz == 0


def test_shared_corpus_read_only() -> None:
    corpus = tg.Corpus.from_texts(TEXTS)
    tokens, sentences = corpus.tokens, corpus.sentences
    vocabulary = corpus.vocabulary
    docs = [corpus[i].tokens["text"].tolist() for i in range(0, len(TEXTS), 25)]
    X, terms = corpus.dtm()
    sent = corpus.sentiment("sentence")

    def work(i: int) -> tuple[Any, ...]:
        fresh = tg.Corpus.from_texts(TEXTS)  # build one too, while others read
        return (corpus.tokens, corpus.sentences, corpus.vocabulary,
                [corpus[j].tokens["text"].tolist() for j in range(0, len(TEXTS), 25)],
                corpus.dtm(), corpus.sentiment("sentence"), fresh.vocabulary)

    for t, s, v, d, (Xi, ti), si, fv in in_threads(work):
        assert t.equals(tokens) and s.equals(sentences) and v == vocabulary and d == docs
        assert (Xi != X).nnz == 0 and ti.tolist() == terms.tolist()
        assert si.equals(sent) and fv == vocabulary


@pytest.mark.parametrize("threads", [2, 8])
def test_results_do_not_depend_on_thread_count(threads: int) -> None:
    texts = make_texts(3_000, seed=threads)
    one = tg.Corpus.from_texts(texts, threads=1)
    many = tg.Corpus.from_texts(texts, threads=threads)
    assert many.vocabulary == one.vocabulary
    for name in ("paragraph", "sentence", "token"):
        a, b = one._table(name), many._table(name)
        assert a.keys() == b.keys()
        for k in a:
            assert np.array_equal(a[k], b[k]), (name, k)

    sia = tg.SentimentIntensityAnalyzer()
    assert sia.score(texts, threads=threads).equals(sia.score(texts, threads=1))

    for kw in ({}, {"level": "sentence", "ngram_range": (1, 2)}):
        X1, t1 = dtm(one, threads=1, **kw)
        Xn, tn = dtm(one, threads=threads, **kw)
        assert t1.tolist() == tn.tolist() and (X1 != Xn).nnz == 0

    for cls in (CountVectorizer, TfidfVectorizer):
        v1, vn = cls(n_jobs=1, ngram_range=(1, 2)), cls(n_jobs=threads, ngram_range=(1, 2))
        X1, Xn = v1.fit_transform(texts), vn.fit_transform(texts)
        assert v1.get_feature_names_out().tolist() == vn.get_feature_names_out().tolist()
        assert (X1 != Xn).nnz == 0
