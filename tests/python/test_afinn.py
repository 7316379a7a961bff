"""textgauge.afinn against afinn 0.1, text by text.

The reference is the installed ``afinn`` package itself. Every text goes through the
reference's ``scores`` (the value of each match, in order: a stronger check than the
sum) and ``score``, and through textgauge's batch and one-text calls; they must be
identical. Texts: the sample article, generated texts aimed at each matching rule (every
entry of each word list alone, cased, glued to word and non-word characters; every
multi-word entry across whitespace runs; emoticons on and off; apostrophes, hyphens,
digits, underscores, non-ASCII letters, Final_Sigma, U+0130; empty), random mixes of
entries and separators, and the paragraphs and sentences of ../shared/corpora (a
deterministic sample in the default run, all of them under ``slow``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
from functools import cache
from pathlib import Path
from typing import Any

import afinn as afinn_ref
import numpy as np
import pandas as pd
import pytest

import textgauge as tg
from conftest import NEWS, local_paragraphs, require, sample_article
from textgauge.afinn import Afinn, afinn_lexicon_paths

CONFIGS = [("en", False), ("en", True), ("da", False), ("da", True)]


@cache
def ref(language: str = "en", emoticons: bool = False) -> Any:
    return afinn_ref.Afinn(language=language, emoticons=emoticons)


@cache
def ours(language: str = "en", emoticons: bool = False) -> Afinn:
    return Afinn(language=language, emoticons=emoticons)


_WORKER_CONFIG: tuple[str, bool] = ("en", False)


def _ref_chunk(args: tuple[str, bool, list[str]]) -> list[list[int]]:
    language, emoticons, texts = args
    a = ref(language, emoticons)
    return [a.scores(t) for t in texts]


def reference_scores(
    texts: list[str], language: str = "en", emoticons: bool = False
) -> list[list[int]]:
    """afinn's ``scores`` of each text (distinct texts scored once, one process per core)."""
    distinct = list(dict.fromkeys(texts))
    size = 500
    chunks = [(language, emoticons, distinct[i : i + size]) for i in range(0, len(distinct), size)]
    workers = max(1, min(os.cpu_count() or 1, 8))
    if workers > 1 and len(chunks) > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_ref_chunk, chunks)
    else:
        parts = [_ref_chunk(c) for c in chunks]
    table = dict(zip(distinct, itertools.chain.from_iterable(parts)))
    return [table[t] for t in texts]


def assert_parity(texts: list[str], language: str = "en", emoticons: bool = False) -> None:
    expected = reference_scores(texts, language, emoticons)
    a = ours(language, emoticons)
    got = a.scores_texts(texts, threads=2)
    bad = [i for i in range(len(texts)) if got[i] != expected[i]]
    assert not bad, (
        "\n".join(f"{texts[i]!r}: afinn {expected[i]}, textgauge {got[i]}" for i in bad[:10])
        + f"\n({len(bad)} of {len(texts)} differ; {language}, emoticons={emoticons})"
    )
    sums = a.score_texts(texts, threads=2).tolist()
    assert sums == [float(sum(s)) for s in expected]


def _keys(path: Path) -> list[str]:
    return list(afinn_ref.Afinn.read_word_file(str(path)))


SEPARATORS = [
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\x1c",
    ", ",
    ". ",
    "!",
    "-",
    "'",
    "\u2019",
    "_",
    "0",
    "é",
    "x",
    "",
    ":",
    "(",
    ")",
    "/",
    "\\",
    "#",
]


