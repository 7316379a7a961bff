"""segtok (1.5, installed with yake) rewritten in C++ for the YAKE keywords: split_multi
sentence for sentence, web_tokenizer + split_contractions token for token."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import local_paragraphs
from textgauge import _core
from textgauge._html import entities as html_entities

segmenter = pytest.importorskip("segtok.segmenter")
tokenizer = pytest.importorskip("segtok.tokenizer")


def split_multi(text: str) -> list[str]:
    return list(segmenter.split_multi(text))


# Each line is one of segtok's rules or a corner of one: abbreviations and initials,
# quotes and brackets around terminals, lists, numbers and dates, newlines, URLs, white
# space that Python's str.strip and the regex module's \s see differently.
SPLIT_CASES = [
    "",
    " ",
    "Hello. ",
    "\n\nHello world. How are you?",
    "Dr. Smith arrived. He met Mr. Jones e.g. at noon. Then i.e. nothing happened.",
    "It cost $3.5 bn. Shares fell 2.5%. The U.S. market and the U.K. one fell. U.S. stocks rose.",
    'She said "Stop!" and left. "Why?" he asked. \'No.\' It was over.',
    "He left (after the show. Then he ate.) and slept. (See Fig. 3.) Done.",
    "Results [see Smith et al. (2001). And more.] follow. [Ref. 2.] Next.",
    "Written by J. R. R. Tolkien. Read by A. Dent and B. Smith. Smith, J. and Jones, K. agree.",
    "Professor A. Einstein spoke. Doctor B.-C. Dee too. Señora D. López also. Ask General X. Y.",
    "Items: 1. Apples. 2. Pears. 3. Plums. A. First. B. Second.",
    "On 3. Mar the vote. On 12. Jan. 2004 it ended. On 05. 06. it began. Day 31. Dic came.",
    "Line one\nline two. Next\n\nNew paragraph\n\n\nThird. And fourth.",
    "See http://www.bbc.co.uk/news. It's at www.example.com. Mail a.b@c.de. Now.",
    "The drug (H. sapiens. M. musculus) works. spp. of E. coli. and more. Was it? yes.",
    "The result was 4. then 5. Then 6! and 7? Or 8.",
    "Go to St. Louis. Sept. 11 was a Tuesday. No. 10 is here. Vol. 2 and vs. them.",
    "z.B. this and Z.b. that. Jän. und Mär. sind Monate. approx. 5 figs. shown.",
    "A.\u00a0Next sentence.\u2003And then. X.\u001cY. Z.\u0085Q.",
    "Terminal\u3002Next\uff01 Full\uff0e Width\uff1f Done\u203c Ok\u2047 Fine.",
    "He said: \u201cGo.\u201d Then\u2019s. The end.\u2019 Next. (Tail.)) Word.] Tail.",
    "Mr Smith. Mrs Jones. Ms. Brown. Capt. Kirk. Col. Mustard. Gen. Lee. Sgt. Pepper.",
    "One word. lonely. two words. x2. Lower-case. e-mail. gene-a. x\u2010y.",
    "Ends with Word X. Next Word. Also Word Y.Z. Then more. Doe J. Smith.",
    "\u01c5ungla \u01c5. Next. \u02b0A. Next. A\u02b0. Next. \u00c9mile Z. Zola spoke.",
    "(1999) Nature. (Short. Another.) Then a sentence that is long enough to pass the limit "
    "of fifty-five code points. (Open. And a closing one.) End.",
    "Citation (Nature. 2001; 5: 10. Science. 2002) ends. Journal (J. Biol. Chem.) too.",
    "Watch the e.g. (and the i.e.) forms. Fig. 2. Fig 3. Figs. 4. No.",
    "Hello?! World... Wait.. what?\tTab.\rReturn. Next\u2028line. End",
]


def test_split_multi_cases() -> None:
    got = _core.text.segtok_split_multi(SPLIT_CASES)
    for text, sentences in zip(SPLIT_CASES, got):
        assert sentences == split_multi(text), text
    # a few spelled out, so a reader sees what the rules do
    assert got[2] == ["Hello.", ""]
    assert got[4] == [
        "Dr. Smith arrived.",
        "He met Mr. Jones e.g. at noon.",
        "Then i.e. nothing happened.",
    ]


ATOMS = [
    "A", "B.", "J.", "Dr.", "e.g.", "i.e.", "etc.", "by", "Doctor", "Se\u00f1ora", "and", ",",
    ", and", " ", "  ", "\n", "\n\n", "\n\n\n", ".", "!", "?", '"', "'", "\u2019", "\u201d",
    "(", ")", "[", "]", "word", "Word", "WORD", "Smith", "3", "12", "31", "Jan", "M\u00e4r",
    "05", "spp.", "et al.", "U.S.", "z.B.", "\u02b0", "\u01c4", "\u01c5", "-", "\u2010",
    "x-ray", "of", "was", "that", "(1999) ", "Nature:", "\t", "\u00a0", "\u2028", "\x1c",
    "\u3002", "1.", "2,", "Fig.", "No.", "a", "\u00e9", "\u0130", "_", "\u0663", "x2",
]  # fmt: skip


def generated(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 25)):
            parts.append(rng.choice(ATOMS))
            if rng.random() < 0.6:
                parts.append(" ")
        texts.append("".join(parts))
    return texts


def test_split_multi_generated_text() -> None:
    texts = generated(3000)
    for text, sentences in zip(texts, _core.text.segtok_split_multi(texts)):
        assert sentences == split_multi(text), text


def check_corpus(texts: list[str]) -> None:
    for text, sentences in zip(texts, _core.text.segtok_split_multi(texts)):
        assert sentences == split_multi(text), text[:200]


def bbc_texts(files: list[Path]) -> list[str]:
    return [f.read_bytes().decode("utf-8", "replace") for f in files]


def test_split_multi_on_a_sample_of_the_corpora(
    bbc_files: list[Path], news_lines: list[str]
) -> None:
    check_corpus(bbc_texts(bbc_files[::25]) + news_lines[::50])


@pytest.mark.slow
def test_split_multi_on_every_article_and_paragraph(
    bbc_files: list[Path], news_lines: list[str]
) -> None:
    check_corpus(bbc_texts(bbc_files) + news_lines)


TOKEN_CASES = [
    "See http://x.com/a?b=1#f and mail bob.s@ex-ample.org now.",
    "He can't, won't; it's 5:30 km² H₂O U.S. e.g. 3.5-4 Zürich’s &amp; &lt;b&gt;",
    "Hel-\r\nlo world...",
    "Dr. Smith (born 1950) said: 'it's fine', \"OK?\" - no!",
    "The C.E.O.'s 1,000,000 dollars; rock'n'roll, ’90s, e-mail:",
]


def test_segtok_tokenizer_matches_segtok() -> None:
    sents = [s for p in [*TOKEN_CASES, *local_paragraphs(200)] for s in split_multi(p) if s.strip()]
    got = _core.text.segtok_tokens(sents, entities=html_entities())
    assert got == [tokenizer.split_contractions(tokenizer.web_tokenizer(s)) for s in sents]
