"""One ``method=`` for every sentiment entry point: tg.sentiment, Corpus/Document.sentiment
(every level, mode="sentences", mentions=), the CLI, textgauge.dask and the plots.

Values come from the reference packages themselves (vaderSentiment, afinn): a method's
scores of a unit are its reference's scores of the unit's text. The methods built
elsewhere (textblob, textgauge) are added to the parametrization when they land.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any, cast

import afinn as afinn_ref
import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderReference

import textgauge as tg
from conftest import local_paragraphs
from textgauge._methods import METHODS, method_frame
from textgauge.cli import main

VADER = VaderReference()
AFINN = afinn_ref.Afinn()
METHOD_NAMES = ["vader", "afinn", "textblob", "textgauge"]
TEXTS = [
    "The food was great. I loved it!",
    "Service was slow.\n\nNobody cared :(",
    "",
    "It does not work, what a BAD idea.",
    "Naïve but wonderful; can't stand the noise.",
]


def reference(method: str, texts: list[str]) -> pd.DataFrame:
    """The reference package's scores as the method's columns (polarity first)."""
    if method == "vader":
        rows = [VADER.polarity_scores(t) for t in texts]
        return pd.DataFrame(
            {
                "polarity": [r["compound"] for r in rows],
                **{c: [r[c] for r in rows] for c in ("neg", "neu", "pos", "compound")},
            }
        )
    if method == "textblob":
        from textblob import TextBlob

        pairs = [TextBlob(t).sentiment for t in texts]
        return pd.DataFrame(
            {
                "polarity": [p.polarity for p in pairs],
                "subjectivity": [p.subjectivity for p in pairs],
            }
        )
    if method == "textgauge":  # the scorer's Python reference (tests/python/scorer_reference.py)
        import scorer_reference

        out = scorer_reference.scores(texts)
        return pd.DataFrame(out, columns=["polarity", "vader_sum", "textblob_sum", "afinn_sum"])
    score = [AFINN.score(t) for t in texts]
    return pd.DataFrame({"polarity": [math.tanh(s / 5.0) for s in score], "score": score})


def assert_scores(got: pd.DataFrame, method: str, texts: list[str]) -> None:
    ref = reference(method, texts)
    cols = ref.columns.tolist()
    assert [c for c in got.columns if c in cols] == cols
    for c in cols:
        if method == "afinn" and c == "polarity":  # tanh: numpy's and math's may differ in an ulp
            np.testing.assert_allclose(got[c].to_numpy(), ref[c].to_numpy(), rtol=0, atol=1e-15)
        elif method == "textgauge":  # C's pow and numpy's differ in an ulp (docs/sentiment.md)
            np.testing.assert_allclose(got[c].to_numpy(), ref[c].to_numpy(), rtol=0, atol=1e-12)
        else:
            assert got[c].tolist() == ref[c].tolist(), c


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_tg_sentiment_equals_the_reference(method: str) -> None:
    texts = TEXTS + local_paragraphs(60)
    df = tg.sentiment(texts, method=method, threads=2)
    assert df.columns[0] == "polarity" and len(df) == len(texts)
    assert df.index.equals(pd.RangeIndex(len(texts)))
    assert_scores(df, method, texts)
    assert ((df["polarity"] >= -1) & (df["polarity"] <= 1)).all()


def test_tg_sentiment_columns_and_default() -> None:
    assert tg.sentiment(["good"]).columns.tolist() == ["polarity", "neg", "neu", "pos", "compound"]
    assert tg.sentiment(["good"], method="afinn").columns.tolist() == ["polarity", "score"]
    assert tg.sentiment(["good"])["polarity"].tolist() == [
        VADER.polarity_scores("good")["compound"]
    ]


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_tg_sentiment_keeps_a_series_index_and_thread_count_does_not_matter(method: str) -> None:
    s = pd.Series(local_paragraphs(200), index=[f"p{i}" for i in range(200)])
    one = tg.sentiment(s, method=method, threads=1)
    assert one.index.equals(s.index)
    pd.testing.assert_frame_equal(tg.sentiment(s, method=method, threads=3), one)
    pd.testing.assert_frame_equal(tg.sentiment(s.to_numpy(), method=method).set_index(s.index), one)


def test_unknown_method_and_bad_input() -> None:
    with pytest.raises(tg.OptionError, match=r"afinn.*vader"):
        tg.sentiment(["x"], method="nope")
    with pytest.raises(tg.OptionError, match="method"):
        tg.Corpus.from_texts(["x"]).sentiment(method="nope")
    with pytest.raises(tg.OptionError, match="method"):
        tg.Document("x").sentiment(method="nope")
    with pytest.raises(TypeError):
        tg.sentiment("one text")
    with pytest.raises(TypeError, match="text 1 is"):
        tg.sentiment(["ok", 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="threads"):
        tg.sentiment(["ok"], threads=0)
    with pytest.raises(tg.OptionError, match="fixed"):
        tg.Corpus.from_texts(["x"]).sentiment(method="afinn", mode="fixed")
    with pytest.raises(tg.OptionError, match="analyzer"):
        tg.Corpus.from_texts(["x"]).sentiment(
            method="afinn", analyzer=tg.SentimentIntensityAnalyzer()
        )


def test_registry_names_every_method_lazily() -> None:
    assert set(METHODS) == {"vader", "textblob", "afinn", "textgauge"}
    assert all(":" in v for v in METHODS.values())
    assert method_frame([], method="afinn", threads=0).columns.tolist() == ["polarity", "score"]


def test_module_stays_a_module() -> None:
    import textgauge.sentiment as module

    assert module.SentimentIntensityAnalyzer is tg.SentimentIntensityAnalyzer
    assert callable(tg.sentiment) and tg.sentiment is module  # type: ignore[comparison-overlap]


CORPUS_TEXTS = [
    "Good news. Bad news!\n\nNo fun at all. Really great.",
    "Awful service :(\n\nI love it.",
    "",
    "It does not work.",
]


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize("level", ["document", "paragraph", "sentence"])
def test_corpus_levels_equal_the_reference_on_unit_texts(method: str, level: Any) -> None:
    corpus = tg.Corpus.from_texts(CORPUS_TEXTS + local_paragraphs(40))
    got = corpus.sentiment(level, method=method)
    if level == "document":
        texts = corpus.texts
    else:
        texts = (corpus.paragraphs if level == "paragraph" else corpus.sentences)["text"].tolist()
    assert len(got) == len(texts)
    assert_scores(got, method, texts)
    if level != "document":
        assert got["text"].tolist() == texts
    # Document.sentiment: the same rows for that document
    doc = corpus[1]
    one = doc.sentiment(level, method=method)
    assert_scores(one, method, [doc.text] if level == "document" else one["text"].tolist())


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_mode_sentences_aggregates_sentence_scores(method: str) -> None:
    corpus = tg.Corpus.from_texts(CORPUS_TEXTS)
    got = corpus.sentiment("paragraph", mode="sentences", method=method)
    sent = corpus.sentences
    ref = reference(method, sent["text"].tolist())
    if method == "vader":
        # VADER's own aggregation (VADER tokens as weights) is unchanged
        assert (
            got["compound"].tolist()
            == corpus.sentiment("paragraph", mode="sentences")["compound"].tolist()
        )
        return
    w = np.array([len(t.split()) for t in sent["text"]], dtype=float)
    for (d, p), rows in sent.groupby(["document", "paragraph"], sort=False):
        mask = (got["document"] == d) & (got["paragraph"] == p)
        idx = rows.index.to_numpy()
        for column in ref.columns:
            want = float(np.sum(w[idx] * ref[column].to_numpy()[idx]) / np.sum(w[idx]))
            assert got.loc[mask, column].item() == pytest.approx(want, rel=1e-12, abs=1e-12)
    if method != "afinn":
        return
    # hand-computed: paragraph 0 = "Good news." (2 words, +3) and "Bad news!" (2 words, -3)
    assert got["score"].iloc[0] == 0.0
    # paragraph 1: "No fun at all." (4 words, -3 for "no fun") and "Really great." (2, +3)
    assert got["score"].iloc[1] == pytest.approx((4 * -3 + 2 * 3) / 6)


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_mentions_keeps_the_units_that_mention(method: str) -> None:
    corpus = tg.Corpus.from_texts(["Anna won. Ben lost badly.", "Anna smiled. Nobody cared."])
    got = corpus.sentiment("sentence", method=method, mentions="Anna")
    assert got["text"].tolist() == ["Anna won.", "Anna smiled."]
    assert_scores(got, method, got["text"].tolist())


def test_vader_corpus_frame_has_polarity_and_its_own_columns() -> None:
    df = tg.Corpus.from_texts(CORPUS_TEXTS).sentiment("paragraph")
    cols = df.columns.tolist()
    assert cols[cols.index("polarity") :] == ["polarity", "neg", "neu", "pos", "compound", "tokens"]
    assert df["polarity"].tolist() == df["compound"].tolist()


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize("level", ["document", "sentence"])
def test_cli_equals_the_library(
    method: str, level: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "in.txt"
    f.write_text("\n\n".join(CORPUS_TEXTS[:2] + CORPUS_TEXTS[3:]), encoding="utf-8")
    assert main(["sentiment", str(f), "--method", method, "--level", level, "--with-text"]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    lib = tg.Corpus.from_files([str(f)]).sentiment(level, method=method)
    score_cols = {
        "vader": ["neg", "neu", "pos", "compound"],
        "afinn": ["polarity", "score"],
        "textblob": ["polarity", "subjectivity"],
        "textgauge": ["polarity", "vader_sum", "textblob_sum", "afinn_sum"],
    }[method]
    assert out.columns.tolist()[-len(score_cols) - 1 : -1] == score_cols
    for c in score_cols:
        assert out[c].tolist() == lib[c].tolist(), c


def test_cli_method_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.txt"
    f.write_text("Good.", encoding="utf-8")
    assert main(["sentiment", str(f), "--method", "nope"]) == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err
    assert main(["sentiment", str(f), "--method", "afinn", "--mode", "fixed"]) == 2
    assert "--mode fixed is VADER's" in capsys.readouterr().err
    assert main(["sentiment", "--help"]) == 0
    assert "{vader,textblob,afinn,textgauge}" in capsys.readouterr().out


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize(
    ("level", "mode"), [("document", "vader"), ("sentence", "vader"), ("paragraph", "sentences")]
)
def test_dask_equals_pandas(method: str, level: Any, mode: Any) -> None:
    dd = pytest.importorskip("dask.dataframe")
    import dask

    import textgauge.dask as tgd

    texts = pd.Series(CORPUS_TEXTS + local_paragraphs(30))
    s = dd.from_pandas(texts, npartitions=3, sort=False)
    with dask.config.set(scheduler="synchronous"):
        got = tgd.sentiment(s, level=level, mode=mode, method=method).compute()
    ref = tg.Corpus.from_texts(texts.tolist()).sentiment(level, mode=mode, method=method)
    got = got.reset_index(drop=True)
    assert got.columns.tolist() == ref.columns.tolist()
    pd.testing.assert_frame_equal(got, ref, check_dtype=False)


def test_plots_draw_the_polarity_of_the_method() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import textgauge.plot as tgp

    doc = tg.Document("Good.\n\nBad.\n\nIt does not work.")
    ax = tgp.sentiment_arc(doc, method="afinn")
    heights = [float(p.get_height()) for p in list[Any](ax.patches)]
    assert heights == pytest.approx([math.tanh(AFINN.score(t) / 5) for t in doc.paragraphs["text"]])
    assert "afinn" in ax.get_ylabel()
    plt.close(cast(Any, ax.figure))
    d = tg.Document("Anna won.\n\nBen lost badly.\n\nAnna smiled.")
    ax = tgp.term_sentiment(d, ["Anna", "Ben"], method="afinn")
    offsets: list[Any] = [c.get_offsets() for c in ax.collections[::2]]
    ys = sorted(float(y) for o in offsets for y in o[:, 1])
    expected = sorted(
        math.tanh(AFINN.score(t) / 5) for t in ["Anna won.", "Ben lost badly.", "Anna smiled."]
    )
    assert ys == pytest.approx(expected)
    plt.close(cast(Any, ax.figure))
    # a frame from tg.sentiment plots its polarity column
    ax = tgp.sentiment_arc(tg.sentiment(["good", "bad"], method="afinn"))
    assert [float(p.get_height()) for p in list[Any](ax.patches)] == pytest.approx(
        [0.53705, -0.53705], abs=1e-5
    )
    plt.close(cast(Any, ax.figure))
