"""The HTML views: scores and valences as vaderSentiment computes them, escaped text, a
colour-blind-safe palette, and long inputs summarised."""

from __future__ import annotations

import re

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Vader

import textgauge as tg
import textgauge.display as tgd

VADER = Vader()


def test_document_html_has_each_paragraph_with_vader_compound() -> None:
    doc = tg.Document(tg.demo.sample_article(), paragraphs="line")
    html = doc._repr_html_()
    badges = [float(x) for x in re.findall(r'title="VADER compound">([+-][0-9.]+)<', html)]
    assert badges == [VADER.polarity_scores(t)["compound"] for t in doc.paragraphs["text"]]
    assert html.count("¶") == len(doc)


def test_highlight_uses_explain_valences_with_rules() -> None:
    html = tgd.highlight("The food is not very good, but the service was GREAT!!")
    spans = re.findall(r'title="([^"]+)">([^<]+)</span>', html)
    assert [w for _, w in spans] == ["good,", "GREAT!!"]
    ex = tg.SentimentIntensityAnalyzer().explain(
        "The food is not very good, but the service was GREAT!!"
    )
    good = float(ex["valence"].iloc[5])
    assert spans[0][0] == f"good,: {good:+.3f} (booster,negation,but)"
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
