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
which ran. Requires scikit-learn (``pip install "textgauge[sklearn]"``).

Fitting: ``fit`` and ``fit_transform`` start over; ``partial_fit`` continues
from whatever was fitted before (a ``fit`` included), so ``fit(a)`` then
``partial_fit(b)`` equals ``fit(a + b)``: vocabulary, order, idf and
``transform``. Every fit by the engine keeps ``term_stats_`` (the statistics of
every term seen, before pruning; pickled with the vectorizer). A fit that keeps
none (scikit-learn's code ran, or a fixed ``vocabulary=``) cannot be continued:
``partial_fit`` then raises ValueError rather than drop what was learnt, as it
does when the analysis parameters changed since the statistics were counted.

Example:
    >>> from textgauge.sklearn import CountVectorizer
    >>> cv = CountVectorizer()
    >>> X = cv.fit_transform(["The cat sat.", "The cat ran!"])
    >>> list(cv.get_feature_names_out()), X.toarray().tolist()
    (['cat', 'ran', 'sat', 'the'], [[1, 0, 1, 1], [1, 1, 0, 1]])
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import unicodedata
import warnings
from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

try:
    from sklearn.feature_extraction import text as _sktext
    from sklearn.preprocessing import normalize as _normalize
except ModuleNotFoundError as e:  # pragma: no cover - tested in a subprocess
    if (e.name or "").partition(".")[0] != "sklearn":
        raise  # scikit-learn is there and misses something of its own: its error says what
    raise ModuleNotFoundError(
        'textgauge.sklearn needs scikit-learn: pip install "textgauge[sklearn]"', name="sklearn"
    ) from e

from . import _core, _pickle
from ._tables import offsets_from_lengths, smallest, subtable, table_from_terms, terms_from_table
from ._unicode import SURROGATE, arrow_texts
from .errors import DecodeError, Error
from .stopwords import get_stop_words

try:  # scikit-learn >= 1.8 can hand out sparse arrays instead of matrices
    from sklearn.utils._sparse import _align_api_if_sparse
except ImportError:  # pragma: no cover - older scikit-learn

    def _align_api_if_sparse(X: Any) -> Any:
        return X


__all__ = [
    "CountVectorizer",
    "HashingVectorizer",
    "TermStats",
    "TfidfTransformer",
    "TfidfVectorizer",
    "murmurhash3_32",
]

TermStats = _core.vectorize.TermStats
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
    return int(_core.vectorize.murmurhash3_32(bytes(key), seed=seed, positive=positive))


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


# The drop-ins' parameters: scikit-learn's, plus these (documented in the module docstring).
# Each class takes its signature from its scikit-learn base at import time, so the defaults are
# scikit-learn's own (in the installed version) and written nowhere here.
EXTRA_PARAMETERS: tuple[inspect.Parameter, ...] = (
    inspect.Parameter(
        "n_jobs", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="int | None"
    ),
)
_EXTRA_CONSTRAINTS: dict[str, list[Any]] = {"n_jobs": [None, Integral]}


def _drop_in_init(base: type) -> Callable[..., None]:
    """An ``__init__`` taking exactly ``base``'s keyword parameters plus EXTRA_PARAMETERS.

    Its ``__signature__`` says so, which is what ``inspect.signature``, ``help`` and
    scikit-learn's ``get_params``/``clone``/``repr`` read (they need every parameter named:
    no ``**kwargs``). ``base.__init__`` receives the others and rejects unknown ones, as it
    does for scikit-learn's own class.
    """
    init: Callable[..., None] = base.__init__  # type: ignore[misc]
    signature = inspect.signature(init)
    extras = {p.name: p.default for p in EXTRA_PARAMETERS}

    def __init__(self: Any, **params: Any) -> None:
        values = {name: params.pop(name, default) for name, default in extras.items()}
        init(self, **params)
        for name, value in values.items():
            setattr(self, name, value)

    __init__.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *EXTRA_PARAMETERS]
    )
    __init__.__doc__ = f"The parameters of scikit-learn's {base.__name__}, and {', '.join(extras)}."
    __init__.__qualname__ = f"{base.__name__}.__init__"
    return __init__


def _constraints(base: type) -> dict[str, Any]:
    """scikit-learn's parameter validation of ``base``, and that of EXTRA_PARAMETERS."""
    return {**base._parameter_constraints, **_EXTRA_CONSTRAINTS}  # type: ignore[attr-defined]


