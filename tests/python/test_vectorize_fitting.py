"""One semantics for fitting textgauge's vectorizers, checked against scikit-learn.

fit and fit_transform start over; partial_fit continues from whatever was fitted
before (a fit included); transform changes nothing. So after any sequence of
operations the vectorizer equals scikit-learn's fitted on the concatenation of
the batches seen since the last fit/fit_transform: vocabulary_, feature names,
idf_, transform output (within 1e-12), and term_stats_ equals scikit-learn's
counts of those batches before pruning. A pickle round trip anywhere in the
sequence changes nothing. A fit that cannot be continued (scikit-learn's code
ran, a fixed vocabulary) makes partial_fit raise instead of dropping it.
"""

from __future__ import annotations

import itertools
import pickle
import random
import warnings
from typing import Any

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as sk

from textgauge import sklearn as tgs
from textgauge._tables import terms_from_table  # the string tables of TermStats

OPERATIONS = ("fit", "fit_transform", "partial_fit", "transform")


def generated_batches(seed: int, sizes: tuple[int, ...]) -> list[list[str]]:
    """Zipf-like documents over a small vocabulary: shared terms, a long tail, repeats."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(40)] + ["the", "and", "Über", "café", "naïve", "ΣΟΦΟΣ"]
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    out = []
    for size in sizes:
        batch = []
        for _ in range(size):
            n = rng.randint(0, 12)
            batch.append(" ".join(rng.choices(words, weights, k=n)))
        out.append(batch)
    return out


SAMPLE_BATCHES = [
    [
        "The cat sat on the mat.",
        "The dog sat on the log, and the cat ran!",
        "Café crème: naïve Straße, CAFÉ au lait.",
        "A cat, a dog, a mat and a log.",
        "",
        "Numbers 42 and 2024 are tokens too; x2 y3.",
    ],
    [
        "Dogs and cats: the cat is not a dog.",
        "ΣΟΦΟΣ σοφός Ελληνικά, and Русский текст.",
        "The mat, the log, the café.",
        "snake_case __init__ don't it's",
        "The the the cat cat dog.",
    ],
    [
        "Sat, ran, sat again: the cat and the dog.",
        "東京都に住む the cat",
        "Log mat café dog cat the and",
        "naïve naive NAÏVE",
    ],
]

BATCH_SETS: dict[str, list[list[str]]] = {
    "generated": generated_batches(7, (9, 13, 8)),
    "sample": SAMPLE_BATCHES,
}

CONFIGS: list[tuple[str, dict[str, Any]]] = [
    ("CountVectorizer", {}),
    ("CountVectorizer", dict(ngram_range=(1, 2), min_df=2, max_df=0.8)),
    ("CountVectorizer", dict(max_features=7, binary=True)),
    ("CountVectorizer", dict(analyzer="char_wb", ngram_range=(2, 3), min_df=0.2, lowercase=False)),
    ("TfidfVectorizer", {}),
    ("TfidfVectorizer", dict(sublinear_tf=True, smooth_idf=False, min_df=2, stop_words="english")),
    ("TfidfVectorizer", dict(max_features=10, norm="l1", strip_accents="unicode")),
]

# the parameters that decide which terms a document gives (term_stats_ is before pruning)
ANALYSIS = ("analyzer", "ngram_range", "lowercase", "strip_accents", "stop_words")


def reference(name: str, params: dict[str, Any], docs: list[str]) -> Any:
    """scikit-learn's vectorizer fitted on docs. With max_features the cut is
    made here from scikit-learn's own term counts, ties going to the term first
    in vocabulary order (textgauge's documented rule; sklearn's unstable argsort
    picks any tied term); where the cut has no tie this is checked to be
    scikit-learn's own max_features result."""
    cls = getattr(sk, name)
    if params.get("max_features") is None:
        return cls(**params).fit(docs)
    k = params["max_features"]
    unlimited = dict(params, max_features=None)
    counter = sk.CountVectorizer(
        **{p: v for p, v in unlimited.items() if p in sk.CountVectorizer().get_params()}
    )
    counts = np.asarray(counter.fit_transform(docs).sum(axis=0)).ravel()
    terms = counter.get_feature_names_out()
    order = sorted(range(len(terms)), key=lambda i: (-counts[i], terms[i]))
    chosen = sorted(terms[i] for i in order[:k])
    tie = len(order) > k and counts[order[k - 1]] == counts[order[k]]
    if not tie:
        own = cls(**params).fit(docs)
        assert own.get_feature_names_out().tolist() == chosen
    ref_params = dict(params, max_features=None, vocabulary=chosen, min_df=1, max_df=1.0)
    ref = cls(**ref_params).fit(docs)
    # fit with a fixed vocabulary counts no pruning: the idf is still the one of `docs`.
    return ref


