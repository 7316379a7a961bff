"""The sentiment methods behind every ``method=`` option, :func:`sentiment` and :func:`explain`.

Each method lives in its own module, which provides
``_method_frame(texts: list[str], *, threads: int) -> pandas.DataFrame``: one row per text
in input order, first column ``polarity`` (float64 in [-1, 1], the method's headline
number), then the method's own columns. ``threads`` is the number of C++ threads, 0 for
all cores. It also provides ``_method_explain(text: str) -> pandas.DataFrame``, the
frame :func:`explain` describes. Modules are imported on first use, so a method whose
reference package is missing costs nothing until it is asked for.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ._unicode import text_batch, threads_arg
from .errors import OptionError

__all__ = ["METHODS", "explain", "method_frame", "sentiment"]

# name -> "module:function"; VADER first (the default everywhere).
METHODS: dict[str, str] = {
    "vader": "textgauge.sentiment:_method_frame",
    "textblob": "textgauge.textblob:_method_frame",
    "afinn": "textgauge.afinn:_method_frame",
    "textgauge": "textgauge.scorer:_method_frame",
}
DEFAULT_METHOD = "vader"

_RESOLVED: dict[tuple[str, str], Callable[..., pd.DataFrame]] = {}


def check_method(method: Any) -> str:
    """``method`` if it names a method; OptionError listing the choices otherwise."""
    if not isinstance(method, str) or method not in METHODS:
        raise OptionError(f"method must be one of {sorted(METHODS)}, got {method!r}")
    return method


def _resolve(method: str, attr: str = "") -> Callable[..., pd.DataFrame]:
    """The method's frame function (or, with ``attr``, that function of its module)."""
    fn = _RESOLVED.get((method, attr))
    if fn is None:
        module_name, _, frame_attr = METHODS[method].partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise  # the method's own dependency is missing: its message says which
            raise OptionError(
                f"method {method!r} is not available in this textgauge ({module_name} is missing)"
            ) from None
        fn = getattr(module, attr or frame_attr)
        _RESOLVED[(method, attr)] = fn
    return fn


def method_frame(texts: list[str], *, method: str, threads: int) -> pd.DataFrame:
    """The scores of ``texts`` by ``method``: ``polarity`` then the method's own columns,
    one row per text (RangeIndex). ``threads``: 0 = all cores."""
    fn = _resolve(check_method(method))
    frame = fn(texts, threads=threads)
    if len(frame) != len(texts) or frame.columns[0] != "polarity":
        raise AssertionError(f"method {method!r} broke the method contract")  # pragma: no cover
    return frame


def sentiment(
    texts: Iterable[str], *, method: str = DEFAULT_METHOD, threads: int | None = None
) -> pd.DataFrame:
    """Sentiment of each text by one of textgauge's methods, as a DataFrame.

    One row per text in input order (a pandas Series keeps its index), first column
    ``polarity`` (in [-1, 1], comparable across methods in sign), then the method's own
    columns:

    - ``"vader"`` (default): ``neg``, ``neu``, ``pos``, ``compound`` (vaderSentiment 3.3.2,
      exact; ``polarity`` is ``compound``);
    - ``"afinn"``: ``score`` (afinn 0.1's sum, exact; ``polarity = tanh(score / 5)``);
    - ``"textblob"``: ``subjectivity`` (TextBlob's PatternAnalyzer; ``polarity`` is its own);
    - ``"textgauge"``: textgauge's own scorer and its component columns.

    Each method reads its lexicon from the installed reference package. The work runs in
    C++ on ``threads`` threads (default: all cores); results do not depend on it.

    Example:
        >>> import textgauge as tg
        >>> tg.sentiment(["I love it", "I hate it"])["polarity"].tolist()
        [0.6369, -0.5719]
        >>> tg.sentiment(["I love it", "I hate it"], method="afinn")["score"].tolist()
        [3.0, -3.0]
    """
    check_method(method)
    # A list, a Series (its index kept) or an Arrow column read in place; a text that
    # is not a str raises TypeError naming its index (the binding's check).
    batch, index = text_batch(texts, single="wrap it in a list")
    frame = method_frame(batch, method=method, threads=threads_arg(threads))
    if index is not None:
        frame.index = index
    return frame


