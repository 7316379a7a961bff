"""textgauge.sklearn against scikit-learn itself: vocabulary, order, dtypes,
counts and weights, over a grid of parameters on the shared corpora."""

from __future__ import annotations

import itertools
import pickle
import random
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

pytest.importorskip("sklearn")
from sklearn.feature_extraction import text as sk

from conftest import local_paragraphs
from textgauge import sklearn as tgs


def assert_same_matrix(a: Any, b: Any, *, exact: bool) -> None:
    assert type(a) is type(b)
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    assert a.indices.dtype == b.indices.dtype and a.indptr.dtype == b.indptr.dtype
    a, b = a.tocsr(), b.tocsr()
    a.sort_indices()
    b.sort_indices()
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    if exact:
        np.testing.assert_array_equal(a.data, b.data)
    else:
        np.testing.assert_allclose(a.data, b.data, rtol=0, atol=1e-12)


def assert_same_fit(ref: Any, ours: Any, Xr: Any, Xo: Any, *, exact: bool = True) -> None:
    fr, fo = ref.get_feature_names_out(), ours.get_feature_names_out()
    assert fo.dtype == fr.dtype == object
    assert fo.tolist() == fr.tolist()
    assert ours.vocabulary_ == ref.vocabulary_
    assert_same_matrix(Xr, Xo, exact=exact)


# Each corpus test runs on the bundled sample article with generated paragraphs
# (needs nothing outside the repository) and on the shared corpora.
CORPORA = ["sample", pytest.param("shared", marks=pytest.mark.shared_data)]


@pytest.fixture(scope="module", params=CORPORA)
def paragraphs(request: pytest.FixtureRequest) -> list[str]:
    if request.param == "sample":
        return local_paragraphs(600)
    news: list[str] = request.getfixturevalue("news_lines")
    return news[:600]


@pytest.fixture(scope="module", params=CORPORA)
def articles(request: pytest.FixtureRequest) -> list[str]:
    if request.param == "sample":
        paras = local_paragraphs(1000, seed=1)
        return ["\n\n".join(paras[i : i + 10]) for i in range(0, len(paras), 10)]
    return [
        p.read_text(encoding="utf-8", errors="replace")
        for p in request.getfixturevalue("bbc_files")[::20]
    ]


UNICODE_DOCS = [
    "Cafe\u0301 café CAFÉ naïve Straße STRASSE ĳssel ǅemal Ａｂｃ ﬁne",
    "नमस्ते दुनिया ภาษาไทย ง่าย 東京都に住む می‌خواهم",
    "don't it’s x² m²s İSTANBUL 😀emoji 👩‍💻coder snake_case __init__",
    "ΟΔΟΣ ΣΟΦΟΣ σοφός. Σ Α Σ\tI a 2 tab\there  double  space\u00a0nbsp\u2003em",
    "Ελληνικά Русский текст ÀÉÎÕÜ Ǆ ǅ ǆ Ⅻ ① ½ ℌ",
]


def grid(seed: int, n: int) -> Iterator[dict[str, Any]]:
    space: dict[str, list[Any]] = {
        "analyzer_ngram": [
            ("word", (1, 1)),
            ("word", (1, 2)),
            ("word", (2, 3)),
            ("char", (1, 3)),
            ("char", (3, 5)),
            ("char_wb", (2, 4)),
            ("char_wb", (1, 1)),
        ],
        "lowercase": [True, False],
        "strip_accents": [None, "ascii", "unicode"],
        "stop_words": [None, "english", ["the", "and", "of", "said", "é"]],
        "df": [(1, 1.0), (2, 0.95), (0.01, 40), (3, 1.0)],
        "binary": [False, True],
    }
    keys = list(space)
    combos = list(itertools.product(*space.values()))
    random.Random(seed).shuffle(combos)
    for combo in combos[:n]:
        p = dict(zip(keys, combo))
        analyzer, ngram = p.pop("analyzer_ngram")
        min_df, max_df = p.pop("df")
        yield dict(p, analyzer=analyzer, ngram_range=ngram, min_df=min_df, max_df=max_df)


