"""Mergeable partial statistics: term counts per group, and bigram counts for collocations.

Each is computed from a batch of texts in C++, adds to another with ``merged`` (in any order:
the result is that of one pass over all the texts) and pickles as a few buffers, with no
Python object per term. The Dask functions (``textgauge.dask``) merge them across partitions;
the command line merges them across batches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _corpus, _pickle
from . import phrases as _phrases
from ._corpus import CorpusOptions
from ._tables import terms_from_table
from ._unicode import arrow_texts
from .collocations import QUANTEDA_MEASURES, collocations, measure_names, string_column
from .keyness import frequency_from_counts, keyness_from_counts

__all__ = ["CollocationStats", "GroupedTermStats"]


def _compounded(
    corpus: _corpus.CorpusBase, compound: Any, compound_delimiter: str | None
) -> _corpus.CorpusBase:
    """The corpus of one partition with its multi-word expressions joined when ``compound``
    names some (anything ``Corpus.compound`` takes), else the corpus itself."""
    if compound is None:
        return corpus
    joined: _corpus.CorpusBase = _phrases.compound(corpus, compound, delimiter=compound_delimiter)
    return joined


def _stats_from_arrays(
    terms: Sequence[str], count: np.ndarray, docs: np.ndarray, n_docs: int
) -> Any:
    """A TermStats from parallel arrays (terms unique), sorted by UTF-8 bytes."""
    encoded = [t.encode("utf-8") for t in terms]
    order = sorted(range(len(encoded)), key=encoded.__getitem__)
    enc = [encoded[i] for i in order]
    offsets = np.zeros(len(enc) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in enc], out=offsets[1:])
    idx = np.asarray(order, dtype=np.int64)
    return _core.vectorize.TermStats(
        (
            b"".join(enc),
            offsets,
            np.asarray(count, dtype=np.int64)[idx],
            np.asarray(docs, dtype=np.int64)[idx],
            int(n_docs),
        )
    )


def _terms_of(stats: Any) -> list[str]:
    buf, offsets = stats.state()[:2]
    return terms_from_table(buf, offsets)


def _batch(texts: Any) -> Any:
    """The texts for a corpus: an Arrow string column as it is (read from its buffers,
    no str made; a Dask partition of pyarrow strings), anything else as a list."""
    column = arrow_texts(texts)
    return column if column is not None else list(texts)


@_pickle.picklable("GroupedTermStats", 1)
class GroupedTermStats:
    """Mergeable term counts per group of documents: for each group label a TermStats
    (term -> corpus count, document count; n_docs), its token total, and where the group
    first appeared (partition, position), which orders the groups as one pass would.

    ``a.merged(b)`` adds the counts; the order of merging does not matter. Pickles as the
    TermStats' buffers (no Python object per term).

    >>> import textgauge as tg
    >>> g = GroupedTermStats.from_texts(["a b b", "b c"], ["x", "y"], part=0)
    >>> h = GroupedTermStats.from_texts(["b"], ["x"], part=1)
    >>> g.merged(h).frequency()[["term", "frequency", "group"]].values.tolist()
    [['b', 3, 'x'], ['a', 1, 'x'], ['b', 1, 'y'], ['c', 1, 'y']]
    """

    def __init__(self, groups: dict[Any, tuple[Any, int, tuple[int, int]]]) -> None:
        self.groups = groups

    @classmethod
    def from_texts(
        cls,
        texts: Sequence[str],
        labels: Sequence[Any] | None,
        *,
        part: int,
        kinds: Sequence[str] = ("word", "number"),
        corpus_options: Mapping[str, Any] | None = None,
        threads: int = 1,
        compound: Any = None,
        compound_delimiter: str | None = None,
    ) -> GroupedTermStats:
        """Counts of one partition: ``labels`` one per text (None: all in group ``"all"``;
        a None/NaN label leaves the text out), ``part`` the partition's number. With
        ``compound``, the terms are those of ``Corpus.compound(compound,
        delimiter=compound_delimiter)``: multi-word expressions counted as single terms."""
        corpus = _corpus.build(
            _batch(texts), threads=threads, options=CorpusOptions.from_mapping(corpus_options or {})
        )
        corpus = _compounded(corpus, compound, compound_delimiter)
        if labels is None:
            codes, uniques = np.zeros(len(texts), dtype=np.int32), ["all"]
            if not len(texts):
                return cls({})
        else:
            codes, uniques = pd.factorize(  # type: ignore[assignment]
                pd.Series(list(labels), dtype=object),
                use_na_sentinel=True,
            )
            codes = codes.astype(np.int32)
        first = {int(c): i for i, c in reversed(list(enumerate(codes.tolist()))) if c >= 0}
        d = _core.stats.grouped_term_counts(
            _corpus.engine(corpus), kinds=list(kinds), doc_group=codes, groups=len(uniques)
        )
        vocab = corpus.vocabulary
        n_docs = np.bincount(codes[codes >= 0], minlength=len(uniques))
        groups = {}
        for g, label in enumerate(uniques):
            if g not in first:
                continue
            sel = np.flatnonzero(d["group"] == g)
            terms = [vocab[t] for t in d["term"][sel].tolist()]
            stats = _stats_from_arrays(
                terms, d["frequency"][sel], d["docfreq"][sel], int(n_docs[g])
            )
            groups[label] = (stats, int(d["group_tokens"][g]), (part, first[g]))
        return cls(groups)

    def merged(self, other: GroupedTermStats) -> GroupedTermStats:
        out = dict(self.groups)
        for label, (s, n, first) in other.groups.items():
            if label in out:
                s0, n0, f0 = out[label]
                out[label] = (s0.merged(s), n0 + n, min(f0, first))
            else:
                out[label] = (s, n, first)
        return GroupedTermStats(out)

    def labels(self) -> list[Any]:
        """Group labels in order of first appearance."""
        return [k for k, _ in sorted(self.groups.items(), key=lambda kv: kv[1][2])]

    def frequency(self, *, n: int | None = None, ties: str = "min") -> pd.DataFrame:
        """:meth:`Corpus.frequency`'s table from the merged counts."""
        labels = self.labels()
        terms: list[str] = []
        freq, docs, group = [], [], []
        for g, label in enumerate(labels):
            stats = self.groups[label][0]
            _, _, tc, dc, _ = stats.state()
            terms.extend(_terms_of(stats))
            freq.append(tc)
            docs.append(dc)
            group.append(np.full(len(tc), g, dtype=np.int32))

        def cat(xs: list[np.ndarray], t: type[np.generic]) -> np.ndarray:
            return np.concatenate(xs) if xs else np.array([], dtype=t)

        return frequency_from_counts(
            np.asarray(terms, dtype=object),
            cat(freq, np.int64),
            cat(docs, np.int64),
            cat(group, np.int32),
            labels,
            n=n,
            ties=ties,  # type: ignore[arg-type]
        )

    def keyness(
        self,
        target: Any,
        reference: Any = None,
        *,
        external: pd.Series | None = None,
        measure: str = "chi2",
        correction: str = "none",
    ) -> pd.DataFrame:
        """:func:`textgauge.keyness.keyness_from_counts` of group ``target`` against group
        ``reference`` (absent: an empty reference) or an ``external`` frequency table
        (term -> count), sorted by the statistic.

        >>> g = GroupedTermStats.from_texts(
        ...     ["oil oil price", "price rise rise"], ["t", "r"], part=0
        ... )
        >>> g.keyness("t", "r")[["term", "n_target", "n_reference"]].values.tolist()
        [['oil', 2, 0], ['price', 1, 1], ['rise', 0, 2]]
        """
        ts, T, _ = self.groups[target]
        a_s = pd.Series(ts.state()[2].astype(float), index=_terms_of(ts))
        if external is None:
            R: float
            rs, R = self.groups[reference][:2] if reference in self.groups else (None, 0)
            b_s = (
                pd.Series(rs.state()[2].astype(float), index=_terms_of(rs))
                if rs is not None
                else pd.Series(dtype=float)
            )
        else:
            R = float(external.sum())
            a_s = a_s[a_s > 0]
            b_s = external
        idx = a_s.index.union(b_s.index, sort=False)
        a = a_s.reindex(idx, fill_value=0.0).to_numpy(dtype=float)
        b = b_s.reindex(idx, fill_value=0.0).to_numpy(dtype=float)
        return keyness_from_counts(
            np.asarray(idx, dtype=object),
            a,
            b,
            float(T),
            float(R),
            measure=measure,  # type: ignore[arg-type]
            correction=correction,  # type: ignore[arg-type]
            sort=True,
        )

    def _pickle_state(self) -> dict[Any, tuple[Any, int, tuple[int, int]]]:
        return self.groups  # version 1: the groups (version 0 called the class)

    @classmethod
    def _from_pickle_state(
        cls, version: int, state: dict[Any, tuple[Any, int, tuple[int, int]]]
    ) -> GroupedTermStats:
        return cls(state)


