"""The text model from Python: units, offsets, options, bad input."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

import textgauge as tg


def test_document_units_and_offsets() -> None:
    text = "Prices rose 5% on Monday. Traders cheered!\n\nThen they fell \u2014 hard."
    doc = tg.Document(text)
    assert len(doc) == 2
    assert doc.paragraphs["text"].tolist() == [
        "Prices rose 5% on Monday. Traders cheered!",
        "Then they fell \u2014 hard.",
    ]
    assert doc.sentences["text"].tolist() == [
        "Prices rose 5% on Monday.",
        "Traders cheered!",
        "Then they fell \u2014 hard.",
    ]
    assert doc.sentences["paragraph"].tolist() == [0, 0, 1]
    toks = doc.tokens
    assert toks["text"].tolist() == [
        "Prices",
        "rose",
        "5",
        "%",
        "on",
        "Monday",
        ".",
        "Traders",
        "cheered",
        "!",
        "Then",
        "they",
        "fell",
        "\u2014",
        "hard",
        ".",
    ]
    assert toks["kind"].tolist() == [
        "word",
        "word",
        "number",
        "punctuation",
        "word",
        "word",
        "punctuation",
        "word",
        "word",
        "punctuation",
        "word",
        "word",
        "word",
        "punctuation",
        "word",
        "punctuation",
    ]
    assert toks["sentence"].tolist() == [0] * 7 + [1] * 3 + [2] * 6
    r: Any
    for r in toks.itertuples():
        assert text[r.start : r.end] == r.text
        assert text.encode()[r.byte_start : r.byte_end].decode() == r.text
    # the em dash is 3 bytes: byte and code-point offsets diverge after it
    hard = toks[toks.text == "hard"].iloc[0]
    assert (hard.start, hard.byte_start) == (text.index("hard"), text.encode().index(b"hard"))


def test_non_ascii_offsets_emoji_and_cjk() -> None:
    text = "Caf\u00e9 \U0001f44d\U0001f3fd great \u6211\u4eec\u559c\u6b22"
    toks = tg.Document(text).tokens
    assert toks["text"].tolist() == [
        "Caf\u00e9",
        "\U0001f44d\U0001f3fd",
        "great",
        "\u6211\u4eec",
        "\u559c\u6b22",
    ]
    assert toks["kind"].tolist() == ["word", "symbol", "word", "word", "word"]
    assert toks["start"].tolist() == [0, 5, 8, 14, 16]


def test_normalisation_options() -> None:
    text = "Stra\u00dfe CAF\u00c9 don\u2019t \ufb01ne \u201cQuoted\u201d"
    terms = tg.Document(text).tokens["term"].tolist()
    assert terms == ["strasse", "caf\u00e9", "don't", "fine", '"', "quoted", '"']
    nfkc = tg.Document(text, form="NFKC", strip_accents=True, casefold=False, unify_quotes=False)
    assert nfkc.tokens["term"].tolist() == [
        "Stra\u00dfe",
        "CAFE",
        "don\u2019t",
        "fine",
        "\u201c",
        "Quoted",
        "\u201d",
    ]
    # NFC keeps the ligature, NFKC expands it, and full case folding (like str.casefold) too
    assert tg.Document("\ufb01ne", casefold=False).tokens["term"].tolist() == ["\ufb01ne"]
    assert tg.Document("\ufb01ne", casefold=False, form="NFKC").tokens["term"].tolist() == ["fine"]
    assert tg.Document("\ufb01ne").tokens["term"].tolist() == ["\ufb01ne".casefold()]


def test_vocabulary_is_interned_in_first_occurrence_order() -> None:
    c = tg.Corpus.from_texts(["b a b", "c a"], threads=2)
    assert c.vocabulary == ["b", "a", "c"]
    assert c.tokens["term_id"].tolist() == [0, 1, 0, 2, 1]


def test_vocabulary_ids_do_not_depend_on_threads(news_lines: list[str]) -> None:
    texts = news_lines[:3000]
    one = tg.Corpus.from_texts(texts, threads=1)
    two = tg.Corpus.from_texts(texts, threads=2)
    assert one.vocabulary == two.vocabulary
    np.testing.assert_array_equal(one._table("token")["term"], two._table("token")["term"])


def test_paragraph_modes_crlf_bom_and_blank_lines() -> None:
    text = "\ufeffTitle\r\n\r\nLine one\r\nline two\r\n \t\r\n\r\nLast"
    doc = tg.Document(text)
    assert doc.paragraphs["text"].tolist() == ["Title", "Line one\r\nline two", "Last"]
    assert doc.paragraphs["start"].tolist() == [1, text.index("Line one"), text.index("Last")]
    lines = tg.Document(text, paragraphs="line")
    assert lines.paragraphs["text"].tolist() == ["Title", "Line one", "line two", "Last"]


def test_empty_and_whitespace_only() -> None:
    for text in ["", "   \n\n\t ", "\ufeff"]:
        doc = tg.Document(text)
        assert len(doc) == 0
        assert doc.tokens.empty and doc.sentences.empty


def test_nul_bytes_separate_tokens() -> None:
    doc = tg.Document("ab\x00cd ef")
    assert doc.tokens["text"].tolist() == ["ab", "cd", "ef"]


def test_invalid_utf8_strict_names_offset_and_source() -> None:
    with pytest.raises(tg.DecodeError) as info:
        tg.Corpus.from_texts([b"fine", "fine too", b"price \xa3100"])
    assert info.value.byte_offset == 6
    assert info.value.source == "document 2"
    assert isinstance(info.value, ValueError) and isinstance(info.value, tg.Error)
    assert "byte offset 6" in str(info.value)


def test_invalid_utf8_replace_matches_python() -> None:
    raw = b"price \xa3100 and \xe2\x82 broken \xed\xa0\x80 surrogate"
    doc = tg.Document(raw, errors="replace")
    assert doc.text == raw.decode("utf-8", "replace")
    assert doc.tokens["text"].tolist()[:3] == ["price", "\ufffd", "100"]


def test_decode_error_from_file_names_file(bbc_files: list[Path]) -> None:
    bad = next(f for f in bbc_files if f.parent.name == "sport" and f.name == "199.txt")
    with pytest.raises(tg.DecodeError) as info:
        tg.Corpus.from_files(str(bad))
    raw = bad.read_bytes()
    assert info.value.byte_offset == raw.index(b"\xa3")
    assert info.value.source == str(bad)
    c = tg.Corpus.from_files(str(bad), errors="replace")
    assert c.texts[0] == raw.decode("utf-8", "replace")


def test_lone_surrogates_from_python() -> None:
    text = "abc\udcff def"  # what surrogateescape produces for byte 0xFF
    with pytest.raises(tg.DecodeError) as info:
        tg.Document(text)
    assert info.value.byte_offset == 3
    doc = tg.Document(text, errors="replace")
    assert doc.text == "abc\ufffd def"
    assert doc.tokens["text"].tolist() == ["abc", "\ufffd", "def"]


def test_bad_options_and_inputs() -> None:
    with pytest.raises(ValueError, match="paragraphs"):
        tg.Document("x", paragraphs=cast(Any, "para"))
    unknown: dict[str, Any] = {"lowercase": True}
    with pytest.raises(TypeError, match="unknown option"):
        tg.Document("x", **unknown)
    with pytest.raises(TypeError, match="text 1 is int"):
        tg.Corpus.from_texts(["ok", 5])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="single text"):
        tg.Corpus.from_texts("not a list")


def test_corpus_frames_carry_ids_and_pickle() -> None:
    c = tg.Corpus.from_texts(["One. Two.", "Three"], ids=["a", "b"])
    assert c.paragraphs["document"].tolist() == ["a", "b"]
    assert c.tokens["document"].tolist() == ["a", "a", "a", "a", "b"]
    assert c[1].tokens["text"].tolist() == ["Three"]
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.ids == ["a", "b"] and c2.vocabulary == c.vocabulary
    assert "2 documents" in repr(c) and "Document" in repr(c[0])


@pytest.mark.slow
def test_large_single_paragraph() -> None:
    # 100 MB in one paragraph: no blank line anywhere.
    unit = "The market rallied strongly, and traders said 1,250 shares changed hands. "
    text = unit * (100_000_000 // len(unit))
    c = tg.Corpus.from_texts([text], sentences=False)
    cols = c._table("paragraph")
    assert len(cols["document"]) == 1
    tokens = c._table("token")
    per_unit = len(tg.Document(unit).tokens)
    assert len(tokens["document"]) == per_unit * (100_000_000 // len(unit))
    assert tokens["end"][-1] == len(text.rstrip())
