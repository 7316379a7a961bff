"""Readability formulas per document or paragraph.

Counting runs in C++ (``textgauge._core.stats.readability_counts``) over per-term properties
computed once per vocabulary type, also in C++ (``readability_term_properties``, on all the
corpus's threads):

- **words**: tokens of kind word or number; **sentences**: ICU sentences holding a word.
- **syllables**: Liang hyphenation with the ``en_US`` patterns of `pyphen` (its dictionary file
  is read at run time; the matching is textgauge's C++ ``Hyphenation``, with pyphen's
  reading of the file and its defaults left=2, right=2), counted as hyphenation points + 1
  on the term with punctuation removed as textstat removes it (apostrophes kept before t,
  s, d, ve, ll, re). This is exactly the counter textstat
  falls back to for words missing from CMUdict, and the one it uses for every word when
  CMUdict is not installed. Every word has at least one syllable.
- **letters**: characters of the term that are letters, digits or ``_`` (Python's ``\\w``).
- **Dale-Chall difficult words**: terms (in that same punctuation-free form) not on the list
  of easy words shipped in ``textgauge/data/dale_chall_easy_words.txt`` (textstat 0.7.13's
  list).

Formulas (W words, St sentences, Sy syllables, P words of >= 3 syllables, L letters, D difficult):

- flesch = 206.835 - 1.015 W/St - 84.6 Sy/W
- flesch_kincaid = 0.39 W/St + 11.8 Sy/W - 15.59
- gunning_fog = 0.4 (W/St + 100 P/W)
- smog = 1.043 sqrt(30 P/St) + 3.1291
- coleman_liau = 0.058 (100 L/W) - 0.296 (100 St/W) - 15.8
- ari = 4.71 L/W + 0.5 W/St - 21.43
- dale_chall = 0.1579 (100 D/W) + 0.0496 W/St, + 3.6365 when 100 D/W > 5
- linsear_write: r = ((W - P) + 3 P)/St; r/2 when r > 20, else (r - 2)/2
- lix = W/St + 100 (words of >= 7 letters)/W

Where textstat differs (all documented in the tests): its Gunning Fog does not count
Dale-Chall easy words as complex; its ARI counts punctuation as characters and splits
words on whitespace; its sentence counter is a regular expression that ignores
sentences of two words or fewer; its Linsear Write uses the first 100 words only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["READABILITY_MEASURES", "readability", "syllable_count"]

READABILITY_MEASURES: tuple[str, ...] = (
    "flesch",
    "flesch_kincaid",
    "gunning_fog",
    "smog",
    "coleman_liau",
    "ari",
    "dale_chall",
    "linsear_write",
    "lix",
)
_UNICODE = tuple(int(x) for x in unicodedata.unidata_version.split(".")[:2])


@lru_cache(maxsize=1)
def _hyphenation() -> _core.text.Hyphenation:
    """pyphen's ``en_US`` patterns, read as pyphen reads them (the encoding on line one)."""
    try:
        import pyphen
    except ImportError as e:  # pragma: no cover - pyphen is a dependency
        raise ImportError("readability needs the 'pyphen' package (pip install pyphen)") from e
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    with path.open("rb") as f:
        encoding = f.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    return _core.text.Hyphenation(path.read_text(encoding))


@lru_cache(maxsize=1)
def _easy_words() -> list[str]:
    text = (
        resources.files("textgauge").joinpath("data/dale_chall_easy_words.txt").read_text("utf-8")
    )
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def syllable_count(word: str) -> int:
    """Syllables of one word with textgauge's counter (pyphen ``en_US`` points + 1).

    Example:
        >>> syllable_count("beautiful"), syllable_count("cat")
        (3, 1)
    """
    counts = _core.stats.syllable_counts(
        [word], hyphenation=_hyphenation(), unicode_major=_UNICODE[0], unicode_minor=_UNICODE[1]
    )
    return int(counts[0])


def _term_properties(corpus: CorpusBase) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    vocab_size = len(corpus.vocabulary)
    key = "readability_props"
    cached = _corpus.cache(corpus).get(key)
    if cached is not None and len(cached[0]) == vocab_size:
        return cast(tuple[np.ndarray, np.ndarray, np.ndarray], cached)
    props = _core.stats.readability_term_properties(
        _corpus.engine(corpus),
        hyphenation=_hyphenation(),
        easy_words=_easy_words(),
        unicode_major=_UNICODE[0],
        unicode_minor=_UNICODE[1],
        threads=_corpus.threads(corpus),
    )
    _corpus.cache(corpus)[key] = props
    return props


def _scores(c: dict[str, Any], name: str) -> Any:
    W = c["words"].astype(float)
    St = c["sentences"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        wps = W / St
        spw = c["syllables"] / W
        P = c["polysyllables"].astype(float)
        if name == "flesch":
            return 206.835 - 1.015 * wps - 84.6 * spw
        if name == "flesch_kincaid":
            return (0.39 * wps) + (11.8 * spw) - 15.59
        if name == "gunning_fog":
            return 0.4 * (wps + 100 * P / W)
        if name == "smog":
            return (1.043 * (30 * (P / St)) ** 0.5) + 3.1291
        if name == "coleman_liau":
            return (0.058 * (c["letters"] / W * 100)) - (0.296 * (St / W * 100)) - 15.8
        if name == "ari":
            return (4.71 * (c["letters"] / W)) + (0.5 * wps) - 21.43
        if name == "dale_chall":
            pdw = 100 * c["difficult"] / W
            return (0.1579 * pdw) + (0.0496 * wps) + np.where(pdw > 5, 3.6365, 0.0)
        if name == "linsear_write":
            r = ((W - P) * 1 + P * 3) / St
            return np.where(r <= 20, r - 2, r) / 2
        if name == "lix":
            return wps + 100 * c["long_words"] / W
    raise ValueError(name)


@reads_corpus
def readability(
    corpus: CorpusBase,
    *,
    measures: str | Sequence[str] = "all",
    level: Literal["document", "paragraph"] = "document",
    kinds: Sequence[str] = ("word", "number"),
) -> pd.DataFrame:
    """Readability scores of each document or paragraph (formulas in the module docstring).

    Returns:
        DataFrame: document, [paragraph,] words, sentences, syllables, letters,
        polysyllables, difficult, then one column per measure (NaN for a unit without words).

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["The cat sat on the mat. The dog ate a big bone."])
        >>> df = c.readability(measures=["flesch"])
        >>> int(df["words"][0]), int(df["sentences"][0]), round(float(df["flesch"][0]), 3)
        (12, 2, 116.145)
    """
    if isinstance(measures, str):
        measures = list(READABILITY_MEASURES) if measures == "all" else [measures]
    measures = list(measures)
    for m in measures:
        if m not in READABILITY_MEASURES:
            raise OptionError(f"unknown measure {m!r}; choose from {READABILITY_MEASURES} or 'all'")
    if level not in ("document", "paragraph"):
        raise OptionError(f"level must be 'document' or 'paragraph', got {level!r}")
    syl, letters, easy = _term_properties(corpus)
    c = _core.stats.readability_counts(
        _corpus.engine(corpus),
        level=level,
        kinds=list(kinds),
        syllables=syl,
        letters=letters,
        easy=easy,
    )
    out: dict[str, Any] = {"document": [_corpus.ids(corpus)[i] for i in c["document"].tolist()]}
    if level == "paragraph":
        out["paragraph"] = c["paragraph"]
    for k in ("words", "sentences", "syllables", "letters", "polysyllables", "difficult"):
        out[k] = c[k]
    for m in measures:
        out[m] = _scores(c, m)
    return pd.DataFrame(out)
