"""AFINN sentiment: exactly afinn 0.1's scores, computed in C++.

``Afinn(language, emoticons=...)`` is a drop-in for ``afinn.Afinn``: ``score``,
``scores``, ``find_all`` and ``split`` return what the reference returns for
every text. The reference runs one regular expression made of the whole word
list (longest entries first, between ``\\b``) over the lowercased text with
whitespace runs collapsed; textgauge walks a byte trie of the same entries
(docs/sentiment.md lists the rules) and scores many texts at once without the
GIL (:meth:`Afinn.score_texts`).

The word lists are read at run time from the installed ``afinn`` distribution
(``pip install textgauge[afinn]``); textgauge ships no copy of them.

As a ``method=`` of :func:`textgauge.sentiment`, AFINN gives two columns:
``score``, the reference's sum of the matched entries' values (an integer
valued float, unbounded), and ``polarity = tanh(score / 5)``, that sum squashed
into (-1, 1): one entry of value +-5 (the strongest word) gives +-0.76, a sum of
+-10 gives +-0.96, and the sign and order of the scores are kept.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _methods
from ._unicode import text_batch, threads_arg
from .errors import DecodeError, Error, OptionError

__all__ = ["Afinn", "afinn_lexicon_paths"]

_UNICODE = tuple(int(x) for x in unicodedata.unidata_version.split(".")[:2])
_WORD = re.compile(r"\w+")
_METHOD_COLUMNS = pd.Index(["polarity", "score"])


def _package_folder() -> Path:
    spec = importlib.util.find_spec("afinn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "textgauge's AFINN reads its word lists from the afinn package: "
            "pip install textgauge[afinn] (afinn==0.1)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _file_names() -> dict[str, str]:
    """afinn's own map of language -> word list file (the installed version's)."""
    with warnings.catch_warnings():
        # afinn 0.1 has a non-raw '\w' literal: compiling it warns on Python >= 3.6.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        module = importlib.import_module("afinn.afinn")
    return dict(module.LANGUAGE_TO_FILENAME)


def afinn_lexicon_paths(language: str = "en", emoticons: bool = False) -> tuple[Path, ...]:
    """Paths of the word list of ``language`` (and of the emoticon list when
    ``emoticons``) in the installed afinn.

    Example:
        >>> [p.name for p in afinn_lexicon_paths("en", emoticons=True)]
        ['AFINN-en-165.txt', 'AFINN-emoticon-8.txt']
    """
    folder = _package_folder() / "data"
    names = _file_names()
    languages = sorted(k for k in names if k != "emoticons")
    if language not in languages:
        raise OptionError(f"language must be one of {languages}, got {language!r}")
    paths = [folder / names[language]]
    if emoticons:
        paths.append(folder / names["emoticons"])
    return tuple(paths)


def _read_word_file(path: Path) -> dict[str, int]:
    """``afinn.Afinn.read_word_file``: ``key<TAB>value`` lines, stripped; a key given
    twice keeps its last value and its first position."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DecodeError(
            f"invalid UTF-8 in {path} at byte offset {e.start}",
            byte_offset=e.start,
            source=os.fspath(path),
        ) from None
    out: dict[str, int] = {}
    # codecs' reader splits lines as str.splitlines does.
    for n, line in enumerate(text.splitlines()):
        parts = line.strip().split("\t")
        try:
            if len(parts) != 2:
                raise ValueError
            out[parts[0]] = int(parts[1])
        except ValueError:
            raise Error(f"bad AFINN line {n + 1} of {path}: {line!r}") from None
    return out


