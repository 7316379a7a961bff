"""TextBlob sentiment: exactly textblob 0.20.1's scores, computed in C++.

``TextBlob(text).sentiment`` and ``TextBlob(text).sentiment_assessments`` return what
``textblob.TextBlob(text)`` returns for every text (the default ``PatternAnalyzer``:
pattern's lexicon of adjectives, its tokenizer, intensifiers, negation, ``!`` and
emoticons), to the last bit. :func:`score` scores many texts at once on all cores.
docs/sentiment.md lists the rules, quirks included.

The lexicon (``en-sentiment.xml``) is read at run time from the installed ``textblob``
distribution (``pip install textgauge[textblob]``); textgauge ships no copy of it and
does not import textblob (nor NLTK) to read it.

Example:
    >>> TextBlob("Textgauge is not bad at all!").sentiment
    Sentiment(polarity=0.4374999999999999, subjectivity=0.6666666666666666)
"""

from __future__ import annotations

import importlib.util
import threading
import unicodedata
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from . import _core, _methods
from ._unicode import text_batch, threads_arg
from .errors import Error

__all__ = [
    "PatternAnalyzer",
    "Sentiment",
    "SentimentAssessments",
    "TextBlob",
    "score",
    "textblob_lexicon_path",
]

_UNICODE = tuple(int(x) for x in unicodedata.unidata_version.split(".")[:2])
_COLUMNS = pd.Index(["polarity", "subjectivity"])


class Sentiment(NamedTuple):
    """``TextBlob(text).sentiment``: polarity in [-1, 1], subjectivity in [0, 1]."""

    polarity: float
    subjectivity: float


class SentimentAssessments(NamedTuple):
    """``TextBlob(text).sentiment_assessments``: the scores and the assessments they
    average. Its repr says ``Sentiment(...)``, as textblob's does.

    Each assessment is ``(words, polarity, subjectivity, label)``: the words (a known word
    with its modifier, negation and "!"s, an emoticon or "(!)"), and the label None,
    "profanity", "mood" or "irony", as textblob gives it."""

    polarity: float
    subjectivity: float
    assessments: list[tuple[list[str], float, float, str | None]]


SentimentAssessments.__name__ = "Sentiment"


def textblob_lexicon_path() -> Path:
    """Path of ``en-sentiment.xml`` in the installed textblob.

    Example:
        >>> textblob_lexicon_path().name
        'en-sentiment.xml'
    """
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "textgauge's TextBlob sentiment reads its lexicon from the textblob package: "
            "pip install textgauge[textblob] (textblob==0.20.1)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"


def _lexicon_entries(
    path: Path,
) -> list[tuple[str, str | None, float, float, float, str | None]]:
    """The <word> elements of a pattern sentiment lexicon in document order, with the
    attributes and defaults pattern's Sentiment.load reads."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as e:
        raise Error(f"cannot read the TextBlob lexicon {path}: {e}") from None
    out = []
    for k, w in enumerate(root.findall("word")):
        form = w.attrib.get("form")
        if not form:
            continue  # pattern skips a word without a form
        try:
            psi = (
                float(w.attrib.get("polarity", 0.0)),
                float(w.attrib.get("subjectivity", 0.0)),
                float(w.attrib.get("intensity", 1.0)),
            )
        except ValueError as e:
            raise Error(f"{path}: <word> {k + 1} ({form!r}): {e}") from None
        out.append((form, w.attrib.get("pos"), *psi, w.attrib.get("label") or None))
    return out


@lru_cache(maxsize=1)
def averaged_lexicon() -> tuple[dict[str, float], dict[str, float]]:
    """TextBlob's polarity and subjectivity per lowered word form, each averaged over the
    senses of a part of speech, then over its parts of speech, as pattern averages them
    for a word looked up without a tag (textgauge's scorer reads these, and
    ``explain(method="textblob")`` shows them)."""
    words: dict[str, dict[str | None, list[tuple[float, float]]]] = {}
    for form, pos, polarity, subjectivity, _, _ in _lexicon_entries(textblob_lexicon_path()):
        words.setdefault(form, {}).setdefault(pos, []).append((polarity, subjectivity))
    pol: dict[str, float] = {}
    subj: dict[str, float] = {}
    for form, by_pos in words.items():
        avgs = [
            (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for v in by_pos.values()
        ]
        pol[form.lower()] = sum(a[0] for a in avgs) / len(avgs)
        subj[form.lower()] = sum(a[1] for a in avgs) / len(avgs)
    return pol, subj


_ENGINE: _core.sentiment.TextBlobAnalyzer | None = None
_ENGINE_LOCK = threading.Lock()


def _engine() -> _core.sentiment.TextBlobAnalyzer:
    """The engine over textblob's lexicon, read on first use and shared (it is immutable)."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                entries = _lexicon_entries(textblob_lexicon_path())
                _ENGINE = _core.sentiment.TextBlobAnalyzer(
                    entries, unicode_major=_UNICODE[0], unicode_minor=_UNICODE[1]
                )
    return _ENGINE


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        # textblob raises TypeError too (bytes fail in its synset test).
        raise TypeError(f"text must be str, got {type(text).__name__}")
    return text


