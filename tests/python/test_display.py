"""The HTML views: scores and valences as vaderSentiment computes them, escaped text, a
colour-blind-safe palette, and long inputs summarised."""

from __future__ import annotations

import re

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Vader

import textgauge as tg
import textgauge.display as tgd
import textgauge.scorer as scorer

VADER = Vader()


def test_document_html_has_each_paragraph_with_vader_compound() -> None:
    doc = tg.Document(tg.demo.sample_article(), paragraphs="line")
    html = doc._repr_html_()
    badges = [float(x) for x in re.findall(r'title="VADER compound">([+-][0-9.]+)<', html)]
    assert badges == [VADER.polarity_scores(t)["compound"] for t in doc.paragraphs["text"]]
    assert html.count("¶") == len(doc)


def test_highlight_uses_explain_valences_with_rules() -> None:
    text = "The food is not very good, but the service was GREAT!!"
    html = tgd.highlight(text)
    spans = re.findall(r'title="([^"]+)">([^<]+)</span>', html)
    assert [w for _, w in spans] == ["good", "GREAT"]
    ex = tg.SentimentIntensityAnalyzer().explain(text)
    good = float(ex["valence"].iloc[5])
    assert spans[0][0].startswith(
        f"good: {good:+.3f} (booster,negation,but); lexicon vader {VADER.lexicon['good']:+.3f}"
    )
    # the negation overruled VADER's +1.9: the note under the word says so
    assert '<sub class="tg-x">vader +1.9 booster,negation,but</sub>' in html
    assert "rgba(230,97,1," in html and "rgba(33,102,172," in html  # orange negative, blue positive


def test_palette_is_blue_orange_and_escapes_text() -> None:
    assert tgd.valence_color(2.0) == "rgba(33,102,172,0.75)"
    assert tgd.valence_color(-0.25) == "rgba(230,97,1,0.30)"
    html = tg.Document("<b>great</b> & <i>x</i>")._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;great&lt;/b&gt;" in html
    assert "&amp;" in html


def test_long_document_and_corpus_are_summarised() -> None:
    doc = tg.Document("\n".join(f"Paragraph {i} is good." for i in range(100)), paragraphs="line")
    html = tgd.document_html(doc, max_paragraphs=10)
    assert html.count("¶") == 10 and "… 90 more paragraphs" in html
    corpus = tg.Corpus.from_texts([f"text {i}" for i in range(500)])
    chtml = corpus._repr_html_()
    assert chtml.count("<tr>") == 11 and "… 490 more documents" in chtml
    assert "500 documents" in chtml


def test_explanation_and_sentiment_views() -> None:
    sia = tg.SentimentIntensityAnalyzer()
    ex = sia.explain("not good")
    html = tgd.explanation(ex)._repr_html_()
    assert "negation" in html and f"{VADER.polarity_scores('not good')['compound']:+.4f}" in html
    df = tg.Document("Good.\n\nBad.").sentiment()
    view = tgd.sentiment(df)._repr_html_()
    assert "+0.4404" in view and "-0.5423" in view and "2 rows" in view


def test_display_and_plot_examples_run() -> None:
    import doctest
    import inspect

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import textgauge.plot as tgp

    for mod in (tgd, tgp):
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                assert ">>>" in (inspect.getdoc(obj) or ""), f"{mod.__name__}.{name} has no example"
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 5
    plt.close("all")


def _span(html: str, word: str) -> tuple[str, str, str]:
    """(class, title, note) of the first highlighted ``word`` in ``html``."""
    m = re.search(
        rf'<span class="([^"]+)" style="[^"]*" title="([^"]+)">{word}</span>'
        r'(<sub class="tg-x">[^<]*</sub>)?',
        html,
    )
    assert m is not None, word
    return m.group(1), m.group(2), m.group(3) or ""


def test_document_view_for_every_method() -> None:
    """Each paragraph's badge is the method's polarity as its reference package gives it."""
    import math

    import pytest

    textblob = pytest.importorskip("textblob")
    afinn = pytest.importorskip("afinn")
    doc = tg.Document("\n".join(tg.demo.sample_article().splitlines()[:4]), paragraphs="line")
    texts = doc.paragraphs["text"].tolist()
    expected = {
        "vader": [VADER.polarity_scores(t)["compound"] for t in texts],
        "textblob": [textblob.TextBlob(t).sentiment.polarity for t in texts],
        "afinn": [math.tanh(afinn.Afinn().score(t) / 5) for t in texts],
        "textgauge": scorer.score(texts).tolist(),
    }
    for method, want in expected.items():
        html = tgd.document(doc, method=method)._repr_html_()
        badges = [float(x) for x in re.findall(r'class="tg-s"[^>]*>([+-][0-9.]+)<', html)]
        assert badges == pytest.approx(want, abs=5e-5), method
        assert html.count("¶") == len(texts)
    with pytest.raises(tg.OptionError):
        tgd.document(doc, method="nope")
    with pytest.raises(tg.OptionError):
        tgd.document_html(doc, method="afinn", analyzer=tg.SentimentIntensityAnalyzer())


def test_textgauge_view_marks_what_lexicons_misread_in_the_article() -> None:
    """The issue's news cases in the document view: the lexicon values (vaderSentiment's and
    afinn's own) and the rule that neutralised each word, struck through; `escape` too (VADER
    +0.7, AFINN -1: the lexicons read different senses)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import afinn

    af = afinn.Afinn(emoticons=True)._dict
    article = tg.Document(tg.demo.sample_article(), paragraphs="line")
    html = tgd.document(article, method="textgauge")._repr_html_()
    for word, rule in [
        ("no", "no-determiner"),
        ("like", "like-preposition"),
        ("well", "well-function-word"),
        ("allow", "allow-to"),
        ("escape", "lexicons-disagree"),
    ]:
        cls, title, note = _span(html, word)
        assert cls == "tg-t tg-z", word  # struck through: counted nothing
        lexicons = f"lexicon vader {VADER.lexicon[word]:+.3f}" + (
            f", afinn {af[word]:+.3f}" if word in af else ""
        )
        assert title.startswith(f"{word}: +0.000 (") and rule in title and lexicons in title
        assert rule in note and f"vader {VADER.lexicon[word]:+g}" in note
    _, title, _ = _span(html, "escape")
    assert "lexicon vader +0.700, afinn -1.000" in title
    # "like" as a verb counts in the same view
    cls, _, note = _span(tgd.highlight("I like it", method="textgauge"), "like")
    assert cls == "tg-t" and note == ""


def test_explanation_and_sentiment_views_of_every_method() -> None:
    for method in ("vader", "textblob", "afinn", "textgauge"):
        ex = tg.explain("The talks were not good, and no one was happy!", method=method)
        html = tgd.explanation(ex)._repr_html_()
        assert f"{ex.attrs['polarity']:+.4f}" in html, method
        df = tg.sentiment(["Good.", "Bad."], method=method)
        view = tgd.sentiment(df, method=method)._repr_html_()
        assert "2 rows" in view and f"{df['polarity'][0]:+.4f}" in view, method
        # the method is read off the frame's own columns when not given
        assert tgd.sentiment(df)._repr_html_() == view
        for col in df.columns[1:]:
            assert f"<th>{col}</th>" in view