def fit_both(
    cls_ref: Any, cls_ours: Any, params: dict[str, Any], docs: list[str]
) -> tuple[Any, Any, Any, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns about unused stop words with char analyzers
        ref = cls_ref(**params)
        Xr = ref.fit_transform(docs)
        ours = cls_ours(**params)
        Xo = ours.fit_transform(docs)
    assert ours.engine_ == "textgauge"
    return ref, ours, Xr, Xo


@pytest.mark.parametrize("params", list(grid(0, 60)), ids=lambda p: "-".join(map(str, p.values())))
def test_count_vectorizer_grid_news(params: dict[str, Any], paragraphs: list[str]) -> None:
    docs = paragraphs[:250] if params["analyzer"] != "word" else paragraphs
    ref, ours, Xr, Xo = fit_both(sk.CountVectorizer, tgs.CountVectorizer, params, docs)
    assert_same_fit(ref, ours, Xr, Xo)
    # transform of unseen documents with the fitted vocabulary
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same_matrix(
            ref.transform(UNICODE_DOCS + docs[-20:]),
            ours.transform(UNICODE_DOCS + docs[-20:]),
            exact=True,
        )


@pytest.mark.parametrize("params", list(grid(1, 24)), ids=lambda p: "-".join(map(str, p.values())))
def test_count_vectorizer_grid_unicode(params: dict[str, Any]) -> None:
    docs = UNICODE_DOCS * 2 + [d.upper() for d in UNICODE_DOCS] + [d[::-1] for d in UNICODE_DOCS]
    params = dict(params, min_df=1, max_df=1.0)
    ref, ours, Xr, Xo = fit_both(sk.CountVectorizer, tgs.CountVectorizer, params, docs)
    assert_same_fit(ref, ours, Xr, Xo)


TFIDF_GRID = list(
    itertools.product(
        ["l2", "l1", None], [True, False], [True, False], [False, True], [np.float64, np.float32]
    )
)


@pytest.mark.parametrize(("norm", "use_idf", "smooth_idf", "sublinear_tf", "dtype"), TFIDF_GRID)
def test_tfidf_vectorizer_grid(
    norm: str | None,
    use_idf: bool,
    smooth_idf: bool,
    sublinear_tf: bool,
    dtype: Any,
    articles: list[str],
) -> None:
    params = dict(
        norm=norm,
        use_idf=use_idf,
        smooth_idf=smooth_idf,
        sublinear_tf=sublinear_tf,
        dtype=dtype,
        ngram_range=(1, 2),
        min_df=2,
        stop_words="english",
    )
    ref, ours, Xr, Xo = fit_both(sk.TfidfVectorizer, tgs.TfidfVectorizer, params, articles)
    assert_same_fit(ref, ours, Xr, Xo, exact=False)
    if use_idf:
        assert ours.idf_.dtype == ref.idf_.dtype
        np.testing.assert_allclose(ours.idf_, ref.idf_, rtol=0, atol=1e-12)
    assert_same_matrix(ref.transform(articles[:5]), ours.transform(articles[:5]), exact=False)


def test_tfidf_gold_values() -> None:
    docs = [
        "The cat sat on the mat.",
        "The dog sat on the log.",
        "Cats and dogs.",
        "The cat, the cat.",
    ]
    tv = tgs.TfidfVectorizer().fit(docs)
    idf = dict(zip(tv.get_feature_names_out(), tv.idf_))
    assert idf["the"] == pytest.approx(1.223143551314, abs=1e-12)
    assert idf["mat"] == pytest.approx(1.916290731874, abs=1e-12)
    # row 0 by hand: tf * idf, l2-normalised
    w = {
        "the": 2 * idf["the"],
        "cat": idf["cat"],
        "sat": idf["sat"],
        "on": idf["on"],
        "mat": idf["mat"],
    }
    norm = sum(v * v for v in w.values()) ** 0.5
    row = dict(zip(tv.get_feature_names_out(), tv.transform(docs[:1]).toarray()[0]))
    for term, v in w.items():
        assert row[term] == pytest.approx(v / norm, abs=1e-15)


def test_max_features_without_ties(paragraphs: list[str]) -> None:
    full = sk.CountVectorizer().fit(paragraphs)
    tf = np.sort(np.asarray(full.transform(paragraphs).sum(axis=0)).ravel())[::-1]
    limits = [k for k in (5, 50, 300, 1000) if k < len(tf) and tf[k - 1] != tf[k]]
    assert limits
    for binary in (False, True):
        for k in limits:
            params = dict(max_features=k, binary=binary)
            ref, ours, Xr, Xo = fit_both(
                sk.CountVectorizer, tgs.CountVectorizer, params, paragraphs
            )
            if binary:  # the cut is on document frequencies then: accept only tie-free cuts
                df = np.sort(np.bincount(full.transform(paragraphs).indices))[::-1]
                if df[k - 1] == df[k]:
                    continue
            assert_same_fit(ref, ours, Xr, Xo)


def test_max_features_ties_keep_a_valid_set(paragraphs: list[str]) -> None:
    ref = sk.CountVectorizer().fit(paragraphs)
    k = min(1000, len(ref.vocabulary_) // 2)
    tf = np.asarray(ref.transform(paragraphs).sum(axis=0)).ravel()
    cut = np.sort(tf)[::-1][k - 1]
    ours = tgs.CountVectorizer(max_features=k).fit(paragraphs)
    kept = ours.get_feature_names_out()
    assert len(kept) == k
    counts = {t: tf[i] for t, i in ref.vocabulary_.items()}
    assert all(counts[t] >= cut for t in kept)
    assert {t for t, c in counts.items() if c > cut} <= set(kept)
    assert kept.tolist() == sorted(kept.tolist())


def test_df_errors_match() -> None:
    docs = ["aa bb", "bb cc", "cc dd"]
    cases_and_messages: list[tuple[dict[str, Any], str]] = [
        (dict(min_df=3, max_df=1), "max_df corresponds to < documents than min_df"),
        (dict(min_df=3), "After pruning, no terms remain"),
        (dict(stop_words=["aa", "bb", "cc", "dd"]), "empty vocabulary"),
        (dict(stop_words=["aa", "bb", "cc", "dd"], min_df=3, max_df=1), "empty vocabulary"),
    ]
    for params, message in cases_and_messages:
        with pytest.raises(ValueError, match=message):
            sk.CountVectorizer(**params).fit(docs)
        with pytest.raises(ValueError, match=message):
            tgs.CountVectorizer(**params).fit(docs)
    for empty in ([], ["", " "]):
        with pytest.raises(ValueError, match="empty vocabulary"):
            sk.CountVectorizer().fit(empty)
        with pytest.raises(ValueError, match="empty vocabulary"):
            tgs.CountVectorizer().fit(empty)
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        tgs.CountVectorizer().fit("a string")
    with pytest.raises(ValueError, match="lower boundary larger than the upper boundary"):
        tgs.CountVectorizer(ngram_range=(2, 1)).fit(docs)


def test_fixed_vocabulary_and_bytes_input() -> None:
    vocab = {"zebra": 0, "cat": 1, "the": 2, "the cat": 3}
    docs = ["The cat, the cat and a zebra", "nothing here"]
    ref = sk.CountVectorizer(vocabulary=vocab, ngram_range=(1, 2))
    ours = tgs.CountVectorizer(vocabulary=vocab, ngram_range=(1, 2))
    assert_same_fit(ref.fit(docs), ours.fit(docs), ref.transform(docs), ours.transform(docs))
    raw = [d.encode("latin-1") for d in ["café au lait", "naïve"]]
    kw: dict[str, Any] = dict(encoding="latin-1", strip_accents="unicode")
    ref, ours = sk.CountVectorizer(**kw), tgs.CountVectorizer(**kw)
    assert_same_fit(ref, ours, ref.fit_transform(raw), ours.fit_transform(raw))


def test_unsupported_parameters_fall_back_to_sklearn_exactly() -> None:
    docs = ["Hello, World! hello again", "Brave new world"]
    cases: list[dict[str, Any]] = [
        dict(token_pattern=r"(?u)\b\w+\b"),
        dict(tokenizer=str.split, token_pattern=None),
        dict(preprocessor=str.upper, lowercase=False),
        dict(analyzer=str.split),
    ]
    for params in cases:
        ref, ours = sk.CountVectorizer(**params), tgs.CountVectorizer(**params)
        assert_same_fit(ref, ours, ref.fit_transform(docs), ours.fit_transform(docs))
        assert ours.engine_.startswith("sklearn (")
        assert next(iter(params)) in ours.engine_
    with pytest.raises(ValueError, match="token_pattern"):
        tgs.CountVectorizer(token_pattern=r"\w+").partial_fit(docs)


def test_hashing_vectorizer_matches(paragraphs: list[str]) -> None:
    cases: list[dict[str, Any]] = [
        dict(),
        dict(n_features=2**10, alternate_sign=False, norm="l1"),
        dict(n_features=97, binary=True, norm=None, ngram_range=(1, 2)),
        dict(analyzer="char_wb", ngram_range=(2, 3), n_features=2**12),
        dict(stop_words="english", strip_accents="unicode", dtype=np.float32),
    ]
    for params in cases:
        docs = paragraphs[:200] + UNICODE_DOCS
        Xr = sk.HashingVectorizer(**params).fit_transform(docs)
        Xo = tgs.HashingVectorizer(**params).fit_transform(docs)
        assert_same_matrix(Xr, Xo, exact=params.get("dtype") is None)


def test_murmurhash_equals_sklearn() -> None:
    from sklearn.utils import murmurhash3_32

    assert tgs.murmurhash3_32("the") == -1132748958
    assert tgs.murmurhash3_32("cat") == 1751422759
    rng = random.Random(3)
    keys = ["", "a", "ab", "abc", "abcd", "abcde", "é", "東京", "👩‍💻"] + [
        "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(0, 40)))
        for _ in range(300)
    ]
    keys = [k for k in keys if not any(0xD800 <= ord(c) < 0xE000 for c in k)]
    for key in keys:
        for seed in (0, 42, 2**32 - 1):
            assert tgs.murmurhash3_32(key, seed=seed) == murmurhash3_32(key, seed=seed)
            assert tgs.murmurhash3_32(key, seed=seed, positive=True) == murmurhash3_32(
                key, seed=seed, positive=True
            )


def test_build_analyzer_is_sklearns(paragraphs: list[str]) -> None:
    cases: list[dict[str, Any]] = [
        dict(ngram_range=(1, 3), stop_words="english"),
        dict(analyzer="char_wb", ngram_range=(2, 5)),
        dict(analyzer="char", ngram_range=(1, 2), strip_accents="ascii"),
    ]
    for params in cases:
        ref = sk.CountVectorizer(**params).build_analyzer()
        ours = tgs.CountVectorizer(**params).build_analyzer()
        for d in paragraphs[:30] + UNICODE_DOCS:
            assert ours(d) == ref(d)


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "char_wb", "ngram_range": (2, 4)},
        {"ngram_range": (1, 3), "stop_words": "english", "min_df": 2},
    ],
)
def test_threads_do_not_change_other_analyzers(
    params: dict[str, Any], paragraphs: list[str]
) -> None:
    X1 = tgs.CountVectorizer(**params).fit_transform(paragraphs)
    for n_jobs in (2, 5):
        assert_same_matrix(
            X1, tgs.CountVectorizer(**params, n_jobs=n_jobs).fit_transform(paragraphs), exact=True
        )
    H1 = tgs.HashingVectorizer(n_jobs=1).transform(paragraphs)
    assert_same_matrix(H1, tgs.HashingVectorizer(n_jobs=3).transform(paragraphs), exact=True)


