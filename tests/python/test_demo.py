"""`make demo` / `textgauge demo [FILE]`: a report for a reader, checked against vaderSentiment."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import vaderSentiment.vaderSentiment as vs

import textgauge as tg
from textgauge._corpus import ParagraphMode
from textgauge.demo import REPORTING_WORDS, report, sample_article, tone

REF = vs.SentimentIntensityAnalyzer()


def render(
    text: str | None = None, *, paragraphs: ParagraphMode = "line", name: str | None = None
) -> list[str]:
    out = io.StringIO()
    report(out, text, paragraphs=paragraphs, name=name)
    return out.getvalue().splitlines()


def section(lines: list[str], heading: str) -> list[str]:
    start = next(i for i, x in enumerate(lines) if x.startswith(heading)) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return [x.strip() for x in lines[start:end]]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return render()


@pytest.fixture(scope="module")
def doc() -> tg.Document:
    return tg.Document(sample_article(), paragraphs="line")


def test_fits_a_screen_or_two(lines: list[str]) -> None:
    assert len(lines) <= 60
    assert max(map(len, lines)) <= 100
    assert not any(x.startswith("<textgauge.") for x in lines)  # no developer repr


def test_overall_tone_is_sentence_aware_and_explained(lines: list[str], doc: tg.Document) -> None:
    # The length-weighted mean of the sentences' VADER compound (docs/sentiment.md: -0.1388),
    # not the saturated compound of the whole article as one text.
    assert lines[2] == "Overall tone: slightly negative (-0.1388 on a scale from -1 to +1)"
    assert REF.polarity_scores(sample_article())["compound"] == -0.9823
    text = " ".join(section(lines, "Overall tone"))
    assert "-1 is the most negative, +1 the most positive" in text
    assert "-0.05 to +0.05 counts as neutral" in text
    labels = [tone(REF.polarity_scores(s)["compound"]) for s in doc.sentences["text"]]
    assert (
        f"Of the 22 sentences, {sum(x.endswith('positive') for x in labels)} read positive, "
        f"{sum(x.endswith('negative') for x in labels)} negative and "
        f"{labels.count('neutral')} neutral"
    ) in text


def test_most_positive_and_negative_sentences_are_vaders(
    lines: list[str], doc: tg.Document
) -> None:
    sentences = doc.sentences
    scored = sorted(
        (
            (REF.polarity_scores(t)["compound"], p, t)
            for p, t in zip(sentences["paragraph"], sentences["text"])
        ),
        key=lambda x: x[0],
    )
    for heading, expected in (("Most positive", scored[::-1][:3]), ("Most negative", scored[:3])):
        rows = [
            x
            for x in lines[lines.index(next(x for x in lines if x.startswith(heading))) + 1 :][:6]
            if re.match(r"  [+-]\d", x)
        ]
        assert len(rows) == 3
        for row, (score, paragraph, text) in zip(rows, expected):
            assert row.startswith(f"  {score:+.4f}  ¶{paragraph:<3} ")
            assert " ".join(text.split()).startswith(row[16:].rstrip(" …"))


def test_paragraph_table(lines: list[str], doc: tg.Document) -> None:
    rows = section(lines, "Paragraph by paragraph")[1:]  # after the header
    expected = doc.sentiment("paragraph", mode="sentences")
    assert len(rows) == len(doc) == 14
    for row, (p, compound) in zip(rows, zip(expected["paragraph"], expected["compound"])):
        number, score, *_ = row.split()
        assert (int(number), float(score)) == (p, compound)
        assert tone(compound) in row
    # A one-sentence paragraph keeps vaderSentiment's own score.
    first = next(p for p in sample_article().splitlines() if p.strip())
    assert float(rows[0].split()[1]) == REF.polarity_scores(first)["compound"] == -0.7184


def test_top_terms_leave_out_reporting_verbs(lines: list[str], doc: tg.Document) -> None:
    from textgauge.demo import top_terms

    # Without the exclusion, 'said' is among the 12 most frequent words.
    assert "said" in top_terms(doc.corpus, 12)["term"].tolist()
    about = " ".join(section(lines, "What it is about"))
    assert "said" not in about and "ukrainian (7), russia (6), ukraine (6)" in about
    assert {"said", "says", "told", "according", "mr"} <= REPORTING_WORDS


def test_tone_words() -> None:
    assert [tone(x) for x in (0.0499, -0.05, 0.2999, 0.3, -0.5999, 0.6, 1.0)] == [
        "neutral",
        "slightly negative",
        "slightly positive",
        "moderately positive",
        "moderately negative",
        "strongly positive",
        "strongly positive",
    ]


def test_a_long_text_is_bounded(tmp_path: Path) -> None:
    paragraphs = [p for p in sample_article().splitlines() if p.strip()]
    text = "\n".join(paragraphs[i % len(paragraphs)] for i in range(7600))
    lines = render(text, name="big.txt")
    assert lines[0] == "textgauge report on big.txt"
    assert lines[1].startswith("7600 paragraphs, ")
    assert len(lines) <= 65 and max(map(len, lines)) <= 100
    assert any("(7583 more paragraphs)" in x for x in lines)
    assert "textgauge sentiment FILE --level paragraph" in "\n".join(lines)


def test_no_text(tmp_path: Path) -> None:
    assert render("  \n\n ", name="empty.txt") == [
        "textgauge report on empty.txt",
        "0 paragraphs, 0 sentences, 0 words",
        "",
        "There is no text to report on.",
    ]


def test_cli_demo_prints_the_report(capsys: pytest.CaptureFixture[str], lines: list[str]) -> None:
    from textgauge.cli import main

    assert main(["demo"]) == 0
    assert capsys.readouterr().out.splitlines() == lines


def test_cli_demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from textgauge.cli import main

    path = tmp_path / "mine.txt"
    path.write_text("What a wonderful day.\n\nThe train was late again.\n", encoding="utf-8")
    assert main(["demo", str(path), "--paragraphs", "blank"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"textgauge report on {path}", "2 paragraphs, 2 sentences, 9 words"]
    assert out == render(path.read_text(encoding="utf-8"), paragraphs="blank", name=str(path))
    assert not any("textgauge demo FILE" in x for x in out)  # the hint is for the sample only