def _csr(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    shape: tuple[int, int],
    dtype: Any,
    sorted_indices: bool = True,
    threads: int = 1,
) -> sp.csr_matrix:
    """A CSR matrix with sklearn's index dtypes (int32 unless nnz needs int64); int64
    counts become float64 in place, on ``threads`` threads."""
    if len(indices) <= _INT32_MAX and shape[1] <= _INT32_MAX:
        indptr = indptr.astype(np.int32)
    else:
        indices = indices.astype(np.int64)
    if data.dtype == np.int64 and np.dtype(dtype) == np.float64:
        # in place: no second copy of the largest array
        _core.vectorize.counts_to_float64(data, threads=threads)
        data = data.view(np.float64)
    elif data.dtype != dtype:
        data = data.astype(dtype)
    X = sp.csr_matrix(shape, dtype=dtype)
    X.data, X.indices, X.indptr = data, indices, indptr
    X.has_sorted_indices = sorted_indices
    return X


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

    def _engine_option_values(self) -> dict[str, Any]:
        """The engine's analyzer options as plain values (picklable, unlike the C++ object)."""
        p: Any = self
        min_n, max_n = p.ngram_range
        stop: list[str] = []
        if p.analyzer == "word" and p.stop_words is not None:
            # A surrogate never is in a \w token: as U+FFFD the stop word still matches nothing.
            stop = sorted(SURROGATE.sub("\ufffd", w) for w in get_stop_words(p.stop_words))
        major, minor = _unicode_version()
        return dict(
            analyzer=p.analyzer,
            lowercase=bool(p.lowercase),
            strip_accents=p.strip_accents or "none",
            min_n=int(min_n),
            max_n=int(max_n),
            stop_words=stop,
            unicode_major=major,
            unicode_minor=minor,
        )

    def _engine_options(self) -> Any:
        return _core.vectorize.AnalyzerOptions(**self._engine_option_values())

    def _analysis_key(self) -> str:
        """A digest of everything that decides which terms a document gives: term
        statistics merge only with statistics of the same key."""
        p: Any = self
        values = sorted(self._engine_option_values().items())
        text = repr((values, p.input, p.encoding, p.decode_error))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _check_stop_words_once(self) -> None:
        """sklearn's build_analyzer checks a word analyzer's stop list against its
        preprocessing (a warning, once per list); the engine's paths do the same."""
        p: Any = self
        if p.analyzer == "word":
            p._check_stop_words_consistency(
                p.get_stop_words(), p.build_preprocessor(), p.build_tokenizer()
            )

    def build_analyzer(self) -> Any:
        """sklearn's analyzer callable; with the engine, features come from C++ (same list)."""
        p: Any = self
        if self._engine_unsupported() is not None:
            return super().build_analyzer()  # type: ignore[misc]
        p._validate_ngram_range()
        self._check_stop_words_once()
        return _EngineAnalyzer(self._engine_option_values(), p.decode)

    def _documents(self, raw_documents: Any) -> Any:
        """The documents as str, decoded (and read, for input='file'/'filename') as sklearn
        does; or, for input='content', an Arrow string column read in place by the engine
        (no str made, see ``_unicode.arrow_texts``)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if self.input == "content":  # type: ignore[attr-defined]
            column = arrow_texts(raw_documents)
            if column is not None:
                return column
        docs = raw_documents if isinstance(raw_documents, list) else list(raw_documents)
        if self.input == "content":  # type: ignore[attr-defined]
            # Not checked here: the engine raises TypeError on any non-str
            # item, and _engine_call then decodes as sklearn would.
            return docs
        return [self.decode(d) for d in docs]  # type: ignore[attr-defined]


class _EngineAnalyzer:
    """The callable of build_analyzer with the engine. It pickles, as sklearn's
    partial does (the options as values: the C++ object does not pickle)."""

    def __init__(self, options: dict[str, Any], decode: Any) -> None:
        self.options = options
        self.decode = decode
        self._opts: Any = None

    def __call__(self, doc: Any) -> list[str]:
        if self._opts is None:
            self._opts = _core.vectorize.AnalyzerOptions(**self.options)
        features: list[str] = _engine_call(_core.vectorize.analyze, self._opts, [self.decode(doc)])[
            0
        ]
        return features

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "decode": self.decode}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"], state["decode"])  # type: ignore[misc]


def _engine_call(
    fn: Any, opts: Any, docs: Any, *args: Any, decode: Any = None, **kwargs: Any
) -> Any:
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
        # An Arrow column (not a list) is all text, read in place: a null row is its only TypeError.
        if decode is None or not isinstance(docs, list) or all(type(d) is str for d in docs):
            raise
        docs = [decode(d) for d in docs]
        return _engine_call(fn, opts, docs, *args, **kwargs)
    except UnicodeEncodeError:
        return fn(opts, [SURROGATE.sub("\ufffd", d) for d in docs], *args, **kwargs)


def _for_sklearn(raw_documents: Any) -> Any:
    """The documents for scikit-learn's own code (an analysis the engine does not
    reproduce): an Arrow array or a polars Series iterates as Arrow scalars, so it becomes
    a list of str (None for a null, which sklearn rejects as it rejects None)."""
    if isinstance(raw_documents, (list, tuple, pd.Series)):
        return raw_documents
    column = arrow_texts(raw_documents)
    return raw_documents if column is None else column.to_pylist()


def _value_error(e: Error) -> ValueError:
    return ValueError(str(e))


class _CompactVocabulary(_sktext.CountVectorizer):
    """How the counting vectorizers store a fitted vocabulary: one UTF-8 buffer and an
    offsets array (a string table, see ``_tables``) instead of a dict of str, pickled as
    the bytes and the lengths in the smallest dtype; ``vocabulary_`` is built from it on
    first access, and the C++ index of a fixed vocabulary is built once."""

    @property
    def vocabulary_(self) -> dict[str, int]:
        d = self.__dict__.get("_vocabulary_cache")
        if d is None:
            table = self.__dict__.get("_vocab_table")
            if table is None:
                raise AttributeError("vocabulary_")
            d = {t: i for i, t in enumerate(terms_from_table(*table))}
            self.__dict__["_vocabulary_cache"] = d
        return d

    @vocabulary_.setter
    def vocabulary_(self, value: dict[str, int]) -> None:
        terms = [t for t, _ in sorted(value.items(), key=lambda kv: kv[1])]
        self._set_vocabulary_terms(table_from_terms(terms))
        self.__dict__["_vocabulary_cache"] = dict(value)

    @vocabulary_.deleter
    def vocabulary_(self) -> None:
        self._set_vocabulary_terms(None)

    def _set_vocabulary_terms(self, table: tuple[bytes, np.ndarray] | None) -> None:
        self.__dict__["_vocab_table"] = table
        self.__dict__.pop("_vocabulary_cache", None)
        self.__dict__.pop("_fixed_vocabulary_index", None)
        # The vocabulary is no longer known to be the pruning of term_stats_ (see __getstate__).
        self.__dict__.pop("_vocab_pruning", None)

    def _fixed_index(self) -> Any:
        fv = self.__dict__.get("_fixed_vocabulary_index")
        if fv is None:
            buf, offsets = self.__dict__["_vocab_table"]
            fv = _core.vectorize.FixedVocabulary(buf, offsets)
            self.__dict__["_fixed_vocabulary_index"] = fv
        return fv

    def __sklearn_is_fitted__(self) -> bool:
        return self.__dict__.get("_vocab_table") is not None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_vocabulary_cache", None)
        state.pop("_fixed_vocabulary_index", None)
        table = state.pop("_vocab_table", None)
        stats = state.pop("_term_stats", None)
        if stats is not None:  # its buffer, and the lengths and counts in the smallest dtypes
            buf, offsets, term_count, doc_count, n_docs = stats.state()
            state["_term_stats_packed"] = (
                buf,
                smallest(np.diff(offsets)),
                smallest(term_count),
                smallest(doc_count),
                int(n_docs),
            )
            pruning = state.get("_vocab_pruning")
            if table is not None and pruning is not None:
                # The vocabulary is the pruning of the statistics: one bit per
                # term says which, instead of the terms a second time.
                kept = _core.vectorize.prune(stats, **pruning)
                if len(kept) == len(table[1]) - 1:
                    mask = np.zeros(len(stats), dtype=bool)
                    mask[kept] = True
                    state["_vocab_mask"] = np.packbits(mask)
                    table = None
        if table is not None:  # the terms' bytes and their lengths in the smallest dtype
            buf, offsets = table
            state["_vocab_terms"] = (buf, smallest(np.diff(offsets)))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        packed = state.pop("_vocab_terms", None)
        packed_stats = state.pop("_term_stats_packed", None)
        mask = state.pop("_vocab_mask", None)
        super().__setstate__(state)
        if packed_stats is not None:
            buf, lengths, term_count, doc_count, n_docs = packed_stats
            offsets = offsets_from_lengths(lengths)
            stats = TermStats(
                (buf, offsets, term_count.astype(np.int64), doc_count.astype(np.int64), n_docs)
            )
            self.__dict__["_term_stats"] = stats
            if mask is not None:
                kept = np.flatnonzero(np.unpackbits(mask, count=len(stats)))
                self.__dict__["_vocab_table"] = subtable(buf, offsets, kept)
        if packed is not None:
            buf, lengths = packed
            self.__dict__["_vocab_table"] = (buf, offsets_from_lengths(lengths))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names in column order (an object array of str), as sklearn."""
        self._check_vocabulary()
        table = self.__dict__["_vocab_table"]
        return np.asarray(terms_from_table(*table), dtype=object)


