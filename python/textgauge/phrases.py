"""Phrases as gensim finds them, and multi-word expressions joined into single terms.

:class:`Phrases` learns gensim's ``Phrases`` vocabulary from a corpus (counting runs in C++
over the corpus's interned terms) and scores it exactly as gensim 4.4 does (``scoring="default"``
or ``"npmi"``, ``min_count``, ``threshold``, ``connector_words``, ``delimiter``):
:meth:`Phrases.export_phrases` and :meth:`Phrases.find_phrases` return gensim's dicts,
:meth:`Phrases.table` a DataFrame. :func:`phrases` (``corpus.phrases()``) is the table of one
corpus in one call. :func:`compound` (``corpus.compound()``) joins multi-word expressions - a
:class:`Phrases`, a phrase table or a list - into single tokens, so every statistic of the
compounded corpus (frequency, keyness, dtm, collocations...) counts them as terms.

gensim's sentences are the corpus's sentences cut at every token of a kind that is not
counted (punctuation and symbols by default): ``"London, Paris"`` is no candidate. The words
are the corpus's terms (case folded by default), so connector words are given in that form.
See ``docs/statistics.md#phrases-and-multi-word-expressions``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _corpus, _pickle
from ._corpus import CorpusBase, check_kinds
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["ENGLISH_CONNECTOR_WORDS", "Phrases", "compound", "phrases"]

#: gensim's ``ENGLISH_CONNECTOR_WORDS``: articles, the commonest prepositions and two
#: conjunctions, which may sit inside a phrase but never start or end one
#: (``bank_of_america``). ``tests/python/test_phrases.py`` checks it equals gensim's.
ENGLISH_CONNECTOR_WORDS: frozenset[str] = frozenset(
    ("a", "an", "the")  # articles
    + ("for", "of", "with", "without", "at", "from", "to", "in", "on", "by")  # prepositions
    + ("and", "or")  # conjunctions
)

_SCORING = tuple(_core.stats.options()["phrase scoring"])


def _check(scoring: str, min_count: float, threshold: float, delimiter: str) -> None:
    """gensim's checks, with its messages (as ValueError; OptionError for the scoring)."""
    if scoring not in _SCORING:
        raise OptionError(f"scoring must be one of {_SCORING}, got {scoring!r}")
    if not min_count > 0:
        raise ValueError("min_count should be at least 1")
    if scoring == "default" and not threshold > 0:
        raise ValueError("threshold should be positive for default scoring")
    if scoring == "npmi" and not -1 <= threshold <= 1:
        raise ValueError("threshold should be between -1 and 1 for npmi scoring")
    if not isinstance(delimiter, str) or not delimiter:
        raise ValueError(f"delimiter must be a non-empty str, got {delimiter!r}")


