"""textgauge's scorer in C++ against its Python reference (scorer_reference.py):
the same token rows, and scores equal to 1e-12. The C++ keeps numpy's order of
float operations (pairwise sums included); they differ only where numpy's SIMD
pow and libm's pow differ in the last bit (max 3.6e-15 over the dev texts)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorer_reference as ref
from conftest import ROOT, SHARED, local_paragraphs, require
from textgauge import scorer

# Texts that reach every rule, elongation, emoji, case and punctuation branch.
EDGE = [
    "a great film",
    "It is VERY bad, but the ending is lovely!!",
    "But, like previous dialogues, the talks ended without a deal.",
    "I like it; we'd like more; they don't like it; he didn't like that.",
    "Russia is no closer to a settlement and no longer talks. no!! no good",
    "Ministers, as well as officials, came; well over 300 people attended. Well done.",
    "The army will allow local residents to escape. allowed them",
    "The United States and the Supreme Court disagreed. The Big Easy",
    "sooo goooood :) baaaad nooo way, gooooood",
    "",
    "the least good idea, at least good enough, very least bad",
    "never so good, never this bad, without doubt great, not without a doubt good",
    "kind of good, sort of bad, KINDA GOOD, extremely BAD, EXTREMELY good",
    "no or bad, no nor good, isn't good, wasn't bad at all, couldn't be happier",
    "😀 I love it 😡 terrible 💔",
    "ÉNORME succès, très bon. Ça va? Straße groß ÖL",
    "What??? Really?? Good!!!! ?? !!",
    "'quoted' Good. \"Bad\" News: Fine; Great",
    "ΣΟΦΟΣ καλός Ωραίο ΑΣ",
    "İstanbul is nice",
    "a\u2028b good\u00a0bad\u3000great\tok\nfine",
    "! \u00a9 good!",  # non-ASCII: the generic path counts `!` itself
]


def _reference(texts: list[str]) -> np.ndarray:
    return np.array(ref.scores(texts), dtype=np.float64).reshape(len(texts), 4)


def _check(texts: list[str]) -> float:
    got = scorer._scores(texts, 1)
    want = _reference(texts)
    for text in texts:
        for line in ref.lines(text):  # the token pass of each line the score averages
            rows, amp, n, toks = scorer.token_rows(line)
            r_rows, r_amp, r_n, r_toks = ref.token_rows(line)
            assert (rows, amp, n, toks) == (r_rows, r_amp, r_n, r_toks), line
    diff = float(np.max(np.abs(got - want))) if len(texts) else 0.0
    assert diff <= 1e-12
    return diff


@pytest.mark.parametrize("text", EDGE)
def test_edge_texts_match_the_reference(text: str) -> None:
    _check([text])


def test_local_texts_match_the_reference() -> None:
    _check(local_paragraphs(300, seed=3))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "good",
                "GOOD",
                "Bad",
                "not",
                "no",
                "but",
                "like",
                "well",
                "as",
                "allow",
                "to",
                "very",
                "kind",
                "of",
                "never",
                "so",
                "least",
                "at",
                "without",
                "doubt",
                "Smith",
                "John",
                "!",
                "?",
                "sooo",
                "baaad",
                ":)",
                "😀",
                "don't",
                "over",
                "nor",
                "or",
                "Straße",
                "İ",
                ".",
            ]
        )
        | st.text(max_size=6),
        max_size=14,
    ).map(" ".join)
)
def test_hypothesis_texts_match_the_reference(text: str) -> None:
    _check([text])


@pytest.mark.shared_data
def test_dev_texts_match_the_reference() -> None:
    require(SHARED / "data" / "sentiment_dev")
    import importlib.util

    spec = importlib.util.spec_from_file_location("fit_scorer", ROOT / "tools" / "fit_scorer.py")
    assert spec is not None and spec.loader is not None
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    texts = [t for s in fit.SETS for _, _, t in fit.load(s)]
    assert len(texts) > 1000
    _check(texts)


def test_threads_and_batch_order() -> None:
    texts = local_paragraphs(600, seed=5) + EDGE
    one = scorer._scores(texts, 1)
    assert np.array_equal(one, scorer._scores(texts, 2))
    assert np.array_equal(one, scorer._scores(texts, 0))
    assert np.array_equal(one[::-1], scorer._scores(texts[::-1], 2))
