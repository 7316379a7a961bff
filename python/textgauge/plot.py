"""Plots of textgauge results with matplotlib (``pip install textgauge[plot]``).

Every function draws on the Axes given as ``ax=`` (a new figure's Axes when
None) and returns it, so plots compose into subplots. Sentiment uses the same
blue (positive) / orange (negative) palette as the HTML display, which
colour-blind readers tell apart; heatmaps use the perceptually uniform
``cividis`` map.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import textgauge as tg, textgauge.plot as tgp
    >>> ax = tgp.sentiment_arc(tg.Document("Good.\\n\\nBad.\\n\\nFine."))
    >>> ax.get_xlabel()
    'paragraph'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .display import NEGATIVE_RGB, POSITIVE_RGB
from .sentiment import Level, LevelMode

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .text import Corpus, Document

__all__ = ["keyness", "sentiment_arc", "similarity_heatmap", "term_sentiment", "top_terms"]

RGB = tuple[float, float, float]
POSITIVE: RGB = (POSITIVE_RGB[0] / 255, POSITIVE_RGB[1] / 255, POSITIVE_RGB[2] / 255)
NEGATIVE: RGB = (NEGATIVE_RGB[0] / 255, NEGATIVE_RGB[1] / 255, NEGATIVE_RGB[2] / 255)
NEUTRAL: RGB = (0.55, 0.55, 0.55)


def _plt() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("textgauge.plot needs matplotlib: pip install 'textgauge[plot]'") from e
    return plt


def _axes(ax: Axes | None, size: tuple[float, float] = (8, 4)) -> Axes:
    if ax is not None:
        return ax
    _, new = _plt().subplots(figsize=size, layout="constrained")
    return new  # type: ignore[no-any-return]


def _signed_colors(values: np.ndarray[Any, Any]) -> list[RGB]:
    return [POSITIVE if v > 0 else NEGATIVE if v < 0 else NEUTRAL for v in values]


def _corpus_of(source: Any) -> Corpus:
    from .text import Corpus, Document

    if isinstance(source, Document):
        return source.corpus
    if isinstance(source, Corpus):
        return source
    raise TypeError(f"expected a textgauge Corpus or Document, got {type(source).__name__}")


def sentiment_arc(
    source: Document | Corpus | pd.DataFrame,
    *,
    level: Level = "paragraph",
    mode: LevelMode = "vader",
    window: int = 1,
    ax: Axes | None = None,
    method: str = "vader",
) -> Axes:
    """Sentiment polarity along a text: one bar per paragraph (or sentence), blue above zero
    and orange below, with an optional rolling mean over ``window`` units as a line.

    ``source`` is a Document, a Corpus (units in corpus order, scored by ``method``, see
    :func:`textgauge.sentiment`) or a sentiment DataFrame with a ``polarity`` column
    (``Corpus.sentiment``, ``tg.sentiment``) or a ``compound`` one (``analyzer.score``).

    Example:
        >>> import textgauge as tg
        >>> ax = sentiment_arc(tg.Document("Good.\\n\\nBad."), window=2)
        >>> [float(p.get_height()) for p in ax.patches]
        [0.4404, -0.5423]
        >>> ax = sentiment_arc(tg.Document("Good.\\n\\nBad."), method="afinn")
        >>> [round(float(p.get_height()), 4) for p in ax.patches]
        [0.537, -0.537]
    """
    if isinstance(source, pd.DataFrame):
        scores = source
    else:
        scores = source.sentiment(level, mode=mode, method=method)
    y = _polarity(scores)
    x = np.arange(len(y))
    ax = _axes(ax)
    ax.bar(x, y, color=_signed_colors(y), width=0.8)
    if window > 1 and len(y):
        smooth = pd.Series(y).rolling(window, min_periods=1, center=True).mean()
        ax.plot(x, smooth, color="black", linewidth=1.5, label=f"rolling mean ({window})")
        ax.legend(loc="upper right", frameon=False)
    ax.axhline(0, color=NEUTRAL, linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(-0.6, max(len(y), 1) - 0.4)
    unit = level if not isinstance(source, pd.DataFrame) else _unit_name(scores)
    ax.set_xlabel(unit)
    ax.set_ylabel(_polarity_label(method if not isinstance(source, pd.DataFrame) else None))
    ax.set_title(f"Sentiment arc ({len(y)} {unit}s)")
    return ax


def _polarity(scores: pd.DataFrame) -> np.ndarray:
    """The polarity column of a sentiment frame (VADER frames of analyzer.score: compound)."""
    if "polarity" in scores:
        return scores["polarity"].to_numpy(dtype=float)
    if "compound" in scores:
        return scores["compound"].to_numpy(dtype=float)
    raise ValueError("a sentiment DataFrame needs a 'polarity' (or VADER 'compound') column")


def _polarity_label(method: str | None) -> str:
    if method is None:
        return "polarity"
    return "polarity (VADER compound)" if method == "vader" else f"polarity ({method})"


def _unit_name(frame: pd.DataFrame) -> str:
    for name in ("sentence", "paragraph", "document"):
        if name in frame.columns:
            return name
    return "text"


def top_terms(
    source: Document | Corpus | pd.DataFrame,
    n: int = 15,
    *,
    stop_words: str | Iterable[str] | None = "english",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms, most frequent on top.

    ``source`` is a Document or Corpus (word terms, ``stop_words`` removed) or a DataFrame
    with ``term`` and a count column (``frequency``, ``count``, or the last numeric one).

    Example:
        >>> import textgauge as tg
        >>> ax = top_terms(tg.Document("oil oil gas"), 2)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['oil', 'gas']
    """
    if isinstance(source, pd.DataFrame):
        table = source
    else:
        from .stopwords import get_stop_words

        table = _corpus_of(source).frequency(kinds=("word",))
        stop = get_stop_words(stop_words)
        table = table[~table["term"].isin(stop)]
    col = next((c for c in ("frequency", "count") if c in table.columns), None)
    if col is None:
        col = table.select_dtypes("number").columns[-1]
    top = table.head(n)
    ax = _axes(ax, (6, max(2.5, 0.3 * len(top) + 1)))
    y = np.arange(len(top))[::-1]
    ax.barh(y, top[col].to_numpy(dtype=float), color=[POSITIVE], alpha=0.85)
    ax.set_yticks(y, [str(t) for t in top["term"]])
    ax.set_xlabel(col)
    ax.set_ylabel("term")
    ax.set_title(f"Top {len(top)} terms")
    return ax


