"""Arrow string columns as input: every batch entry point gives what the same texts
give as a list of str, reading the Arrow buffers in place (docs/arrow.md)."""

from __future__ import annotations

import ctypes
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer as SkCountVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderSIA

import textgauge as tg
from conftest import local_paragraphs
from textgauge.sklearn import CountVectorizer, HashingVectorizer, TfidfVectorizer

SPECIAL = [
    "",
    "ok :)",  # short: inline in a string_view
    "NOT GOOD!!! but the café was great 😀",  # long, non-ASCII: out of line
    "good",
    "這部電影很好 and the plot was good",
    "The movie was not very good, but the end was lovely.",
]
TEXTS = local_paragraphs(60) + SPECIAL


class StreamOnly:
    """Only the Arrow PyCapsule stream interface, as a third-party producer has it."""

    def __init__(self, column: Any) -> None:
        self._column = column

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._column.__arrow_c_stream__(requested_schema)


def variants(texts: list[str]) -> Iterator[tuple[str, Any]]:
    a, b = len(texts) // 3, 2 * len(texts) // 3
    yield "pa.string", pa.array(texts)
    yield "pa.large_string", pa.array(texts, pa.large_string())
    yield "pa.string_view", pa.array(texts, pa.string_view())
    yield "chunked", pa.chunked_array([texts[:a], texts[a:b], [], texts[b:]])
    yield "chunked_view", pa.chunked_array([texts[:a], texts[a:]], pa.string_view())
    yield "sliced", pa.array(["pad", *texts, "pad"])[1:-1]
    yield "sliced_large", pa.array(["p", "pad", *texts], pa.large_string())[2:]
    yield "sliced_view", pa.array(["padding over twelve", *texts, "x"], pa.string_view())[1:-1]
    yield "ArrowDtype", pd.Series(texts, dtype=pd.ArrowDtype(pa.string()))
    yield "string[pyarrow]", pd.Series(texts, dtype="string[pyarrow]")
    yield "polars", pl.Series(texts)
    yield "stream only", StreamOnly(pa.chunked_array([texts[:a], texts[a:]]))


IDS = [name for name, _ in variants(TEXTS)]
VARIANTS = dict(variants(TEXTS))


def same_csr(x: Any, y: Any) -> bool:
    return bool(x.shape == y.shape and (x != y).nnz == 0)


# values: the list path matches the references (the rest of the suite checks it on
# whole corpora); here a few rows pin it on these texts ---------------------------


def test_list_path_is_the_reference() -> None:
    vader = VaderSIA()
    df = tg.SentimentIntensityAnalyzer().score(SPECIAL, threads=1)
    for i, t in enumerate(SPECIAL):
        assert df.iloc[i].to_dict() == vader.polarity_scores(t)
    ours = CountVectorizer().fit(TEXTS).get_feature_names_out()
    assert ours.tolist() == SkCountVectorizer().fit(TEXTS).get_feature_names_out().tolist()


# every entry point, every kind of column --------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_score(name: str) -> None:
    sia = tg.SentimentIntensityAnalyzer()
    expected = sia.score(TEXTS, threads=1)
    got = sia.score(VARIANTS[name], threads=2)
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
    assert got.columns.tolist() == ["neg", "neu", "pos", "compound"]


def test_score_keeps_a_series_index() -> None:
    s = pd.Series(SPECIAL, index=list("abcdef"), dtype="string[pyarrow]")
    df = tg.SentimentIntensityAnalyzer().score(s)
    assert df.index.tolist() == list("abcdef")
    assert df.loc["d", "compound"] == VaderSIA().polarity_scores("good")["compound"]


@pytest.mark.parametrize("name", IDS)
def test_vectorizers(name: str) -> None:
    col = VARIANTS[name]
    ref = CountVectorizer()
    X_ref = ref.fit_transform(TEXTS)
    cv = CountVectorizer()
    assert same_csr(cv.fit_transform(col), X_ref)
    assert cv.engine_ == "textgauge"
    assert cv.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    assert same_csr(CountVectorizer().fit(col).transform(col), X_ref)
    tf_ref = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit_transform(TEXTS)
    tf = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit_transform(col)
    assert same_csr(tf, tf_ref)
    h = HashingVectorizer(n_features=2**18)
    assert same_csr(h.transform(col), h.transform(TEXTS))
    pf = CountVectorizer().partial_fit(col)
    assert pf.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()


@pytest.mark.parametrize("name", IDS)
def test_corpus_from_texts(name: str) -> None:
    ref = tg.Corpus.from_texts(TEXTS)
    c = tg.Corpus.from_texts(VARIANTS[name])
    assert c.texts == TEXTS
    assert c.ids == list(range(len(TEXTS)))
    pd.testing.assert_frame_equal(c.tokens, ref.tokens)
    c.add(pa.array(["One more.", "And another."]), ids=["x", "y"])
    assert c.ids[-2:] == ["x", "y"] and c.texts[-1] == "And another."


