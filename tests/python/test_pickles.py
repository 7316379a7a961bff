"""Pickles: one mechanism with a format version (textgauge/_pickle.py).

tests/data/pickles/ holds a pickle of each stateful public class in each format version,
made by tests/data/pickles/make.py with the textgauge of the time (``.v0``: textgauge 0.1.0,
before format versions). Every one must load and equal the object make.py makes now: a
change that breaks an old pickle fails here. A new format version needs its pickles made
(run make.py) and committed; the old ones stay."""

from __future__ import annotations

import importlib.util
import pickle
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
import pytest

import textgauge as tg
from textgauge import _pickle

DATA = Path(__file__).resolve().parents[1] / "data" / "pickles"
DIRTY_LINE = "AT&amp;T #39;s site: https://example.com/x"
FILES = sorted(DATA.glob("*.pkl"))


def _make() -> Any:
    spec = importlib.util.spec_from_file_location("make_pickles", DATA / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make()


@pytest.fixture(scope="module")
def objects() -> dict[str, Any]:
    return MAKE.objects()  # type: ignore[no-any-return]


def _dense(X: Any) -> list[list[float]]:
    return X.toarray().tolist()  # type: ignore[no-any-return]


def assert_same(a: Any, b: Any) -> None:
    """a (loaded) equals b (made now): same class, same state, same results."""
    from textgauge import sklearn as tgs
    from textgauge.partial import CollocationStats, GroupedTermStats

    assert type(a) is type(b)
    texts = MAKE.TEXTS
    if isinstance(a, tg.Phrases):
        assert a == b and a.export_phrases() == b.export_phrases()
    elif isinstance(a, tg.Lexicon):
        assert a == b and a.emoji == b.emoji
    elif isinstance(a, tg.SentimentIntensityAnalyzer):
        assert a.lexicon == b.lexicon and a.mode == b.mode
        pd.testing.assert_frame_equal(a.score(texts), b.score(texts))
    elif isinstance(a, tg.Corpus):
        assert (a.texts, a.ids, a.options) == (b.texts, b.ids, b.options)
        assert a.vocabulary == b.vocabulary  # compounded terms included
        pd.testing.assert_frame_equal(a.tokens, b.tokens)
        pd.testing.assert_frame_equal(a.sentences, b.sentences)
        pd.testing.assert_frame_equal(a.frequency(), b.frequency())
    elif isinstance(a, tg.clean.Cleaner):
        assert a == b and a(DIRTY_LINE) == b(DIRTY_LINE)
    elif isinstance(a, tg.Document):
        assert a.text == b.text and a.corpus.options == b.corpus.options
        pd.testing.assert_frame_equal(a.paragraphs, b.paragraphs)
        pd.testing.assert_frame_equal(a.tokens, b.tokens)
    elif isinstance(a, (tgs.CountVectorizer, tgs.TfidfTransformer, tgs.HashingVectorizer)):
        assert a.get_params() == b.get_params()
        for attr in ("vocabulary_", "idf_", "engine_"):
            assert hasattr(a, attr) == hasattr(b, attr), attr
            if hasattr(b, attr):
                assert np.array_equal(np.asarray(getattr(a, attr)), np.asarray(getattr(b, attr))), (
                    attr
                )
        if "_term_stats" in vars(b) or "_term_stats" in vars(a):
            assert_same(a.term_stats_, b.term_stats_)
        if isinstance(a, tgs.TfidfTransformer):
            X = tgs.CountVectorizer(ngram_range=(1, 2)).fit_transform(texts)  # as make.py
            assert _dense(a.transform(X)) == _dense(b.transform(X))
        else:
            assert _dense(a.transform(texts)) == _dense(b.transform(texts))
    elif isinstance(a, tgs.TermStats):
        sa, sb = a.state(), b.state()
        assert sa[0] == sb[0] and sa[4] == sb[4]
        for x, y in zip(sa[1:4], sb[1:4]):
            assert np.array_equal(x, y)
    elif isinstance(a, GroupedTermStats):
        pd.testing.assert_frame_equal(a.frequency(), b.frequency())
    elif isinstance(a, CollocationStats):
        assert (a.n_tokens, a.window) == (b.n_tokens, b.window)
        pd.testing.assert_frame_equal(a.scores(), b.scores())
    elif isinstance(a, tg.Dictionary):
        assert a == b and a.to_dict() == b.to_dict()
        corpus = tg.Corpus.from_texts(texts)
        pd.testing.assert_frame_equal(corpus.lookup(a), corpus.lookup(b))
    else:
        raise TypeError(f"no comparison for {type(a).__name__}")


def test_there_are_stored_pickles_of_every_version(objects: dict[str, Any]) -> None:
    stored = {p.name for p in FILES}
    for name, obj in objects.items():
        if name not in MAKE.NEW_AFTER_0_1:
            assert f"{name}.v0.pkl" in stored, name  # made by textgauge 0.1.0
        current = f"{name}.v{_pickle.version_of(type(obj))}.pkl"
        assert current in stored, (
            f"{current} is missing: run tests/data/pickles/make.py and commit it"
        )
    assert all(p.stat().st_size < 8192 for p in FILES)  # small: a few KB each


@pytest.mark.filterwarnings(
    "ignore:Trying to unpickle estimator"
)  # scikit-learn of another version
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_stored_pickle_loads_and_equals_a_fresh_object(path: Path, objects: dict[str, Any]) -> None:
    name = path.name.split(".v")[0]
    assert_same(pickle.loads(path.read_bytes()), objects[name])


def test_pickles_carry_name_and_format_version(objects: dict[str, Any]) -> None:
    for name, obj in objects.items():
        fn, (stored_name, version, _state) = obj.__reduce__()
        assert fn is _pickle.restore
        assert stored_name == name.split("-")[0] and version == _pickle.version_of(type(obj)) >= 1
        for protocol in (2, pickle.HIGHEST_PROTOCOL):
            assert_same(pickle.loads(pickle.dumps(obj, protocol=protocol)), obj)


def test_a_newer_or_unknown_format_is_refused() -> None:
    lexicon = tg.Lexicon({"a": 1.0}, {})
    _fn, (name, version, state) = cast(tuple[Any, ...], lexicon.__reduce__())
    assert _pickle.restore(name, version, state) == lexicon
    with pytest.raises(tg.Error, match="format version 99"):
        _pickle.restore(name, 99, state)
    with pytest.raises(tg.Error, match="does not know"):
        _pickle.restore("NoSuchClass", 1, None)


def _statistics(c: tg.Corpus) -> dict[str, Any]:
    """Every statistic of a corpus (each with its defaults, or the least arguments it needs)."""
    X, terms = c.dtm()
    return {
        "tokens": c.tokens,
        "sentences": c.sentences,
        "paragraphs": c.paragraphs,
        "vocabulary": c.vocabulary,
        "dtm": (X.toarray().tolist(), list(terms)),
        "frequency": c.frequency(),
        "keyness": c.keyness([True, False]),
        "entropy": c.entropy(),
        "summary": c.summary(),
        "collocations": c.collocations(min_count=1),
        "cooccurrence": c.cooccurrence(),
        "similarity": c.similarity(),
        "kwic": c.kwic("new_york"),
        "lexical_diversity": c.lexical_diversity(),
        "readability": c.readability(),
        "sentiment": c.sentiment(),
        "phrases": c.phrases(min_count=1, threshold=0.1),
        "lookup": c.lookup({"place": ["new_york", "street*"], "money": ["bank*"]}),
        "documents": [(d.text, d.tokens) for d in c],
        "keywords": c.keywords() if importlib.util.find_spec("yake") else None,
    }


def test_a_cleaned_compounded_corpus_unpickles_with_every_statistic() -> None:
    original = MAKE.objects()["Corpus-compounded"]
    loaded = pickle.loads(pickle.dumps(original))
    assert [type(t) for t in _pickle_transforms(loaded)] == [
        type(t) for t in _pickle_transforms(original)
    ]
    got, want = _statistics(loaded), _statistics(original)
    for name in want:
        _assert_equal_values(got[name], want[name], name)
    # the joined terms are there, from the cleaned text, and offsets slice the original
    assert {"new_york", "wall+street's"} <= set(loaded.vocabulary)
    tokens = loaded.tokens
    texts = dict(zip(loaded.ids, loaded.texts))
    for doc, text, start, end in zip(
        tokens["document"], tokens["text"], tokens["start"], tokens["end"]
    ):
        assert texts[doc][start:end] == text
    street = tokens[tokens["term"] == "wall+street's"]
    assert street["text"].tolist() == ["Wall Street #39;s", "Wall Street\u2019s"]
    assert loaded.texts == MAKE.DIRTY  # the texts as given, not cleaned
    # a document of the corpus, and documents added after loading, are compounded too
    doc = pickle.loads(pickle.dumps(original[1]))
    assert "new_york" in doc.tokens["term"].tolist()
    loaded.add(["New York &amp; Wall Street's"])
    assert loaded.tokens["term"].tolist()[-3:] == ["new_york", "&", "wall+street's"]


def _pickle_transforms(c: tg.Corpus) -> list[Any]:
    from textgauge import _corpus

    return _corpus.transforms(c)


def _assert_equal_values(a: Any, b: Any, name: str) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, obj=name)
    elif hasattr(a, "toarray"):  # a sparse matrix
        assert np.array_equal(a.toarray(), b.toarray()), name
    elif isinstance(a, np.ndarray):
        assert np.array_equal(a, b), name
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), name
        for x, y in zip(a, b):
            _assert_equal_values(x, y, name)
    else:
        assert a == b, name
