"""Feature co-occurrence matrices (quanteda's ``fcm``) and NPMI.

Window pairs are counted in C++ (``_core.stats.window_cooccurrence``); document
co-occurrence is the sparse product of the per-document counts (also counted in C++).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _core, _corpus
from ._corpus import KINDS, CorpusBase
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["cooccurrence", "npmi"]


@reads_corpus
def cooccurrence(
    corpus: CorpusBase,
    *,
    context: Literal["document", "window"] = "document",
    window: int = 5,
    count: Literal["frequency", "boolean", "weighted"] = "frequency",
    kinds: Sequence[str] = ("word", "number"),
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Symmetric term-by-term co-occurrence matrix and its terms (those that occur).

    - ``context="window"``: tokens at most ``window`` apart in the same document co-occur;
      ``count="frequency"`` adds 1 per pair of tokens, ``"weighted"`` adds 1/distance,
      ``"boolean"`` counts documents holding the pair within the window.
    - ``context="document"``: terms a and b co-occur ``x_a * x_b`` times in a document
      with counts x (``"boolean"``: once per document holding both).

    The diagonal counts pairs of tokens of the same term (``x (x-1) / 2`` per document for
    document context; 0/1 per document for boolean). Tokens of other kinds are skipped.

    Example:
        >>> import textgauge as tg
        >>> C, terms = tg.Corpus.from_texts(["a b a"]).cooccurrence(context="window", window=1)
        >>> terms.tolist(), C.toarray().tolist()
        (['a', 'b'], [[0.0, 2.0], [2.0, 0.0]])
    """
    _corpus.check_kinds(kinds)
    vocab = np.asarray(corpus.vocabulary, dtype=object)
    nv = len(vocab)
    if context == "window":
        if not isinstance(window, int) or not 1 <= window <= 255:
            raise ValueError(f"window must be an integer 1..255, got {window!r}")
        d = _core.stats.window_cooccurrence(
            _corpus.engine(corpus), kinds=list(kinds), window=window, count=count
        )
        directed = sp.csr_matrix((d["value"], (d["first"], d["second"])), shape=(nv, nv))
        C = (directed + directed.T).tocsr()
        C.setdiag(C.diagonal() / 2)  # a pair of equal terms is one pair, not two
    elif context == "document":
        if count not in ("frequency", "boolean"):
            raise OptionError("count must be 'frequency' or 'boolean' for document context")
        n = len(corpus)
        g = _core.stats.grouped_term_counts(
            _corpus.engine(corpus),
            kinds=list(kinds),
            doc_group=np.arange(n, dtype=np.int32),
            groups=n,
        )
        x = g["frequency"].astype(np.float64)
        X = sp.csr_matrix(
            (np.ones_like(x) if count == "boolean" else x, (g["group"], g["term"])), shape=(n, nv)
        )
        C = (X.T @ X).tocsr()
        if count == "boolean":
            diag = np.bincount(g["term"], weights=(x >= 2).astype(float), minlength=nv)
        else:
            diag = np.bincount(g["term"], weights=x * (x - 1) / 2, minlength=nv)
        C.setdiag(diag)
    else:
        raise OptionError(f"context must be 'document' or 'window', got {context!r}")
    C.eliminate_zeros()
    # Keep the terms that occur among the selected kinds, in vocabulary order.
    tok = _corpus.table(corpus, "token")
    selected = np.isin(tok["kind"], [KINDS.index(k) for k in kinds])
    present = np.zeros(nv, dtype=bool)
    present[tok["term"][selected]] = True
    keep = np.flatnonzero(present)
    return C[keep][:, keep].tocsr(), vocab[keep]


def npmi(C: Any) -> sp.csr_matrix:
    """Normalised PMI of each non-zero cell of a co-occurrence matrix:
    ``ln(p(a,b) / (p(a) p(b))) / -ln p(a,b)`` with ``p(a,b) = C_ab / sum(C)`` and
    ``p(a) = sum_b C_ab / sum(C)``; in [-1, 1], 1 for terms seen only together.

    Example:
        >>> import scipy.sparse as sp
        >>> npmi(sp.csr_matrix([[0.0, 2.0], [2.0, 0.0]])).toarray().tolist()
        [[0.0, 1.0], [1.0, 0.0]]
    """
    C = sp.csr_matrix(C, dtype=np.float64)
    C.eliminate_zeros()
    total = C.sum()
    p_row = np.asarray(C.sum(axis=1)).ravel() / total
    coo = C.tocoo()
    p_ab = coo.data / total
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.log(p_ab / (p_row[coo.row] * p_row[coo.col])) / -np.log(p_ab)
    val = np.where(p_ab == 1.0, 1.0, val)
    return sp.csr_matrix((val, (coo.row, coo.col)), shape=C.shape)


def cooccurrence_frame(C: sp.spmatrix, terms: np.ndarray) -> pd.DataFrame:
    """Upper-triangle non-zero cells as a DataFrame (term1, term2, value), largest first."""
    coo = sp.triu(C).tocoo()
    df = pd.DataFrame({"term1": terms[coo.row], "term2": terms[coo.col], "value": coo.data})
    return df.sort_values(["value", "term1", "term2"], ascending=[False, True, True]).reset_index(
        drop=True
    )
