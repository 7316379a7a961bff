"""scikit-learn drop-in vectorizers on textgauge's C++ term-counting engine.

``CountVectorizer``, ``TfidfVectorizer``, ``TfidfTransformer`` and
``HashingVectorizer`` subclass scikit-learn's classes of the same names: same
parameters, attributes, errors and outputs (same vocabulary in the same order,
same dtypes, counts equal, TF-IDF weights within 1e-12), plus ``n_jobs``
(threads; the result does not depend on it) and, for the counting
vectorizers, ``partial_fit`` (vocabulary and idf from term statistics that
accumulate over batches; see ``term_stats_``).

The C++ engine runs when the analysis is one it reproduces exactly: the
default ``token_pattern``, ``analyzer`` in {"word", "char", "char_wb"}, no
custom ``preprocessor``/``tokenizer`` and ``strip_accents`` None, "ascii" or
"unicode". Any other value (a callable, another token pattern) runs
scikit-learn's own code, which is exact but not faster; ``engine_`` tells
which ran. Requires scikit-learn (``pip install textgauge[sklearn]``).

Example:
    >>> from textgauge.sklearn import CountVectorizer
    >>> cv = CountVectorizer()
    >>> X = cv.fit_transform(["The cat sat.", "The cat ran!"])
    >>> list(cv.get_feature_names_out()), X.toarray().tolist()
    (['cat', 'ran', 'sat', 'the'], [[1, 0, 1, 1], [1, 1, 0, 1]])
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable
from numbers import Integral
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import text as _sktext
from sklearn.preprocessing import normalize as _normalize

from . import _core
from ._unicode import _SURROGATE
from .errors import Error
from .stopwords import get_stop_words

try:  # scikit-learn >= 1.8 can hand out sparse arrays instead of matrices
    from sklearn.utils._sparse import _align_api_if_sparse
except ImportError:  # pragma: no cover - older scikit-learn

    def _align_api_if_sparse(X: Any) -> Any:
        return X


__all__ = [
    "CountVectorizer",
    "TfidfVectorizer",
    "TfidfTransformer",
    "HashingVectorizer",
    "TermStats",
    "murmurhash3_32",
]

TermStats = _core.TermStats
_DEFAULT_PATTERN = r"(?u)\b\w\w+\b"
_INT32_MAX = np.iinfo(np.int32).max


def _unicode_version() -> tuple[int, int]:
    major, minor, *_ = (int(x) for x in unicodedata.unidata_version.split("."))
    return major, minor


def murmurhash3_32(key: str | bytes, *, seed: int = 0, positive: bool = False) -> int:
    """MurmurHash3_x86_32 of a key (str as UTF-8), as ``sklearn.utils.murmurhash3_32``.

    >>> murmurhash3_32("the")
    -1132748958
    """
    if isinstance(key, str):
        key = key.encode("utf-8")
    return int(_core.murmurhash3_32(bytes(key), seed=seed, positive=positive))


def _threads(n_jobs: int | None) -> int:
    """sklearn's convention: None -> 1, -1 -> all cores, -2 -> all but one."""
    if n_jobs is None:
        return 1
    if n_jobs < 0:
        import os

        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    if n_jobs == 0:
        raise ValueError("n_jobs == 0 has no meaning; use None, a positive int or -1")
    return int(n_jobs)


def _csr(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    shape: tuple[int, int],
    dtype: Any,
    sorted_indices: bool = True,
) -> sp.csr_matrix:
    """A CSR matrix with sklearn's index dtypes (int32 unless nnz needs int64)."""
    if len(indices) <= _INT32_MAX and shape[1] <= _INT32_MAX:
        indptr = indptr.astype(np.int32)
    else:
        indices = indices.astype(np.int64)
    if data.dtype == np.int64 and np.dtype(dtype) == np.float64:
        _core.vec_counts_to_float64(data)  # in place: no second copy of the largest array
        data = data.view(np.float64)
    elif data.dtype != dtype:
        data = data.astype(dtype)
    X = sp.csr_matrix(shape, dtype=dtype)
    X.data, X.indices, X.indptr = data, indices, indptr
    X.has_sorted_indices = sorted_indices
    return X


def _table_from_terms(terms: Iterable[str]) -> tuple[bytes, np.ndarray]:
    # A lone surrogate in a given vocabulary is read as U+FFFD, as in documents (_engine_call).
    encoded = [t.encode("utf-8") if t.isascii() else _SURROGATE.sub("\ufffd", t).encode("utf-8") for t in terms]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return b"".join(encoded), offsets