@_pickle.picklable("Phrases", 1)
class Phrases:
    """gensim's ``Phrases`` model, learned from textgauge corpora.

    ``Phrases(corpus, min_count=5, threshold=10.0, ...)`` counts the corpus; :meth:`add`
    counts more (gensim's ``add_vocab``) and ``a + b`` merges two models learned apart (the
    counts of gensim's model learned from both). Scores and the phrases found equal
    gensim's on the same token lists: :meth:`sentences` gives those lists.

    Args:
        corpus: a :class:`textgauge.Corpus` to learn from (or None: an empty model).
        min_count, threshold, scoring, delimiter: as gensim's (defaults 5, 10.0,
            ``"default"``, ``"_"``); ``scoring`` is ``"default"`` or ``"npmi"``.
        connector_words: words that may sit inside a phrase but not start or end one
            (gensim's default: none; :data:`ENGLISH_CONNECTOR_WORDS` for English), as terms.
        kinds: the token kinds counted; a token of another kind ends a sentence.
        across_sentences: count a document's sentences as one (default False).

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["New York is big. I love New York.", "Off to New York."])
        >>> m = tg.Phrases(c, min_count=1, threshold=1.5)
        >>> m.export_phrases()
        {'new_york': 3.333333333333333}
    """

    def __init__(
        self,
        corpus: CorpusBase | None = None,
        *,
        min_count: float = 5,
        threshold: float = 10.0,
        scoring: str = "default",
        connector_words: Iterable[str] = frozenset(),
        delimiter: str = "_",
        kinds: Sequence[str] = ("word", "number"),
        across_sentences: bool = False,
    ) -> None:
        _check(scoring, min_count, threshold, delimiter)
        self.min_count = min_count
        self.threshold = threshold
        self.scoring = scoring
        self.connector_words = frozenset(connector_words)
        self.delimiter = delimiter
        self.kinds = tuple(check_kinds(kinds))
        self.across_sentences = bool(across_sentences)
        self._vocab: _core.stats.PhraseVocab | None = None
        if corpus is not None:
            self.add(corpus)

    # learning ---------------------------------------------------------------------------
    def add(self, corpus: CorpusBase) -> None:
        """Counts a corpus into the model (gensim's ``add_vocab``)."""
        self._merge_counts(_vocab(corpus, self))

    def _merge_counts(self, v: _core.stats.PhraseVocab | None) -> None:
        if v is None:
            return
        self._vocab = v if self._vocab is None else _core.stats.merge_phrase_vocab(self._vocab, v)

    def __add__(self, other: Phrases) -> Phrases:
        """The model learned from both (counts summed; this model's options)."""
        if not isinstance(other, Phrases):
            return NotImplemented
        if (other.delimiter, other.connector_words) != (self.delimiter, self.connector_words):
            raise ValueError("models with different delimiters or connector words do not merge")
        out = self._empty_copy()
        out._merge_counts(self._vocab)
        out._merge_counts(other._vocab)
        return out

    def _empty_copy(self) -> Phrases:
        return Phrases(
            min_count=self.min_count,
            threshold=self.threshold,
            scoring=self.scoring,
            connector_words=self.connector_words,
            delimiter=self.delimiter,
            kinds=self.kinds,
            across_sentences=self.across_sentences,
        )

    def _parts(self) -> tuple[bytes, list[int], list[int], int]:
        v = self._vocab
        if v is None:
            return b"", [0], [], 0
        return v.data(), v.offsets().tolist(), v.counts().tolist(), v.words

    # what was learned -------------------------------------------------------------------
    @property
    def corpus_word_count(self) -> int:
        """Tokens counted, connector words included (gensim's ``corpus_word_count``)."""
        return 0 if self._vocab is None else self._vocab.words

    @property
    def vocab(self) -> dict[str, int]:
        """gensim's ``vocab``: every unigram and phrase key with its count, in gensim's order."""
        data, off, counts, _ = self._parts()
        keys = [data[off[i] : off[i + 1]].decode("utf-8") for i in range(len(counts))]
        return dict(zip(keys, counts))

    def _export(self) -> dict[str, Any]:
        _check(self.scoring, self.min_count, self.threshold, self.delimiter)
        if self._vocab is None:
            empty = np.zeros(0, dtype=np.int64)
            return {"phrase": [], "count": empty, "score": empty.astype(np.float64)}
        return _core.stats.export_phrases(
            self._vocab,
            scoring=self.scoring,
            min_count=float(self.min_count),
            threshold=float(self.threshold),
            delimiter=self.delimiter,
        )

    def export_phrases(self) -> dict[str, float]:
        """Every phrase of the vocabulary that scores above the threshold, with its score
        (gensim's ``export_phrases``, same keys, values and order)."""
        r = self._export()
        return dict(zip(r["phrase"], r["score"].tolist()))

    def table(self) -> pd.DataFrame:
        """The phrases of :meth:`export_phrases` as a DataFrame (phrase, count, score),
        by score descending (ties in gensim's order)."""
        r = self._export()
        df = pd.DataFrame({"phrase": r["phrase"], "count": r["count"], "score": r["score"]})
        df = df.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
        df.attrs["delimiter"] = self.delimiter
        return df

    def expressions(self) -> list[list[str]]:
        """The phrases of :meth:`export_phrases`, each split into its words."""
        return [k.split(self.delimiter) for k in self._export()["phrase"]]

    def find_phrases(self, corpus: CorpusBase) -> dict[str, float]:
        """The phrases this model joins in ``corpus`` with their scores (gensim's
        ``find_phrases`` of the corpus's :meth:`sentences`). Corpus's tokens of other
        kinds than the model's break phrases, as in :meth:`sentences`."""
        r = self._export()
        keys: list[str] = r["phrase"]
        score = dict(zip(keys, r["score"].tolist()))
        _, matches = _compound_core(corpus, [k.split(self.delimiter) for k in keys], self.delimiter)
        return {k: score[k] for k, m in zip(keys, matches.tolist()) if m}

    def sentences(self, corpus: CorpusBase) -> list[list[str]]:
        """The token lists gensim would learn the same model from: the terms of ``corpus``
        per sentence (per document with ``across_sentences``), cut at tokens of other kinds."""
        return sentences(corpus, kinds=self.kinds, across_sentences=self.across_sentences)

    def __repr__(self) -> str:
        return (
            f"<textgauge.Phrases: {0 if self._vocab is None else len(self._vocab)} vocab, "
            f"min_count={self.min_count}, "
            f"threshold={self.threshold}, scoring={self.scoring!r}>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Phrases):
            return NotImplemented
        return self._pickle_state() == other._pickle_state()

    __hash__ = None  # type: ignore[assignment]

    def _pickle_state(self) -> tuple[Any, ...]:
        # Version 1: (options dict, key bytes, offsets, counts, words).
        options = {
            "min_count": self.min_count,
            "threshold": self.threshold,
            "scoring": self.scoring,
            "connector_words": sorted(self.connector_words),
            "delimiter": self.delimiter,
            "kinds": list(self.kinds),
            "across_sentences": self.across_sentences,
        }
        return (options, *self._parts())

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[Any, ...]) -> Phrases:
        options, data, offsets, counts, words = state
        out = cls(**options)
        if len(counts):
            out._vocab = _core.stats.PhraseVocab(
                data, np.asarray(offsets, dtype=np.int64), np.asarray(counts, dtype=np.int64), words
            )
        return out