class _TermStatistics(_CompactVocabulary):
    """partial_fit and the term statistics it continues from (``term_stats_``).

    fit/fit_transform start over; partial_fit continues from the statistics of whatever
    was fitted before. Every fit by the engine keeps them (all terms before pruning, in
    `_term_stats`) together with `_stats_key` (which analysis counted them) and
    `_vocab_pruning` (the vec_prune arguments that gave the vocabulary, so that a pickle
    stores the vocabulary as one bit per term of the statistics)."""

    def _keep_stats(self, stats: Any, pruning: dict[str, Any]) -> None:
        self.__dict__["_term_stats"] = stats
        self.__dict__["_stats_key"] = self._analysis_key()
        self.__dict__["_vocab_pruning"] = pruning

    def _drop_stats(self) -> None:
        for key in ("_term_stats", "_stats_key", "_vocab_pruning"):
            self.__dict__.pop(key, None)

    def partial_fit(self, raw_documents: Any, y: Any = None) -> CountVectorizer:
        """Add a batch of documents to the term statistics and refit the vocabulary.

        Continues from whatever was fitted before (fit, fit_transform or
        partial_fit, pickled or not): after any sequence of batches since the
        last fit, the vocabulary (and pruning) equals that of ``fit`` on all of
        them. ``term_stats_`` holds the statistics; two of them merge with
        ``a.merged(b)`` (order does not matter).

        Raises ValueError when the analysis is not the engine's, with a fixed
        ``vocabulary``, when the previous fit kept no statistics (scikit-learn's
        code ran, or ``term_stats_`` was deleted) and when the analysis
        parameters changed since the statistics were counted: continuing would
        silently drop or mix what was learnt.

        >>> cv = CountVectorizer().fit(["a cat"]).partial_fit(["the cat"])
        >>> cv.get_feature_names_out().tolist(), cv.term_stats_.n_docs
        (['cat', 'the'], 2)
        """
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        unsupported = self._engine_unsupported()
        if unsupported is not None:
            raise ValueError(
                f"partial_fit needs the textgauge engine; {unsupported}= is not supported by it"
            )
        self._prepare_fit()
        if self.fixed_vocabulary_:
            raise ValueError(
                "partial_fit learns a vocabulary; it cannot be used with a fixed vocabulary"
            )
        self._check_stop_words_once()
        previous = self._previous_stats()
        docs = self._documents(raw_documents)
        stats = _engine_call(
            _core.vectorize.stats,
            self._engine_options(),
            docs,
            threads=_threads(self.n_jobs),
            decode=self.decode,
        )
        self._fit_from_stats(stats if previous is None else previous.merged(stats))
        self.engine_ = "textgauge"
        return self

    def _previous_stats(self) -> Any:
        """The statistics partial_fit continues from (None: nothing fitted yet)."""
        stats = self.__dict__.get("_term_stats")
        if stats is None:
            if self.__sklearn_is_fitted__():
                raise ValueError(
                    "partial_fit continues from the previous fit's term statistics, and this "
                    f"vectorizer has none (engine_={getattr(self, 'engine_', None)!r}: fitted by "
                    "scikit-learn's code or with a fixed vocabulary, or term_stats_ was deleted); "
                    "call fit to start over"
                )
            return None
        key = self.__dict__.get("_stats_key")
        # No key: statistics put there by textgauge.dask, counted with these parameters.
        if key is not None and key != self._analysis_key():
            raise ValueError(
                "partial_fit continues from term statistics counted with other analysis "
                "parameters (analyzer, ngram_range, lowercase, strip_accents, stop_words, input, "
                "encoding or decode_error changed); call fit to start over"
            )
        return stats

    def _fit_from_stats(self, stats: Any) -> np.ndarray:
        """Prune `stats` as fit would, set the vocabulary and keep the statistics;
        returns the kept indices. Nothing changes if pruning raises."""
        if len(stats) == 0:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        pruning = self._pruning(stats.n_docs)
        if pruning["high"] < pruning["low"]:
            raise ValueError("max_df corresponds to < documents than min_df")
        try:
            kept = _core.vectorize.prune(stats, **pruning)
        except DecodeError:
            raise  # invalid UTF-8 in an Arrow column: already a ValueError, naming the row
        except Error as e:
            raise _value_error(e) from e
        buf, offsets = stats.state()[:2]
        self._set_vocabulary_terms(subtable(buf, offsets, kept))
        self._keep_stats(stats, pruning)
        return kept

    @property
    def term_stats_(self) -> Any:
        """Corpus statistics of every term seen since the last fit (fit, fit_transform
        and partial_fit with the textgauge engine; before pruning): a compact,
        picklable, mergeable ``textgauge.sklearn.TermStats``. ``del vec.term_stats_``
        frees them; partial_fit then refuses to continue."""
        stats = self.__dict__.get("_term_stats")
        if stats is None:
            if self.__sklearn_is_fitted__():
                raise AttributeError(
                    "term_stats_: this vectorizer keeps no term statistics (engine_="
                    f"{getattr(self, 'engine_', None)!r}: fitted by scikit-learn's code or with a "
                    "fixed vocabulary, or term_stats_ was deleted)"
                )
            raise AttributeError(
                "term_stats_ (fit, fit_transform or partial_fit with the textgauge engine first)"
            )
        return stats

    @term_stats_.deleter
    def term_stats_(self) -> None:
        if "_term_stats" not in self.__dict__:
            raise AttributeError("term_stats_")
        self._drop_stats()