def test_threads_do_not_change_results(paragraphs: list[str]) -> None:
    X1 = tgs.CountVectorizer(ngram_range=(1, 2), n_jobs=1).fit_transform(paragraphs)
    for n_jobs in (2, 3, -1):
        cv = tgs.CountVectorizer(ngram_range=(1, 2), n_jobs=n_jobs)
        assert_same_matrix(X1, cv.fit_transform(paragraphs), exact=True)
        assert_same_matrix(X1, cv.transform(paragraphs), exact=True)


def test_partial_fit_equals_fit_on_concatenation(paragraphs: list[str]) -> None:
    batches = [paragraphs[:100], paragraphs[100:350], paragraphs[350:]]
    classes_and_params: list[tuple[Any, dict[str, Any]]] = [
        (tgs.CountVectorizer, dict(min_df=2, max_df=0.9, ngram_range=(1, 2))),
        (tgs.TfidfVectorizer, dict(min_df=3, sublinear_tf=True, stop_words="english")),
        (tgs.TfidfVectorizer, dict(max_features=500, binary=True)),
    ]
    for cls, params in classes_and_params:
        whole = cls(**params).fit(paragraphs)
        inc = cls(**params)
        for b in batches:
            inc.partial_fit(b)
        assert inc.get_feature_names_out().tolist() == whole.get_feature_names_out().tolist()
        exact = cls is tgs.CountVectorizer
        assert_same_matrix(whole.transform(paragraphs), inc.transform(paragraphs), exact=exact)
        if hasattr(whole, "idf_"):
            np.testing.assert_allclose(inc.idf_, whole.idf_, rtol=0, atol=1e-12)
        if "max_features" in params:
            continue  # ties at the cut are broken differently from numpy's unstable argsort
        ref = getattr(sk, cls.__name__)(**params).fit(paragraphs)
        assert inc.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()


