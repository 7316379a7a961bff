"""Similarity and distance between documents, paragraphs or sentences (quanteda's
``textstat_simil`` / ``textstat_dist``), computed in C++ with Eigen's sparse products.

The rows are those of :meth:`textgauge.Corpus.dtm` (same options, so weighted
matrices such as TF-IDF work too); :func:`pairwise` takes any matrix.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError
from .terms import dtm

__all__ = ["DISTANCE_METHODS", "SIMILARITY_METHODS", "distance", "pairwise", "similarity"]

SIMILARITY_METHODS = ("cosine", "jaccard", "dice", "correlation")
DISTANCE_METHODS = ("cosine", "jaccard", "dice", "correlation", "euclidean")
Level = Literal["document", "paragraph", "sentence"]
# similarity and distance take the options of terms.dtm: their defaults are dtm's, read from its
# signature, so that they are written in one place.
_DTM: dict[str, Any] = {name: p.default for name, p in inspect.signature(dtm).parameters.items()}


def pairwise(X: Any, *, method: str = "cosine", threads: int | None = None) -> np.ndarray:
    """Row-by-row similarity (cosine, jaccard, dice, correlation) or, for ``"euclidean"``,
    distance of a sparse or dense matrix.

    Matches ``sklearn.metrics.pairwise.cosine_similarity``, ``euclidean_distances`` and
    ``1 - pairwise_distances(X, metric="correlation" | "jaccard")``; jaccard and dice look at
    which entries are non-zero.

    Example:
        >>> pairwise(np.array([[1.0, 0.0], [1.0, 1.0]])).round(4).tolist()
        [[1.0, 0.7071], [0.7071, 1.0]]
    """
    if method not in DISTANCE_METHODS:
        raise OptionError(f"method must be one of {DISTANCE_METHODS}, got {method!r}")
    X = sp.csr_matrix(X, dtype=np.float64)
    X.sum_duplicates()
    return _core.stats.pairwise(
        X.indptr.astype(np.int64),
        X.indices.astype(np.int32),
        X.data,
        X.shape[0],
        X.shape[1],
        method=method,
        threads=0 if threads is None else int(threads),
    )


def _labels(corpus: CorpusBase, level: str, rows: int) -> pd.Index:
    if level == "document":
        return pd.Index(corpus.ids, name="document")  # type: ignore[no-any-return]
    table = corpus.paragraphs if level == "paragraph" else corpus.sentences
    if len(table) != rows:  # pragma: no cover - dtm keeps every unit
        return pd.RangeIndex(rows)
    cols = (
        ["document", "paragraph"] if level == "paragraph" else ["document", "paragraph", "sentence"]
    )
    return pd.MultiIndex.from_frame(table[cols])


def _dtm_options(arguments: dict[str, Any]) -> dict[str, Any]:
    """The dtm parameters among a similarity/distance call's arguments (``locals()``): the
    signatures list them for IDEs and mypy, and this passes them on without a third copy."""
    return {name: arguments[name] for name in list(_DTM)[1:]}  # [0]: dtm's corpus argument


def _pairwise_frame(
    corpus: CorpusBase, method: str, dtm_options: dict[str, Any]
) -> tuple[Any, pd.Index]:
    """The unit-by-unit matrix of ``method`` over the corpus's dtm, and the units' labels."""
    X, _ = dtm(corpus, **dtm_options)
    m = pairwise(X, method=method, threads=_corpus.threads(corpus))
    return m, _labels(corpus, dtm_options["level"], X.shape[0])


@reads_corpus
def similarity(
    corpus: CorpusBase,
    *,
    level: Level = _DTM["level"],
    method: str = "cosine",
    ngram_range: tuple[int, int] = _DTM["ngram_range"],
    skip: int = _DTM["skip"],
    kinds: Sequence[str] = _DTM["kinds"],
    stop_words: str | Iterable[str] | None = _DTM["stop_words"],
    min_df: float = _DTM["min_df"],
    max_df: float = _DTM["max_df"],
    max_features: int | None = _DTM["max_features"],
    binary: bool = _DTM["binary"],
    tf: str = _DTM["tf"],
    idf: str | None = _DTM["idf"],
    norm: str | None = _DTM["norm"],
    k1: float = _DTM["k1"],
    b: float = _DTM["b"],
    separator: str = _DTM["separator"],
    tokenizer: str = _DTM["tokenizer"],
    threads: int | None = _DTM["threads"],
) -> pd.DataFrame:
    """Pairwise similarity of the units of a corpus: a square DataFrame labelled by unit.

    The rows are those of :func:`textgauge.terms.dtm` with the same options (e.g.
    ``idf="sklearn", norm="l2"``), and the same defaults.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(
        ...     ["oil price", "oil price rise", "football"], ids=["a", "b", "c"]
        ... )
        >>> c.similarity().round(3).loc["a"].tolist()
        [1.0, 0.816, 0.0]
    """
    if method not in SIMILARITY_METHODS:
        raise OptionError(f"method must be one of {SIMILARITY_METHODS}, got {method!r}")
    m, idx = _pairwise_frame(corpus, method, _dtm_options(locals()))
    return pd.DataFrame(m, index=idx, columns=idx)


@reads_corpus
def distance(
    corpus: CorpusBase,
    *,
    level: Level = _DTM["level"],
    method: str = "euclidean",
    ngram_range: tuple[int, int] = _DTM["ngram_range"],
    skip: int = _DTM["skip"],
    kinds: Sequence[str] = _DTM["kinds"],
    stop_words: str | Iterable[str] | None = _DTM["stop_words"],
    min_df: float = _DTM["min_df"],
    max_df: float = _DTM["max_df"],
    max_features: int | None = _DTM["max_features"],
    binary: bool = _DTM["binary"],
    tf: str = _DTM["tf"],
    idf: str | None = _DTM["idf"],
    norm: str | None = _DTM["norm"],
    k1: float = _DTM["k1"],
    b: float = _DTM["b"],
    separator: str = _DTM["separator"],
    tokenizer: str = _DTM["tokenizer"],
    threads: int | None = _DTM["threads"],
) -> pd.DataFrame:
    """Pairwise distance: euclidean, or 1 - similarity for cosine, jaccard, dice, correlation;
    the rows are those of :func:`textgauge.terms.dtm`, as in :func:`similarity`.

    Example:
        >>> import textgauge as tg
        >>> tg.Corpus.from_texts(["a b", "a c"]).distance().round(4).values.tolist()
        [[0.0, 1.4142], [1.4142, 0.0]]
    """
    if method not in DISTANCE_METHODS:
        raise OptionError(f"method must be one of {DISTANCE_METHODS}, got {method!r}")
    m, idx = _pairwise_frame(corpus, method, _dtm_options(locals()))
    if method != "euclidean":
        m = 1.0 - m
    return pd.DataFrame(m, index=idx, columns=idx)
