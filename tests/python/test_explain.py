"""``tg.explain(text, method=...)``: per token, each lexicon's value (checked against the
installed packages' own lexicons), the rules, and contributions that sum to the method's score
as the reference package computes it; and the news rules on the sample article."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Vader

import textgauge as tg
import textgauge.scorer as scorer

textblob = pytest.importorskip("textblob", reason="the test extra installs textblob")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # afinn 0.1 compiles a non-raw '\w' literal
    afinn = pytest.importorskip("afinn", reason="the test extra installs afinn")
from textblob.en import sentiment as PATTERN  # noqa: E402  (pattern's lexicon, as textblob reads it)

VADER = Vader()
AFINN = afinn.Afinn()
AFINN_EMO = afinn.Afinn(emoticons=True)
ARTICLE = tg.demo.sample_article().splitlines()
TEXTS = [
    "The food is not very good, but the service was GREAT!!",
    "I am not very happy!! :) (!)",
    "It does not work, what a  BAD idea... no good ???",
    "Russia is no closer to a settlement and no longer talks.",
    "sooo goooood :) 😀 kind of nice",
    "",
    ARTICLE[6],
    ARTICLE[8],
]
METHODS = ["vader", "textblob", "afinn", "textgauge"]


def _lexicon_value(name: str, word: str) -> float:
    """The word's value in a package's own lexicon (NaN where it has none)."""
    w = word.lower()
    if name == "vader":
        return float(VADER.lexicon.get(w, math.nan))
    if name == "afinn":
        return float(AFINN_EMO._dict.get(w, math.nan))
    return float(PATTERN[w][None][0]) if w in PATTERN and None in PATTERN[w] else math.nan


def _reference_polarity(text: str, method: str) -> float:
    if method == "vader":
        return float(VADER.polarity_scores(text)["compound"])
    if method == "textblob":
        return float(textblob.TextBlob(text).sentiment.polarity)
    if method == "afinn":
        return math.tanh(AFINN.score(text) / 5)
    return float(scorer.score([text])[0])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_contributions_sum_to_the_reference_score(text: str, method: str) -> None:
    ex = tg.explain(text, method=method)
    assert list(ex.columns[:3]) == ["token", "start", "end"]
    assert ex.attrs["method"] == method
    # VADER rounds its compound to 4 digits; the contributions sum to the unrounded one.
    tol = 5e-5 if method == "vader" else 1e-12
    assert float(ex["contribution"].sum()) == pytest.approx(
        _reference_polarity(text, method), abs=tol
    )
    assert ex.attrs["polarity"] == pytest.approx(_reference_polarity(text, method), abs=1e-15)
    # offsets slice the token back out of the text (case aside: pattern lowers words)
    found = ex[ex["start"] >= 0]
    for tok, s, e in zip(found["token"], found["start"], found["end"]):
        got = text[s:e]
        assert (got.lower() if method == "textblob" else got) == tok or (
            method == "afinn" and " ".join(got.lower().split()) == tok
        )


@pytest.mark.parametrize("method", METHODS)
def test_lexicon_columns_are_the_packages_values(method: str) -> None:
    names = {"vader": ["vader"], "textblob": ["textblob"], "afinn": ["afinn"]}.get(
        method, ["vader", "textblob", "afinn"]
    )
    seen = 0
    for text in ARTICLE[:9]:
        ex = tg.explain(text, method=method)
        for _, row in ex.iterrows():
            if row["token"] == "(punctuation)":
                continue
            for name in names:
                got, want = float(row[name]), _lexicon_value(name, str(row["token"]))
                if name == "afinn" and method == "afinn":
                    want = float(AFINN._dict[row["token"]])
                if np.isnan(got):
                    assert np.isnan(want) or want == 0, (method, row["token"], name)
                else:
                    assert got == want, (method, row["token"], name)
                    seen += 1
    assert seen > 10


def test_vader_values_are_vaders_sentiments() -> None:
    """The ``value`` column, fed to vaderSentiment's own score_valence, gives its scores."""
    for text in TEXTS:
        ex = tg.explain(text, method="vader")
        values = ex.loc[ex["token"] != "(punctuation)", "value"].tolist()
        assert VADER.score_valence(values, text) == VADER.polarity_scores(text)
        assert float(ex["value"].sum()) == pytest.approx(ex.attrs["sum"], abs=1e-12)


