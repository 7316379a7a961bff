"""Document-term matrices from a Corpus (ICU tokens and normalised terms) or
from raw texts (scikit-learn's tokenization), with the TF-IDF family.

Rows are documents, paragraphs or sentences (in the order of
``corpus.paragraphs`` / ``corpus.sentences``); columns are terms or word
n-grams (joined by ``separator``), sorted by code point as scikit-learn sorts
its vocabulary. Counting, n-grams, pruning and weights run in C++.

Weights (``tf`` x ``idf``, then ``norm``), n = rows, df = rows holding the term:

=================  ============================================================
tf="raw"           the count
tf="binary"        1
tf="log"           1 + ln(count)                      (sklearn sublinear_tf)
tf="proportion"    count / row total                  (quanteda "prop", tidytext)
tf="augmented"     0.5 + 0.5 count / row maximum      (quanteda "augmented")
tf="bm25"          count (k1 + 1) / (count + k1 (1 - b + b |row| / mean |row|))
idf="sklearn_smooth"  ln((n + 1) / (df + 1)) + 1       (sklearn default)
idf="sklearn"      ln(n / df) + 1                     (sklearn smooth_idf=False)
idf="quanteda"     log10(n / df)                      (quanteda dfm_tfidf)
idf="gensim"       log2(n / df)                       (gensim TfidfModel)
idf="spark"        ln((n + 1) / (df + 1))             (Spark ML IDF)
idf="tidytext"     ln(n / df)                         (tidytext bind_tf_idf)
idf="bm25"         ln(1 + (n - df + 0.5) / (df + 0.5)) (Lucene BM25; default with tf="bm25")
norm="l2" / "l1"   row divided by its Euclidean / absolute sum; None: as is
=================  ============================================================

Example:
    >>> import textgauge as tg
    >>> c = tg.Corpus.from_texts(["The cat sat. The cat ran.", "A dog!"])
    >>> X, terms = c.dtm(level="sentence")
    >>> terms.tolist(), X.toarray().tolist()  # doctest: +NORMALIZE_WHITESPACE
    (['a', 'cat', 'dog', 'ran', 'sat', 'the'],
     [[0, 1, 0, 0, 1, 1], [0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 0, 0]])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from numbers import Integral
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import Error, OptionError
from .stopwords import get_stop_words

__all__ = ["IDF_SCHEMES", "TF_SCHEMES", "dtm", "idf_weights", "weigh"]

TF_SCHEMES = ("raw", "binary", "log", "proportion", "augmented", "bm25")
IDF_SCHEMES = ("sklearn_smooth", "sklearn", "quanteda", "gensim", "spark", "tidytext", "bm25")
_LEVELS = ("document", "paragraph", "sentence")


def _thresholds(min_df: float, max_df: float, n_rows: int) -> tuple[float, float]:
    high = max_df if isinstance(max_df, Integral) else max_df * n_rows
    low = min_df if isinstance(min_df, Integral) else min_df * n_rows
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    return float(high), float(low)


def idf_weights(df: np.ndarray, n_rows: int, scheme: str = "sklearn_smooth") -> np.ndarray:
    """Inverse document frequencies of the named scheme (see the module table).

    >>> idf_weights(np.array([2]), 4, "gensim").tolist()
    [1.0]
    """
    return _core.vectorize.idf(
        np.asarray(df, dtype=np.int64), int(n_rows), scheme
    )  # OptionError if unknown


def weigh(
    X: Any,
    *,
    tf: str = "raw",
    idf: str | None = None,
    norm: str | None = None,
    k1: float = 1.2,
    b: float = 0.75,
) -> sp.csr_matrix:
    """A float64 copy of the count matrix ``X`` weighted as named (see the module table).

    >>> X = sp.csr_matrix([[2, 0], [1, 1]])
    >>> weigh(X, tf="proportion").toarray().tolist()
    [[1.0, 0.0], [0.5, 0.5]]
    """
    if tf not in TF_SCHEMES:
        raise OptionError(f"tf must be one of {TF_SCHEMES}, got {tf!r}")
    if idf is not None and idf not in IDF_SCHEMES:
        raise OptionError(f"idf must be None or one of {IDF_SCHEMES}, got {idf!r}")
    if norm not in (None, "l1", "l2"):
        raise OptionError(f"norm must be None, 'l1' or 'l2', got {norm!r}")
    X = sp.csr_matrix(X, dtype=np.float64, copy=True)
    X.sum_duplicates()
    X.sort_indices()
    n_rows, n_cols = X.shape
    df = np.bincount(X.indices[X.data != 0], minlength=n_cols)
    if tf == "bm25":
        w = idf_weights(df, n_rows, idf or "bm25")
        X.data = _core.vectorize.bm25(X.indptr, X.indices, X.data, w, k1=float(k1), b=float(b))
        _core.vectorize.tfidf_inplace(
            X.indptr, X.indices, X.data, tf="raw", idf=None, norm=norm or "none"
        )
        return X  # type: ignore[no-any-return]
    w = None if idf is None else idf_weights(df, n_rows, idf)  # type: ignore[assignment]
    _core.vectorize.tfidf_inplace(X.indptr, X.indices, X.data, tf=tf, idf=w, norm=norm or "none")
    return X  # type: ignore[no-any-return]


def _rows_of_tokens(corpus: Any, level: str) -> tuple[np.ndarray, int]:
    tokens = _corpus.table(corpus, "token")
    doc = tokens["document"].astype(np.int64)
    n_docs = len(corpus)
    if level == "document":
        return doc, n_docs
    unit = _corpus.table(corpus, level)
    per_doc = np.bincount(unit["document"], minlength=n_docs)
    first = np.concatenate(([0], np.cumsum(per_doc)[:-1])).astype(np.int64)
    return first[doc] + tokens[level].astype(np.int64), len(unit["document"])


@reads_corpus
def dtm(
    source: Any,
    *,
    level: str = "document",
    ngram_range: tuple[int, int] = (1, 1),
    skip: int = 0,
    kinds: Sequence[str] = ("word", "number"),
    stop_words: str | Iterable[str] | None = None,
    min_df: float = 1,
    max_df: float = 1.0,
    max_features: int | None = None,
    binary: bool = False,
    tf: str = "raw",
    idf: str | None = None,
    norm: str | None = None,
    k1: float = 1.2,
    b: float = 0.75,
    separator: str = " ",
    tokenizer: str = "icu",
    threads: int | None = None,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Document-term matrix and feature names.

    ``source`` is a :class:`textgauge.Corpus` (its ICU tokens of the given
    ``kinds`` and its normalised terms) or a list of texts: with
    ``tokenizer="icu"`` they become a Corpus with default options; with
    ``tokenizer="sklearn"`` they are analysed exactly as scikit-learn's
    CountVectorizer does (lowercase, ``(?u)\\b\\w\\w+\\b``; rows = texts).
    Stop words (``"english"`` or a list, compared with the terms) are removed
    before n-grams, which never cross a row; ``skip`` > 0 makes skip-grams.
    ``min_df``/``max_df``/``max_features``/``binary`` prune as scikit-learn
    does. Without weights the matrix holds int64 counts; with ``tf`` other
    than "raw", an ``idf`` or a ``norm`` it holds float64 weights (module table).

    >>> X, terms = dtm(["The cat sat on the mat", "the cat"], tokenizer="sklearn", idf="quanteda")
    >>> dict(zip(terms.tolist(), X.toarray()[0].round(4).tolist()))["mat"]
    0.301
    """
    if level not in _LEVELS:
        raise OptionError(f"level must be one of {_LEVELS}, got {level!r}")
    min_n, max_n = ngram_range
    stop = get_stop_words(stop_words)
    if tokenizer not in ("icu", "sklearn"):
        raise OptionError(f"tokenizer must be 'icu' or 'sklearn', got {tokenizer!r}")
    if not isinstance(source, CorpusBase):
        texts = [source] if isinstance(source, str) else list(source)
        if tokenizer == "sklearn":
            if level != "document" or separator != " ":
                raise ValueError(
                    "tokenizer='sklearn' gives one row per text, n-grams joined by ' '"
                )
            return _dtm_sklearn(
                texts,
                ngram_range,
                skip,
                stop,
                min_df,
                max_df,
                max_features,
                binary,
                tf,
                idf,
                norm,
                k1,
                b,
                threads,
            )
        source = _corpus.build(texts)
    elif tokenizer != "icu":
        raise ValueError("a Corpus is already tokenized (ICU); tokenizer='sklearn' takes texts")
    corpus = source
    rows, n_rows = _rows_of_tokens(corpus, level)
    tokens = _corpus.table(corpus, "token")
    names = _core.text.options()["token kind"]
    unknown = set(kinds) - set(names)
    if unknown:
        raise OptionError(f"kinds must be among {names}, got {sorted(unknown)}")
    keep = np.isin(tokens["kind"], [names.index(k) for k in kinds])
    vocab = corpus.vocabulary
    drop = np.zeros(len(vocab), dtype=np.uint8)
    if stop:
        drop[[i for i, t in enumerate(vocab) if t in stop]] = 1
    high, low = _thresholds(min_df, max_df, n_rows)
    try:
        m, table, _ = _core.vectorize.fit_ids(
            rows[keep], tokens["term"][keep], n_rows, vocab, drop,
            min_n=int(min_n), max_n=int(max_n), skip=int(skip), separator=separator,
            high=high, low=low, max_features=-1 if max_features is None else int(max_features),
            binary=bool(binary),
        )  # fmt: skip
    except Error as e:
        raise ValueError(str(e)) from e
    return _finish(m, table, n_rows, tf, idf, norm, k1, b)


