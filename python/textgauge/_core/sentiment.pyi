"""_core.sentiment: Lexicon and the VADER engine.

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import typing

import numpy
import numpy.typing

from textgauge._core.text import Corpus

__all__: list[str] = ["GaugeScorer", "Lexicon", "SentimentAnalyzer", "options", "rule_names"]

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
        texts: list[typing.Any],
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

def options() -> dict[str, list[str]]:
    """
    The names each option of this area takes, by option.
    """

def rule_names() -> list[tuple[int, str]]: ...
