"""_core.sentiment: Lexicon, the VADER engine and the TextBlob engine.

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import typing

import numpy
import numpy.typing

from textgauge._core.text import Corpus

__all__: list[str] = [
    "AfinnScorer",
    "GaugeScorer",
    "Lexicon",
    "SentimentAnalyzer",
    "TextBlobAnalyzer",
    "options",
    "rule_names",
    "textblob_emoticons",
]

class AfinnScorer:
    def __init__(
        self,
        words: list[tuple[str, int]],
        emoticons: list[tuple[str, int]],
        *,
        word_boundary: bool = True,
        unicode_major: typing.SupportsInt | typing.SupportsIndex = 14,
        unicode_minor: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...
    def emoticon_count(self) -> int: ...
    def find(
        self,
        texts: typing.Any,
        *,
        threads: typing.SupportsInt | typing.SupportsIndex = 0,
        clean_whitespace: bool = True,
    ) -> tuple[typing.Any, ...]: ...
    def score(
        self, texts: typing.Any, *, threads: typing.SupportsInt | typing.SupportsIndex = 0
    ) -> tuple[typing.Any, ...]: ...
    def word_count(self) -> int: ...

class Lexicon:
    def __init__(self) -> None: ...
    def emoji(self) -> list[tuple[str, str]]: ...
    def emoji_count(self) -> int: ...
    def emoji_description(self, emoji: str) -> typing.Any: ...
    def erase_emoji(self, emoji: str) -> bool: ...
    def erase_word(self, word: str) -> bool: ...
    def load_emoji(self, text: str, source: str) -> None: ...
    def load_words(self, text: str, source: str) -> None: ...
    def set_emoji(self, emoji: str, description: str) -> None: ...
    def set_word(self, word: str, valence: typing.SupportsFloat | typing.SupportsIndex) -> None: ...
    def word(self, word: str) -> typing.Any: ...
    def word_count(self) -> int: ...
    def words(self) -> list[tuple[str, float]]: ...

class GaugeScorer:
    def __init__(
        self,
        vader: Lexicon,
        tb_words: list[str],
        tb_polarity: list[float],
        tb_subjectivity: list[float],
        afinn_words: list[str],
        afinn_values: list[float],
        params: list[float],
        *,
        unicode_major: typing.SupportsInt | typing.SupportsIndex = 14,
        unicode_minor: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...
    def paragraphs(self, text: str) -> list[tuple[int, int]]: ...
    def rows(
        self, text: str
    ) -> tuple[numpy.typing.NDArray[numpy.float64], float, int, list[str]]: ...
    def score(
        self, texts: typing.Any, *, threads: typing.SupportsInt | typing.SupportsIndex = 0
    ) -> numpy.typing.NDArray[numpy.float64]: ...

class SentimentAnalyzer:
    def __init__(
        self,
        lexicon: Lexicon,
        *,
        mode: str = "vader",
        unicode_major: typing.SupportsInt | typing.SupportsIndex = 14,
        unicode_minor: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...
    def explain(self, text: str) -> dict[str, typing.Any]: ...
    def polarity_scores(self, text: str) -> tuple[float, float, float, float]: ...
    def score(
        self,
        texts: typing.Any,
        *,
        threads: typing.SupportsInt | typing.SupportsIndex = 0,
        round: bool = True,
    ) -> tuple[typing.Any, ...]: ...
    def score_corpus(
        self,
        corpus: Corpus,
        level: str,
        *,
        threads: typing.SupportsInt | typing.SupportsIndex = 0,
        round: bool = True,
    ) -> tuple[typing.Any, ...]: ...

class TextBlobAnalyzer:
    def __init__(
        self,
        entries: list[tuple[str, str | None, float, float, float, str | None]],
        *,
        unicode_major: typing.SupportsInt | typing.SupportsIndex = 14,
        unicode_minor: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...
    def assessments(
        self, text: str
    ) -> tuple[float, float, list[tuple[list[str], float, float, str | None]]]: ...
    def score(
        self, texts: typing.Any, *, threads: typing.SupportsInt | typing.SupportsIndex = 0
    ) -> typing.Any: ...
    def sentiment(self, text: str) -> tuple[float, float]: ...
    def tokens(self, text: str) -> list[str]: ...
    def word(self, word: str) -> tuple[float, float, float, bool, str | None] | None: ...
    def word_count(self) -> int: ...

def options() -> dict[str, list[str]]:
    """
    The names each option of this area takes, by option.
    """

def rule_names() -> list[tuple[int, str]]: ...
def textblob_emoticons() -> list[tuple[str, float]]: ...