def test_arrow_added_to_a_compounded_corpus() -> None:
    """A corpus with joined expressions joins them in Arrow texts added later, as in str."""
    c = tg.Corpus.from_texts(["I love New York."]).compound(["new york"])
    d = tg.Corpus.from_texts(["I love New York."]).compound(["new york"])
    c.add(["new york again"])
    d.add(pa.array(["new york again"]))
    pd.testing.assert_frame_equal(d.frequency(), c.frequency())
    counts = d.frequency().set_index("term")["frequency"]
    assert counts["new_york"] == 2 and "new" not in counts.index


def test_a_corpus_leaves_no_utf8_copy_in_non_ascii_str() -> None:
    """Python caches a str's UTF-8 inside it once asked for it (sys.getsizeof shows it):
    the corpus copies the text without leaving that second copy in the caller's str."""
    texts = ["".join(["café ", str(i), " 😀 naïve"]) for i in range(3)]
    before = [sys.getsizeof(t) for t in texts]
    tg.Corpus.from_texts(texts)
    assert [sys.getsizeof(t) for t in texts] == before
    # the measure itself: asking CPython for the UTF-8 (as a string_view caster does) shows
    probe = "".join(["café ", "x"])
    size = sys.getsizeof(probe)
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8
    as_utf8.argtypes, as_utf8.restype = [ctypes.py_object], ctypes.c_char_p
    assert as_utf8(probe) == "café x".encode()
    assert sys.getsizeof(probe) == size + len("café x".encode()) + 1


def test_dask_string_columns() -> None:
    dd = pytest.importorskip("dask.dataframe")
    import textgauge.dask as tgd

    s = pd.Series(TEXTS, dtype="string[pyarrow]")
    ds = dd.from_pandas(s, npartitions=3)
    assert isinstance(ds.dtype, pd.StringDtype) and ds.dtype.storage == "pyarrow"
    got = tgd.sentiment(ds, threads=1).compute()
    expected = tg.SentimentIntensityAnalyzer().score(TEXTS, threads=1)
    np.testing.assert_array_equal(got[["neg", "neu", "pos", "compound"]].to_numpy(), expected)
    cv, X = tgd.fit_transform(ds)
    assert same_csr(sp.csr_matrix(X.compute()), CountVectorizer().fit_transform(TEXTS))
    assert (
        cv.get_feature_names_out().tolist()
        == SkCountVectorizer().fit(TEXTS).get_feature_names_out().tolist()
    )


def test_dask_corpus_statistics_read_arrow_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every per-partition engine call takes a pyarrow-backed partition as its Arrow
    column: no partition becomes a list of str, and the tables equal the object path's."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    import textgauge.dask as tgd

    texts = local_paragraphs(40, seed=3) + SPECIAL
    as_objects = dd.from_pandas(pd.Series(texts, dtype=object), npartitions=3)
    as_arrow = dd.from_pandas(pd.Series(texts, dtype="string[pyarrow]"), npartitions=3)
    lexicon = tg.Dictionary({"good": ["good", "great", "lovely"], "plot": ["plot*"]})
    runs: dict[str, Callable[[Any], Any]] = {
        "sentiment by sentence": lambda s: tgd.sentiment(s, "sentence").compute(),
        "lookup": lambda s: tgd.lookup(s, lexicon).compute(),
        "frequency": lambda s: tgd.frequency(s),
        "collocations": lambda s: tgd.collocations(s, min_count=1),
        "phrases": lambda s: tgd.phrases(s, min_count=1, threshold=0.1).export_phrases(),
    }
    with dask.config.set(scheduler="sync"):
        expected = {name: run(as_objects) for name, run in runs.items()}

        to_list = tgd._texts_list

        def no_list(part: Any) -> Any:
            # a list is fine (the one-text probe that builds Dask's meta); a partition is not
            assert not isinstance(part, pd.Series), "a partition became a list of str"
            return to_list(part)

        monkeypatch.setattr(tgd, "_texts_list", no_list)
        for name, run in runs.items():
            got = run(as_arrow)
            if isinstance(got, pd.DataFrame):
                pd.testing.assert_frame_equal(
                    got.reset_index(drop=True), expected[name].reset_index(drop=True)
                )
            else:
                assert got == expected[name], name


# what is refused, and how -------------------------------------------------------------


NULLS = {
    "pa.string": pa.array(["good", "bad", None, "fine"]),
    "string_view": pa.array(["good", "bad", None, "fine"], pa.string_view()),
    "chunked": pa.chunked_array([["good", "bad"], [None, "fine"]]),
    "sliced": pa.array([None, "good", "bad", None, "fine"])[1:],
    "pandas": pd.Series(["good", "bad", None, "fine"], dtype="string[pyarrow]"),
    "polars": pl.Series(["good", "bad", None, "fine"]),
}


