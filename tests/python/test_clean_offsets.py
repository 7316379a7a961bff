"""A cleaned corpus keeps offsets into the original text (docs/cleaning.md#offsets).

A unit's original span runs from the origin of its first character to the end of the origin
of its last: a character copied from the original comes from itself, one of replaced text
(``&`` from ``&amp;``, ``_URL_`` from a URL, the one space of a run) from the whole replaced
text. So, for every token of a cleaned corpus:

* the corpus tokenizes the cleaned text: its tokens are those of an uncleaned corpus of the
  cleaned texts, in the same order;
* its span is that of :func:`textgauge.clean.with_origins` for the token's characters;
* ``original[start:end]``, cleaned on its own, gives the token back (for the local steps of
  the news cleaning, whose result does not depend on the text around);
* spans never go backwards.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgauge as tg
from dirty_text import dirty_text, dirty_texts

NEWS = tg.clean.NEWS
ALL = (
    "boilerplate", "html_tags", "html_entities", "urls", "emails", "phone_numbers",
    "currency_symbols", "numbers", "emojis", "hashtags", "user_handles", "hyphenated_words",
    "brackets", "quotes", "dashes", "unicode", "accents", "spaces",
)  # fmt: skip


def check_offsets(texts: list[str], steps: tuple[str, ...], *, local: bool) -> int:
    corpus = tg.Corpus.from_texts(texts, clean=list(steps))
    assert corpus.texts == texts  # the texts as given
    cleaned = tg.clean.clean_texts(texts, list(steps))
    plain = tg.Corpus.from_texts(cleaned)
    tok, ref = corpus.tokens, plain.tokens
    assert len(tok) == len(ref)
    assert (tok["term"].astype(str).to_numpy() == ref["term"].astype(str).to_numpy()).all()
    origins = tg.clean.cleaner(list(steps)).with_origins(texts)
    base = np.cumsum([0] + [len(o.text) for o in origins])  # each cleaned text's first character
    all_start = np.concatenate([o.start for o in origins] + [np.zeros(1, np.int64)])
    all_end = np.concatenate([o.end for o in origins] + [np.zeros(1, np.int64)])
    doc = tok["document"].to_numpy().astype(np.int64)
    start, end = tok["start"].to_numpy(), tok["end"].to_numpy()
    assert (start == all_start[base[doc] + ref["start"].to_numpy()]).all()
    assert (end == all_end[base[doc] + ref["end"].to_numpy() - 1]).all()
    same = doc[1:] == doc[:-1]
    assert (np.diff(start)[same] >= 0).all() and (np.diff(end)[same] >= 0).all()
    texts_of = tok["text"].tolist()  # original[start:end] of each token
    if local:
        back = tg.clean.clean_texts(texts_of, list(steps))
        assert back == ref["text"].tolist()
    # byte offsets agree with the code-point ones
    utf8 = [t.encode() for t in texts]
    bs, be = tok["byte_start"].to_numpy(), tok["byte_end"].to_numpy()
    assert [utf8[d][s:e].decode() for d, s, e in zip(doc, bs, be)] == texts_of
    # paragraphs and sentences: the same definition
    for name in ("paragraphs", "sentences"):
        units, plain_units = getattr(corpus, name), getattr(plain, name)
        d = units["document"].to_numpy().astype(np.int64)
        assert (
            units["start"].to_numpy() == all_start[base[d] + plain_units["start"].to_numpy()]
        ).all()
        assert (
            units["end"].to_numpy() == all_end[base[d] + plain_units["end"].to_numpy() - 1]
        ).all()
    return len(tok)


def test_offsets_on_generated_dirty_text() -> None:
    texts = dirty_texts(1500, seed=1)
    assert check_offsets(texts, NEWS, local=True) > 5000
    check_offsets(texts, ALL, local=False)


@settings(max_examples=25, deadline=None)
@given(st.lists(dirty_text, min_size=1, max_size=30))
def test_offsets_on_hypothesis_text(texts: list[str]) -> None:
    check_offsets(texts, NEWS, local=True)
    check_offsets(texts, ALL, local=False)


def test_replaced_text_maps_to_the_whole_replacement() -> None:
    text = "AT&amp;T  shares #39;s <b>pro</b>fit see http://x.com/a exam-\nple"
    c = tg.Corpus.from_texts(
        [text], clean=["html_entities", "html_tags", "urls", "hyphenated_words", "spaces"]
    )
    got = [(r.text, r.term) for r in c.tokens.itertuples()]
    assert got == [
        ("AT", "at"), ("&amp;", "&"), ("T", "t"), ("shares #39;s", "shares's"),
        ("pro</b>fit", "profit"), ("see", "see"), ("http://x.com/a", "_url_"),
        ("exam-\nple", "example"),
    ]  # fmt: skip
    # KWIC shows what the user gave
    kw = c.kwic("profit", window=1)
    assert kw["keyword"].tolist() == ["pro</b>fit"]


def test_clean_true_pickles_and_documents() -> None:
    import pickle

    c = tg.Corpus.from_texts(["a &amp; b", "x"], ids=["p", "q"], clean=True)
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.options["clean"] == tg.clean.cleaner(True)
    pd.testing.assert_frame_equal(c2.tokens, c.tokens)
    d = tg.Document("it #39;s &lt;b&gt;", clean=True)
    assert d.text == "it #39;s &lt;b&gt;"
    assert d.tokens["term"].astype(str).tolist() == ["it's"]
    assert tg.Corpus.from_texts(["a &amp; b"], clean=False).options["clean"] is None


@pytest.mark.shared_data
def test_offsets_on_a_sample_of_the_shared_corpora(news_lines: list[str]) -> None:
    assert check_offsets(news_lines[::20], NEWS, local=True) > 100_000


@pytest.mark.shared_data
@pytest.mark.slow
def test_offsets_on_every_paragraph_of_the_shared_corpora(news_lines: list[str]) -> None:
    assert check_offsets(news_lines, NEWS, local=True) > 3_000_000


@pytest.mark.shared_data
@pytest.mark.slow
def test_offsets_with_every_step_on_the_shared_corpora(news_lines: list[str]) -> None:
    check_offsets(news_lines, ALL, local=False)


def test_cleaned_corpus_does_not_depend_on_the_thread_count() -> None:
    texts = dirty_texts(3000, seed=2)
    one = tg.Corpus.from_texts(texts, clean=list(ALL), threads=1)
    for threads in (2, 8):
        many = tg.Corpus.from_texts(texts, clean=list(ALL), threads=threads)
        pd.testing.assert_frame_equal(many.tokens, one.tokens)
        pd.testing.assert_frame_equal(many.sentences, one.sentences)
    assert tg.clean.clean_texts(texts, list(ALL), threads=8) == tg.clean.clean_texts(
        texts, list(ALL), threads=1
    )


def test_statistics_read_the_cleaned_text() -> None:
    texts = ["It #39;s &lt;b&gt;GREAT&lt;/b&gt; :) news. Truly.", "Bad &amp; sad.\n\nOk."]
    c = tg.Corpus.from_texts(texts, clean=True)
    plain = tg.Corpus.from_texts(tg.clean.clean_texts(texts))
    for level in ("document", "paragraph", "sentence"):
        whole = c.sentiment(level)["compound"].tolist()
        assert whole == plain.sentiment(level)["compound"].tolist()
        assert whole == [x for d in c for x in d.sentiment(level)["compound"].tolist()]
    assert c.frequency()["term"].tolist() == plain.frequency()["term"].tolist()


def test_compounding_a_cleaning_corpus_keeps_original_offsets() -> None:
    text = (
        "LONDON &amp; New York stocks rose. New York traders cheered &#39;loudly&#39;."
        "\n\nNew York again and New York."
    )
    cc = tg.Corpus.from_texts([text], clean=True).compound(["new york"])
    tokens = cc.tokens
    assert tokens["term"].tolist().count("new_york") == 4
    for t, start, end in zip(tokens["text"], tokens["start"], tokens["end"], strict=True):
        assert text[start:end] == t
    assert tokens["text"].tolist()[:3] == ["LONDON", "&amp;", "New York"]
    assert cc.frequency()["term"].iloc[0] == "new_york"