@reads_corpus
def _vocab(corpus: CorpusBase, model: Phrases) -> _core.stats.PhraseVocab:
    if not isinstance(corpus, CorpusBase):
        raise TypeError(f"Phrases learn from a textgauge.Corpus, got {type(corpus).__name__}")
    return _core.stats.phrase_vocab(
        _corpus.engine(corpus),
        connector_words=sorted(model.connector_words),
        delimiter=model.delimiter,
        kinds=list(model.kinds),
        across_sentences=model.across_sentences,
    )


@reads_corpus
def sentences(
    corpus: CorpusBase, *, kinds: Sequence[str] = ("word", "number"), across_sentences: bool = False
) -> list[list[str]]:
    """The token lists :class:`Phrases` counts: the terms of each sentence (of each document
    with ``across_sentences``), cut at every token of another kind; empty lists left out."""
    keep = set(check_kinds(kinds))
    tokens = _corpus.table(corpus, "token")
    vocab = np.asarray(corpus.vocabulary, dtype=object)
    kinds_all = _corpus.KINDS
    out: list[list[str]] = []
    current: list[str] = []
    last: tuple[int, int] | None = None
    sentence = tokens["sentence"] * 0 if across_sentences else tokens["sentence"]
    for d, s, k, t in zip(
        tokens["document"].tolist(),
        sentence.tolist(),
        tokens["kind"].tolist(),
        vocab[tokens["term"]].tolist() if len(tokens["term"]) else [],
    ):
        if (d, s) != last:
            if current:
                out.append(current)
            current, last = [], (d, s)
        if kinds_all[k] in keep:
            current.append(t)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def phrases(
    corpus: CorpusBase,
    *,
    min_count: float = 5,
    threshold: float = 10.0,
    scoring: str = "default",
    connector_words: Iterable[str] = frozenset(),
    delimiter: str = "_",
    kinds: Sequence[str] = ("word", "number"),
    across_sentences: bool = False,
) -> pd.DataFrame:
    """gensim's phrases of this corpus: phrase, count, score, by score descending.

    ``Phrases(corpus, ...).table()`` in one call (the options are :class:`Phrases`'s). The
    rows are gensim's ``export_phrases()`` of a model learned from the same token lists.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["New York is big. I love New York.", "Off to New York."])
        >>> c.phrases(min_count=1, threshold=1.5).values.tolist()
        [['new_york', 3, 3.333333333333333]]
    """
    model = Phrases(
        corpus,
        min_count=min_count,
        threshold=threshold,
        scoring=scoring,
        connector_words=connector_words,
        delimiter=delimiter,
        kinds=kinds,
        across_sentences=across_sentences,
    )
    return model.table()