@_pickle.picklable("CountVectorizer", 1, estimator=True)
class CountVectorizer(_EngineMixin, _TermStatistics):
    """scikit-learn's CountVectorizer on textgauge's engine (see the module doc).

    Extra parameter: ``n_jobs`` (threads; None = 1, -1 = all cores). Extra
    method: ``partial_fit``. The fitted vocabulary is stored compactly (one
    UTF-8 buffer and an offsets array); ``vocabulary_`` is built from it on
    first access.

    >>> cv = CountVectorizer(ngram_range=(1, 2), stop_words="english")
    >>> cv.fit(["the cat sat on the mat"]).get_feature_names_out().tolist()
    ['cat', 'cat sat', 'mat', 'sat', 'sat mat']
    """

    _parameter_constraints: dict[str, Any] = _constraints(_sktext.CountVectorizer)

    # Like sklearn's, fit_transform's rows are not sorted by column (sorting
    # them is a fifth of a fit); the matrix says so, and scipy sorts on
    # demand. TfidfVectorizer sorts: its weighting sums each row in order.
    _sorted_rows = False

    __init__ = _drop_in_init(_sktext.CountVectorizer)

    # ---- fitting (partial_fit and term_stats_: _TermStatistics) --------------

    def _pruning(self, n_doc: int) -> dict[str, Any]:
        """vec_prune's arguments for a corpus of n_doc documents (sklearn's df limits)."""
        max_df, min_df = self.max_df, self.min_df
        high = max_df if isinstance(max_df, Integral) else max_df * n_doc
        low = min_df if isinstance(min_df, Integral) else min_df * n_doc
        max_features = -1 if self.max_features is None else int(self.max_features)
        return {
            "high": float(high),
            "low": float(low),
            "max_features": max_features,
            "binary": bool(self.binary),
        }

    def _check_engine_fit(self, caller: str) -> None:
        """What ``fit`` checks of the parameters, for a fit from statistics counted elsewhere
        (``engine_vectorizer``): ValueError unless the engine runs and learns the vocabulary."""
        unsupported = self._engine_unsupported()
        if unsupported is not None:
            raise ValueError(
                f"{caller} needs the textgauge engine; {unsupported}= is not supported by it"
            )
        self._validate_params()
        self._validate_ngram_range()
        if self.vocabulary is not None:
            raise ValueError(
                "fit_vocabulary learns a vocabulary; for a fixed one use transform() directly"
            )
        if isinstance(self, TfidfVectorizer):
            self._check_params()

    def _count_with_engine(self, docs: Any) -> tuple[sp.csr_matrix, np.ndarray | None]:
        """fit_transform's counting and pruning, with the vocabulary's indices into the
        statistics kept (term_stats_); or its fixed-vocabulary counting (None)."""
        opts = self._engine_options()
        threads = _threads(self.n_jobs)
        if self.fixed_vocabulary_:
            return self._transform_with_engine(docs, opts), None
        n_doc = len(docs)
        pruning = self._pruning(n_doc)
        if pruning["high"] < pruning["low"]:
            # sklearn counts first: an empty vocabulary is reported before this
            if (
                len(
                    _engine_call(
                        _core.vectorize.stats, opts, docs, threads=threads, decode=self.decode
                    )
                )
                == 0
            ):
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            raise ValueError("max_df corresponds to < documents than min_df")
        try:
            # keep_stats: the statistics of every term (a copy of the pruned
            # ones' strings too), which partial_fit continues from.
            m, table, stats, kept = _engine_call(
                _core.vectorize.fit,
                opts,
                docs,
                **pruning,
                threads=threads,
                keep_stats=True,
                sorted_indices=self._sorted_rows,
                decode=self.decode,
            )
        except DecodeError:
            raise  # invalid UTF-8 in an Arrow column: already a ValueError, naming the row
        except Error as e:
            raise _value_error(e) from e
        self._set_vocabulary_terms(table)
        self._keep_stats(stats, pruning)
        shape = (n_doc, int(m["n_cols"]))
        X = _csr(
            m["indptr"], m["indices"], m["data"], shape, self.dtype, m["sorted_indices"], threads
        )
        return X, kept

    def _transform_with_engine(self, docs: Any, opts: Any = None) -> sp.csr_matrix:
        opts = opts or self._engine_options()
        try:
            m = _engine_call(
                _core.vectorize.transform,
                opts,
                docs,
                self._fixed_index(),
                binary=bool(self.binary),
                threads=_threads(self.n_jobs),
                decode=self.decode,
            )
        except DecodeError:
            raise  # invalid UTF-8 in an Arrow column: already a ValueError, naming the row
        except Error as e:
            raise _value_error(e) from e
        shape = (len(docs), int(m["n_cols"]))
        return _csr(
            m["indptr"], m["indices"], m["data"], shape, self.dtype, threads=_threads(self.n_jobs)
        )

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
                        "These entries will not be matched with any documents",
                        stacklevel=2,
                    )
                    break

    def fit_transform(self, raw_documents: Any, y: Any = None) -> Any:
        """Learn the vocabulary and return the document-term matrix (as sklearn).

        Starts over: what an earlier fit or partial_fit learnt is replaced."""
        return self._fit_counts(raw_documents, y)[0]

    def _fit_counts(self, raw_documents: Any, y: Any = None) -> tuple[Any, np.ndarray | None]:
        """fit_transform's matrix, and where the engine fitted it with statistics, the
        vocabulary's indices into them (else None)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        # Dropped first: if this fit fails, partial_fit must not continue from
        # statistics that no longer belong to the last (attempted) fit.
        self._drop_stats()
        unsupported = self._engine_unsupported()
        if unsupported is not None:
            self.engine_ = f"sklearn ({unsupported})"
            # sklearn's CountVectorizer by name: through super(), a TfidfVectorizer
            # would reach sklearn's TfidfVectorizer, weigh there and then again here.
            X = _sktext.CountVectorizer.fit_transform(self, _for_sklearn(raw_documents), y)
            return X, None
        self._prepare_fit()
        self._check_stop_words_once()
        docs = self._documents(raw_documents)
        X, kept = self._count_with_engine(docs)
        self.engine_ = "textgauge"
        return _align_api_if_sparse(X), kept

    def fit(self, raw_documents: Any, y: Any = None) -> CountVectorizer:
        """Learn the vocabulary (as sklearn); starts over, as fit_transform."""
        self.fit_transform(raw_documents)
        return self

    def transform(self, raw_documents: Any) -> Any:
        """Count the vocabulary's terms in documents; others are ignored (as sklearn)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._check_vocabulary()
        if self._engine_unsupported() is not None:
            # sklearn's CountVectorizer by name, as in _fit_counts
            return _sktext.CountVectorizer.transform(self, _for_sklearn(raw_documents))
        X = self._transform_with_engine(self._documents(raw_documents))
        return _align_api_if_sparse(X)


