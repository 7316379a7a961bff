"""Documents and corpora: paragraphs, sentences and tokens as pandas DataFrames.

Segmentation, normalisation and interning run in C++ (``textgauge._core``), one
batch per call with the GIL released; the corpus's state and its tables live in
``_corpus.py``. This module is the public face: the constructors, documents, and
the statistics methods.

One definition per statistic: each statistic is a function of its own module
(``collocations.collocations(corpus, *, size=2, ...)``), which holds its
signature, its defaults, its checks and its documentation. ``Corpus.collocations``
is that same function, bound as a method (a class attribute), and
``Document.collocations`` is derived from it by :func:`_of_document`, which keeps
its signature (``functools.wraps`` for ``inspect.signature`` and ``help``; a
``ParamSpec`` for mypy and IDEs). A wrapper with ``**options`` would hide the
parameters, and a copied signature would let its defaults drift from the
function's; a bound function can do neither. The corpus options have one
definition too: :class:`textgauge._corpus.CorpusOptions`, whose defaults the
constructors below name as ``DEFAULTS.<option>``.
"""

from __future__ import annotations

import functools
import glob
import inspect
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import pandas as pd

from . import _pickle
from . import clean as _clean
from . import collocations as _collocations
from . import cooccurrence as _cooccurrence
from . import dictionary as _dictionary
from . import display as _display
from . import keyness as _keyness
from . import keywords as _keywords
from . import kwic as _kwic
from . import lexdiv as _lexdiv
from . import phrases as _phrases
from . import readability as _readability
from . import sentiment as _sentiment
from . import similarity as _similarity
from . import terms as _terms
from ._corpus import DEFAULTS, CorpusBase, CorpusOptions, Errors, Form, ParagraphMode
from ._corpus import add_sourced as _add_sourced
from ._corpus import cache as _cache
from ._corpus import derive as _derive
from ._corpus import frame as _frame
from ._corpus import ids as _ids
from ._corpus import offsets as _offsets
from ._corpus import options as _options
from ._corpus import texts as _texts
from ._corpus import transforms as _transforms
from ._locking import reads_corpus
from .errors import Error

__all__ = ["Corpus", "Document"]

P = ParamSpec("P")
R = TypeVar("R")


def _named_options(fn: Callable[P, R]) -> Callable[P, R]:
    """Raises TypeError("unknown option(s): ...") for a keyword the constructor does not
    take: the message the constructors gave when they took ``**options``."""
    names = set(inspect.signature(fn).parameters)

    @functools.wraps(fn)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        unknown = set(kwargs) - names
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return fn(*args, **kwargs)

    return checked