def _expressions(expressions: Any) -> tuple[list[list[str]], str | None]:
    """(expressions as lists of terms, the delimiter they came with or None)."""
    if isinstance(expressions, Phrases):
        return expressions.expressions(), expressions.delimiter
    if isinstance(expressions, pd.DataFrame):
        if "phrase" not in expressions:
            raise ValueError("a DataFrame of expressions needs a 'phrase' column (phrases())")
        delim = expressions.attrs.get("delimiter", "_")
        return [str(p).split(delim) for p in expressions["phrase"]], delim
    if isinstance(expressions, str):
        raise TypeError("expressions is a list of multi-word expressions, not one str")
    out: list[list[str]] = []
    for e in expressions:
        if isinstance(e, str):
            out.append(e.split())
        elif isinstance(e, Iterable):
            words = list(e)
            if not all(isinstance(w, str) for w in words):
                raise TypeError(f"an expression's words must be str, got {words!r}")
            out.append(words)
        else:
            raise TypeError(f"an expression is a str or a sequence of str, got {e!r}")
    return out, None


@reads_corpus
def _compound_core(
    corpus: CorpusBase, expressions: list[list[str]], delimiter: str
) -> tuple[_core.text.Corpus, np.ndarray]:
    return _core.stats.compound(_corpus.engine(corpus), expressions, delimiter=delimiter)


@reads_corpus
def compound(corpus: CorpusBase, expressions: Any, *, delimiter: str | None = None) -> Any:
    """A copy of the corpus in which multi-word expressions are single tokens
    (quanteda's ``tokens_compound``).

    A run of tokens of one sentence whose terms spell an expression becomes one token
    (kind ``word``, its text the run as written, its term the terms joined by
    ``delimiter``); the longest expression starting at a token wins, and runs do not
    overlap. Every statistic of the copy sees the joined terms. With a :class:`Phrases`
    (or its table), the tokens are those of gensim's ``phrases[sentence]``. Documents
    added to the copy later are compounded too.

    Args:
        expressions: a :class:`Phrases`, a table from :func:`phrases`, or a list whose
            items are a str of whitespace-separated terms (``"new york"``) or a sequence
            of terms (``["new", "york"]``). Terms are compared with the corpus's terms
            (case folded by default).
        delimiter: joins the terms (default: the model's or the table's, else ``"_"``).

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["I love New York and new york loves me."])
        >>> c.compound(["new york"]).frequency()["term"].tolist()[:2]
        ['new_york', 'and']
    """
    exprs, own = _expressions(expressions)
    delim = delimiter if delimiter is not None else (own or "_")
    if not isinstance(delim, str) or not delim:
        raise ValueError(f"delimiter must be a non-empty str, got {delim!r}")
    return _corpus.derive(corpus, Compounding(tuple(map(tuple, exprs)), delim))


@dataclasses.dataclass(frozen=True)
class Compounding:
    """What :func:`compound` did to a corpus: the expressions (each a tuple of terms) and the
    delimiter. It is the transform that :func:`textgauge._corpus.derive` applies, as data
    rather than a closure, so that a compounded corpus pickles with its expressions
    (``Corpus`` format version 2) and is compounded again when loaded."""

    expressions: tuple[tuple[str, ...], ...]
    delimiter: str

    def __call__(self, core: _core.text.Corpus) -> _core.text.Corpus:
        exprs = [list(e) for e in self.expressions]
        return _core.stats.compound(core, exprs, delimiter=self.delimiter)[0]