def keyness(
    result: pd.DataFrame,
    n: int = 10,
    *,
    target: str = "target",
    reference: str = "reference",
    ax: Axes | None = None,
) -> Axes:
    """The ``n`` terms most key to the target (blue, right) and to the reference (orange,
    left) from a :meth:`Corpus.keyness` result, as quanteda's ``textplot_keyness``.

    Example:
        >>> import textgauge as tg
        >>> k = tg.Corpus.from_texts(["oil oil price", "gas gas price"]).keyness([True, False])
        >>> ax = keyness(k, 1)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['oil', 'gas']
    """
    stat = next(c for c in ("chi2", "lr", "pmi", "odds_ratio") if c in result.columns)
    values = result[stat].to_numpy(dtype=float)
    if stat == "odds_ratio":
        values = np.log2(np.where(values > 0, values, np.nan))
    order = np.argsort(-values, kind="stable")
    finite = order[np.isfinite(values[order])]
    pos = [i for i in finite if values[i] > 0][:n]
    neg = [i for i in finite[::-1] if values[i] < 0][:n][::-1]
    rows = pos + neg
    ax = _axes(ax, (7, max(2.5, 0.3 * len(rows) + 1)))
    y = np.arange(len(rows))[::-1]
    v = values[rows]
    ax.barh(y, v, color=[POSITIVE if x > 0 else NEGATIVE for x in v])
    ax.set_yticks(y, [str(t) for t in result["term"].to_numpy()[rows]])
    ax.axvline(0, color=NEUTRAL, linewidth=0.8)
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(color=POSITIVE, label=target),
        Patch(color=NEGATIVE, label=reference),
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    ax.set_xlabel(_STAT_LABELS[stat])
    ax.set_ylabel("term")
    ax.set_title(f"Keyness: {target} vs {reference}")
    return ax


_STAT_LABELS = {
    "chi2": "chi-squared (signed)",
    "lr": "likelihood ratio G² (signed)",
    "pmi": "PMI",
    "odds_ratio": "log2 odds ratio (Fisher)",
}


