"""The report `make demo` and `textgauge demo [FILE]` print: one article, read for a person.

It answers, in a screen or two: what is the overall tone, which sentences carry it,
how it moves paragraph by paragraph, and what the text is about. Every number is
VADER's compound score (vaderSentiment 3.3.2, exactly), explained in words once.
"""

from __future__ import annotations

import re
import textwrap
from importlib import resources
from typing import TextIO, cast

import numpy as np
import pandas as pd

from . import _corpus
from ._corpus import ParagraphMode
from ._locking import reads_corpus
from .stopwords import get_stop_words
from .text import Corpus, Document

__all__ = ["REPORTING_WORDS", "report", "sample_article", "tone", "top_terms"]

# Words that top every news article's frequency list without saying what it is about:
# reporting verbs and honorifics. The demo leaves them out of its top terms.
REPORTING_WORDS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "add",
        "adds",
        "added",
        "according",
        "state",
        "states",
        "stated",
        "note",
        "notes",
        "noted",
        "report",
        "reports",
        "reported",
        "reportedly",
        "ask",
        "asks",
        "asked",
        "announce",
        "announced",
        "explain",
        "explained",
        "claim",
        "claimed",
        "quote",
        "quoted",
        "describe",
        "described",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)

WIDTH = 96  # every line of the report fits a 100-column terminal
MAX_PARAGRAPH_ROWS = 20  # a longer text shows its first 12 and last 5 paragraphs
SENTENCES_SHOWN = 3  # most positive and most negative sentences


def sample_article() -> str:
    """The bundled demo document: a news article from March 2022, one paragraph per line.

    Example:
        >>> sample_article().splitlines()[0][:40]
        'Russia is no closer to backing down from'
    """
    return resources.files("textgauge").joinpath("data/sample_article.txt").read_text("utf-8")


@reads_corpus
def top_terms(
    corpus: Corpus,
    n: int = 10,
    stop_words: str | None = "english",
    exclude: frozenset[str] = frozenset(),
    numbers: bool = False,
) -> pd.DataFrame:
    """The ``n`` most frequent word terms (and number terms with ``numbers``; ties by first
    occurrence), without stop words and the terms in ``exclude``.

    >>> from textgauge import Corpus
    >>> top_terms(Corpus.from_texts(["the cat and the cat, a dog"]), 2)["term"].tolist()
    ['cat', 'dog']
    >>> top_terms(
    ...     Corpus.from_texts(["He said the cat said"]), 2, exclude=REPORTING_WORDS
    ... )["term"].tolist()
    ['cat']
    """
    cols = _corpus.table(corpus, "token")
    words = cols["term"][(cols["kind"] == 0) | (numbers & (cols["kind"] == 1))]
    counts = np.bincount(words, minlength=len(corpus.vocabulary))
    stop = get_stop_words(stop_words) | exclude
    vocab = corpus.vocabulary
    order = np.argsort(-counts, kind="stable")
    rows = [(vocab[i], int(counts[i])) for i in order if counts[i] and vocab[i] not in stop][:n]
    return pd.DataFrame(rows, columns=["term", "count"])


def html_residue_sample(text: str | None = None) -> list[str]:
    """The paragraphs of ``text`` (default: the sample article) as a careless news feed
    delivers them: apostrophes as the broken reference `` #39;``, quotes as `` quot;``, each
    paragraph's lead in escaped bold (``&lt;b&gt;...&lt;/b&gt;``) and a link after it.

    >>> print(html_residue_sample("It\u2019s \u201cgood\u201d, we said.")[0])  # doctest: +ELLIPSIS
    &lt;b&gt;It #39;s quot;good quot;,&lt;/b&gt; we said. &lt;A HREF="http://www...&gt;more&lt;/A&gt;
    """
    out = []
    for p in (sample_article() if text is None else text).splitlines():
        if not p.strip():
            continue
        p = re.sub("[\u2019']", " #39;", p)
        p = re.sub('[\u201c\u201d"]', " quot;", p).replace("  quot;", " quot;")
        words = p.split(" ")
        lead = " ".join(words[:4])
        link = '&lt;A HREF="http://www.example.com/news"&gt;more&lt;/A&gt;'
        out.append(f"&lt;b&gt;{lead}&lt;/b&gt; {' '.join(words[4:])} {link}".replace("  ", " "))
    return out


def tone(compound: float) -> str:
    """A compound score in words: VADER's ±0.05 neutral band, then slightly (< 0.3),
    moderately (< 0.6) or strongly positive or negative.

    >>> [tone(x) for x in (0.0, -0.049, 0.05, -0.14, 0.45, -0.9)]  # doctest: +NORMALIZE_WHITESPACE
    ['neutral', 'neutral', 'slightly positive', 'slightly negative', 'moderately positive',
     'strongly negative']
    """
    if -0.05 < compound < 0.05:
        return "neutral"
    strength = (
        "slightly" if abs(compound) < 0.3 else "moderately" if abs(compound) < 0.6 else "strongly"
    )
    return f"{strength} {'positive' if compound > 0 else 'negative'}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _sentence_lines(rows: pd.DataFrame) -> list[str]:
    lines = []
    for r in rows.itertuples():
        head = f"  {r.compound:+.4f}  ¶{r.paragraph:<3} "
        body = textwrap.wrap(
            " ".join(str(r.text).split()), WIDTH - len(head), max_lines=2, placeholder=" …"
        )
        lines.append(head + body[0])
        lines.extend(" " * len(head) + b for b in body[1:])
    return lines