def _terms_from_table(buf: bytes, offsets: np.ndarray) -> list[str]:
    if buf.isascii():  # byte offsets are code point offsets: slice one str
        text = buf.decode("ascii")
        return [text[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
    return [buf[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]


class _EngineMixin:
    """What the three vectorizers share: deciding whether the C++ engine applies
    and converting parameters into its options."""

    def _engine_unsupported(self) -> str | None:
        """The first parameter the engine does not reproduce, or None."""
        p: Any = self  # sklearn estimators keep their parameters as attributes
        if callable(p.analyzer):
            return "analyzer"
        if p.analyzer not in ("word", "char", "char_wb"):
            return "analyzer"
        if p.preprocessor is not None:
            return "preprocessor"
        if p.analyzer == "word":
            if p.tokenizer is not None:
                return "tokenizer"
            if p.token_pattern != _DEFAULT_PATTERN:
                return "token_pattern"
        if p.strip_accents not in (None, "ascii", "unicode"):
            return "strip_accents"
        if not isinstance(p.lowercase, (bool, np.bool_)):
            return "lowercase"
        return None

    def _engine_options(self) -> Any:
        p: Any = self
        min_n, max_n = p.ngram_range
        stop: list[str] = []
        if p.analyzer == "word" and p.stop_words is not None:
            # A surrogate never is in a \w token: as U+FFFD the stop word still matches nothing.
            stop = sorted(_SURROGATE.sub("\ufffd", w) for w in get_stop_words(p.stop_words))
        major, minor = _unicode_version()
        return _core.AnalyzerOptions(
            analyzer=p.analyzer,
            lowercase=bool(p.lowercase),
            strip_accents=p.strip_accents or "none",
            min_n=int(min_n),
            max_n=int(max_n),
            stop_words=stop,
            unicode_major=major,
            unicode_minor=minor,
        )

    def _documents(self, raw_documents: Any) -> list[str]:
        """The documents as str, decoded (and read, for input='file'/'filename') as sklearn does."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        docs = raw_documents if isinstance(raw_documents, list) else list(raw_documents)
        if self.input == "content":  # type: ignore[attr-defined]
            # Not checked here: the engine raises TypeError on any non-str
            # item, and _engine_call then decodes as sklearn would.
            return docs
        return [self.decode(d) for d in docs]  # type: ignore[attr-defined]


def _engine_call(fn: Any, opts: Any, docs: list[Any], *args: Any, decode: Any = None, **kwargs: Any) -> Any:
    """Calls an engine function; texts holding lone surrogates are retried with U+FFFD.

    With ``decode`` (the vectorizer's), a list holding items other than str
    (bytes, or np.nan) is decoded as scikit-learn decodes it and retried: the
    engine's own type check is free, a check in Python is not.

    A surrogate (from ``surrogateescape``) cannot be encoded as UTF-8, which the
    engine reads. Like U+FFFD it is neither ``\\w`` nor whitespace, uncased and
    unchanged by NFKD, so word features are exactly scikit-learn's; char and
    char_wb n-grams show U+FFFD where scikit-learn shows the surrogate. The
    check costs nothing on the usual path: only a failed conversion retries.
    """
    try:
        return fn(opts, docs, *args, **kwargs)
    except TypeError:
        if decode is None or all(type(d) is str for d in docs):
            raise
        docs = [decode(d) for d in docs]
        return _engine_call(fn, opts, docs, *args, **kwargs)
    except UnicodeEncodeError:
        return fn(opts, [_SURROGATE.sub("\ufffd", d) for d in docs], *args, **kwargs)


def _value_error(e: Error) -> ValueError:
    return ValueError(str(e))


class CountVectorizer(_EngineMixin, _sktext.CountVectorizer):
    """scikit-learn's CountVectorizer on textgauge's engine (see the module doc).

    Extra parameter: ``n_jobs`` (threads; None = 1, -1 = all cores). Extra
    method: ``partial_fit``. The fitted vocabulary is stored compactly (one
    UTF-8 buffer and an offsets array); ``vocabulary_`` is built from it on
    first access.

    >>> cv = CountVectorizer(ngram_range=(1, 2), stop_words="english")
    >>> cv.fit(["the cat sat on the mat"]).get_feature_names_out().tolist()
    ['cat', 'cat sat', 'mat', 'sat', 'sat mat']
    """

    _parameter_constraints: dict[str, Any] = {
        **_sktext.CountVectorizer._parameter_constraints,
        "n_jobs": [None, Integral],
    }

    # Like sklearn's, fit_transform's rows are not sorted by column (sorting
    # them is a fifth of a fit); the matrix says so, and scipy sorts on
    # demand. TfidfVectorizer sorts: its weighting sums each row in order.
    _sorted_rows = False

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: Any = None,
        lowercase: bool = True,
        preprocessor: Any = None,
        tokenizer: Any = None,
        stop_words: Any = None,
        token_pattern: str = _DEFAULT_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer: Any = "word",
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Any = None,
        binary: bool = False,
        dtype: Any = np.int64,
        n_jobs: int | None = None,
    ) -> None:
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
        )
        self.n_jobs = n_jobs

    # ---- compact vocabulary -------------------------------------------------

    @property
    def vocabulary_(self) -> dict[str, int]:
        d = self.__dict__.get("_vocabulary_cache")
        if d is None:
            table = self.__dict__.get("_vocab_table")
            if table is None:
                raise AttributeError("vocabulary_")
            d = {t: i for i, t in enumerate(_terms_from_table(*table))}
            self.__dict__["_vocabulary_cache"] = d
        return d

    @vocabulary_.setter
    def vocabulary_(self, value: dict[str, int]) -> None:
        terms = [t for t, _ in sorted(value.items(), key=lambda kv: kv[1])]
        self._set_vocabulary_terms(_table_from_terms(terms))
        self.__dict__["_vocabulary_cache"] = dict(value)

    @vocabulary_.deleter
    def vocabulary_(self) -> None:
        self._set_vocabulary_terms(None)

    def _set_vocabulary_terms(self, table: tuple[bytes, np.ndarray] | None) -> None:
        self.__dict__["_vocab_table"] = table
        self.__dict__.pop("_vocabulary_cache", None)
        self.__dict__.pop("_fixed_vocabulary_index", None)

    def _fixed_index(self) -> Any:
        fv = self.__dict__.get("_fixed_vocabulary_index")
        if fv is None:
            buf, offsets = self.__dict__["_vocab_table"]
            fv = _core.FixedVocabulary(buf, offsets)
            self.__dict__["_fixed_vocabulary_index"] = fv
        return fv

    def __sklearn_is_fitted__(self) -> bool:
        return self.__dict__.get("_vocab_table") is not None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_vocabulary_cache", None)
        state.pop("_fixed_vocabulary_index", None)
        table = state.pop("_vocab_table", None)
        if table is not None:  # the terms' bytes and their lengths in the smallest dtype
            buf, offsets = table
            lengths = np.diff(offsets)
            small = next(
                t
                for t in (np.uint8, np.uint16, np.uint32, np.int64)
                if lengths.max(initial=0) <= np.iinfo(t).max
            )
            state["_vocab_terms"] = (buf, lengths.astype(small))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        packed = state.pop("_vocab_terms", None)
        super().__setstate__(state)
        if packed is not None:
            buf, lengths = packed
            offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
            np.cumsum(lengths, out=offsets[1:])
            self.__dict__["_vocab_table"] = (buf, offsets)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names in column order (an object array of str), as sklearn."""
        self._check_vocabulary()
        table = self.__dict__["_vocab_table"]
        return np.asarray(_terms_from_table(*table), dtype=object)

    # ---- fitting ------------------------------------------------------------

    def _count_with_engine(self, docs: list[str]) -> sp.csr_matrix:
        """fit_transform's counting and pruning, or its fixed-vocabulary counting."""
        opts = self._engine_options()
        threads = _threads(self.n_jobs)
        if self.fixed_vocabulary_:
            return self._transform_with_engine(docs, opts)
        n_doc = len(docs)
        max_df, min_df = self.max_df, self.min_df
        high = max_df if isinstance(max_df, Integral) else max_df * n_doc
        low = min_df if isinstance(min_df, Integral) else min_df * n_doc
        if high < low:
            # sklearn counts first: an empty vocabulary is reported before this
            if len(_engine_call(_core.vec_stats, opts, docs, threads=threads, decode=self.decode)) == 0:
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            raise ValueError("max_df corresponds to < documents than min_df")
        max_features = -1 if self.max_features is None else int(self.max_features)
        try:
            m, table, _ = _engine_call(
                _core.vec_fit,
                opts,
                docs,
                high=float(high),
                low=float(low),
                max_features=max_features,
                binary=bool(self.binary),
                threads=threads,
                sorted_indices=self._sorted_rows,
                decode=self.decode,
            )
        except Error as e:
            raise _value_error(e) from e
        self._set_vocabulary_terms(table)
        # fit keeps no statistics of pruned terms (the reason sklearn 1.5 dropped
        # stop_words_): only partial_fit, which needs them, does.
        self.__dict__.pop("_term_stats", None)
        shape = (n_doc, int(m["n_cols"]))
        return _csr(m["indptr"], m["indices"], m["data"], shape, self.dtype, m["sorted_indices"])

    def _transform_with_engine(self, docs: list[str], opts: Any = None) -> sp.csr_matrix:
        opts = opts or self._engine_options()
        try:
            m = _engine_call(
                _core.vec_transform,
                opts,
                docs,
                self._fixed_index(),
                binary=bool(self.binary),
                threads=_threads(self.n_jobs),
                decode=self.decode,
            )
        except Error as e:
            raise _value_error(e) from e
        return _csr(m["indptr"], m["indices"], m["data"], (len(docs), int(m["n_cols"])), self.dtype)

    def _prepare_fit(self) -> None:
        self._validate_params()
        self._validate_ngram_range()
        self._warn_for_unused_params()
        self._validate_vocabulary()
        if self.fixed_vocabulary_ and self.lowercase:
            for term in self.vocabulary:
                if any(map(str.isupper, term)):
                    warnings.warn(
                        "Upper case characters found in vocabulary while 'lowercase' is True. "
                        "These entries will not be matched with any documents"
                    )
                    break

    def fit_transform(self, raw_documents: Any, y: Any = None) -> Any:
        """Learn the vocabulary and return the document-term matrix (as sklearn)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        unsupported = self._engine_unsupported()
        if unsupported is not None:
            self.engine_ = f"sklearn ({unsupported})"
            self.__dict__.pop("_term_stats", None)
            return super().fit_transform(raw_documents, y)
        self._prepare_fit()
        if self.analyzer == "word" and self.stop_words is not None:
            # sklearn's own analyzer builder warns when the stop list is
            # inconsistent with the preprocessing; it only looks at the list.
            _sktext.CountVectorizer.build_analyzer(self)
        docs = self._documents(raw_documents)
        X = self._count_with_engine(docs)
        self.engine_ = "textgauge"
        return _align_api_if_sparse(X)

    def fit(self, raw_documents: Any, y: Any = None) -> CountVectorizer:
        """Learn the vocabulary (as sklearn)."""
        self.fit_transform(raw_documents)
        return self

    def transform(self, raw_documents: Any) -> Any:
        """Count the vocabulary's terms in documents; others are ignored (as sklearn)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._check_vocabulary()
        if self._engine_unsupported() is not None:
            return super().transform(raw_documents)
        X = self._transform_with_engine(self._documents(raw_documents))
        return _align_api_if_sparse(X)

    def partial_fit(self, raw_documents: Any, y: Any = None) -> CountVectorizer:
        """Add a batch of documents to the term statistics and refit the vocabulary.

        After any sequence of batches the vocabulary (and pruning) equals that of
        ``fit`` on all of them. ``term_stats_`` holds the statistics; two of them
        merge with ``a.merged(b)`` (order does not matter).

        >>> cv = CountVectorizer().partial_fit(["a cat"]).partial_fit(["the cat"])
        >>> cv.get_feature_names_out().tolist(), cv.term_stats_.n_docs
        (['cat', 'the'], 2)
        """
        unsupported = self._engine_unsupported()
        if unsupported is not None:
            raise ValueError(
                f"partial_fit needs the textgauge engine; {unsupported}= is not supported by it"
            )
        self._validate_params()
        self._validate_ngram_range()
        self._validate_vocabulary()
        if self.fixed_vocabulary_:
            raise ValueError(
                "partial_fit learns a vocabulary; it cannot be used with a fixed vocabulary"
            )
        docs = self._documents(raw_documents)
        stats = _engine_call(
            _core.vec_stats, self._engine_options(), docs, threads=_threads(self.n_jobs), decode=self.decode
        )
        old = self.__dict__.get("_term_stats")
        self.__dict__["_term_stats"] = stats if old is None else old.merged(stats)
        self._vocabulary_from_stats(self.__dict__["_term_stats"])
        self.engine_ = "textgauge"
        return self

    def _vocabulary_from_stats(self, stats: Any) -> np.ndarray:
        """Prune `stats` as fit would and set the vocabulary; returns the kept indices."""
        n_doc = stats.n_docs
        max_df, min_df = self.max_df, self.min_df
        high = max_df if isinstance(max_df, Integral) else max_df * n_doc
        low = min_df if isinstance(min_df, Integral) else min_df * n_doc
        if len(stats) == 0:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        if high < low:
            raise ValueError("max_df corresponds to < documents than min_df")
        max_features = -1 if self.max_features is None else int(self.max_features)
        try:
            kept = _core.vec_prune(
                stats,
                high=float(high),
                low=float(low),
                max_features=max_features,
                binary=bool(self.binary),
            )
        except Error as e:
            raise _value_error(e) from e
        buf, offsets = stats.state()[:2]
        starts, ends = offsets[kept], offsets[kept + 1]
        pieces = [buf[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
        new_offsets = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(ends - starts, out=new_offsets[1:])
        self._set_vocabulary_terms((b"".join(pieces), new_offsets))
        return kept

    @property
    def term_stats_(self) -> Any:
        """Corpus statistics of every term seen by fit/partial_fit (before pruning):
        a compact, picklable, mergeable ``textgauge.sklearn.TermStats``."""
        stats = self.__dict__.get("_term_stats")
        if stats is None:
            raise AttributeError("term_stats_ (fit or partial_fit with the textgauge engine first)")
        return stats

    def build_analyzer(self) -> Any:
        """sklearn's analyzer callable; with the engine, features come from C++ (same list)."""
        if self._engine_unsupported() is not None:
            return super().build_analyzer()
        self._validate_ngram_range()
        opts = self._engine_options()
        decode = self.decode

        def analyze(doc: Any) -> list[str]:
            return _engine_call(_core.vec_analyze, opts, [decode(doc)])[0]  # type: ignore[no-any-return]

        return analyze


class TfidfTransformer(_sktext.TfidfTransformer):
    """scikit-learn's TfidfTransformer; float64 CSR input is weighted in C++ in
    sklearn's order of operations (same results within 1e-12).

    >>> import scipy.sparse as sp
    >>> t = TfidfTransformer().fit(sp.csr_matrix([[1, 1], [1, 0]]))
    >>> t.idf_.round(6).tolist()
    [1.0, 1.405465]
    """

    def transform(self, X: Any, copy: bool = True) -> Any:
        """Weight a count matrix (as sklearn)."""
        if not (
            sp.issparse(X) and X.format == "csr" and X.dtype == np.float64 and X.has_sorted_indices  # type: ignore[attr-defined]
        ):
            return super().transform(X, copy=copy)
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", dtype=[np.float64], copy=copy, reset=False)
        idf = self.idf_ if hasattr(self, "idf_") else None
        _core.vec_tfidf_inplace(
            X.indptr,
            X.indices,
            X.data,
            tf="log" if self.sublinear_tf else "raw",
            idf=idf,
            norm=self.norm or "none",
        )
        return _align_api_if_sparse(X)


class TfidfVectorizer(CountVectorizer, _sktext.TfidfVectorizer):
    """scikit-learn's TfidfVectorizer on textgauge's engine (see the module doc).

    >>> tv = TfidfVectorizer().fit(["The cat sat on the mat.", "The dog sat."])
    >>> tv.idf_.round(6).tolist()
    [1.405465, 1.405465, 1.405465, 1.405465, 1.0, 1.0]
    """

    _parameter_constraints: dict[str, Any] = {
        **_sktext.TfidfVectorizer._parameter_constraints,
        "n_jobs": [None, Integral],
    }

    _sorted_rows = True

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: Any = None,
        lowercase: bool = True,
        preprocessor: Any = None,
        tokenizer: Any = None,
        analyzer: Any = "word",
        stop_words: Any = None,
        token_pattern: str = _DEFAULT_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Any = None,
        binary: bool = False,
        dtype: Any = np.float64,
        norm: str | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        n_jobs: int | None = None,
    ) -> None:
        CountVectorizer.__init__(
            self,
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            analyzer=analyzer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
            n_jobs=n_jobs,
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _new_tfidf(self) -> TfidfTransformer:
        return TfidfTransformer(
            norm=self.norm,
            use_idf=self.use_idf,
            smooth_idf=self.smooth_idf,
            sublinear_tf=self.sublinear_tf,
        )

    def fit(self, raw_documents: Any, y: Any = None) -> TfidfVectorizer:
        """Learn vocabulary and idf (as sklearn)."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents: Any, y: Any = None) -> Any:
        """Learn vocabulary and idf, return the TF-IDF matrix (as sklearn)."""
        self._check_params()
        self._tfidf = self._new_tfidf()
        X = CountVectorizer.fit_transform(self, raw_documents)
        self._tfidf.fit(X)
        return self._tfidf.transform(X, copy=False)

    def transform(self, raw_documents: Any) -> Any:
        """TF-IDF of documents with the fitted vocabulary and idf (as sklearn)."""
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, msg="The TF-IDF vectorizer is not fitted")
        X = CountVectorizer.transform(self, raw_documents)
        return self._tfidf.transform(X, copy=False)

    def partial_fit(self, raw_documents: Any, y: Any = None) -> TfidfVectorizer:
        """Add a batch to the term statistics; refit vocabulary and idf (see CountVectorizer)."""
        self._check_params()
        CountVectorizer.partial_fit(self, raw_documents)
        stats = self.__dict__["_term_stats"]
        kept = self._vocabulary_from_stats(stats)
        self._tfidf = self._new_tfidf()
        n_features = len(kept)
        dtype = self.dtype if self.dtype in (np.float64, np.float32) else np.float64
        self._tfidf.n_features_in_ = n_features
        if self.use_idf:
            df = stats.state()[3][kept].astype(dtype)  # document frequencies of the kept terms
            # sklearn's TfidfTransformer.fit, operation for operation
            df += float(self.smooth_idf)
            n_samples = stats.n_docs + int(self.smooth_idf)
            idf = np.full_like(df, fill_value=n_samples, dtype=dtype)
            idf /= df
            np.log(idf, out=idf)
            idf += 1.0
            self._tfidf.idf_ = idf
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return self.__dict__.get("_vocab_table") is not None and hasattr(self, "_tfidf")


class HashingVectorizer(_EngineMixin, _sktext.HashingVectorizer):
    """scikit-learn's HashingVectorizer on textgauge's engine: MurmurHash3_x86_32
    (seed 0) of each feature's UTF-8, computed in C++.

    >>> X = HashingVectorizer(n_features=2**20).transform(["the cat the"])
    >>> sorted(zip(X.indices.tolist(), X.data.round(6).tolist()))
    [(286878, -0.894427), (300839, 0.447214)]
    """

    _parameter_constraints: dict[str, Any] = {
        **_sktext.HashingVectorizer._parameter_constraints,
        "n_jobs": [None, Integral],
    }

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: Any = None,
        lowercase: bool = True,
        preprocessor: Any = None,
        tokenizer: Any = None,
        stop_words: Any = None,
        token_pattern: str = _DEFAULT_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer: Any = "word",
        n_features: int = 2**20,
        binary: bool = False,
        norm: str | None = "l2",
        alternate_sign: bool = True,
        dtype: Any = np.float64,
        n_jobs: int | None = None,
    ) -> None:
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            n_features=n_features,
            binary=binary,
            norm=norm,
            alternate_sign=alternate_sign,
            dtype=dtype,
        )
        self.n_jobs = n_jobs

    def transform(self, X: Any) -> Any:
        """Hash documents into a (n_samples, n_features) matrix (as sklearn)."""
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if self._engine_unsupported() is not None:
            return super().transform(X)
        self._validate_params()
        self._validate_ngram_range()
        docs = self._documents(X)
        try:
            m = _engine_call(
                _core.vec_hash,
                self._engine_options(),
                docs,
                n_features=int(self.n_features),
                alternate_sign=bool(self.alternate_sign),
                threads=_threads(self.n_jobs),
                decode=self.decode,
            )
        except Error as e:
            raise _value_error(e) from e
        out = _csr(
            m["indptr"], m["indices"], m["data"], (len(docs), int(self.n_features)), self.dtype
        )
        if self.binary:
            out.data.fill(1)
        if self.norm is not None:
            out = _normalize(out, norm=self.norm, copy=False)
        return _align_api_if_sparse(out)

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """fit (a no-op that validates) then transform (as sklearn)."""
        return self.fit(X, y).transform(X)

    def build_analyzer(self) -> Any:
        """sklearn's analyzer callable; with the engine, features come from C++ (same list)."""
        if self._engine_unsupported() is not None:
            return super().build_analyzer()
        self._validate_ngram_range()
        opts = self._engine_options()
        decode = self.decode

        def analyze(doc: Any) -> list[str]:
            return _engine_call(_core.vec_analyze, opts, [decode(doc)])[0]  # type: ignore[no-any-return]

        return analyze
