"""Scale-out on Dask: sentiment, vocabularies, TF-IDF and term statistics over partitions,
with results identical to one machine.

Every statistic is built from *partial statistics* that each partition computes in C++
(the GIL released, so Dask's threads and processes both scale) and that merge by
addition: term -> (count, document count) tables (:class:`textgauge.sklearn.TermStats`:
one UTF-8 buffer, an offsets array and two int64 arrays, no Python object per term or
token), merged by a tree reduction (``split_every`` inputs per merge). Pruning
(``min_df``, ``max_df``, ``max_features``), idf, ranks, keyness and association measures
are computed once, from the merged totals, so nothing is decided per partition (the
reason dask-ml's ``CountVectorizer`` differs from scikit-learn when ``min_df`` is set).

Functions take a Dask Series of str (or a Dask Bag of str, where noted):

- :func:`sentiment` -> Dask DataFrame of VADER scores per document, paragraph or sentence;
- :func:`lookup` -> Dask DataFrame of dictionary counts per document, paragraph or sentence
  (rows of :meth:`Corpus.lookup`; totals merge by addition: ``.sum()``);
- :func:`fit_vocabulary` -> fitted :class:`textgauge.sklearn.CountVectorizer` /
  ``TfidfVectorizer``; :func:`transform` / :func:`fit_transform` -> Dask array of
  ``scipy.sparse.csr_matrix`` blocks;
- :func:`frequency`, :func:`keyness`, :func:`collocations` -> pandas DataFrames equal to
  :meth:`Corpus.frequency`, :meth:`Corpus.keyness`, :meth:`Corpus.collocations` on all texts;
- :func:`phrases` -> the :class:`textgauge.Phrases` model learned from all texts.

Requires ``pip install textgauge[dask]``. With a ``distributed.Client`` the same code runs
on a laptop (``LocalCluster``) or on a cluster (dask-jobqueue, dask-kubernetes,
dask-gateway): create the ``Client`` for its scheduler first.

Example:
    >>> import dask.dataframe as dd, pandas as pd
    >>> s = dd.from_pandas(pd.Series(["The cat sat.", "The dog sat.", "A cat!"]), npartitions=2)
    >>> cv = fit_vocabulary(s, min_df=2)
    >>> cv.get_feature_names_out().tolist()
    ['cat', 'sat', 'the']
    >>> transform(cv, s).compute().toarray().tolist()
    [[1, 1, 1], [0, 1, 1], [1, 0, 0]]
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

try:
    import dask
    import dask.array as da
    import dask.bag as db
    import dask.dataframe as dd
    from dask.delayed import Delayed, delayed
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "textgauge.dask needs Dask: pip install 'textgauge[dask]' (dask[distributed,dataframe])"
    ) from e

from . import _core
from ._corpus import check_kinds
from ._methods import check_method, method_frame
from ._unicode import arrow_texts
from .dictionary import Dictionary
from .errors import OptionError
from .partial import CollocationStats, GroupedTermStats
from .phrases import Compounding, Phrases, compounding
from .sentiment import SentimentIntensityAnalyzer, corpus_sentiment, raw_scores
from .text import Corpus

__all__ = [
    "CollocationStats",
    "GroupedTermStats",
    "collocations",
    "fit_transform",
    "fit_vocabulary",
    "frequency",
    "keyness",
    "lookup",
    "phrases",
    "sentiment",
    "term_stats",
    "transform",
]

Level = Literal["document", "paragraph", "sentence"]
_COLUMNS = ["neg", "neu", "pos", "compound"]

# ---------------------------------------------------------------------------------------
# partitions


def _partitions(texts: Any) -> list[Delayed]:
    """One Delayed per partition of a Dask Series (a pandas Series) or Bag (a list)."""
    if isinstance(texts, dd.DataFrame):
        raise TypeError("pass one column of texts (a Dask Series), not a DataFrame")
    if isinstance(texts, (dd.Series, db.Bag)):
        return list(texts.to_delayed())
    raise TypeError(f"texts must be a Dask Series or Bag of str, got {type(texts).__name__}")


def _texts_list(part: Any) -> list[str]:
    if isinstance(part, pd.Series):
        return part.tolist()
    return part if isinstance(part, list) else list(part)


def _texts_batch(part: Any) -> Any:
    """The texts of a partition for an engine call: a Series of Arrow strings (Dask's
    default string columns) as its Arrow column, read in place with no str made."""
    column = arrow_texts(part) if isinstance(part, pd.Series) else None
    return column if column is not None else _texts_list(part)


def _joining(compound: Any, delimiter: str | None) -> Compounding | None:
    """The expressions to join in every partition, checked here (not in a worker) and made
    plain data (a Phrases model or a table becomes its expressions)."""
    return None if compound is None else compounding(compound, delimiter=delimiter)


def _tree_reduce(parts: list[Any], merge: Any, split_every: int, name: str) -> Delayed:
    """Merge `parts` `split_every` at a time, level by level: depth log_k(n), and no task
    holds more than `split_every` partial results."""
    if split_every < 2:
        raise ValueError(f"split_every must be >= 2, got {split_every!r}")
    if not parts:
        raise ValueError("the collection has no partitions")
    level = list(parts)
    while len(level) > 1:
        level = [
            delayed(merge, pure=True)(*level[i : i + split_every])
            for i in range(0, len(level), split_every)
        ]
    return level[0]


# ---------------------------------------------------------------------------------------
# sentiment

# One analyzer per worker process and configuration: VADER's lexicon is read once per
# process, never shipped with tasks. A custom analyzer instead travels as one graph key
# (dask.delayed), which distributed copies to each worker once and keeps in memory.
_ANALYZERS: dict[str, SentimentIntensityAnalyzer] = {}
_ANALYZERS_LOCK = threading.Lock()
_ANALYZER_BUILDS = [0]


def _default_analyzer(mode: str) -> SentimentIntensityAnalyzer:
    engine = "fixed" if mode == "fixed" else "vader"
    with _ANALYZERS_LOCK:
        sia = _ANALYZERS.get(engine)
        if sia is None:
            sia = SentimentIntensityAnalyzer(mode=engine)  # type: ignore[arg-type]
            _ANALYZERS[engine] = sia
            _ANALYZER_BUILDS[0] += 1
    return sia


def analyzer_builds() -> int:
    """How many default analyzers this process has built (one per mode at most): run it on
    the workers (``client.run(textgauge.dask.analyzer_builds)``) to see that the lexicon was
    loaded once per worker, not once per task.

    >>> analyzer_builds() >= 0
    True
    """
    return _ANALYZER_BUILDS[0]


def _sentiment_part(
    part: Any,
    start: int | None,
    level: str,
    mode: str,
    analyzer: Any,
    options: dict[str, Any],
    threads: int,
    method: str = "vader",
) -> pd.DataFrame:
    texts = _texts_batch(part)
    if isinstance(part, pd.Series):
        keys = part.index.to_numpy()
    else:
        keys = np.arange(start or 0, (start or 0) + len(texts), dtype=np.int64)
    if method != "vader":
        if level == "document" and mode != "sentences":
            # A document's score is the score of its text: no segmentation needed.
            method_scores = method_frame(texts, method=method, threads=threads)
            frame = pd.DataFrame({"document": keys})
            for c in method_scores.columns:
                frame[c] = method_scores[c].to_numpy()
            return frame
        corpus = Corpus.from_texts(texts, ids=list(range(len(texts))), threads=threads, **options)
        frame = corpus_sentiment(corpus, level, mode=mode, method=method)  # type: ignore[arg-type]
        frame["document"] = (
            keys[frame["document"].to_numpy(dtype=np.int64)] if len(frame) else keys[:0]
        )
        return frame
    sia = analyzer if analyzer is not None else _default_analyzer(mode)
    if level == "document" and mode != "sentences":
        # A document's VADER score is the score of its text: no segmentation needed.
        scores, tokens = raw_scores(sia, texts, threads=threads)
        frame = pd.DataFrame({"document": keys})
        scores = np.asarray(scores, dtype=float).reshape(len(texts), 4)
        frame["polarity"] = scores[:, 3]
        for j, c in enumerate(_COLUMNS):
            frame[c] = scores[:, j]
        frame["tokens"] = np.asarray(tokens, dtype=np.uint32)
        return frame
    corpus = Corpus.from_texts(texts, ids=list(range(len(texts))), threads=threads, **options)
    frame = corpus_sentiment(corpus, level, mode=mode, analyzer=sia)  # type: ignore[arg-type]
    frame["document"] = keys[frame["document"].to_numpy(dtype=np.int64)] if len(frame) else keys[:0]
    return frame


def _sentiment_bag_part(
    part: Any,
    level: str,
    mode: str,
    analyzer: Any,
    options: dict[str, Any],
    threads: int,
    method: str = "vader",
) -> tuple[pd.DataFrame, int]:
    texts = _texts_list(part)
    return _sentiment_part(texts, 0, level, mode, analyzer, options, threads, method), len(texts)


def _shift_documents(scored: tuple[pd.DataFrame, int], *earlier: int) -> pd.DataFrame:
    frame = scored[0]
    frame["document"] = frame["document"].to_numpy(dtype=np.int64) + int(sum(earlier))
    return frame


def _text_count(scored: tuple[pd.DataFrame, int]) -> int:
    return scored[1]


def sentiment(
    texts: Any,
    level: Level = "document",
    *,
    mode: str = "vader",
    analyzer: SentimentIntensityAnalyzer | None = None,
    corpus_options: Mapping[str, Any] | None = None,
    threads: int = 1,
    method: str = "vader",
) -> dd.DataFrame:
    """Sentiment of every document, paragraph or sentence, as a Dask DataFrame.

    Each partition is scored as :func:`textgauge.sentiment.corpus_sentiment` scores a
    :class:`Corpus` of its texts (``level``, ``mode`` as there; ``"document"`` with the
    ``"vader"``/``"fixed"`` modes scores the raw texts directly). ``document`` holds the
    Series' index label of the text (a Bag: its position in the Bag). The default
    analyzer is built once per worker process;
    a custom ``analyzer`` is sent to each worker once.

    Args:
        texts: Dask Series (or Bag) of str.
        level: ``"document"``, ``"paragraph"`` or ``"sentence"``.
        mode: ``"vader"``, ``"fixed"`` or ``"sentences"`` (paragraph/document levels).
        corpus_options: options of :class:`Corpus` (segmentation), for the paragraph and
            sentence levels.
        threads: C++ threads per task (Dask already runs one task per worker thread).
        method: the scorer, as in :func:`textgauge.sentiment`: ``"vader"`` (default),
            ``"afinn"``, ``"textblob"`` or ``"textgauge"`` (columns as
            ``Corpus.sentiment(method=...)``; ``mode="fixed"`` and ``analyzer`` are VADER's).

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["I love it", "I hate it"]), npartitions=2)
        >>> sentiment(s).compute()["compound"].tolist()
        [0.6369, -0.5719]
    """
    if level not in ("document", "paragraph", "sentence"):
        raise OptionError(f"level must be 'document', 'paragraph' or 'sentence', got {level!r}")
    if mode not in ("vader", "fixed", "sentences"):
        raise OptionError(f"mode must be 'vader', 'fixed' or 'sentences', got {mode!r}")
    if analyzer is not None and not isinstance(analyzer, SentimentIntensityAnalyzer):
        raise TypeError("analyzer must be a textgauge SentimentIntensityAnalyzer")
    check_method(method)
    if method != "vader" and (mode == "fixed" or analyzer is not None):
        raise OptionError(f"mode='fixed' and analyzer= are VADER's, not method={method!r}'s")
    options = dict(corpus_options or {})
    parts = _partitions(texts)
    # Meta from one real call on a tiny text, so dtypes are exactly those of the result.
    meta = _sentiment_part(["Good."], 0, level, mode, analyzer, options, 1, method).iloc[:0].copy()
    shipped = delayed(analyzer, pure=True) if analyzer is not None else None
    if isinstance(texts, dd.Series):
        meta["document"] = meta["document"].astype(texts.index.dtype)
        out = [
            delayed(_sentiment_part, pure=True)(
                p, None, level, mode, shipped, options, threads, method
            )
            for p in parts
        ]
    else:
        # A Bag has no index: a text's key is its position, the count of texts in earlier
        # partitions plus its own place. Counts come out of the scoring tasks, so the texts
        # are read once; only the small shifting tasks wait for earlier partitions.
        scored = [
            delayed(_sentiment_bag_part, pure=True)(
                p, level, mode, shipped, options, threads, method
            )
            for p in parts
        ]
        counts = [delayed(_text_count, pure=True)(x) for x in scored]
        out = [delayed(_shift_documents, pure=True)(x, *counts[:i]) for i, x in enumerate(scored)]
    return dd.from_delayed(out, meta=meta, verify_meta=False)


# ---------------------------------------------------------------------------------------
# dictionary lookup


def _lookup_part(
    part: Any,
    start: int | None,
    dictionary: Dictionary,
    options: dict[str, Any],
    corpus_options: dict[str, Any],
    threads: int,
    joining: Compounding | None = None,
) -> pd.DataFrame:
    texts = _texts_batch(part)
    if isinstance(part, pd.Series):
        keys = part.index.to_numpy()
    else:
        keys = np.arange(start or 0, (start or 0) + len(texts), dtype=np.int64)
    corpus = Corpus.from_texts(
        texts, ids=list(range(len(texts))), threads=threads, **corpus_options
    )
    if joining is not None:
        corpus = corpus.compound(joining)
    frame = corpus.lookup(dictionary, **options)
    doc = frame["document"].to_numpy(dtype=np.int64)
    frame["document"] = keys[doc] if len(frame) else keys[:0]
    return frame  # type: ignore[no-any-return]


def _lookup_bag_part(
    part: Any,
    dictionary: Dictionary,
    options: dict[str, Any],
    corpus_options: dict[str, Any],
    threads: int,
    joining: Compounding | None = None,
) -> tuple[pd.DataFrame, int]:
    texts = _texts_list(part)
    return _lookup_part(texts, 0, dictionary, options, corpus_options, threads, joining), len(texts)


def lookup(
    texts: Any,
    dictionary: Dictionary | Mapping[str, Any],
    *,
    corpus_options: Mapping[str, Any] | None = None,
    compound: Any = None,
    compound_delimiter: str | None = None,
    threads: int = 1,
    **options: Any,
) -> dd.DataFrame:
    """Dictionary counts of every document, paragraph or sentence, as a Dask DataFrame.

    Each partition is counted as :meth:`textgauge.Corpus.lookup` counts a :class:`Corpus` of
    its texts; ``options`` are that method's (``level``, ``valuetype``, ``nested_scope``,
    ``negation``, ...; not ``sparse`` or ``exclusive=False``, whose columns depend on the
    partition). A unit lies in one text, so the rows are those of one machine, and totals
    merge by addition (``lookup(...)[categories].sum()``). ``document`` holds the Series'
    index label (a Bag: the position). The dictionary is sent to each worker once.
    ``compound``: multi-word expressions joined first (``Corpus.compound(compound,
    delimiter=compound_delimiter)``), so that an entry ``new_york`` counts them.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["Good, good.", "Bad!"]), npartitions=2)
        >>> lookup(s, {"pos": ["good"], "neg": ["bad*"]}).compute()[["pos", "neg"]].values.tolist()
        [[2, 0], [0, 1]]
    """
    if not isinstance(dictionary, Dictionary):
        dictionary = Dictionary(dictionary)
    if options.get("sparse") or options.get("exclusive") is False:
        raise OptionError("dask.lookup gives DataFrames: sparse and exclusive=False are not taken")
    corpus = dict(corpus_options or {})
    opts = dict(options)
    joining = _joining(compound, compound_delimiter)
    parts = _partitions(texts)
    # Meta from one real call (option errors surface here, before any task runs).
    meta = _lookup_part(["Good."], 0, dictionary, opts, corpus, 1, joining).iloc[:0].copy()
    shipped = delayed(dictionary, pure=True)
    if isinstance(texts, dd.Series):
        meta["document"] = meta["document"].astype(texts.index.dtype)
        out = [
            delayed(_lookup_part, pure=True)(p, None, shipped, opts, corpus, threads, joining)
            for p in parts
        ]
    else:
        counted = [
            delayed(_lookup_bag_part, pure=True)(p, shipped, opts, corpus, threads, joining)
            for p in parts
        ]
        counts = [delayed(_text_count, pure=True)(x) for x in counted]
        out = [delayed(_shift_documents, pure=True)(x, *counts[:i]) for i, x in enumerate(counted)]
    return dd.from_delayed(out, meta=meta, verify_meta=False)


# ---------------------------------------------------------------------------------------
# vocabulary and document-term matrices


def _vectorizer(tfidf: bool, params: dict[str, Any]) -> Any:
    from .sklearn import engine_vectorizer

    return engine_vectorizer(tfidf, params, caller="textgauge.dask")


def _stats_part(part: Any, vec: Any, threads: int) -> Any:
    # The analyzer options are rebuilt here from the (picklable) estimator: the C++
    # options object does not pickle, and building it is cheap.
    from .sklearn import engine_options

    return _core.vectorize.stats(engine_options(vec), _texts_batch(part), threads=threads)


def _n_docs(stats: Any) -> int:
    return int(stats.n_docs)


def _merge_stats(*stats: Any) -> Any:
    out = stats[0]
    for s in stats[1:]:
        out = out.merged(s)
    return out


def term_stats(
    texts: Any, *, split_every: int = 8, threads: int = 1, **vectorizer_params: Any
) -> Any:
    """The merged :class:`textgauge.sklearn.TermStats` (every term before pruning: corpus
    count, document count; ``n_docs``) of a Dask Series or Bag, as a Delayed.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["a cat", "the cat"]), npartitions=2)
        >>> st = term_stats(s).compute()
        >>> st.n_docs, len(st)
        (2, 2)
    """
    vec = delayed(_vectorizer(False, vectorizer_params), pure=True)
    parts = [delayed(_stats_part, pure=True)(p, vec, threads) for p in _partitions(texts)]
    return _tree_reduce(parts, _merge_stats, split_every, "textgauge-term-stats")


def _fit(
    texts: Any, tfidf: bool, split_every: int, threads: int, params: dict[str, Any]
) -> tuple[Any, list[int]]:
    vec = _vectorizer(tfidf, params)
    shipped = delayed(vec, pure=True)
    parts = [delayed(_stats_part, pure=True)(p, shipped, threads) for p in _partitions(texts)]
    root = _tree_reduce(parts, _merge_stats, split_every, "textgauge-term-stats")
    # The partition sizes come with the statistics (n_docs), in the same pass.
    stats, lengths = dask.compute(root, [delayed(_n_docs, pure=True)(p) for p in parts])
    # partial_fit on no documents adds nothing to the merged statistics and runs
    # exactly the pruning, ordering and idf code of partial_fit/fit.
    from .sklearn import fit_from_stats

    fit_from_stats(vec, stats)
    return vec, [int(n) for n in lengths]


def fit_vocabulary(
    texts: Any,
    *,
    tfidf: bool = False,
    split_every: int = 8,
    threads: int = 1,
    **vectorizer_params: Any,
) -> Any:
    """Learn a vocabulary (and idf) from a Dask Series or Bag of texts, as one machine would.

    Each partition counts its terms in C++ (no GIL) into a TermStats; the statistics merge
    by a tree reduction (``split_every`` at a time); ``min_df``/``max_df``/``max_features``
    prune on the *global* document frequencies and the vocabulary is in scikit-learn's
    order, so the result equals ``CountVectorizer(**params).fit(all_texts)``.

    Returns a fitted :class:`textgauge.sklearn.CountVectorizer` (``tfidf=True``:
    ``TfidfVectorizer``, idf from the global document frequencies). ``term_stats_`` holds
    the merged statistics of every term (drop it before pickling to save space).

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["a cat", "the cat", "the dog"]), npartitions=3)
        >>> tv = fit_vocabulary(s, tfidf=True)
        >>> tv.get_feature_names_out().tolist(), tv.idf_.round(4).tolist()
        (['cat', 'dog', 'the'], [1.2877, 1.6931, 1.2877])
    """
    return _fit(texts, tfidf, split_every, threads, vectorizer_params)[0]


def _transform_part(vec: Any, part: Any) -> sp.csr_matrix:
    X = vec.transform(_texts_batch(part))
    return sp.csr_matrix(X) if not isinstance(X, sp.csr_matrix) else X


def _slim(vec: Any) -> Any:
    """The vectorizer without its statistics of pruned terms: what each worker needs."""
    from .sklearn import without_term_stats

    return without_term_stats(vec)


def _blocks(vec: Any, texts: Any, lengths: Sequence[int] | None) -> da.Array:
    parts = _partitions(texts)
    n_features = len(vec.get_feature_names_out())
    dtype = np.dtype(vec.dtype)
    shipped = delayed(_slim(vec), pure=True)  # one key: sent once per worker
    if lengths is not None and len(lengths) != len(parts):
        raise ValueError(f"lengths has {len(lengths)} entries for {len(parts)} partitions")
    blocks = []
    for i, p in enumerate(parts):
        rows = float("nan") if lengths is None else int(lengths[i])
        blocks.append(
            da.from_delayed(
                delayed(_transform_part, pure=True)(shipped, p),
                shape=(rows, n_features),
                dtype=dtype,
                meta=sp.csr_matrix((0, n_features), dtype=dtype),
            )
        )
    return da.concatenate(blocks, axis=0, allow_unknown_chunksizes=lengths is None)


def transform(
    vectorizer: Any, texts: Any, *, lengths: Sequence[int] | bool | None = None
) -> da.Array:
    """Document-term matrix of a Dask Series or Bag with a fitted textgauge vectorizer:
    a Dask array of ``scipy.sparse.csr_matrix`` blocks, one per partition (TF-IDF with the
    vectorizer's idf). Columns are ``vectorizer.get_feature_names_out()``.

    Row counts per block are unknown (NaN) unless ``lengths`` gives them, or is True (one
    extra pass counts them); :func:`fit_transform` knows them from its fit.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["a cat", "the cat"]), npartitions=2)
        >>> cv = fit_vocabulary(s)
        >>> transform(cv, s, lengths=True).chunks
        ((1, 1), (2,))
    """
    if not vectorizer.__sklearn_is_fitted__():
        raise ValueError("the vectorizer is not fitted (fit_vocabulary first)")
    if lengths is True:
        lengths = [int(n) for n in dask.compute(*[delayed(len)(p) for p in _partitions(texts)])]
    elif lengths is False:
        lengths = None
    return _blocks(vectorizer, texts, lengths)


def fit_transform(
    texts: Any,
    *,
    tfidf: bool = False,
    split_every: int = 8,
    threads: int = 1,
    **vectorizer_params: Any,
) -> tuple[Any, da.Array]:
    """:func:`fit_vocabulary` then :func:`transform` (with known block sizes):
    ``(vectorizer, X)``.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["a cat", "the cat"]), npartitions=2)
        >>> cv, X = fit_transform(s)
        >>> X.shape, X.compute().toarray().tolist()
        ((2, 2), [[1, 0], [1, 1]])
    """
    vec, lengths = _fit(texts, tfidf, split_every, threads, vectorizer_params)
    return vec, _blocks(vec, texts, lengths)


# ---------------------------------------------------------------------------------------
# frequency and keyness


def _merge_grouped(*parts: GroupedTermStats) -> GroupedTermStats:
    out = parts[0]
    for p in parts[1:]:
        out = out.merged(p)
    return out


def _grouped_part(
    part: Any,
    labels: Any,
    i: int,
    kinds: list[str],
    options: dict[str, Any],
    threads: int,
    target: Any,
    reference: Any,
    keyness_mode: bool,
    joining: Compounding | None = None,
) -> GroupedTermStats:
    texts = _texts_batch(part)
    if labels is not None:
        labels = _texts_list(labels)
        if len(labels) != len(texts):
            raise ValueError(
                f"partition {i}: {len(labels)} group labels for {len(texts)} texts "
                "(texts and groups must be partitioned alike)"
            )
    if keyness_mode:
        labels = _keyness_labels(texts, labels, target, reference, i)
    return GroupedTermStats.from_texts(
        texts,
        labels,
        part=i,
        kinds=kinds,
        corpus_options=options,
        threads=threads,
        compound=joining,
    )


def _keyness_labels(
    texts: list[str], labels: Any, target: Any, reference: Any, i: int
) -> list[Any]:
    if labels is None:
        raise ValueError("keyness needs groups= (group labels, or a boolean Series as the target)")
    arr = np.asarray(labels, dtype=object)
    target_kind, target_label = target
    reference_kind, reference_label = reference
    t = (
        np.asarray([bool(x) for x in arr], dtype=bool)
        if target_kind == "mask"
        else arr == target_label
    )
    if reference_kind == "rest":
        r = ~t
    elif reference_kind == "external":
        r = np.zeros(len(arr), dtype=bool)
    else:
        r = arr == reference_label
    return np.where(t, "target", np.where(r, "reference", None)).tolist()  # type: ignore[call-overload, no-any-return]


def _grouped(
    texts: Any,
    groups: Any,
    kinds: Sequence[str],
    corpus_options: Mapping[str, Any] | None,
    split_every: int,
    threads: int,
    target: Any = None,
    reference: Any = None,
    keyness_mode: bool = False,
    joining: Compounding | None = None,
) -> Delayed:
    parts = _partitions(texts)
    if groups is None:
        gparts: list[Any] = [None] * len(parts)
    else:
        gparts = _partitions(groups)
        if len(gparts) != len(parts):
            raise ValueError(
                f"groups has {len(gparts)} partitions, texts {len(parts)}: partition them alike"
            )
    kinds = check_kinds(kinds)
    options = dict(corpus_options or {})
    chunks = [
        delayed(_grouped_part, pure=True)(
            p, g, i, kinds, options, threads, target, reference, keyness_mode, joining
        )
        for i, (p, g) in enumerate(zip(parts, gparts))
    ]
    return _tree_reduce(chunks, _merge_grouped, split_every, "textgauge-grouped-counts")


def frequency(
    texts: Any,
    *,
    groups: Any = None,
    n: int | None = None,
    ties: str = "min",
    kinds: Sequence[str] = ("word", "number"),
    corpus_options: Mapping[str, Any] | None = None,
    compound: Any = None,
    compound_delimiter: str | None = None,
    split_every: int = 8,
    threads: int = 1,
) -> pd.DataFrame:
    """:meth:`Corpus.frequency` of a Dask Series (or Bag) of texts: term, frequency, rank,
    docfreq, group, equal to the table of one :class:`Corpus` of all the texts.
    ``compound``: multi-word expressions counted as single terms, as in
    ``Corpus.compound(compound, delimiter=compound_delimiter)`` (so in :func:`keyness` and
    :func:`collocations`).

    ``groups``: a Dask Series of labels partitioned like ``texts`` (e.g. another column of
    the same Dask DataFrame); None: one group ``"all"``. Groups are ordered by first
    appearance, as on one machine.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["a b b c", "b c"]), npartitions=2)
        >>> frequency(s)[["term", "frequency", "rank", "docfreq"]].values.tolist()
        [['b', 3, 1, 2], ['c', 2, 2, 2], ['a', 1, 3, 1]]
    """
    if ties not in ("min", "average", "first", "max", "dense"):
        raise OptionError(f"ties must be one of min, average, first, max, dense; got {ties!r}")
    if n is not None and (not isinstance(n, int) or n < 1):
        raise ValueError(f"n must be a positive integer or None, got {n!r}")
    joining = _joining(compound, compound_delimiter)
    merged = _grouped(
        texts, groups, kinds, corpus_options, split_every, threads, joining=joining
    ).compute()
    return merged.frequency(n=n, ties=ties)  # type: ignore[no-any-return]


def keyness(
    texts: Any,
    target: Any,
    reference: Any = None,
    *,
    groups: Any = None,
    measure: str = "chi2",
    correction: str = "default",
    kinds: Sequence[str] = ("word", "number"),
    corpus_options: Mapping[str, Any] | None = None,
    compound: Any = None,
    compound_delimiter: str | None = None,
    split_every: int = 8,
    threads: int = 1,
) -> pd.DataFrame:
    """:meth:`Corpus.keyness` of a Dask Series (or Bag) of texts, sorted (statistic
    descending, then term), equal to the table of one :class:`Corpus` of all the texts.

    ``target``: a group label (with ``groups=``, a Dask Series of labels partitioned like
    ``texts``) or a boolean Dask Series partitioned like ``texts``. ``reference``: None
    (every other document), another label, or an external frequency table (as
    :func:`textgauge.keyness.keyness`).

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["oil oil price", "price rise rise"]), npartitions=2)
        >>> t = dd.from_pandas(pd.Series([True, False]), npartitions=2)
        >>> keyness(s, t, correction="none")[["term", "n_target", "n_reference"]].values.tolist()
        [['oil', 2, 0], ['price', 1, 1], ['rise', 0, 2]]
    """
    from .keyness import reference_table, resolve_correction

    correction = resolve_correction(measure, correction)
    # (kind, label) pairs: plain data, since they travel to the workers.
    external = None
    if isinstance(target, (dd.Series, db.Bag)):
        if groups is not None:
            raise ValueError(
                "give either a boolean Series as target or groups= with a label, not both"
            )
        groups, target_key = target, ("mask", None)
        if reference is not None and not isinstance(reference, (pd.DataFrame, pd.Series, Mapping)):
            raise ValueError(
                "with a boolean target, reference is None (the rest) or an external table"
            )
    else:
        target_key = ("label", target)
    ref_key: tuple[str, Any] = ("rest", None) if reference is None else ("label", reference)
    if isinstance(reference, (pd.DataFrame, pd.Series, Mapping)):
        external = reference_table(reference)
        ref_key = ("external", None)
    merged: GroupedTermStats = _grouped(
        texts,
        groups,
        kinds,
        corpus_options,
        split_every,
        threads,
        target=target_key,
        reference=ref_key,
        keyness_mode=True,
        joining=_joining(compound, compound_delimiter),
    ).compute()
    if "target" not in merged.groups:
        raise ValueError(
            f"no document has the group label {target!r}"
            if target_key[0] == "label"
            else "the target mask selects no document"
        )
    if external is None and ref_key[0] == "label" and "reference" not in merged.groups:
        raise ValueError(f"no document has the group label {reference!r}")
    return merged.keyness(
        "target", "reference", external=external, measure=measure, correction=correction
    )


# ---------------------------------------------------------------------------------------
# collocations


def _colloc_part(
    part: Any,
    window: int,
    across: bool,
    kinds: list[str],
    punctuation: str,
    options: dict[str, Any],
    threads: int,
    joining: Compounding | None = None,
) -> CollocationStats:
    return CollocationStats.from_texts(
        _texts_batch(part),
        window=window,
        across_sentences=across,
        kinds=kinds,
        punctuation=punctuation,
        corpus_options=options,
        threads=threads,
        compound=joining,
    )


def _merge_colloc(*parts: CollocationStats) -> CollocationStats:
    out = parts[0]
    for p in parts[1:]:
        out = out.merged(p)
    return out


def collocations(
    texts: Any,
    *,
    size: int = 2,
    measure: str | Sequence[str] = "likelihood_ratio",
    min_count: int = 2,
    window: int | None = None,
    across_sentences: bool = True,
    kinds: Sequence[str] = ("word", "number"),
    punctuation: str = "drop",
    corpus_options: Mapping[str, Any] | None = None,
    compound: Any = None,
    compound_delimiter: str | None = None,
    split_every: int = 8,
    threads: int = 1,
) -> pd.DataFrame:
    """:meth:`Corpus.collocations` of a Dask Series (or Bag) of texts, for bigrams with
    NLTK's measures: equal to the table of one :class:`Corpus` of all the texts.

    Bigram and unigram counts merge by addition; ``min_count`` and the measures apply to
    the merged counts. (Trigrams and up, and quanteda's lambda/z, need positional
    sub-pattern counts that are not merged yet: ``size`` must be 2.)

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["New York is big.", "New York is old."]), npartitions=2)
        >>> collocations(s, measure="pmi")[["collocation", "count", "pmi"]].values.tolist()
        [['new york', 2, 2.0], ['york is', 2, 2.0]]
    """
    if size != 2:
        raise ValueError("textgauge.dask.collocations supports size=2 (bigrams) only")
    if window is None:
        window = 2
    if not isinstance(window, int) or window < 2:
        raise ValueError(f"window must be an integer >= 2, got {window!r}")
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if punctuation not in ("drop", "break"):
        raise OptionError(f"punctuation must be 'drop' or 'break', got {punctuation!r}")
    kinds = check_kinds(kinds)
    options = dict(corpus_options or {})
    joining = _joining(compound, compound_delimiter)
    chunks = [
        delayed(_colloc_part, pure=True)(
            p, window, across_sentences, kinds, punctuation, options, threads, joining
        )
        for p in _partitions(texts)
    ]
    merged = _tree_reduce(
        chunks, _merge_colloc, split_every, "textgauge-collocation-counts"
    ).compute()
    return merged.scores(measure=measure, min_count=min_count)  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------
# phrases


def _phrases_part(
    part: Any,
    params: dict[str, Any],
    options: dict[str, Any],
    threads: int,
    joining: Compounding | None = None,
) -> Phrases:
    corpus = Corpus.from_texts(_texts_batch(part), threads=threads, **options)
    if joining is not None:
        corpus = corpus.compound(joining)
    return Phrases(corpus, **params)


def _merge_phrases(*parts: Phrases) -> Phrases:
    out = parts[0]
    for p in parts[1:]:
        out = out + p
    return out


def phrases(
    texts: Any,
    *,
    min_count: float = 5,
    threshold: float = 10.0,
    scoring: str = "default",
    connector_words: Any = frozenset(),
    delimiter: str = "_",
    kinds: Sequence[str] = ("word", "number"),
    across_sentences: bool = False,
    corpus_options: Mapping[str, Any] | None = None,
    compound: Any = None,
    compound_delimiter: str | None = None,
    split_every: int = 8,
    threads: int = 1,
) -> Phrases:
    """The :class:`textgauge.Phrases` model of a Dask Series (or Bag) of texts: equal to
    ``Phrases(Corpus.from_texts(all texts), ...)`` (vocabulary, counts, gensim's key
    order, and so every score). Each partition counts its texts; the vocabularies merge
    by addition in partition order (gensim's ``add_vocab``); options as :class:`Phrases`.
    ``compound``: expressions, or the phrases of a first model, joined before counting
    (``Phrases(Corpus.from_texts(all texts).compound(compound,
    delimiter=compound_delimiter), ...)``): a second pass, which learns phrases of the
    joined terms, such as ``new+york_times`` with ``compound_delimiter="+"``. Give the
    joined terms a delimiter of their own: with ``"_"`` for both, ``export_phrases``
    splits ``new_york_times`` at every ``"_"``, as gensim's does, and scores it on the
    counts of ``new`` and ``times``.

    Example:
        >>> import dask.dataframe as dd, pandas as pd
        >>> s = dd.from_pandas(pd.Series(["New York is big.", "I love New York."]), npartitions=2)
        >>> phrases(s, min_count=1, threshold=1.0).export_phrases()
        {'new_york': 2.75}
    """
    params: dict[str, Any] = {
        "min_count": min_count,
        "threshold": threshold,
        "scoring": scoring,
        "connector_words": frozenset(connector_words),
        "delimiter": delimiter,
        "kinds": tuple(check_kinds(kinds)),
        "across_sentences": across_sentences,
    }
    Phrases(None, **params)  # the options' errors here, not in a worker
    options = dict(corpus_options or {})
    joining = _joining(compound, compound_delimiter)
    chunks = [
        delayed(_phrases_part, pure=True)(p, params, options, threads, joining)
        for p in _partitions(texts)
    ]
    return _tree_reduce(chunks, _merge_phrases, split_every, "textgauge-phrases").compute()  # type: ignore[no-any-return]
