"""textgauge.terms: Corpus document-term matrices checked against counts made
independently from corpus.tokens, and the weight schemes against their
formulas computed by hand with numpy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from numpy.typing import NDArray

import textgauge as tg
from textgauge import terms

DOCS = [
    "The cat sat on the mat. The cat ran!\n\nA dog barked; the cat hid.",
    "Straße, STRASSE and café. Cafe\u0301 too.",
    "",
    "Numbers: 1,000 and 2.5 percent. 👍🏽 great.",
]


def reference_counts(
    corpus: tg.Corpus,
    level: str,
    n: tuple[int, int],
    kinds: tuple[str, ...] = ("word", "number"),
    stop: frozenset[str] = frozenset(),
    sep: str = " ",
) -> list[Counter[str]]:
    """Counter per unit, n-grams built in Python from corpus.tokens."""
    tok = corpus.tokens
    tok["document"] = np.arange(len(corpus))[pd.Index(corpus.ids).get_indexer(tok["document"])]
    tok = tok[tok["kind"].isin(kinds) & ~tok["term"].isin(list(stop))]
    keys = {"document": ["document"], "paragraph": ["document", "paragraph"],
            "sentence": ["document", "paragraph", "sentence"]}[level]  # fmt: skip
    units: list[Any]
    if level == "document":
        units = list(range(len(corpus)))
    else:
        table = corpus.paragraphs if level == "paragraph" else corpus.sentences
        units = list(zip(*[table[k].tolist() for k in keys]))
    counts: dict[Any, Counter[str]] = {u: Counter() for u in units}
    for unit, g in tok.groupby(keys, sort=False, observed=True):
        ts = g["term"].astype(str).tolist()
        key: Any = unit[0] if level == "document" else tuple(unit)
        for k in range(n[0], n[1] + 1):
            for i in range(len(ts) - k + 1):
                counts[key][sep.join(ts[i : i + k])] += 1
    return [counts[u] for u in units]


def as_counters(X: Any, features: Sequence[str] | NDArray[Any]) -> list[Counter[str]]:
    X = X.tocsr()
    return [
        Counter({features[j]: int(v) for j, v in zip(X.indices[X.indptr[r] : X.indptr[r + 1]],
                                                    X.data[X.indptr[r] : X.indptr[r + 1]])})
        for r in range(X.shape[0])
    ]  # fmt: skip


@pytest.mark.parametrize("level", ["document", "paragraph", "sentence"])
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
def test_corpus_dtm_equals_counts_from_tokens(level: str, ngram_range: tuple[int, int]) -> None:
    corpus = tg.Corpus.from_texts(DOCS)
    X, features = corpus.dtm(level=level, ngram_range=ngram_range)
    n_rows = {"document": len(corpus), "paragraph": len(corpus.paragraphs),
              "sentence": len(corpus.sentences)}[level]  # fmt: skip
    assert X.shape[0] == n_rows
    assert X.dtype == np.int64 and sp.issparse(X)
    assert features.tolist() == sorted(features.tolist())
    assert as_counters(X, features) == reference_counts(corpus, level, ngram_range)


def test_corpus_dtm_on_news(news_lines: list[str]) -> None:
    corpus = tg.Corpus.from_texts(news_lines[:300])
    stop = tg.stopwords.get_stop_words("english")
    X, features = corpus.dtm(ngram_range=(1, 2), stop_words="english", kinds=("word",))
    assert as_counters(X, features) == reference_counts(corpus, "document", (1, 2), ("word",), stop)
    X2, f2 = corpus.dtm(min_df=3, max_df=0.5)
    X1, f1 = corpus.dtm()
    df = np.bincount(X1.indices, minlength=len(f1))
    keep = (df >= 3) & (df <= 150)
    assert f2.tolist() == f1[keep].tolist()
    # scipy-stubs 1.17.1.5 types != on sparse matrices as object.__ne__ (bool): it is elementwise
    assert (X2 != X1[:, np.flatnonzero(keep)]).nnz == 0  # type: ignore[attr-defined]


def test_skipgrams_and_separator() -> None:
    corpus = tg.Corpus.from_texts(["aa bb cc dd"])
    X, f = corpus.dtm(ngram_range=(2, 2), skip=1, separator="_")
    assert f.tolist() == ["aa_bb", "aa_cc", "bb_cc", "bb_dd", "cc_dd"]
    assert X.toarray().tolist() == [[1, 1, 1, 1, 1]]


def test_sklearn_tokenizer_matches_count_vectorizer(news_lines: list[str]) -> None:
    sk = pytest.importorskip("sklearn.feature_extraction.text")
    docs = news_lines[:200]
    X, f = terms.dtm(docs, tokenizer="sklearn", ngram_range=(1, 2), min_df=2)
    ref = sk.CountVectorizer(ngram_range=(1, 2), min_df=2)
    Xr = ref.fit_transform(docs)
    assert f.tolist() == ref.get_feature_names_out().tolist()
    assert (X != Xr).nnz == 0
    W, _ = terms.dtm(docs, tokenizer="sklearn", tf="log", idf="sklearn_smooth", norm="l2")
    Wr = sk.TfidfVectorizer(sublinear_tf=True).fit_transform(docs)
    np.testing.assert_allclose(W.toarray(), Wr.toarray(), rtol=0, atol=1e-12)


COUNTS = np.array([[3, 0, 1, 0], [1, 2, 0, 0], [0, 0, 4, 1], [1, 1, 1, 1]], dtype=np.int64)


def hand(
    tf_fn: Callable[[NDArray[np.float64]], Any],
    idf_fn: Callable[[int, Any], Any] | None = None,
    norm: str | None = None,
) -> NDArray[np.float64]:
    C = COUNTS.astype(float)
    n = C.shape[0]
    df = (C > 0).sum(axis=0)
    with np.errstate(divide="ignore"):
        W = np.where(C > 0, tf_fn(C), 0.0)
    if idf_fn is not None:
        W = W * idf_fn(n, df)
    if norm == "l2":
        W = W / np.sqrt((W**2).sum(axis=1, keepdims=True))
    elif norm == "l1":
        W = W / np.abs(W).sum(axis=1, keepdims=True)
    return W


def rows(C: Any, f: Callable[[Any, Any], Any]) -> NDArray[np.float64]:
    return np.vstack([f(r[r > 0], r) for r in C])


@pytest.mark.parametrize(
    ("tf", "idf", "norm", "expected"),
    [
        ("raw", "quanteda", None, hand(lambda c: c, lambda n, d: np.log10(n / d))),
        ("raw", "gensim", "l2", hand(lambda c: c, lambda n, d: np.log2(n / d), "l2")),
        ("raw", "spark", None, hand(lambda c: c, lambda n, d: np.log((n + 1) / (d + 1)))),
        ("raw", "sklearn", "l1", hand(lambda c: c, lambda n, d: np.log(n / d) + 1, "l1")),
        ("raw", "sklearn_smooth", "l2",
         hand(lambda c: c, lambda n, d: np.log((n + 1) / (d + 1)) + 1, "l2")),
        ("binary", None, None, hand(lambda c: np.ones_like(c))),
        ("log", "tidytext", None, hand(lambda c: 1 + np.log(c), lambda n, d: np.log(n / d))),
        ("proportion", "tidytext", None,
         hand(lambda c: c / c.sum(axis=1, keepdims=True), lambda n, d: np.log(n / d))),
        ("augmented", None, None, hand(lambda c: 0.5 + 0.5 * c / c.max(axis=1, keepdims=True))),
    ],
)  # fmt: skip
def test_weights_against_formulas(
    tf: str, idf: str | None, norm: str | None, expected: NDArray[np.float64]
) -> None:
    W = terms.weigh(sp.csr_matrix(COUNTS), tf=tf, idf=idf, norm=norm)
    np.testing.assert_allclose(W.toarray(), expected, rtol=1e-14, atol=1e-15)


def test_bm25_against_formula() -> None:
    C = COUNTS.astype(float)
    n, k1, b = C.shape[0], 1.5, 0.6
    df = (C > 0).sum(axis=0)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    dl = C.sum(axis=1, keepdims=True)
    expected = np.where(C > 0, idf * C * (k1 + 1) / (C + k1 * (1 - b + b * dl / dl.mean())), 0.0)
    W = terms.weigh(sp.csr_matrix(COUNTS), tf="bm25", k1=k1, b=b)
    np.testing.assert_allclose(W.toarray(), expected, rtol=1e-14, atol=1e-15)


def test_idf_table_of_the_reference() -> None:
    """termstats_semantics.md §9: n = 4, df = 2."""
    got = {s: terms.idf_weights(np.array([2]), 4, s)[0] for s in terms.IDF_SCHEMES}
    assert got["sklearn_smooth"] == pytest.approx(1.5108256237659907, abs=1e-15)
    assert got["spark"] == pytest.approx(0.5108256237659907, abs=1e-15)
    assert got["gensim"] == 1.0
    assert got["quanteda"] == pytest.approx(0.30102999566398120, abs=1e-15)
    assert got["tidytext"] == pytest.approx(0.6931471805599453, abs=1e-15)


def test_bad_options_are_named() -> None:
    corpus = tg.Corpus.from_texts(["a b"])
    bad: list[tuple[dict[str, Any], str]] = [
        ({"level": "page"}, "level"), ({"tf": "sqrt"}, "tf"), ({"idf": "x"}, "idf"),
        ({"kinds": ("noun",)}, "kinds"), ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"min_df": 3, "max_df": 1}, "max_df"),
    ]  # fmt: skip
    for kwargs, word in bad:
        with pytest.raises(ValueError, match=word):
            corpus.dtm(**kwargs)