def test_afinn_rows_are_afinns_matches() -> None:
    for text in TEXTS:
        ex = tg.explain(text, method="afinn")
        assert ex["token"].tolist() == AFINN.find_all(text)
        assert ex["value"].tolist() == [float(v) for v in AFINN.scores(text)]
        assert float(ex["value"].sum()) == AFINN.score(text)


def test_textblob_rows_are_its_assessments() -> None:
    for text in TEXTS:
        ex = tg.explain(text, method="textblob")
        ref = textblob.TextBlob(text).sentiment_assessments.assessments
        assert ex["token"].tolist() == [w for words, *_ in ref for w in words]
        heads = ex[ex["contribution"] != 0]
        assert sorted(heads["value"]) == sorted(p for _, p, _, _ in ref if p != 0)
    ex = tg.explain("I am not very happy!!", method="textblob").set_index("token")
    assert ex.loc["happy", "rules"] == "negation,intensifier,exclamation"
    assert ex.loc["not", "rules"] == "negation" and ex.loc["very", "rules"] == "intensifier"


def test_textgauge_marks_what_lexicons_misread_in_the_article() -> None:
    """The issue's cases: each word keeps its lexicon values, the rule that neutralised it,
    and contributes nothing; `escape` too, the lexicons disagreeing on its sign."""
    cases = [
        (0, "no", "no-determiner"),
        (6, "like", "like-preposition"),
        (11, "well", "well-function-word"),
        (8, "allow", "allow-to"),
        (8, "escape", "lexicons-disagree"),
    ]
    for par, word, rule in cases:
        ex = tg.explain(ARTICLE[par], method="textgauge")
        row = ex[ex["token"] == word].iloc[0]
        assert rule in row["rules"].split(",")
        assert row["vader"] == VADER.lexicon[word]
        if word in AFINN._dict:  # AFINN has no "well"
            assert row["afinn"] == AFINN._dict[word]
        else:
            assert np.isnan(row["afinn"])
        assert row["contribution"] == 0 and row["value"] == 0
    escape = tg.explain(ARTICLE[8], method="textgauge").set_index("token").loc["escape"].to_dict()
    assert (escape["vader"], escape["afinn"]) == (0.7, -1.0)


def test_textgauge_modifiers_show_their_values() -> None:
    ex = tg.explain("It is no surprise", method="textgauge").set_index("token")
    no, surprise = ex.loc["no"].to_dict(), ex.loc["surprise"].to_dict()
    assert no["rules"] == "modifier" and no["vader"] == -1.2 and no["contribution"] == 0
    assert surprise["rules"] == "negation x1" and surprise["value"] < 0


def test_bad_input() -> None:
    with pytest.raises(tg.OptionError, match="method must be one of"):
        tg.explain("good", method="nope")
    with pytest.raises(TypeError, match="text must be str"):
        tg.explain(b"good", method="afinn")  # type: ignore[arg-type]
    assert isinstance(tg.explain("", method="textblob"), pd.DataFrame)
    # a lone surrogate (a str Python holds, Arrow strings cannot) stays a token
    for method in METHODS:
        ex = tg.explain("so good \ud800 bad", method=method)
        polarity = tg.sentiment(["so good \ud800 bad"], method=method)["polarity"][0]
        tol = 5e-5 if method == "vader" else 1e-12  # VADER rounds its compound
        assert float(ex["contribution"].sum()) == pytest.approx(polarity, abs=tol)