class Afinn:
    """afinn's ``Afinn``, exact and fast.

    Args:
        language: a language of the installed afinn (afinn 0.1: ``"en"``, ``"da"``).
        emoticons: also match afinn's emoticon list (``:-)``, ``<3`` ...).
        word_boundary: as afinn: ``False`` matches word entries inside words too
            (afinn ignores it when ``emoticons`` is true, and so does this class).

    Example:
        >>> a = Afinn()
        >>> a.score("This is utterly excellent!"), a.scores("Good and bad")
        (3.0, [3, -3])
        >>> Afinn(emoticons=True).find_all("It is wonderful :)")
        ['wonderful', ':)']
        >>> Afinn().score_texts(["I love it", "I hate it"], threads=1).tolist()
        [3.0, -3.0]
    """

    def __init__(
        self, language: str = "en", emoticons: bool = False, word_boundary: bool = True
    ) -> None:
        paths = afinn_lexicon_paths(language, emoticons)
        words = _read_word_file(paths[0])
        emo = _read_word_file(paths[1]) if emoticons else {}
        # The reference looks every match up in one dict, where emoticons override words.
        word_items: list[tuple[str, int]] = [(k, emo.get(k, v)) for k, v in words.items()]
        self._language = language
        self._emoticons = bool(emoticons)
        self._word_boundary = True if emoticons else bool(word_boundary)
        self._keys = [k for k, _ in word_items] + list(emo)
        self._values = np.asarray(
            [int(v) for _, v in word_items] + list(emo.values()), dtype=np.int64
        )
        self._core = _core.sentiment.AfinnScorer(
            word_items,
            [(k, v) for k, v in emo.items()],
            word_boundary=self._word_boundary,
            unicode_major=_UNICODE[0],
            unicode_minor=_UNICODE[1],
        )

    @property
    def language(self) -> str:
        return self._language

    @property
    def emoticons(self) -> bool:
        return self._emoticons

    def find_all(self, text: str, clean_whitespace: bool = True) -> list[str]:
        """The word list entries found in ``text``, in order (as afinn's ``find_all``).

        Example:
            >>> Afinn().find_all("It does not work, what a  BAD idea")
            ['does not work', 'bad']
        """
        _check_text(text)
        _, ids = self._core.find([text], threads=1, clean_whitespace=clean_whitespace)
        return [self._keys[i] for i in ids.tolist()]

    def scores(self, text: str) -> list[int]:
        """The value of each match in ``text`` (as afinn's ``scores``).

        Example:
            >>> Afinn().scores("some kind of idiot")
            [0, -3]
        """
        _check_text(text)
        _, ids = self._core.find([text], threads=1)
        return [int(v) for v in self._values[ids].tolist()]

    def score(self, text: str) -> float:
        """afinn's score of one text: the sum of its matches' values, as a float.

        Example:
            >>> Afinn(language="da").score("Det er bare vidunderlig!!!")
            4.0
        """
        _check_text(text)
        scores, _ = self._core.score([text], threads=1)
        return float(scores[0])

    def split(self, text: str) -> list[str]:
        """afinn's ``split``: the ``\\w+`` runs of ``text`` (not used for scoring).

        Example:
            >>> Afinn().split("Hello, world!")
            ['Hello', 'world']
        """
        return _WORD.findall(text)

    def score_texts(self, texts: Iterable[str], *, threads: int | None = None) -> pd.Series:
        """``score`` of many texts: a float Series named ``score`` in input order.

        ``texts`` is a list, pandas Series (its index is kept) or numpy array of
        str. The work runs in C++ without the GIL on ``threads`` threads (default:
        all cores); results do not depend on the thread count.

        Example:
            >>> Afinn().score_texts(["good", "bad", ""]).tolist()
            [3.0, -3.0, 0.0]
        """
        batch, index = text_batch(texts, single="use score() for one text")
        scores, _ = self._core.score(batch, threads=threads_arg(threads))
        return pd.Series(scores, index=index, name="score", copy=False)

    def scores_texts(self, texts: Iterable[str], *, threads: int | None = None) -> list[list[int]]:
        """``scores`` of many texts, computed in one batch.

        Example:
            >>> Afinn().scores_texts(["good and bad", "meh"])
            [[3, -3], []]
        """
        batch, _ = text_batch(texts, single="use scores() for one text")
        offsets, ids = self._core.find(batch, threads=threads_arg(threads))
        values = self._values[ids].tolist()
        bounds = offsets.tolist()
        return [values[b:e] for b, e in zip(bounds[:-1], bounds[1:])]

    def __repr__(self) -> str:
        return (
            f"<textgauge.Afinn language={self._language!r} emoticons={self._emoticons}: "
            f"{len(self._keys)} entries>"
        )


def _check_text(text: Any) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")


_SHARED: Afinn | None = None


def _shared() -> Afinn:
    """The ``method="afinn"`` scorer: afinn's English word list, no emoticons (``Afinn()``)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Afinn()
    return _SHARED


def _method_explain(text: str) -> pd.DataFrame:
    """``explain(text, method="afinn")`` (see :func:`textgauge.explain`): one row per match
    of the word list, ``value`` the entry's (they sum to afinn's score) and ``contribution``
    its share of ``polarity = tanh(score / 5)``."""
    a = _shared()
    _, ids = a._core.find([text], threads=1)
    entries = [a._keys[i] for i in ids.tolist()]
    values = a._values[ids].astype(float)
    # afinn matches the lowercased text with whitespace runs collapsed.
    starts, ends = _methods.locate(text, entries, ignore_case=True, spaces=True)
    score = float(values.sum())
    polarity = float(np.tanh(score / 5.0))  # as _method_frame computes it
    share = polarity / score if score else 0.0
    frame = pd.DataFrame(
        {
            "token": pd.Series(entries, dtype=object),
            "start": pd.Series(starts, dtype=np.int64),
            "end": pd.Series(ends, dtype=np.int64),
            "afinn": values,
            "value": values,
            "rules": ["phrase" if " " in e else "" for e in entries],
            "contribution": values * share,
        }
    )
    frame.attrs.update(polarity=polarity, scale=5.0, score=score)
    return frame


def _method_frame(texts: list[str], *, threads: int) -> pd.DataFrame:
    """``method="afinn"``: ``polarity`` (tanh(score / 5)) and ``score`` (afinn's sum, English
    word list, no emoticons: ``afinn.Afinn()``), one row per text. ``threads``: 0 = all cores."""
    scores, _ = _shared()._core.score(texts, threads=threads)
    out = np.empty((len(scores), 2))
    out[:, 0] = np.tanh(scores / 5.0)
    out[:, 1] = scores
    return pd.DataFrame(out, columns=_METHOD_COLUMNS, copy=False)