def similarity_heatmap(
    source: Document | Corpus | pd.DataFrame,
    *,
    level: Level = "paragraph",
    method: str = "cosine",
    labels: bool | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
    ax: Axes | None = None,
    **dtm_options: Any,
) -> Axes:
    """Heatmap of a square similarity matrix, with a colour bar.

    ``source`` is a DataFrame from :meth:`Corpus.similarity`, or a Document/Corpus whose
    units at ``level`` are compared by ``method`` (other options go to ``Corpus.dtm``).
    Tick labels are the unit labels (shown when ``labels`` or for up to 30 units); up to 12
    units, each cell also prints its value. When the diagonal is all ones (self-similarity) it
    is left blank and the colour scale spans the other cells (``vmin``/``vmax`` fix it).

    Example:
        >>> import textgauge as tg
        >>> ax = similarity_heatmap(tg.Document("a b\\n\\na c\\n\\nd"))
        >>> ax.images[0].get_array().shape
        (3, 3)
        >>> ax.images[0].get_array()[0].round(4).tolist()  # masked diagonal
        [None, 0.5, 0.0]
    """
    from .text import Document

    if isinstance(source, pd.DataFrame):
        sim = source
    else:
        sim = _corpus_of(source).similarity(level=level, method=method, **dtm_options)
        if (
            isinstance(source, Document)
            and len(source.corpus) > 1
            and isinstance(sim.index, pd.MultiIndex)
        ):
            # A document of a larger corpus: only its own units.
            sim = pd.DataFrame(sim.loc[source.id, source.id])
    m = np.array(sim.to_numpy(dtype=float))  # a copy: pandas may hand out a read-only view
    n = len(m)
    shown = m
    blank_diagonal = n > 1 and bool(np.allclose(np.diag(m), 1.0))
    if blank_diagonal:
        # Self-similarity is 1 by definition; drawn, it would squeeze every other cell
        # into the bottom of the colour scale.
        np.fill_diagonal(shown, np.nan)
    finite = shown[np.isfinite(shown)]
    lo = vmin if vmin is not None else (min(0.0, float(finite.min())) if finite.size else 0.0)
    hi = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    ax = _axes(ax, (6.5, 5.5))
    cmap = _plt().get_cmap("cividis").with_extremes(bad="white")
    im = ax.imshow(shown, cmap=cmap, vmin=lo, vmax=max(hi, lo + 1e-9), interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, label=f"{method} similarity", shrink=0.85)
    if n <= 12:
        mid = (lo + hi) / 2
        for i in range(n):
            for j in range(n):
                if np.isfinite(shown[i, j]):
                    ax.text(
                        j,
                        i,
                        f"{shown[i, j]:.2f}",
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="black" if shown[i, j] > mid else "white",
                    )
    show = labels if labels is not None else len(m) <= 30
    names = [_label(k) for k in sim.index]
    if show:
        long = n > 20 or max((len(x) for x in names), default=0) > 4
        ax.set_xticks(
            range(n),
            names,
            rotation=45 if long else 0,
            ha="right" if long else "center",
            rotation_mode="anchor",
        )
        ax.set_yticks(range(n), names)
    unit = _level_name(sim, level)
    ax.set_xlabel(unit)
    ax.set_ylabel(unit)
    ax.set_title(
        f"Similarity between {n} {unit}s" + (" (diagonal left blank)" if blank_diagonal else "")
    )
    return ax


def _label(key: Any) -> str:
    if isinstance(key, tuple):
        return str(key[-1]) if len(key) else ""
    return str(key)


def _level_name(sim: pd.DataFrame, default: str) -> str:
    names = [n for n in sim.index.names if n]
    return str(names[-1]) if names else default


def term_sentiment(
    source: Document | Corpus,
    terms: Sequence[str],
    *,
    level: Level = "paragraph",
    mode: LevelMode = "vader",
    ax: Axes | None = None,
    method: str = "vader",
) -> Axes:
    """Sentiment of the units that mention each term (``Corpus.sentiment(mentions=term)``,
    scored by ``method``): one point per unit at its ``polarity``, coloured by sign, with the
    mean as a black bar and the count below.

    Example:
        >>> import textgauge as tg
        >>> d = tg.Document("Anna won.\\n\\nBen lost badly.\\n\\nAnna smiled.")
        >>> ax = term_sentiment(d, ["Anna", "Ben"])
        >>> [t.get_text() for t in ax.get_xticklabels()]
        ['Anna\\n(n=2)', 'Ben\\n(n=1)']
    """
    if isinstance(terms, str):
        terms = [terms]
    ax = _axes(ax, (max(4.0, 1.6 * len(terms) + 2), 4))
    rng = np.random.default_rng(0)  # fixed jitter: the same data draws the same picture
    names = []
    for i, term in enumerate(terms):
        y = _polarity(source.sentiment(level, mode=mode, mentions=term, method=method))
        x = i + rng.uniform(-0.15, 0.15, len(y))
        ax.scatter(x, y, c=_signed_colors(y), s=36, edgecolors="black", linewidths=0.4, zorder=3)
        if len(y):
            ax.hlines(y.mean(), i - 0.3, i + 0.3, color="black", linewidth=2, zorder=4)
        names.append(f"{term}\n(n={len(y)})")
    ax.axhline(0, color=NEUTRAL, linewidth=0.8)
    ax.set_xticks(range(len(terms)), names)
    ax.set_xlim(-0.6, len(terms) - 0.4)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(f"{level}s mentioning")
    ax.set_ylabel(_polarity_label(method))
    ax.set_title(f"Sentiment of {level}s by term mentioned")
    return ax