# auto_wrap_output_keys=None, as sklearn's own: a subclass would otherwise get set_output back.
@_pickle.picklable("TfidfTransformer", 1, estimator=True)
class TfidfTransformer(_sktext.TfidfTransformer, auto_wrap_output_keys=None):  # type: ignore[call-arg]
    """scikit-learn's TfidfTransformer; float64 CSR input is weighted in C++ in
    sklearn's order of operations (same results within 1e-12).

    >>> import scipy.sparse as sp
    >>> t = TfidfTransformer().fit(sp.csr_matrix([[1, 1], [1, 0]]))
    >>> t.idf_.round(6).tolist()
    [1.0, 1.405465]
    """

    def transform(self, X: Any, copy: bool = True) -> Any:
        """Weight a count matrix (as sklearn)."""
        return self._weigh(X, copy=copy, threads=1)

    def _weigh(self, X: Any, *, copy: bool, threads: int, counted: bool = False) -> Any:
        """transform() with the rows weighed on ``threads`` threads (the same values).

        counted: X is the count matrix a vectorizer of this module just made with this
        transformer's vocabulary (finite counts, the fitted width), so sklearn's checks
        of it, a serial pass over every value, are skipped."""
        if not (
            sp.issparse(X) and X.format == "csr" and X.dtype == np.float64 and X.has_sorted_indices  # type: ignore[attr-defined]
        ):
            return super().transform(X, copy=copy)
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self)
        if not counted:
            X = validate_data(
                self, X, accept_sparse="csr", dtype=[np.float64], copy=copy, reset=False
            )
        idf = self.idf_ if hasattr(self, "idf_") else None
        _core.vectorize.tfidf_inplace(
            X.indptr,
            X.indices,
            X.data,
            tf="log" if self.sublinear_tf else "raw",
            idf=idf,
            norm=self.norm or "none",
            threads=threads,
        )
        return _align_api_if_sparse(X)


