"""kwic against a hand-written table and a brute-force scan of the tokens."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

import textgauge as tg
from textgauge.kwic import ValueType

TEXTS = [
    "Oil prices rose. Prices of gold fell.\n\nThe price of oil, again.",
    "No match here.",
    "PRICE war: price-cutting prices",
]


def test_hand_table() -> None:
    c = tg.Corpus.from_texts(TEXTS, ids=["a", "b", "c"])
    df = c.kwic("price*", window=2)
    assert df[
        ["document", "paragraph", "from", "to", "pre", "keyword", "post"]
    ].values.tolist() == [
        ["a", 0, 1, 1, "Oil", "prices", "rose ."],
        ["a", 0, 4, 4, "rose .", "Prices", "of gold"],
        ["a", 1, 10, 10, ". The", "price", "of oil"],
        ["c", 0, 0, 0, "", "PRICE", "war :"],
        ["c", 0, 3, 3, "war :", "price", "- cutting"],
        ["c", 0, 6, 6, "- cutting", "prices", ""],
    ]
    assert c.kwic("price", valuetype="fixed", case_insensitive=False)["from"].tolist() == [10, 3]
    assert c.kwic("of oil")[["from", "to", "keyword"]].values.tolist() == [[11, 12, "of oil"]]
    assert c.kwic(r"^pri.e$", valuetype="regex")["keyword"].tolist() == ["price", "PRICE", "price"]


@pytest.mark.parametrize(
    ("valuetype", "pat"), [("glob", "th*"), ("regex", "ed$"), ("fixed", "said")]
)
def test_matches_brute_force_scan(bbc_files: list[Path], valuetype: ValueType, pat: str) -> None:
    c = tg.Corpus.from_files(bbc_files[:40])
    tok = c.tokens
    if valuetype == "glob":
        rx = re.compile(fnmatch.translate(pat), re.IGNORECASE)
        ok = [bool(rx.match(t)) for t in tok["text"]]
    elif valuetype == "regex":
        ok = [bool(re.search(pat, t, re.IGNORECASE)) for t in tok["text"]]
    else:
        ok = [t.casefold() == pat for t in tok["text"]]
    expected = tok[ok]
    df = c.kwic(pat, valuetype=valuetype, window=3)
    assert len(df) == len(expected)
    assert df["keyword"].tolist() == expected["text"].tolist()
    assert df["paragraph"].tolist() == expected["paragraph"].tolist()
    # pre: up to three tokens of the same document
    first = expected.index[0]
    doc_tok = tok[tok["document"] == tok.loc[first, "document"]]
    pos = doc_tok.index.get_loc(first)
    assert df["pre"].iloc[0] == " ".join(doc_tok["text"].iloc[max(0, pos - 3) : pos])
