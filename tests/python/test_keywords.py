"""YAKE keywords: identical to the yake package (0.7.3) — candidates, scores, order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import textgauge as tg
from conftest import local_paragraphs, sample_article
from textgauge.keywords import yake_keywords

yake = pytest.importorskip("yake")

# (our keyword options, the package's KeywordExtractor options)
SETTINGS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {}),
    ({"max_ngram_size": 1}, {"n": 1}),
    ({"max_ngram_size": 2}, {"n": 2}),
    ({"dedup_lim": 0.7}, {"dedup_lim": 0.7}),
    ({"window_size": 2}, {"window_size": 2}),
    ({"dedup_lim": 1.0}, {"dedup_lim": 1.0}),
]


def reference(texts: list[str], top: int = 20, **options: Any) -> list[list[tuple[str, float]]]:
    extractor = yake.KeywordExtractor(top=top, **options)
    return [[(k, float(s)) for k, s in extractor.extract_keywords(t)] for t in texts]


def check(
    texts: list[str], settings: list[tuple[dict[str, Any], dict[str, Any]]] = SETTINGS
) -> None:
    for ours, theirs in settings:
        got = yake_keywords(texts, **ours)
        want = reference(texts, **theirs)
        assert len(got) == len(want)
        for i, (g, w) in enumerate(zip(got, want)):
            assert g == w, (ours, i, texts[i][:80])  # same keywords, same floats, same order


def test_sample_article_default_keywords() -> None:
    got = yake_keywords([sample_article()])[0]
    assert len(got) == 20
    assert got == reference([sample_article()])[0]


def test_sample_article_and_local_paragraphs_all_settings() -> None:
    check([sample_article(), *local_paragraphs(120)])


def test_similarity_functions_jaro_and_levs() -> None:
    texts = [sample_article(), *local_paragraphs(60)]
    check(
        texts,
        [
            ({"dedup_func": "jaro"}, {"dedup_func": "jaro"}),
            ({"dedup_func": "levs", "dedup_lim": 0.7}, {"dedup_func": "levs", "dedup_lim": 0.7}),
        ],
    )


def test_empty_whitespace_and_punctuation_documents() -> None:
    texts = ["", " ", "\n\t \n", "...", "!!! ?? --", "a", "123 456", "The.", "it is, or not"]
    check(texts)
    assert yake_keywords(["", " ", "..."]) == [[], [], []]


def test_non_ascii_tokens() -> None:
    texts = [
        "Émile Zola wrote in Paris. ÉCOLE Normale trained Émile. Zürich’s banks and Zürich.",
        "Die Straße in München ist groß. Straße und München: STRASSE.",
        "Ωmega ΣΟΦΙΑ and σοφία met. Σοφία spoke, ΣΟΦΙΑ listened. ½ and ² and ٣ digits.",
    ]
    check(texts)


def test_sentence_splitting_edge_cases() -> None:
    # the package's pre-filter (a leading capital after white space marks a paragraph; line
    # breaks and tabs are spaces) and segtok's split_multi, now both in C++
    texts = [
        "  Apple rose.\nApple fell.\tBanks (e.g. HSBC. Barclays.) lent. Dr. No met Mr. Bond.",
        "\u00a0\u2003Apple rose. apple fell. U.S. banks and U.K. banks lent to A. Smith.",
        '\x1cApple rose! "Why?" asked Apple. (Apple fell.) [Banks lent.] Apple\u3002Banks.',
        "apple rose on 3. Mar and fell by J. R. Smith, K. and Jones, L. Banks (Nature. 2001) lent.",
        "Visit http://apple.com/x. Apple rose 3.5%. Apple fell 2.5 pts.\n\nBanks lent. Banks.",
    ]
    check(texts, SETTINGS[:3])


def test_corpus_and_document_frames() -> None:
    texts = [sample_article(), "Apple and Google compete. Apple sells phones; Google sells ads."]
    corpus = tg.Corpus.from_texts(texts, ids=["a", "b"])
    df = corpus.keywords(method="yake", n=5)
    assert list(df.columns) == ["document", "keyword", "score"]
    want = reference(texts, top=5)
    rows = [(d, k, s) for d, pairs in zip(["a", "b"], want) for k, s in pairs]
    assert list(df.itertuples(index=False, name=None)) == rows
    assert df["score"].dtype == "float64"
    doc = corpus[1]
    one = doc.keywords(n=3, max_ngram_size=2, dedupLim=0.7, windowsSize=2)
    ref = reference([texts[1]], top=3, n=2, dedup_lim=0.7, window_size=2)[0]
    assert list(zip(one["keyword"], one["score"])) == ref
    assert (one["document"] == "b").all()


@pytest.mark.parametrize(
    "options",
    [
        {"method": "rake"},
        {"n": 0},
        {"max_ngram_size": 0},
        {"dedupFunc": "cosine"},
        {"windowsSize": 0},
        {"dedupLim": "high"},
        {"lan": ""},
    ],
)
def test_unknown_option_values(options: dict[str, Any]) -> None:
    corpus = tg.Corpus.from_texts(["Some text about keywords."])
    with pytest.raises(tg.errors.OptionError):
        corpus.keywords(**options)


def test_cli_keywords(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(sample_article(), encoding="utf-8")
    b.write_text("Apple and Google compete.\nApple sells phones; Google sells ads.\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "textgauge", "keywords", str(a), str(b), "--top", "4"],
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    import io

    df = pd.read_csv(io.BytesIO(proc.stdout), keep_default_na=False)
    assert list(df.columns) == ["source", "record", "keyword", "score", "error"]
    want = reference([a.read_text("utf-8"), b.read_text("utf-8")], top=4)
    assert list(zip(df["source"], df["keyword"])) == [
        (str(p), k) for p, pairs in zip([a, b], want) for k, _ in pairs
    ]
    assert df["score"].tolist() == [s for pairs in want for _, s in pairs]  # CSV round-trips
    bad = subprocess.run(
        [sys.executable, "-m", "textgauge", "keywords", str(a), "--dedup-func", "cosine"],
        capture_output=True,
        timeout=300,
    )
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


@pytest.mark.shared_data
def test_parity_on_bbc_sample(bbc_files: list[Path]) -> None:
    corpus = tg.Corpus.from_files(bbc_files[::100], errors="replace")
    check(corpus.texts)


@pytest.mark.shared_data
@pytest.mark.slow
def test_parity_on_all_of_bbc(bbc_files: list[Path]) -> None:
    # Every article with the default settings; n=1 and n=2 on every fifth (yake takes about
    # 20 ms an article, and the suite has a time budget).
    corpus = tg.Corpus.from_files(bbc_files, errors="replace")
    check(corpus.texts, SETTINGS[:1])
    check(corpus.texts[::5], SETTINGS[1:3])


DIRTY = [
    "<p>Apple &amp; Google compete.</p> Apple&#39;s phones &lt;b&gt;sell&lt;/b&gt; well.\n"
    "Google &#39;s ads &amp;#39;rule&amp;#39; &mdash; Apple \u201cwaits\u201d.",
    "Shares of Apple rose 3% \u2013 Google fell.  <br/>Apple&nbsp;Inc  &quot;leads&quot;.",
]


def test_cleaned_corpus_keywords_are_those_of_the_cleaned_text() -> None:
    corpus = tg.Corpus.from_texts(DIRTY, ids=["a", "b"], clean=True)
    want = reference([tg.clean.clean(t) for t in DIRTY], top=5)
    assert want != reference(DIRTY, top=5)  # the cleaning changes the keywords here
    df = corpus.keywords(n=5)
    rows = [(d, k, s) for d, pairs in zip(["a", "b"], want) for k, s in pairs]
    assert list(df.itertuples(index=False, name=None)) == rows
    one = corpus[0].keywords(n=5)
    assert list(zip(one["keyword"], one["score"])) == want[0]
    steps = ["html_entities", "html_tags"]
    picked = tg.Corpus.from_texts(DIRTY, clean=steps).keywords(n=5)
    want = reference([tg.clean.clean(t, steps) for t in DIRTY], top=5)
    assert list(zip(picked["keyword"], picked["score"])) == [p for w in want for p in w]


def test_cli_keywords_clean(tmp_path: Path) -> None:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY[0], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "textgauge", "keywords", str(path), "--top", "5", "--clean"],
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    import io

    df = pd.read_csv(io.BytesIO(proc.stdout), keep_default_na=False)
    want = reference([tg.clean.clean(path.read_text("utf-8"))], top=5)[0]
    assert list(zip(df["keyword"], df["score"])) == want
