"""VADER sentiment: exactly vaderSentiment 3.3.2's scores, computed in C++.

``SentimentIntensityAnalyzer().polarity_scores(text)`` returns the dict that
``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores``
returns, for every text. Beyond the reference: batch scoring with threads
(:meth:`SentimentIntensityAnalyzer.score`), per-token explanations
(:meth:`SentimentIntensityAnalyzer.explain`), scores per document, paragraph or
sentence of a :class:`~textgauge.Corpus` (:func:`corpus_sentiment`, also
``Corpus.sentiment`` / ``Document.sentiment``), scores aggregated from
sentences (``mode="sentences"``), a mode with the reference's bugs fixed
(``mode="fixed"``) and term-conditioned scores (``mentions=``).

The lexicon is read at run time from the installed ``vaderSentiment``
distribution; textgauge ships no copy of it.

The module is callable: ``textgauge.sentiment(texts, method="vader"|"afinn"|...,
threads=None)`` scores texts by any of textgauge's methods, one row per text with
``polarity`` first (see ``textgauge._methods.sentiment`` and docs/sentiment.md).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import math
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core, _corpus, _methods, _pickle
from ._corpus import CorpusBase
from ._locking import reads_corpus
from ._unicode import SURROGATE, text_batch, threads_arg
from .errors import DecodeError, OptionError

__all__ = ["Lexicon", "SentimentIntensityAnalyzer", "corpus_sentiment", "vader_lexicon_paths"]

Mode = Literal["vader", "fixed"]
LevelMode = Literal["vader", "fixed", "sentences"]
Level = Literal["document", "paragraph", "sentence"]

_RULES: list[tuple[int, str]] = sorted(_core.sentiment.rule_names())
_UNICODE = tuple(int(x) for x in unicodedata.unidata_version.split(".")[:2])
_COLUMNS = ["neg", "neu", "pos", "compound"]
# Built once: a frame given a list of names builds this Index every time,
# a measurable part of scoring a few thousand texts.
_COLUMN_INDEX = pd.Index(_COLUMNS)


def vader_lexicon_paths() -> tuple[Path, Path]:
    """Paths of ``vader_lexicon.txt`` and ``emoji_utf8_lexicon.txt`` in the installed
    vaderSentiment.

    Example:
        >>> words, emoji = vader_lexicon_paths()
        >>> words.name, emoji.name
        ('vader_lexicon.txt', 'emoji_utf8_lexicon.txt')
    """
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "textgauge's sentiment reads VADER's lexicon from the vaderSentiment package: "
            "pip install vaderSentiment==3.3.2"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "vader_lexicon.txt", folder / "emoji_utf8_lexicon.txt"


def _read(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    if not p.exists() and not p.is_absolute():
        # vaderSentiment resolves a bare file name in its own folder.
        candidate = vader_lexicon_paths()[0].parent / p
        if candidate.exists():
            p = candidate
    data = p.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise DecodeError(
            f"invalid UTF-8 in {os.fspath(path)} at byte offset {e.start} (line {line})",
            byte_offset=e.start,
            source=os.fspath(path),
        ) from None


@_pickle.picklable("Lexicon", 1)
class Lexicon:
    """Word valences and emoji descriptions in VADER's format.

    ``Lexicon()`` is empty; :meth:`vader` loads VADER's own files; :meth:`from_files`
    reads VADER-format files (``word<TAB>valence[<TAB>...]`` and
    ``emoji<TAB>description``; a key given twice keeps its last value, and a bad
    line raises :class:`textgauge.Error` naming the file and line). Entries can be
    added, replaced and removed like a dict; a lexicon pickles.

    Example:
        >>> lex = Lexicon.vader()
        >>> lex["lol"], lex["good"]
        (1.8, 1.9)
        >>> lex["textgauge"] = 2.5
        >>> lex.update({"meh": -0.5})
        >>> "meh" in lex, len(Lexicon({"a": 1.0}))
        (True, 1)
    """

    def __init__(
        self, words: Mapping[str, float] | None = None, emoji: Mapping[str, str] | None = None
    ) -> None:
        self._core = _core.sentiment.Lexicon()
        if words:
            self.update(words)
        if emoji:
            for k, v in emoji.items():
                self.set_emoji(k, v)

    @classmethod
    def vader(cls) -> Lexicon:
        """VADER's word and emoji lexicons, read from the installed vaderSentiment.

        Example:
            >>> lex = Lexicon.vader()
            >>> len(lex), lex["horrible"]
            (7506, -2.5)
        """
        words, emoji = vader_lexicon_paths()
        return cls.from_files(words, emoji)

    @classmethod
    def from_files(
        cls, words: str | os.PathLike[str] | None, emoji: str | os.PathLike[str] | None = None
    ) -> Lexicon:
        """A lexicon read from VADER-format files (either may be None).

        Example:
            >>> words, emoji = vader_lexicon_paths()
            >>> len(Lexicon.from_files(words)), len(Lexicon.from_files(None, emoji).emoji)
            (7506, 3570)
        """
        lex = cls()
        if words is not None:
            lex.load_words(words)
        if emoji is not None:
            lex.load_emoji(emoji)
        return lex

    def load_words(self, path: str | os.PathLike[str]) -> None:
        """Adds (or overrides with) the entries of a VADER-format word file.

        Example:
            >>> lex = Lexicon({"textgauge": 1.0})
            >>> lex.load_words(vader_lexicon_paths()[0])
            >>> len(lex), lex["textgauge"]
            (7507, 1.0)
        """
        self._core.load_words(_read(path), os.fspath(path))

    def load_emoji(self, path: str | os.PathLike[str]) -> None:
        """Adds (or overrides with) the entries of a VADER-format emoji file.

        Example:
            >>> lex = Lexicon()
            >>> lex.load_emoji(vader_lexicon_paths()[1])
            >>> lex.emoji["\U0001f600"]
            'grinning face'
        """
        self._core.load_emoji(_read(path), os.fspath(path))

    def update(self, words: Mapping[str, float] | Iterable[tuple[str, float]]) -> None:
        """Adds or replaces word valences.

        Example:
            >>> lex = Lexicon({"good": 1.9})
            >>> lex.update({"good": 2.0, "meh": -0.3})
            >>> lex.to_dict()
            {'good': 2.0, 'meh': -0.3}
        """
        items = words.items() if isinstance(words, Mapping) else words
        for k, v in items:
            self[k] = v

    def set_emoji(self, emoji: str, description: str) -> None:
        """Adds or replaces the description an emoji is replaced with before scoring.

        Example:
            >>> lex = Lexicon()
            >>> lex.set_emoji("\u2615", "hot coffee")
            >>> lex.emoji
            {'☕': 'hot coffee'}
        """
        _check_encodable(emoji, "emoji")
        _check_encodable(description, f"description of {emoji!r}")
        self._core.set_emoji(emoji, description)

    @property
    def emoji(self) -> dict[str, str]:
        """The emoji lexicon, as a new dict."""
        return dict(self._core.emoji())

    def to_dict(self) -> dict[str, float]:
        """The word lexicon, as a new dict (in insertion order).

        Example:
            >>> Lexicon({"b": 1.0, "a": -1.0}).to_dict()
            {'b': 1.0, 'a': -1.0}
        """
        return dict(self._core.words())

    def __getitem__(self, word: str) -> float:
        v = self._core.word(word)
        if v is None:
            raise KeyError(word)
        return float(v)

    def __setitem__(self, word: str, valence: float) -> None:
        if not isinstance(word, str):
            raise TypeError(f"lexicon keys are str, got {type(word).__name__}")
        v = float(valence)
        if not math.isfinite(v):
            raise ValueError(f"valence of {word!r} must be finite, got {valence!r}")
        _check_encodable(word, "lexicon word")
        self._core.set_word(word, v)

    def __delitem__(self, word: str) -> None:
        if not self._core.erase_word(word):
            raise KeyError(word)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._core.word(word) is not None

    def __len__(self) -> int:
        return int(self._core.word_count())

    def __iter__(self) -> Iterator[str]:
        return iter([k for k, _ in self._core.words()])

    def copy(self) -> Lexicon:
        """An independent copy.

        Example:
            >>> lex = Lexicon({"a": 1.0})
            >>> other = lex.copy()
            >>> other["a"] = 2.0
            >>> lex["a"], other["a"]
            (1.0, 2.0)
        """
        return Lexicon(self.to_dict(), self.emoji)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Lexicon)
            and self.to_dict() == other.to_dict()
            and self.emoji == other.emoji
        )

    __hash__ = None  # type: ignore[assignment]

    def _pickle_state(self) -> tuple[dict[str, float], dict[str, str]]:
        return (self.to_dict(), self.emoji)  # version 1: (words, emoji); version 0 called Lexicon

    @classmethod
    def _from_pickle_state(
        cls, version: int, state: tuple[dict[str, float], dict[str, str]]
    ) -> Lexicon:
        return cls(*state)

    def __repr__(self) -> str:
        return f"<textgauge.Lexicon: {len(self)} words, {self._core.emoji_count()} emoji>"


_VADER_LEXICON: Lexicon | None = None


def _check_encodable(text: str, what: str) -> None:
    """Lexicon entries are stored as UTF-8: a lone surrogate (from surrogateescape)
    raises DecodeError naming the entry, rather than a binding TypeError."""
    m = SURROGATE.search(text) if isinstance(text, str) else None
    if m is not None:
        offset = len(text[: m.start()].encode("utf-8", "surrogatepass"))
        raise DecodeError(
            f"lone surrogate U+{ord(m.group()):04X} in {what} {text!r} at byte offset {offset}",
            byte_offset=offset,
            source=what,
        )


def _default_lexicon() -> Lexicon:
    global _VADER_LEXICON
    if _VADER_LEXICON is None:
        _VADER_LEXICON = Lexicon.vader()
    return _VADER_LEXICON


@_pickle.picklable("SentimentIntensityAnalyzer", 1)
class SentimentIntensityAnalyzer:
    """vaderSentiment's analyzer, exact and fast.

    Args:
        lexicon: ``None`` (VADER's lexicon), a :class:`Lexicon`, a dict of word
            valences, or a VADER-format file (a bare name is looked up in
            vaderSentiment's folder, as vaderSentiment does).
        emoji_lexicon: ``None`` (the emoji of ``lexicon`` when it is a
            :class:`Lexicon`, else VADER's), a dict or a file.
        mode: ``"vader"`` (default) reproduces vaderSentiment 3.3.2 with every
            quirk; ``"fixed"`` repairs its bugs (see docs/sentiment.md).

    Example:
        >>> sia = SentimentIntensityAnalyzer()
        >>> sia.polarity_scores("VADER is smart, handsome, and funny!")
        {'neg': 0.0, 'neu': 0.248, 'pos': 0.752, 'compound': 0.8439}
        >>> sia.score(["good", "bad"])["compound"].tolist()
        [0.4404, -0.5423]
    """

    def __init__(
        self,
        lexicon: Lexicon | Mapping[str, float] | str | os.PathLike[str] | None = None,
        emoji_lexicon: Mapping[str, str] | str | os.PathLike[str] | None = None,
        *,
        mode: Mode = "vader",
    ) -> None:
        if mode not in ("vader", "fixed"):
            raise OptionError(f"mode must be 'vader' or 'fixed', got {mode!r}")
        if lexicon is None:
            lex = _default_lexicon()
        elif isinstance(lexicon, Lexicon):
            lex = lexicon
        elif isinstance(lexicon, Mapping):
            lex = Lexicon(lexicon, _default_lexicon().emoji if emoji_lexicon is None else None)
        elif isinstance(lexicon, (str, os.PathLike)):
            lex = Lexicon.from_files(lexicon)
            if emoji_lexicon is None:
                lex = Lexicon(lex.to_dict(), _default_lexicon().emoji)
        else:
            raise TypeError(
                f"lexicon must be a Lexicon, a dict or a path, got {type(lexicon).__name__}"
            )
        if emoji_lexicon is not None:
            lex = Lexicon(
                lex.to_dict(),
                dict(emoji_lexicon)
                if isinstance(emoji_lexicon, Mapping)
                else Lexicon.from_files(None, emoji_lexicon).emoji,
            )
        self._lexicon = lex
        self._mode: Mode = mode
        self._core = _core.sentiment.SentimentAnalyzer(
            lex._core, mode=mode, unicode_major=_UNICODE[0], unicode_minor=_UNICODE[1]
        )

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon this analyzer was built from (changing it later does not change the
        analyzer)."""
        return self._lexicon

    @property
    def mode(self) -> Mode:
        return self._mode

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores of one text: ``{"neg", "neu", "pos", "compound"}``, rounded as VADER
        rounds.

        Example:
            >>> SentimentIntensityAnalyzer().polarity_scores("love but jw")["compound"]
            0.5267
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        neg, neu, pos, compound = self._core.polarity_scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def score(self, texts: Iterable[str], *, threads: int | None = None) -> pd.DataFrame:
        """Scores of many texts: a DataFrame with columns neg, neu, pos, compound, in input order.

        ``texts`` is a list, pandas Series (its index is kept) or numpy array of
        str, or an Arrow string column (pyarrow array or chunked array, polars Series,
        pandas Series of Arrow strings), read in place without making a ``str`` per
        text (see docs/arrow.md; a null row raises TypeError). The work runs in C++
        without the GIL on ``threads`` threads (default: all cores); results do not
        depend on the thread count.

        Example:
            >>> df = SentimentIntensityAnalyzer().score(["I love it", "I hate it"], threads=1)
            >>> df["compound"].tolist(), df["neg"].tolist()
            ([0.6369, -0.5719], [0.0, 0.649])
        """
        batch, index = text_batch(texts, single="use polarity_scores() for one text")
        scores, _ = self._core.score(batch, threads=threads_arg(threads))
        # The (n, 4) array is fresh and ours: the frame takes it without a copy.
        return pd.DataFrame(scores, columns=_COLUMN_INDEX, index=index, copy=False)

    def explain(self, text: str) -> pd.DataFrame:
        """One row per VADER token: how its valence came about.

        Columns: ``token`` (as VADER sees it, after emoji substitution and
        punctuation stripping), ``lexicon_valence`` (NaN when the word is not in
        the lexicon), ``valence`` (after every rule) and ``rules`` (the rules that
        changed it: booster, negation, caps, idiom, but, least, punctuation,
        never_so_this). ``df.attrs`` holds ``scores`` (as polarity_scores),
        ``punctuation_amplifier`` and ``sum``.

        Example:
            >>> ex = SentimentIntensityAnalyzer().explain("The food is not very good")
            >>> ex["rules"].iloc[-1], round(float(ex["valence"].iloc[-1]), 5)
            ('booster,negation', -1.62282)
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        d = self._core.explain(text)
        lex = np.where(
            np.asarray(d["in_lexicon"], dtype=bool),
            np.asarray(d["lexicon_valence"], dtype=float),
            np.nan,
        )
        rules = [",".join(name for bit, name in _RULES if r & bit) for r in d["rules"]]
        tokens = d["token"]
        if SURROGATE.search(text):
            # Arrow-backed string columns cannot hold lone surrogates (UTF-8 only);
            # keep the tokens as Python str, exactly as vaderSentiment sees them.
            tokens = pd.Series(tokens, dtype=object)
        df = pd.DataFrame(
            {
                "token": tokens,
                "lexicon_valence": lex,
                "valence": np.asarray(d["valence"], dtype=float),
                "rules": rules,
            }
        )
        neg, neu, pos, compound = d["scores"]
        df.attrs.update(
            scores={"neg": neg, "neu": neu, "pos": pos, "compound": compound},
            punctuation_amplifier=d["punctuation_amplifier"],
            sum=d["sum"],
        )
        return df

    def _pickle_state(self) -> tuple[Lexicon, Mode]:
        return (self._lexicon, self._mode)  # version 1: (lexicon, mode)

    @classmethod
    def _from_pickle_state(
        cls, version: int, state: tuple[Lexicon, Mode]
    ) -> SentimentIntensityAnalyzer:
        lexicon, mode = state
        return cls(lexicon, mode=mode)

    def __repr__(self) -> str:
        return f"<textgauge.SentimentIntensityAnalyzer mode={self._mode!r} {self._lexicon!r}>"


def _rebuild_analyzer(lexicon: Lexicon, mode: Mode) -> SentimentIntensityAnalyzer:
    """Loads the analyzer pickles of textgauge 0.1.0 (format version 0)."""
    return SentimentIntensityAnalyzer(lexicon, mode=mode)


_METHOD_COLUMN_INDEX = pd.Index(["polarity", *_COLUMNS])


def _method_frame(texts: list[str], *, threads: int) -> pd.DataFrame:
    """``method="vader"``: ``polarity`` (= compound), neg, neu, pos, compound, one row per
    text, as vaderSentiment's polarity_scores. ``threads``: 0 = all cores."""
    scores, _ = shared_analyzer("vader")._core.score(texts, threads=threads)
    out = np.empty((len(texts), 5))
    out[:, 0] = scores[:, 3]
    out[:, 1:] = scores
    return pd.DataFrame(out, columns=_METHOD_COLUMN_INDEX, copy=False)


def explain_frame(text: str, analyzer: SentimentIntensityAnalyzer | None = None) -> pd.DataFrame:
    """``explain(text, method="vader")`` (see :func:`textgauge.explain`), by ``analyzer``
    (default: vaderSentiment's rules); the HTML views call it with their analyzer.

    VADER sums the valences, adds the punctuation emphasis with the sum's sign and squashes
    the total ``z`` into ``compound = z / sqrt(z*z + 15)``; each row's contribution is its
    share of ``z`` times ``compound / z``, so the rows sum to the unrounded compound."""
    sia = analyzer if analyzer is not None else shared_analyzer("vader")
    ex = sia.explain(text)
    tokens = [str(t) for t in ex["token"]]
    starts, ends = _methods.locate(text, tokens)
    valence = ex["valence"].to_numpy(dtype=float)
    z = float(ex.attrs["sum"])  # the valences' sum with the emphasis added
    # The emphasis adds to the sum's magnitude, and nothing when the sum is 0 (vaderSentiment).
    emphasis = z - float(valence.sum()) if float(ex.attrs["punctuation_amplifier"]) else 0.0
    compound = z / math.sqrt(z * z + 15.0)  # VADER's normalize(), alpha = 15
    share = compound / z if z != 0 else 0.0
    rows = pd.DataFrame(
        {
            # object: Arrow-backed strings cannot hold a lone surrogate (see explain)
            "token": pd.Series(tokens, dtype=object),
            "start": starts,
            "end": ends,
            "vader": ex["lexicon_valence"].to_numpy(dtype=float),
            "value": valence,
            "rules": ex["rules"].tolist(),
            "contribution": valence * share,
        }
    )
    punct = pd.DataFrame(
        {
            "token": pd.Series(["(punctuation)"], dtype=object),
            "start": [-1],
            "end": [-1],
            "vader": [np.nan],
            "value": [emphasis],
            "rules": ["emphasis" if emphasis else ""],
            "contribution": [emphasis * share],
        }
    )
    frame = pd.concat([rows, punct], ignore_index=True)
    scores = ex.attrs["scores"]
    frame.attrs.update(
        polarity=scores["compound"], scale=4.0, scores=scores, sum=z, emphasis=emphasis
    )
    return frame


_method_explain = explain_frame


def raw_scores(
    sia: SentimentIntensityAnalyzer, texts: Any, *, threads: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(neg, neu, pos, compound) rows and VADER token counts of texts, as the C++ engine
    returns them (no DataFrame): for callers that build their own frames (``textgauge.dask``)."""
    return sia._core.score(texts, threads=threads)


_ANALYZERS: dict[str, SentimentIntensityAnalyzer] = {}


def shared_analyzer(mode: str) -> SentimentIntensityAnalyzer:
    engine = "fixed" if mode == "fixed" else "vader"
    if engine not in _ANALYZERS:
        _ANALYZERS[engine] = SentimentIntensityAnalyzer(mode=engine)  # type: ignore[arg-type]
    return _ANALYZERS[engine]


@reads_corpus
def corpus_sentiment(
    corpus: CorpusBase,
    level: Level = "paragraph",
    *,
    mode: LevelMode = "vader",
    mentions: str | Iterable[str] | None = None,
    analyzer: SentimentIntensityAnalyzer | None = None,
    document: int | None = None,
    method: str = "vader",
) -> pd.DataFrame:
    """Sentiment of every document, paragraph or sentence of a corpus.

    Each unit is scored as VADER scores its text (``mode="vader"``), with the
    fixed rules (``mode="fixed"``), or, for paragraphs and documents, as the
    aggregate of its sentences' scores (``mode="sentences"``): the mean of the
    sentences' neg, neu, pos and compound, each sentence weighted by its number
    of VADER tokens. VADER's compound is a sum squashed into [-1, 1], so a long
    text saturates at +-1 whatever its balance (vaderSentiment#151); sentence
    scores do not, and weighting by tokens lets a long sentence count more
    than an interjection while a one-sentence paragraph keeps its own score.

    ``mentions`` keeps only the units holding one of the given terms, matched
    on normalised terms as the corpus normalises its tokens (case folded,
    quotes unified...); a possessive counts (``Kuleba’s`` mentions ``Kuleba``).

    ``method`` picks the scorer (see :func:`textgauge.sentiment`): ``"vader"``
    (default), ``"afinn"``, ``"textblob"`` or ``"textgauge"``. Every method scores
    the unit's text as its reference scores that text; ``mode="sentences"``
    aggregates sentence scores for every method (the weights: VADER tokens for
    VADER, ``str.split()`` words for the others); ``mode="fixed"`` and
    ``analyzer`` are VADER's.

    Returns a DataFrame with the unit's columns (document, paragraph,
    sentence, text, as in ``corpus.paragraphs``/``sentences``), ``polarity``
    (in [-1, 1]; VADER's compound) and the method's own columns: for VADER
    neg, neu, pos, compound and ``tokens`` (VADER tokens in the unit); for
    AFINN ``score``.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["Good news. Bad news!"])
        >>> c.sentiment("sentence")[["text", "compound"]].values.tolist()
        [['Good news.', 0.4404], ['Bad news!', -0.5848]]
        >>> c.sentiment("document", mode="sentences")["compound"].tolist()
        [-0.0722]
        >>> c.sentiment("sentence", method="afinn")["score"].tolist()
        [3.0, -3.0]
    """
    if level not in ("document", "paragraph", "sentence"):
        raise OptionError(f"level must be 'document', 'paragraph' or 'sentence', got {level!r}")
    if mode not in ("vader", "fixed", "sentences"):
        raise OptionError(f"mode must be 'vader', 'fixed' or 'sentences', got {mode!r}")
    _methods.check_method(method)
    if document is not None and not 0 <= document < len(corpus):
        raise IndexError(f"document index {document} out of range for {len(corpus)} documents")
    if method != "vader":
        if mode == "fixed":
            raise OptionError(
                f"mode='fixed' is VADER's; method={method!r} takes 'vader' or 'sentences'"
            )
        if analyzer is not None:
            raise OptionError(
                f"analyzer= is a VADER analyzer; it does not apply to method={method!r}"
            )
        return _method_sentiment(corpus, level, method, mode, mentions, document)
    sia = analyzer if analyzer is not None else shared_analyzer(mode)
    threads = _corpus.threads(corpus)
    # With `document`, only that document's rows are read and scored (Corpus._rows slices the
    # tables), so that scoring every document of a corpus one by one costs what scoring the
    # corpus once does. Scores are those of the units' texts either way (score_corpus scores
    # the same substrings).
    if mode == "sentences" and level != "sentence":
        raw, tokens = _unit_scores(sia, corpus, "sentence", document, threads, round=False)
        group, n_units = _sentence_groups(corpus, level, document)
        w = tokens.astype(float)
        wsum = np.bincount(group, weights=w, minlength=n_units)
        scores = np.zeros((n_units, 4))
        for j in range(4):
            tot = np.bincount(group, weights=w * raw[:, j], minlength=n_units)
            scores[:, j] = np.divide(tot, wsum, out=np.zeros(n_units), where=wsum > 0)
        scores = np.array(
            [[round(float(v), 3) for v in row[:3]] + [round(float(row[3]), 4)] for row in scores]
        ).reshape(n_units, 4)
        tokens = np.bincount(group, weights=w, minlength=n_units).astype(np.uint32)
    else:
        scores, tokens = _unit_scores(sia, corpus, level, document, threads, round=True)

    if level == "document":
        ids = corpus.ids if document is None else [_corpus.ids(corpus)[document]]
        frame = pd.DataFrame({"document": ids})
    else:
        # One document's frame has no document column.
        levels = ["paragraph"] if level == "paragraph" else ["paragraph", "sentence"]
        frame = _corpus.frame(corpus, level, levels, document)
    frame["polarity"] = scores[:, 3]
    for j, c in enumerate(_COLUMNS):
        frame[c] = scores[:, j]
    frame["tokens"] = tokens
    if mentions is not None:
        frame = frame[_mentions_mask(corpus, level, mentions, document)]
    return frame.reset_index(drop=True)


def _sentence_groups(
    corpus: CorpusBase, level: str, document: int | None
) -> tuple[np.ndarray, int]:
    """For each sentence (of the corpus, or of one document), the row of its paragraph
    (level "paragraph") or document (level "document") among that level's units; and
    the number of those units."""
    sent = _corpus.rows(corpus, "sentence", document)
    if level == "paragraph":
        par = _corpus.rows(corpus, "paragraph", document)
        key_units = par["document"].astype(np.int64) * (1 << 31) + par["paragraph"]
        key_sent = sent["document"].astype(np.int64) * (1 << 31) + sent["paragraph"]
        return np.searchsorted(key_units, key_sent), len(key_units)
    group = sent["document"].astype(np.int64) - (0 if document is None else document)
    return group, (len(corpus) if document is None else 1)


def _method_sentiment(
    corpus: CorpusBase,
    level: str,
    method: str,
    mode: str,
    mentions: str | Iterable[str] | None,
    document: int | None,
) -> pd.DataFrame:
    """corpus_sentiment for a method other than VADER: the method's frame of the units'
    texts, or (mode="sentences") the word-weighted mean of their sentences' frames."""
    threads = _corpus.threads(corpus)
    if level == "document":
        all_texts = _corpus.texts(corpus)
        texts = list(all_texts) if document is None else [all_texts[document]]
        ids = corpus.ids if document is None else [_corpus.ids(corpus)[document]]
        frame = pd.DataFrame({"document": ids})
    else:
        levels = ["paragraph"] if level == "paragraph" else ["paragraph", "sentence"]
        frame = _corpus.frame(corpus, level, levels, document)
        texts = [str(t) for t in frame["text"].tolist()]
    if mode == "sentences" and level != "sentence":
        sentences = _corpus.frame(corpus, "sentence", ["paragraph", "sentence"], document)
        sent_texts = [str(t) for t in sentences["text"].tolist()]
        raw = _methods.method_frame(sent_texts, method=method, threads=threads)
        group, n_units = _sentence_groups(corpus, level, document)
        w = np.asarray([len(t.split()) for t in sent_texts], dtype=float)
        wsum = np.bincount(group, weights=w, minlength=n_units)
        values = np.zeros((n_units, raw.shape[1]))
        for j, c in enumerate(raw.columns):
            tot = np.bincount(group, weights=w * raw[c].to_numpy(dtype=float), minlength=n_units)
            values[:, j] = np.divide(tot, wsum, out=np.zeros(n_units), where=wsum > 0)
        scores = pd.DataFrame(values, columns=raw.columns)
    else:
        scores = _methods.method_frame(texts, method=method, threads=threads)
    for c in scores.columns:
        frame[c] = scores[c].to_numpy()
    if mentions is not None:
        frame = frame[_mentions_mask(corpus, level, mentions, document)]
    return frame.reset_index(drop=True)


def _unit_scores(
    sia: SentimentIntensityAnalyzer,
    corpus: CorpusBase,
    level: str,
    document: int | None,
    threads: int,
    *,
    round: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """(scores, VADER tokens) of every unit of `level`, or of one document's units."""
    if document is None:
        return sia._core.score_corpus(_corpus.engine(corpus), level, threads=threads, round=round)
    # The units as analysed (cleaned when the corpus cleans), as score_corpus reads them.
    texts = _corpus.unit_texts(corpus, level, document)
    return sia._core.score(texts, threads=threads, round=round)


def _mentions_mask(
    corpus: CorpusBase, level: str, mentions: str | Iterable[str], document: int | None = None
) -> np.ndarray:
    """Which units (of the corpus, or of one document) hold one of the `mentions` terms."""
    terms = [mentions] if isinstance(mentions, str) else list(mentions)
    if not terms:
        raise ValueError("mentions is empty")
    # The terms normalised as the corpus normalises, each text one term (paragraphs as default).
    probe_options = dataclasses.replace(
        _corpus.options(corpus), paragraphs=_corpus.DEFAULTS.paragraphs
    )
    probe = _corpus.build(terms, options=probe_options)
    ptoks = probe.tokens
    wanted: set[str] = set()
    for i, t in enumerate(terms):
        got = ptoks.loc[ptoks["document"] == i, "term"].astype(str).tolist()
        if len(got) != 1:
            raise ValueError(
                f"mentions must be single tokens; {t!r} gives {len(got)} tokens: {got}"
            )
        wanted.add(got[0])
    vocab = corpus.vocabulary
    tok = _corpus.rows(corpus, "token", document)
    # Only the terms that occur in the tokens read are looked at (one document's, not the
    # whole vocabulary, when `document` is given).
    present = range(len(vocab)) if document is None else np.unique(tok["term"]).tolist()
    # A possessive mentions its owner: "Kuleba’s" (term "kuleba's") mentions "kuleba".
    ids = [
        i
        for i in present
        if vocab[i] in wanted or (vocab[i][-2:] in ("'s", "’s") and vocab[i][:-2] in wanted)
    ]
    hit = np.isin(tok["term"], np.asarray(ids, dtype=tok["term"].dtype))
    if level == "document":
        if document is not None:
            return np.array([hit.any()])
        mask = np.zeros(len(corpus), dtype=bool)
        mask[np.unique(tok["document"][hit])] = True
        return mask
    units = _corpus.rows(corpus, level, document)
    cols = ["document", "paragraph"] + (["sentence"] if level == "sentence" else [])
    unit_keys = pd.MultiIndex.from_arrays([units[c] for c in cols])
    hit_keys = pd.MultiIndex.from_arrays([tok[c][hit] for c in cols])
    return np.asarray(unit_keys.isin(hit_keys))
