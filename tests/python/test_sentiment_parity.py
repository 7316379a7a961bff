"""textgauge's VADER against vaderSentiment 3.3.2, text by text.

Every paragraph and sentence of ../shared/corpora plus generated texts that
exercise every rule and quirk of vader_spec.md go through both
``polarity_scores`` and the batch ``score``; all four values must be identical
(sign of zero included). The reference is computed once per session, on the
distinct texts only, in one process per core.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as vs

import textgauge as tg
from conftest import BBC, NEWS, local_paragraphs, require

_REF: vs.SentimentIntensityAnalyzer | None = None


def _ref_chunk(texts: list[str]) -> list[tuple[float, float, float, float]]:
    global _REF
    if _REF is None:
        _REF = vs.SentimentIntensityAnalyzer()
    out = []
    for t in texts:
        d = _REF.polarity_scores(t)
        out.append((d["neg"], d["neu"], d["pos"], d["compound"]))
    return out


def reference_scores(texts: list[str]) -> np.ndarray:
    """vaderSentiment's scores of `texts` as an (n, 4) array (distinct texts scored once)."""
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
    return np.array([table[t] for t in texts], dtype=float).reshape(len(texts), 4)


def assert_identical(texts: list[str], ours: np.ndarray, ref: np.ndarray, what: str) -> None:
    same = (ours == ref) & (np.signbit(ours) == np.signbit(ref))
    bad = np.flatnonzero(~same.all(axis=1))
    if len(bad):
        show = "\n".join(
            f"  {texts[i][:120]!r}: textgauge {ours[i].tolist()} vader {ref[i].tolist()}"
            for i in bad[:10]
        )
        pytest.fail(f"{what}: {len(bad)} of {len(texts)} texts differ, e.g.\n{show}")


# --- generated texts ----------------------------------------------------------------------------

LEX = vs.SentimentIntensityAnalyzer().lexicon
EMOJI_KEYS = list(vs.SentimentIntensityAnalyzer().emojis)
POS = ["good", "love", "great", "happy", "nice", "kind", "heart", "ok", "lol", "yeah", "badass"]
NEG = [
    "bad",
    "hate",
    "terrible",
    "sad",
    "die",
    "death",
    "shit",
    "bomb",
    "ass",
    "stop",
    "no",
    "doubt",
]
FILLER = [
    "the",
    "it",
    "was",
    "a",
    "food",
    "movie",
    "of",
    "to",
    "for",
    "right",
    "bus",
    "kiss",
    "beating",
    "at",
    "very",
    "or",
    "nor",
    "this",
    "so",
    "least",
    "never",
    "without",
    "just",
    "enough",
    "sort",
]
BOOSTERS = sorted(k for k in vs.BOOSTER_DICT if " " not in k)
NEGATORS = [
    "not",
    "never",
    "don't",
    "don’t",
    "isn't",
    "isn’t",
    "without",
    "nor",
    "cannot",
    "aint",
    "couldn't",
    "wouldn’t",
    "DON'T",
    "Don't",
    "hasn't",
    "n't",
    "nothing",
    "despite",
    "seldom",
]
IDIOMS = [
    "the shit",
    "the bomb",
    "bad ass",
    "bus stop",
    "yeah right",
    "kiss of death",
    "to die for",
    "beating heart",
    "broken heart",
    "kind of",
    "sort of",
    "just enough",
    "badass",
]
SPACES = [
    chr(c)
    for c in (
        0x09,
        0x0A,
        0x0B,
        0x0C,
        0x0D,
        0x1C,
        0x1D,
        0x1E,
        0x1F,
        0x20,
        0x85,
        0xA0,
        0x1680,
        *range(0x2000, 0x200B),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
    )
]
NOT_SPACES = ["\u200b", "\ufeff", "\u180e", "\u200d", "\u2060"]
MULTI_EMOJI = [
    "👍🏽",
    "👍🏿",
    "👨‍👩‍👧",
    "👩‍❤️‍💋‍👨",
    "🇺🇸",
    "🇬🇧",
    "1️⃣",
    "#️⃣",
    "❤️",
    "❤",
    "☺️",
    "☹️",
    "👍",
    "😀",
    "😢",
    "💔",
    "🏳️‍🌈",
    "🧑🏽‍💻",
    "🙂\ufe0f",
    "🔛",
    "🆙",
    "🆗",
    "🆒",
    "🏧",
]
EMOTICONS = [
    ":)",
    ":(",
    ":-)",
    ":D",
    ":d",
    ":P",
    ":p",
    "<3",
    ":-(",
    ";)",
    "XD",
    "xd",
    "D:",
    "d:",
    ":-Þ",
    ":-þ",
    "=D",
    "o.O",
    "o.o",
    ":)).",
    "(:",
    "):",
    "</3",
    "8-)",
    "=]",
]


