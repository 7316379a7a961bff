"""Thread safety: shared objects used from 8 Python threads give the sequential
results, and no result depends on the ``threads=``/``n_jobs=`` count."""

from __future__ import annotations

import pickle
import random
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderSIA

import textgauge as tg
from textgauge.keyness import frequency as module_frequency
from textgauge.sklearn import CountVectorizer, HashingVectorizer, TfidfVectorizer
from textgauge.terms import dtm

WORDS = (
    "good",
    "bad",
    "love",
    "hate",
    "not",
    "very",
    "kind",
    "of",
    "but",
    "never",
    "so",
    "GREAT",
    "HORRIBLE",
    "the",
    "market",
    "rallied",
    "café",
    "naïve",
    "你好",
    "😀",
    "👍🏽",
    ":)",
    "!",
    "?",
    "1,250",
    "don't",
    "isn’t",
    "lol",
    "at",
    "least",
    "U.S.",
    "Привет",
    "\n\n",
    "\n",
    "okay.",
)


def make_texts(n: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40))) for _ in range(n)]


TEXTS = make_texts(1_500)


def in_threads(fn: Callable[[int], Any], n: int = 8) -> list[Any]:
    """Runs fn(i) on n threads released together; re-raises the first failure."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn(i)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def rotated(i: int) -> list[str]:
    """A different order per thread, so threads do not run in lockstep on the same text."""
    k = (i * 187) % len(TEXTS)
    return TEXTS[k:] + TEXTS[:k]


def unrotate(i: int, values: list[Any]) -> list[Any]:
    k = (i * 187) % len(TEXTS)
    return values[len(TEXTS) - k :] + values[: len(TEXTS) - k]


def test_shared_sentiment_analyzer() -> None:
    sia = tg.SentimentIntensityAnalyzer()
    sequential = [sia.polarity_scores(t) for t in TEXTS]
    ref = VaderSIA()
    assert sequential[:300] == [ref.polarity_scores(t) for t in TEXTS[:300]]
    batch = sia.score(TEXTS, threads=1)

    def work(i: int) -> tuple[list[dict[str, float]], Any, list[Any]]:
        one = unrotate(i, [sia.polarity_scores(t) for t in rotated(i)])
        many = sia.score(rotated(i), threads=2)
        explained = [sia.explain(t).attrs["scores"] for t in TEXTS[i::50]]
        return one, many, explained

    for i, (one, many, explained) in enumerate(in_threads(work)):
        assert one == sequential
        assert unrotate(i, many.to_dict("records")) == batch.to_dict("records")
        assert explained == sequential[i::50]


def test_shared_fitted_vectorizers() -> None:
    fitted: list[Any] = [
        CountVectorizer(ngram_range=(1, 2)).fit(TEXTS),
        TfidfVectorizer(sublinear_tf=True).fit(TEXTS),
        CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TEXTS),
        HashingVectorizer(n_features=2**12),
    ]
    for vec in fitted:
        sequential = vec.transform(TEXTS)

        def work(i: int, vec: Any = vec) -> Any:
            return [vec.transform(rotated(i)) for _ in range(2)]

        for i, results in enumerate(in_threads(work)):
            order = unrotate(i, list(range(len(TEXTS))))
            for X in results:
                X = X[order]
                assert X.shape == sequential.shape
                assert (X != sequential).nnz == 0


def test_shared_corpus_read_only() -> None:
    corpus = tg.Corpus.from_texts(TEXTS)
    tokens, sentences = corpus.tokens, corpus.sentences
    vocabulary = corpus.vocabulary
    docs = [corpus[i].tokens["text"].tolist() for i in range(0, len(TEXTS), 25)]
    X, terms = corpus.dtm()
    sent = corpus.sentiment("sentence")

    def work(i: int) -> tuple[Any, ...]:
        fresh = tg.Corpus.from_texts(TEXTS)  # build one too, while others read
        return (
            corpus.tokens,
            corpus.sentences,
            corpus.vocabulary,
            [corpus[j].tokens["text"].tolist() for j in range(0, len(TEXTS), 25)],
            corpus.dtm(),
            corpus.sentiment("sentence"),
            fresh.vocabulary,
        )

    for t, s, v, d, (Xi, ti), si, fv in in_threads(work):
        assert t.equals(tokens) and s.equals(sentences) and v == vocabulary and d == docs
        assert (Xi != X).nnz == 0 and ti.tolist() == terms.tolist()
        assert si.equals(sent) and fv == vocabulary


@pytest.mark.parametrize("threads", [2, 8])
def test_results_do_not_depend_on_thread_count(threads: int) -> None:
    texts = make_texts(3_000, seed=threads)
    one = tg.Corpus.from_texts(texts, threads=1)
    many = tg.Corpus.from_texts(texts, threads=threads)
    assert many.vocabulary == one.vocabulary
    for name in ("paragraph", "sentence", "token"):
        a, b = one._table(name), many._table(name)
        assert a.keys() == b.keys()
        for k in a:
            assert np.array_equal(a[k], b[k]), (name, k)

    sia = tg.SentimentIntensityAnalyzer()
    assert sia.score(texts, threads=threads).equals(sia.score(texts, threads=1))

    options: list[dict[str, Any]] = [{}, {"level": "sentence", "ngram_range": (1, 2)}]
    for kw in options:
        X1, t1 = dtm(one, threads=1, **kw)
        Xn, tn = dtm(one, threads=threads, **kw)
        assert t1.tolist() == tn.tolist() and _same_sparse(X1, Xn)

    for cls in (CountVectorizer, TfidfVectorizer):
        v1, vn = cls(n_jobs=1, ngram_range=(1, 2)), cls(n_jobs=threads, ngram_range=(1, 2))
        X1, Xn = v1.fit_transform(texts), vn.fit_transform(texts)
        assert v1.get_feature_names_out().tolist() == vn.get_feature_names_out().tolist()
        assert (X1 != Xn).nnz == 0


def test_collocations_do_not_depend_on_thread_count() -> None:
    """Bigram collocations over 150,000 distinct pairs: more rows than two 64k slices of
    their sort, so that the sort and the partitioned count run on several threads (under
    ThreadSanitizer in ``make test``); the rows equal those of one thread."""
    pairs = ((d * 48271) % 1_000_000 for d in range(150_000))  # distinct (48271 is prime)
    texts = [f"w{q // 1000 * 7 % 1000} w{q % 1000}" for q in pairs]
    base = tg.Corpus.from_texts(texts, threads=1).collocations(min_count=1)
    assert len(base) == 150_000
    assert base["count"].eq(1).all()
    for threads in (2, 8):
        got = tg.Corpus.from_texts(texts, threads=threads).collocations(min_count=1)
        pd.testing.assert_frame_equal(got, base)


# --- one Corpus shared by readers and writers ------------------------------------------------
#
# Readers and `add` run on one corpus from 8 threads. Every result must equal the result of
# the same call on a corpus built sequentially from a prefix of the batches (the batches
# added before the call: the lock makes each call see the corpus between two adds), and the
# final corpus must equal the sequential one. Adds from several threads land in the order
# they take the write lock; that order is read back from the final corpus.

STRESS_BATCHES = [make_texts(random.Random(b).randint(4, 9), seed=100 + b) for b in range(17)]


def _same_sparse(a: Any, b: Any) -> bool:
    return bool(a.shape == b.shape and a.dtype == b.dtype and (a != b).nnz == 0)


def _same(a: Any, b: Any) -> bool:
    """Equality of results: DataFrames (NaN == NaN, dtypes included), sparse and dense
    arrays, and lists/tuples of those."""
    if isinstance(a, pd.DataFrame):
        return isinstance(b, pd.DataFrame) and a.equals(b) and list(a.columns) == list(b.columns)
    if sp.issparse(a):
        return sp.issparse(b) and _same_sparse(a, b)
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _keyness(c: tg.Corpus) -> tuple[int, pd.DataFrame]:
    # The mask must match the corpus as keyness sees it; an add in between is a ValueError
    # ("a boolean mask over the n documents"), and the caller tries again.
    while True:
        n = len(c)
        try:
            return n, c.keyness([i % 2 == 0 for i in range(n)], measure="lr")
        except ValueError:
            if len(c) == n:
                raise


def _documents(c: tg.Corpus) -> list[Any]:
    # Document views, one lock per document: each document's values never change once added.
    return [
        (
            d.id,
            len(d),
            repr(d),
            d.tokens["text"].tolist(),
            d.tokens["term"].astype(str).tolist(),
            d.sentences["text"].tolist(),
            d.paragraphs["start"].tolist(),
            d.sentiment("sentence"),
        )
        for d in c
        if d.id % 5 == 0
    ]


def _unpickled(data: bytes) -> tuple[Any, ...]:
    copy = pickle.loads(data)
    return copy.texts, copy.ids, copy.vocabulary, copy.tokens


STRESS_READS: dict[str, Callable[[tg.Corpus], Any]] = {
    "frequency": lambda c: c.frequency(),
    "collocations": lambda c: c.collocations(min_count=1),
    "keyness": _keyness,
    "dtm": lambda c: c.dtm(ngram_range=(1, 2)),
    "dtm_module": lambda c: dtm(c, level="sentence"),
    "kwic": lambda c: c.kwic("good"),
    "lexical_diversity": lambda c: c.lexical_diversity(measures=["TTR", "MATTR", "MTLD"]),
    "readability": lambda c: c.readability(measures=["flesch", "ari", "dale_chall"]),
    "similarity": lambda c: c.similarity(),
    "cooccurrence": lambda c: c.cooccurrence(context="window", window=2),
    "summary": lambda c: c.summary(),
    "entropy": lambda c: c.entropy(),
    "frequency_module": lambda c: module_frequency(c, n=5, kinds=("word", "punctuation")),
    "tokens": lambda c: c.tokens,
    "paragraphs": lambda c: c.paragraphs,
    "sentences": lambda c: c.sentences,
    "sentiment": lambda c: c.sentiment("paragraph", mode="sentences"),
    "documents": _documents,
    "pickle": lambda c: _unpickled(pickle.dumps(c)),
    "repr": lambda c: (len(c), repr(c), c.ids, c.texts, c.vocabulary),
}


def _batch_order(texts: list[str]) -> list[int]:
    """The order in which the batches were added, read from the final texts."""
    order, pos, left = [], 0, set(range(len(STRESS_BATCHES)))
    while pos < len(texts):
        b = next(
            b
            for b in sorted(left)
            if texts[pos : pos + len(STRESS_BATCHES[b])] == STRESS_BATCHES[b]
        )
        order.append(b)
        left.remove(b)
        pos += len(STRESS_BATCHES[b])
    assert not left
    return order


@pytest.mark.slow
def test_shared_corpus_readers_and_writers() -> None:
    corpus = tg.Corpus.from_texts(STRESS_BATCHES[0])
    to_add = list(range(1, len(STRESS_BATCHES)))  # 16 batches: 2 per thread
    names = sorted(STRESS_READS)
    # (read, len before, len after, result); lens are those of corpus at the call's bounds
    records: list[tuple[str, int, int, Any]] = []
    duration = 3.0

    def work(i: int) -> None:
        rng = random.Random(i)
        start = time.monotonic()
        # Each thread adds its 2 batches at random times in the first 80% of the run (some
        # adds coincide), and reads in between and after.
        adds = sorted((rng.uniform(0, 0.8 * duration), b) for b in to_add[2 * i : 2 * i + 2])
        while adds or time.monotonic() - start < duration:
            now = time.monotonic() - start
            if adds and (now >= adds[0][0] or now >= duration):
                corpus.add(STRESS_BATCHES[adds.pop(0)[1]])
                continue
            name = rng.choice(names)
            lo = len(corpus)
            value = STRESS_READS[name](corpus)
            records.append((name, lo, len(corpus), value))

    in_threads(work)

    order = [0] + _batch_order(corpus.texts)[1:]
    assert sorted(order) == list(range(len(STRESS_BATCHES)))
    sizes = np.cumsum([len(STRESS_BATCHES[b]) for b in order]).tolist()  # prefix k+1 -> size
    # Sequential reference: the same batches added one by one in the same order, every read
    # done on each prefix that a concurrent read could have seen.
    needed: dict[int, set[str]] = {}
    for name, lo, hi, _ in records:
        for k, size in enumerate(sizes):
            if lo <= size <= hi:
                needed.setdefault(k, set()).add(name)
    needed.setdefault(len(sizes) - 1, set()).update(names)
    reference: dict[tuple[int, str], Any] = {}
    ref = tg.Corpus.from_texts(STRESS_BATCHES[order[0]])
    for k in range(len(sizes)):
        if k:
            ref.add(STRESS_BATCHES[order[k]])
        for name in needed.get(k, ()):
            reference[k, name] = STRESS_READS[name](ref)

    assert len(records) >= 8 * 8
    for name, lo, hi, value in records:
        candidates = [k for k, size in enumerate(sizes) if lo <= size <= hi]
        assert candidates, (name, lo, hi)  # a read saw a corpus between two adds
        assert any(_same(value, reference[k, name]) for k in candidates), (name, lo, hi)
    # The final corpus is the sequential one.
    last = len(sizes) - 1
    assert corpus.ids == list(range(sizes[-1]))  # default ids are given under the lock too
    for name in names:
        assert _same(STRESS_READS[name](corpus), reference[last, name]), name
    for table in ("paragraph", "sentence", "token"):
        a, b = corpus._table(table), ref._table(table)
        assert all(np.array_equal(a[col], b[col]) for col in a), table


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def test_reader_reenters_while_a_writer_waits() -> None:
    """Writers are preferred (a new reader waits behind a waiting add), but a thread that
    already reads re-enters without waiting: otherwise it would wait for the writer, which
    waits for it."""
    corpus = tg.Corpus.from_texts(TEXTS[:30])
    before = tg.Corpus.from_texts(TEXTS[:30])
    after = tg.Corpus.from_texts(TEXTS[:60])
    late: list[pd.DataFrame] = []
    writer = threading.Thread(target=corpus.add, args=(TEXTS[30:60],))
    reader = threading.Thread(target=lambda: late.append(corpus.frequency()))
    with corpus._lock.read():
        writer.start()
        _wait_for(lambda: corpus._lock._waiting_writers == 1)
        reader.start()
        time.sleep(0.2)
        assert reader.is_alive()  # queued behind the writer
        # Nested reads: similarity -> dtm -> vocabulary, Document views, pickling.
        assert corpus.similarity().equals(before.similarity())
        assert [d.tokens["text"].tolist() for d in corpus] == [
            d.tokens["text"].tolist() for d in before
        ]
        assert pickle.loads(pickle.dumps(corpus)).texts == TEXTS[:30]
        assert writer.is_alive()
    writer.join(10)
    reader.join(10)
    assert not writer.is_alive() and not reader.is_alive()
    assert late[0].equals(after.frequency())
    assert corpus.texts == TEXTS[:60] and corpus.ids == list(range(60))


def test_add_while_reading_in_the_same_thread() -> None:
    corpus = tg.Corpus.from_texts(["a b", "c"])
    # Upgrading a read to a write would wait for itself: an error instead of a hang.
    with corpus._lock.read(), pytest.raises(RuntimeError, match="while this thread is reading"):
        corpus.add(["d"])
    assert corpus.texts == ["a b", "c"]
    # Iteration holds the lock per document only, so the loop body may add; the loop covers
    # the documents there when it began.
    seen = []
    for doc in corpus:
        seen.append((doc.id, doc.tokens["text"].tolist()))
        corpus.add([f"new {doc.id}"])
    assert seen == [(0, ["a", "b"]), (1, ["c"])]
    assert corpus.texts == ["a b", "c", "new 0", "new 1"]
    assert corpus.tokens.equals(tg.Corpus.from_texts(corpus.texts).tokens)


class _SlowTables:
    """Stands in for a Corpus's _core: its token table takes a while after being read."""

    def __init__(self, core: Any, started: threading.Event) -> None:
        self._core, self._started = core, started

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)

    def token_table(self) -> Any:
        table = self._core.token_table()
        self._started.set()
        time.sleep(0.3)  # an add comes in here
        return table


def test_no_stale_table_after_add() -> None:
    """A reader that built a table from the corpus before an add must not store it into the
    cache after the add (the add waits for the reader, then clears the cache)."""
    corpus = tg.Corpus.from_texts(TEXTS[:40])
    started = threading.Event()
    corpus._core = _SlowTables(corpus._core, started)  # type: ignore[assignment]
    seen: list[pd.DataFrame] = []
    reader = threading.Thread(target=lambda: seen.append(corpus.tokens))
    reader.start()
    started.wait(10)
    corpus.add(TEXTS[40:80])
    reader.join(10)
    assert seen[0].equals(tg.Corpus.from_texts(TEXTS[:40]).tokens)
    expected = tg.Corpus.from_texts(TEXTS[:80])
    assert corpus.tokens.equals(expected.tokens)
    assert corpus.vocabulary == expected.vocabulary