class PatternAnalyzer:
    """textblob's default sentiment analyzer (``textblob.sentiments.PatternAnalyzer``).

    Example:
        >>> PatternAnalyzer().analyze("a very good movie")
        Sentiment(polarity=0.9099999999999999, subjectivity=0.7800000000000001)
        >>> PatternAnalyzer().analyze("not bad", keep_assessments=True).assessments
        [(['not', 'bad'], 0.3499999999999999, 0.6666666666666666, None)]
    """

    kind = "co"  # textblob.base.CONTINUOUS
    RETURN_TYPE = Sentiment

    @overload
    def analyze(self, text: str, keep_assessments: Literal[False] = ...) -> Sentiment: ...
    @overload
    def analyze(self, text: str, keep_assessments: Literal[True]) -> SentimentAssessments: ...
    @overload
    def analyze(
        self, text: str, keep_assessments: bool = ...
    ) -> Sentiment | SentimentAssessments: ...

    def analyze(self, text: str, keep_assessments: bool = False) -> Any:
        """``Sentiment(polarity, subjectivity)``, or with ``keep_assessments=True``
        ``Sentiment(polarity, subjectivity, assessments)``."""
        t = _check_text(text)
        if keep_assessments:
            p, s, a = _engine().assessments(t)
            return SentimentAssessments(p, s, a)
        return Sentiment(*_engine().sentiment(t))

    def __repr__(self) -> str:
        return "PatternAnalyzer()"


_ANALYZER = PatternAnalyzer()


class TextBlob:
    """The sentiment of ``textblob.TextBlob``, and only that.

    ``.sentiment``, ``.sentiment_assessments``, ``.polarity`` and ``.subjectivity``
    are textblob's, bit for bit; the rest of textblob's TextBlob (tags, noun
    phrases, translation, ...) is not here. ``raw`` and ``string`` hold the text.

    Example:
        >>> blob = TextBlob("I love this library :)")
        >>> blob.sentiment
        Sentiment(polarity=0.5, subjectivity=0.8)
        >>> blob.sentiment_assessments.assessments
        [(['love'], 0.5, 0.6, None), ([':)'], 0.5, 1.0, 'mood')]
    """

    def __init__(self, text: str | bytes) -> None:
        if not isinstance(text, (str, bytes)):
            raise TypeError(
                f"The `text` argument passed to `__init__(text)` must be a string, not {type(text)}"
            )
        self.raw = self.string = text

    @cached_property
    def sentiment(self) -> Sentiment:
        """(polarity, subjectivity)."""
        return _ANALYZER.analyze(_check_text(self.raw))

    @cached_property
    def sentiment_assessments(self) -> SentimentAssessments:
        """(polarity, subjectivity, assessments)."""
        return _ANALYZER.analyze(_check_text(self.raw), keep_assessments=True)

    @cached_property
    def polarity(self) -> float:
        """The polarity, in [-1, 1]."""
        return self.sentiment.polarity

    @cached_property
    def subjectivity(self) -> float:
        """The subjectivity, in [0, 1]."""
        return self.sentiment.subjectivity

    def __repr__(self) -> str:
        return f"TextBlob({self.raw!r})"

    def __str__(self) -> str:
        return str(self.raw)