class _CallableModule(types.ModuleType):
    """textgauge.sentiment's class: the module, callable as :func:`sentiment`."""

    def __call__(
        self, texts: Iterable[str], *, method: str = DEFAULT_METHOD, threads: int | None = None
    ) -> pd.DataFrame:
        return sentiment(texts, method=method, threads=threads)


def make_sentiment_callable() -> None:
    """Makes ``textgauge.sentiment`` (the module) callable as ``tg.sentiment(texts, ...)``."""
    module = sys.modules["textgauge.sentiment"]
    if not isinstance(module, _CallableModule):
        module.__class__ = _CallableModule


# --- explain --------------------------------------------------------------------------------

# The columns every method's explain frame starts and ends with; each method puts its
# lexicons' values (named after the lexicon) between ``end`` and ``value``, and may add its
# own columns after ``contribution``.
EXPLAIN_HEAD = ("token", "start", "end")
EXPLAIN_TAIL = ("value", "rules", "contribution")


def explain(text: str, *, method: str = DEFAULT_METHOD) -> pd.DataFrame:
    """How ``method`` scores ``text``: one row per token it scores, as a DataFrame.

    Columns, for every method:

    - ``token``: the token as the method sees it; ``start``/``end``: its character offsets
      in ``text`` (-1 where the method's token is not a substring of the text, e.g. an emoji
      replaced by its description);
    - one column per lexicon the method reads (``vader``, ``textblob``, ``afinn``): the
      token's value in that lexicon, NaN where the lexicon has none;
    - ``value``: the token's value after the method's rules, in the method's own units
      (VADER: valence; TextBlob: the assessment's polarity; AFINN: the entry's value;
      textgauge: the weighted sum of its lexicons' values, before the length damping and
      the squash);
    - ``rules``: the rules applied to it, comma-separated;
    - ``contribution``: its part of the final ``polarity`` (the column of
      :func:`sentiment`). The contributions of all rows sum to the polarity (to rounding).

    Rows: VADER and textgauge, every VADER token plus a ``(punctuation)`` row for the
    ``!``/``?`` emphasis; TextBlob, every word of each assessment (the scored word carries
    the assessment's value, its modifiers, negation and ``!`` the rule they apply); AFINN,
    every match of its word list (multi-word entries are one row).

    ``df.attrs`` holds ``method``, ``polarity``, ``scale`` (a typical largest ``|value|``,
    for colouring) and the method's own scores. Methods that are a sum (VADER's sum of
    valences, AFINN's score) also sum their ``value`` column to it.

    Example:
        >>> import textgauge as tg
        >>> ex = tg.explain("The plot was not good!", method="vader")
        >>> ex.loc[ex["token"] == "good", ["vader", "value", "rules"]].values.tolist()
        [[1.9, -1.406, 'negation']]
        >>> round(float(ex["contribution"].sum()), 4), ex.attrs["polarity"]
        (-0.4015, -0.4015)
        >>> tg.explain("It does not work, what a bad idea", method="afinn")[["token", "value"]]
                   token  value
        0  does not work   -3.0
        1            bad   -3.0
    """
    check_method(method)
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    frame = _resolve(method, "_method_explain")(text)
    frame.attrs["method"] = method
    return frame


_WORD_EDGE = re.compile(r"\w")


def locate(
    text: str, tokens: list[str], *, ignore_case: bool = False, spaces: bool = False
) -> tuple[list[int], list[int]]:
    """Character offsets (starts, ends) of ``tokens`` found in order in ``text``: each one
    searched from the end of the last one found, as a whole word where it begins or ends
    with a word character; -1 for a token not found. ``spaces``: a space in a token
    matches any whitespace run (AFINN's entries, matched on collapsed whitespace)."""
    flags = re.IGNORECASE if ignore_case else 0
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for tok in tokens:
        if not tok:
            starts.append(-1)
            ends.append(-1)
            continue
        pattern = r"\s+".join(map(re.escape, tok.split())) if spaces else re.escape(tok)
        # "n't" (TextBlob's split of "didn't") sits inside a word.
        if _WORD_EDGE.match(tok[0]) and not tok.lower().startswith("n'"):
            pattern = r"(?<!\w)" + pattern
        if _WORD_EDGE.match(tok[-1]):
            pattern += r"(?!\w)"
        m = re.compile(pattern, flags).search(text, pos)
        if m is None:
            starts.append(-1)
            ends.append(-1)
        else:
            starts.append(m.start())
            ends.append(m.end())
            pos = m.end()
    return starts, ends
