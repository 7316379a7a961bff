"""The state of a corpus, and the one door through which the other modules read it.

:class:`textgauge.Corpus` (``text.py``) is the public face: constructors, documents and the
statistics methods. What it holds - the C++ corpus, the texts and ids, the cached column
tables, the read-write lock, the options and the thread count - lives here, in
:class:`CorpusBase`, and the statistics modules (``collocations``, ``keyness``, ``terms``...)
read it only through the functions below. So the imports run one way::

    text.py  ->  collocations.py, keyness.py, terms.py, ...  ->  _corpus.py  ->  _core

and no module outside this one touches a corpus's private attributes
(``tests/python/test_structure.py`` checks both).

The API for the other modules (all of it reads; callers hold the read lock, which
``reads_corpus`` takes, for as long as they use what they got):

* :func:`engine` - the ``_core.text.Corpus`` to hand to C++ functions.
* :func:`threads` - the worker threads the corpus was built with (0: all cores).
* :func:`table` / :func:`rows` / :func:`offsets` - a unit table's columns (numpy arrays),
  whole or one document's, and where each document's rows begin.
* :func:`frame` - a unit table as the DataFrame of ``corpus.paragraphs`` & co.
* :func:`ids` / :func:`texts` - the document ids and texts (the lists themselves: no copy).
* :func:`unit_texts` - one document's unit texts as analysed (cleaned when the corpus cleans).
* :func:`cache` - the per-state cache (cleared by every ``add``).
* :func:`options` - the corpus's :class:`CorpusOptions`.
* :func:`build` - a corpus of texts, for functions that also take plain texts;
  :func:`add_sourced` adds texts whose decode errors name their files.
* :data:`KINDS`, :func:`check_kinds` - the token kinds.
* :func:`derive` - a corpus whose C++ corpus a function made from this one's (e.g.
  compounded tokens), kept up to date by ``add``; :func:`transforms` lists those functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core
from . import clean as _clean
from ._locking import ReadWriteLock, reads_corpus
from ._unicode import arrow_texts, as_text_list, fix_surrogates
from .errors import OptionError

__all__ = [
    "DEFAULTS",
    "KINDS",
    "CorpusBase",
    "CorpusOptions",
    "add_sourced",
    "build",
    "cache",
    "check_kinds",
    "derive",
    "engine",
    "frame",
    "ids",
    "offsets",
    "options",
    "rows",
    "table",
    "texts",
    "threads",
    "transforms",
    "unit_texts",
]

ParagraphMode = Literal["blank", "line"]
Form = Literal["NFC", "NFKC"]
Errors = Literal["strict", "replace"]
KINDS: tuple[str, ...] = tuple(_core.text.options()["token kind"])
_KIND_DTYPE = pd.CategoricalDtype(list(KINDS))
_TEXT_DTYPE = pd.Series(["text"]).dtype  # what pandas makes of a list of str (str or object)


def check_kinds(kinds: Sequence[str]) -> list[str]:
    """``kinds`` as a list, after checking that each is a token kind (OptionError otherwise)."""
    kinds = list(kinds)
    for k in kinds:
        if k not in KINDS:
            raise OptionError(f"unknown token kind {k!r}; choose from {KINDS}")
    return kinds


@dataclasses.dataclass(frozen=True)
class CorpusOptions:
    """The segmentation and normalisation options of a corpus, with their defaults.

    This is the one place the defaults are written: the constructors of
    :class:`textgauge.Corpus` and :class:`textgauge.Document` name each option in their
    signatures (so that IDEs and type checkers see them) with ``DEFAULTS.<option>`` as
    the default. The meaning of each is in :class:`textgauge.Corpus`.
    """

    paragraphs: ParagraphMode = "blank"
    sentences: bool = True
    tokens: bool = True
    ascii_fast_path: bool = True
    form: Form = "NFC"
    casefold: bool = True
    strip_accents: bool = False
    unify_quotes: bool = True
    errors: Errors = "strict"
    clean: _clean.Cleaner | None = None

    def __post_init__(self) -> None:
        # clean=True / a list of steps / a Cleaner: stored as the Cleaner (None: no cleaning).
        c = self.clean
        if c is not None and not isinstance(c, _clean.Cleaner):
            object.__setattr__(self, "clean", _clean.cleaner(c) if c is not False else None)
        for name, allowed in (
            ("paragraphs", ("blank", "line")),
            ("form", ("NFC", "NFKC")),
            ("errors", ("strict", "replace")),
        ):
            value = getattr(self, name)
            if value not in allowed:
                raise OptionError(f"{name} must be one of {allowed}, got {value!r}")

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> CorpusOptions:
        """The options named in a mapping (the others default); TypeError names unknown ones."""
        unknown = set(options) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return cls(**options)

    def as_dict(self) -> dict[str, Any]:
        """The options by name, in declaration order (the keyword arguments of
        ``_core.text.Corpus``)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


