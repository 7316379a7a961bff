"""Cleaning (``corpus_options={"clean": ...}``) and compounding through the merged paths:
``textgauge.dask`` (lookup, phrases, frequency, keyness, collocations) and
``textgauge.partial``, whose tables must equal those of one in-memory Corpus of all the
texts cleaned (and compounded) the same way - and differ from the uncleaned ones, so that
the option is seen to reach every partition."""

from __future__ import annotations

import random
from typing import Any

import pandas as pd
import pytest

import textgauge as tg
from conftest import local_paragraphs
from textgauge.partial import CollocationStats, GroupedTermStats

dask = pytest.importorskip("dask", reason="textgauge.dask needs dask")
dd = pytest.importorskip("dask.dataframe", reason="textgauge.dask needs dask[dataframe]")
db = pytest.importorskip("dask.bag", reason="textgauge.dask needs dask")

import textgauge.dask as tgd  # noqa: E402

# HTML residue as news feeds carry it (issue #18): entities, the broken " #39;" form, tags
RESIDUE = [
    "It&#39;s <b>great</b> news from New&nbsp;York.",
    "it #39;s &lt;b&gt;awful&lt;/b&gt; in New York",
    "<p>New York &amp; Bank of America</p>",
    "&quot;Good&quot; said the <i>Bank of America</i>.",
]
CLEAN: dict[str, Any] = {"clean": True}
STEPS: dict[str, Any] = {"clean": ["html_entities", "html_tags", "whitespace"]}
LEXICON = tg.Dictionary({"pos": ["great", "good*"], "neg": ["awful"], "markup": ["lt", "gt", "39"]})


def dirty_texts(n: int = 60) -> list[str]:
    rng = random.Random(18)
    out = []
    for text in local_paragraphs(n, seed=18):
        words = text.split(" ")
        for _ in range(3):
            words.insert(rng.randrange(len(words) + 1), rng.choice(RESIDUE))
        out.append(" ".join(words))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return dirty_texts()


def series(texts: list[str], parts: int = 4) -> Any:
    index = [f"d{i:03d}" for i in range(len(texts))]
    return dd.from_pandas(pd.Series(texts, index=index, name="text"), npartitions=parts, sort=False)


@pytest.mark.parametrize("options", [CLEAN, STEPS], ids=["news", "steps"])
def test_lookup_with_clean_equals_corpus(texts: list[str], options: dict[str, Any]) -> None:
    index = [f"d{i:03d}" for i in range(len(texts))]
    expected = tg.Corpus.from_texts(texts, ids=index, **options).lookup(LEXICON, level="paragraph")
    with dask.config.set(scheduler="sync"):
        got = tgd.lookup(series(texts), LEXICON, corpus_options=options, level="paragraph")
        got = got.compute()
        bag = tgd.lookup(db.from_sequence(texts, npartitions=3), LEXICON, corpus_options=options)
        bag = bag.compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    whole = tg.Corpus.from_texts(texts, **options).lookup(LEXICON)
    pd.testing.assert_frame_equal(bag.reset_index(drop=True), whole)
    # cleaned: no markup left, "It's" whole; uncleaned the markup counts
    assert expected["markup"].sum() == 0
    raw = tg.Corpus.from_texts(texts).lookup(LEXICON)
    assert raw["markup"].sum() > 100 and raw["tokens"].sum() > whole["tokens"].sum()


def test_phrases_with_clean_equal_corpus(texts: list[str]) -> None:
    opts: dict[str, Any] = {"min_count": 3, "threshold": 1.0}
    with dask.config.set(scheduler="sync"):
        got = tgd.phrases(series(texts), corpus_options=CLEAN, split_every=2, **opts)
        bag = tgd.phrases(db.from_sequence(texts, npartitions=3), corpus_options=CLEAN, **opts)
    ref = tg.Phrases(tg.Corpus.from_texts(texts, clean=True), **opts)
    assert got == ref and bag == ref
    assert got.export_phrases() == ref.export_phrases()
    found = got.export_phrases()
    raw = tg.Phrases(tg.Corpus.from_texts(texts), **opts).export_phrases()
    # the entities decoded and the tags gone: "It's <b>great</b>" is a phrase only cleaned
    assert {"it's_great", "great_news", "it's_awful"} <= set(found) - set(raw)
    assert found["new_york"] > raw["new_york"]  # "New&nbsp;York" counted too


