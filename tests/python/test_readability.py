"""Readability against hand-computed values and textstat (with its pyphen syllable counter)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import textgauge as tg
from textgauge.readability import syllable_count


def test_hand_computed() -> None:
    text = "The cat sat on the mat. Beautiful readability is remarkably difficult to achieve."
    df = tg.Corpus.from_texts([text]).readability()
    # words 13, sentences 2; syllables (pyphen en_US points + 1): 6 x 1, beau-ti-ful 3,
    # read-a-bil-ity 4, is 1, re-mark-ably 3, dif-fi-cult 3, to 1, achieve 1 -> 22;
    # polysyllables 4
    row = df.iloc[0]
    assert (row.words, row.sentences, row.syllables, row.polysyllables) == (13, 2, 22, 4)
    W, St, Sy, P, L = 13, 2, 22, 4, row.letters
    assert L == sum(ch.isalpha() for ch in text)
    assert row.flesch == pytest.approx(206.835 - 1.015 * W / St - 84.6 * Sy / W, rel=1e-14)
    assert row.flesch_kincaid == pytest.approx(0.39 * W / St + 11.8 * Sy / W - 15.59, rel=1e-14)
    assert row.gunning_fog == pytest.approx(0.4 * (W / St + 100 * P / W), rel=1e-14)
    assert row.smog == pytest.approx(1.043 * (30 * P / St) ** 0.5 + 3.1291, rel=1e-14)
    assert row.coleman_liau == pytest.approx(
        0.058 * 100 * L / W - 0.296 * 100 * St / W - 15.8, rel=1e-14
    )
    assert row.ari == pytest.approx(4.71 * L / W + 0.5 * W / St - 21.43, rel=1e-14)
    r = ((W - P) + 3 * P) / St
    assert row.linsear_write == pytest.approx((r - 2) / 2, rel=1e-14)
    # Dale-Chall: not on the easy list: readability, remarkably, difficult, achieve
    D = 4
    assert row.difficult == D
    assert row.dale_chall == pytest.approx(
        0.1579 * 100 * D / W + 0.0496 * W / St + 3.6365, rel=1e-14
    )
    assert row.lix == pytest.approx(W / St + 100 * 5 / W, rel=1e-14)


@pytest.fixture
def textstat_pyphen(monkeypatch: pytest.MonkeyPatch) -> Any:
    """textstat's own metric functions, with CMUdict absent so that syllables come from pyphen."""
    ts = pytest.importorskip("textstat")
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: {})
    _count_syllables.count_syllables.cache_clear() if hasattr(
        _count_syllables.count_syllables, "cache_clear"
    ) else None
    return ts


def test_matches_textstat_on_bbc_paragraphs(bbc_files: list[Path], textstat_pyphen: Any) -> None:
    from textstat.backend import counts, metrics

    texts = [p.read_text(encoding="utf-8") for p in bbc_files[::15]]
    paras = [p for t in texts for p in t.split("\n\n")[1:]]
    # Where the definitions agree: plain ASCII words, no hyphens, numbers or abbreviations,
    # every sentence of 3+ words (textstat ignores shorter ones), under 100 words (Linsear).
    ok = re.compile(r"^[A-Za-z ,;.']+$")
    # textstat tests for contraction apostrophes before lowercasing (O'Driscoll keeps it, as d
    # ends contractions, only in lower case); terms are case-folded: leave those names out.
    paras = [
        p
        for p in paras
        if ok.match(p) and not re.search(r"\b(Mr|Mrs|Ms|Dr|St)\b|'\s|\s'|^'|'[A-Z]", p)
    ]
    corpus = tg.Corpus.from_texts(paras)
    df = corpus.readability()
    checked = 0
    lang = "en_US"
    row: Any
    for text, row in zip(paras, df.itertuples(index=False)):
        if counts.count_sentences(text) != row.sentences or counts.count_words(text) != row.words:
            continue
        if row.words >= 100 or any(
            len(s.split()) <= 2 for s in re.findall(r"\b[^.!?]+[.!?]*", text)
        ):
            continue
        assert counts.count_syllables(text, lang) == row.syllables
        assert counts.count_polysyllable_words(text, lang) == row.polysyllables
        assert counts.count_letters(text) == row.letters
        assert counts.count_difficult_words(text, lang, syllable_threshold=0) == row.difficult
        pairs = {
            "flesch": metrics.flesch_reading_ease(text, lang),
            "flesch_kincaid": metrics.flesch_kincaid_grade(text, lang),
            "smog": metrics.smog_index(text, lang),
            "coleman_liau": metrics.coleman_liau_index(text),
            "dale_chall": metrics.dale_chall_readability_score(text, lang),
            "linsear_write": metrics.linsear_write_formula(text, lang, False, True),
        }
        # textstat's Fog excludes easy words from the complex ones: compare where none is easy.
        if counts.count_difficult_words(text, lang, syllable_threshold=3) == row.polysyllables:
            pairs["gunning_fog"] = metrics.gunning_fog(text, lang)
        for name, ref in pairs.items():
            got = getattr(row, name)
            assert abs(got - ref) <= 1e-12 * abs(ref), (name, text)
        checked += 1
    assert checked >= 50