@_pickle.picklable("TfidfVectorizer", 1, estimator=True)
class TfidfVectorizer(CountVectorizer, _sktext.TfidfVectorizer):
    """scikit-learn's TfidfVectorizer on textgauge's engine (see the module doc).

    >>> tv = TfidfVectorizer().fit(["The cat sat on the mat.", "The dog sat."])
    >>> tv.idf_.round(6).tolist()
    [1.405465, 1.405465, 1.405465, 1.405465, 1.0, 1.0]
    """

    _parameter_constraints: dict[str, Any] = _constraints(_sktext.TfidfVectorizer)

    _sorted_rows = True

    __init__ = _drop_in_init(_sktext.TfidfVectorizer)

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
        X, kept = CountVectorizer._fit_counts(self, raw_documents)
        if kept is not None and self.use_idf:
            # The engine counted each term's documents already: the idf comes from
            # them instead of a second count over the matrix (sklearn's fit).
            self._set_idf(self.__dict__["_term_stats"], kept)
        else:
            self._tfidf.fit(X)
        return self._weigh(X)

    def transform(self, raw_documents: Any) -> Any:
        """TF-IDF of documents with the fitted vocabulary and idf (as sklearn)."""
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, msg="The TF-IDF vectorizer is not fitted")
        X = CountVectorizer.transform(self, raw_documents)
        return self._weigh(X)

    def _weigh(self, X: Any) -> Any:
        """The fitted transformer's weights, in place, on n_jobs threads where it is ours
        (after a fit by sklearn's own code, ``_tfidf`` is sklearn's)."""
        if isinstance(self._tfidf, TfidfTransformer):
            return self._tfidf._weigh(X, copy=False, threads=_threads(self.n_jobs), counted=True)
        return self._tfidf.transform(X, copy=False)

    def partial_fit(self, raw_documents: Any, y: Any = None) -> TfidfVectorizer:
        """Add a batch to the term statistics; refit vocabulary and idf (see CountVectorizer).

        ``fit(a)`` then ``partial_fit(b)`` gives the idf of ``fit(a + b)``."""
        self._check_params()
        CountVectorizer.partial_fit(self, raw_documents)
        return self

    def _fit_from_stats(self, stats: Any) -> np.ndarray:
        kept: np.ndarray = CountVectorizer._fit_from_stats(self, stats)
        self._tfidf = self._new_tfidf()
        self._set_idf(stats, kept)
        return kept

    def _set_idf(self, stats: Any, kept: np.ndarray) -> None:
        """The fitted transformer of the vocabulary `kept` (indices into `stats`), its idf
        from the statistics' document counts as sklearn's TfidfTransformer.fit computes
        it from the matrix, operation for operation."""
        dtype = self.dtype if self.dtype in (np.float64, np.float32) else np.float64
        self._tfidf.n_features_in_ = len(kept)
        if self.use_idf:
            df = stats.doc_count[kept].astype(dtype)  # document frequencies of the kept terms
            df += float(self.smooth_idf)
            n_samples = stats.n_docs + int(self.smooth_idf)
            idf = np.full_like(df, fill_value=n_samples, dtype=dtype)
            idf /= df
            np.log(idf, out=idf)
            idf += 1.0
            self._tfidf.idf_ = idf

    def __sklearn_is_fitted__(self) -> bool:
        return self.__dict__.get("_vocab_table") is not None and hasattr(self, "_tfidf")


