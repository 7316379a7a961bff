"""The vectorizers and bigram collocations give bit-identical results on 1, 2, 3 and 8
threads: the counting is partitioned (cpp/src/common/partitioned_count.hpp) and the
vocabulary merged range by range (cpp/src/vectorize/merging.cpp), and neither may let
the thread count show. Every array is compared byte for byte, on generated paragraphs
and on the shared news corpus; one thread count is also checked against scikit-learn."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sklearn.feature_extraction import text as sk

import textgauge as tg
from conftest import local_paragraphs
from textgauge.sklearn import CountVectorizer, TfidfVectorizer

THREADS = (1, 2, 3, 8)

CONFIGS: list[tuple[type, dict[str, Any]]] = [
    (CountVectorizer, {}),
    (CountVectorizer, {"ngram_range": (1, 2)}),
    (CountVectorizer, {"ngram_range": (2, 2), "max_features": 500}),
    (CountVectorizer, {"ngram_range": (1, 3), "stop_words": "english", "binary": True}),
    (TfidfVectorizer, {"ngram_range": (1, 2), "min_df": 2}),
    (TfidfVectorizer, {"ngram_range": (1, 2), "max_df": 0.5, "sublinear_tf": True}),
]


def fitted(cls: type, params: dict[str, Any], texts: list[str], threads: int) -> tuple[Any, ...]:
    vec = cls(**params, n_jobs=threads)
    X = vec.fit_transform(texts).tocsr()
    return (
        X.shape,
        X.indptr.tobytes(),
        X.indices.tobytes(),
        X.data.tobytes(),
        X.dtype.str,
        tuple(vec.get_feature_names_out().tolist()),
        getattr(vec, "idf_", np.zeros(0)).tobytes(),
    )


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    # enough distinct bigrams (about 2^15) that the merge sorts by several key ranges
    return local_paragraphs(4_000, seed=3)


@pytest.mark.parametrize(("cls", "params"), CONFIGS)
def test_vectorizers_bit_identical_across_threads(
    paragraphs: list[str], cls: type, params: dict[str, Any]
) -> None:
    one = fitted(cls, params, paragraphs, 1)
    for t in THREADS[1:]:
        assert fitted(cls, params, paragraphs, t) == one, t


def test_one_thread_count_matches_sklearn(paragraphs: list[str]) -> None:
    ours = CountVectorizer(ngram_range=(1, 2), n_jobs=3)
    ref = sk.CountVectorizer(ngram_range=(1, 2))
    X, R = ours.fit_transform(paragraphs), ref.fit_transform(paragraphs)
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    assert len(ref.vocabulary_) > 2**15  # the merge ran over several key ranges
    assert (X != R).nnz == 0


def test_news_bit_identical_across_threads(news_lines: list[str]) -> None:
    texts = news_lines[:20_000]
    for cls, params in (CONFIGS[1], CONFIGS[4]):
        one = fitted(cls, params, texts, 1)
        for t in THREADS[1:]:
            assert fitted(cls, params, texts, t) == one, (cls.__name__, t)


def collocation_rows(texts: list[str], threads: int) -> tuple[Any, ...]:
    corpus = tg.Corpus.from_texts(texts, threads=threads)
    df = corpus.collocations(size=2, measure=["likelihood_ratio", "pmi"], min_count=1)
    wide = corpus.collocations(size=2, window=4, measure="pmi", min_count=2)
    return (
        tuple(df["collocation"].tolist()),
        df["count"].to_numpy().tobytes(),
        df["likelihood_ratio"].to_numpy().tobytes(),
        df["pmi"].to_numpy().tobytes(),
        tuple(wide["collocation"].tolist()),
        wide["pmi"].to_numpy().tobytes(),
        df.attrs["n_tokens"],
    )


@pytest.mark.parametrize("source", ["local", "news"])
def test_collocations_bit_identical_across_threads(source: str, request: Any) -> None:
    texts = (
        local_paragraphs(2_000, seed=5)
        if source == "local"
        else request.getfixturevalue("news_lines")[:8_000]
    )
    one = collocation_rows(texts, 1)
    assert one[-1] > 2**15  # pairs enough for several partitions
    for t in THREADS[1:]:
        assert collocation_rows(texts, t) == one, t
