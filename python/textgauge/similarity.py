"""Similarity and distance between documents, paragraphs or sentences (quanteda's
``textstat_simil`` / ``textstat_dist``), computed in C++ with Eigen's sparse products.

The rows are those of :meth:`textgauge.Corpus.dtm` (same options, so weighted
matrices such as TF-IDF work too); :func:`pairwise` takes any matrix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _core
from ._locking import reads_corpus
from .errors import OptionError

if TYPE_CHECKING:
    from .text import Corpus

__all__ = ["DISTANCE_METHODS", "SIMILARITY_METHODS", "distance", "pairwise", "similarity"]

SIMILARITY_METHODS = ("cosine", "jaccard", "dice", "correlation")
DISTANCE_METHODS = ("cosine", "jaccard", "dice", "correlation", "euclidean")


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
    return _core.stats.pairwise(X.indptr.astype(np.int64), X.indices.astype(np.int32), X.data, X.shape[0], X.shape[1],
                          method=method, threads=0 if threads is None else int(threads))


def _labels(corpus: Corpus, level: str, rows: int) -> pd.Index:
    if level == "document":
        return pd.Index(corpus.ids, name="document")  # type: ignore[no-any-return]
    table = corpus.paragraphs if level == "paragraph" else corpus.sentences
    if len(table) != rows:  # pragma: no cover - dtm keeps every unit
        return pd.RangeIndex(rows)
    cols = ["document", "paragraph"] if level == "paragraph" else ["document", "paragraph", "sentence"]
    return pd.MultiIndex.from_frame(table[cols])


@reads_corpus
def similarity(corpus: Corpus, *, level: Literal["document", "paragraph", "sentence"] = "document",
               method: str = "cosine", **dtm_options: Any) -> pd.DataFrame:
    """Pairwise similarity of the units of a corpus: a square DataFrame labelled by unit.

    ``dtm_options`` go to :meth:`textgauge.Corpus.dtm` (e.g. ``idf="sklearn", norm="l2"``).

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["oil price", "oil price rise", "football"], ids=["a", "b", "c"])
        >>> c.similarity().round(3).loc["a"].tolist()
        [1.0, 0.816, 0.0]
    """
    if method not in SIMILARITY_METHODS:
        raise OptionError(f"method must be one of {SIMILARITY_METHODS}, got {method!r}")
    X, _ = corpus.dtm(level=level, **dtm_options)
    m = pairwise(X, method=method, threads=corpus._threads)
    idx = _labels(corpus, level, X.shape[0])
    return pd.DataFrame(m, index=idx, columns=idx)


@reads_corpus
def distance(corpus: Corpus, *, level: Literal["document", "paragraph", "sentence"] = "document",
             method: str = "euclidean", **dtm_options: Any) -> pd.DataFrame:
    """Pairwise distance: euclidean, or 1 - similarity for cosine, jaccard, dice, correlation.

    Example:
        >>> import textgauge as tg
        >>> tg.Corpus.from_texts(["a b", "a c"]).distance().round(4).values.tolist()
        [[0.0, 1.4142], [1.4142, 0.0]]
    """
    if method not in DISTANCE_METHODS:
        raise OptionError(f"method must be one of {DISTANCE_METHODS}, got {method!r}")
    X, _ = corpus.dtm(level=level, **dtm_options)
    m = pairwise(X, method=method, threads=corpus._threads)
    if method != "euclidean":
        m = 1.0 - m
    idx = _labels(corpus, level, X.shape[0])
    return pd.DataFrame(m, index=idx, columns=idx)
