"""textgauge.dask.phrases: the Phrases model of partitioned texts equals that of one corpus."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conftest import local_paragraphs

dd = pytest.importorskip("dask.dataframe", reason="textgauge.dask needs dask[dataframe]")
db = pytest.importorskip("dask.bag", reason="textgauge.dask needs dask")

import textgauge as tg  # noqa: E402
import textgauge.dask as tgd  # noqa: E402
from textgauge.phrases import ENGLISH_CONNECTOR_WORDS  # noqa: E402

OPTIONS: list[dict[str, Any]] = [
    {"min_count": 2, "threshold": 2.0},
    {
        "min_count": 2,
        "threshold": 0.2,
        "scoring": "npmi",
        "connector_words": ENGLISH_CONNECTOR_WORDS,
    },
]


@pytest.mark.parametrize("options", OPTIONS)
def test_phrases_equal_one_corpus(options: dict[str, Any]) -> None:
    texts = local_paragraphs(300)
    series = dd.from_pandas(pd.Series(texts, name="text"), npartitions=5, sort=False)
    got = tgd.phrases(series, split_every=2, **options)
    ref = tg.Phrases(tg.Corpus.from_texts(texts), **options)
    assert got == ref
    assert list(got.vocab.items()) == list(ref.vocab.items())
    assert got.export_phrases() == ref.export_phrases()
    assert pickle.loads(pickle.dumps(got)) == got  # what travels between processes
    bag = db.from_sequence(texts, npartitions=3)
    assert tgd.phrases(bag, **options) == ref


def test_second_pass_on_compounded_partitions_equals_one_corpus() -> None:
    """compound=: each partition joins the first model's phrases before counting, so the
    second model equals Phrases over the whole compounded corpus. With a delimiter of its
    own ("+"), the second pass learns phrases of joined terms; with "_" for both,
    export_phrases splits a key such as the_new_york_times at every "_", as gensim's does."""
    texts = local_paragraphs(300) + ["They read the New York Times on Sunday."] * 4
    first = tg.Phrases(tg.Corpus.from_texts(texts), min_count=2, threshold=2.0)
    assert "new_york" in first.export_phrases()
    series = dd.from_pandas(pd.Series(texts, name="text"), npartitions=5, sort=False)
    bag = db.from_sequence(texts, npartitions=3)
    for spec, delimiter in ((first, "+"), (first.expressions(), "+"), (first, None)):
        joined = tg.Corpus.from_texts(texts).compound(spec, delimiter=delimiter)
        ref = tg.Phrases(joined, min_count=2, threshold=2.0)
        both: dict[str, Any] = {"compound": spec, "compound_delimiter": delimiter}
        got = tgd.phrases(series, min_count=2, threshold=2.0, split_every=2, **both)
        assert got == ref and got.export_phrases() == ref.export_phrases()
        assert tgd.phrases(bag, min_count=2, threshold=2.0, **both) == ref
        if delimiter == "+":  # e.g. they+read_the+new: two joined pairs joined
            assert any(all("+" in w for w in p.split("_")) for p in got.export_phrases())
        else:  # counted; export_phrases splits the key at every "_" (gensim's way), so the
            # pair of joined terms is not what is scored, and nothing longer is exported
            assert "the_new_york_times" in got.vocab
            assert not any(p.count("_") >= 2 for p in got.export_phrases())
    with pytest.raises(TypeError, match="not one str"):
        tgd.phrases(series, compound="new york")  # refused before any task runs


@pytest.mark.shared_data
def test_phrases_on_bbc_equal_one_corpus(bbc_files: list[Path]) -> None:
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in bbc_files[:600]]
    series = dd.from_pandas(pd.Series(texts, name="text"), npartitions=4, sort=False)
    got = tgd.phrases(series, connector_words=ENGLISH_CONNECTOR_WORDS)
    ref = tg.Phrases(tg.Corpus.from_texts(texts), connector_words=ENGLISH_CONNECTOR_WORDS)
    assert got == ref and got.table().equals(ref.table())


def test_bad_options_fail_before_computing() -> None:
    series = dd.from_pandas(pd.Series(["a b"]), npartitions=1)
    with pytest.raises(tg.OptionError):
        tgd.phrases(series, scoring="pmi")
    with pytest.raises(ValueError, match="min_count"):
        tgd.phrases(series, min_count=0)
