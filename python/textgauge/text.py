"""Documents and corpora: paragraphs, sentences and tokens as pandas DataFrames.

Segmentation, normalisation and interning run in C++ (``textgauge._core``), one
batch per call with the GIL released; this module turns the column arrays it
returns into DataFrames.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core, _pickle
from ._locking import ReadWriteLock, reads_corpus
from ._unicode import as_text_list, fix_surrogates
from .errors import OptionError

__all__ = ["Corpus", "Document"]

ParagraphMode = Literal["blank", "line"]
Errors = Literal["strict", "replace"]
KINDS: tuple[str, ...] = tuple(_core.text.options()["token kind"])
_KIND_DTYPE = pd.CategoricalDtype(list(KINDS))
_TEXT_DTYPE = pd.Series(["text"]).dtype  # what pandas makes of a list of str (str or object)

_OPTION_DEFAULTS: dict[str, Any] = {
    "paragraphs": "blank",
    "sentences": True,
    "tokens": True,
    "ascii_fast_path": True,
    "form": "NFC",
    "casefold": True,
    "strip_accents": False,
    "unify_quotes": True,
    "errors": "strict",
}


def _check_options(options: dict[str, Any]) -> dict[str, Any]:
    unknown = set(options) - set(_OPTION_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    merged = {**_OPTION_DEFAULTS, **options}
    for name, allowed in (("paragraphs", ("blank", "line")), ("form", ("NFC", "NFKC")),
                          ("errors", ("strict", "replace"))):
        if merged[name] not in allowed:
            raise OptionError(f"{name} must be one of {allowed}, got {merged[name]!r}")
    return merged


@_pickle.picklable("Corpus", 1)
class Corpus:
    """A collection of documents split into paragraphs, sentences and tokens.

    Options (keyword-only, shared by every constructor):
        paragraphs: ``"blank"`` (default) - paragraphs are separated by blank lines;
            ``"line"`` - every non-blank line is a paragraph.
        errors: ``"strict"`` (default) raises :class:`textgauge.DecodeError` on invalid
            UTF-8 with the byte offset and the file or document; ``"replace"``
            substitutes U+FFFD and goes on.
        form: ``"NFC"`` (default) or ``"NFKC"`` normalisation of terms.
        casefold: full Unicode case folding of terms (default True).
        strip_accents: drop combining accents from terms (default False).
        unify_quotes: map ’ ‘ to ' and “ ” to " in terms (default True).
        sentences: run the ICU sentence segmenter (default True).
        tokens: run the ICU word segmenter (default True; False when only paragraphs or
            sentences are needed, e.g. to score them).
        threads: worker threads for segmentation (default: all cores).

    A corpus can be shared between threads: ``add`` waits for the readers and
    readers wait for ``add`` (see ``_locking``), so every result is that of the
    corpus before or after each ``add``; readers run in parallel.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["One. Two.", "Three"], ids=["a", "b"])
        >>> c.sentences["text"].tolist()
        ['One.', 'Two.', 'Three']
    """

    def __init__(self, *, threads: int | None = None, **options: Any) -> None:
        self._lock = ReadWriteLock()
        self._options = _check_options(options)
        self._core = _core.text.Corpus(**self._options)
        self._threads = 0 if threads is None else int(threads)
        self._texts: list[str] = []
        self._ids: list[Any] = []
        self._cache: dict[Any, Any] = {}

    # construction -----------------------------------------------------------------
    @classmethod
    def from_texts(cls, texts: Iterable[str | bytes], ids: Sequence[Any] | None = None, *,
                   threads: int | None = None, **options: Any) -> Corpus:
        """A corpus of in-memory texts (``str`` or UTF-8 ``bytes``), ids default to 0..n-1.

        Example:
            >>> Corpus.from_texts(["Hello world."]).tokens["text"].tolist()
            ['Hello', 'world', '.']
        """
        corpus = cls(threads=threads, **options)
        corpus.add(texts, ids)
        return corpus

    @classmethod
    def from_files(cls, paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
                   threads: int | None = None, **options: Any) -> Corpus:
        """A corpus of UTF-8 text files; a string with ``*``/``?``/``[`` is a glob
        (``**`` recurses). Ids are the paths, and decode errors name the file.

        Example:
            >>> c = Corpus.from_files("../shared/corpora/bbc/tech/00*.txt")  # doctest: +SKIP
        """
        if isinstance(paths, (str, os.PathLike)):
            p = os.fspath(paths)
            files = sorted(glob.glob(p, recursive=True)) if glob.has_magic(p) else [p]
            if not files:
                raise FileNotFoundError(f"no file matches {p!r}")
        else:
            files = [os.fspath(p) for p in paths]
        data: list[str | bytes] = []
        for f in files:
            with open(f, "rb") as fh:
                data.append(fh.read())
        corpus = cls(threads=threads, **options)
        corpus._add(data, files, sources=files)
        return corpus

    def add(self, texts: Iterable[str | bytes], ids: Sequence[Any] | None = None) -> None:
        """Appends texts (one C++ call for the whole batch).

        Example:
            >>> c = Corpus.from_texts(["One."])
            >>> c.add(["Two.", "Three."], ids=["b", "c"])
            >>> len(c), c.ids
            (3, [0, 'b', 'c'])
        """
        batch = as_text_list(texts)
        with self._lock.write():  # the default ids follow the documents already there
            if ids is None:
                ids = range(len(self._ids), len(self._ids) + len(batch))
            ids = list(ids)
            if len(ids) != len(batch):
                raise ValueError(f"{len(batch)} texts but {len(ids)} ids")
            self._add(batch, ids, sources=[])

    def _add(self, batch: list[str | bytes], ids: list[Any], sources: list[str]) -> None:
        with self._lock.write():
            self._add_locked(batch, ids, sources)

    def _add_locked(self, batch: list[str | bytes], ids: list[Any], sources: list[str]) -> None:
        base = len(self._texts)
        names = sources or [f"document {base + i}" for i in range(len(batch))]
        try:
            self._core.add(batch, sources=sources, threads=self._threads)
        except UnicodeEncodeError:  # a str with lone surrogates; rare, so only handled here
            batch = fix_surrogates(batch, self._options["errors"], names)
            self._core.add(batch, sources=sources, threads=self._threads)
        for i, t in enumerate(batch):
            self._texts.append(t if isinstance(t, str) else self._core.text(base + i))
        self._ids.extend(ids)
        # Readers fill the cache only while holding the read lock, so nothing computed
        # from the state before this add can be stored after this line.
        self._cache.clear()

    # access -----------------------------------------------------------------------
    @reads_corpus
    def __len__(self) -> int:
        return len(self._texts)

    @reads_corpus
    def __getitem__(self, index: int) -> Document:
        if not -len(self) <= index < len(self):
            raise IndexError(f"document index {index} out of range for {len(self)} documents")
        return Document._view(self, index % len(self))

    def __iter__(self) -> Iterator[Document]:
        # Documents are only ever appended, so index i stays the same document; the lock is
        # taken per document, never across a yield (the loop body may call add).
        return (self[i] for i in range(len(self)))

    @property
    @reads_corpus
    def ids(self) -> list[Any]:
        """Document ids, in order."""
        return list(self._ids)

    @property
    @reads_corpus
    def texts(self) -> list[str]:
        """Document texts (decoded; U+FFFD where ``errors="replace"`` repaired them)."""
        return list(self._texts)

    @property
    def options(self) -> dict[str, Any]:
        """The segmentation and normalisation options of this corpus."""
        return dict(self._options)

    @property
    @reads_corpus
    def vocabulary(self) -> list[str]:
        """Distinct normalised terms, in order of first occurrence; token ``term_id`` indexes it."""
        if "vocab" not in self._cache:
            self._cache["vocab"] = self._core.vocabulary()
        return self._cache["vocab"]  # type: ignore[no-any-return]

    @reads_corpus
    def _table(self, name: str) -> dict[str, np.ndarray]:
        key = "table:" + name
        if key not in self._cache:
            self._cache[key] = getattr(self._core, name + "_table")()
        return self._cache[key]  # type: ignore[no-any-return]

    @reads_corpus
    def _offsets(self, name: str) -> np.ndarray:
        """Where each document's rows begin in one unit table (len + 1 entries): the tables
        are in document order, so document d's rows are offsets[d]:offsets[d + 1]."""
        key = "offsets:" + name
        if key not in self._cache:
            doc = self._table(name)["document"]
            self._cache[key] = np.searchsorted(doc, np.arange(len(self._texts) + 1), side="left")
        return self._cache[key]  # type: ignore[no-any-return]

    @reads_corpus
    def _rows(self, name: str, document: int | None = None) -> dict[str, np.ndarray]:
        """Columns of one unit table, whole or sliced to one document (views, no scan)."""
        cols = self._table(name)
        if document is None:
            return cols
        off = self._offsets(name)
        begin, end = int(off[document]), int(off[document + 1])
        return {k: v[begin:end] for k, v in cols.items()}

    @reads_corpus
    def _term_dtype(self) -> pd.CategoricalDtype:
        """The token ``term`` categories, built once per state (not once per document)."""
        if "term_dtype" not in self._cache:
            self._cache["term_dtype"] = pd.CategoricalDtype(pd.Index(self.vocabulary, dtype=object))
        return self._cache["term_dtype"]  # type: ignore[no-any-return]

    @reads_corpus
    def _frame(self, name: str, levels: Sequence[str], document: int | None = None) -> pd.DataFrame:
        """Rows of one unit table, for the whole corpus or for one document index."""
        cols = self._rows(name, document)
        doc = cols["document"]
        texts = self._texts
        out: dict[str, Any] = {}
        if document is None:
            out["document"] = np.asarray(self._ids, dtype=object)[doc] if len(doc) else np.array([], object)
        for level in levels:
            out[level] = cols[level]
        out["text"] = [texts[d][s:e] for d, s, e in zip(doc.tolist(), cols["start"].tolist(),
                                                        cols["end"].tolist())]
        if not len(doc):  # an empty list would make a float64 column: same dtype as with rows
            out["text"] = pd.Series([], dtype=_TEXT_DTYPE)
        if name == "token":
            out["term"] = pd.Categorical.from_codes(cols["term"], dtype=self._term_dtype())
            out["term_id"] = cols["term"]
            out["kind"] = pd.Categorical.from_codes(cols["kind"].astype(np.int8), dtype=_KIND_DTYPE)
        for c in ("start", "end", "byte_start", "byte_end"):
            out[c] = cols[c]
        return pd.DataFrame(out)

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: document, paragraph, text, start, end (code points), byte_start, byte_end."""
        return self._frame("paragraph", ["paragraph"])

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: document, paragraph, sentence, text, offsets."""
        return self._frame("sentence", ["paragraph", "sentence"])

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: document, paragraph, sentence, text, term, term_id, kind, offsets.

        ``text`` is the token as written, ``term`` its normalised form (categorical over
        :attr:`vocabulary`), ``kind`` one of word, number, punctuation, symbol.
        """
        return self._frame("token", ["paragraph", "sentence"])

    # term statistics (implemented in their own modules) ---------------------------
    def collocations(self, **options: Any) -> pd.DataFrame:
        """N-gram association scores (NLTK's measures, quanteda's lambda/z); see
        :func:`textgauge.collocations.collocations` for the options.

        Example:
            >>> Corpus.from_texts(["New York is big. New York is old."]).collocations().iloc[0, 0]
            'new york'
        """
        from .collocations import collocations

        return collocations(self, **options)

    def dtm(self, **options: Any) -> tuple[Any, Any]:
        """Document-term matrix (scipy CSR) and feature names, rows per document,
        paragraph or sentence; see :func:`textgauge.terms.dtm` for the options.

        Example:
            >>> X, terms = Corpus.from_texts(["A cat. A dog."]).dtm(level="sentence")
            >>> terms.tolist(), X.toarray().tolist()
            (['a', 'cat', 'dog'], [[1, 1, 0], [1, 0, 1]])
        """
        from .terms import dtm

        return dtm(self, **options)

    def kwic(self, pattern: str | Sequence[str], **options: Any) -> pd.DataFrame:
        """Keywords in context (quanteda's ``kwic``); see :func:`textgauge.kwic.kwic`.

        Example:
            >>> Corpus.from_texts(["Oil prices rose."]).kwic("price*", window=1)["post"].tolist()
            ['rose']
        """
        from .kwic import kwic

        return kwic(self, pattern, **options)

    def lexical_diversity(self, **options: Any) -> pd.DataFrame:
        """TTR, Yule's K, MATTR, MTLD, HD-D, ... per unit; see
        :func:`textgauge.lexdiv.lexical_diversity`.

        Example:
            >>> Corpus.from_texts(["to be or not to be"]).lexical_diversity(measures="TTR")["TTR"].tolist()
            [0.6666666666666666]
        """
        from .lexdiv import lexical_diversity

        return lexical_diversity(self, **options)

    def readability(self, **options: Any) -> pd.DataFrame:
        """Flesch, Flesch-Kincaid, Fog, SMOG, Coleman-Liau, ARI, Dale-Chall, Linsear Write
        per document or paragraph; see :func:`textgauge.readability.readability`.

        Example:
            >>> Corpus.from_texts(["The cat sat."]).readability(measures="flesch")["words"].tolist()
            [3]
        """
        from .readability import readability

        return readability(self, **options)

    def frequency(self, **options: Any) -> pd.DataFrame:
        """Term, frequency, rank, docfreq, group; see :func:`textgauge.keyness.frequency`.

        Example:
            >>> Corpus.from_texts(["b a b"]).frequency()["term"].tolist()
            ['b', 'a']
        """
        from .keyness import frequency

        return frequency(self, **options)

    def keyness(self, target: Any, reference: Any = None, **options: Any) -> pd.DataFrame:
        """chi2 / G2 / PMI / Fisher keyness of a target against a reference (documents or a
        frequency table); see :func:`textgauge.keyness.keyness`.

        Example:
            >>> Corpus.from_texts(["oil oil", "gas"]).keyness([True, False])["term"].tolist()
            ['oil', 'gas']
        """
        from .keyness import keyness

        return keyness(self, target, reference, **options)

    def entropy(self, **options: Any) -> pd.DataFrame:
        """Entropy per document or per term; see :func:`textgauge.keyness.entropy`.

        Example:
            >>> Corpus.from_texts(["a b"]).entropy()["entropy"].tolist()
            [1.0]
        """
        from .keyness import entropy

        return entropy(self, **options)

    def summary(self) -> pd.DataFrame:
        """Per document: chars, paragraphs, sentences, tokens, types, words, numbers,
        punctuation, symbols; see :func:`textgauge.keyness.summary`.

        Example:
            >>> Corpus.from_texts(["Hi there."]).summary()["tokens"].tolist()
            [3]
        """
        from .keyness import summary

        return summary(self)

    def cooccurrence(self, **options: Any) -> tuple[Any, Any]:
        """Term co-occurrence matrix (document or window context) and its terms; see
        :func:`textgauge.cooccurrence.cooccurrence`.

        Example:
            >>> C, terms = Corpus.from_texts(["a b"]).cooccurrence()
            >>> C.toarray().tolist()
            [[0.0, 1.0], [1.0, 0.0]]
        """
        from .cooccurrence import cooccurrence

        return cooccurrence(self, **options)

    def similarity(self, **options: Any) -> pd.DataFrame:
        """Cosine / jaccard / dice / correlation similarity between documents, paragraphs or
        sentences; see :func:`textgauge.similarity.similarity`.

        Example:
            >>> Corpus.from_texts(["a b", "a b"]).similarity().round(12).values.tolist()
            [[1.0, 1.0], [1.0, 1.0]]
        """
        from .similarity import similarity

        return similarity(self, **options)

    def distance(self, **options: Any) -> pd.DataFrame:
        """Euclidean distance, or 1 - similarity; see :func:`textgauge.similarity.distance`.

        Example:
            >>> Corpus.from_texts(["a", "b"]).distance().values.tolist()
            [[0.0, 1.4142135623730951], [1.4142135623730951, 0.0]]
        """
        from .similarity import distance

        return distance(self, **options)

    def sentiment(self, level: str = "paragraph", *, mode: str = "vader", mentions: Any = None,
                  analyzer: Any = None) -> pd.DataFrame:
        """VADER sentiment of every document, paragraph or sentence; see
        :func:`textgauge.sentiment.corpus_sentiment` for the modes and ``mentions``.

        Example:
            >>> Corpus.from_texts(["Good news. Bad news!"]).sentiment("document")["compound"].tolist()
            [-0.2244]
        """
        from .sentiment import corpus_sentiment

        return corpus_sentiment(self, level, mode=mode, mentions=mentions, analyzer=analyzer)  # type: ignore[arg-type]

    @reads_corpus
    def __repr__(self) -> str:
        n_par = len(self._table("paragraph")["document"])
        n_tok = len(self._table("token")["document"])
        return (f"<textgauge.Corpus: {len(self)} documents, {n_par} paragraphs, {n_tok} tokens, "
                f"{len(self.vocabulary)} terms>")

    def _repr_html_(self) -> str:
        """Jupyter view: counts and the first documents (see :func:`textgauge.display.corpus_html`)."""
        from .display import corpus_html

        return corpus_html(self)

    @reads_corpus
    def _pickle_state(self) -> tuple[Any, ...]:
        # Version 1: (texts, ids, options). Rebuilt from the texts: segmentation is
        # deterministic, so the copy is equal. Copies of the lists, taken under the lock:
        # pickle reads them after this returns.
        return (list(self._texts), list(self._ids), dict(self._options))

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[Any, ...]) -> Corpus:
        texts, ids, options = state
        return cls.from_texts(texts, ids, **options)


def _rebuild_corpus(texts: list[str], ids: list[Any], options: dict[str, Any]) -> Corpus:
    """Loads the Corpus pickles of textgauge 0.1.0 (format version 0)."""
    return Corpus.from_texts(texts, ids, **options)


@_pickle.picklable("Document", 1)
class Document:
    """One text with its paragraphs, sentences and tokens.

    ``Document(text, paragraphs="blank"|"line", errors="strict"|"replace", ...)``
    takes the options of :class:`Corpus`. ``len(doc)`` is the number of paragraphs.

    Example:
        >>> import textgauge as tg
        >>> doc = tg.Document("It works.\\n\\nIt really works!")
        >>> doc.paragraphs["text"].tolist()
        ['It works.', 'It really works!']
        >>> tok = doc.tokens.iloc[2]
        >>> tok.text, tok.kind, int(tok.start), int(tok.end)
        ('.', 'punctuation', 8, 9)
    """

    _corpus: Corpus
    _index: int

    def __init__(self, text: str | bytes, **options: Any) -> None:
        self._corpus = Corpus.from_texts([text], **options)
        self._index = 0

    @classmethod
    def _view(cls, corpus: Corpus, index: int) -> Document:
        doc = cls.__new__(cls)
        doc._corpus, doc._index = corpus, index
        return doc

    def _pickle_state(self) -> tuple[Corpus, int]:
        return (self._corpus, self._index)  # version 1 (version 0: the default, its __dict__)

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[Corpus, int]) -> Document:
        return cls._view(*state)

    @property
    @reads_corpus
    def text(self) -> str:
        """The document text (decoded)."""
        return self._corpus._texts[self._index]

    @property
    @reads_corpus
    def id(self) -> Any:
        return self._corpus._ids[self._index]

    @property
    def corpus(self) -> Corpus:
        """The corpus this document belongs to (a one-document corpus when built directly)."""
        return self._corpus

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: paragraph, text, start, end, byte_start, byte_end."""
        return self._corpus._frame("paragraph", ["paragraph"], self._index)

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: paragraph, sentence, text, offsets."""
        return self._corpus._frame("sentence", ["paragraph", "sentence"], self._index)

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: paragraph, sentence, text, term, term_id, kind, offsets."""
        return self._corpus._frame("token", ["paragraph", "sentence"], self._index)

    def sentiment(self, level: str = "paragraph", *, mode: str = "vader", mentions: Any = None,
                  analyzer: Any = None) -> pd.DataFrame:
        """VADER sentiment of this document, its paragraphs or its sentences; see
        :func:`textgauge.sentiment.corpus_sentiment`.

        Example:
            >>> Document("Good news.\\n\\nBad news!").sentiment()["compound"].tolist()
            [0.4404, -0.5848]
        """
        from .sentiment import corpus_sentiment

        return corpus_sentiment(self._corpus, level, mode=mode, mentions=mentions,  # type: ignore[arg-type]
                                analyzer=analyzer, document=self._index)

    # term statistics of this document alone -------------------------------------
    @reads_corpus
    def _alone(self) -> Corpus:
        """This document as a one-document corpus with the same options (cached)."""
        if len(self._corpus) == 1:
            return self._corpus
        key = ("alone", self._index)
        cache = self._corpus._cache
        if key not in cache:
            cache[key] = Corpus.from_texts([self.text], [self.id], **self._corpus._options)
        return cache[key]  # type: ignore[no-any-return]

    def collocations(self, **options: Any) -> pd.DataFrame:
        """Collocations of this document; see :meth:`Corpus.collocations`.

        Example:
            >>> Document("New York, New York.").collocations()["collocation"].tolist()
            ['new york']
        """
        return self._alone().collocations(**options)

    def kwic(self, pattern: str | Sequence[str], **options: Any) -> pd.DataFrame:
        """Keywords in context in this document; see :meth:`Corpus.kwic`.

        Example:
            >>> Document("Oil rose.").kwic("oil")["post"].tolist()
            ['rose .']
        """
        return self._alone().kwic(pattern, **options)

    def lexical_diversity(self, **options: Any) -> pd.DataFrame:
        """Lexical diversity of this document (or its paragraphs); see :meth:`Corpus.lexical_diversity`.

        Example:
            >>> Document("to be or not to be").lexical_diversity(measures="TTR")["TTR"].round(4).tolist()
            [0.6667]
        """
        return self._alone().lexical_diversity(**options)

    def readability(self, **options: Any) -> pd.DataFrame:
        """Readability of this document (or its paragraphs); see :meth:`Corpus.readability`.

        Example:
            >>> Document("The cat sat.").readability(measures="flesch")["words"].tolist()
            [3]
        """
        return self._alone().readability(**options)

    def frequency(self, **options: Any) -> pd.DataFrame:
        """Term frequencies of this document; see :meth:`Corpus.frequency`.

        Example:
            >>> Document("b a b").frequency()["term"].tolist()
            ['b', 'a']
        """
        return self._alone().frequency(**options)

    @reads_corpus
    def __len__(self) -> int:
        off = self._corpus._offsets("paragraph")
        return int(off[self._index + 1] - off[self._index])

    def _repr_html_(self) -> str:
        """Jupyter view: paragraphs with their sentiment and words highlighted by valence
        (see :func:`textgauge.display.document_html`)."""
        from .display import document_html

        return document_html(self)

    @reads_corpus
    def __repr__(self) -> str:
        i, corpus = self._index, self._corpus
        n_tok = int(corpus._offsets("token")[i + 1] - corpus._offsets("token")[i])
        n_sent = int(corpus._offsets("sentence")[i + 1] - corpus._offsets("sentence")[i])
        head = self.text[:60].replace("\n", " ")
        more = "..." if len(self.text) > 60 else ""
        return (f"<textgauge.Document: {len(self)} paragraphs, {n_sent} sentences, {n_tok} tokens: "
                f"{head!r}{more}>")
