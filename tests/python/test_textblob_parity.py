"""textgauge's TextBlob sentiment against textblob 0.20.1, text by text.

Generated texts aimed at each rule (tokenizer, lexicon averaging, intensifiers,
negation, "!", "(!)", emoticons, casing, unicode, whitespace), the bundled sample
article and random text (hypothesis) go through ``TextBlob(text).sentiment``,
``.sentiment_assessments`` and the batch ``score``: polarity and subjectivity must be
identical to the last bit (sign of zero included) and the assessments equal.

On ../shared/corpora a seeded sample of 2,000 news paragraphs, 2,000 news sentences,
1,000 BBC paragraphs and 1,000 BBC sentences runs by default (a few seconds: textblob
takes about 0.3 ms a text); every paragraph and sentence of both corpora (about
366,000 texts, a minute or more of textblob in one process per core) runs in the
``slow`` test, as the VADER parity test does.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import random
import struct
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textblob import TextBlob as RefBlob
from textblob import _text as ref_text
from textblob.en import sentiment as ref_sentiment
from textblob.sentiments import PatternAnalyzer as RefAnalyzer

import textgauge as tg
from conftest import BBC, NEWS, local_paragraphs, require
from textgauge import textblob as tb

_REF = RefAnalyzer()

Scores = tuple[float, float, list[tuple[list[str], float, float, "str | None"]]]


def _ref_chunk(texts: list[str]) -> list[Scores]:
    # What TextBlob(text).sentiment_assessments calls: textblob.en.sentiment on the raw
    # text, which also gives .sentiment's two numbers (test_call_shapes checks).
    out: list[Scores] = []
    for t in texts:
        r = ref_sentiment(t)
        out.append((r[0], r[1], r.assessments))
    return out


def reference(texts: list[str]) -> list[Scores]:
    """textblob's (polarity, subjectivity, assessments) of `texts` (distinct texts scored
    once, in one process per core when there are many)."""
    distinct = list(dict.fromkeys(texts))
    size = 2000
    chunks = [distinct[i : i + size] for i in range(0, len(distinct), size)]
    workers = max(1, min(os.cpu_count() or 1, 8))
    if workers > 1 and len(chunks) > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_ref_chunk, chunks)
    else:
        parts = [_ref_chunk(c) for c in chunks]
    table = dict(zip(distinct, itertools.chain.from_iterable(parts)))
    return [table[t] for t in texts]


def scores_of(ref: list[Scores]) -> np.ndarray:
    return np.array([r[:2] for r in ref], dtype=float).reshape(len(ref), 2)


def assert_identical(texts: list[str], ours: np.ndarray, ref: np.ndarray, what: str) -> None:
    same = (ours == ref) & (np.signbit(ours) == np.signbit(ref))
    bad = np.flatnonzero(~same.all(axis=1))
    if len(bad):
        show = "\n".join(
            f"  {texts[i][:120]!r}: textgauge {ours[i].tolist()} textblob {ref[i].tolist()}"
            for i in bad[:10]
        )
        pytest.fail(f"{what}: {len(bad)} of {len(texts)} texts differ, e.g.\n{show}")


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def assert_blobs(texts: list[str], ref: list[Scores], what: str) -> None:
    """TextBlob(text).sentiment and .sentiment_assessments, ours against the reference,
    then score() on all of them."""
    for text, (p, s, a) in zip(texts, ref):
        ours = tb.TextBlob(text)
        assert [_bits(x) for x in ours.sentiment] == [_bits(p), _bits(s)], (text, ours.sentiment)
        got = ours.sentiment_assessments
        assert [_bits(x) for x in got[:2]] == [_bits(p), _bits(s)], text
        assert got.assessments == a, (text, got.assessments, a)
        for (_, gp, gs, _), (_, rp, rs, _) in zip(got.assessments, a):
            assert (_bits(gp), _bits(gs)) == (_bits(rp), _bits(rs)), text
    assert_identical(texts, tb.score(texts).to_numpy(), scores_of(ref), f"score() on {what}")


# --- generated texts ----------------------------------------------------------------------------

LEXICON = sorted(w for w in ref_sentiment if " " not in w)
ADVERBS = sorted(w for w in LEXICON if "RB" in ref_sentiment[w])
ADJECTIVES = sorted(w for w in LEXICON if "JJ" in ref_sentiment[w])
LABELLED = sorted(ref_sentiment.labeler)
FACES = [f for faces in ref_text.EMOTICONS.values() for f in sorted(faces)]
KNOWN = ["good", "bad", "great", "terrible", "happy", "sad", "nice", "awful", "love", "best"]
MODIFIERS = ["very", "really", "extremely", "incredibly", "so", "too", "quite", "fucking"]
MODIFIERS += ["terribly", "happily", "badly", "truly", "most", "more", "pretty"]
NEGATIONS = ["not", "no", "never", "n't", "Not", "NEVER", "don't", "isn't", "don’t", "cannot"]
SMALL = ["a", "I", "'", "is", "it", "an", "x", "of", "'s", "be", "so"]
PUNCT = [".", ",", "!", "?", "...", "!!", "?!", ";", ":", "(", ")", '"', "'", "-", "—", "…"]
SPACES = (
    [
        chr(c)
        for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680)
    ]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)
NOT_SPACES = ["\u200b", "\ufeff", "\u180e", "\u200d", "\u2060"]


def generated_texts() -> list[str]:
    """Texts aimed at each rule, systematic where the space is small, seeded-random
    elsewhere."""
    rng = random.Random(20261206)
    out: list[str] = [
        "",
        " ",
        "   ",
        "\t\n",
        "\n\n",
        "\u3000",
        "\u00a0\u2003",
        "!",
        "(!)",
        "( ! )",
        "(! )",
        "( !)",
        "(  ! )",
        "good (!)",
        "good ( ! ) bad",
        "a(!)b",
        "!!! good",
        "good!",
        "good !!!",
        "good!!!!!!!!",
        "not good!",
        "very good!!",
        "Mr. Smith is good. Mrs. Jones is bad.",
        "The U.S. is great. e.g. good. etc. bad",
        "Mr. good",
        "A. good. B.C. bad.",
        "Abc. Xyz. Mr|x. good",
        "wow..... good.... bad...",
        "?... good ...!",
        "END-OF-SENTENCE good",
        "(END-OF-SENTENCE) not END-OF-SENTENCE good",
        "good\n\nbad",
        "not\n\ngood",
        "very\r\n\r\ngood",
        "very\r\r\n\ngood",
        "very\n\r\ngood",
        "very\n \ngood",
        "o . O good",
        "o.O good",
        "o\n\n.O",
        ":c ) good",
        ": c ) good",
        ":o ) bad",
        ": o )",
        ":c )",
        "> : D",
        ": ' ' ' (",
        ": ' (",
        "° O °",
        "XD xD X-D x-D",
        ":-D:-D",
        ":):)",
        ":) :)",
        "good:)",
        "(:)",
        "it's good",
        "It's not good, isn't it?",
        "don't like it",
        "I can't be happy",
        "I'd've been happy",
        "n't good",
        "not 'good'",
        "not ' good",
        "not '' good",
        'not "good"',
        "“good” ‘bad’",
        "not “good”",
        "very “good”",
        "very is a good",
        "very is the good",
        "very a a a good",
        "very very very good",
        "very not good",
        "really not good",
        "really not a good",
        "not really good",
        "not very very good",
        "never ever good",
        "no x good",
        "not not good",
        "not no good",
        "terribly good",
        "happily sad",
        "fucking good",
        "FUCKING shit",
        "GOOD",
        "Good",
        "gOoD",
        "İ good",
        "ΣΑΣ good",
        "ÉTÉ naïve café",
        "\ud800 good \udfff",
        "good\x00bad",
        "good\x1cbad",
        "good\x85bad",
        "good\u2028not bad",
        "good\u200bbad",
        "♥ <3 good",
        "😀 good 👍🏽",
        "good—bad",
        "good–bad",
        "good…",
        "«good»",
        "good,bad",
        "good.bad",
        "good;bad",
        "(good)",
        "[bad]",
        "{nice}",
        "#good @bad $great",
        "*good*",
        "_good_",
        "good-looking",
        "well-known",
    ]
    # every lexicon word, alone and in the company of each rule
    for w in LEXICON:
        out.append(f"{w} {rng.choice(LEXICON)} {w.upper()}!")
    for w in rng.sample(LEXICON, 400):
        m, n = rng.choice(MODIFIERS), rng.choice(NEGATIONS)
        out.extend([f"{m} {w}", f"{n} {w}", f"{n} {m} {w}", f"{m} {n} {w}", f"{w} !", f"{w}!!"])
    for a in ADVERBS:
        out.extend([f"{a} {w}" for w in rng.sample(KNOWN, 3)])
        out.append(f"{a} {rng.choice(SMALL)} {rng.choice(KNOWN)}")
        out.append(f"{a} not {rng.choice(KNOWN)}")
    for w in rng.sample(ADJECTIVES, 300):
        adverb = (w[:-1] + "i" if w.endswith("y") else w).removesuffix("le") + "ly"
        out.extend([f"{adverb} {rng.choice(KNOWN)}", f"not {adverb}", adverb])
    for w in LABELLED:
        out.extend([w, f"very {w}", f"not {w}", f"{w} :)"])
    # negation across small words and apostrophes
    for n in NEGATIONS:
        for gap in range(4):
            for w in ("good", "bad", "very good", "really bad"):
                filler = " ".join(rng.choice(SMALL) for _ in range(gap))
                out.append(" ".join(filter(None, [n, filler, w])))
    # intensifier chains
    for _ in range(300):
        chain = [rng.choice(MODIFIERS + SMALL) for _ in range(rng.randint(1, 5))]
        out.append(" ".join([*chain, rng.choice(KNOWN + ["x", "!"])]))
    # every face, alone, spaced out, in context
    for f in FACES:
        spaced = " ".join(f)
        for ctx in ("{}", "good {}", "{} bad", "not {}", "very {}", "{}!", "({})", "{}.", "{}{}"):
            out.extend([ctx.format(f, f), ctx.format(spaced, spaced)])
        out.extend([f.upper(), f.lower(), f"x{f}", f"{f}x"])
    # punctuation and abbreviations around lexicon words
    for w in ("good", "Bad", "great"):
        for p, q in itertools.product(PUNCT, repeat=2):
            out.append(f"{p}{w}{q}")
            out.append(f"not {p}{w}{q} x")
    # whitespace of every kind
    for sp in SPACES + NOT_SPACES:
        out.append(sp.join(["I", "am", "not", "very", "good", ":)"]))
        out.append(sp + "good" + sp + sp)
    # random mixes of everything
    vocab = (
        KNOWN
        + MODIFIERS
        + NEGATIONS
        + SMALL
        + PUNCT
        + FACES
        + rng.sample(LEXICON, 200)
        + ["(!)", "!", "U.S.", "Mr.", "e.g.", "END-OF-SENTENCE", "İ", "😀", "“", "’"]
    )
    for _ in range(2000):
        size = rng.randint(1, 25)
        words = []
        for _ in range(size):
            w = rng.choice(vocab)
            r = rng.random()
            if r < 0.1:
                w = w.upper()
            elif r < 0.15:
                w = w.title()
            elif r < 0.25:
                w = w + rng.choice(PUNCT)
            elif r < 0.3:
                w = rng.choice(PUNCT) + w
            words.append(w)
        seps = [rng.choice([" "] * 12 + SPACES + NOT_SPACES + ["", "\n\n"]) for _ in range(size)]
        out.append("".join(w + s for w, s in zip(words, seps)))
    return out


GENERATED = generated_texts()


@pytest.fixture(scope="module")
def generated_ref() -> list[Scores]:
    return reference(GENERATED)


def test_generated_texts(generated_ref: list[Scores]) -> None:
    assert_blobs(GENERATED, generated_ref, "generated texts")


def test_sample_article_and_local_paragraphs() -> None:
    texts = [tg.demo.sample_article(), *local_paragraphs()]
    assert_blobs(texts, reference(texts), "the sample article and local paragraphs")


# --- the shared corpora -------------------------------------------------------------------------


def corpus_texts() -> Iterator[tuple[str, list[str]]]:
    lines = require(NEWS).read_text(encoding="utf-8").splitlines()
    yield "news_paragraphs.txt lines", lines
    news = tg.Corpus.from_texts(["\n".join(lines)], paragraphs="line")
    yield "news_paragraphs.txt sentences", news.sentences["text"].tolist()
    files = sorted(require(BBC).glob("*/*.txt"))
    bbc = tg.Corpus.from_files([str(f) for f in files], errors="replace")
    yield "BBC paragraphs", bbc.paragraphs["text"].tolist()
    yield "BBC sentences", bbc.sentences["text"].tolist()


@pytest.fixture(scope="module")
def corpora() -> list[tuple[str, list[str]]]:
    return list(corpus_texts())


@pytest.mark.shared_data
def test_corpus_sample(corpora: list[tuple[str, list[str]]]) -> None:
    rng = random.Random(16)
    total = 0
    for (name, texts), k in zip(corpora, (2000, 2000, 1000, 1000)):
        sample = rng.sample(texts, min(k, len(texts)))
        assert_blobs(sample, reference(sample), f"a sample of {name}")
        total += len(sample)
    assert total == 6000


@pytest.mark.shared_data
@pytest.mark.slow
def test_every_paragraph_and_sentence(corpora: list[tuple[str, list[str]]]) -> None:
    total = 0
    for name, texts in corpora:
        ours = tb.score(texts).to_numpy()
        assert_identical(texts, ours, scores_of(reference(texts)), f"score() on {name}")
        total += len(texts)
    assert total >= 300_000
    print(
        f"\ntextblob parity: {total} texts identical to textblob 0.20.1: "
        + ", ".join(f"{name} {len(texts)}" for name, texts in corpora)
    )


# --- the lexicon and the emoticons as textblob holds them ---------------------------------------


def test_lexicon_is_textblobs_after_averaging() -> None:
    engine = tb._engine()
    assert engine.word_count() == len(ref_sentiment)
    for w in ref_sentiment:
        p, s, i = ref_sentiment[w][None]
        got = engine.word(w)
        assert got is not None, w
        assert [_bits(x) for x in got[:3]] == [_bits(p), _bits(s), _bits(i)], w
        assert got[3] == ("RB" in ref_sentiment[w]), w
        assert got[4] == ref_sentiment.labeler.get(w), w
    assert engine.word("textgauge") is None


def test_emoticons_are_textblobs() -> None:
    ours: dict[str, float] = dict(_core_emoticons())
    theirs = {f: p for (_, p), faces in ref_text.EMOTICONS.items() for f in faces}
    assert ours == theirs
    # the class order decides a match: the reference iterates each class as a set, whose
    # order follows the hash seed, so no face may be a prefix of another of its class
    for faces in ref_text.EMOTICONS.values():
        for a, b in itertools.permutations(faces, 2):
            assert not b.startswith(a), (a, b)


def _core_emoticons() -> list[tuple[str, float]]:
    return tg._core.sentiment.textblob_emoticons()


def test_tokens_are_pattern_words() -> None:
    engine = tb._engine()
    for t in GENERATED[:400] + local_paragraphs(40):
        assert engine.tokens(t) == " ".join(ref_sentiment.tokenizer(t)).split(), t


# --- the API ------------------------------------------------------------------------------------


def test_call_shapes() -> None:
    blob = tb.TextBlob("I love this library :)")
    ref = RefBlob("I love this library :)")
    assert blob.sentiment == ref.sentiment
    assert repr(blob.sentiment) == repr(ref.sentiment)
    assert repr(blob.sentiment_assessments) == repr(ref.sentiment_assessments)
    assert blob.sentiment._fields == ref.sentiment._fields
    assert blob.sentiment_assessments._fields == ref.sentiment_assessments._fields
    assert (blob.polarity, blob.subjectivity) == (ref.polarity, ref.subjectivity)
    assert str(blob) == str(ref) and blob.raw == ref.raw
    a = tb.PatternAnalyzer()
    assert a.analyze("not bad") == RefAnalyzer().analyze("not bad")
    assert a.analyze("not bad", True) == RefAnalyzer().analyze("not bad", True)
    assert a.kind == RefAnalyzer.kind
    assert all(type(x) is float for x in blob.sentiment)


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        tb.TextBlob(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        RefBlob(3)
    with pytest.raises(TypeError):
        _ = tb.TextBlob(b"good").sentiment
    with pytest.raises(TypeError):
        _ = RefBlob(b"good").sentiment
    with pytest.raises(TypeError):
        tb.score("one text")
    with pytest.raises(TypeError, match="text 1"):
        tb.score(["good", None])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="threads"):
        tb.score(["good"], threads=0)


def test_score_frame() -> None:
    s = pd.Series(["good", "not good", "", ":("], index=[10, 11, 12, 13])
    df = tb.score(s, threads=1)
    assert list(df.columns) == ["polarity", "subjectivity"]
    assert list(df.index) == [10, 11, 12, 13]
    assert df.dtypes.tolist() == [np.float64, np.float64]
    assert df.to_numpy().tolist() == [list(RefBlob(t).sentiment) for t in s]
    assert tb.score(np.array(["good"])).shape == (1, 2)
    assert tb.score([]).shape == (0, 2)
    m = tb._method_frame(list(s), threads=1)
    assert list(m.columns) == ["polarity", "subjectivity"] and list(m.index) == [0, 1, 2, 3]
    assert np.array_equal(m.to_numpy(), df.to_numpy())


def test_thread_count_does_not_change_results() -> None:
    texts = GENERATED
    one = tb.score(texts, threads=1).to_numpy()
    for threads in (2, 3, 7):
        assert np.array_equal(tb.score(texts, threads=threads).to_numpy(), one)


def test_pickle() -> None:
    blob = tb.TextBlob("not bad!")
    _ = blob.sentiment_assessments
    back = pickle.loads(pickle.dumps(blob))
    assert back.raw == "not bad!" and back.sentiment == blob.sentiment
    assert back.sentiment_assessments == blob.sentiment_assessments
    assert repr(back.sentiment_assessments).startswith("Sentiment(")
    a = pickle.loads(pickle.dumps(tb.PatternAnalyzer()))
    assert a.analyze("good") == tb.PatternAnalyzer().analyze("good")


def test_lexicon_path() -> None:
    p = tb.textblob_lexicon_path()
    assert p.name == "en-sentiment.xml" and p.exists()


# --- property: any mix of lexicon words, modifiers, negations, faces, punctuation and unicode ---

_WORDS = st.sampled_from(KNOWN + MODIFIERS + NEGATIONS + SMALL + PUNCT + FACES + ["(!)", "U.S."])
_PIECES = st.one_of(
    _WORDS,
    _WORDS.map(str.upper),
    st.sampled_from(LEXICON),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=4),
    st.text(alphabet=st.sampled_from(list(".,;:!?()[]{}'\"-*oO0cDdPp/\\<>=^_8°♥3 ")), max_size=5),
)
_SEPS = st.sampled_from([" ", " ", " ", "", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b"])


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.tuples(_PIECES, _SEPS), max_size=30))
def test_parity_property(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    assert_blobs([text], _ref_chunk([text]), "a random text")