def generated_texts(language: str, emoticons: bool) -> list[str]:
    paths = afinn_lexicon_paths(language, emoticons=True)
    words, emos = _keys(paths[0]), _keys(paths[1])
    texts = ["", " ", "\n\n", "no words here", "I", "İ", "ΣΑΣ σας ΟΔΟΣ"]
    for k in words:
        texts += [
            k,
            k.upper(),
            k.title(),
            f"x{k}",
            f"{k}x",
            f"_{k}",
            f"{k}_",
            f"{k}2",
            f"2{k}",
            f"é{k}",
            f"{k}é",
            f"({k})",
            f"'{k}'",
            f"{k}-{k}",
            f"{k}{k}",
            f"-{k}-",
        ]
        if " " in k:
            texts += [k.replace(" ", sep) for sep in ("  ", "\t", "\n", " \n ", "\u00a0", "\u2028")]
            texts += [k.replace(" ", ""), k.replace(" ", "-")]
    for e in emos:
        texts += [
            e,
            e.lower(),
            e.upper(),
            f"good{e}",
            f"{e}good",
            f"bad {e} good",
            f"{e}{e}",
            f"x{e}x",
            f" {e}) ",
            f"({e}",
        ]
    # apostrophes, hyphens, digits, non-ASCII letters
    texts += [
        "I can't stand it",
        "I can\u2019t stand it",
        "I cant stand it",
        "dont like, don't like",
        "a cover-up and a coverup",
        "self-confident, self confident",
        "well-being",
        "n00b gr8 b4",
        "NAÏVE naïve Naïve naïveté",
        "it does not work",
        "it does  not\twork",
        "DOES NOT WORK",
        "no fun",
        "nofun",
        "no-fun",
        "some kind of idiot",
        "kind of good",
        "green washing",
        "fucking good",
        "fucking goodness",
        "ill-fated",
        "ill fated",
        "short-sightedness",
        "good:) :( :-))))))))))) :-)))))))))))) \\o/ <3 </3 ♥♥",
        "dårlig godt glæde ÆRLIG",
        "Σ good",
        "aΣ good",
        "Straße GOOD",
        "ǅ good ǆ",
        "good\u0301",
        "\u0301good",
        "good\u200dbad",
        "good\ud800bad",
        "bad\udfff",
        "1good 2bad",
        "good٣ bad",
        "good²",
        "goodⅫ",
        "good・bad",
    ]
    rng = random.Random(16)
    pool = words + (emos if emoticons else emos[:10])
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 8)):
            k = rng.choice(pool)
            r = rng.random()
            k = k.upper() if r < 0.1 else k.title() if r < 0.2 else k
            parts.append(k)
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


@pytest.mark.parametrize(("language", "emoticons"), CONFIGS)
def test_generated_texts(language: str, emoticons: bool) -> None:
    assert_parity(generated_texts(language, emoticons), language, emoticons)


@pytest.mark.parametrize(("language", "emoticons"), CONFIGS)
def test_sample_article_and_local_paragraphs(language: str, emoticons: bool) -> None:
    paragraphs = local_paragraphs()
    sentences = tg.Corpus.from_texts(paragraphs).sentences["text"].tolist()
    assert_parity([sample_article(), *paragraphs, *sentences], language, emoticons)


def _news_sample(stride: int) -> list[str]:
    lines = require(NEWS).read_text(encoding="utf-8").splitlines()[::stride]
    sentences = tg.Corpus.from_texts(lines).sentences["text"].tolist()
    return lines + sentences


@pytest.mark.shared_data
@pytest.mark.parametrize(("language", "emoticons"), [("en", False), ("en", True)])
def test_shared_corpus_sample(language: str, emoticons: bool) -> None:
    assert_parity(_news_sample(97), language, emoticons)


@pytest.mark.shared_data
@pytest.mark.slow
def test_shared_corpus_every_paragraph_and_sentence() -> None:
    assert_parity(_news_sample(1), "en", False)
    # With emoticons: every third paragraph and its sentences (the matcher differs only where
    # an emoticon could start, and the suite has a time budget).
    assert_parity(_news_sample(3), "en", True)


def test_one_text_calls_match_the_reference() -> None:
    texts = ["Good and bad", "some kind of idiot", "It does not work", "", "I LOVE it!!! :)"]
    for language, emoticons in CONFIGS:
        r, a = ref(language, emoticons), ours(language, emoticons)
        for t in texts:
            assert a.score(t) == r.score(t) and isinstance(a.score(t), float)
            assert a.scores(t) == r.scores(t)
            assert a.find_all(t) == r.find_all(t)
            assert a.find_all(t, clean_whitespace=False) == r.find_all(t, clean_whitespace=False)
            assert a.split(t) == r.split(t)


