"""Phrases against gensim 4.4's Phrases, and compound() for every statistic downstream.

gensim learns from the token lists that ``Phrases.sentences`` gives (the corpus's terms per
sentence, cut at punctuation and symbols); vocabulary, counts, order, scores and the phrases
found must be identical. compound() is checked against gensim's ``phrases[sentence]`` and,
for frequency, keyness, dtm and collocations, against a corpus whose texts carry the
expressions already joined by "_" (which the tokenizer keeps as one word).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import textgauge as tg
from conftest import local_paragraphs, sample_article
from textgauge.phrases import ENGLISH_CONNECTOR_WORDS, sentences

gensim_phrases = pytest.importorskip("gensim.models.phrases")

SETTINGS: list[dict[str, Any]] = [
    {},
    {"min_count": 1, "threshold": 1.0},
    {"min_count": 2, "threshold": 0.3, "scoring": "npmi"},
    {"min_count": 3, "threshold": 5.0, "connector_words": ENGLISH_CONNECTOR_WORDS},
    {"min_count": 1, "threshold": -0.5, "scoring": "npmi", "connector_words": {"the", "of"}},
    {"min_count": 2, "threshold": 2.0, "delimiter": " "},
]


def gensim_model(sents: list[list[str]], **options: Any) -> Any:
    return gensim_phrases.Phrases(sents, **options)


def check_parity(corpus: tg.Corpus, **options: Any) -> None:
    model = tg.Phrases(corpus, **options)
    sents = model.sentences(corpus)
    ref = gensim_model(sents, **options)
    assert model.corpus_word_count == ref.corpus_word_count
    assert list(model.vocab.items()) == list(ref.vocab.items())  # keys, counts and order
    exported = ref.export_phrases()
    assert list(model.export_phrases().items()) == list(exported.items())
    assert model.find_phrases(corpus) == ref.find_phrases(sents)
    table = model.table()
    assert table["phrase"].tolist() == sorted(exported, key=lambda k: -exported[k])
    assert table["count"].tolist() == [ref.vocab[k] for k in table["phrase"]]
    # compound() with the model gives gensim's phrases[sentence] for every sentence
    joined = corpus.compound(model)
    assert sentences(joined) == [ref[s] for s in sents]


def test_english_connector_words_are_gensims() -> None:
    assert ENGLISH_CONNECTOR_WORDS == gensim_phrases.ENGLISH_CONNECTOR_WORDS


@pytest.mark.parametrize("options", SETTINGS)
def test_parity_on_local_paragraphs(options: dict[str, Any]) -> None:
    check_parity(tg.Corpus.from_texts(local_paragraphs(300)), **options)


def test_parity_on_the_sample_article() -> None:
    corpus = tg.Corpus.from_texts([sample_article()])
    for options in SETTINGS:
        check_parity(corpus, **options)


@pytest.mark.shared_data
def test_parity_on_bbc(bbc_files: list[Path]) -> None:
    # one topic of the BBC corpus (gensim takes seconds per model on all of it)
    corpus = tg.Corpus.from_files(
        [f for f in bbc_files if f.parent.name == "business"], errors="replace"
    )
    check_parity(corpus)
    check_parity(
        corpus, min_count=3, threshold=0.5, scoring="npmi", connector_words=ENGLISH_CONNECTOR_WORDS
    )


@pytest.mark.shared_data
@pytest.mark.slow
def test_parity_on_all_of_bbc(bbc_files: list[Path]) -> None:
    check_parity(
        tg.Corpus.from_files(bbc_files, errors="replace"), connector_words=ENGLISH_CONNECTOR_WORDS
    )


@pytest.mark.shared_data
def test_parity_on_news_paragraphs(news_lines: list[str]) -> None:
    corpus = tg.Corpus.from_texts(news_lines[:3000])
    check_parity(corpus, connector_words=ENGLISH_CONNECTOR_WORDS)


def test_across_sentences_and_kinds() -> None:
    corpus = tg.Corpus.from_texts(local_paragraphs(100))
    for options in ({"across_sentences": True}, {"kinds": ["word"]}):
        model = tg.Phrases(corpus, min_count=1, threshold=1.0, **options)
        sents = model.sentences(corpus)
        ref = gensim_model(sents, min_count=1, threshold=1.0)
        assert list(model.vocab.items()) == list(ref.vocab.items())
        assert model.export_phrases() == ref.export_phrases()


def test_colliding_keys_add_up_as_in_gensims_dict() -> None:
    # "new_york" written as one word collides with the phrase new + york
    corpus = tg.Corpus.from_texts(["new york new_york new york. new_york new york"] * 2)
    check_parity(corpus, min_count=1, threshold=0.5)


def test_merge_equals_learning_from_both() -> None:
    texts = local_paragraphs(200)
    a, b = tg.Corpus.from_texts(texts[:120]), tg.Corpus.from_texts(texts[120:])
    opts: dict[str, Any] = {"min_count": 2, "threshold": 2.0, "connector_words": {"the", "of"}}
    merged = tg.Phrases(a, **opts) + tg.Phrases(b, **opts)
    ref = gensim_model(sentences(a), **opts)
    ref.add_vocab(sentences(b))
    assert list(merged.vocab.items()) == list(ref.vocab.items())
    assert merged.export_phrases() == ref.export_phrases()
    learned = tg.Phrases(a, **opts)
    learned.add(b)
    assert learned == merged


def test_corpus_and_document_methods() -> None:
    corpus = tg.Corpus.from_texts(["New York is big. I love New York."] * 3)
    table = corpus.phrases(min_count=1, threshold=2.0)
    ref = gensim_model(sentences(corpus), min_count=1, threshold=2.0).export_phrases()
    assert dict(zip(table["phrase"], table["score"])) == ref
    doc_table = corpus[0].phrases(min_count=1, threshold=1.0)
    one = tg.Corpus.from_texts([corpus.texts[0]])
    assert (
        dict(zip(doc_table["phrase"], doc_table["score"]))
        == gensim_model(sentences(one), min_count=1, threshold=1.0).export_phrases()
    )


def test_pickle_round_trip() -> None:
    model = tg.Phrases(tg.Corpus.from_texts(local_paragraphs(50)), min_count=1, threshold=1.0)
    again = pickle.loads(pickle.dumps(model))
    assert again == model and again.export_phrases() == model.export_phrases()


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"scoring": "pmi"}, tg.OptionError),
        ({"min_count": 0}, ValueError),
        ({"threshold": 0}, ValueError),
        ({"scoring": "npmi", "threshold": 2}, ValueError),
        ({"delimiter": ""}, ValueError),
        ({"kinds": ["words"]}, tg.OptionError),
    ],
)
def test_bad_options(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        tg.Phrases(None, **options)


# compound --------------------------------------------------------------------------------


def underscored(corpus: tg.Corpus, joined: tg.Corpus) -> list[str]:
    """The texts with the single space inside every joined run replaced by "_" (same length,
    so the same offsets), for runs of letters separated by single spaces."""
    texts = list(corpus.texts)
    tok = joined.tokens
    for d, text, start, end in zip(tok["document"], tok["text"], tok["start"], tok["end"]):
        if " " not in text:
            continue
        t = texts[d]
        texts[d] = t[:start] + text.replace(" ", "_") + t[end:]
    return texts


@pytest.fixture(scope="module")
def compounded() -> tuple[tg.Corpus, tg.Corpus]:
    corpus = tg.Corpus.from_texts(local_paragraphs(300))
    table = corpus.phrases(min_count=2, threshold=0.5)
    words = [p for p in table["phrase"] if p.replace("_", "").isalpha()]
    assert len(words) > 10
    joined = corpus.compound([w.split("_") for w in words])
    ref = tg.Corpus.from_texts(underscored(corpus, joined))
    return joined, ref


def test_compound_tokens_and_offsets(compounded: tuple[tg.Corpus, tg.Corpus]) -> None:
    joined, ref = compounded
    a, b = joined.tokens, ref.tokens
    assert a["term"].astype(str).tolist() == b["term"].astype(str).tolist()
    for col in ("document", "sentence", "start", "end", "byte_start", "byte_end"):
        assert a[col].tolist() == b[col].tolist()
    assert any("_" in t for t in a["term"].astype(str))
    # the token text is the original text, spaces included
    assert all(
        joined.texts[d][s:e] == t
        for d, s, e, t in zip(a["document"], a["start"], a["end"], a["text"])
    )


def test_compound_frequency_keyness_dtm_collocations(
    compounded: tuple[tg.Corpus, tg.Corpus],
) -> None:
    joined, ref = compounded
    pd.testing.assert_frame_equal(joined.frequency(), ref.frequency())
    groups = [i % 2 for i in range(len(joined))]
    pd.testing.assert_frame_equal(joined.keyness(0, groups=groups), ref.keyness(0, groups=groups))
    X, names = joined.dtm()
    Y, ref_names = ref.dtm()
    assert names.tolist() == ref_names.tolist()
    assert (X - Y).count_nonzero() == 0 and X.shape == Y.shape
    pd.testing.assert_frame_equal(
        joined.collocations(measure=["pmi", "likelihood_ratio"]),
        ref.collocations(measure=["pmi", "likelihood_ratio"]),
    )


def test_compound_inputs_and_add() -> None:
    corpus = tg.Corpus.from_texts(["I love New York and new york loves me.", "Bank of America."])
    want = ["i", "love", "new_york", "and", "new_york", "loves", "me", "bank_of_america"]
    for spec in (["new york", "bank of america"], [("new", "york"), ["bank", "of", "america"]]):
        assert sentences(corpus.compound(spec), across_sentences=True) == [want[:7], want[7:]]
    df = pd.DataFrame({"phrase": ["new+york"]})
    df.attrs["delimiter"] = "+"
    assert "new+york" in corpus.compound(df).vocabulary
    assert "new-york" in corpus.compound(["new york"], delimiter="-").vocabulary
    # longest match wins; runs do not cross sentences
    c = tg.Corpus.from_texts(["a b c. b c d"])
    out = c.compound(["a b", "a b c", "c b", "b c d"])
    assert sentences(out, across_sentences=True) == [["a_b_c"], ["b_c_d"]]
    c2 = tg.Corpus.from_texts(["New. York"]).compound(["new york"])
    assert "new_york" not in c2.vocabulary
    # documents added later are compounded too, and the original corpus is unchanged
    joined = corpus.compound(["new york"])
    joined.add(["New York again"])
    assert joined.tokens["term"].astype(str).tolist()[-2:] == ["new_york", "again"]
    assert "new_york" not in corpus.vocabulary and len(corpus) == 2
    # a document of a compounded corpus keeps the expressions
    assert "new_york" in joined[2].frequency()["term"].tolist()
    # and so does a pickle of it (Corpus format version 2; see test_pickles.py)
    loaded = pickle.loads(pickle.dumps(joined))
    pd.testing.assert_frame_equal(loaded.frequency(), joined.frequency())


def test_compound_bad_input() -> None:
    corpus = tg.Corpus.from_texts(["a b"])
    with pytest.raises(TypeError):
        corpus.compound("a b")
    with pytest.raises(TypeError):
        corpus.compound([["a", 1]])
    with pytest.raises(ValueError, match="delimiter"):
        corpus.compound(["a b"], delimiter="")
    with pytest.raises(ValueError, match="phrase"):
        corpus.compound(pd.DataFrame({"x": ["a_b"]}))
    # unknown words and single words leave the corpus as it is
    same = corpus.compound(["zzz b", "a"])
    assert np.array_equal(same.tokens["term_id"], corpus.tokens["term_id"])


# command line --------------------------------------------------------------------------------


def test_cli_phrases_equal_gensim(tmp_path: Path) -> None:
    from textgauge.cli import main

    texts = local_paragraphs(120)
    for i in range(3):  # three files, so that the batches' models merge
        (tmp_path / f"{i}.txt").write_text("\n\n".join(texts[i * 40 : (i + 1) * 40]), "utf-8")
    out = tmp_path / "phrases.csv"
    code = main(
        [
            "phrases",
            str(tmp_path / "0.txt"),
            str(tmp_path / "1.txt"),
            str(tmp_path / "2.txt"),
            "--min-count", "2", "--threshold", "1.5", "--connector-words", "english",
            "--batch-mb", "0.004", "--top", "0", "-o", str(out), "--quiet",
        ]
    )  # fmt: skip
    assert code == 0
    got = pd.read_csv(out)
    corpus = tg.Corpus.from_texts([(tmp_path / f"{i}.txt").read_text("utf-8") for i in range(3)])
    ref = gensim_model(
        sentences(corpus), min_count=2, threshold=1.5, connector_words=ENGLISH_CONNECTOR_WORDS
    ).export_phrases()
    assert dict(zip(got["phrase"], got["score"])) == ref
    assert main(["phrases", str(out), "--scoring", "npmi", "--threshold", "2"]) == 2
