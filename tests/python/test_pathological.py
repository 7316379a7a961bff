"""Pathological inputs: each checked for the right result and for linear cost.

Cost is compared between n and 10n in the same run (best of 3, generous bound
``t(10n) < 30 * t(n)``: linear work gives about 10, quadratic work 100), never
against an absolute time. The 100 MB single paragraph itself is in
test_text.py (test_large_single_paragraph); here it is scaled 5 MB -> 50 MB.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction import text as sktext
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderSIA

import textgauge as tg
from textgauge.sklearn import CountVectorizer, HashingVectorizer, TfidfVectorizer

VADER = VaderSIA()


@pytest.fixture(scope="module")
def sia() -> tg.SentimentIntensityAnalyzer:
    return tg.SentimentIntensityAnalyzer()


def _touch(x: object) -> int:
    """A plainly linear pass over the input (copy and scan): the yardstick."""
    if isinstance(x, str):
        return x.encode("utf-8", "surrogatepass").count(b"\x00")
    if isinstance(x, bytes):
        return bytes(x).count(b"\x00")
    return sum(_touch(t) for t in x)  # type: ignore[attr-defined, misc]


def assert_linear(
    make: Callable[[int], Any], run: Callable[[Any], object], n: int, floor: float = 30.0
) -> None:
    """t(10n) < 30 t(n), best of 3; inputs are built outside the timed part.

    Moving from cache to main memory alone can make a fast scan cost 30-50x
    for 10x the data, so the bound grows with what a plainly linear pass over
    the same inputs (_touch) costs: 30 * max(1, r / 10) where r is its own
    10n/n ratio, capped at 60, so that a quadratic cost (100x and more) always
    fails. Small and large runs are interleaved so that a burst of load on a
    shared machine hits both, and a failing comparison is measured up to
    twice more. Work that writes a record per input byte (a token per
    punctuation mark) moves from cache to memory far sooner than the
    yardstick: such checks raise `floor` (still well below quadratic's 100x).
    """
    small, large = make(n), make(10 * n)
    run(small)  # warm up (lazy tables, allocator)
    for _attempt in range(3):
        t = {
            "small": float("inf"),
            "large": float("inf"),
            "base_small": float("inf"),
            "base_large": float("inf"),
        }
        for _ in range(3):
            for key, fn, arg in (
                ("small", run, small),
                ("large", run, large),
                ("base_small", _touch, small),
                ("base_large", _touch, large),
            ):
                t0 = time.perf_counter()
                fn(arg)
                t[key] = min(t[key], time.perf_counter() - t0)
        base_ratio = t["base_large"] / max(t["base_small"], 1e-6)
        bound = min(60.0, floor * max(1.0, base_ratio / 10))
        if t["large"] < bound * max(t["small"], 1e-4):
            return
    raise AssertionError(
        f"t(n) = {t['small']:.4f} s, t(10n) = {t['large']:.4f} s, linear yardstick ratio "
        f"{base_ratio:.1f}, bound {bound:.0f}x"
    )


def token_texts(doc: tg.Document) -> list[str]:
    return doc.tokens["text"].tolist()


def vader_scores(text: str) -> dict[str, float]:
    scores: dict[str, float] = VADER.polarity_scores(text)
    return scores


# --- one huge paragraph ------------------------------------------------------------------

UNIT = "The market rallied strongly, and traders said 1,250 shares changed hands. "


@pytest.mark.slow
def test_single_paragraph_scales_linearly() -> None:
    per_unit = len(tg.Document(UNIT).tokens)

    def count(text: str) -> int:
        c = tg.Corpus.from_texts([text], threads=1)
        tokens = c._table("token")
        assert len(c._table("paragraph")["document"]) == 1
        return len(tokens["document"])

    reps = 1_000_000 // len(UNIT)  # 1 MB vs 10 MB
    assert count(UNIT * reps) == per_unit * reps
    assert_linear(lambda n: UNIT * n, count, reps)


# --- empty lines ---------------------------------------------------------------------------


@pytest.mark.slow
def test_ten_million_empty_lines() -> None:
    for nl, n in (("\n", 10_000_000), ("\r\n", 1_000_000), ("\r", 1_000_000)):
        for mode in ("blank", "line"):
            c = tg.Corpus.from_texts([nl * n], paragraphs=mode)
            assert len(c._table("paragraph")["document"]) == 0
            assert len(c._table("token")["document"]) == 0
    # A word after them: one paragraph, offsets past every newline.
    doc = tg.Document("\n" * 10_000_000 + "end")
    assert doc.paragraphs["start"].tolist() == [10_000_000]
    assert token_texts(doc) == ["end"] and doc.tokens["start"].tolist() == [10_000_000]
    assert_linear(lambda n: "\n" * n, lambda t: tg.Corpus.from_texts([t], threads=1), 1_000_000)
    # CR-only line ends (old Mac files) were quadratic: each line searched the rest for an LF.
    assert_linear(
        lambda n: "a\r" * n,
        lambda t: tg.Corpus.from_texts([t], paragraphs="line", threads=1),
        100_000,
    )
    assert (
        len(
            tg.Corpus.from_texts(["a\r" * 100_000], paragraphs="line")._table("paragraph")[
                "document"
            ]
        )
        == 100_000
    )


# --- one 1 MB token ------------------------------------------------------------------------


@pytest.mark.slow
def test_one_megabyte_token(sia: tg.SentimentIntensityAnalyzer) -> None:
    word = "a" * 1_000_000
    doc = tg.Document(f"x {word} y")
    t = doc.tokens
    assert t["text"].tolist() == ["x", word, "y"] and t["kind"].tolist() == ["word"] * 3
    assert t["start"].tolist()[1] == 2 and t["end"].tolist()[1] == 1_000_002
    wide = "é" * 500_000  # 1 MB of two-byte letters: the ICU path
    assert token_texts(tg.Document(wide)) == [wide]
    assert_linear(lambda n: "é" * n, lambda s: tg.Document(s), 500_000)

    # Sentiment: one token, vaderSentiment's scores.
    for text in (word, "good " + word.upper() + " GREAT", "bad " + wide):
        assert sia.polarity_scores(text) == vader_scores(text)
    assert_linear(lambda n: "good " + "z" * n, sia.polarity_scores, 4_000_000)

    # sklearn analyzers on it: the same features as scikit-learn.
    assert CountVectorizer().build_analyzer()(word) == [word]
    assert CountVectorizer().build_analyzer()(wide) == sktext.CountVectorizer().build_analyzer()(
        wide
    )
    cv = CountVectorizer(analyzer="char", ngram_range=(2, 2))
    X = cv.fit_transform(["ab" * 500_000])
    assert cv.get_feature_names_out().tolist() == ["ab", "ba"]
    assert X.toarray().tolist() == [[500_000, 499_999]]  # 999,999 bigrams of abab...
    wb = CountVectorizer(analyzer="char_wb", ngram_range=(3, 3)).fit(["xy" * 500_000])
    assert sorted(wb.get_feature_names_out().tolist()) == [" xy", "xy ", "xyx", "yxy"]
    assert_linear(lambda n: ["a" * n], CountVectorizer().fit_transform, 1_000_000)


# --- emoji and ZWJ sequences ------------------------------------------------------------------

EMOJI = [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family: man, woman, girl (ZWJ)
    "\U0001f44d\U0001f3fd",  # thumbs up, medium skin tone
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag (VS16 + ZWJ)
    "\u2764\ufe0f",  # red heart + VS16
    "\U0001f600",  # grinning face
    "\U0001f1eb\U0001f1f7",  # flag of France (regional indicators)
    "1\ufe0f\u20e3",  # keycap 1
    "\U0001f9d1\u200d\U0001f4bb",  # technologist
    "\u200d",  # a lone ZWJ: a separator, never a token
]


def emoji_text(n_bytes: int, sep: str = " ") -> str:
    block = sep.join(EMOJI) + sep
    return block * max(1, n_bytes // len(block.encode()))


@pytest.mark.slow
def test_megabyte_of_emoji_and_zwj(sia: tg.SentimentIntensityAnalyzer) -> None:
    text = emoji_text(1_000_000)
    assert len(text.encode()) > 900_000
    doc = tg.Document(text)
    t = doc.tokens
    per_block = len(EMOJI) - 1  # the lone ZWJ is no token
    reps = len(text) // len(" ".join(EMOJI) + " ")
    assert len(t) == per_block * reps
    assert t["text"].tolist()[:per_block] == EMOJI[:-1]
    # UAX #29: a keycap is a digit with Extend marks, hence a number.
    assert t["kind"].tolist()[:per_block] == ["symbol"] * 6 + ["number", "symbol"]
    # Every token slices back out of the text.
    starts, ends, texts = t["start"].to_numpy(), t["end"].to_numpy(), t["text"].tolist()
    for i in range(0, len(texts), 997):
        assert text[starts[i] : ends[i]] == texts[i]
    # No separator at all: nothing lost but the final lone ZWJ (inside the
    # text a ZWJ joins the pictographs around it into one token, WB3c).
    packed = emoji_text(20_000, sep="")
    pt = tg.Document(packed).tokens
    assert "".join(pt["text"]) == packed[:-1] and packed[-1] == "\u200d"
    for s, e, tok in zip(pt["start"], pt["end"], pt["text"]):
        assert packed[s:e] == tok
    assert_linear(lambda n: emoji_text(n), lambda s: tg.Document(s), 500_000)

    # Sentiment on a smaller sample: exactly vaderSentiment (which substitutes
    # emoji one code point at a time); the whole megabyte in linear time.
    for sep in (" ", "", " good "):
        sample = emoji_text(3_000, sep=sep)
        assert sia.polarity_scores(sample) == vader_scores(sample)
    assert sia.polarity_scores(text)["compound"] == pytest.approx(
        vader_scores(emoji_text(30_000))["compound"], abs=1e-3
    )
    assert_linear(lambda n: emoji_text(n), sia.polarity_scores, 1_000_000)


# --- 100k `but`s ------------------------------------------------------------------------------


@pytest.mark.slow
def test_hundred_thousand_buts(sia: tg.SentimentIntensityAnalyzer) -> None:
    # vaderSentiment's but rule is quadratic: compare with it directly on 2,000.
    for unit in ("good but ", "good but bad but ", "but "):
        small = unit * 1_000 + "great"
        assert sia.polarity_scores(small) == vader_scores(small)
    # 100k: the rule scales only the FIRST position holding each value
    # (list.index), so "good " + "but " * n has valences [0.95, 0, 0, ...];
    # vaderSentiment's own aggregation of those gives the expected scores.
    n = 100_000
    text = "good " + "but " * n
    ex = sia.explain(text)
    assert ex["valence"].iloc[0] == 0.95 and (ex["valence"].iloc[1:] == 0).all()
    assert sia.polarity_scores(text) == VADER.score_valence([0.95] + [0.0] * n, text)
    text = "but " * n
    assert sia.polarity_scores(text) == {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    assert_linear(lambda k: "good but bad but " * k, sia.polarity_scores, 100_000)
    fixed = tg.SentimentIntensityAnalyzer(mode="fixed")
    assert_linear(lambda k: "good but bad but " * k, fixed.polarity_scores, 100_000)


# --- runs of punctuation ------------------------------------------------------------------------


@pytest.mark.slow
def test_long_runs_of_punctuation(sia: tg.SentimentIntensityAnalyzer) -> None:
    for ch in "!?.,-…":
        run = ch * 200_000
        t = tg.Document(run).tokens
        assert len(t) == 200_000 and set(t["kind"]) == {"punctuation"}
        assert t["start"].iloc[-1] == 199_999
    # A 40-byte token record (plus its table rows) per input byte.
    assert_linear(lambda n: "wait" + "?!." * n, lambda s: tg.Document(s), 100_000, floor=50.0)
    # Sentiment: the amplifier caps at 4 `!` and 3 `?`; stripping keeps the word.
    for text in (
        "good" + "!" * 1_000_000,
        "good " + "?" * 1_000_000,
        "bad " + "!?" * 500_000,
        "!" * 1_000_000,
        "good " + "." * 1_000_000 + " bad",
    ):
        assert sia.polarity_scores(text) == vader_scores(text)
    assert_linear(lambda n: "good" + "!" * n, sia.polarity_scores, 4_000_000)
    # sklearn: no \w token, so fitting fails as scikit-learn does.
    for cls in (CountVectorizer, sktext.CountVectorizer):
        with pytest.raises(ValueError, match="empty vocabulary"):
            cls().fit(["!?." * 100_000])
    assert CountVectorizer(analyzer="char", ngram_range=(2, 2)).fit(
        ["!?" * 100_000]
    ).vocabulary_ == {"!?": 0, "?!": 1}


# --- mixed scripts -------------------------------------------------------------------------

MIXED = (
    "Hello Привет مرحبا بالعالم 你好世界 สวัสดีครับ 👨\u200d👩\u200d👧 naïve café "
    "Ελληνικά עברית 1,250.5 दुनिया 안녕하세요 ｆｕｌｌ！ I ❤️ it. "
)


@pytest.mark.slow
def test_mixed_scripts_in_one_paragraph(sia: tg.SentimentIntensityAnalyzer) -> None:
    doc = tg.Document(MIXED * 3)
    t = doc.tokens
    assert len(doc.paragraphs) == 1
    text = doc.text
    for s, e, tok in zip(t["start"], t["end"], t["text"]):
        assert text[s:e] == tok and not tok.isspace()
    # Nothing but whitespace (and the lone ZWJ-free separators) is lost.
    assert "".join(t["text"]) == "".join(text.split())
    kinds = dict(zip(t["text"], t["kind"]))
    for word in (
        "Hello",
        "Привет",
        "مرحبا",
        "naïve",
        "Ελληνικά",
        "עברית",
        "안녕하세요",
        "ｆｕｌｌ",
        "I",
    ):
        assert kinds[word] == "word"
    assert kinds["1,250.5"] == "number"
    assert kinds["👨\u200d👩\u200d👧"] == "symbol" and kinds["❤️"] == "symbol"
    assert kinds["！"] == "punctuation" and kinds["."] == "punctuation"
    # Dictionary segmentation splits the CJK and Thai runs into words.
    cjk = [w for w in t["text"] if "\u4e00" <= w[0] <= "\u9fff"]
    assert "".join(cjk[: len(cjk) // 3]) == "你好世界" and len(cjk) > 3
    thai = [w for w in t["text"] if "\u0e00" <= w[0] <= "\u0e7f"]
    assert "".join(thai[: len(thai) // 3]) == "สวัสดีครับ" and len(thai) > 3
    assert_linear(lambda n: MIXED * n, lambda s: tg.Document(s), 3_000)

    # Sentiment and the sklearn analyzer agree with their references.
    assert sia.polarity_scores(MIXED) == vader_scores(MIXED)
    assert sia.polarity_scores(MIXED.upper()) == vader_scores(MIXED.upper())
    for kw in (
        {},
        {"analyzer": "char_wb", "ngram_range": (2, 4)},
        {"strip_accents": "unicode"},
        {"ngram_range": (1, 3)},
    ):
        assert CountVectorizer(**kw).build_analyzer()(MIXED) == sktext.CountVectorizer(
            **kw
        ).build_analyzer()(MIXED)


# --- invalid UTF-8 at every position ------------------------------------------------------------

SHORT = "café naïve €5, 你好 ok".encode()
BAD = [
    b"\xff",
    b"\x80",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
    b"\xf0\x9f\x98",
]


def expected_offset(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    raise AssertionError("valid")


@pytest.mark.slow
def test_invalid_utf8_at_every_position() -> None:
    n = 0
    for bad in BAD:
        for i in range(len(SHORT) + 1):
            raw = SHORT[:i] + bad + SHORT[i:]
            want = expected_offset(raw)
            with pytest.raises(tg.DecodeError) as info:
                tg.Document(raw)
            assert info.value.byte_offset == want
            with pytest.raises(tg.DecodeError) as info:
                tg.Corpus.from_texts([b"fine", raw])
            assert (info.value.byte_offset, info.value.source) == (want, "document 1")
            doc = tg.Document(raw, errors="replace")
            assert doc.text == raw.decode("utf-8", "replace")
            t = doc.tokens
            for s, e, tok in zip(t["start"], t["end"], t["text"]):
                assert doc.text[s:e] == tok
            n += 1
    assert n == len(BAD) * (len(SHORT) + 1)
    # The vectorizers decode bytes as scikit-learn does (decode_error=...).
    raws = [SHORT[:i] + b"\xff" + SHORT[i:] for i in range(len(SHORT) + 1)]
    for kw in (
        {"decode_error": "replace"},
        {"decode_error": "ignore", "analyzer": "char", "ngram_range": (1, 2)},
    ):
        ours, ref = CountVectorizer(**kw), sktext.CountVectorizer(**kw)
        assert (ours.fit_transform(raws) != ref.fit_transform(raws)).nnz == 0
        assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    with pytest.raises(UnicodeDecodeError):
        CountVectorizer().fit(raws)
    assert_linear(
        lambda k: [SHORT + b"\xff"] * k,
        lambda b: tg.Corpus.from_texts(b, errors="replace", threads=1),
        2_000,
    )


# --- lone surrogates from Python ----------------------------------------------------------------

SURROGATE_TEXT = (
    "good caf\udce9 and \udcff bad"  # what surrogateescape makes of b"caf\xe9" and b"\xff"
)


def test_lone_surrogates_at_every_entry_point(sia: tg.SentimentIntensityAnalyzer) -> None:
    base = "café naïve good 你好"
    for i in range(len(base) + 1):
        s = base[:i] + "\udc80" + base[i:]
        want = len(base[:i].encode())
        with pytest.raises(tg.DecodeError) as info:
            tg.Document(s)
        assert info.value.byte_offset == want
        assert tg.Document(s, errors="replace").text == s.replace("\udc80", "\ufffd")
        # Sentiment reads a surrogate as the uncased non-space code point
        # Python sees: vaderSentiment's scores exactly.
        assert sia.polarity_scores(s) == vader_scores(s)
    s = SURROGATE_TEXT
    with pytest.raises(tg.DecodeError) as info:
        tg.Corpus.from_texts(["fine", s])
    assert (info.value.byte_offset, info.value.source) == (len("good caf"), "document 1")
    c = tg.Corpus.from_texts(["fine", s], errors="replace")
    assert c.texts[1] == "good caf\ufffd and \ufffd bad"
    c.add([s])
    assert c.texts[2] == c.texts[1]
    with pytest.raises(tg.DecodeError):
        tg.Corpus().add([s])

    assert sia.polarity_scores(s) == vader_scores(s)
    df = sia.score([s, "fine", s.upper()], threads=2)
    assert df.to_dict("records") == [vader_scores(s), vader_scores("fine"), vader_scores(s.upper())]
    # A lexicon entry is stored as UTF-8: a surrogate in it is a DecodeError naming it.
    with pytest.raises(tg.DecodeError, match="lexicon word"):
        tg.SentimentIntensityAnalyzer({"caf\udce9": 1.0})
    with pytest.raises(tg.DecodeError, match="emoji"):
        tg.Lexicon().set_emoji("\udce9", "x")
    ex = sia.explain(s)
    assert ex["token"].tolist() == list(s.split())
    assert ex.attrs["scores"] == vader_scores(s)

    # Vectorizers read a surrogate as U+FFFD (neither is \\w, both are uncased):
    # word features are scikit-learn's on the original text, char n-grams
    # scikit-learn's on the text with U+FFFD.
    docs = [s, "caf\udce9\udcff caf\udce9", "plain text", "Strip\udc80 accents café"]
    repaired = [
        d.replace("\udce9", "\ufffd").replace("\udcff", "\ufffd").replace("\udc80", "\ufffd")
        for d in docs
    ]
    for cls, ref in (
        (CountVectorizer, sktext.CountVectorizer),
        (TfidfVectorizer, sktext.TfidfVectorizer),
    ):
        for kw, ref_docs in (
            ({}, docs),
            ({"strip_accents": "ascii", "ngram_range": (1, 2)}, docs),
            ({"analyzer": "char_wb", "ngram_range": (1, 3)}, repaired),
            ({"analyzer": "char", "strip_accents": "unicode"}, repaired),
        ):
            ours, theirs = cls(**kw), ref(**kw)
            A, B = ours.fit_transform(docs), theirs.fit_transform(ref_docs)
            assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
            assert np.allclose(A.toarray(), B.toarray(), rtol=0, atol=1e-12)
            assert np.allclose(
                ours.transform(docs).toarray(),
                theirs.transform(ref_docs).toarray(),
                rtol=0,
                atol=1e-12,
            )
        assert cls().build_analyzer()(s) == ref().build_analyzer()(s)
    # ... and so are surrogates in a given vocabulary or stop list.
    for ours, theirs, ref_docs in (
        (
            CountVectorizer(vocabulary=["caf\udce9", "good"]),
            sktext.CountVectorizer(vocabulary=["caf\udce9", "good"]),
            docs,
        ),
        (
            CountVectorizer(stop_words=["caf\udce9", "and"]),
            sktext.CountVectorizer(stop_words=["caf\udce9", "and"]),
            docs,
        ),
        (
            CountVectorizer(analyzer="char", vocabulary=["\udce9", "a"]),
            sktext.CountVectorizer(analyzer="char", vocabulary=["\ufffd", "a"]),
            repaired,
        ),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore", UserWarning
            )  # sklearn: stop words inconsistent with preprocessing
            assert (ours.fit_transform(docs) != theirs.fit_transform(ref_docs)).nnz == 0
    streamed = CountVectorizer().partial_fit(docs[:2]).partial_fit(docs[2:])
    assert (
        streamed.get_feature_names_out().tolist()
        == sktext.CountVectorizer().fit(docs).get_feature_names_out().tolist()
    )
    hv = HashingVectorizer(n_features=2**10).transform(docs)
    assert (hv != sktext.HashingVectorizer(n_features=2**10).transform(docs)).nnz == 0


# --- NUL bytes -----------------------------------------------------------------------------

NUL_BASE = "Good day, naïve 你好 1,250 :) ok"


@pytest.mark.slow
def test_nul_bytes_everywhere(sia: tg.SentimentIntensityAnalyzer) -> None:
    for i in range(len(NUL_BASE) + 1):
        s = NUL_BASE[:i] + "\x00" + NUL_BASE[i:]
        doc = tg.Document(s)
        t = doc.tokens
        for st, e, tok in zip(t["start"], t["end"], t["text"]):
            assert s[st:e] == tok and "\x00" not in tok
        # A NUL separates tokens the way a space does.
        assert token_texts(doc) == token_texts(tg.Document(NUL_BASE[:i] + " " + NUL_BASE[i:]))
        assert tg.Document(s.encode()).text == s
        # Python's str.split() and \w do not treat NUL as a separator; the references decide.
        assert sia.polarity_scores(s) == vader_scores(s)
        assert CountVectorizer().build_analyzer()(s) == sktext.CountVectorizer().build_analyzer()(s)
        wb: dict[str, Any] = {"analyzer": "char_wb", "ngram_range": (2, 3)}
        assert CountVectorizer(**wb).build_analyzer()(s) == sktext.CountVectorizer(
            **wb
        ).build_analyzer()(s)
    nuls = "\x00" * 1_000_000
    assert (
        len(tg.Document(nuls).tokens) == 0 and len(tg.Document(nuls).paragraphs) == 0
    )  # NUL is blank
    assert sia.polarity_scores(nuls) == vader_scores(nuls)
    assert_linear(lambda n: "ab\x00" * n, lambda s: tg.Document(s), 300_000)


# --- reading a corpus document by document ------------------------------------------------


def _read_documents(corpus: tg.Corpus) -> int:
    """Every document's counts and repr, and for every 10th its frames and sentiment."""
    rows = 0
    for doc in corpus:
        rows += len(doc) + len(repr(doc))
        if doc.id % 10 == 0:
            rows += len(doc.tokens) + len(doc.paragraphs) + len(doc.sentences)
            rows += len(doc.sentiment("sentence"))
            rows += len(doc.sentiment("document", mode="sentences"))
    return rows


@pytest.mark.slow
def test_document_access_is_linear() -> None:
    """A Document of a Corpus reads its own rows (the tables are in document order, sliced at
    each document's offsets), so reading all documents costs O(total tokens) whatever the
    corpus size: 4x the documents take about 4x the time. Filtering the whole corpus table
    for each document (as before) took 8x and more at this size, and grows with n."""
    rng = np.random.default_rng(5)
    words = np.array(
        [f"w{i}" for i in range(5_000)] + [".", "!", "good", "bad", "\n\n"], dtype=object
    )

    def make(n: int) -> tg.Corpus:
        return tg.Corpus.from_texts([" ".join(rng.choice(words, 150)) for _ in range(n)])

    n = 1_000
    small, large = make(n), make(4 * n)
    # Same results as the whole-corpus tables, document by document.
    tokens, sentences, sentiment = small.tokens, small.sentences, small.sentiment("sentence")

    def rows_of(frame: pd.DataFrame, i: int) -> pd.DataFrame:
        return frame[frame["document"] == i].drop(columns="document").reset_index(drop=True)

    for i in (0, 1, n // 2, n - 1):
        doc = small[i]
        assert doc.tokens.equals(rows_of(tokens, i)) and doc.sentences.equals(rows_of(sentences, i))
        assert doc.sentiment("sentence").equals(rows_of(sentiment, i))
        assert len(doc) == int((small.paragraphs["document"] == i).sum())
        assert f"{int((sentences['document'] == i).sum())} sentences" in repr(doc)
    _read_documents(small)  # warm up (lazy tables)
    _read_documents(large)
    for _attempt in range(3):
        t = {"small": float("inf"), "large": float("inf")}
        for _ in range(2):
            for key, corpus in (("small", small), ("large", large)):
                t0 = time.perf_counter()
                _read_documents(corpus)
                t[key] = min(t[key], time.perf_counter() - t0)
        if t["large"] < 6 * t["small"]:
            return
        if t["large"] > 12 * t["small"]:
            break  # plainly superlinear, not noise: no need to measure again
    raise AssertionError(f"t(n) = {t['small']:.3f} s, t(4n) = {t['large']:.3f} s")
