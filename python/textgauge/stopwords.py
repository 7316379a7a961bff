"""Stop word lists.

``english`` is the Glasgow IR group's list as shipped by scikit-learn, so that
``stop_words="english"`` gives scikit-learn's results exactly.

>>> from textgauge.stopwords import get_stop_words
>>> "the" in get_stop_words("english")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from .errors import OptionError

__all__ = ["get_stop_words"]


@cache
def _load(name: str) -> frozenset[str]:
    text = resources.files("textgauge").joinpath(f"data/stopwords_{name}.txt").read_text("utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def get_stop_words(stop_words: str | Iterable[str] | None) -> frozenset[str]:
    """``"english"`` -> the built-in list; an iterable -> those words; None -> empty.

    Example:
        >>> len(get_stop_words("english")), sorted(get_stop_words(["b", "a"]))
        (318, ['a', 'b'])
    """
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise OptionError(f"unknown stop word list {stop_words!r}; built in: 'english'")
        return _load("en")
    return frozenset(stop_words)
