"""Lexical diversity per document, paragraph or sentence (quanteda's textstat_lexdiv, MTLD, HD-D).

All counting runs in C++ (``textgauge._core.stats.lexical_diversity``); formulas are listed in
``cpp/include/textgauge/stats/lexdiv.hpp``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["LEXDIV_MEASURES", "lexical_diversity"]

LEXDIV_MEASURES: tuple[str, ...] = (
    "TTR",
    "C",
    "R",
    "CTTR",
    "U",
    "S",
    "K",
    "I",
    "D",
    "Vm",
    "Maas",
    "lgV0",
    "lgeV0",
    "MATTR",
    "MSTTR",
    "MTLD",
    "HDD",
)
Level = Literal["document", "paragraph", "sentence"]


def _unit_frame(corpus: CorpusBase, d: dict[str, Any], level: str) -> pd.DataFrame:
    doc = d.pop("document")
    para = d.pop("paragraph")
    out: dict[str, Any] = {"document": [_corpus.ids(corpus)[i] for i in doc.tolist()]}
    if level != "document":
        out["paragraph"] = para
    out.update(d)
    return pd.DataFrame(out)


@reads_corpus
def lexical_diversity(
    corpus: CorpusBase,
    *,
    measures: str | Sequence[str] = "all",
    level: Level = "document",
    kinds: Sequence[str] = ("word",),
    log_base: float = 10.0,
    mattr_window: int = 100,
    msttr_segment: int = 100,
    mtld_threshold: float = 0.72,
    hdd_draws: int = 42,
) -> pd.DataFrame:
    """Lexical diversity of each unit.

    Args:
        measures: ``"all"`` or names from :data:`LEXDIV_MEASURES`: quanteda's TTR, C, R,
            CTTR, U, S, K, I, D, Vm, Maas (with lgV0, lgeV0), MATTR, MSTTR, and MTLD and
            HD-D (``"HDD"``) as the ``lexicalrichness`` package computes them.
        level: ``"document"`` (default), ``"paragraph"`` or ``"sentence"``.
        kinds: token kinds counted (default words only: quanteda removes numbers,
            punctuation and symbols by default).
        log_base: base of the logarithms in C, U, S and Maas (quanteda's ``log.base``, 10).
        mattr_window, msttr_segment: window and segment lengths (quanteda's defaults, 100).
            MSTTR drops an incomplete last segment; both are NaN for shorter units.
        mtld_threshold: MTLD's factor threshold (0.72). hdd_draws: HD-D's sample size (42).

    Returns:
        DataFrame: document, [paragraph,] tokens, types, one column per measure. Units
        with no token have NaN measures.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["a a a a a b b b c c d e f g"])
        >>> df = c.lexical_diversity(measures=["TTR", "I"])
        >>> int(df["tokens"][0]), int(df["types"][0]), float(df["TTR"][0]), float(df["I"][0])
        (14, 7, 0.5, 1.4)
    """
    if isinstance(measures, str):
        measures = list(LEXDIV_MEASURES) if measures == "all" else [measures]
    measures = list(measures)
    for m in measures:
        if m not in LEXDIV_MEASURES:
            raise OptionError(f"unknown measure {m!r}; choose from {LEXDIV_MEASURES} or 'all'")
    if level not in ("document", "paragraph", "sentence"):
        raise OptionError(f"level must be 'document', 'paragraph' or 'sentence', got {level!r}")
    _corpus.check_kinds(kinds)
    for name, v in (
        ("mattr_window", mattr_window),
        ("msttr_segment", msttr_segment),
        ("hdd_draws", hdd_draws),
    ):
        if not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if not (log_base > 0 and log_base != 1):
        raise ValueError(f"log_base must be positive and not 1, got {log_base!r}")
    if not 0 < mtld_threshold < 1:
        raise ValueError(f"mtld_threshold must be in (0, 1), got {mtld_threshold!r}")
    base = math.e if log_base == math.e else float(log_base)
    d = _core.stats.lexical_diversity(
        _corpus.engine(corpus),
        level=level,
        kinds=list(kinds),
        measures=measures,
        log_base=base,
        mattr_window=mattr_window,
        msttr_segment=msttr_segment,
        mtld_threshold=float(mtld_threshold),
        hdd_draws=hdd_draws,
        threads=_corpus.threads(corpus),
    )
    return _unit_frame(corpus, d, level)