def test_term_stats_merge_is_order_free_and_compact(paragraphs: list[str]) -> None:
    parts = [paragraphs[i::4] for i in range(4)]
    stats = [tgs.CountVectorizer(ngram_range=(1, 2)).partial_fit(p).term_stats_ for p in parts]
    whole = tgs.CountVectorizer(ngram_range=(1, 2)).partial_fit(paragraphs).term_stats_
    a = stats[0].merged(stats[1]).merged(stats[2].merged(stats[3]))
    b = stats[3].merged(stats[0]).merged(stats[2]).merged(stats[1])
    for s in (a, b):
        assert s.n_docs == whole.n_docs == len(paragraphs)
        for x, y in zip(s.state(), whole.state()):
            if isinstance(x, np.ndarray):
                np.testing.assert_array_equal(x, y)
            else:
                assert x == y
    blob = pickle.dumps(whole)
    back = pickle.loads(blob)
    assert back.state()[0] == whole.state()[0] and len(back) == len(whole)
    # one buffer + arrays: a few bytes per term beyond the terms themselves
    assert len(blob) < len(whole.state()[0]) + 30 * len(whole) + 1000


@pytest.mark.slow
def test_pickle_clone_pipeline_gridsearch(paragraphs: list[str]) -> None:
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import Pipeline

    tv = tgs.TfidfVectorizer(ngram_range=(1, 2), min_df=2, n_jobs=2).fit(paragraphs)
    blob = pickle.dumps(tv)
    assert b"vocabulary_cache" not in blob
    back = pickle.loads(blob)
    assert_same_matrix(tv.transform(paragraphs[:50]), back.transform(paragraphs[:50]), exact=True)
    assert back.vocabulary_ == tv.vocabulary_
    c = clone(tv)
    assert c.get_params() == tv.get_params() and not hasattr(c, "vocabulary_")
    y = np.arange(300) % 3 == 0  # any fixed labels: the two grid searches must score alike
    pipe = Pipeline([("vec", tgs.TfidfVectorizer()), ("clf", LogisticRegression(max_iter=200))])
    gs = GridSearchCV(pipe, {"vec__ngram_range": [(1, 1), (1, 2)], "vec__min_df": [1, 2]}, cv=2)
    gs.fit(paragraphs[:300], y)
    ref_pipe = Pipeline([("vec", sk.TfidfVectorizer()), ("clf", LogisticRegression(max_iter=200))])
    ref = GridSearchCV(
        ref_pipe, {"vec__ngram_range": [(1, 1), (1, 2)], "vec__min_df": [1, 2]}, cv=2
    )
    ref.fit(paragraphs[:300], y)
    np.testing.assert_allclose(
        gs.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"]
    )