def score(texts: Iterable[str], *, threads: int | None = None) -> pd.DataFrame:
    """TextBlob's polarity and subjectivity of many texts: a DataFrame with those two
    columns, in input order.

    ``texts`` is a list, pandas Series (its index is kept) or numpy array of str. The
    work runs in C++ without the GIL on ``threads`` threads (default: all cores);
    results do not depend on the thread count.

    Example:
        >>> score(["I love it", "not good"], threads=1)
           polarity  subjectivity
        0      0.50           0.6
        1     -0.35           0.6
    """
    batch, index = text_batch(texts, single="use TextBlob(text).sentiment for one text")
    # A text that is not a str raises TypeError naming its index (the binding's check).
    out = _engine().score(batch, threads=threads_arg(threads))
    # The (n, 2) array is fresh and ours: the frame takes it without a copy.
    return pd.DataFrame(out, columns=_COLUMNS, index=index, copy=False)


def _method_frame(texts: list[str], *, threads: int) -> pd.DataFrame:
    """The sentiment ``method="textblob"``: polarity (the headline), subjectivity."""
    return score(texts, threads=threads if threads else None)


# pattern's negations (Sentiment.negations).
_NEGATIONS = frozenset({"no", "not", "n't", "never"})


def _role(word: str) -> str:
    """The rule a word other than the scored one applies in its assessment."""
    return "exclamation" if word == "!" else "negation" if word in _NEGATIONS else "intensifier"


def _method_explain(text: str) -> pd.DataFrame:
    """``explain(text, method="textblob")`` (see :func:`textgauge.explain`): one row per
    word of each assessment. The assessment's scored word (its last, ``!`` aside) carries
    its lexicon value (pattern's average over senses), the assessment's polarity as
    ``value`` and ``subjectivity``, the rules that made it and ``contribution`` =
    polarity / number of assessments (TextBlob's polarity is their mean); its modifier,
    negation and ``!`` rows name the rule they apply and contribute nothing."""
    polarity, subjectivity, assessments = _engine().assessments(_check_text(text))
    lexicon = averaged_lexicon()[0]
    n = len(assessments)
    tokens: list[str] = []
    lex: list[float] = []
    value: list[float] = []
    subj: list[float] = []
    rules: list[str] = []
    contribution: list[float] = []
    for words, p, s, label in assessments:
        head = max((k for k, w in enumerate(words) if w != "!"), default=len(words) - 1)
        roles = [_role(w) for w in words]
        applied = list(dict.fromkeys(r for k, r in enumerate(roles) if k != head))
        for k, w in enumerate(words):
            tokens.append(w)
            lex.append(lexicon.get(w, np.nan))
            if k == head:
                value.append(p)
                subj.append(s)
                rules.append(",".join(applied + ([label] if label else [])))
                contribution.append(p / n)
            else:
                value.append(0.0)
                subj.append(0.0)
                rules.append(roles[k])
                contribution.append(0.0)
    # pattern lowercases the words it looks up.
    starts, ends = _methods.locate(text, tokens, ignore_case=True)
    frame = pd.DataFrame(
        {
            "token": pd.Series(tokens, dtype=object),
            "start": pd.Series(starts, dtype=np.int64),
            "end": pd.Series(ends, dtype=np.int64),
            "textblob": np.asarray(lex, dtype=float),
            "value": np.asarray(value, dtype=float),
            "rules": pd.Series(rules, dtype=object),
            "contribution": np.asarray(contribution, dtype=float),
            "subjectivity": np.asarray(subj, dtype=float),
        }
    )
    frame.attrs.update(polarity=polarity, scale=1.0, subjectivity=subjectivity)
    return frame
