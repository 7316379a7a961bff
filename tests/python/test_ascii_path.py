"""The ASCII fast path yields exactly the ICU path's tokens, kinds and offsets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgauge as tg

COLUMNS = ("document", "paragraph", "sentence", "byte_start", "byte_end", "start", "end", "kind")


def assert_paths_agree(texts: list[str]) -> int:
    fast = tg.Corpus.from_texts(texts, sentences=False)._table("token")
    icu = tg.Corpus.from_texts(texts, sentences=False, ascii_fast_path=False)._table("token")
    for col in COLUMNS:
        np.testing.assert_array_equal(fast[col], icu[col], err_msg=col)
    return len(fast["kind"])


def test_news_paragraphs(news_lines: list[str]) -> None:
    ascii_lines = [line for line in news_lines if line.isascii()]
    assert len(ascii_lines) > 100_000
    assert assert_paths_agree(news_lines) > 3_000_000


def test_bbc_articles(bbc_files: list[Path]) -> None:
    texts = [f.read_bytes().decode("utf-8", "replace") for f in bbc_files]
    assert len(texts) == 2225
    assert assert_paths_agree(texts) > 900_000


ascii_text = st.lists(
    st.sampled_from(
        list("abcXYZ019_.,;:'\"!?-$%&()[]{}@#*+=/\\<>^`|~ \t\n\r\x0b\x0c\x00\x7f") + ["  ", "\r\n"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.lists(ascii_text, min_size=1, max_size=5))
@pytest.mark.slow
def test_generated_ascii(texts: list[str]) -> None:
    assert_paths_agree(texts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
@pytest.mark.slow
def test_tokens_slice_back_and_cover_all_non_space(text: str) -> None:
    text = text.replace("\ud800", "")  # hypothesis may produce surrogates; covered elsewhere
    try:
        doc = tg.Document(text)
    except tg.DecodeError:
        return
    covered: set[int] = set()
    prev_end = 0
    r: Any
    for r in doc.tokens.itertuples():
        assert text[r.start : r.end] == r.text
        assert r.start >= prev_end  # no overlap, in order
        prev_end = r.end
        covered.update(range(r.start, r.end))
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch.isspace() or not ch.isprintable() or ch in "\ufeff\u200d\u00ad", (i, ch)


# Paragraphs with some non-ASCII characters are cut into pieces, and only the
# pieces holding those characters go to ICU (see split_pieces in
# cpp/src/text/ascii_words.hpp). Characters that interact with their neighbours
# under UAX #29 (combining marks, format characters, ZWJ, emoji, regional
# indicators, Hebrew, Katakana, CJK and Thai dictionaries, other spaces) are
# placed next to spaces and ASCII of every class.
mixed_text = st.lists(
    st.sampled_from(
        list("abcXYZ019_.,;:'\"!?-$@ \t\n")
        + [
            "  ",
            "\r\n",
            "é",
            "e\u0301",
            "\u0301",
            "\u00ad",
            "\u200d",
            "\u200b",
            "\u2019",
            "\u201c",
            "\u00a0",
            "\u3000",
            "\u2028",
            "\U0001f44d",
            "\U0001f3fd",
            "\U0001f468\u200d\U0001f469",
            "\U0001f1eb\U0001f1f7",
            "\u05d0",
            "\u05f4",
            "\u30ab",
            "\u4e2d\u6587",
            "\u0e20\u0e32\u0e29\u0e32",
            "\ufeff",
            "\u2060",
            "\u0663",
            "\u00b7",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.lists(mixed_text, min_size=1, max_size=4))
@pytest.mark.slow
def test_generated_mixed_text(texts: list[str]) -> None:
    assert_paths_agree(texts)
    fast_ids, fast_offsets, fast_table = tg._core._testing.extract_terms(
        texts, ascii_fast_path=True
    )
    icu_ids, icu_offsets, icu_table = tg._core._testing.extract_terms(texts, ascii_fast_path=False)
    np.testing.assert_array_equal(fast_offsets, icu_offsets)
    fast_terms, icu_terms = table_strings(*fast_table), table_strings(*icu_table)
    assert [fast_terms[i] for i in fast_ids] == [icu_terms[i] for i in icu_ids]


def table_strings(data: bytes, offsets: np.ndarray) -> list[str]:
    return [data[a:b].decode() for a, b in zip(offsets[:-1], offsets[1:])]