def generated_texts() -> list[str]:
    """Texts aimed at each rule of the spec, systematic where the space is small, seeded-random
    elsewhere."""
    rng = random.Random(20260302)
    out: list[str] = [
        "",
        " ",
        "   ",
        "\t\n",
        "\u3000",
        "\u00a0\u2003",
        "!",
        "?",
        "!!!",
        "???",
        "no",
        "No",
        "NO",
        "no no",
        "no no no",
        "It is NO good at all",
        "really no good",
        "no good",
        "not no good",
        "I",
        "I love it",
        "OK",
        "ok",
        "ok,",
        "ok.",
        "Good !",
        "Good!",
        "love but jw",
        "The book was kind of bad",
        "The book was bad",
        "The book was kinda bad",
        "It is this good",
        "It is good",
        "It is so good",
        "we were never so good",
        "has never been so good",
        "this is not the shit",
        "he is a bad ass",
        "broken heart",
        "at least good",
        "very least good",
        "least good",
        "the least good",
        "don’t like",
        "don't like",
        "1ST",
        "ÉTÉ good",
        "ǅ good",
        "Ⅰ good",
        "\u212aind of bad",
        "İ love it",
        "ΣΑΣ good",
        "GOOD good",
    ]
    # ALL-CAPS mixes and cap differential
    for w in POS + NEG:
        for form in (w, w.upper(), w.title()):
            for ctx in (
                "{}",
                "it is {}",
                "IT IS {}",
                "I {} it",
                "so {} !",
                "VERY {} stuff",
                "not {}",
            ):
                out.append(ctx.format(form))
    # boosters at distances 1-3, both signs, caps
    for b in BOOSTERS:
        for w in rng.sample(POS, 3) + rng.sample(NEG, 3):
            for d in (1, 2, 3, 4):
                gap = " ".join(rng.choice(["x", "food", "it", "the"]) for _ in range(d - 1))
                for bb in (b, b.upper()):
                    out.append(" ".join(filter(None, ["I", bb, gap, w, "here"])))
    # negators at distances 1-3, straight and curly apostrophes
    for n in NEGATORS:
        for w in POS + NEG:
            for d in (1, 2, 3, 4):
                gap = " ".join(
                    rng.choice(["so", "this", "x", "doubt", "very", "it"]) for _ in range(d - 1)
                )
                out.append(" ".join(filter(None, [n, gap, w])))
                out.append(" ".join(filter(None, ["we", n, gap, w])))
    # idioms at every position
    for idiom in IDIOMS:
        for pre in range(6):
            for post in range(3):
                words = (
                    [rng.choice(FILLER) for _ in range(pre)]
                    + idiom.split()
                    + [rng.choice(FILLER + POS) for _ in range(post)]
                )
                out.append(" ".join(words))
                out.append(" ".join(w.upper() if rng.random() < 0.2 else w for w in words))
    # `least`, `no`, `without doubt`, never so/this
    for w in POS + NEG:
        for ctx in (
            "least {}",
            "at least {}",
            "very least {}",
            "the least {}",
            "no {}",
            "no x {}",
            "no x y {}",
            "no x or {}",
            "no x nor {}",
            "without doubt {}",
            "without x doubt {}",
            "never so {}",
            "never this {}",
            "never x so {}",
            "x y so {}",
            "x y this {}",
            "never x this {}",
            "kind of {}",
            "sort of {}",
            "just enough {}",
            "x kind of {}",
            "kind {}",
            "{} kind of",
            "{} but {}",
            "but {}",
            "{} but",
        ):
            out.append(ctx.format(w, rng.choice(POS + NEG)))
    # `!` and `?` counts
    for base in ("good", "bad", "the food", "good bad", "I love it but hate it", ""):
        for n_ep in range(7):
            for n_qm in range(7):
                out.append(base + "!" * n_ep + "?" * n_qm)
                out.append(base + " " + " ".join("!" * n_ep) + " " + "?" * n_qm)
    # emoticons (punctuation strip with the len<=2 rule)
    for e in EMOTICONS:
        for ctx in ("{}", "I am {}", "{}.", "good {}", "({})", "bad {} !", "{}{}", "no {}"):
            out.append(ctx.format(e, e))
    # emoji: single code points, sequences, skin tones, VS16, ZWJ, no space after
    singles = [k for k in EMOJI_KEYS if len(k) == 1]
    for k in rng.sample(singles, 400) + MULTI_EMOJI:
        for ctx in (
            "{}",
            "I {} it",
            "{}good",
            "good{}",
            "{}{}",
            "no {}",
            "not {} at all",
            "{} but {}",
            "{}!",
            "SO {}",
        ):
            out.append(ctx.format(k, k))
    for k in rng.sample([k for k in EMOJI_KEYS if len(k) > 1], 300):
        out.append(f"I {k} it")
        out.append(f"{k}{k}good")
    # whitespace: every Python whitespace and some look-alikes that are not
    for sp in SPACES + NOT_SPACES:
        out.append(sp.join(["I", "love", "it", "but", "not", "GOOD"]))
        out.append(sp + "good" + sp + sp)
        out.append(sp.join(["😀", "good", "👍🏽"]))
    # `but` with value collisions (the list.index quirk): chains of halved values
    chain = [
        "heart",
        "jw",
        "fyi",
        "bz",
        "ayc",
        "love",
        "alol",
        "np",
        "ijs",
        "kia",
        "abandoning",
        "nimby",
        "grrr",
        "nimq",
        "btdt",
        "fav",
        "bffn",
        "adorns",
        "gg",
        "slap",
        "pls",
    ]
    for _ in range(3000):
        size = rng.randint(2, 30)
        words = [
            rng.choice(chain + ["but", "BUT", "not", "very", "x", "good", "bad"])
            for _ in range(size)
        ]
        out.append(" ".join(words))
    # the ASCII fast path: tokens across its 64-byte blocks and at the end of the
    # text, tokens longer than one 57-byte mask load, keys around its 15-byte
    # inline-key limit, control characters (not whitespace) inside tokens
    for width in [*range(50, 70), *range(115, 135), 190, 191, 192, 193, 255, 256, 257]:
        for w in ("good", "BAD", "don't", "hate!", "(love)", "no", "?!", "NOT"):
            pad = "x" * max(0, width - len(w) - 1)
            half = pad[: width // 2]
            out.extend([pad + " " + w, w + " " + pad, half + " " + w + " " + half])
    for offset in range(70):
        out.append(
            "z" * offset + " Very GOOD, not bad! I can't; at least (nice)? " + "y" * (offset % 7)
        )
    for width in (55, 56, 57, 58, 63, 64, 65, 120):
        for core in ("good", "GOOD", "n't", "Good"):
            half = (width - len(core)) // 2
            tok = "!" * half + core + "?" * (width - len(core) - half)
            out.extend(
                [f"it is {tok} here", f"{tok}", "a" * (width - 1) + "' good", "B" * width + " good"]
            )
    for k in sorted(k for k in LEX if 12 <= len(k) <= 19 and k.isascii()):
        for form in (k, k.upper(), f"({k})", f"{k}!!", f"'{k}'", k + "s", k[:-1]):
            out.append(f"it was {form} today")
    for c in ("\x00", "\x01", "\x08", "\x0e", "\x1b", "\x7f"):
        out.extend([f"good{c}bad", f"{c}good {c} bad{c}", f"not{c} good", f"GOOD{c} is fine"])
    # ... which also takes texts whose non-ASCII characters are neither
    # whitespace nor emoji: tokens holding one follow Python's rules
    for w in (
        "(é)",
        "é!",
        "!éé!",
        "ÉTÉ!",
        "ÉTÉ",
        "naïve,",
        "café's",
        "don’t",
        "…good",
        "good…",
        "–",
        "“great”",
        "Ǆ",
        "ΣΑΣ.",
        "İ",
        "ﬁne",
        "£5",
        "€",
        "x\u0301",
        "\ud800",
        "GOOD—bad",
    ):
        for ctx in (
            "{}",
            "it is {} GOOD",
            "I {} love it",
            "{} but not good",
            "so {}",
            "z" * 60 + " {}",
        ):
            out.append(ctx.format(w))
        out.append("é" * 40 + " " + w + " " + "x" * 70 + w)
        # long upper-case tokens ending in one (the fast path's long-token branch)
        for width in (50, 55, 56, 57, 64, 70):
            out.extend(["GOOD " + "A" * width + w, "GOOD " + w + "A" * width + " BAD"])
    # random mixes of everything
    vocab = (
        POS
        + NEG
        + FILLER
        + BOOSTERS[:20]
        + NEGATORS
        + EMOTICONS
        + MULTI_EMOJI
        + ["but", "BUT", "But", "no", "NO", "least", "!", "?", "...", "-", ":)", "I"]
        + rng.sample(sorted(LEX), 300)
    )
    for _ in range(20000):
        size = rng.randint(1, 25)
        words = []
        for _ in range(size):
            w = rng.choice(vocab)
            r = rng.random()
            if r < 0.1:
                w = w.upper()
            elif r < 0.15:
                w = w.title()
            elif r < 0.22:
                w = w + rng.choice([",", ".", "!", "?", "!!", "'", '"', ")", "…", "’"])
            elif r < 0.26:
                w = rng.choice(["(", '"', "'", "*", "“"]) + w
            words.append(w)
        seps = [rng.choice([" "] * 12 + SPACES + NOT_SPACES + ["", "  "]) for _ in range(size)]
        out.append("".join(w + s for w, s in zip(words, seps)))
    return out


def corpus_texts() -> Iterator[tuple[str, list[str]]]:
    lines = require(NEWS).read_text(encoding="utf-8").splitlines()
    yield "news_paragraphs.txt lines", lines
    news = tg.Corpus.from_texts(["\n".join(lines)], paragraphs="line")
    yield "news_paragraphs.txt sentences", news.sentences["text"].tolist()
    files = sorted(require(BBC).glob("*/*.txt"))
    bbc = tg.Corpus.from_files([str(f) for f in files], errors="replace")
    yield "BBC paragraphs", bbc.paragraphs["text"].tolist()
    yield "BBC sentences", bbc.sentences["text"].tolist()


@pytest.fixture(scope="session")
def parity_sets() -> list[tuple[str, list[str], np.ndarray]]:
    sets = [
        ("generated", generated_texts()),
        ("sample article and generated paragraphs", local_paragraphs()),
    ]
    if NEWS.exists() and BBC.exists():
        sets.extend(corpus_texts())
    everything = [t for _, texts in sets for t in texts]
    ref = reference_scores(everything)
    out, at = [], 0
    for name, texts in sets:
        out.append((name, texts, ref[at : at + len(texts)]))
        at += len(texts)
    return out


@pytest.fixture(scope="session")
def sia() -> tg.SentimentIntensityAnalyzer:
    return tg.SentimentIntensityAnalyzer()


@pytest.mark.shared_data
def test_corpora_are_present() -> None:
    require(NEWS)
    require(BBC)


@pytest.mark.slow
def test_parity_batch(
    parity_sets: list[tuple[str, list[str], np.ndarray]], sia: tg.SentimentIntensityAnalyzer
) -> None:
    total = 0
    for name, texts, ref in parity_sets:
        ours = sia.score(texts).to_numpy()
        assert_identical(texts, ours, ref, f"score() on {name}")
        total += len(texts)
    if NEWS.exists() and BBC.exists():
        assert total >= 200_000
    print(
        f"\nsentiment parity (batch): {total} texts identical to vaderSentiment 3.3.2: "
        + ", ".join(f"{name} {len(texts)}" for name, texts, _ in parity_sets)
    )


@pytest.mark.slow
def test_parity_polarity_scores(
    parity_sets: list[tuple[str, list[str], np.ndarray]], sia: tg.SentimentIntensityAnalyzer
) -> None:
    for name, texts, ref in parity_sets:
        ours = np.array([list(sia.polarity_scores(t).values()) for t in texts], dtype=float)
        assert_identical(texts, ours.reshape(len(texts), 4), ref, f"polarity_scores() on {name}")


def test_result_is_the_same_dict(sia: tg.SentimentIntensityAnalyzer) -> None:
    ref = vs.SentimentIntensityAnalyzer()
    for t in ["love but jw", "VADER is smart, handsome, and funny!", "", "no no"]:
        ours, theirs = sia.polarity_scores(t), ref.polarity_scores(t)
        assert ours == theirs and list(ours) == list(theirs)
        assert all(type(v) is float for v in ours.values())


@pytest.mark.slow
def test_thread_count_does_not_change_results(
    parity_sets: list[tuple[str, list[str], np.ndarray]], sia: tg.SentimentIntensityAnalyzer
) -> None:
    texts = parity_sets[0][1]
    one = sia.score(texts, threads=1).to_numpy()
    for threads in (2, 3, 7):
        assert np.array_equal(sia.score(texts, threads=threads).to_numpy(), one)


@pytest.mark.slow
def test_but_collisions_on_long_texts(sia: tg.SentimentIntensityAnalyzer) -> None:
    # Long texts with many equal values on both sides of `but`: the literal
    # list.index loop of the reference against the indexed emulation.
    rng = random.Random(7)
    chain = [
        "heart",
        "jw",
        "fyi",
        "bz",
        "ayc",
        "love",
        "kia",
        "abandoning",
        "nimby",
        "grrr",
        "x",
        "not",
    ]
    texts = [
        " ".join(rng.choice(chain + ["but"] * (k % 3)) for _ in range(rng.randint(200, 2000)))
        for k in range(40)
    ]
    assert_identical(
        texts, sia.score(texts).to_numpy(), reference_scores(texts), "long `but` texts"
    )


def test_surrogates_score_like_python(sia: tg.SentimentIntensityAnalyzer) -> None:
    texts = ["good \udc80 day", "\ud800GOOD good", "I \udfff love it"]
    assert_identical(texts, sia.score(texts).to_numpy(), reference_scores(texts), "lone surrogates")


# --- property: any mix of VADER's vocabulary, punctuation, emoji and whitespace -----------------


_WORDS = st.sampled_from(
    POS
    + NEG
    + FILLER
    + BOOSTERS
    + NEGATORS
    + EMOTICONS
    + MULTI_EMOJI
    + ["but", "BUT", "no", "NO", "least", "kind", "of", "I", "!", "?", "..."]
)
_PIECES = st.one_of(
    _WORDS,
    _WORDS.map(str.upper),
    _WORDS.map(str.title),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=4),
    st.sampled_from(EMOJI_KEYS),
)
_SEPS = st.sampled_from(
    [" ", " ", " ", "", "  ", "\n", "\t", "\u00a0", "\u2003", "\u200b", ",", "!", "?"]
)


@settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.tuples(_PIECES, _SEPS), max_size=30))
@pytest.mark.slow
def test_parity_property(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    d = _ref_chunk([text])[0]
    sia = _analyzer()
    assert tuple(sia.polarity_scores(text).values()) == d
    assert tuple(sia.score([text], threads=1).iloc[0]) == d


_SIA: tg.SentimentIntensityAnalyzer | None = None


def _analyzer() -> tg.SentimentIntensityAnalyzer:
    global _SIA
    if _SIA is None:
        _SIA = tg.SentimentIntensityAnalyzer()
    return _SIA