def test_frequency_keyness_collocations_with_clean_equal_corpus(texts: list[str]) -> None:
    groups = ["a" if i % 3 else "b" for i in range(len(texts))]
    corpus = tg.Corpus.from_texts(texts, clean=True)
    s = series(texts)
    g = dd.from_pandas(pd.Series(groups, index=s.index.compute()), npartitions=4, sort=False)
    with dask.config.set(scheduler="sync"):
        freq = tgd.frequency(s, groups=g, corpus_options=CLEAN, split_every=2)
        key = tgd.keyness(s, "b", groups=g, measure="lr", corpus_options=CLEAN)
        col = tgd.collocations(s, measure=["pmi", "likelihood_ratio"], corpus_options=CLEAN)
    pd.testing.assert_frame_equal(freq, corpus.frequency(groups=groups))
    ref = corpus.keyness("b", groups=groups, measure="lr")
    assert key["term"].tolist() == ref["term"].tolist()
    assert key["n_target"].tolist() == ref["n_target"].tolist()
    assert key["lr"].tolist() == pytest.approx(ref["lr"].tolist(), rel=1e-12)
    ref = corpus.collocations(measure=["pmi", "likelihood_ratio"])
    assert col["collocation"].astype(str).tolist() == ref["collocation"].astype(str).tolist()
    assert col["count"].tolist() == ref["count"].tolist()
    assert col["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)
    assert "gt" not in set(freq["term"]) and "gt" in set(tg.Corpus.from_texts(texts).vocabulary)


def test_partial_with_clean_and_compound_equals_corpus(texts: list[str]) -> None:
    """textgauge.partial in two parts, merged: cleaned and compounded as one Corpus."""
    expressions = ["new york", "bank of america"]
    joined = tg.Corpus.from_texts(texts, clean=True).compound(expressions)
    half = len(texts) // 2
    labels = ["a" if i % 3 else "b" for i in range(len(texts))]
    options: dict[str, Any] = {"corpus_options": CLEAN, "compound": expressions}
    first = GroupedTermStats.from_texts(texts[:half], labels[:half], part=0, **options)
    second = GroupedTermStats.from_texts(texts[half:], labels[half:], part=1, **options)
    merged = second.merged(first)
    pd.testing.assert_frame_equal(merged.frequency(), joined.frequency(groups=labels))
    counts = merged.frequency().set_index(["group", "term"])["frequency"]
    unjoined = tg.Corpus.from_texts(texts, clean=True).frequency(groups=labels)
    raw = unjoined.set_index(["group", "term"])["frequency"]
    # every "New York" joined: new_york counts what "york" counted without compounding
    for g in ("a", "b"):
        assert counts[(g, "new_york")] == raw[(g, "york")] and (g, "york") not in counts.index
    cols = CollocationStats.from_texts(texts[:half], **options).merged(
        CollocationStats.from_texts(texts[half:], **options)
    )
    ref = joined.collocations(measure="pmi")
    got = cols.scores(measure="pmi")
    assert got["collocation"].astype(str).tolist() == ref["collocation"].astype(str).tolist()
    assert got["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)
    assert any("bank_of_america" in c for c in got["collocation"].astype(str))
    # a delimiter of their own
    plus = GroupedTermStats.from_texts(
        texts[:half], None, part=0, compound=expressions, compound_delimiter="+"
    )
    assert "new+york" in set(plus.frequency()["term"])


def test_dask_compound_equals_the_compounded_corpus(texts: list[str]) -> None:
    """compound= on the merged Dask statistics: the tables of Corpus.compound on all the
    texts, with a list of expressions or a Phrases model learned first (shipped as its
    expressions)."""
    model = tg.Phrases(tg.Corpus.from_texts(texts, clean=True), min_count=3, threshold=5.0)
    assert "new_york" in model.export_phrases()
    corpus = tg.Corpus.from_texts(texts, clean=True)
    groups = ["a" if i % 3 else "b" for i in range(len(texts))]
    s = series(texts)
    g = dd.from_pandas(pd.Series(groups, index=s.index.compute()), npartitions=4, sort=False)
    lexicon = tg.Dictionary({"city": ["new_york"], "york": ["york"]})
    for spec, delimiter in ((["new york", "bank of america"], "+"), (model, None)):
        joined = corpus.compound(spec, delimiter=delimiter)
        both: dict[str, Any] = {
            "corpus_options": CLEAN,
            "compound": spec,
            "compound_delimiter": delimiter,
        }
        with dask.config.set(scheduler="sync"):
            freq = tgd.frequency(s, groups=g, split_every=2, **both)
            key = tgd.keyness(s, "b", groups=g, measure="lr", **both)
            col = tgd.collocations(s, measure="pmi", **both)
            hits = tgd.lookup(s, lexicon, **both).compute()
        pd.testing.assert_frame_equal(freq, joined.frequency(groups=groups))
        ref = joined.keyness("b", groups=groups, measure="lr")
        assert key["term"].tolist() == ref["term"].tolist()
        assert key["lr"].tolist() == pytest.approx(ref["lr"].tolist(), rel=1e-12)
        ref = joined.collocations(measure="pmi")
        assert col["collocation"].astype(str).tolist() == ref["collocation"].astype(str).tolist()
        assert col["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)
        index = [f"d{i:03d}" for i in range(len(texts))]
        expected = tg.Corpus.from_texts(texts, ids=index, clean=True)
        expected = expected.compound(spec, delimiter=delimiter).lookup(lexicon)
        pd.testing.assert_frame_equal(hits.reset_index(drop=True), expected)
    # the model's phrases joined as gensim's phrases[sentence] joins them (greedy, left to
    # right: "from new york" may give from_new), and the dictionary's new_york counts them
    city = int(hits["city"].sum())
    assert city > 0 and city == int(freq[freq["term"] == "new_york"]["frequency"].sum())
    with pytest.raises(TypeError, match="not one str"):
        tgd.frequency(s, compound="new york")  # refused before any task runs
