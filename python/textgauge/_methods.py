"""The sentiment methods behind every ``method=`` option, and :func:`sentiment`.

Each method lives in its own module, which provides
``_method_frame(texts: list[str], *, threads: int) -> pandas.DataFrame``: one row per text
in input order, first column ``polarity`` (float64 in [-1, 1], the method's headline
number), then the method's own columns. ``threads`` is the number of C++ threads, 0 for
all cores. Modules are imported on first use, so a method whose reference package is
missing costs nothing until it is asked for.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ._unicode import text_batch, threads_arg
from .errors import OptionError

__all__ = ["METHODS", "method_frame", "sentiment"]

# name -> "module:function"; VADER first (the default everywhere).
METHODS: dict[str, str] = {
    "vader": "textgauge.sentiment:_method_frame",
    "textblob": "textgauge.textblob:_method_frame",
    "afinn": "textgauge.afinn:_method_frame",
    "textgauge": "textgauge.scorer:_method_frame",
}
DEFAULT_METHOD = "vader"

_RESOLVED: dict[str, Callable[..., pd.DataFrame]] = {}


def check_method(method: Any) -> str:
    """``method`` if it names a method; OptionError listing the choices otherwise."""
    if not isinstance(method, str) or method not in METHODS:
        raise OptionError(f"method must be one of {sorted(METHODS)}, got {method!r}")
    return method


def _resolve(method: str) -> Callable[..., pd.DataFrame]:
    fn = _RESOLVED.get(method)
    if fn is None:
        module_name, _, attr = METHODS[method].partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise  # the method's own dependency is missing: its message says which
            raise OptionError(
                f"method {method!r} is not available in this textgauge ({module_name} is missing)"
            ) from None
        fn = getattr(module, attr)
        _RESOLVED[method] = fn
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