def report(
    out: TextIO,
    text: str | None = None,
    *,
    paragraphs: ParagraphMode = "line",
    name: str | None = None,
) -> None:
    """Writes the report on ``text`` (default: the bundled sample article) to ``out``.

    ``paragraphs="line"`` takes every non-blank line as a paragraph; ``"blank"``
    separates paragraphs by blank lines. ``name`` titles the report (a file name).

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> report(out, "Good news.\\nBad news!", name="two lines")
        >>> print(out.getvalue().splitlines()[2])
        Overall tone: slightly negative (-0.0722 on a scale from -1 to +1)
    """
    doc = Document(sample_article() if text is None else text, paragraphs=paragraphs)
    title = name or "the bundled sample article (a news report, March 2022)"
    sentences = doc.sentiment("sentence")
    n_words = int((doc.tokens["kind"] == "word").sum())
    w = out.write
    w(f"textgauge report on {title}\n")
    w(f"{len(doc)} paragraphs, {len(sentences)} sentences, {n_words} words\n")
    if len(sentences) == 0:
        w("\nThere is no text to report on.\n")
        return

    # The whole text as the length-weighted mean of its sentences: VADER's compound
    # of one long text saturates at ±1 (the sample article would read -0.98).
    overall = float(doc.sentiment("document", mode="sentences")["compound"].iloc[0])
    labels = [tone(x) for x in sentences["compound"]]
    counts = {
        k: sum(label.endswith(k) for label in labels) for k in ("positive", "negative", "neutral")
    }
    w(f"Overall tone: {tone(overall)} ({overall:+.4f} on a scale from -1 to +1)\n")
    explanation = (
        "Scores are VADER sentiment (the compound score of vaderSentiment, reproduced exactly): "
        "-1 is the most negative, +1 the most positive, and -0.05 to +0.05 counts as neutral. "
        "The whole text's score is the mean of its sentences' scores, each weighted by its "
        f"length. Of the {len(sentences)} sentences, {counts['positive']} read positive, "
        f"{counts['negative']} negative and {counts['neutral']} neutral."
    )
    w(textwrap.fill(explanation, WIDTH, initial_indent="  ", subsequent_indent="  ") + "\n")

    by_score = sentences.sort_values("compound", kind="stable")
    positive = by_score[by_score["compound"] >= 0.05].iloc[::-1].head(SENTENCES_SHOWN)
    negative = by_score[by_score["compound"] <= -0.05].head(SENTENCES_SHOWN)
    for heading, rows in (
        ("Most positive sentences", positive),
        ("Most negative sentences", negative),
    ):
        w(f"\n{heading} (score, paragraph, sentence):\n")
        w("\n".join(_sentence_lines(rows)) + "\n" if len(rows) else "  (none)\n")

    par = doc.sentiment("paragraph", mode="sentences")
    texts = doc.paragraphs.set_index("paragraph")["text"]
    shown = par if len(par) <= MAX_PARAGRAPH_ROWS else pd.concat([par.head(12), par.tail(5)])
    w("\nParagraph by paragraph (each the length-weighted mean of its sentences):\n")
    w(f"  {'¶':>4}  {'score':>7}  {'tone':<19}  text\n")
    previous = -1
    for r in shown.itertuples():
        paragraph, compound = cast(int, r.paragraph), cast(float, r.compound)  # columns' types
        if paragraph != previous + 1:
            w(f"  {'…':>4}  ({paragraph - previous - 1} more paragraphs)\n")
        previous = paragraph
        w(
            f"  {paragraph:>4}  {compound:+.4f}  {tone(compound):<19}  "
            f"{_clip(texts[paragraph], WIDTH - 40)}\n"
        )
    if len(shown) < len(par):
        w("  Every paragraph: textgauge sentiment FILE --level paragraph --paragraphs line\n")

    terms = top_terms(doc.corpus, 12, exclude=REPORTING_WORDS)
    w(
        "\nWhat it is about (the most frequent words, without stop words and reporting verbs like "
        "'said'):\n"
    )
    listing = ", ".join(f"{t} ({c})" for t, c in zip(terms["term"], terms["count"]))
    w(textwrap.fill(listing or "(none)", WIDTH, initial_indent="  ", subsequent_indent="  ") + "\n")
    if text is None:
        raw = html_residue_sample()
        before = top_terms(Corpus.from_texts(raw), 6, exclude=REPORTING_WORDS, numbers=True)
        after = top_terms(
            Corpus.from_texts(raw, clean=True), 6, exclude=REPORTING_WORDS, numbers=True
        )
        w(
            "\nThe same article from a careless news feed (' as #39;, markup as &lt;b&gt;), "
            "its top terms:\n"
        )
        for label, t in (("as it comes:", before), ("clean=True: ", after)):
            w(f"  {label} " + ", ".join(f"{a} ({b})" for a, b in zip(t["term"], t["count"])) + "\n")
        w(
            "\nYour own text: textgauge demo FILE (one paragraph per line, or --paragraphs blank\n"
            "when blank lines separate them).\n"
        )
