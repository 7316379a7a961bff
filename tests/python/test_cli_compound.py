"""``--compound FILE`` on the command line: multi-word expressions joined into single terms
before counting, as ``Corpus.compound`` joins them, for terms, keyness, collocations,
phrases and lookup (docs/cli.md)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import textgauge as tg
from conftest import local_paragraphs

pytestmark = pytest.mark.slow  # each test runs the command line in a new process

CITY = [
    "I love New York. New York is big!\n\nThe Bank of America is in New York.",
    "new york, NEW YORK. Bank of America.\n\nNew. York.",
]
EXPRESSIONS = ["new york", "bank of america"]


def cli(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "textgauge", *map(str, args)], capture_output=True, timeout=600
    )


def table(proc: subprocess.CompletedProcess[bytes]) -> pd.DataFrame:
    assert proc.returncode == 0, proc.stderr.decode()
    return pd.read_csv(io.BytesIO(proc.stdout), dtype={"record": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[str]]:
    """Two groups of files: the city texts, then generated news paragraphs, one a file."""
    root = tmp_path_factory.mktemp("compound")
    texts = CITY + local_paragraphs(60, seed=5)
    files = []
    for i, text in enumerate(texts):
        f = root / ("a" if i % 2 == 0 else "b") / f"{i:03d}.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(text, encoding="utf-8")
        files.append(f)
    order = sorted(range(len(files)), key=lambda i: str(files[i]))  # the CLI walks in order
    return root, [files[i] for i in order], [files[i].parent.name for i in order]


def corpus_of(files: list[Path]) -> tg.Corpus:
    return tg.Corpus.from_files([str(f) for f in files])


def test_terms_with_an_expression_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(CITY[0])
    b.write_text(CITY[1])
    expr = tmp_path / "expressions.txt"
    expr.write_text("# places\nNew York\n\nBank of America\nYork\n")
    proc = cli("terms", a, b, "--compound", expr, "--top", "0")
    out = table(proc).set_index("term")["frequency"]
    # hand-counted: "New. York" spans two sentences, so stays two terms; stop words dropped
    assert out.to_dict() == {
        "new_york": 5,
        "bank_of_america": 2,
        "love": 1,
        "big": 1,
        "new": 1,
        "york": 1,
    }
    assert f"{expr}:5: 'York' is one term: nothing to join" in proc.stderr.decode()
    joined = tg.Corpus.from_texts(CITY).compound(EXPRESSIONS)
    X, names = joined.dtm(stop_words="english")
    assert dict(zip(names.tolist(), X.sum(axis=0).A1.tolist())) == out.to_dict()
    # another delimiter
    proc = cli("terms", a, "--compound", expr, "--compound-delimiter", "+", "--top", "1")
    assert table(proc)["term"].tolist() == ["new+york"]


def test_phrases_table_then_keyness_collocations_lookup(
    tmp_path: Path, inputs: tuple[Path, list[Path], list[str]]
) -> None:
    """The workflow of gensim's users: learn the phrases, then count with them joined; in
    small batches, merged, the tables equal those of one compounded Corpus."""
    root, files, groups = inputs
    corpus = corpus_of(files)
    phrases = tmp_path / "phrases.csv"
    learned = cli(
        "phrases", root, "--min-count", "2", "--threshold", "1", "--top", "0", "-o", phrases
    )
    assert learned.returncode == 0, learned.stderr.decode()
    ref_table = corpus.phrases(min_count=2, threshold=1)
    assert pd.read_csv(phrases)["phrase"].tolist() == ref_table["phrase"].tolist()
    assert len(ref_table) > 5 and "new_york" in ref_table["phrase"].tolist()
    joined = corpus.compound(ref_table)
    small = ("--batch-mb", "0.002")

    out = table(
        cli(
            "keyness",
            root,
            "--target",
            "a",
            "--measure",
            "lr",
            "--top",
            "0",
            "--compound",
            phrases,
            *small,
        )
    )
    ref = joined.keyness("a", groups=groups, measure="lr")
    assert out["term"].tolist() == ref["term"].tolist()
    assert out["n_target"].tolist() == ref["n_target"].tolist()
    assert out["lr"].tolist() == pytest.approx(ref["lr"].tolist(), rel=1e-12)
    assert "new_york" in out["term"].tolist()

    out = table(
        cli(
            "collocations",
            root,
            "--measure",
            "pmi",
            "--min-count",
            "2",
            "--top",
            "0",
            "--compound",
            phrases,
            *small,
        )
    )
    ref = joined.collocations(size=2, measure="pmi", min_count=2)
    assert out["collocation"].tolist() == ref["collocation"].astype(str).tolist()
    assert out["count"].tolist() == ref["count"].tolist()
    assert out["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)
    assert "new_york new_york" in out["collocation"].tolist()  # "New York. New York"

    # phrases of the compounded text: gensim's second pass (phrases of phrases)
    out = table(
        cli(
            "phrases",
            root,
            "--min-count",
            "1",
            "--threshold",
            "1",
            "--top",
            "0",
            "--compound",
            phrases,
            *small,
        )
    )
    ref = joined.phrases(min_count=1, threshold=1)
    assert out["phrase"].tolist() == ref["phrase"].tolist()
    assert out["score"].tolist() == pytest.approx(ref["score"].tolist(), rel=1e-12)

    # lookup: an entry of the joined term matches it, the words alone no longer
    dic = tmp_path / "places.yml"
    dic.write_text("city:\n  - new_york\nwords:\n  - york\n")
    out = table(cli("lookup", root, "--dictionary", dic, "--compound", phrases, *small))
    ref = joined.lookup(tg.Dictionary({"city": ["new_york"], "words": ["york"]}))
    assert out["city"].tolist() == ref["city"].tolist()
    assert out["words"].tolist() == ref["words"].tolist()
    assert out["city"].tolist()[:2] == [3, 0]  # hand-counted: a/000 is CITY[0], a/002 has none
    assert out["tokens"].tolist() == ref["tokens"].tolist()


def test_bad_expression_files(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(CITY[0])
    missing = cli("terms", text, "--compound", tmp_path / "nope.txt")
    assert missing.returncode == 2 and missing.stdout == b""
    assert (
        f"--compound {tmp_path / 'nope.txt'}: No such file or directory" in missing.stderr.decode()
    )
    no_column = tmp_path / "x.csv"
    no_column.write_text("term,count\nnew_york,3\n")
    proc = cli("terms", text, "--compound", no_column)
    assert proc.returncode == 2
    assert "a table needs a 'phrase' column" in proc.stderr.decode()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xef\xbb\xbfNew York\nS\xe3o Paulo\n")  # a BOM, then Latin-1
    proc = cli("terms", text, "--compound", bad)
    assert proc.returncode == 2
    assert f"--compound {bad}: invalid UTF-8 at byte offset 13" in proc.stderr.decode()
    # no expression of two terms: a warning, and the counts of the text as it is
    lone = tmp_path / "lone.txt"
    lone.write_text("York\n\f\n  # none\n")
    proc = cli("terms", text, "--compound", lone, "--top", "1")
    assert table(proc)["term"].tolist() == ["new"]
    assert f"{lone}:1: 'York' is one term" in proc.stderr.decode()
    assert f"{lone}: no expression of two or more terms" in proc.stderr.decode()