def test_syllable_counter_is_pyphen_points_plus_one() -> None:
    pyphen = pytest.importorskip("pyphen")
    d = pyphen.Pyphen(lang="en_US")
    for w in ["cat", "beautiful", "readability", "government", "it's", "2004"]:
        assert syllable_count(w) == len(d.positions(w.lower())) + 1
    assert syllable_count("U.S.") == syllable_count("us")


def test_paragraph_level_and_empty_units() -> None:
    c = tg.Corpus.from_texts(["One short sentence here.\n\nAnother one, longer than that.", "!!!"])
    df = c.readability(level="paragraph", measures=["flesch", "smog"])
    assert df[["document", "paragraph", "words", "sentences"]].values.tolist() == [
        [0, 0, 4, 1],
        [0, 1, 5, 1],
        [1, 0, 0, 0],
    ]
    assert np.isnan(df["flesch"].iloc[2])
    with pytest.raises(ValueError, match="unknown measure"):
        c.readability(measures="fleschy")


# The term properties (syllables, letters, easy) are computed in C++. The reference is the
# counter as textgauge wrote it in Python before (pyphen's own matcher on textstat's
# punctuation-free form), kept here, and Python's str methods.
_NONCONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_NONWORD = re.compile(r"[^\w\s\']")


def _reference_properties(terms: list[str]) -> tuple[list[int], list[int], list[bool]]:
    pyphen = pytest.importorskip("pyphen")
    d = pyphen.Pyphen(lang="en_US")
    easy_file = Path(tg.__file__).parent / "data" / "dale_chall_easy_words.txt"
    easy = {
        w.strip()
        for w in easy_file.read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }
    syl, letters, is_easy = [], [], []
    for t in terms:
        form = _NONWORD.sub("", _NONCONTRACTION.sub("", t.lower()))
        syl.append(len(d.positions(form)) + 1)
        letters.append(sum(1 for ch in t if ch.isalnum() or ch == "_"))
        is_easy.append(form in easy)
    return syl, letters, is_easy


def _check_properties(corpus: tg.Corpus) -> int:
    from textgauge.readability import _term_properties

    syl, letters, easy = _term_properties(corpus)
    ref_syl, ref_letters, ref_easy = _reference_properties(corpus.vocabulary)
    bad = [
        (t, int(a), b)
        for t, a, b in zip(corpus.vocabulary, syl, ref_syl, strict=True)
        if int(a) != b
    ]
    assert not bad, bad[:20]
    assert letters.tolist() == ref_letters
    assert easy.astype(bool).tolist() == ref_easy
    return len(corpus.vocabulary)


def test_term_properties_equal_pyphen_on_local_text() -> None:
    from conftest import local_paragraphs, sample_article

    c = tg.Corpus.from_texts([sample_article(), *local_paragraphs()], casefold=False)
    assert _check_properties(c) > 500


def test_term_properties_equal_pyphen_on_unicode_words() -> None:
    words = [
        "İstanbul",  # lower() gives two code points
        "ΟΔΟΣ",  # final sigma
        "naïve",
        "café's",
        "rock'n'roll",
        "o'clock",
        "can't",
        "we've",
        "i'll",
        "they're",
        "'quoted'",
        "x²",
        "①②",
        "١٢٣",
        "日本語",
        "snake_case",
        "co-operate",
        "straße",
        "ǅemal",
        "Ωmega",
        "a",
        "'",
        "__",
    ]
    c = tg.Corpus.from_texts([" ".join(words)], casefold=False, unify_quotes=False)
    _check_properties(c)
    for w in words:
        assert syllable_count(w) == _reference_properties([w])[0][0], w


@pytest.mark.shared_data
def test_term_properties_equal_pyphen_on_shared_corpora(
    news_lines: list[str], bbc_files: list[Path]
) -> None:
    texts = news_lines + [p.read_text("utf-8", errors="replace") for p in bbc_files]
    c = tg.Corpus.from_texts(texts, casefold=False)
    assert _check_properties(c) > 50_000


def test_hyphenation_reads_pyphen_patterns_as_pyphen_does() -> None:
    pyphen = pytest.importorskip("pyphen")
    # A dictionary file written here: an encoding line, comments, keywords, ^^hh escapes,
    # a nonstandard alternative, an all-zero pattern (dropped) and a duplicate (the later wins).
    text = (
        "UTF-8\n% comment\n# comment\nLEFTHYPHENMIN 1\n"
        "1ba\nb1c\na1b\n.ex3a\n^^e9t1\nc1k/k=k,1,1\n0x0\na2b\n  b3d  \n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hyph_xx_XX.dic"
        path.write_text(text, "utf-8")
        ref = pyphen.Pyphen(filename=str(path), left=1, right=1, cache=False)
        from textgauge._core.text import Hyphenation

        ours = Hyphenation(text)
        for w in ["abc", "bab", "exab", "étab", "ckab", "abababcbd", "bdbd", "x", "ab", ""]:
            assert ours.positions(w, left=1, right=1) == list(ref.positions(w)), w
