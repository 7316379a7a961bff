"""Similarity/distance vs sklearn.metrics.pairwise; co-occurrence vs brute force; NPMI by hand."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics.pairwise import cosine_similarity, euclidean_distances, pairwise_distances

import textgauge as tg
from textgauge.cooccurrence import npmi
from textgauge.similarity import pairwise


@pytest.fixture(scope="module")
def docs(bbc_files: list[Path]) -> tg.Corpus:
    return tg.Corpus.from_files(bbc_files[::25])


def test_pairwise_matches_sklearn(docs: tg.Corpus) -> None:
    X, _ = docs.dtm()
    Xf = X.astype(np.float64)
    np.testing.assert_allclose(
        pairwise(X, method="cosine"), cosine_similarity(Xf), rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        pairwise(X, method="euclidean"), euclidean_distances(Xf), rtol=1e-10, atol=1e-9
    )
    dense = Xf.toarray()
    np.testing.assert_allclose(
        pairwise(X, method="correlation"),
        1 - pairwise_distances(dense, metric="correlation"),
        rtol=1e-9,
        atol=1e-12,
    )
    B = dense > 0
    np.testing.assert_allclose(
        pairwise(X, method="jaccard"),
        1 - pairwise_distances(B, metric="jaccard"),
        rtol=1e-12,
        atol=1e-15,
    )
    inter = B.astype(float) @ B.T.astype(float)
    sizes = B.sum(axis=1)
    np.testing.assert_allclose(
        pairwise(X, method="dice"), 2 * inter / (sizes[:, None] + sizes[None, :]), rtol=1e-12
    )


def test_weighted_and_paragraph_level(docs: tg.Corpus) -> None:
    X, _ = docs.dtm(level="paragraph", idf="sklearn", norm="l2")
    sim = docs.similarity(level="paragraph", idf="sklearn", norm="l2")
    assert sim.shape == (X.shape[0], X.shape[0])
    np.testing.assert_allclose(sim.to_numpy(), cosine_similarity(X), rtol=1e-12, atol=1e-15)
    assert sim.index.names == ["document", "paragraph"]
    dist = docs.distance(method="cosine")
    np.testing.assert_allclose(dist.to_numpy(), 1 - docs.similarity().to_numpy())


def _brute_window(texts_terms: list[list[str]], window: int, count: str) -> Any:
    c: Any = Counter()  # counts weighted by 1/distance are floats, which Counter's type has not
    for terms in texts_terms:
        seen: set[tuple[str, str]] = set()
        for i in range(len(terms)):
            for j in range(i + 1, min(len(terms), i + window + 1)):
                a, b = terms[i], terms[j]
                if count == "boolean":
                    key = (a, b)
                    if key in seen:
                        continue
                    seen.add(key)
                w: float = 1 / (j - i) if count == "weighted" else 1
                if a == b:
                    c[(a, a)] += w
                else:
                    c[(a, b)] += w
                    c[(b, a)] += w
    return c


@pytest.mark.parametrize("count", ["frequency", "boolean", "weighted"])
def test_window_cooccurrence_brute_force(
    count: Literal["frequency", "boolean", "weighted"],
) -> None:
    texts = ["The cat sat on the mat, the cat ate.", "A cat and a dog. The dog sat."]
    corpus = tg.Corpus.from_texts(texts)
    tok = corpus.tokens
    tok = tok[tok["kind"] == "word"]
    terms = [g["term"].astype(str).tolist() for _, g in tok.groupby("document", observed=True)]
    C, names = corpus.cooccurrence(context="window", window=3, count=count, kinds=["word"])
    expected = _brute_window(terms, 3, count)
    if count == "boolean":  # each unordered pair once per document
        expected = Counter()
        for t in terms:
            pairs = {
                tuple(sorted((t[i], t[j])))
                for i in range(len(t))
                for j in range(i + 1, min(len(t), i + 4))
            }
            for a, b in pairs:
                expected[(a, b)] += 1
                if a != b:
                    expected[(b, a)] += 1
    pos = {n: i for i, n in enumerate(names)}
    got = {(names[r], names[c]): v for r, c, v in zip(*sp.find(C))}
    assert set(got) == {k for k, v in expected.items() if v}
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-12), k
    # scipy-stubs 1.17.1.5 types != on sparse matrices as object.__ne__ (bool): it is elementwise
    assert (C != C.T).nnz == 0 and len(pos) == C.shape[0]  # type: ignore[attr-defined,comparison-overlap]


def test_document_cooccurrence_and_npmi() -> None:
    corpus = tg.Corpus.from_texts(["a a b", "b c", "a c c"])
    C, names = corpus.cooccurrence()
    assert names.tolist() == ["a", "b", "c"]
    # a-b: doc0 2*1; a-c: doc2 1*2; b-c: doc1 1*1; diagonal a: C(2,2)+0 = 1, c: C(2,2) = 1
    assert C.toarray().tolist() == [[1, 2, 2], [2, 0, 1], [2, 1, 1]]
    Cb, _ = corpus.cooccurrence(count="boolean")
    assert Cb.toarray().tolist() == [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    N = npmi(C)
    total = C.sum()
    p = np.asarray(C.sum(axis=1)).ravel() / total
    pab = 2 / total
    assert N[0, 1] == pytest.approx(math.log(pab / (p[0] * p[1])) / -math.log(pab), rel=1e-12)
    assert N[1, 1] == 0  # absent cells stay absent