@_pickle.picklable("Corpus", 2)
class Corpus(CorpusBase):
    """A collection of documents split into paragraphs, sentences and tokens.

    Options (keyword-only, shared by every constructor; defaults in
    :class:`textgauge._corpus.CorpusOptions`):
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
        ascii_fast_path: segment ASCII-only texts without ICU (same result; default True).
        clean: clean the texts before segmentation (default None: not at all): ``True``
            for the news cleaning (:data:`textgauge.clean.NEWS`), a list of step names, or a
            :class:`textgauge.clean.Cleaner`. The corpus analyses the cleaned text, but
            :attr:`texts` are the texts as given and every offset points into them
            (``docs/cleaning.md``).
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

    @_named_options
    def __init__(
        self,
        *,
        threads: int | None = None,
        paragraphs: ParagraphMode = DEFAULTS.paragraphs,
        sentences: bool = DEFAULTS.sentences,
        tokens: bool = DEFAULTS.tokens,
        ascii_fast_path: bool = DEFAULTS.ascii_fast_path,
        form: Form = DEFAULTS.form,
        casefold: bool = DEFAULTS.casefold,
        strip_accents: bool = DEFAULTS.strip_accents,
        unify_quotes: bool = DEFAULTS.unify_quotes,
        errors: Errors = DEFAULTS.errors,
        clean: _clean.CleanOption = DEFAULTS.clean,
    ) -> None:
        options = CorpusOptions(
            paragraphs=paragraphs,
            sentences=sentences,
            tokens=tokens,
            ascii_fast_path=ascii_fast_path,
            form=form,
            casefold=casefold,
            strip_accents=strip_accents,
            unify_quotes=unify_quotes,
            errors=errors,
            clean=_clean.as_cleaner(clean),
        )
        super().__init__(options, threads)

    # construction -----------------------------------------------------------------
    @classmethod
    @_named_options
    def from_texts(
        cls,
        texts: Iterable[str | bytes],
        ids: Sequence[Any] | None = None,
        *,
        threads: int | None = None,
        paragraphs: ParagraphMode = DEFAULTS.paragraphs,
        sentences: bool = DEFAULTS.sentences,
        tokens: bool = DEFAULTS.tokens,
        ascii_fast_path: bool = DEFAULTS.ascii_fast_path,
        form: Form = DEFAULTS.form,
        casefold: bool = DEFAULTS.casefold,
        strip_accents: bool = DEFAULTS.strip_accents,
        unify_quotes: bool = DEFAULTS.unify_quotes,
        errors: Errors = DEFAULTS.errors,
        clean: _clean.CleanOption = DEFAULTS.clean,
    ) -> Corpus:
        """A corpus of in-memory texts (``str`` or UTF-8 ``bytes``), ids default to 0..n-1.

        ``texts`` may also be an Arrow string column (a pyarrow array or chunked array, a
        polars Series, a pandas Series of Arrow strings), copied in from its buffers without
        a ``str`` per text; a null row raises TypeError (docs/arrow.md).

        Example:
            >>> Corpus.from_texts(["Hello world."]).tokens["text"].tolist()
            ['Hello', 'world', '.']
        """
        corpus = cls(
            threads=threads,
            paragraphs=paragraphs,
            sentences=sentences,
            tokens=tokens,
            ascii_fast_path=ascii_fast_path,
            form=form,
            casefold=casefold,
            strip_accents=strip_accents,
            unify_quotes=unify_quotes,
            errors=errors,
            clean=clean,
        )
        corpus.add(texts, ids)
        return corpus

    @classmethod
    @_named_options
    def from_files(
        cls,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        threads: int | None = None,
        paragraphs: ParagraphMode = DEFAULTS.paragraphs,
        sentences: bool = DEFAULTS.sentences,
        tokens: bool = DEFAULTS.tokens,
        ascii_fast_path: bool = DEFAULTS.ascii_fast_path,
        form: Form = DEFAULTS.form,
        casefold: bool = DEFAULTS.casefold,
        strip_accents: bool = DEFAULTS.strip_accents,
        unify_quotes: bool = DEFAULTS.unify_quotes,
        errors: Errors = DEFAULTS.errors,
        clean: _clean.CleanOption = DEFAULTS.clean,
    ) -> Corpus:
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
        corpus = cls(
            threads=threads,
            paragraphs=paragraphs,
            sentences=sentences,
            tokens=tokens,
            ascii_fast_path=ascii_fast_path,
            form=form,
            casefold=casefold,
            strip_accents=strip_accents,
            unify_quotes=unify_quotes,
            errors=errors,
            clean=clean,
        )
        _add_sourced(corpus, data, files, sources=files)
        return corpus

    # access -----------------------------------------------------------------------
    @reads_corpus
    def __getitem__(self, index: int) -> Document:
        if not -len(self) <= index < len(self):
            raise IndexError(f"document index {index} out of range for {len(self)} documents")
        return Document._view(self, index % len(self))

    def __iter__(self) -> Iterator[Document]:
        # Documents are only ever appended, so index i stays the same document; the lock is
        # taken per document, never across a yield (the loop body may call add).
        return (self[i] for i in range(len(self)))

    # statistics: each is its module's function, bound (see the module docstring) ------
    collocations = _collocations.collocations
    dtm = _terms.dtm
    kwic = _kwic.kwic
    lexical_diversity = _lexdiv.lexical_diversity
    readability = _readability.readability
    frequency = _keyness.frequency
    keyness = _keyness.keyness
    entropy = _keyness.entropy
    summary = _keyness.summary
    cooccurrence = _cooccurrence.cooccurrence
    similarity = _similarity.similarity
    distance = _similarity.distance
    sentiment = _sentiment.corpus_sentiment
    phrases = _phrases.phrases
    compound = _phrases.compound
    lookup = _dictionary.lookup
    keywords = _keywords.keywords

    @reads_corpus
    def __repr__(self) -> str:
        n_par = len(self._table("paragraph")["document"])
        n_tok = len(self._table("token")["document"])
        return (
            f"<textgauge.Corpus: {len(self)} documents, {n_par} paragraphs, {n_tok} tokens, "
            f"{len(self.vocabulary)} terms>"
        )

    def _repr_html_(self) -> str:
        """Jupyter view: counts and the first documents (see
        :func:`textgauge.display.corpus_html`)."""
        return _display.corpus_html(self)

    @reads_corpus
    def _pickle_state(self) -> tuple[Any, ...]:
        # Version 2: (texts, ids, options, compounds), compounds the (expressions, delimiter)
        # of each compound() that made this corpus, in order (version 1: the first three).
        # Rebuilt from the texts as given: cleaning (options["clean"], a Cleaner),
        # segmentation and compounding are deterministic, so the copy is equal, span maps
        # and offsets into the original texts included. Copies of the lists, taken under
        # the lock: pickle reads them after this returns.
        compounds = []
        for transform in _transforms(self):
            if not isinstance(transform, _phrases.Compounding):  # pragma: no cover - none yet
                raise Error(f"a corpus derived by {transform!r} does not pickle")
            compounds.append(([list(e) for e in transform.expressions], transform.delimiter))
        return (list(self._texts), list(self._ids), self.options, compounds)

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[Any, ...]) -> Corpus:
        texts, ids, options = state[:3]
        corpus = cls.from_texts(texts, ids, **options)
        for expressions, delimiter in state[3] if version >= 2 else ():
            corpus = cast(Corpus, _phrases.compound(corpus, expressions, delimiter=delimiter))
        return corpus


def _rebuild_corpus(texts: list[str], ids: list[Any], options: dict[str, Any]) -> Corpus:
    """Loads the Corpus pickles of textgauge 0.1.0 (format version 0)."""
    return Corpus.from_texts(texts, ids, **options)


def _of_document(
    fn: Callable[Concatenate[CorpusBase, P], R],
) -> Callable[Concatenate[Document, P], R]:
    """``fn`` (a statistic of a corpus) as a method of Document: the statistic of the document
    alone, a one-document corpus with the same options. Same parameters as ``fn``."""

    @functools.wraps(fn)
    def method(self: Document, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return fn(self._alone(), *args, **kwargs)

    method.__doc__ = (
        f"``{fn.__name__}`` of this document alone: :meth:`Corpus.{fn.__name__}` of a "
        f"one-document corpus with the same options (parameters and defaults are those "
        f"of :func:`{fn.__module__}.{fn.__name__}`)."
    )
    return method


def _in_corpus(
    fn: Callable[Concatenate[CorpusBase, P], R],
) -> Callable[Concatenate[Document, P], R]:
    """``fn`` (a statistic that takes ``document=``, an index) as a method of Document: the
    statistic of this document's units, read from its corpus in place. Same parameters as
    ``fn``; ``document`` is set by the method."""

    @functools.wraps(fn)
    def method(self: Document, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return cast(Any, fn)(self._corpus, *args, document=self._index, **kwargs)  # type: ignore[no-any-return]

    method.__doc__ = (
        f"``{fn.__name__}`` of this document's units (parameters and defaults are those "
        f"of :func:`{fn.__module__}.{fn.__name__}`, whose ``document`` this method sets)."
    )
    return method


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

    @_named_options
    def __init__(
        self,
        text: str | bytes,
        *,
        threads: int | None = None,
        paragraphs: ParagraphMode = DEFAULTS.paragraphs,
        sentences: bool = DEFAULTS.sentences,
        tokens: bool = DEFAULTS.tokens,
        ascii_fast_path: bool = DEFAULTS.ascii_fast_path,
        form: Form = DEFAULTS.form,
        casefold: bool = DEFAULTS.casefold,
        strip_accents: bool = DEFAULTS.strip_accents,
        unify_quotes: bool = DEFAULTS.unify_quotes,
        errors: Errors = DEFAULTS.errors,
        clean: _clean.CleanOption = DEFAULTS.clean,
    ) -> None:
        self._corpus = Corpus.from_texts(
            [text],
            threads=threads,
            paragraphs=paragraphs,
            sentences=sentences,
            tokens=tokens,
            ascii_fast_path=ascii_fast_path,
            form=form,
            casefold=casefold,
            strip_accents=strip_accents,
            unify_quotes=unify_quotes,
            errors=errors,
            clean=clean,
        )
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
        return _texts(self._corpus)[self._index]

    @property
    @reads_corpus
    def id(self) -> Any:
        return _ids(self._corpus)[self._index]

    @property
    def corpus(self) -> Corpus:
        """The corpus this document belongs to (a one-document corpus when built directly)."""
        return self._corpus

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: paragraph, text, start, end, byte_start, byte_end."""
        return _frame(self._corpus, "paragraph", ["paragraph"], self._index)

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: paragraph, sentence, text, offsets."""
        return _frame(self._corpus, "sentence", ["paragraph", "sentence"], self._index)

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: paragraph, sentence, text, term, term_id, kind, offsets."""
        return _frame(self._corpus, "token", ["paragraph", "sentence"], self._index)

    # statistics of this document (see the module docstring) -----------------------
    sentiment = _in_corpus(_sentiment.corpus_sentiment)

    @reads_corpus
    def _alone(self) -> Corpus:
        """This document as a one-document corpus with the same options (cached)."""
        if len(self._corpus) == 1:
            return self._corpus
        key = ("alone", self._index)
        cache = _cache(self._corpus)
        if key not in cache:
            alone: CorpusBase = Corpus.from_texts(
                [self.text], [self.id], **_options(self._corpus).as_dict()
            )
            for transform in _transforms(self._corpus):  # e.g. compounded expressions
                alone = _derive(alone, transform)
            cache[key] = alone
        return cache[key]  # type: ignore[no-any-return]

    collocations = _of_document(_collocations.collocations)
    kwic = _of_document(_kwic.kwic)
    lexical_diversity = _of_document(_lexdiv.lexical_diversity)
    readability = _of_document(_readability.readability)
    frequency = _of_document(_keyness.frequency)
    phrases = _of_document(_phrases.phrases)
    lookup = _of_document(_dictionary.lookup)
    keywords = _of_document(_keywords.keywords)

    @reads_corpus
    def __len__(self) -> int:
        off = _offsets(self._corpus, "paragraph")
        return int(off[self._index + 1] - off[self._index])

    def _repr_html_(self) -> str:
        """Jupyter view: paragraphs with their sentiment and words highlighted by valence
        (see :func:`textgauge.display.document_html`)."""
        return _display.document_html(self)

    @reads_corpus
    def __repr__(self) -> str:
        i, corpus = self._index, self._corpus
        n_tok = int(_offsets(corpus, "token")[i + 1] - _offsets(corpus, "token")[i])
        n_sent = int(_offsets(corpus, "sentence")[i + 1] - _offsets(corpus, "sentence")[i])
        head = self.text[:60].replace("\n", " ")
        more = "..." if len(self.text) > 60 else ""
        return (
            f"<textgauge.Document: {len(self)} paragraphs, {n_sent} sentences, {n_tok} tokens: "
            f"{head!r}{more}>"
        )
