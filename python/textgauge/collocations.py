"""Collocations: n-gram association scores as NLTK and quanteda compute them.

Counting and scoring run in C++ (``textgauge._core.stats.collocations``) over the
corpus's interned terms; this module validates options and builds the DataFrame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["NLTK_MEASURES", "QUANTEDA_MEASURES", "collocations"]

NLTK_MEASURES: tuple[str, ...] = (
    "raw_freq",
    "pmi",
    "likelihood_ratio",
    "chi_sq",
    "student_t",
    "dice",
    "jaccard",
    "poisson_stirling",
    "mi_like",
    "fisher",
    "phi_sq",
)
QUANTEDA_MEASURES: tuple[str, ...] = ("lambda", "z")
_BIGRAM_ONLY = ("dice", "fisher", "phi_sq")


def string_column(data: bytes, offsets: np.ndarray) -> Any:
    """A string column from one UTF-8 buffer and row offsets: Arrow-backed when pyarrow
    is there (no Python object per row), a list of str otherwise."""
    try:
        import pyarrow as pa
    except ImportError:
        text = data.decode("utf-8")
        if len(text) == len(data):  # ASCII: byte offsets are character offsets
            bounds = offsets.tolist()
            return [text[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        bounds = offsets.tolist()
        return [data[a:b].decode("utf-8") for a, b in zip(bounds[:-1], bounds[1:])]
    arr = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data)
    )
    return pd.array(arr, dtype=pd.StringDtype("pyarrow"))


def measure_names(size: int, measure: str | Sequence[str]) -> list[str]:
    if isinstance(measure, str):
        if measure == "all":
            if size == 5:
                return list(QUANTEDA_MEASURES)
            names = [m for m in NLTK_MEASURES if size == 2 or m not in _BIGRAM_ONLY]
            return names + list(QUANTEDA_MEASURES)
        measure = [measure]
    out = list(measure)
    for m in out:
        if m not in NLTK_MEASURES + QUANTEDA_MEASURES:
            raise OptionError(
                f"unknown measure {m!r}; choose from {NLTK_MEASURES + QUANTEDA_MEASURES} or 'all'"
            )
    if len(set(out)) != len(out):
        raise ValueError(f"measure lists a name twice: {out}")
    return out


@reads_corpus
def collocations(
    corpus: CorpusBase,
    *,
    size: int = 2,
    measure: str | Sequence[str] = "likelihood_ratio",
    min_count: int = 2,
    window: int | None = None,
    across_sentences: bool = True,
    kinds: Sequence[str] = ("word", "number"),
    punctuation: str = "drop",
    smoothing: float = 0.5,
) -> pd.DataFrame:
    """Scores the n-grams of a corpus; one row per n-gram seen ``min_count`` times or more.

    Args:
        size: n-gram length, 2..5 (NLTK's measures exist for 2..4; 5 has lambda and z only).
        measure: a name or a list of names: NLTK's ``raw_freq``, ``pmi``, ``likelihood_ratio``,
            ``chi_sq``, ``student_t``, ``jaccard``, ``poisson_stirling``, ``mi_like``, and for
            bigrams ``dice``, ``fisher``, ``phi_sq``; quanteda's ``lambda`` and ``z``; or ``"all"``.
            Rows are sorted by the first measure (descending), ties by the n-gram.
        min_count: drop n-grams seen fewer times (NLTK's ``apply_freq_filter``).
        window: bigrams only: count pairs up to ``window - 1`` tokens apart and scale the
            count by ``1/(window-1)`` as NLTK's ``BigramCollocationFinder(window_size=...)``.
        across_sentences: when False no n-gram spans a sentence boundary. N-grams never
            span documents (NLTK's ``from_documents``).
        kinds: token kinds that take part (default words and numbers).
        punctuation: what tokens of other kinds do: ``"drop"`` (default; like feeding NLTK a
            word list without them) or ``"break"`` (no n-gram spans them).
        smoothing: added to every cell of quanteda's 2^n table (lambda, z).

    Returns:
        DataFrame with ``collocation`` (terms joined by a space), ``count`` and one column
        per measure. ``attrs["n_tokens"]`` is NLTK's N, the number of counted tokens.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["New York is big. New York is old."])
        >>> c.collocations(measure="pmi")[["collocation", "count", "pmi"]].values.tolist()
        [['new york', 2, 2.0], ['york is', 2, 2.0]]
    """
    if not isinstance(size, int) or not 2 <= size <= 5:
        raise ValueError(f"size must be an integer 2..5, got {size!r}")
    if window is None:
        window = size
    if not isinstance(window, int) or window < size:
        raise ValueError(f"window must be an integer >= size ({size}), got {window!r}")
    if size > 2 and window != size:
        raise ValueError("window wider than the n-gram is supported for bigrams only (as in NLTK)")
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if punctuation not in ("drop", "break"):
        raise OptionError(f"punctuation must be 'drop' or 'break', got {punctuation!r}")
    kinds = _corpus.check_kinds(kinds)
    names = measure_names(size, measure)
    if size == 5 and any(m in NLTK_MEASURES for m in names):
        raise ValueError("NLTK has no 5-gram measures; use 'lambda' or 'z' for size 5")
    if size > 2 and any(m in _BIGRAM_ONLY for m in names):
        raise ValueError(f"{[m for m in names if m in _BIGRAM_ONLY]} are bigram measures in NLTK")
    if window != size and any(m in QUANTEDA_MEASURES for m in names):
        raise ValueError("lambda and z count contiguous n-grams: leave window at its default")
    d = _core.stats.collocations(
        _corpus.engine(corpus),
        size=size,
        window=window,
        min_count=min_count,
        measures=names,
        kinds=kinds,
        across_sentences=across_sentences,
        break_at_excluded=punctuation == "break",
        smoothing=float(smoothing),
        threads=_corpus.threads(corpus),
    )
    n_tokens = d.pop("n_tokens")
    d = {"collocation": string_column(d.pop("collocation_data"), d.pop("collocation_offsets")), **d}
    df = pd.DataFrame(d)
    df.attrs["n_tokens"] = int(n_tokens)
    return df