def test_estimator_checks() -> None:
    """scikit-learn runs only its string-input checks on text vectorizers; the
    transformer gets the full suite. Ours pass what sklearn's own pass."""
    from sklearn.utils.estimator_checks import check_estimator

    for ours, ref in [
        (tgs.CountVectorizer(), sk.CountVectorizer()),
        (tgs.TfidfVectorizer(), sk.TfidfVectorizer()),
        (tgs.HashingVectorizer(), sk.HashingVectorizer()),
        (tgs.TfidfTransformer(), sk.TfidfTransformer()),
    ]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = {r["check_name"]: r["status"] for r in check_estimator(ours, on_fail=None)}
            want = {r["check_name"]: r["status"] for r in check_estimator(ref, on_fail=None)}
        assert got == want
        assert "failed" not in got.values()


def test_tfidf_transformer_matches(paragraphs: list[str]) -> None:
    counts = sk.CountVectorizer().fit_transform(paragraphs).astype(np.float64)
    cases: list[dict[str, Any]] = [
        dict(),
        dict(norm="l1", sublinear_tf=True),
        dict(use_idf=False, norm=None),
        dict(smooth_idf=False),
    ]
    for params in cases:
        r = sk.TfidfTransformer(**params).fit(counts)
        o = tgs.TfidfTransformer(**params).fit(counts)
        assert_same_matrix(r.transform(counts), o.transform(counts), exact=False)


