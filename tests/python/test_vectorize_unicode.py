"""The sklearn-compatible analyzer against Python itself: every code point's
`\\w`/`\\s` class, lowercase and accent stripping, the cases of
termstats_semantics.md §2.2, and generated Unicode text."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("sklearn")
from sklearn.feature_extraction import text as sk

from textgauge import _core
from textgauge import sklearn as tgs

MAJOR, MINOR = (int(x) for x in unicodedata.unidata_version.split(".")[:2])
ALL = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]


def test_word_and_space_classes_of_every_code_point() -> None:
    word, space = re.compile(r"\w"), re.compile(r"\s")
    bad = []
    for ch in ALL:
        got = _core._testing.python_unicode(MAJOR, MINOR, ord(ch))
        if got != (bool(word.match(ch)), bool(space.match(ch))):
            bad.append(hex(ord(ch)))
    assert bad == []


@pytest.mark.parametrize(
    ("lowercase", "strip"), [(True, None), (False, "unicode"), (False, "ascii")]
)
@pytest.mark.slow
def test_lower_and_strip_accents_of_every_code_point(lowercase: bool, strip: str | None) -> None:
    """`char` unigrams of a one-character document are list(preprocess(c))."""
    ours = tgs.CountVectorizer(
        analyzer="char", lowercase=lowercase, strip_accents=strip
    ).build_analyzer()
    ref = sk.CountVectorizer(
        analyzer="char", lowercase=lowercase, strip_accents=strip
    ).build_preprocessor()
    opts = tgs.CountVectorizer(
        analyzer="char", lowercase=lowercase, strip_accents=strip
    )._engine_options()
    got = _core.vectorize.analyze(opts, ALL)
    white = re.compile(r"\s\s+")
    bad = [hex(ord(c)) for c, g in zip(ALL, got) if g != list(white.sub(" ", ref(c)))]
    assert bad == []
    assert ours("Ab") == sk.CountVectorizer(
        analyzer="char", lowercase=lowercase, strip_accents=strip
    ).build_analyzer()("Ab")


SECTION_2_2 = [
    ("cafe\u0301", ["cafe"]),
    ("café", ["café"]),
    ("नमस्ते दुनिया", ["नमस"]),
    ("ภาษาไทย ง่าย", ["ภาษาไทย", "าย"]),
    ("東京都に住む", ["東京都に住む"]),
    ("don't it’s", ["don", "it"]),
    ("x² m²s", ["x²", "m²s"]),
    ("İSTANBUL", ["stanbul"]),
    ("😀emoji 👩‍💻coder", ["emoji", "coder"]),
    ("snake_case __init__", ["snake_case", "__init__"]),
    ("می‌خواهم", ["می", "خواهم"]),
    ("I a 2", []),
]


@pytest.mark.parametrize(("text", "tokens"), SECTION_2_2)
def test_section_2_2_cases(text: str, tokens: list[str]) -> None:
    analyze = tgs.CountVectorizer().build_analyzer()
    assert analyze(text) == tokens == sk.CountVectorizer().build_analyzer()(text)


def test_strip_accents_examples() -> None:
    for mode, text, want in [
        ("unicode", "ĳ ǅ Ａ straße", "ij dz a straße"),
        ("ascii", "ĳ ǅ Ａ straße", "ij dz a strae"),
    ]:
        tokens = tgs.CountVectorizer(
            strip_accents=mode, token_pattern=r"(?u)\b\w\w+\b"
        ).build_analyzer()(text)
        assert " ".join(tokens) == " ".join(t for t in want.split() if len(t) > 1)


def test_final_sigma() -> None:
    for text in ["ΟΔΟΣ", "ΟΔΟΣ.", "Σ", "ΑΣ'Α", "Α'Σ", "ΑΣ\u0301", "Σ\u0301Α", "ΣΑΣ ΣΑΣ", "ΑΣ̈Α"]:
        ours = tgs.CountVectorizer(analyzer="char", ngram_range=(1, 1)).build_analyzer()(text)
        assert ours == list(text.lower())


ALPHABET = st.sampled_from(
    list("aAbBzZ09_ ")
    + [
        "\t",
        "\n",
        "\r\n",
        "  ",
        "\u00a0",
        "\u2003",
        "\x1c",
        "\u0301",
        "\u0308",
        "é",
        "É",
        "İ",
        "Σ",
        "σ",
        "ß",
        "ẞ",
        "ﬁ",
        "ĳ",
        "ǅ",
        "Ａ",
        "²",
        "½",
        "Ⅻ",
        "①",
        "😀",
        "👩\u200d💻",
        "東",
        "京",
        "ไ",
        "่",
        "न",
        "्",
        "\u200c",
        "\u200d",
        "'",
        "’",
        "-",
        ".",
        "Ω",
        "ω",
        "ℌ",
        "\U0001e030",
        "\U00011f00",
        "\u0cf3",
    ]
)
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    docs=st.lists(TEXT, min_size=1, max_size=6),
    lowercase=st.booleans(),
    strip=st.sampled_from([None, "ascii", "unicode"]),
    analyzer_ngram=st.sampled_from(
        [
            ("word", (1, 2)),
            ("word", (1, 3)),
            ("char", (1, 3)),
            ("char_wb", (1, 4)),
            ("char_wb", (3, 3)),
        ]
    ),
)
def test_generated_text_matches_sklearn(
    docs: list[str], lowercase: bool, strip: str | None, analyzer_ngram: Any
) -> None:
    analyzer, ngram = analyzer_ngram
    params = dict(lowercase=lowercase, strip_accents=strip, analyzer=analyzer, ngram_range=ngram)
    ref = sk.CountVectorizer(**params)
    ours = tgs.CountVectorizer(**params)
    r_an, o_an = ref.build_analyzer(), ours.build_analyzer()
    for d in docs:
        assert o_an(d) == r_an(d)
    try:
        Xr = ref.fit_transform(docs)
    except ValueError as e:
        with pytest.raises(ValueError, match=re.escape(str(e)[:20])):
            ours.fit_transform(docs)
        return
    Xo = ours.fit_transform(docs)
    assert ours.vocabulary_ == ref.vocabulary_
    assert (Xr != Xo).nnz == 0 and Xr.dtype == Xo.dtype
