"""Collocations against NLTK (its association measures and finders from PyPI) and quanteda's
formulas."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import (
    BigramCollocationFinder,
    QuadgramCollocationFinder,
    TrigramCollocationFinder,
)
from nltk.metrics import BigramAssocMeasures, QuadgramAssocMeasures, TrigramAssocMeasures

import textgauge as tg
from conftest import local_paragraphs

REL = 1e-12
BIGRAM = (
    "raw_freq",
    "pmi",
    "likelihood_ratio",
    "chi_sq",
    "student_t",
    "dice",
    "jaccard",
    "poisson_stirling",
    "mi_like",
    "phi_sq",
)
NGRAM = (
    "raw_freq",
    "pmi",
    "likelihood_ratio",
    "chi_sq",
    "student_t",
    "jaccard",
    "poisson_stirling",
    "mi_like",
)


@pytest.fixture(
    scope="module", params=["sample", pytest.param("bbc", marks=pytest.mark.shared_data)]
)
def bbc_sample(request: pytest.FixtureRequest) -> tuple[tg.Corpus, list[list[str]]]:
    """Every 12th BBC article (186 documents), or 100 articles of the bundled sample
    article's paragraphs and generated ones (no shared data needed); and the same
    word/number terms per document for NLTK."""
    if request.param == "sample":
        paras = local_paragraphs(1500, seed=2)
        corpus = tg.Corpus.from_texts(["\n\n".join(paras[i : i + 15]) for i in range(0, 1500, 15)])
    else:
        corpus = tg.Corpus.from_files(request.getfixturevalue("bbc_files")[::12])
    tok = corpus.tokens
    tok = tok[tok["kind"].isin(["word", "number"])]
    by_doc = tok.groupby("document", sort=False, observed=True)["term"]
    docs = [by_doc.get_group(d).astype(str).tolist() for d in corpus.ids]
    return corpus, docs


def _compare(df: pd.DataFrame, finder: Any, measures: Sequence[Any], names: Sequence[str]) -> None:
    got_rows = dict(zip(df["collocation"], range(len(df))))
    assert len(df) == len(finder.ngram_fd)
    for name in names:
        ref = finder.score_ngrams(getattr(measures, name))
        keys = [" ".join(k) for k, _ in ref]
        expected = np.array([s for _, s in ref])
        got = df[name].to_numpy()[[got_rows[k] for k in keys]]
        np.testing.assert_allclose(got, expected, rtol=REL, atol=0, err_msg=name)
    # Row order: NLTK's score_ngrams order for the first measure.
    first = finder.score_ngrams(getattr(measures, names[0]))
    assert df["collocation"].tolist()[:200] == [" ".join(k) for k, _ in first[:200]]


@pytest.mark.slow
def test_bigrams_match_nltk_on_bbc(bbc_sample: tuple[tg.Corpus, list[list[str]]]) -> None:
    corpus, docs = bbc_sample
    df = corpus.collocations(size=2, measure=list(BIGRAM), min_count=1)
    finder = BigramCollocationFinder.from_documents(docs)
    assert df.attrs["n_tokens"] == finder.N
    _compare(df, finder, BigramAssocMeasures, BIGRAM)
    counts = dict(zip(df["collocation"], df["count"]))
    assert all(counts[" ".join(k)] == v for k, v in finder.ngram_fd.items())


@pytest.mark.slow
def test_bigram_window_matches_nltk_church_hanks_scaling(
    bbc_sample: tuple[tg.Corpus, list[list[str]]],
) -> None:
    corpus, docs = bbc_sample
    docs = docs[:60]
    sub = tg.Corpus.from_texts(corpus.texts[:60])
    window = 4
    words: list[str | None] = []
    for d in docs:  # what from_documents does, with window - 1 pads
        words += d + [None] * (window - 1)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    names = (
        "raw_freq",
        "pmi",
        "chi_sq",
        "student_t",
        "dice",
        "jaccard",
        "poisson_stirling",
        "mi_like",
    )
    df = sub.collocations(size=2, window=window, measure=list(names), min_count=1)
    _compare(df, finder, BigramAssocMeasures, names)


@pytest.mark.slow
def test_fisher_matches_nltk_scipy(bbc_sample: tuple[tg.Corpus, list[list[str]]]) -> None:
    corpus, docs = bbc_sample
    sub = tg.Corpus.from_texts(corpus.texts[:25])
    finder = BigramCollocationFinder.from_documents(docs[:25])
    df = sub.collocations(measure=["fisher"], min_count=1)
    _compare(df, finder, BigramAssocMeasures, ["fisher"])


@pytest.mark.parametrize("size", [3, 4])
@pytest.mark.slow
def test_trigrams_quadgrams_match_nltk(
    bbc_sample: tuple[tg.Corpus, list[list[str]]], size: int
) -> None:
    corpus, docs = bbc_sample
    n = 40 if size == 3 else 20
    sub = tg.Corpus.from_texts(corpus.texts[:n])
    finder_cls, measures = {
        3: (TrigramCollocationFinder, TrigramAssocMeasures),
        4: (QuadgramCollocationFinder, QuadgramAssocMeasures),
    }[size]
    finder = finder_cls.from_documents(docs[:n])
    df = sub.collocations(size=size, measure=list(NGRAM), min_count=1)
    _compare(df, finder, measures, NGRAM)


def test_sentence_and_punctuation_boundaries_match_nltk_segments() -> None:
    text = "Stocks rose, bonds fell. Bonds fell again; stocks rose!\n\nBonds fell, stocks rose."
    corpus = tg.Corpus.from_texts([text, "stocks rose stocks rose"])
    tok = corpus.tokens
    segments = []
    for _, g in tok.groupby(["document", "sentence"], sort=True):
        seg: list[str] = []
        for term, kind in zip(g["term"].astype(str), g["kind"]):
            if kind in ("word", "number"):
                seg.append(term)
            else:
                segments.append(seg)
                seg = []
        segments.append(seg)
    finder = BigramCollocationFinder.from_documents([s for s in segments if s])
    df = corpus.collocations(
        measure=["likelihood_ratio", "pmi"],
        min_count=1,
        across_sentences=False,
        punctuation="break",
    )
    _compare(df, finder, BigramAssocMeasures, ["likelihood_ratio", "pmi"])
    assert "fell bonds" not in set(df["collocation"])  # across a sentence end
    assert "rose bonds" not in set(df["collocation"])  # across a comma


def _quanteda_cells(seqs: list[list[str]], gram: tuple[str, ...]) -> list[float]:
    """2^n cells by brute force over every n-gram position: bit i set = position i matches."""
    n = len(gram)
    cells = [0] * (1 << n)
    for s in seqs:
        for p in range(len(s) - n + 1):
            b = sum(1 << i for i in range(n) if s[p + i] == gram[i])
            cells[b] += 1
    return [c + 0.5 for c in cells]


@pytest.mark.parametrize("size", [2, 3, 5])
def test_lambda_z_follow_quanteda_formulas(size: int) -> None:
    rng = np.random.default_rng(7)
    vocab = ["alpha", "beta", "gamma", "delta", "eps"]
    texts = [" ".join(rng.choice(vocab, size=40, p=[0.4, 0.25, 0.15, 0.1, 0.1])) for _ in range(6)]
    corpus = tg.Corpus.from_texts(texts)
    seqs = [t.split() for t in texts]
    df = corpus.collocations(size=size, measure=["lambda", "z"], min_count=1)
    for gram_text, lam, z in zip(df["collocation"], df["lambda"], df["z"]):
        gram = tuple(gram_text.split())
        cells = _quanteda_cells(seqs, gram)
        expected = sum(
            (-1) ** (size - bin(b).count("1")) * math.log(c) for b, c in enumerate(cells)
        )
        sigma = math.sqrt(sum(1 / c for c in cells))
        assert lam == pytest.approx(expected, rel=1e-12, abs=1e-12)
        assert z == pytest.approx(expected / sigma, rel=1e-12, abs=1e-12)
    ngrams = {tuple(s[i : i + size]) for s in seqs for i in range(len(s) - size + 1)}
    assert len(df) == len(ngrams)


def test_lambda_reference_table() -> None:
    # docs/termstats.md#quantedas-lambda-and-z: n11=20, n10=30, n01=10, n00=940.
    # One bigram position per document.
    texts = ["alpha beta"] * 20 + ["alpha gamma"] * 30 + ["delta beta"] * 10 + ["eps zeta"] * 940
    df = tg.Corpus.from_texts(texts).collocations(measure=["lambda", "z"])
    row = df.set_index("collocation").loc["alpha beta"]
    assert row["lambda"] == pytest.approx(4.0977, abs=5e-5)
    assert row["z"] == pytest.approx(9.7161, abs=5e-5)


def test_options_are_validated() -> None:
    c = tg.Corpus.from_texts(["a b c a b c"])
    with pytest.raises(ValueError, match="unknown measure"):
        c.collocations(measure="bogus")
    with pytest.raises(ValueError, match="bigram"):
        c.collocations(size=3, measure="dice")
    with pytest.raises(ValueError, match="5-gram"):
        c.collocations(size=5, measure="pmi")
    with pytest.raises(ValueError, match="window"):
        c.collocations(size=3, window=5)
    assert list(c.collocations(min_count=2)["collocation"]) == ["a b", "b c"]
    assert list(c.collocations(size=3, measure="all").columns) == [
        "collocation",
        "count",
        "raw_freq",
        "pmi",
        "likelihood_ratio",
        "chi_sq",
        "student_t",
        "jaccard",
        "poisson_stirling",
        "mi_like",
        "lambda",
        "z",
    ]


def test_result_does_not_depend_on_thread_count(
    bbc_sample: tuple[tg.Corpus, list[list[str]]],
) -> None:
    corpus, _ = bbc_sample
    one = tg.Corpus.from_texts(corpus.texts[:50], threads=1).collocations(
        measure="all", min_count=1
    )
    many = tg.Corpus.from_texts(corpus.texts[:50], threads=4).collocations(
        measure="all", min_count=1
    )
    pd.testing.assert_frame_equal(one, many)


def test_collocation_column_without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    c = tg.Corpus.from_texts(["Café crème, café crème. Tea time tea time"])
    with_arrow = c.collocations(min_count=1)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    without = c.collocations(min_count=1)
    assert list(without["collocation"]) == list(with_arrow["collocation"])
    assert "café crème" in list(without["collocation"])


def test_document_methods_equal_a_one_document_corpus(
    bbc_sample: tuple[tg.Corpus, list[list[str]]],
) -> None:
    corpus, _ = bbc_sample
    doc = corpus[3]
    alone = tg.Corpus.from_texts([doc.text], [doc.id])
    pd.testing.assert_frame_equal(
        doc.collocations(measure="all", min_count=1), alone.collocations(measure="all", min_count=1)
    )
    pd.testing.assert_frame_equal(
        doc.lexical_diversity(level="paragraph"), alone.lexical_diversity(level="paragraph")
    )
    pd.testing.assert_frame_equal(doc.readability(), alone.readability())
    pd.testing.assert_frame_equal(doc.frequency(), alone.frequency())
    pd.testing.assert_frame_equal(doc.kwic("the"), alone.kwic("the"))


def test_fisher_tail_is_exact_to_1e14() -> None:
    """On the full BBC corpus, NLTK's fisher (scipy's Boost hypergeometric cdf) differs from
    textgauge by up to ~2.5e-10 relative; exact rational arithmetic sides with textgauge."""
    import math
    from fractions import Fraction

    def exact_cdf(k: int, M: int, n: int, N: int) -> float:
        lo = max(0, N - (M - n))
        tot = sum(math.comb(n, x) * math.comb(M - n, N - x) for x in range(lo, k + 1))
        return float(Fraction(tot, math.comb(M, N)))

    for k, M, n, N in [
        (0, 861354, 1500, 1200),
        (2, 861354, 800, 1900),
        (1, 90000, 3000, 20),
        (5, 4000, 100, 150),
    ]:
        assert tg._core._testing.hypergeom_cdf(k, M, n, N) == pytest.approx(
            exact_cdf(k, M, n, N), rel=1e-14
        )