def stats_reference(
    params: dict[str, Any], docs: list[str]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """scikit-learn's terms (before pruning), corpus counts and document counts."""
    cv = sk.CountVectorizer(**{p: v for p, v in params.items() if p in ANALYSIS})
    X = cv.fit_transform(docs).tocsc()
    return (
        cv.get_feature_names_out().tolist(),
        np.asarray(X.sum(axis=0)).ravel(),
        np.diff(X.indptr),
    )


def assert_matches(
    ours: Any, ref: Any, params: dict[str, Any], seen: list[str], probe: list[str]
) -> None:
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    assert ours.vocabulary_ == ref.vocabulary_
    assert hasattr(ours, "stop_words_") == hasattr(ref, "stop_words_")
    if hasattr(ref, "idf_"):
        np.testing.assert_allclose(ours.idf_, ref.idf_, rtol=0, atol=1e-12)
        assert ours.idf_.dtype == ref.idf_.dtype
    Xo, Xr = ours.transform(probe), ref.transform(probe)
    assert Xo.dtype == Xr.dtype and Xo.shape == Xr.shape
    np.testing.assert_allclose(Xo.toarray(), Xr.toarray(), rtol=0, atol=1e-12)
    terms, term_count, doc_count = stats_reference(params, seen)
    stats = ours.term_stats_
    assert stats.n_docs == len(seen)
    buf, offsets, tc, dc, _ = stats.state()
    assert terms_from_table(buf, offsets) == terms
    np.testing.assert_array_equal(tc, term_count)
    np.testing.assert_array_equal(dc, doc_count)


SEQUENCES = list(itertools.product(OPERATIONS, repeat=3))


@pytest.mark.parametrize("round_trip", [False, True], ids=["live", "pickled"])
@pytest.mark.parametrize("ops", SEQUENCES, ids=["-".join(s) for s in SEQUENCES])
@pytest.mark.slow
def test_any_sequence_equals_sklearn_on_batches_since_last_fit(
    ops: tuple[str, ...], round_trip: bool
) -> None:
    for batch_set, batches in BATCH_SETS.items():
        probe = [doc for batch in batches for doc in batch]
        for name, params in CONFIGS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # stop words with a char analyzer
                ours = getattr(tgs, name)(**params)
                seen: list[str] | None = None  # the batches since the last fit
                for op, batch in zip(ops, batches):
                    context = (batch_set, name, params, ops, op)
                    if op == "transform":
                        if seen is None:
                            with pytest.raises(NotFittedError):
                                ours.transform(batch)
                            continue
                        ref = reference(name, params, seen)
                        np.testing.assert_allclose(
                            ours.transform(batch).toarray(),
                            ref.transform(batch).toarray(),
                            rtol=0,
                            atol=1e-12,
                            err_msg=str(context),
                        )
                    elif op == "partial_fit":
                        seen = (seen or []) + batch
                        assert ours.partial_fit(batch) is ours
                    else:
                        seen = list(batch)
                        if op == "fit":
                            assert ours.fit(batch) is ours
                        else:
                            Xo = ours.fit_transform(batch)
                            Xr = reference(name, params, seen).transform(batch)
                            assert type(Xo) is type(Xr) and Xo.dtype == Xr.dtype
                            np.testing.assert_allclose(
                                Xo.toarray(), Xr.toarray(), rtol=0, atol=1e-12
                            )
                    assert_matches(ours, reference(name, params, seen), params, seen, probe)
                    if round_trip:
                        ours = pickle.loads(pickle.dumps(ours))


def test_transform_before_any_fit_raises_sklearns_error() -> None:
    for name in ("CountVectorizer", "TfidfVectorizer"):
        with pytest.raises(NotFittedError) as ours:
            getattr(tgs, name)().transform(["a cat"])
        with pytest.raises(NotFittedError) as ref:
            getattr(sk, name)().transform(["a cat"])
        assert str(ours.value) == str(ref.value)
        assert not hasattr(getattr(tgs, name)(), "term_stats_")


@pytest.mark.parametrize("name", ["CountVectorizer", "TfidfVectorizer"])
def test_term_stats_after_every_kind_of_fit(name: str) -> None:
    a, b, _ = SAMPLE_BATCHES
    params = dict(ngram_range=(1, 2), min_df=2)
    terms, tc, dc = stats_reference(params, a)
    for fit in ("fit", "fit_transform", "partial_fit"):
        ours = getattr(tgs, name)(**params)
        getattr(ours, fit)(a)
        buf, offsets, got_tc, got_dc, n_docs = ours.term_stats_.state()
        assert terms_from_table(buf, offsets) == terms and n_docs == len(a)
        np.testing.assert_array_equal(got_tc, tc)
        np.testing.assert_array_equal(got_dc, dc)
    # statistics of separate fits merge into those of one fit on all the batches
    merged = (
        getattr(tgs, name)(**params)
        .fit(a)
        .term_stats_.merged(getattr(tgs, name)(**params).fit(b).term_stats_)
    )
    whole = getattr(tgs, name)(**params).fit(a + b).term_stats_
    for x, y in zip(merged.state(), whole.state()):
        np.testing.assert_array_equal(x, y)


def lazy_analyzer(doc: str) -> list[str]:
    return doc.lower().split()


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": lazy_analyzer},
        {"tokenizer": str.split, "token_pattern": None},
        {"analyzer": lazy_analyzer, "sublinear_tf": True, "norm": "l1", "smooth_idf": False},
    ],
)
def test_tfidf_on_sklearns_engine_weighs_once(params: dict[str, Any]) -> None:
    # A fit that falls back to sklearn's code counts with sklearn's CountVectorizer and
    # weighs once, here (it went through sklearn's TfidfVectorizer and weighed twice).
    a, b, _ = SAMPLE_BATCHES
    ours = tgs.TfidfVectorizer(**params)
    ref = sk.TfidfVectorizer(**params)
    X, R = ours.fit_transform(a), ref.fit_transform(a)
    assert ours.engine_.startswith("sklearn (")
    np.testing.assert_array_equal(ours.idf_, ref.idf_)
    np.testing.assert_allclose(X.toarray(), R.toarray(), rtol=0, atol=1e-15)
    np.testing.assert_allclose(
        ours.transform(b).toarray(), ref.transform(b).toarray(), rtol=0, atol=1e-15
    )


