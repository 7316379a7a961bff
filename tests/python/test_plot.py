"""Every plot renders to a non-empty, labelled PNG, draws the values it was given (checked
against vaderSentiment and the keyness/similarity results), and draws on a given Axes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

import io

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib", reason="the test/plot extras install matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Vader

import textgauge as tg
import textgauge.plot as tgp

ARTICLE = tg.Document(tg.demo.sample_article(), paragraphs="line")


def _bars(ax: Axes) -> list[Any]:
    """The bars (Rectangles; Axes.patches is typed as any Patch)."""
    return list(ax.patches)


def _png(ax: Axes) -> bytes:
    buf = io.BytesIO()
    figure: Any = ax.figure  # typed Figure | SubFigure; ours are Figures
    figure.savefig(buf, format="png", dpi=60)
    plt.close(figure)
    return buf.getvalue()


def _check_png(data: bytes) -> None:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = plt.imread(io.BytesIO(data))
    assert img.shape[0] > 100 and img.shape[1] > 100
    assert np.ptp(img[..., :3]) > 0.5  # something was drawn, not a blank canvas


def _labelled(ax: Axes) -> None:
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_sentiment_arc_draws_vader_compounds() -> None:
    ax = tgp.sentiment_arc(ARTICLE, window=3)
    vader = Vader()
    expected = [vader.polarity_scores(t)["compound"] for t in ARTICLE.paragraphs["text"]]
    assert [p.get_height() for p in _bars(ax)] == expected
    blue, orange = tgp.POSITIVE, tgp.NEGATIVE
    for p, v in zip(_bars(ax), expected):
        assert tuple(p.get_facecolor()[:3]) == pytest.approx(
            blue if v > 0 else orange if v < 0 else tgp.NEUTRAL
        )
    _labelled(ax)
    assert (
        ax.get_xlabel() == "paragraph"
        and ax.get_title() == f"Sentiment arc ({len(expected)} paragraphs)"
    )
    _check_png(_png(ax))


def test_top_terms_draws_frequencies() -> None:
    ax = tgp.top_terms(ARTICLE, 5)
    labels = [t.get_text() for t in ax.get_yticklabels()]  # top bar first
    widths = [p.get_width() for p in _bars(ax)]
    # Counted by hand in the article; ties ordered by term as quanteda's textstat_frequency.
    assert labels == ["ukrainian", "russia", "ukraine", "lavrov", "russian"]
    assert widths == [7, 6, 6, 5, 5]
    _labelled(ax)
    _check_png(_png(ax))


def test_keyness_draws_both_sides() -> None:
    paras = tg.Corpus.from_texts(ARTICLE.paragraphs["text"].tolist())
    key = paras.keyness(np.arange(len(paras)) == 10, measure="lr")
    ax = tgp.keyness(key, 4, target="p10", reference="rest")
    v = [p.get_width() for p in _bars(ax) if p.get_width() != 0 or p.get_height() != 0][:8]
    pos = key["lr"][key["lr"] > 0].head(4).tolist()
    neg = key["lr"][key["lr"] < 0].tail(4).tolist()
    assert v == pos + neg
    assert (
        ax.get_title() == "Keyness: p10 vs rest"
        and ax.get_xlabel() == "likelihood ratio G² (signed)"
    )
    _check_png(_png(ax))


def test_similarity_heatmap_shows_the_matrix() -> None:
    ax = tgp.similarity_heatmap(ARTICLE)
    sim = ARTICLE.corpus.similarity(level="paragraph").to_numpy().copy()
    np.fill_diagonal(sim, np.nan)  # self-similarity is left blank
    shown: Any = ax.images[0].get_array()  # a masked array
    np.testing.assert_array_equal(shown.filled(np.nan), sim)
    assert ax.images[0].get_clim() == (0.0, np.nanmax(sim))
    assert len(ax.figure.axes) == 2  # the colour bar
    _labelled(ax)
    _check_png(_png(ax))


def test_term_sentiment_points_are_mentioning_paragraphs() -> None:
    ax = tgp.term_sentiment(ARTICLE, ["Lavrov", "Kuleba"])
    vader = Vader()
    texts = ARTICLE.paragraphs["text"]
    for coll, name in zip(ax.collections[::2], ["Lavrov", "Kuleba"]):
        hits = [t for t in texts if name in t]  # the article spells both names one way
        offsets: Any = coll.get_offsets()
        ys = sorted(offsets[:, 1].tolist())
        assert ys == sorted(vader.polarity_scores(t)["compound"] for t in hits)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Lavrov\n(n=5)", "Kuleba\n(n=5)"]
    _labelled(ax)
    _check_png(_png(ax))


@pytest.mark.parametrize("method", ["textblob", "textgauge"])
def test_sentiment_plots_draw_the_method_polarity(method: str) -> None:
    """method= of both sentiment plots: the bars and points are the method's polarity as its
    reference gives it (textblob's own TextBlob; the scorer's score). AFINN: in
    test_sentiment_methods."""
    texts = ARTICLE.paragraphs["text"].tolist()
    if method == "textblob":
        textblob = pytest.importorskip("textblob")
        want = [textblob.TextBlob(t).sentiment.polarity for t in texts]
    else:
        import textgauge.scorer as scorer

        want = scorer.score(texts).tolist()
    ax = tgp.sentiment_arc(ARTICLE, method=method)
    assert [p.get_height() for p in _bars(ax)] == pytest.approx(want, abs=1e-12)
    assert ax.get_ylabel() == f"polarity ({method})"
    plt.close(ax.figure)  # type: ignore[arg-type]
    ax = tgp.term_sentiment(ARTICLE, ["Lavrov"], method=method)
    offsets: Any = ax.collections[0].get_offsets()
    hits = [w for t, w in zip(texts, want) if "Lavrov" in t]
    assert sorted(offsets[:, 1].tolist()) == pytest.approx(sorted(hits), abs=1e-12)
    _labelled(ax)
    _check_png(_png(ax))


def test_plots_draw_on_the_given_axes() -> None:
    fig, axes = plt.subplots(1, 2)
    assert tgp.sentiment_arc(ARTICLE.sentiment("sentence"), ax=axes[0]) is axes[0]
    assert axes[0].get_xlabel() == "sentence"
    assert tgp.top_terms(ARTICLE, 3, ax=axes[1]) is axes[1]
    plt.close(fig)


def test_plot_rejects_other_sources() -> None:
    with pytest.raises(TypeError, match="Corpus or Document"):
        tgp.top_terms(["not a corpus"])  # type: ignore[arg-type]
