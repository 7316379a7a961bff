"""Lexical diversity against quanteda's gold table and the lexicalrichness package."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from lexicalrichness import LexicalRichness

import textgauge as tg

# docs/termstats.md#lexical-diversity: counts [5,3,2,1,1,1,1], log base 10.
GOLD = {
    "TTR": 0.5,
    "C": 0.73735,
    "R": 1.87083,
    "CTTR": 1.32288,
    "U": 4.36372,
    "S": -1.23399,
    "K": 1428.571,
    "D": 0.153846,
    "Vm": 0.267261,
    "Maas": 0.478709,
    "I": 1.4,
}


def test_quanteda_gold_table() -> None:
    c = tg.Corpus.from_texts(["a a a a a b b b c c d e f g", "x y x"])
    df = c.lexical_diversity(measures=list(GOLD))
    for name, value in GOLD.items():
        assert df[name][0] == pytest.approx(value, abs=6e-6 * max(1, abs(value))), name
    # lgV0 / lgeV0 (Maas) by hand: V=7, N=14
    lg = c.lexical_diversity(measures=["lgV0", "lgeV0"])
    assert lg["lgV0"][0] == pytest.approx(
        math.log10(7) / math.sqrt(1 - (math.log10(7) / math.log10(14)) ** 2)
    )
    assert lg["lgeV0"][0] == pytest.approx(
        math.log(7) / math.sqrt(1 - (math.log(7) / math.log(14)) ** 2)
    )


@pytest.fixture(scope="module")
def paragraphs(bbc_files: list[Path]) -> tuple[tg.Corpus, dict[Any, list[str]]]:
    c = tg.Corpus.from_files(bbc_files[::40])
    tok = c.tokens
    tok = tok[tok["kind"] == "word"]
    words = {
        k: g["term"].astype(str).tolist()
        for k, g in tok.groupby(["document", "paragraph"], observed=True)
    }
    return c, words


def _rel(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-300)


def test_matches_lexicalrichness_per_paragraph(
    paragraphs: tuple[tg.Corpus, dict[Any, list[str]]],
) -> None:
    corpus, words = paragraphs
    df = corpus.lexical_diversity(
        level="paragraph",
        measures="all",
        log_base=math.e,
        mattr_window=10,
        msttr_segment=7,
        hdd_draws=5,
    )
    checked = 0
    for row in df.itertuples(index=False):
        w = words.get((row.document, row.paragraph))
        if not w or len(w) < 12 or len(set(w)) == len(w):
            continue
        lr = LexicalRichness(w, preprocessor=None, tokenizer=None)
        assert row.tokens == lr.words and row.types == lr.terms
        pairs = [
            ("TTR", lr.ttr),
            ("R", lr.rttr),
            ("CTTR", lr.cttr),
            ("C", lr.Herdan),
            ("U", lr.Dugast),
            ("S", lr.Summer),
            ("K", lr.yulek),
            ("I", lr.yulei),
            ("Vm", lr.herdanvm),
            ("D", lr.simpsond),
            ("MATTR", lr.mattr(window_size=10)),
            ("MTLD", lr.mtld(threshold=0.72)),
            ("HDD", lr.hdd(draws=5)),
        ]
        # lexicalrichness's Maas is a^2 (natural logs); quanteda's is a.
        pairs.append(("Maas", math.sqrt(lr.Maas)))
        if len(w) % 7:  # lexicalrichness drops the last segment even when it is complete
            pairs.append(("MSTTR", lr.msttr(segment_window=7)))
        for name, ref in pairs:
            assert _rel(getattr(row, name), float(ref)) <= 1e-12, (
                name,
                row.document,
                row.paragraph,
            )
        checked += 1
    assert checked > 100


def test_levels_units_and_empty() -> None:
    c = tg.Corpus.from_texts(["One two. Two three!\n\nFour.", ""], ids=["x", "y"])
    doc = c.lexical_diversity(measures=["TTR"])
    assert doc["document"].tolist() == ["x", "y"]
    assert doc["tokens"].tolist() == [5, 0] and np.isnan(doc["TTR"][1])
    par = c.lexical_diversity(measures=["TTR"], level="paragraph")
    assert par[["document", "paragraph", "tokens", "types"]].values.tolist() == [
        ["x", 0, 4, 3],
        ["x", 1, 1, 1],
    ]
    sent = c.lexical_diversity(measures=["TTR"], level="sentence")
    assert sent["tokens"].tolist() == [2, 2, 1] and sent["paragraph"].tolist() == [0, 0, 1]
    with pytest.raises(ValueError, match="unknown measure"):
        c.lexical_diversity(measures=["ttr"])