DEFAULTS = CorpusOptions()


class CorpusBase:
    """A corpus's state (see the module docstring); :class:`textgauge.Corpus` is the class to use.

    A corpus can be shared between threads: ``add`` waits for the readers and readers wait
    for ``add`` (see ``_locking``), so every result is that of the corpus before or after
    each ``add``; readers run in parallel.
    """

    def __init__(self, options: CorpusOptions, threads: int | None) -> None:
        self._lock = ReadWriteLock()
        self._options = options
        core_options = options.as_dict()
        clean = core_options.pop("clean")
        self._core = _core.text.Corpus(
            **core_options, cleaner=None if clean is None else clean.core()
        )
        self._threads = 0 if threads is None else int(threads)
        self._texts: list[str] = []
        self._ids: list[Any] = []
        self._cache: dict[Any, Any] = {}
        # What made this corpus's C++ corpus from that of its texts (see derive), in order.
        self._transforms: list[Callable[[_core.text.Corpus], _core.text.Corpus]] = []

    # adding documents -----------------------------------------------------------
    def add(self, texts: Iterable[str | bytes], ids: Sequence[Any] | None = None) -> None:
        """Appends texts (one C++ call for the whole batch): ``str``, UTF-8 ``bytes``, or an
        Arrow string column read from its buffers (see ``Corpus.from_texts``).

        Example:
            >>> import textgauge as tg
            >>> c = tg.Corpus.from_texts(["One."])
            >>> c.add(["Two.", "Three."], ids=["b", "c"])
            >>> len(c), c.ids
            (3, [0, 'b', 'c'])
        """
        # An Arrow string column is copied into the corpus from its buffers, no str made.
        column = arrow_texts(texts)
        batch = column if column is not None else as_text_list(texts)
        with self._lock.write():  # the default ids follow the documents already there
            if ids is None:
                ids = range(len(self._ids), len(self._ids) + len(batch))
            ids = list(ids)
            if len(ids) != len(batch):
                raise ValueError(f"{len(batch)} texts but {len(ids)} ids")
            self._add(batch, ids, sources=[])

    def _add(self, batch: Any, ids: list[Any], sources: list[str]) -> None:
        with self._lock.write():
            self._add_locked(batch, ids, sources)

    def _add_locked(self, batch: Any, ids: list[Any], sources: list[str]) -> None:
        base = len(self._texts)
        if not isinstance(batch, list):  # an Arrow column (arrow_texts): all UTF-8, no surrogates
            self._core.add(batch, sources=sources, threads=self._threads)
            for transform in self._transforms:  # a derived corpus (see derive), as below
                self._core = transform(self._core)
            # The Python-side texts come from the corpus's own copies (repaired
            # where errors="replace" did); a compact Corpus would not need them.
            self._texts.extend(self._core.text(i) for i in range(base, len(self._core)))
            self._ids.extend(ids)
            self._cache.clear()
            return
        try:
            self._core.add(batch, sources=sources, threads=self._threads)
        except UnicodeEncodeError:  # a str with lone surrogates; rare, so only handled here
            names = sources or [f"document {base + i}" for i in range(len(batch))]
            batch = fix_surrogates(batch, self._options.errors, names)
            self._core.add(batch, sources=sources, threads=self._threads)
        for transform in self._transforms:  # a derived corpus (see derive): its new documents too
            self._core = transform(self._core)
        for i, t in enumerate(batch):
            self._texts.append(t if isinstance(t, str) else self._core.text(base + i))
        self._ids.extend(ids)
        # Readers fill the cache only while holding the read lock, so nothing computed
        # from the state before this add can be stored after this line.
        self._cache.clear()

    # reading ----------------------------------------------------------------------
    @reads_corpus
    def __len__(self) -> int:
        return len(self._texts)

    @property
    @reads_corpus
    def ids(self) -> list[Any]:
        """Document ids, in order."""
        return list(self._ids)

    @property
    @reads_corpus
    def texts(self) -> list[str]:
        """Document texts as given (decoded; U+FFFD where ``errors="replace"`` repaired them),
        before any cleaning: the offsets of every unit point into them."""
        return list(self._texts)

    @property
    def options(self) -> dict[str, Any]:
        """The segmentation and normalisation options of this corpus."""
        return self._options.as_dict()

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
        key = "offsets:" + name
        if key not in self._cache:
            doc = self._table(name)["document"]
            self._cache[key] = np.searchsorted(doc, np.arange(len(self._texts) + 1), side="left")
        return self._cache[key]  # type: ignore[no-any-return]

    @reads_corpus
    def _rows(self, name: str, document: int | None = None) -> dict[str, np.ndarray]:
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
        cols = self._rows(name, document)
        doc = cols["document"]
        texts = self._texts
        out: dict[str, Any] = {}
        if document is None:
            out["document"] = (
                np.asarray(self._ids, dtype=object)[doc] if len(doc) else np.array([], object)
            )
        for level in levels:
            out[level] = cols[level]
        out["text"] = [
            texts[d][s:e]
            for d, s, e in zip(doc.tolist(), cols["start"].tolist(), cols["end"].tolist())
        ]
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
        """One row per paragraph: document, paragraph, text, start, end (code points),
        byte_start, byte_end."""
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


