"""Term frequency tables, keyness, entropy and per-document summaries.

Term counts per group of documents come from C++ (``_core.stats.grouped_term_counts``); the
keyness statistics are computed in C++ too (``_core.stats.keyness``; formulas in
``cpp/include/textgauge/stats/keyness.hpp``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core, _corpus
from ._corpus import KINDS, CorpusBase, check_kinds
from ._locking import reads_corpus
from .errors import OptionError

__all__ = [
    "entropy",
    "frequency",
    "frequency_from_counts",
    "keyness",
    "keyness_from_counts",
    "summary",
]

Ties = Literal["min", "average", "first", "max", "dense"]


def _group_codes(corpus: CorpusBase, groups: Any) -> tuple[np.ndarray, list[Any]]:
    """One code per document (-1 = left out) and the group labels, in order of first appearance."""
    if groups is None:
        return np.zeros(len(corpus), dtype=np.int32), ["all"]
    labels = list(groups)
    if len(labels) != len(corpus):
        raise ValueError(f"groups has {len(labels)} labels for {len(corpus)} documents")
    codes, uniques = pd.factorize(pd.Series(labels, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int32), list(uniques)


@reads_corpus
def frequency(
    corpus: CorpusBase,
    *,
    n: int | None = None,
    groups: Sequence[Any] | None = None,
    ties: Ties = "min",
    kinds: Sequence[str] = ("word", "number"),
) -> pd.DataFrame:
    """Term frequencies with rank and document frequency (quanteda's ``textstat_frequency``).

    Args:
        n: keep the ``n`` most frequent terms of each group (all when None).
        groups: one label per document (None: the whole corpus is one group, ``"all"``).
            Documents labelled None/NaN are left out.
        ties: how equal frequencies rank: ``"min"`` (default, 1 2 2 4), ``"average"``,
            ``"first"`` (by term), ``"max"``, ``"dense"`` (1 2 2 3).
        kinds: token kinds counted.

    Returns:
        DataFrame: term, frequency, rank, docfreq, group; sorted by group (first
        appearance), frequency descending, then term.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["a b b c", "b c"])
        >>> c.frequency()[["term", "frequency", "rank", "docfreq"]].values.tolist()
        [['b', 3, 1, 2], ['c', 2, 2, 2], ['a', 1, 3, 1]]
    """
    if ties not in ("min", "average", "first", "max", "dense"):
        raise OptionError(f"ties must be one of min, average, first, max, dense; got {ties!r}")
    if n is not None and (not isinstance(n, int) or n < 1):
        raise ValueError(f"n must be a positive integer or None, got {n!r}")
    codes, labels = _group_codes(corpus, groups)
    d = _core.stats.grouped_term_counts(
        _corpus.engine(corpus), kinds=check_kinds(kinds), doc_group=codes, groups=len(labels)
    )
    vocab = np.asarray(corpus.vocabulary, dtype=object)
    terms = vocab[d["term"]] if len(d["term"]) else np.array([], object)
    return frequency_from_counts(
        terms, d["frequency"], d["docfreq"], d["group"], labels, n=n, ties=ties
    )


def frequency_from_counts(
    terms: Any,
    frequency: Any,
    docfreq: Any,
    group: Any,
    labels: Sequence[Any],
    *,
    n: int | None = None,
    ties: Ties = "min",
) -> pd.DataFrame:
    """:func:`frequency`'s table from counts already made (e.g. merged from Dask partitions).

    Row i: ``terms[i]`` occurs ``frequency[i]`` times in ``docfreq[i]`` documents of group
    ``labels[group[i]]`` (a term once per group). Groups come out in the order of ``labels``.

    Example:
        >>> frequency_from_counts(["a", "b"], [1, 3], [1, 2], [0, 0], ["all"])["term"].tolist()
        ['b', 'a']
    """
    if ties not in ("min", "average", "first", "max", "dense"):
        raise OptionError(f"ties must be one of min, average, first, max, dense; got {ties!r}")
    df = pd.DataFrame(
        {
            "term": np.asarray(terms, dtype=object),
            "frequency": np.asarray(frequency, dtype=np.int64),
            "docfreq": np.asarray(docfreq, dtype=np.int64),
            "_g": np.asarray(group),
        }
    )
    df = df.sort_values(["_g", "frequency", "term"], ascending=[True, False, True], kind="stable")
    rank = df.groupby("_g")["frequency"].rank(method=ties, ascending=False)
    df["rank"] = rank if ties == "average" else rank.astype(np.int64)
    if n is not None:
        df = df.groupby("_g", sort=False).head(n)
    df["group"] = np.asarray(labels, dtype=object)[df["_g"].to_numpy()] if len(df) else []
    return df[["term", "frequency", "rank", "docfreq", "group"]].reset_index(drop=True)


def _mask(corpus: CorpusBase, spec: Any, groups: Sequence[Any] | None, what: str) -> np.ndarray:
    if (
        isinstance(spec, (np.ndarray, pd.Series, list, tuple))
        and len(spec) == len(corpus)
        and all(isinstance(x, (bool, np.bool_)) for x in spec)
    ):
        return np.asarray(spec, dtype=bool)
    if groups is None:
        raise ValueError(
            f"{what} must be a boolean mask over the {len(corpus)} documents, or a group label "
            f"together with groups="
        )
    labels = np.asarray(list(groups), dtype=object)
    if len(labels) != len(corpus):
        raise ValueError(f"groups has {len(labels)} labels for {len(corpus)} documents")
    mask = labels == spec
    if not mask.any():
        raise ValueError(f"no document has the group label {spec!r}")
    return mask  # type: ignore[no-any-return]


def reference_table(reference: Any) -> pd.Series:
    if isinstance(reference, pd.DataFrame):
        if not {"term", "frequency"} <= set(reference.columns):
            raise ValueError("a reference DataFrame needs 'term' and 'frequency' columns")
        s = reference.groupby("term", sort=False)["frequency"].sum()
    elif isinstance(reference, pd.Series):
        s = reference.groupby(level=0, sort=False).sum()
    elif isinstance(reference, Mapping):
        s = pd.Series(dict(reference), dtype=float)
    else:
        raise TypeError(
            "reference must be a boolean mask, a group label, or a frequency table "
            "(Series, mapping or DataFrame with term and frequency)"
        )
    if (s < 0).any() or not np.isfinite(s.to_numpy(dtype=float)).all():
        raise ValueError("reference frequencies must be finite and non-negative")
    return s.astype(float)


@reads_corpus
def keyness(
    corpus: CorpusBase,
    target: Any,
    reference: Any = None,
    *,
    measure: Literal["chi2", "lr", "pmi", "exact"] = "chi2",
    correction: Literal["default", "yates", "williams", "none"] = "default",
    groups: Sequence[Any] | None = None,
    kinds: Sequence[str] = ("word", "number"),
    sort: bool = True,
) -> pd.DataFrame:
    """Keyness of each term in a target against a reference (quanteda's ``textstat_keyness``).

    Args:
        target: a boolean mask over documents, or a group label (with ``groups=``).
        reference: None (every other document), a boolean mask, a group label, or an external
            frequency table: a Series or mapping term -> count, or a DataFrame with ``term``
            and ``frequency`` (e.g. a general-English word list); its total is the reference size.
        measure: ``"chi2"``, ``"lr"`` (G2), ``"pmi"`` or ``"exact"`` (Fisher).
        correction: ``"default"`` (Yates for chi2 and lr is Williams, as quanteda; none for pmi
            and exact), ``"yates"``, ``"williams"`` or ``"none"``.

    Returns:
        DataFrame: term, n_target, n_reference, the statistic (column named after the measure;
        ``odds_ratio`` for exact), p, log_ratio (log2 of the relative-frequency ratio, zero
        counts as 0.5). Sorted by statistic descending, then term, when ``sort``.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["oil oil price", "price rise rise"])
        >>> k = c.keyness([True, False], correction="none")
        >>> k[["term", "n_target", "n_reference"]].values.tolist()
        [['oil', 2, 0], ['price', 1, 1], ['rise', 0, 2]]
    """
    correction = resolve_correction(measure, correction)  # type: ignore[assignment]
    kinds = check_kinds(kinds)
    tmask = _mask(corpus, target, groups, "target")
    external = None
    if reference is None:
        rmask = ~tmask
    elif isinstance(reference, (pd.DataFrame, pd.Series, Mapping)):
        external = reference_table(reference)
        rmask = np.zeros(len(corpus), dtype=bool)
    else:
        rmask = _mask(corpus, reference, groups, "reference")
    if (tmask & rmask).any():
        raise ValueError("a document is in both the target and the reference")
    codes = np.where(tmask, 0, np.where(rmask, 1, -1)).astype(np.int32)
    d = _core.stats.grouped_term_counts(
        _corpus.engine(corpus), kinds=kinds, doc_group=codes, groups=2
    )
    vocab = np.asarray(corpus.vocabulary, dtype=object)
    nv = len(vocab)
    a = np.bincount(
        d["term"][d["group"] == 0], weights=d["frequency"][d["group"] == 0], minlength=nv
    )
    b = np.bincount(
        d["term"][d["group"] == 1], weights=d["frequency"][d["group"] == 1], minlength=nv
    )
    T = float(d["group_tokens"][0])
    if external is None:
        R = float(d["group_tokens"][1])
        keep = (a > 0) | (b > 0)
        terms, a, b = vocab[keep], a[keep], b[keep]
    else:
        R = float(external.sum())
        present = pd.Series(a, index=vocab)
        present = present[present > 0]
        idx = present.index.union(external.index, sort=False)
        terms = np.asarray(idx, dtype=object)
        a = present.reindex(idx, fill_value=0.0).to_numpy(dtype=float)
        b = external.reindex(idx, fill_value=0.0).to_numpy(dtype=float)
    return keyness_from_counts(
        terms,
        a,
        b,
        T,
        R,
        measure=measure,
        correction=correction,  # type: ignore[arg-type]
        sort=sort,
    )


def resolve_correction(measure: str, correction: str) -> str:
    """Checks a keyness measure and correction; ``"default"`` becomes quanteda's choice
    (Yates for chi2, Williams for lr, none otherwise).

    >>> resolve_correction("lr", "default")
    'williams'
    """
    if measure not in ("chi2", "lr", "pmi", "exact"):
        raise OptionError(f"measure must be 'chi2', 'lr', 'pmi' or 'exact', got {measure!r}")
    if correction not in ("default", "yates", "williams", "none"):
        raise OptionError(
            f"correction must be 'default', 'yates', 'williams' or 'none', got {correction!r}"
        )
    if correction == "default":
        return {"chi2": "yates", "lr": "williams"}.get(measure, "none")
    return correction


def keyness_from_counts(
    terms: Any,
    a: Any,
    b: Any,
    T: float,
    R: float,
    *,
    measure: Literal["chi2", "lr", "pmi", "exact"] = "chi2",
    correction: Literal["yates", "williams", "none"] = "none",
    sort: bool = True,
) -> pd.DataFrame:
    """:func:`keyness`'s table from counts already made (e.g. merged from Dask partitions):
    ``terms[i]`` occurs ``a[i]`` times in the target (``T`` tokens) and ``b[i]`` times in the
    reference (``R`` tokens). ``correction`` is explicit here (no "default").

    Example:
        >>> k = keyness_from_counts(["oil", "rise"], [2, 0], [0, 2], 3, 3)
        >>> k["term"].tolist(), k["n_target"].tolist()
        (['oil', 'rise'], [2, 0])
    """
    terms = np.asarray(terms, dtype=object)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if T <= 0 or R <= 0:
        raise ValueError("target and reference must both hold tokens")
    r = _core.stats.keyness(
        a.astype(float), b.astype(float), T, R, measure=measure, correction=correction
    )
    name = "odds_ratio" if measure == "exact" else measure
    n_ref = b.astype(np.int64) if np.all(b == np.round(b)) else b  # a table may hold rates
    df = pd.DataFrame(
        {
            "term": terms,
            "n_target": a.astype(np.int64),
            "n_reference": n_ref,
            name: r["statistic"],
            "p": r["p"],
            "log_ratio": r["log_ratio"],
        }
    )
    if sort:
        df = df.sort_values([name, "term"], ascending=[False, True], kind="stable").reset_index(
            drop=True
        )
    return df


@reads_corpus
def entropy(
    corpus: CorpusBase,
    *,
    margin: Literal["documents", "features"] = "documents",
    base: float = 2,
    kinds: Sequence[str] = ("word", "number"),
) -> pd.DataFrame:
    """Shannon entropy of each document's term distribution, or of each term's distribution
    over documents (quanteda's ``textstat_entropy``): -sum p log_base p.

    Example:
        >>> import textgauge as tg
        >>> tg.Corpus.from_texts(["a b", "a a"]).entropy()["entropy"].tolist()
        [1.0, 0.0]
    """
    if margin not in ("documents", "features"):
        raise OptionError(f"margin must be 'documents' or 'features', got {margin!r}")
    codes = np.arange(len(corpus), dtype=np.int32)
    d = _core.stats.grouped_term_counts(
        _corpus.engine(corpus), kinds=check_kinds(kinds), doc_group=codes, groups=len(corpus)
    )
    f = d["frequency"].astype(float)
    key = d["group"] if margin == "documents" else d["term"]
    size = len(corpus) if margin == "documents" else len(corpus.vocabulary)
    totals = np.bincount(key, weights=f, minlength=size)
    p = f / totals[key]
    h = np.bincount(key, weights=-p * np.log(p), minlength=size) / np.log(base)
    h = h + 0.0  # -0.0 -> 0.0
    if margin == "documents":
        return pd.DataFrame({"document": corpus.ids, "entropy": h})
    return pd.DataFrame({"term": corpus.vocabulary, "entropy": h})


@reads_corpus
def summary(corpus: CorpusBase) -> pd.DataFrame:
    """Per document: characters, paragraphs, sentences, tokens, types, words, numbers,
    punctuation, symbols (quanteda's ``textstat_summary``).

    Example:
        >>> import textgauge as tg
        >>> tg.Corpus.from_texts(["Hi, 2 you!"]).summary().iloc[0, 1:].tolist()
        [10, 1, 1, 5, 5, 2, 1, 2, 0]
    """
    tok = _corpus.table(corpus, "token")
    n = len(corpus)
    doc = tok["document"]
    kind = tok["kind"].astype(np.int64)
    counts = {name: np.bincount(doc[kind == i], minlength=n) for i, name in enumerate(KINDS)}
    codes = np.arange(n, dtype=np.int32)
    g = _core.stats.grouped_term_counts(
        _corpus.engine(corpus), kinds=list(KINDS), doc_group=codes, groups=n
    )
    return pd.DataFrame(
        {
            "document": corpus.ids,
            "chars": [len(t) for t in corpus.texts],
            "paragraphs": np.bincount(_corpus.table(corpus, "paragraph")["document"], minlength=n),
            "sentences": np.bincount(_corpus.table(corpus, "sentence")["document"], minlength=n),
            "tokens": np.bincount(doc, minlength=n),
            "types": np.bincount(g["group"], minlength=n),
            "words": counts["word"],
            "numbers": counts["number"],
            "punctuation": counts["punctuation"],
            "symbols": counts["symbol"],
        }
    )