def test_tfidf_weighing_refuses_a_column_outside_the_idf() -> None:
    from textgauge import _core

    data = np.array([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="column index outside the idf vector"):
        _core.vectorize.tfidf_inplace(
            np.array([0, 2, 3]),
            np.array([0, 1, 2], dtype=np.int32),
            data,
            tf="raw",
            idf=np.array([1.0, 2.0]),
            norm="l2",
            threads=2,
        )
    assert data.tolist() == [1.0, 2.0, 3.0]  # checked before anything is weighed


def test_counts_become_float64_in_their_own_buffer() -> None:
    from textgauge import _core

    counts = np.arange(-3, 600_000, dtype=np.int64)
    _core.vectorize.counts_to_float64(counts, threads=2)
    assert counts.view(np.float64).tolist() == np.arange(-3, 600_000, dtype=np.float64).tolist()


def test_output_container_follows_sklearn_config(paragraphs: list[str]) -> None:
    import sklearn

    with sklearn.config_context(sparse_interface="sparray"):
        Xr = sk.CountVectorizer().fit_transform(paragraphs[:20])
        Xo = tgs.CountVectorizer().fit_transform(paragraphs[:20])
    assert type(Xo) is type(Xr) and sp.issparse(Xo)


def test_input_list_is_left_untouched() -> None:
    docs = ["café crème", "plain ascii", "naïve ΣΑΣ"]
    before = list(docs)
    tgs.CountVectorizer().fit(docs).transform(docs)
    tgs.HashingVectorizer().transform(docs)
    assert docs == before and all(type(d) is str for d in docs)


def test_fitted_pickle_is_compact(paragraphs: list[str]) -> None:
    """One UTF-8 buffer and the terms' lengths (one byte each when short),
    where sklearn pickles a dict of str to int. A fit keeps term_stats_ (every
    term seen, for partial_fit), pickled as its buffer and small-dtype counts,
    with the vocabulary as one bit per term of it; ``del vec.term_stats_``
    leaves the vocabulary alone."""
    ours = tgs.CountVectorizer(ngram_range=(1, 2), min_df=2).fit(paragraphs)
    ref = sk.CountVectorizer(ngram_range=(1, 2), min_df=2).fit(paragraphs)
    n = len(ref.vocabulary_)
    text_bytes = sum(len(t.encode("utf-8")) for t in ref.vocabulary_)
    stats = ours.term_stats_
    n_seen = len(stats)
    seen_bytes = len(stats.state()[0])
    assert n_seen > 2 * n  # min_df=2 prunes most bigrams: the statistics are the larger part
    _ = ours.vocabulary_  # builds the dict cache, which must not be pickled
    size = len(pickle.dumps(ours))
    # bytes of every seen term, its length and two counts (1-2 bytes each), a bit for the vocabulary
    assert size < seen_bytes + 5 * n_seen + 4000
    back = pickle.loads(pickle.dumps(ours))
    assert back.vocabulary_ == ref.vocabulary_
    assert (back.transform(paragraphs[:30]) != ref.transform(paragraphs[:30])).nnz == 0
    for x, y in zip(back.term_stats_.state(), stats.state()):
        np.testing.assert_array_equal(x, y)

    del ours.term_stats_
    assert not hasattr(ours, "term_stats_")
    size = len(pickle.dumps(ours))
    assert size < text_bytes + 2 * n + 4000
    assert size < 0.8 * len(pickle.dumps(ref))
    back = pickle.loads(pickle.dumps(ours))
    assert back.vocabulary_ == ref.vocabulary_
    assert (back.transform(paragraphs[:30]) != ref.transform(paragraphs[:30])).nnz == 0
    with pytest.raises(ValueError, match="has none"):
        back.partial_fit(paragraphs[:5])  # would silently drop the first fit


def test_filename_input(tmp_path: Path, paragraphs: list[str]) -> None:
    paths = []
    for i, text in enumerate(paragraphs[:20]):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    ref = sk.CountVectorizer(input="filename")
    ours = tgs.CountVectorizer(input="filename")
    assert_same_fit(ref, ours, ref.fit_transform(paths), ours.fit_transform(paths))


def test_builtin_english_list_is_sklearns_and_warnings_match() -> None:
    from textgauge.stopwords import get_stop_words

    assert get_stop_words("english") == sk.ENGLISH_STOP_WORDS
    docs = ["we've seen it", "it's here"]
    with pytest.warns(UserWarning, match="stop_words may be inconsistent"):
        sk.CountVectorizer(stop_words=["we've", "it"]).fit(docs)
    with pytest.warns(UserWarning, match="stop_words may be inconsistent"):
        tgs.CountVectorizer(stop_words=["we've", "it"]).fit(docs)


def test_non_str_items_are_decoded_or_rejected_as_sklearn_does() -> None:
    # The engine type-checks the list itself; a list with bytes among str is
    # decoded as sklearn decodes it, and np.nan raises sklearn's error.
    docs = ["café au lait", "naïve".encode(), "plain text"]
    ref, ours = sk.CountVectorizer(), tgs.CountVectorizer()
    assert_same_fit(ref, ours, ref.fit_transform(docs), ours.fit_transform(docs))
    assert_same_matrix(ref.transform(docs), ours.transform(docs), exact=True)
    with pytest.raises(ValueError, match=r"np\.nan is an invalid document") as theirs:
        sk.CountVectorizer().fit_transform(["ok", np.nan])
    with pytest.raises(ValueError, match=r"np\.nan is an invalid document") as mine:
        tgs.CountVectorizer().fit_transform(["ok", np.nan])
    assert str(mine.value) == str(theirs.value)
    with pytest.raises(ValueError, match=r"np\.nan"):
        tgs.HashingVectorizer().transform(["ok", np.nan])


@pytest.mark.parametrize(
    "params", [{}, {"analyzer": "char_wb", "ngram_range": (2, 3)}, {"ngram_range": (1, 2)}]
)
def test_row_order_is_the_same_for_any_thread_count(
    params: dict[str, Any], paragraphs: list[str]
) -> None:
    # CountVectorizer leaves rows in first-occurrence order, as sklearn leaves
    # its rows unsorted, and says so, except word (1, 2)-grams: their
    # partitioned count writes rows in column order at no cost, and says so.
    # The storage itself must not depend on the thread count. TfidfVectorizer sorts.
    docs = paragraphs[:3000]
    X1 = tgs.CountVectorizer(**params, n_jobs=1).fit_transform(docs)
    X2 = tgs.CountVectorizer(**params, n_jobs=2).fit_transform(docs)
    np.testing.assert_array_equal(X1.indptr, X2.indptr)
    np.testing.assert_array_equal(X1.indices, X2.indices)
    np.testing.assert_array_equal(X1.data, X2.data)
    assert X1.has_sorted_indices == (params == {"ngram_range": (1, 2)})
    assert_same_matrix(sk.CountVectorizer(**params).fit_transform(docs), X1, exact=True)
    rows = X1.copy()
    rows.has_sorted_indices = False
    rows.sort_indices()
    assert (rows != X1).nnz == 0
    T = tgs.TfidfVectorizer(**params).fit_transform(docs)
    assert T.has_sorted_indices
    assert np.all(np.diff(T.indices[T.indptr[0] : T.indptr[1]]) > 0)


def test_import_without_sklearn_says_how_to_install() -> None:
    """As textgauge.dask and textgauge.plot do: the error names the extra to install.
    Run in a fresh interpreter, where scikit-learn is made unimportable."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None  # import sklearn now raises ModuleNotFoundError\n"
        "try:\n"
        "    import textgauge.sklearn\n"
        "except ModuleNotFoundError as e:\n"
        "    print(type(e).__name__, e.name, str(e), sep='|')\n"
        "    print('cause', type(e.__cause__).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()
    assert out == [
        "ModuleNotFoundError|sklearn|textgauge.sklearn needs scikit-learn: "
        'pip install "textgauge[sklearn]"',
        "cause ModuleNotFoundError",
    ]


@pytest.mark.parametrize("name", ["CountVectorizer", "TfidfVectorizer", "HashingVectorizer"])
def test_constructor_signature_is_sklearns_plus_documented_extras(name: str) -> None:
    import inspect

    ours = inspect.signature(getattr(tgs, name))
    theirs = inspect.signature(getattr(sk, name))
    extras = {p.name: p for p in tgs.EXTRA_PARAMETERS}
    assert list(extras) == ["n_jobs"] and extras["n_jobs"].default is None
    # scikit-learn's parameters, in its order, kinds and defaults, then the extras.
    assert list(ours.parameters.values()) == [*theirs.parameters.values(), *extras.values()]
    # get_params/clone read the same list, and every extra is validated.
    est = getattr(tgs, name)(n_jobs=2)
    assert set(est.get_params()) == set(theirs.parameters) | set(extras)
    assert est.get_params()["n_jobs"] == 2
    assert set(extras) <= set(type(est)._parameter_constraints)
    with pytest.raises(TypeError):
        getattr(tgs, name)(not_a_parameter=1)
