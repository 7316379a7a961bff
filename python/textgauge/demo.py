"""The report `make demo` prints: the bundled sample article, paragraph by paragraph."""

from __future__ import annotations

from importlib import resources
from typing import TextIO

import numpy as np
import pandas as pd

from ._locking import reads_corpus
from .stopwords import get_stop_words
from .text import Corpus, Document

__all__ = ["sample_article", "top_terms", "report"]


def sample_article() -> str:
    """The bundled demo document: a news article from March 2022, one paragraph per line.

    Example:
        >>> sample_article().splitlines()[0][:40]
        'Russia is no closer to backing down from'
    """
    return resources.files("textgauge").joinpath("data/sample_article.txt").read_text("utf-8")


@reads_corpus
def top_terms(corpus: Corpus, n: int = 10, stop_words: str | None = "english") -> pd.DataFrame:
    """The ``n`` most frequent word terms (ties by first occurrence), without stop words.

    >>> from textgauge import Corpus
    >>> top_terms(Corpus.from_texts(["the cat and the cat, a dog"]), 2)["term"].tolist()
    ['cat', 'dog']
    """
    cols = corpus._table("token")
    words = cols["term"][cols["kind"] == 0]
    counts = np.bincount(words, minlength=len(corpus.vocabulary))
    stop = get_stop_words(stop_words)
    vocab = corpus.vocabulary
    order = np.argsort(-counts, kind="stable")
    rows = [(vocab[i], int(counts[i])) for i in order if counts[i] and vocab[i] not in stop][:n]
    return pd.DataFrame(rows, columns=["term", "count"])


def report(out: TextIO, text: str | None = None, *, paragraphs: str = "line") -> None:
    """Writes the per-paragraph report of `text` (default: the sample article).

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> report(out, "Good news.\\nBad news!")
        >>> out.getvalue().splitlines()[0][:40]
        '<textgauge.Document: 2 paragraphs, 2 sen'
    """
    doc = Document(sample_article() if text is None else text, paragraphs=paragraphs)
    sents = doc.sentences.groupby("paragraph").size()
    toks = doc.tokens
    ntok = toks.groupby("paragraph").size()
    nword = toks[toks["kind"] == "word"].groupby("paragraph").size()
    table = pd.DataFrame({
        "sentences": sents,
        "tokens": ntok,
        "words": nword,
    }).reindex(range(len(doc)), fill_value=0)
    table.index.name = "paragraph"
    # VADER compound of each paragraph, exactly as vaderSentiment scores its text
    sentiment = doc.sentiment("paragraph").set_index("paragraph")["compound"]
    table["sentiment"] = sentiment.reindex(table.index, fill_value=0.0)
    table["text"] = [t if len(t) <= 60 else t[:57] + "..." for t in doc.paragraphs["text"]]
    out.write(f"{doc!r}\n\n")
    with pd.option_context("display.max_colwidth", 70, "display.width", 120):
        out.write(table.to_string() + "\n\n")
    out.write("Top terms (stop words removed):\n")
    out.write(top_terms(doc.corpus, 10).to_string(index=False) + "\n")