_SEP = "\x00"  # joins a bigram's terms: sorts as the pair (w1, w2) does, never inside a term


@_pickle.picklable("CollocationStats", 1)
class CollocationStats:
    """Mergeable bigram statistics: bigram counts (w1 NUL w2 -> count), unigram counts and
    NLTK's N (tokens counted). ``a.merged(b)`` adds them; order does not matter. The
    association measures are computed once, from the merged counts (:meth:`scores`).

    >>> c = CollocationStats.from_texts(["New York is big. New York is old."], window=2)
    >>> c.merged(CollocationStats.from_texts(["New York!"], window=2)).scores(
    ...     measure="pmi", min_count=2)[["collocation", "count"]].values.tolist()
    [['new york', 3], ['york is', 2]]
    """

    def __init__(self, bigrams: Any, unigrams: Any, n_tokens: int, window: int) -> None:
        self.bigrams, self.unigrams, self.n_tokens, self.window = (
            bigrams,
            unigrams,
            n_tokens,
            window,
        )

    @classmethod
    def from_texts(
        cls,
        texts: Sequence[str],
        *,
        window: int = 2,
        across_sentences: bool = True,
        kinds: Sequence[str] = ("word", "number"),
        punctuation: str = "drop",
        corpus_options: Mapping[str, Any] | None = None,
        threads: int = 1,
        compound: Any = None,
        compound_delimiter: str | None = None,
    ) -> CollocationStats:
        """Counts of one partition; with ``compound``, of the corpus with those multi-word
        expressions joined (as ``Corpus.compound``), so that they pair as single terms."""
        corpus = _corpus.build(
            _batch(texts), threads=threads, options=CorpusOptions.from_mapping(corpus_options or {})
        )
        corpus = _compounded(corpus, compound, compound_delimiter)
        kinds = list(kinds)
        if len(corpus):
            col = collocations(
                corpus,
                size=2,
                window=window,
                measure="raw_freq",
                min_count=1,
                across_sentences=across_sentences,
                kinds=kinds,
                punctuation=punctuation,
            )
            n_tokens = int(col.attrs["n_tokens"])
            keys = [s.replace(" ", _SEP, 1) for s in col["collocation"].astype(object).tolist()]
            counts = col["count"].to_numpy(dtype=np.int64)
            codes = np.zeros(len(corpus), dtype=np.int32)
            d = _core.stats.grouped_term_counts(
                _corpus.engine(corpus), kinds=kinds, doc_group=codes, groups=1
            )
            vocab = corpus.vocabulary
            uterms = [vocab[t] for t in d["term"].tolist()]
            ucounts = d["frequency"]
        else:
            keys, counts, uterms, ucounts, n_tokens = (
                [],
                np.zeros(0, np.int64),
                [],
                np.zeros(0, np.int64),
                0,
            )
        zeros = np.zeros(len(keys), dtype=np.int64)
        bigrams = _stats_from_arrays(keys, counts, zeros, len(corpus))
        unigrams = _stats_from_arrays(uterms, ucounts, np.zeros(len(uterms), np.int64), len(corpus))
        return cls(bigrams, unigrams, n_tokens, window)

    def merged(self, other: CollocationStats) -> CollocationStats:
        if other.window != self.window:
            raise ValueError("collocation statistics of different windows do not merge")
        return CollocationStats(
            self.bigrams.merged(other.bigrams),
            self.unigrams.merged(other.unigrams),
            self.n_tokens + other.n_tokens,
            self.window,
        )

    def scores(
        self, *, measure: str | Sequence[str] = "likelihood_ratio", min_count: int = 2
    ) -> pd.DataFrame:
        """:meth:`Corpus.collocations`' table (size 2) from the merged counts."""
        names = measure_names(2, measure)
        if any(m in QUANTEDA_MEASURES for m in names):
            names = [m for m in names if m not in QUANTEDA_MEASURES] if measure == "all" else names
        bad = [m for m in names if m in QUANTEDA_MEASURES]
        if bad:
            raise ValueError(
                f"{bad} need positional counts; textgauge.dask.collocations scores NLTK's measures"
            )
        _, _, counts, _, _ = self.bigrams.state()
        keep = counts >= min_count
        keys = np.asarray(_terms_of(self.bigrams), dtype=object)[keep]
        counts = counts[keep]
        pairs = [k.split(_SEP) for k in keys.tolist()]
        w1 = [p[0] for p in pairs]
        w2 = [p[1] for p in pairs]
        uni = pd.Series(self.unigrams.state()[2], index=_terms_of(self.unigrams))
        n_ix = uni.reindex(w1).to_numpy(dtype=np.int64)
        n_xi = uni.reindex(w2).to_numpy(dtype=np.int64)
        cols = _core.stats.bigram_scores(
            counts, n_ix, n_xi, n_tokens=self.n_tokens, window=self.window, measures=names
        )
        text = [(a + " " + b).encode("utf-8") for a, b in zip(w1, w2)]
        df = pd.DataFrame(
            {
                "collocation": np.arange(len(text)),
                "count": counts,
                **dict(zip(names, cols)),
                "_w1": w1,
                "_w2": w2,
            }
        )
        first = names[0]
        key = df[first] + 0.0  # -0.0 ranks with 0.0, as in C++
        df = df.assign(_k=key).sort_values(
            ["_k", "_w1", "_w2"], ascending=[False, True, True], na_position="last", kind="stable"
        )
        df = df.drop(columns=["_k", "_w1", "_w2"]).reset_index(drop=True)
        # The same column type as Corpus.collocations (Arrow-backed strings when available).
        order = df["collocation"].to_numpy()
        df["collocation"] = string_column(
            b"".join(text[i] for i in order),
            np.concatenate([[0], np.cumsum([len(text[i]) for i in order])]).astype(np.int64),
        )
        df.attrs["n_tokens"] = int(self.n_tokens)
        return df

    def _pickle_state(self) -> tuple[Any, ...]:
        # Version 1: (bigrams, unigrams, n_tokens, window), the arguments of the class (version 0
        # called it).
        return (self.bigrams, self.unigrams, self.n_tokens, self.window)

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[Any, ...]) -> CollocationStats:
        return cls(*state)
