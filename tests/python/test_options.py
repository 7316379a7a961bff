"""Every named option of every public entry point raises textgauge.OptionError (both a
textgauge.Error and a ValueError) for a value that is not one of its names, whether Python
or the C++ core (cpp/include/textgauge/options.hpp) catches it; and the names Python offers
are those the core knows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

import textgauge as tg
from textgauge import _core, _html, collocations, keyness, lexdiv, similarity, terms
from textgauge.partial import GroupedTermStats
from textgauge.stopwords import get_stop_words

TEXTS = ["Prices rose. Traders cheered!\n\nThen they fell.", "Prices fell again; traders sold."]
BAD: Any = "nonsense"  # Any: deliberately none of the names an option's Literal type allows


@pytest.fixture(scope="module")
def corpus() -> tg.Corpus:
    return tg.Corpus.from_texts(TEXTS)


def _calls(c: tg.Corpus) -> list[tuple[str, Callable[[], Any]]]:
    sia = tg.SentimentIntensityAnalyzer(tg.Lexicon({"fell": -1.0}, {}))
    X = sp.csr_matrix(np.eye(2))
    calls: list[tuple[str, Callable[[], Any]]] = []
    for opt in ("paragraphs", "form", "errors"):
        calls += [
            (f"Corpus({opt}=)", partial(tg.Corpus, **{opt: BAD})),
            (f"Corpus.from_texts({opt}=)", partial(tg.Corpus.from_texts, TEXTS, **{opt: BAD})),
            (f"Document({opt}=)", partial(tg.Document, "x", **{opt: BAD})),
        ]
    calls += [
        ("SentimentIntensityAnalyzer(mode=)", lambda: tg.SentimentIntensityAnalyzer(mode=BAD)),
        ("Corpus.sentiment(level)", lambda: c.sentiment(BAD, analyzer=sia)),
        ("Corpus.sentiment(mode=)", lambda: c.sentiment(mode=BAD, analyzer=sia)),
        ("Document.sentiment(level)", lambda: tg.Document(TEXTS[0]).sentiment(BAD, analyzer=sia)),
        ("Corpus.collocations(measure=)", lambda: c.collocations(measure=BAD)),
        ("Corpus.collocations(punctuation=)", lambda: c.collocations(punctuation=BAD)),
        ("Corpus.collocations(kinds=)", lambda: c.collocations(kinds=(BAD,))),
        ("Corpus.lexical_diversity(measures=)", lambda: c.lexical_diversity(measures=BAD)),
        ("Corpus.lexical_diversity(level=)", lambda: c.lexical_diversity(level=BAD)),
        ("Corpus.lexical_diversity(kinds=)", lambda: c.lexical_diversity(kinds=(BAD,))),
        ("Corpus.readability(measures=)", lambda: c.readability(measures=BAD)),
        ("Corpus.readability(level=)", lambda: c.readability(level=BAD)),
        ("Corpus.frequency(ties=)", lambda: c.frequency(ties=BAD)),
        ("Corpus.frequency(kinds=)", lambda: c.frequency(kinds=(BAD,))),
        ("Corpus.keyness(measure=)", lambda: c.keyness([True, False], measure=BAD)),
        ("Corpus.keyness(correction=)", lambda: c.keyness([True, False], correction=BAD)),
        ("Corpus.keyness(kinds=)", lambda: c.keyness([True, False], kinds=(BAD,))),
        ("Corpus.entropy(margin=)", lambda: c.entropy(margin=BAD)),
        ("Corpus.cooccurrence(context=)", lambda: c.cooccurrence(context=BAD)),
        ("Corpus.cooccurrence(count=)", lambda: c.cooccurrence(context="window", count=BAD)),
        ("Corpus.cooccurrence(count=, document)", lambda: c.cooccurrence(count="weighted")),
        ("Corpus.cooccurrence(kinds=)", lambda: c.cooccurrence(kinds=(BAD,))),
        ("Corpus.similarity(method=)", lambda: c.similarity(method=BAD)),
        ("Corpus.distance(method=)", lambda: c.distance(method=BAD)),
        ("Corpus.kwic(valuetype=)", lambda: c.kwic("prices", valuetype=BAD)),
        ("Corpus.dtm(level=)", lambda: c.dtm(level=BAD)),
        ("Corpus.dtm(tf=)", lambda: c.dtm(tf=BAD)),
        ("Corpus.dtm(idf=)", lambda: c.dtm(idf=BAD)),
        ("Corpus.dtm(norm=)", lambda: c.dtm(norm=BAD)),
        ("Corpus.dtm(kinds=)", lambda: c.dtm(kinds=(BAD,))),
        ("Corpus.dtm(stop_words=)", lambda: c.dtm(stop_words=BAD)),
        ("terms.dtm(tokenizer=)", lambda: terms.dtm(TEXTS, tokenizer=BAD)),
        ("terms.weigh(tf=)", lambda: terms.weigh(X, tf=BAD)),
        ("terms.weigh(idf=)", lambda: terms.weigh(X, idf=BAD)),
        ("terms.weigh(norm=)", lambda: terms.weigh(X, norm=BAD)),
        ("terms.idf_weights(scheme)", lambda: terms.idf_weights(np.array([1]), 2, BAD)),
        ("similarity.pairwise(method=)", lambda: similarity.pairwise(X, method=BAD)),
        (
            "keyness_from_counts(measure=)",
            lambda: keyness.keyness_from_counts(["a"], [1], [2], 3, 3, measure=BAD),
        ),
        (
            "keyness_from_counts(correction=)",
            lambda: keyness.keyness_from_counts(["a"], [1], [2], 3, 3, correction=BAD),
        ),
        ("get_stop_words", lambda: get_stop_words(BAD)),
        (
            "GroupedTermStats.frequency(ties=)",
            lambda: GroupedTermStats.from_texts(TEXTS, None, part=0).frequency(ties=BAD),
        ),
        (
            "collocations.collocations(measure=)",
            lambda: collocations.collocations(c, measure=[BAD]),
        ),
        (
            "lexdiv.lexical_diversity(measures=)",
            lambda: lexdiv.lexical_diversity(c, measures=[BAD]),
        ),
    ]
    return calls


def test_every_named_option_raises_option_error(corpus: tg.Corpus) -> None:
    for what, call in _calls(corpus):
        with pytest.raises(tg.OptionError) as info:
            call()
        assert isinstance(info.value, tg.Error) and isinstance(info.value, ValueError), what
        assert BAD in str(info.value) or "for document context" in str(info.value), (
            what,
            str(info.value),
        )


def test_dask_options_raise_option_error() -> None:
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    from textgauge import dask as tgd

    s = dd.from_pandas(pd.Series(TEXTS), npartitions=1)
    for call in (
        lambda: tgd.sentiment(s, BAD),
        lambda: tgd.sentiment(s, mode=BAD),
        lambda: tgd.frequency(s, ties=BAD),
        lambda: tgd.collocations(s, punctuation=BAD),
        lambda: tgd.keyness(s, pd.Series([True, False]), measure=BAD),
    ):
        with pytest.raises(tg.OptionError):
            call()


# The core's own parsers, reached through _core: the same error type, naming the option
# and listing its names (one table per option enum in C++).
CORE_CALLS: list[tuple[str, Callable[[_core.text.Corpus], Any]]] = [
    ("paragraphs", lambda c: _core.text.Corpus(paragraphs=BAD)),
    ("form", lambda c: _core.text.Corpus(form=BAD)),
    ("errors", lambda c: _core.text.Corpus(errors=BAD)),
    (
        "cleaning step",
        lambda c: _core.text.Cleaner(
            steps=[BAD], placeholders={}, named={}, numeric={}, invalid=[]
        ),
    ),
    ("mode", lambda c: _core.sentiment.SentimentAnalyzer(_core.sentiment.Lexicon(), mode=BAD)),
    (
        "level",
        lambda c: _core.sentiment.SentimentAnalyzer(_core.sentiment.Lexicon()).score_corpus(c, BAD),
    ),
    ("analyzer", lambda c: _core.vectorize.AnalyzerOptions(analyzer=BAD)),
    ("strip_accents", lambda c: _core.vectorize.AnalyzerOptions(strip_accents=BAD)),
    (
        "tf",
        lambda c: _core.vectorize.tfidf_inplace(
            np.array([0, 1]), np.array([0]), np.array([1.0]), tf=BAD, idf=None, norm="none"
        ),
    ),
    (
        "norm",
        lambda c: _core.vectorize.tfidf_inplace(
            np.array([0, 1]), np.array([0]), np.array([1.0]), tf="raw", idf=None, norm=BAD
        ),
    ),
    ("idf", lambda c: _core.vectorize.idf(np.array([1]), 2, BAD)),
    (
        "level",
        lambda c: _core.stats.readability_counts(
            c, level=BAD, kinds=["word"], syllables=[], letters=[], easy=[]
        ),
    ),
    (
        "token kind",
        lambda c: _core.stats.grouped_term_counts(c, kinds=[BAD], doc_group=[0], groups=1),
    ),
    (
        "association measure",
        lambda c: _core.stats.bigram_scores(
            np.array([1]), np.array([1]), np.array([1]), n_tokens=2, window=2, measures=[BAD]
        ),
    ),
    (
        "lexical diversity measure",
        lambda c: _core.stats.lexical_diversity(
            c,
            level="document",
            kinds=["word"],
            measures=[BAD],
            log_base=10,
            mattr_window=1,
            msttr_segment=1,
            mtld_threshold=0.7,
            hdd_draws=1,
        ),
    ),
    ("measure", lambda c: _core.stats.keyness([1.0], [1.0], 2, 2, measure=BAD, correction="none")),
    (
        "correction",
        lambda c: _core.stats.keyness([1.0], [1.0], 2, 2, measure="chi2", correction=BAD),
    ),
    ("count", lambda c: _core.stats.window_cooccurrence(c, kinds=["word"], window=2, count=BAD)),
    (
        "phrase scoring",
        lambda c: _core.stats.export_phrases(
            _core.stats.PhraseVocab(b"", np.array([0]), np.array([], dtype=np.int64), 0),
            scoring=BAD,
            min_count=1,
            threshold=1,
            delimiter="_",
        ),
    ),
    (
        "method",
        lambda c: _core.stats.pairwise(
            np.array([0, 1]), np.array([0]), np.array([1.0]), 1, 1, method=BAD
        ),
    ),
    ("pattern kind", lambda c: _lookup(c, pattern_kind=[BAD])),
    ("nested_scope", lambda c: _lookup(c, nested_scope=BAD)),
    (
        "keyword dedup",
        lambda c: _core.stats.yake_keywords(
            ["A text."],
            entities=_html.entities(),
            stopwords=set(),
            n=3,
            window=1,
            dedup_lim=0.9,
            dedup=BAD,
            top=5,
            unicode=(14, 0),
        ),
    ),
]


def _lookup(c: Any, **bad: Any) -> Any:
    args: dict[str, Any] = dict(
        pattern_kind=["glob"],
        pattern_text=["a"],
        pattern_terms_begin=[0, 0],
        pattern_terms=[],
        entry_category=[0],
        entry_begin=[0, 1],
        entry_words=[0],
        categories=1,
        negators=[],
        negated=[],
        level="document",
        kinds=["word"],
        nested_scope="key",
        window=0,
        keep_unmatched=False,
    )
    args.update(bad)
    return _core.stats.dictionary_lookup(c, **args)


AREAS = {
    "text": _core.text,
    "sentiment": _core.sentiment,
    "vectorize": _core.vectorize,
    "stats": _core.stats,
}


@pytest.mark.parametrize(
    ("label", "call"), CORE_CALLS, ids=[f"{i}-{label}" for i, (label, _) in enumerate(CORE_CALLS)]
)
def test_core_parsers_raise_option_error_listing_the_names(
    label: str, call: Callable[[Any], Any]
) -> None:
    c = _core.text.Corpus()
    c.add(TEXTS)
    with pytest.raises(tg.OptionError) as info:
        call(c)
    names = next(a.options()[label] for a in AREAS.values() if label in a.options())
    assert str(info.value) == f"{label} must be one of {', '.join(map(repr, names))}, got {BAD!r}"


def test_every_core_option_is_reached_above() -> None:
    labels = {label for a in AREAS.values() for label in a.options()}
    assert labels == {label for label, _ in CORE_CALLS}


def test_python_names_are_the_core_names() -> None:
    assert list(tg._corpus.KINDS) == _core.text.options()["token kind"]
    assert set(terms.IDF_SCHEMES) <= set(_core.vectorize.options()["idf"])
    assert set(lexdiv.LEXDIV_MEASURES) == set(_core.stats.options()["lexical diversity measure"])
    assert set(collocations.NLTK_MEASURES + collocations.QUANTEDA_MEASURES) == set(
        _core.stats.options()["association measure"]
    )
    assert set(similarity.SIMILARITY_METHODS) | set(similarity.DISTANCE_METHODS) <= set(
        _core.stats.options()["method"]
    )


def test_a_wrong_type_is_still_a_type_error() -> None:
    with pytest.raises(TypeError):
        _core.text.Corpus(paragraphs=1)  # type: ignore[arg-type]