@_pickle.picklable("HashingVectorizer", 1, estimator=True)
class HashingVectorizer(_EngineMixin, _sktext.HashingVectorizer):
    """scikit-learn's HashingVectorizer on textgauge's engine: MurmurHash3_x86_32
    (seed 0) of each feature's UTF-8, computed in C++.

    >>> X = HashingVectorizer(n_features=2**20).transform(["the cat the"])
    >>> sorted(zip(X.indices.tolist(), X.data.round(6).tolist()))
    [(286878, -0.894427), (300839, 0.447214)]
    """

    _parameter_constraints: dict[str, Any] = _constraints(_sktext.HashingVectorizer)

    __init__ = _drop_in_init(_sktext.HashingVectorizer)

    def transform(self, X: Any) -> Any:
        """Hash documents into a (n_samples, n_features) matrix (as sklearn)."""
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if self._engine_unsupported() is not None:
            return super().transform(_for_sklearn(X))
        self._validate_params()
        self._validate_ngram_range()
        self._check_stop_words_once()
        docs = self._documents(X)
        try:
            m = _engine_call(
                _core.vectorize.hash,
                self._engine_options(),
                docs,
                n_features=int(self.n_features),
                alternate_sign=bool(self.alternate_sign),
                threads=_threads(self.n_jobs),
                decode=self.decode,
            )
        except DecodeError:
            raise  # invalid UTF-8 in an Arrow column: already a ValueError, naming the row
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