# The API of the other modules (see the module docstring). -------------------------------


def engine(corpus: CorpusBase) -> _core.text.Corpus:
    """The C++ corpus, for the ``_core`` functions that scan it."""
    return corpus._core


def threads(corpus: CorpusBase) -> int:
    """Worker threads for C++ calls on this corpus (0: all cores)."""
    return corpus._threads


def table(corpus: CorpusBase, name: str) -> dict[str, np.ndarray]:
    """Columns of one unit table (``"paragraph"``, ``"sentence"`` or ``"token"``), cached per
    state."""
    return corpus._table(name)


def offsets(corpus: CorpusBase, name: str) -> np.ndarray:
    """Where each document's rows begin in one unit table (len + 1 entries): the tables
    are in document order, so document d's rows are offsets[d]:offsets[d + 1]."""
    return corpus._offsets(name)


def rows(corpus: CorpusBase, name: str, document: int | None = None) -> dict[str, np.ndarray]:
    """Columns of one unit table, whole or sliced to one document (views, no scan)."""
    return corpus._rows(name, document)


def frame(
    corpus: CorpusBase, name: str, levels: Sequence[str], document: int | None = None
) -> pd.DataFrame:
    """Rows of one unit table as a DataFrame, for the whole corpus (with a ``document`` id
    column) or for one document index (without)."""
    return corpus._frame(name, levels, document)


def ids(corpus: CorpusBase) -> list[Any]:
    """The document ids: the corpus's own list (``corpus.ids`` copies it); do not modify."""
    return corpus._ids


def texts(corpus: CorpusBase) -> list[str]:
    """The document texts: the corpus's own list (``corpus.texts`` copies it); do not modify."""
    return corpus._texts


def unit_texts(corpus: CorpusBase, level: str, document: int) -> list[str]:
    """The texts of one document's units (``"document"``, ``"paragraph"`` or ``"sentence"``)
    as the corpus analyses them: cleaned when it cleans (``texts`` and the tables' offsets
    are the original's), so that scoring one document scores what scoring the corpus does."""
    return corpus._core.unit_texts(level, document)


def cache(corpus: CorpusBase) -> dict[Any, Any]:
    """The cache of values computed from the current state; ``add`` clears it. Fill it only
    while holding the read lock."""
    return corpus._cache


def options(corpus: CorpusBase) -> CorpusOptions:
    """The corpus's options as the dataclass (``corpus.options`` is a dict)."""
    return corpus._options


def add_sourced(
    corpus: CorpusBase, batch: list[str | bytes], ids: list[Any], sources: list[str]
) -> None:
    """Adds texts read from ``sources`` (file names, one per text), which decode errors name."""
    corpus._add(batch, ids, sources)


def build(
    texts: Iterable[str | bytes],
    ids: Sequence[Any] | None = None,
    *,
    threads: int | None = None,
    options: CorpusOptions = DEFAULTS,
) -> CorpusBase:
    """A corpus of texts (the state only: for functions that also take plain texts)."""
    corpus = CorpusBase(options, threads)
    corpus.add(texts, ids)
    return corpus


def derive(
    corpus: CorpusBase, transform: Callable[[_core.text.Corpus], _core.text.Corpus]
) -> CorpusBase:
    """A corpus of the same class, texts, ids, options and threads as ``corpus`` whose C++
    corpus is ``transform(engine(corpus))``. ``add`` on it adds the new texts and applies
    ``transform`` again to the whole C++ corpus, so ``transform`` must leave what it made
    unchanged (as joining multi-word expressions does). The caller holds the read lock."""
    new = object.__new__(type(corpus))
    CorpusBase.__init__(new, corpus._options, corpus._threads)
    new._core = transform(corpus._core)
    new._texts = list(corpus._texts)
    new._ids = list(corpus._ids)
    new._transforms = [*corpus._transforms, transform]
    return new


def transforms(corpus: CorpusBase) -> list[Callable[[_core.text.Corpus], _core.text.Corpus]]:
    """What :func:`derive` applied to make this corpus (empty for a corpus of texts)."""
    return corpus._transforms