@pytest.mark.parametrize("name", ["CountVectorizer", "TfidfVectorizer"])
def test_sklearn_engine_fit_cannot_be_continued(name: str) -> None:
    a, b, _ = SAMPLE_BATCHES
    ours = getattr(tgs, name)(analyzer=lazy_analyzer).fit(a)
    ref = getattr(sk, name)(analyzer=lazy_analyzer).fit(a)
    assert ours.engine_ == "sklearn (analyzer)"
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    with pytest.raises(AttributeError, match="keeps no term statistics"):
        _ = ours.term_stats_
    with pytest.raises(ValueError, match="needs the textgauge engine"):
        ours.partial_fit(b)
    # switching to the engine's analysis does not silently drop the first fit
    ours.set_params(analyzer="word")
    with pytest.raises(ValueError, match="has none"):
        ours.partial_fit(b)
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    # fit starts over, with statistics again
    ours.fit(a).partial_fit(b)
    assert_matches(ours, getattr(sk, name)().fit(a + b), {}, a + b, a + b)


@pytest.mark.parametrize("name", ["CountVectorizer", "TfidfVectorizer"])
def test_fixed_vocabulary_fit_cannot_be_continued(name: str) -> None:
    a, b, _ = SAMPLE_BATCHES
    vocabulary = ["cat", "dog", "mat", "zebra"]
    ours = getattr(tgs, name)(vocabulary=vocabulary).fit(a)
    ref = getattr(sk, name)(vocabulary=vocabulary).fit(a)
    np.testing.assert_allclose(ours.transform(b).toarray(), ref.transform(b).toarray(), atol=1e-12)
    with pytest.raises(AttributeError, match="keeps no term statistics"):
        _ = ours.term_stats_
    with pytest.raises(ValueError, match="fixed vocabulary"):
        ours.partial_fit(b)
    ours.set_params(vocabulary=None)
    with pytest.raises(ValueError, match="has none"):
        ours.partial_fit(b)


def test_changed_analysis_parameters_are_refused_changed_pruning_is_applied() -> None:
    a, b, c = SAMPLE_BATCHES
    ours = tgs.TfidfVectorizer().fit(a)
    for change in (
        dict(ngram_range=(1, 2)),
        dict(lowercase=False),
        dict(stop_words="english"),
        dict(analyzer="char"),
        dict(strip_accents="ascii"),
    ):
        with pytest.raises(ValueError, match="other analysis parameters"):
            tgs.TfidfVectorizer().fit(a).set_params(**change).partial_fit(b)
    # pruning is applied afresh to all the statistics: as a fit with the new values
    ours.set_params(min_df=2, max_df=0.9, sublinear_tf=True).partial_fit(b)
    params = dict(min_df=2, max_df=0.9, sublinear_tf=True)
    assert_matches(ours, sk.TfidfVectorizer(**params).fit(a + b), params, a + b, a + b + c)


def test_failed_fit_leaves_nothing_to_continue() -> None:
    a, b, _ = SAMPLE_BATCHES
    ours = tgs.CountVectorizer().fit(a)
    with pytest.raises(ValueError, match="empty vocabulary"):
        ours.fit(["", " "])
    with pytest.raises(ValueError, match="empty vocabulary") as ref:
        sk.CountVectorizer().fit(["", " "])
    assert "empty vocabulary" in str(ref.value)
    # The fit that failed started over: continuing from `a` would not be what was asked.
    with pytest.raises(ValueError, match="has none"):
        ours.partial_fit(b)


def test_partial_fit_pruning_error_changes_nothing() -> None:
    a, b, _ = SAMPLE_BATCHES
    ours = tgs.CountVectorizer(min_df=2).fit(a)
    before = ours.get_feature_names_out().tolist()
    n_docs = ours.term_stats_.n_docs
    ours.set_params(min_df=10_000)
    with pytest.raises(ValueError, match="min_df") as err:
        ours.partial_fit(b)
    with pytest.raises(ValueError, match="min_df") as ref:
        sk.CountVectorizer(min_df=10_000).fit(a + b)
    assert str(err.value) == str(ref.value)
    assert ours.get_feature_names_out().tolist() == before
    assert ours.term_stats_.n_docs == n_docs