# What textgauge.dask needs of a vectorizer: it fits one from merged term statistics. ------


def engine_vectorizer(tfidf: bool, params: dict[str, Any], *, caller: str) -> CountVectorizer:
    """A CountVectorizer (TfidfVectorizer with ``tfidf``) of ``params``, checked as ``fit``
    checks them; ValueError unless the engine runs it and it learns its vocabulary."""
    vec: CountVectorizer = (TfidfVectorizer if tfidf else CountVectorizer)(**params)
    vec._check_engine_fit(caller)
    return vec


def engine_options(vec: _EngineMixin) -> Any:
    """The engine's analyzer options (``_core.vectorize.AnalyzerOptions``) of a vectorizer."""
    return vec._engine_options()


def fit_from_stats(vec: CountVectorizer, stats: Any) -> None:
    """Fits ``vec`` from term statistics counted elsewhere (merged from partitions) with its
    analysis parameters: the pruning, ordering and idf code of partial_fit, on no new document."""
    vec.__dict__["_term_stats"] = stats
    vec.partial_fit([])


def without_term_stats(vec: CountVectorizer) -> CountVectorizer:
    """A shallow copy of a fitted vectorizer without its term statistics and caches: what
    transform needs, and no more (to ship to workers)."""
    out = copy.copy(vec)
    out.__dict__ = dict(vec.__dict__)
    out.__dict__.pop("_term_stats", None)
    out.__dict__.pop("_vocabulary_cache", None)
    out.__dict__.pop("_fixed_vocabulary_index", None)
    return out
