"""The README's "News text as it comes" example, line by line, against the references:
html.unescape for the cleaning, a count by hand for the dictionary, gensim for the phrases,
yake for the keywords and textblob for the sentiment."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

import textgauge as tg
from conftest import local_paragraphs, sample_article


def _feed() -> list[str]:
    """The sample article as a careless feed delivers it: its quotes as HTML entities."""
    paragraphs = [p for p in sample_article().splitlines() if p.strip()]
    return [
        html.escape(p.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).replace(
            "&#x27;", "&#39;"
        )
        for p in paragraphs
    ]


def test_clean_shows_the_original_and_counts_the_cleaned_text() -> None:
    feed = _feed()
    corpus = tg.Corpus.from_texts(feed, clean=True)
    assert corpus.texts == feed  # what the user gave
    terms = set(corpus.tokens["term"].astype(str))
    assert not terms & {"quot", "amp", "39", "#"}
    raw = set(tg.Corpus.from_texts(feed).tokens["term"].astype(str))
    assert {"quot", "39"} <= raw


def test_lookup_counts_what_a_hand_count_gives() -> None:
    corpus = tg.Corpus.from_texts(_feed(), clean=True)
    got = corpus.lookup(tg.Dictionary({"war": ["war*", "attack*"]}), level="paragraph")
    tokens = corpus.tokens
    words = tokens[tokens["kind"].isin(["word", "number"])]
    pattern = re.compile(r"^(war.*|attack.*)$")
    hand = words.groupby(["document", "paragraph"])["term"].apply(
        lambda t: sum(bool(pattern.match(str(x))) for x in t)
    )
    assert got["war"].tolist() == hand.tolist()
    assert got["war"].sum() > 0


def test_phrases_equal_gensim() -> None:
    phrases_mod = pytest.importorskip("gensim.models.phrases")
    corpus = tg.Corpus.from_texts(local_paragraphs())
    ours = corpus.phrases(min_count=5)
    model = phrases_mod.Phrases(tg.Phrases(corpus).sentences(corpus), min_count=5, threshold=10.0)
    ref = model.export_phrases()
    assert dict(zip(ours["phrase"], ours["score"], strict=True)) == ref


def test_keywords_equal_yake() -> None:
    yake = pytest.importorskip("yake")
    text = sample_article()
    got = tg.Corpus.from_texts([text]).keywords(method="yake", n=10)
    ref = yake.KeywordExtractor(lan="en", n=3, top=10).extract_keywords(text)
    assert list(zip(got["keyword"], got["score"], strict=True)) == ref


@pytest.mark.parametrize("method", ["vader", "afinn", "textblob", "textgauge"])
def test_sentiment_methods_equal_their_references(method: str) -> None:
    # The README's `tg.sentiment(texts, method=...)`: each method's polarity as its reference
    # gives it (the packages; the scorer's Python reference), test_sentiment_methods.reference.
    from test_sentiment_methods import reference

    texts = local_paragraphs(50)
    got = tg.sentiment(texts, method=method)
    want = reference(method, texts)
    if method == "afinn":  # numpy's tanh and math's may differ in an ulp; the sum is exact
        assert got["score"].tolist() == want["score"].tolist()
        np.testing.assert_allclose(got["polarity"], want["polarity"], rtol=0, atol=1e-15)
    elif method == "textgauge":  # C's pow and numpy's differ in an ulp (docs/sentiment.md)
        np.testing.assert_allclose(got["polarity"], want["polarity"], rtol=0, atol=1e-12)
    else:
        assert got["polarity"].tolist() == want["polarity"].tolist()
