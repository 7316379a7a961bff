"""The command line, run as a user runs it: a subprocess, real files, broken inputs."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

import textgauge as tg
from conftest import BBC, require

pytestmark = pytest.mark.slow  # each test runs the command line in a new process

VADER = Reference()


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "textgauge", *args], input=stdin, capture_output=True, timeout=600
    )


def table(proc: subprocess.CompletedProcess[bytes]) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(proc.stdout),
        dtype={"record": str, "error": str},
        keep_default_na=False,
        na_values=[""],
    )


@pytest.mark.shared_data
def test_sentiment_paragraphs_of_bbc_files_match_vader_in_order() -> None:
    files = sorted(require(BBC).glob("tech/00*.txt"))
    proc = cli("sentiment", str(BBC / "tech"), "--include", "00*.txt", "--with-text")
    assert proc.returncode == 0, proc.stderr
    out = table(proc)
    corpus = tg.Corpus.from_files([str(f) for f in files])
    expected = corpus.paragraphs
    assert len(out) == len(expected)
    assert out["source"].tolist() == [
        str(BBC / "tech" / Path(s).name) for s in expected["document"]
    ]
    assert out["paragraph"].tolist() == expected["paragraph"].tolist()
    for row in out.itertuples():
        ref = VADER.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (
            ref["neg"],
            ref["neu"],
            ref["pos"],
            ref["compound"],
        )


def test_sentence_level_numbers_sentences_per_file() -> None:
    text = "Good news. Bad news!\n\nAnother one. And more.\n"
    proc = cli("sentiment", "-", "--level", "sentence", stdin=text.encode())
    out = table(proc)
    assert proc.returncode == 0
    assert out["source"].tolist() == ["-"] * 4
    assert out["paragraph"].tolist() == [0, 0, 1, 1]
    assert out["sentence"].tolist() == [0, 1, 2, 3]
    assert out["compound"].tolist() == [
        VADER.polarity_scores(s)["compound"]
        for s in ["Good news.", "Bad news!", "Another one.", "And more."]
    ]


def test_paragraph_numbers_continue_across_blocks(tmp_path: Path) -> None:
    # Blocks of a large file are cut at paragraph ends; numbering must not restart.
    paragraphs = [
        f"Paragraph {i} is good." if i % 2 else f"Paragraph {i} is bad." for i in range(3000)
    ]
    f = tmp_path / "big.txt"
    f.write_text("\n\n".join(paragraphs) + "\n")
    proc = cli("sentiment", str(f), "--batch-mb", "0.01", "--with-text")
    out = table(proc)
    assert proc.returncode == 0
    assert out["paragraph"].tolist() == list(range(3000))
    assert out["text"].tolist() == paragraphs


def test_jsonl_csv_gzip_inputs_with_ids(tmp_path: Path) -> None:
    records = [{"id": "a1", "body": "I love this!"}, {"id": "b2", "body": "I hate this."}]
    jl = tmp_path / "in.jsonl.gz"
    with gzip.open(jl, "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in records) + "\n")
    csvf = tmp_path / "in.csv"
    pd.DataFrame(records).to_csv(csvf, index=False)
    for path in (jl, csvf):
        proc = cli(
            "sentiment",
            str(path),
            "--level",
            "document",
            "--text-column",
            "body",
            "--id-column",
            "id",
        )
        assert proc.returncode == 0, proc.stderr
        out = table(proc)
        assert out["record"].tolist() == ["a1", "b2"]
        assert out["compound"].tolist() == [
            VADER.polarity_scores(r["body"])["compound"] for r in records
        ]


def test_invalid_utf8_policies(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Fine text.\n")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"Price \xa3100 is great.\n")
    fail = cli("sentiment", str(tmp_path))
    assert fail.returncode == 1
    assert f"{bad}: invalid UTF-8 at byte offset 6" in fail.stderr.decode()

    skip = cli("sentiment", str(tmp_path), "--on-error", "skip")
    assert skip.returncode == 3
    out = table(skip)
    assert out["source"].tolist() == [str(good), str(bad)]
    assert out["error"].isna().tolist() == [True, False]
    assert "byte offset 6" in out["error"].iloc[1]

    replace = cli("sentiment", str(tmp_path), "--on-error", "replace", "--with-text")
    assert replace.returncode == 0
    out = table(replace)
    assert out["text"].tolist() == ["Fine text.", "Price \ufffd100 is great."]
    assert out["compound"].iloc[1] == VADER.polarity_scores("Price \ufffd100 is great.")["compound"]


def test_missing_file_and_bad_json_line(tmp_path: Path) -> None:
    proc = cli("sentiment", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1 and "cannot read" in proc.stderr.decode()
    jl = tmp_path / "x.jsonl"
    jl.write_text('{"text": "ok"}\n{not json\n{"other": 1}\n')
    proc = cli("sentiment", str(jl), "--on-error", "skip", "--level", "document")
    assert proc.returncode == 3
    out = table(proc)
    assert out["record"].tolist() == ["1", "2", "3"]
    assert out["error"].iloc[1].startswith(f"{jl}:2: invalid JSON")
    assert out["error"].iloc[2] == f"{jl}:3: no column 'text' (--text-column); columns: other"
    assert cli("sentiment", str(jl)).returncode == 1


def test_parquet_and_jsonl_outputs_equal_csv(tmp_path: Path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text("Great day.\n\nTerrible night!\n")
    csv_out = table(cli("sentiment", str(src)))
    assert cli("sentiment", str(src), "-o", str(tmp_path / "o.parquet")).returncode == 0
    pq = pd.read_parquet(tmp_path / "o.parquet")
    assert list(pq.columns) == list(csv_out.columns)
    assert pq["compound"].tolist() == csv_out["compound"].tolist()
    assert cli("sentiment", str(src), "-o", str(tmp_path / "o.jsonl")).returncode == 0
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [r["compound"] for r in rows] == csv_out["compound"].tolist()
    assert rows[0]["error"] is None and rows[0]["sentence"] is None


def test_terms_top_and_by_document(tmp_path: Path) -> None:
    (tmp_path / "g1").mkdir()
    (tmp_path / "g2").mkdir()
    (tmp_path / "g1" / "a.txt").write_text("Oil prices rose. Oil demand fell.")
    (tmp_path / "g2" / "b.txt").write_text("Oil stocks and bank stocks rose.")
    out = table(cli("terms", str(tmp_path), "--top", "3"))
    assert out[["term", "frequency", "docfreq", "rank"]].values.tolist() == [
        ["oil", 3, 2, 1],
        ["rose", 2, 2, 2],
        ["stocks", 2, 1, 2],
    ]
    out = table(cli("terms", str(tmp_path), "--top", "1", "--by", "group"))
    assert out[["group", "term", "frequency"]].values.tolist() == [
        ["g1", "oil", 2],
        ["g2", "stocks", 2],
    ]
    out = table(cli("terms", str(tmp_path), "--ngram", "2", "--top", "1", "--by", "document"))
    assert out["term"].tolist() == ["demand fell", "bank stocks"]


def test_usage_errors() -> None:
    assert cli("sentiment").returncode == 2
    assert cli("terms", "-", "--ngram", "3-1").returncode == 2


def peak_rss_mb(*args: str) -> float:
    """Peak RSS of the CLI run in a child process (ru_maxrss of the waited-for child)."""
    code = (
        "import resource, subprocess, sys; "
        "r = subprocess.run([sys.executable, '-m', 'textgauge', *sys.argv[1:]], "
        "stdout=subprocess.DEVNULL); "
        "assert r.returncode == 0, r.returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, check=True, timeout=900
    )
    return float(out.stdout)


def test_memory_stays_bounded_on_large_input(tmp_path: Path) -> None:
    # The same paragraphs, 24 MB and 96 MB of them: peak memory must not follow the input
    # (it plateaus once the allocator's arenas are warm, at a few batches).
    unit = (
        "Shares in the company fell sharply on Tuesday after the board warned that profits "
        "would be lower than expected, but analysts said the outlook remained good.\n\n"
    )
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(unit * (24_000_000 // len(unit)))
    with large.open("w") as fh:
        for _ in range(4):
            fh.write(unit * (24_000_000 // len(unit)))
    options = ["--level", "paragraph", "--batch-mb", "4", "-q"]
    rss_small = peak_rss_mb("sentiment", str(small), *options)
    rss_large = peak_rss_mb("sentiment", str(large), *options)
    assert rss_large < rss_small * 1.15 + 30, (rss_small, rss_large)
    assert rss_large < 1024


@pytest.mark.shared_data
def test_keyness_and_collocations_equal_the_library_on_bbc_files() -> None:
    require(BBC)
    files = sorted(BBC.glob("tech/01*.txt")) + sorted(BBC.glob("sport/01*.txt"))
    corpus = tg.Corpus.from_files([str(f) for f in files], errors="replace")
    groups = [f.parent.name for f in files]

    proc = cli(
        "keyness",
        str(BBC / "tech"),
        str(BBC / "sport"),
        "--include",
        "01*.txt",
        "--target",
        "sport",
        "--measure",
        "lr",
        "--top",
        "0",
        "--on-error",
        "replace",
        "--batch-mb",
        "0.05",
    )
    assert proc.returncode == 0, proc.stderr
    out = table(proc)
    ref = corpus.keyness("sport", groups=groups, measure="lr")
    assert out["term"].tolist() == ref["term"].tolist()
    assert out["n_target"].tolist() == ref["n_target"].tolist()
    assert out["lr"].tolist() == pytest.approx(ref["lr"].tolist(), rel=1e-12)

    proc = cli(
        "collocations",
        str(BBC / "tech"),
        str(BBC / "sport"),
        "--include",
        "01*.txt",
        "--measure",
        "likelihood_ratio,pmi",
        "--min-count",
        "3",
        "--top",
        "0",
        "--on-error",
        "replace",
        "--batch-mb",
        "0.05",
    )
    assert proc.returncode == 0, proc.stderr
    out = table(proc)
    ref = corpus.collocations(size=2, measure=["likelihood_ratio", "pmi"], min_count=3)
    assert out["collocation"].tolist() == ref["collocation"].astype(str).tolist()
    assert out["count"].tolist() == ref["count"].tolist()
    assert out["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)
    assert (
        cli("keyness", str(BBC / "tech"), "--include", "01*.txt", "--target", "nope").returncode
        == 1
    )