@pytest.mark.parametrize("name", list(NULLS))
def test_a_null_is_a_missing_text(name: str) -> None:
    col = NULLS[name]
    # As None in a list: TypeError naming the row, at every entry point.
    with pytest.raises(TypeError, match="text 2 is NoneType"):
        tg.SentimentIntensityAnalyzer().score(["good", "bad", None, "fine"])  # type: ignore[list-item]
    match = r"text 2 is null \(a missing value in the Arrow column\)"
    with pytest.raises(TypeError, match=match):
        tg.SentimentIntensityAnalyzer().score(col)
    with pytest.raises(TypeError, match=match):
        CountVectorizer().fit_transform(col)
    with pytest.raises(TypeError, match=match):
        CountVectorizer().fit(["good"]).transform(col)
    with pytest.raises(TypeError, match=match):
        tg.Corpus.from_texts(col)


def invalid_utf8() -> pa.Array:
    """Three texts, the second b"ab\\xffc": pyarrow's constructors refuse it, buffers do not."""
    data = b"goodab\xffcbad"
    offsets = np.array([0, 4, 8, 11], dtype=np.int32).tobytes()
    return pa.Array.from_buffers(pa.string(), 3, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def test_invalid_utf8_names_row_and_byte_offset() -> None:
    col = invalid_utf8()
    for call in (
        lambda: tg.SentimentIntensityAnalyzer().score(col),
        lambda: CountVectorizer().fit_transform(col),
        lambda: tg.Corpus.from_texts(col),
    ):
        with pytest.raises(tg.DecodeError) as e:
            call()
        assert e.value.byte_offset == 2
        assert "document 1" in str(e.value)
    # A corpus with errors="replace" repairs it as it repairs bytes.
    c = tg.Corpus.from_texts(col, errors="replace")
    assert c.texts == ["good", "ab\ufffdc", "bad"]
    assert c.texts == tg.Corpus.from_texts([b"good", b"ab\xffc", b"bad"], errors="replace").texts


def test_not_a_text_column() -> None:
    for col in (pa.array([1, 2]), pa.array([b"a"], pa.binary()), pl.Series([1.5])):
        with pytest.raises(TypeError, match="holds no text"):
            tg.SentimentIntensityAnalyzer().score(col)
        with pytest.raises(TypeError, match="holds no text"):
            CountVectorizer().fit_transform(col)


def test_empty_columns() -> None:
    assert len(tg.SentimentIntensityAnalyzer().score(pa.array([], pa.string()))) == 0
    assert len(tg.SentimentIntensityAnalyzer().score(pa.chunked_array([], pa.string()))) == 0
    df = tg.SentimentIntensityAnalyzer().score(pa.array(["", ""], pa.string_view()))
    assert df["neu"].tolist() == [0.0, 0.0] and df["compound"].tolist() == [0.0, 0.0]


# no str per text: the Python heap does not grow with the texts ---------------------------


def test_no_python_str_per_text() -> None:
    texts = local_paragraphs(3000, seed=1)
    col = pa.array(texts)
    n_bytes = col.nbytes
    sia = tg.SentimentIntensityAnalyzer()
    sia.score(col[:10], threads=1)  # warm caches (lexicon tables)
    for run in (
        lambda: sia.score(col, threads=1),
        lambda: CountVectorizer().fit_transform(col),
    ):
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        # A list of str would take more than the text itself (49+ bytes per str).
        assert peak < n_bytes / 2, (peak, n_bytes)


@pytest.mark.parametrize("name", ["pa.string_view", "chunked", "polars", "ArrowDtype"])
def test_vectorizer_without_the_engine(name: str) -> None:
    """An analysis the engine does not reproduce runs scikit-learn's code, on str."""
    col = VARIANTS[name]
    cv = CountVectorizer(tokenizer=str.split, token_pattern=None)
    X = cv.fit_transform(col)
    assert cv.engine_ == "sklearn (tokenizer)"
    sk = SkCountVectorizer(tokenizer=str.split, token_pattern=None)
    assert same_csr(X, sk.fit_transform(TEXTS))
    assert same_csr(cv.transform(col), sk.transform(TEXTS))


def test_every_exported_array_is_released() -> None:
    """The engine takes the arrays out of the capsules and must release each one, on the
    error paths too: pyarrow's pool is back where it was once the column is gone."""
    before = pa.total_allocated_bytes()
    col = pa.chunked_array([TEXTS * 20, [None, "x"]], pa.large_string())
    assert pa.total_allocated_bytes() > before
    sia = tg.SentimentIntensityAnalyzer()
    sia.score(col.slice(0, len(TEXTS) * 20))
    CountVectorizer().fit_transform(col.slice(0, 100))
    tg.Corpus.from_texts(col.slice(5, 50))
    with pytest.raises(TypeError):
        sia.score(col)
    with pytest.raises(TypeError):
        tg.Corpus.from_texts(col)
    del col
    assert pa.total_allocated_bytes() == before