def _dtm_sklearn(texts: Any, ngram_range: Any, skip: Any, stop: Any, min_df: Any, max_df: Any,
                 max_features: Any, binary: Any, tf: Any, idf: Any, norm: Any, k1: Any, b: Any,
                 threads: Any) -> tuple[sp.csr_matrix, np.ndarray]:  # fmt: skip
    major, minor = (int(x) for x in __import__("unicodedata").unidata_version.split(".")[:2])
    opts = _core.vectorize.AnalyzerOptions(
        min_n=int(ngram_range[0]), max_n=int(ngram_range[1]), skip=int(skip),
        stop_words=sorted(stop), unicode_major=major, unicode_minor=minor,
    )  # fmt: skip
    high, low = _thresholds(min_df, max_df, len(texts))
    try:
        m, table, _, _ = _core.vectorize.fit(
            opts, texts, high=high, low=low,
            max_features=-1 if max_features is None else int(max_features), binary=bool(binary),
            threads=1 if threads is None else int(threads),
        )  # fmt: skip
    except Error as e:
        raise ValueError(str(e)) from e
    return _finish(m, table, len(texts), tf, idf, norm, k1, b)


def _finish(m: Any, table: Any, n_rows: int, tf: str, idf: str | None, norm: str | None, k1: float,
            b: float) -> tuple[sp.csr_matrix, np.ndarray]:  # fmt: skip
    X = sp.csr_matrix((m["data"], m["indices"], m["indptr"]), shape=(n_rows, int(m["n_cols"])))
    buf, offsets = table
    text = buf.decode("utf-8") if not buf.isascii() else buf.decode("ascii")
    if buf.isascii():
        names = [text[a:e] for a, e in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
    else:
        names = [
            buf[a:e].decode("utf-8") for a, e in zip(offsets[:-1].tolist(), offsets[1:].tolist())
        ]
    features = np.asarray(names, dtype=object)
    if tf != "raw" or idf is not None or norm is not None:
        X = weigh(X, tf=tf, idf=idf, norm=norm, k1=k1, b=b)
    return X, features
