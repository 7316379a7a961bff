"""textgauge.dask on a LocalCluster of 2 worker processes: every result must equal the
single-machine result (textgauge, and scikit-learn / vaderSentiment where they apply)."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

dd = pytest.importorskip("dask.dataframe", reason="textgauge.dask needs dask[dataframe]")
db = pytest.importorskip("dask.bag", reason="textgauge.dask needs dask")
distributed = pytest.importorskip(
    "distributed", reason="textgauge.dask tests need dask[distributed]"
)
sk_text = pytest.importorskip("sklearn.feature_extraction.text", reason="reference: scikit-learn")

import textgauge as tg
import textgauge.dask as tgd
from textgauge.sklearn import CountVectorizer, TermStats

pytestmark = pytest.mark.slow  # each test runs on a LocalCluster of worker processes

N_PARTS = 9  # at least 8, and not a multiple of split_every: the tree has a ragged level


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def bbc(bbc_files: list[Path]) -> pd.DataFrame:
    files = bbc_files
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    return pd.DataFrame({"text": texts, "category": [p.parent.name for p in files]})


@pytest.fixture(scope="module")
def news(news_lines: list[str]) -> list[str]:
    return news_lines[:20_000]


@pytest.fixture(scope="module")
def bbc_dd(bbc: pd.DataFrame) -> Any:
    return dd.from_pandas(bbc, npartitions=N_PARTS, sort=False)


@pytest.fixture(scope="module")
def news_dd(news: list[str]) -> Any:
    return dd.from_pandas(pd.Series(news, name="text"), npartitions=N_PARTS, sort=False)


@pytest.fixture(scope="module")
def bbc_corpus(bbc: pd.DataFrame) -> tg.Corpus:
    return tg.Corpus.from_texts(bbc["text"].tolist())


# ---- vocabulary, counts, TF-IDF -------------------------------------------------------------


def test_partitions_and_cluster(client: Any, bbc_dd: Any, news_dd: Any) -> None:
    assert bbc_dd.npartitions >= 8 and news_dd.npartitions >= 8
    assert len(client.scheduler_info()["workers"]) == 2


@pytest.mark.parametrize(
    "params",
    [{"min_df": 5, "max_df": 0.5}, {"min_df": 0.01, "max_features": 3000, "stop_words": "english"}],
)
def test_fit_vocabulary_equals_sklearn_on_bbc(
    client: Any, bbc: pd.DataFrame, bbc_dd: Any, params: dict[str, Any]
) -> None:
    ref = sk_text.CountVectorizer(**params)
    X_ref = ref.fit_transform(bbc["text"].tolist())
    cv, X = tgd.fit_transform(bbc_dd["text"], **params)
    assert cv.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    assert X.chunks[0] == tuple(bbc_dd.map_partitions(len).compute().tolist())
    assert X.shape == X_ref.shape
    got = X.compute()
    assert got.dtype == np.int64
    assert (sp.csr_matrix(got) != X_ref).nnz == 0
    assert sp.issparse(got)


def test_global_df_pruning_differs_from_per_partition(bbc: pd.DataFrame) -> None:
    """The reason for merging before pruning: dask-ml's per-partition min_df gives another
    vocabulary."""
    parts = np.array_split(np.asarray(bbc["text"], dtype=object), N_PARTS)
    per_part = set().union(
        *(sk_text.CountVectorizer(min_df=5).fit(list(p)).vocabulary_ for p in parts)
    )
    assert per_part != set(sk_text.CountVectorizer(min_df=5).fit(bbc["text"].tolist()).vocabulary_)


def test_tfidf_news_bigrams_equals_sklearn(client: Any, news: list[str], news_dd: Any) -> None:
    params: dict[str, Any] = {
        "ngram_range": (1, 2),
        "min_df": 3,
        "max_df": 0.3,
        "sublinear_tf": True,
    }
    ref = sk_text.TfidfVectorizer(**params)
    X_ref = ref.fit_transform(news)
    tv, X = tgd.fit_transform(news_dd, tfidf=True, split_every=3, **params)
    assert tv.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    np.testing.assert_allclose(tv.idf_, ref.idf_, rtol=0, atol=1e-12)
    got = sp.csr_matrix(X.compute())
    assert got.shape == X_ref.shape
    diff = abs(got - X_ref)
    assert diff.nnz == 0 or diff.max() <= 1e-12
    X_ref.sort_indices()
    assert np.array_equal(got.indptr, X_ref.indptr) and np.array_equal(got.indices, X_ref.indices)


def test_transform_with_unknown_and_counted_lengths(
    client: Any, news: list[str], news_dd: Any
) -> None:
    cv = tgd.fit_vocabulary(news_dd, min_df=2, max_features=5000)
    local = CountVectorizer(min_df=2, max_features=5000).fit(news)
    assert cv.get_feature_names_out().tolist() == local.get_feature_names_out().tolist()
    X = tgd.transform(cv, news_dd)
    assert np.isnan(X.shape[0]) and X.shape[1] == 5000
    X2 = tgd.transform(cv, news_dd, lengths=True)
    assert X2.shape == (len(news), 5000)
    ref = local.transform(news)
    assert (sp.csr_matrix(X.compute()) != ref).nnz == 0
    # A Bag of str works too.
    bag = db.from_sequence(news[:3000], npartitions=8)
    assert (
        sp.csr_matrix(tgd.transform(cv, bag).compute()) != local.transform(news[:3000])
    ).nnz == 0


def test_term_stats_merge_order_and_pickle_size(news: list[str]) -> None:
    opts = CountVectorizer(ngram_range=(1, 2))._engine_options()
    from textgauge import _core

    parts = [
        _core.vectorize.stats(opts, list(p), threads=1)
        for p in np.array_split(np.asarray(news, object), 8)
    ]
    whole = _core.vectorize.stats(opts, news, threads=1)

    def state(s: Any) -> tuple[Any, ...]:
        b, o, tc, dc, n = s.state()
        return b, o.tolist(), tc.tolist(), dc.tolist(), n

    left = parts[0]
    for p in parts[1:]:
        left = left.merged(p)
    right = parts[-1]
    for p in reversed(parts[:-1]):
        right = p.merged(right)
    rng = random.Random(7)
    shuffled = parts[:]
    rng.shuffle(shuffled)
    while len(shuffled) > 1:  # an irregular tree in a random order
        a, b = shuffled.pop(), shuffled.pop(rng.randrange(len(shuffled)))
        shuffled.append(b.merged(a) if rng.random() < 0.5 else a.merged(b))
    assert state(left) == state(right) == state(shuffled[0]) == state(whole)
    # Compact: the UTF-8 terms, three int64 per term, and a constant (no object per term or token).
    for p in parts:
        b, _o, *_ = p.state()
        size = len(pickle.dumps(p, protocol=5))
        assert size <= len(b) + 8 * (3 * len(p) + 1) + 600, (size, len(p))
        assert isinstance(pickle.loads(pickle.dumps(p)), TermStats)


def test_term_stats_delayed_equals_local(client: Any, news: list[str], news_dd: Any) -> None:
    st = tgd.term_stats(news_dd, split_every=2).compute()
    ref = CountVectorizer().partial_fit(news).term_stats_
    assert st.n_docs == len(news)
    for x, y in zip(st.state()[:4], ref.state()[:4]):
        assert (x == y) if isinstance(x, bytes) else np.array_equal(x, y)


def test_errors_are_clear(news_dd: Any) -> None:
    with pytest.raises(ValueError, match="textgauge engine"):
        tgd.fit_vocabulary(news_dd, tokenizer=str.split)
    with pytest.raises(TypeError, match="Dask Series or Bag"):
        tgd.fit_vocabulary(["a list"])
    with pytest.raises(ValueError, match="max_df corresponds"):
        tgd.fit_vocabulary(news_dd.partitions[:1], min_df=10, max_df=2)


# ---- sentiment ------------------------------------------------------------------------------


def test_sentiment_documents_equal_vader(client: Any, news: list[str], news_dd: Any) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Vader

    out = tgd.sentiment(news_dd).compute()
    local = tg.SentimentIntensityAnalyzer().score(news, threads=1)
    assert out["document"].tolist() == list(range(len(news)))
    for c in ["neg", "neu", "pos", "compound"]:
        assert out[c].tolist() == local[c].tolist()
    vader = Vader()
    for i in range(0, len(news), 50):  # 400 texts against the reference itself
        assert vader.polarity_scores(news[i]) == {
            c: out[c].iat[i] for c in ["neg", "neu", "pos", "compound"]
        }
    single = tg.Corpus.from_texts(news[:2000]).sentiment("document")
    part = tgd.sentiment(news_dd.partitions[:1]).compute()
    pd.testing.assert_frame_equal(
        part.iloc[: len(single)].reset_index(drop=True),
        single.iloc[: len(part)].reset_index(drop=True),
        check_dtype=True,
    )


@pytest.mark.parametrize(
    ("level", "mode"), [("paragraph", "vader"), ("sentence", "fixed"), ("document", "sentences")]
)
def test_sentiment_levels_equal_corpus(
    client: Any, bbc: pd.DataFrame, level: Any, mode: Any
) -> None:
    texts = bbc["text"].iloc[::5].reset_index(drop=True)  # 445 articles, all categories
    s = dd.from_pandas(texts, npartitions=N_PARTS, sort=False)
    got = tgd.sentiment(s, level=level, mode=mode).compute().reset_index(drop=True)
    ref = tg.Corpus.from_texts(texts.tolist()).sentiment(level, mode=mode)
    assert got.columns.tolist() == ref.columns.tolist()
    pd.testing.assert_frame_equal(got, ref, check_dtype=False)
    assert got.dtypes.equals(tgd.sentiment(s, level=level, mode=mode)._meta.dtypes)


def test_sentiment_analyzer_once_per_worker(client: Any, news_dd: Any) -> None:
    tgd.sentiment(news_dd.repartition(npartitions=24)).compute()
    builds = client.run(tgd.analyzer_builds)
    # One per mode used in this module's tests (vader, fixed) at most, whatever the task count.
    assert all(1 <= n <= 2 for n in builds.values()), builds


def test_sentiment_custom_analyzer_and_bag(client: Any, news: list[str]) -> None:
    sia = tg.SentimentIntensityAnalyzer({"oil": 2.5, "price": -1.0, "rise": 1.5})
    bag = db.from_sequence(news[:4000], npartitions=8)
    got = tgd.sentiment(bag, analyzer=sia).compute().reset_index(drop=True)
    ref = sia.score(news[:4000], threads=1)
    assert got["document"].tolist() == list(range(4000))
    assert got["compound"].tolist() == ref["compound"].tolist()
    default = tg.SentimentIntensityAnalyzer().score(news[:4000], threads=1)
    assert (got["compound"] != default["compound"]).sum() > 100  # the custom lexicon really scored


# ---- frequency, keyness, collocations ------------------------------------------------------


def test_frequency_grouped_equals_corpus(
    client: Any, bbc: pd.DataFrame, bbc_dd: Any, bbc_corpus: tg.Corpus
) -> None:
    got = tgd.frequency(bbc_dd["text"], groups=bbc_dd["category"], split_every=4)
    ref = bbc_corpus.frequency(groups=bbc["category"].tolist())
    pd.testing.assert_frame_equal(got, ref)
    top = tgd.frequency(bbc_dd["text"], n=20, ties="dense")
    pd.testing.assert_frame_equal(top, bbc_corpus.frequency(n=20, ties="dense"))


@pytest.mark.parametrize("measure", ["chi2", "lr", "pmi"])
def test_keyness_equals_corpus(
    client: Any,
    bbc: pd.DataFrame,
    bbc_dd: Any,
    bbc_corpus: tg.Corpus,
    measure: Literal["chi2", "lr", "pmi"],
) -> None:
    groups = bbc["category"].tolist()
    got = tgd.keyness(bbc_dd["text"], "sport", groups=bbc_dd["category"], measure=measure)
    ref = bbc_corpus.keyness("sport", groups=groups, measure=measure)
    pd.testing.assert_frame_equal(got, ref)


def test_keyness_boolean_and_reference_group(
    client: Any, bbc: pd.DataFrame, bbc_dd: Any, bbc_corpus: tg.Corpus
) -> None:
    mask = (bbc["category"] == "tech").to_numpy()
    got = tgd.keyness(bbc_dd["text"], bbc_dd["category"] == "tech", measure="lr")
    pd.testing.assert_frame_equal(got, bbc_corpus.keyness(mask, measure="lr"))
    got = tgd.keyness(
        bbc_dd["text"], "tech", "business", groups=bbc_dd["category"], correction="none"
    )
    ref = bbc_corpus.keyness("tech", "business", groups=bbc["category"].tolist(), correction="none")
    pd.testing.assert_frame_equal(got, ref)
    table = {"the": 60000, "oil": 50, "computer": 10}
    got = tgd.keyness(bbc_dd["text"], bbc_dd["category"] == "tech", table)
    pd.testing.assert_frame_equal(got, bbc_corpus.keyness(mask, table))
    with pytest.raises(ValueError, match="no document has the group label"):
        tgd.keyness(bbc_dd["text"], "poetry", groups=bbc_dd["category"])


def test_grouped_stats_merge_order() -> None:
    texts = ["a b b", "b c", "c d", "a a", "e"]
    labels = ["x", "y", "x", None, "z"]
    parts = [
        tgd.GroupedTermStats.from_texts(texts[i : i + 2], labels[i : i + 2], part=i)
        for i in range(0, 5, 2)
    ]
    fwd = parts[0].merged(parts[1]).merged(parts[2])
    rev = parts[2].merged(parts[1].merged(parts[0]))
    ref = tg.Corpus.from_texts(texts).frequency(groups=labels)
    pd.testing.assert_frame_equal(fwd.frequency(), ref)
    pd.testing.assert_frame_equal(rev.frequency(), ref)
    assert len(pickle.dumps(fwd)) < 2000


@pytest.mark.parametrize(
    ("window", "opts"), [(2, {}), (3, {}), (2, {"punctuation": "break", "across_sentences": False})]
)
def test_collocations_equal_corpus(
    client: Any, news: list[str], news_dd: Any, window: int, opts: dict[str, Any]
) -> None:
    measures = (
        [
            "likelihood_ratio",
            "pmi",
            "chi_sq",
            "student_t",
            "raw_freq",
            "dice",
            "jaccard",
            "poisson_stirling",
            "mi_like",
            "phi_sq",
        ]
        if window == 2
        else ["pmi", "likelihood_ratio"]
    )
    got = tgd.collocations(news_dd, measure=measures, min_count=3, window=window, **opts)
    ref = tg.Corpus.from_texts(news).collocations(
        measure=measures, min_count=3, window=window, **opts
    )
    assert got.attrs["n_tokens"] == ref.attrs["n_tokens"]
    pd.testing.assert_frame_equal(got, ref, check_exact=True)


def test_collocation_stats_merge_order(news: list[str]) -> None:
    chunks = [news[i : i + 500] for i in range(0, 2000, 500)]
    parts = [tgd.CollocationStats.from_texts(c) for c in chunks]
    a = parts[0].merged(parts[1]).merged(parts[2].merged(parts[3]))
    b = parts[3].merged(parts[0]).merged(parts[2]).merged(parts[1])
    pd.testing.assert_frame_equal(
        a.scores(measure="fisher", min_count=2), b.scores(measure="fisher", min_count=2)
    )
    ref = tg.Corpus.from_texts(news[:2000]).collocations(measure="fisher", min_count=2)
    pd.testing.assert_frame_equal(a.scores(measure="fisher", min_count=2), ref)
    with pytest.raises(ValueError, match="positional counts"):
        a.scores(measure="lambda")