def test_find_all_without_whitespace_cleaning() -> None:
    r, a = ref(), ours()
    for t in ["does not\twork", "does  not work", "does not work", "no\nfun", "NO FUN"]:
        assert a.find_all(t, clean_whitespace=False) == r.find_all(t, clean_whitespace=False)
    assert a.find_all("no\nfun", clean_whitespace=False) == ["no", "fun"]
    assert a.find_all("no\nfun") == ["no fun"]


def test_word_boundary_false() -> None:
    r = afinn_ref.Afinn(word_boundary=False)
    a = Afinn(word_boundary=False)
    texts = ["goodness", "badminton", "xgoodx", "it does not work", *local_paragraphs(40)]
    assert a.scores_texts(texts) == [r.scores(t) for t in texts]


def test_hand_computed_values() -> None:
    a = Afinn()
    assert a.scores("Good and bad") == [3, -3]
    assert a.scores("some kind of idiot") == [0, -3]  # "some kind" (0) wins over "kind" (2)
    assert a.find_all("It DOES NOT\n WORK") == ["does not work"]
    assert a.score("xgoodx") == 0.0  # no match inside a word
    assert Afinn(emoticons=True).scores("good:)") == [3, 2]  # emoticons need no boundary
    assert Afinn(emoticons=True).scores(":D") == []  # lowercased to ":d", never matches


def test_thread_count_does_not_change_results() -> None:
    texts = local_paragraphs(600) * 3
    a = ours("en", True)
    one = a.score_texts(texts, threads=1)
    for n in (2, 3, 8):
        pd.testing.assert_series_equal(a.score_texts(texts, threads=n), one)
        assert a.scores_texts(texts, threads=n) == a.scores_texts(texts, threads=1)


def test_batch_keeps_series_index_and_accepts_arrays() -> None:
    s = pd.Series(["good", "bad"], index=["x", "y"])
    out = Afinn().score_texts(s)
    assert out.index.tolist() == ["x", "y"] and out.tolist() == [3.0, -3.0]
    assert Afinn().score_texts(np.array(["good", "bad"], dtype=object)).tolist() == [3.0, -3.0]
    assert Afinn().score_texts([]).tolist() == []


def test_bad_input_raises_typed_errors() -> None:
    with pytest.raises(tg.OptionError, match="language"):
        Afinn(language="xx")
    with pytest.raises(TypeError):
        Afinn().score(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Afinn().score_texts("one text")
    with pytest.raises(TypeError):
        Afinn().score_texts(["ok", None])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="threads"):
        Afinn().score_texts(["ok"], threads=0)


def test_lexicon_paths_and_bad_word_file(tmp_path: Path) -> None:
    words, emo = afinn_lexicon_paths("en", emoticons=True)
    assert (words.name, emo.name) == ("AFINN-en-165.txt", "AFINN-emoticon-8.txt")
    assert [p.name for p in afinn_lexicon_paths("da")] == ["AFINN-da-32.txt"]
    a = Afinn()
    assert len(a._keys) == len(afinn_ref.Afinn()._dict)
    from textgauge.afinn import _read_word_file

    bad = tmp_path / "bad.txt"
    bad.write_text("good\t3\nno tab here\n", encoding="utf-8")
    with pytest.raises(tg.Error, match="line 2"):
        _read_word_file(bad)
    bad.write_bytes(b"good\t3\n\xff\t1\n")
    with pytest.raises(tg.DecodeError, match="byte offset 7"):
        _read_word_file(bad)


def test_reads_the_installed_word_list() -> None:
    entries = afinn_ref.Afinn.read_word_file(str(afinn_lexicon_paths("en")[0]))
    a = Afinn()
    assert dict(zip(a._keys, a._values.tolist())) == entries
