"""Every command line path answered: each subcommand against broken, empty and odd inputs and
options, asserting the exit code, a one-line message without a traceback, and the row
accounting (every input unit gives its rows or exactly one error row).

The CLI runs in-process (`textgauge.cli.main` with capsys); only the pipe-to-head cases
need a subprocess. Expected values come from vaderSentiment-identical scores of the good
units, from the library's own tables, or are counted by hand.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pytest

import textgauge as tg
from textgauge.cli import inputs as cli_inputs
from textgauge.cli import main

SIA = tg.SentimentIntensityAnalyzer()

# Five paragraphs of two sentences each, one line each, separated by blank lines.
PARAGRAPHS = [
    ("The food was great.", "I loved it!"),
    ("Service was slow.", "Nobody cared."),
    ("The price was fair.", "Worth it."),
    ("Terrible parking.", "Awful noise!"),
    ("We will come back.", "Happy days."),
]
TEXTS = [" ".join(p) for p in PARAGRAPHS]
SENTIMENT_COLUMNS = [
    "source",
    "record",
    "paragraph",
    "sentence",
    "neg",
    "neu",
    "pos",
    "compound",
    "error",
]


def compound(text: str) -> float:
    return SIA.polarity_scores(text)["compound"]


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def table(self) -> pd.DataFrame:
        return pd.read_csv(
            io.StringIO(self.out),
            dtype={"record": str, "error": str, "source": str},
            keep_default_na=False,
            na_values=[""],
        )

    def one_line_error(self, *fragments: str) -> str:
        """The message: one line on stderr, no traceback, holding every fragment."""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert "Traceback" not in self.err
        assert lines[0].startswith("textgauge"), lines[0]
        for f in fragments:
            assert f in lines[0], (f, lines[0])
        return lines[0]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def write_paragraphs(path: Path, bad: int | None = None) -> tuple[int, int]:
    """The five paragraphs, with an invalid byte (0xFF) in paragraph `bad` before "fair" /
    its second word; returns (byte offset, line) of the invalid byte."""
    data = b""
    where = (-1, -1)
    for i, text in enumerate(TEXTS):
        raw = text.encode()
        if i == bad:
            cut = raw.index(b" ") + 1
            where = (len(data) + cut, 2 * i + 1)
            raw = raw[:cut] + b"\xff" + raw[cut:]
        data += raw + b"\n\n"
    path.write_bytes(data)
    return where


# ---------------------------------------------------------------------------------------
# 4. nothing lost: an invalid paragraph costs that paragraph


@pytest.mark.parametrize("block", [None, 24], ids=["one-block", "24-byte-blocks"])
@pytest.mark.parametrize("bad", [0, 2, 4])
def test_invalid_utf8_costs_one_paragraph(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: int, block: int | None
) -> None:
    if block is not None:  # blocks cut after every paragraph or two: the cut logic is exercised
        monkeypatch.setattr(cli_inputs, "BLOCK_BYTES", block)
    f = tmp_path / "reviews.txt"
    offset, line = write_paragraphs(f, bad)
    r = cli("sentiment", f, "--on-error", "skip", "--batch-mb", "0.00002")
    assert r.code == 3
    out = r.table
    assert list(out.columns) == SENTIMENT_COLUMNS
    assert len(out) == 5  # 4 scored + 1 error row
    message = f"{f}: invalid UTF-8 at byte offset {offset} (line {line})"
    assert out["paragraph"].tolist() == [0, 1, 2, 3, 4]  # numbered as in the clean file
    for i, row in out.iterrows():
        if i == bad:
            assert row["error"] == message and pd.isna(row["compound"])
        else:
            assert pd.isna(row["error"]) and row["compound"] == compound(TEXTS[i])
    assert r.err == f"textgauge: skipped: {message}\n"


@pytest.mark.parametrize("bad", [0, 2, 4])
def test_invalid_utf8_at_sentence_level_keeps_sentence_numbers(
    cli: Any, tmp_path: Path, bad: int
) -> None:
    f = tmp_path / "reviews.txt"
    offset, line = write_paragraphs(f, bad)
    out = cli("sentiment", f, "--level", "sentence", "--on-error", "skip").table
    expected: list[tuple[Any, ...]] = []
    for i, sentences in enumerate(PARAGRAPHS):
        if i == bad:
            expected.append(
                (i, None, None, f"{f}: invalid UTF-8 at byte offset {offset} (line {line})")
            )
        else:
            expected += [(i, 2 * i + s, compound(text), None) for s, text in enumerate(sentences)]
    got = [
        (
            r.paragraph,
            None if pd.isna(r.sentence) else r.sentence,
            None if pd.isna(r.compound) else r.compound,
            None if pd.isna(r.error) else r.error,
        )
        for r in out.itertuples()
    ]
    assert got == expected  # 8 sentence rows + 1 error row for the paragraph


def test_invalid_utf8_at_document_level_costs_the_document(cli: Any, tmp_path: Path) -> None:
    bad, good = tmp_path / "a.txt", tmp_path / "b.txt"
    offset, line = write_paragraphs(bad, 3)
    good.write_text(TEXTS[0])
    out = cli("sentiment", tmp_path, "--level", "document", "--on-error", "skip").table
    assert out["source"].tolist() == [str(bad), str(good)]
    assert out["error"].tolist()[0] == f"{bad}: invalid UTF-8 at byte offset {offset} (line {line})"
    assert pd.isna(out["error"].iloc[1]) and out["compound"].iloc[1] == compound(TEXTS[0])


def test_issue_file_3011_paragraphs_bad_byte_on_line_3001(cli: Any, tmp_path: Path) -> None:
    # The issue's file: paragraph per line, one invalid byte on line 3,001.
    lines = [f"Line {i} is {'good' if i % 3 else 'bad'}." for i in range(3011)]
    data = bytearray("\n".join(lines).encode() + b"\n")
    offset = sum(len(x) + 1 for x in lines[:3000]) + 2
    data[offset] = 0xE9  # "Li\xe9e": a Latin-1 byte
    f = tmp_path / "big.txt"
    f.write_bytes(bytes(data))
    r = cli("sentiment", f, "--level", "paragraph", "--paragraphs", "line", "--on-error", "skip")
    out = r.table
    assert r.code == 3 and len(out) == 3011
    assert out["paragraph"].tolist() == list(range(3011))
    errors = out[out["error"].notna()]
    assert errors["paragraph"].tolist() == [3000]
    assert errors["error"].tolist() == [f"{f}: invalid UTF-8 at byte offset {offset} (line 3001)"]
    good = out[out["error"].isna()]
    assert len(good) == 3010
    assert good["compound"].tolist() == [compound(x) for i, x in enumerate(lines) if i != 3000]


@pytest.mark.parametrize("mode", ["blank", "line"])
@pytest.mark.slow
def test_several_bad_paragraphs_number_as_the_clean_file(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    # 60 paragraphs, every 7th (and two neighbours) invalid, 100-byte blocks, CRLF on odd ones:
    # the good rows equal those of the clean file, row for row, and each bad one is an error row.
    monkeypatch.setattr(cli_inputs, "BLOCK_BYTES", 100)
    sep = b"\n" if mode == "line" else b"\n \t\n"
    texts = [f"Part {i}: {TEXTS[i % 5]}".encode() for i in range(60)]
    bad = {0, 7, 8, 14, 21, 28, 35, 42, 49, 56, 59}
    clean, broken = tmp_path / "clean.txt", tmp_path / "broken.txt"
    offsets, data = {}, b""
    for i, t in enumerate(texts):
        if i in bad:
            offsets[i] = len(data) + 5
        data += t + (b"\r" + sep if i % 2 else sep)
    clean.write_bytes(data)
    broken.write_bytes(bytes(0xC3 if k in offsets.values() else c for k, c in enumerate(data)))
    args = ["--paragraphs", mode, "--level", "sentence", "--batch-mb", "0.0001"]
    ref = cli("sentiment", clean, *args).table
    r = cli("sentiment", broken, *args, "--on-error", "skip")
    out = r.table
    assert r.code == 3
    lines_per_paragraph = 1 if mode == "line" else 2  # CRLF is one line break, as LF
    assert out["error"].dropna().tolist() == [
        f"{broken}: invalid UTF-8 at byte offset {offsets[i]} (line {1 + i * lines_per_paragraph})"
        for i in sorted(bad)
    ]
    good = out[out["error"].isna()].drop(columns=["source", "error"]).reset_index(drop=True)
    expected = (
        ref[~ref["paragraph"].isin(bad)].drop(columns=["source", "error"]).reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(good, expected, check_dtype=False)  # NaN of error rows: float
    assert out[out["error"].notna()]["paragraph"].tolist() == sorted(bad)


def test_fail_and_replace_behave_as_before(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "reviews.txt"
    offset, line = write_paragraphs(f, 2)
    r = cli("sentiment", f)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{f}: invalid UTF-8 at byte offset {offset} (line {line})")
    r = cli("sentiment", f, "--on-error", "replace", "--with-text")
    assert r.code == 0
    replaced = TEXTS[2].replace(" ", " \ufffd", 1)
    assert r.table["text"].tolist() == TEXTS[:2] + [replaced] + TEXTS[3:]
    assert r.table["compound"].iloc[2] == compound(replaced)


def test_invalid_utf8_in_a_crlf_file(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"Good day.\r\n\r\nBad \xff day.\r\n\r\nGreat!\r\n")
    out = cli("sentiment", f, "--on-error", "skip").table
    assert out["paragraph"].tolist() == [0, 1, 2]
    assert (
        out["error"].iloc[1] == f"{f}: invalid UTF-8 at byte offset 17 (line 3)"
    )  # 9 + 4 + len("Bad ")
    assert out["compound"].iloc[[0, 2]].tolist() == [compound("Good day."), compound("Great!")]


# ---------------------------------------------------------------------------------------
# 5./6. the matrix: each subcommand against each kind of bad input


SUBCOMMANDS = {
    "sentiment-document": ["sentiment", "--level", "document"],
    "sentiment-paragraph": ["sentiment", "--level", "paragraph"],
    "sentiment-sentence": ["sentiment", "--level", "sentence"],
    "terms": ["terms", "--top", "0"],
    "keyness": ["keyness", "--target", "target", "--top", "0"],
    "collocations": ["collocations", "--top", "0", "--min-count", "1"],
}
REFERENCE_TEXT = "Bank stocks fell. Oil demand rose."


def inputs_for(name: str, tmp_path: Path, target: Path) -> list[Path]:
    """The paths to give a subcommand whose input under test is `target`: keyness also gets
    a reference group (a directory holding one good file)."""
    if name != "keyness":
        return [target]
    ref = tmp_path / "reference"
    ref.mkdir(exist_ok=True)
    (ref / "r.txt").write_text(REFERENCE_TEXT)
    return [target, ref]


def target_file(tmp_path: Path, name: str) -> Path:
    (tmp_path / "target").mkdir(exist_ok=True)
    return tmp_path / "target" / name


@pytest.mark.parametrize("name", [*SUBCOMMANDS, "demo"])
def test_missing_file(cli: Any, tmp_path: Path, name: str) -> None:
    missing = target_file(tmp_path, "nope.txt")
    good = target_file(tmp_path, "ok.txt")
    good.write_text(TEXTS[0])
    args = (
        ["demo", missing]
        if name == "demo"
        else [*SUBCOMMANDS[name], good, *inputs_for(name, tmp_path, missing)]
    )
    r = cli(*args)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{missing}: cannot read (No such file or directory)")
    if name == "demo":
        return
    # skip: one error row for the file, every other input processed
    r = cli(*args, "--on-error", "skip")
    assert r.code == 3
    out = r.table
    assert out["error"].dropna().tolist() == [f"{missing}: cannot read (No such file or directory)"]
    rest = out[out["error"].isna()]
    if name == "sentiment-document" or name == "sentiment-paragraph":
        assert rest["compound"].tolist() == [compound(TEXTS[0])]
    elif name == "sentiment-sentence":
        assert rest["compound"].tolist() == [compound(s) for s in PARAGRAPHS[0]]
    elif name == "terms":
        assert sorted(rest["term"]) == ["food", "great", "loved"]
    elif name == "keyness":
        assert rest.set_index("term").loc["food", ["n_target", "n_reference"]].tolist() == [1, 0]
    else:
        assert (
            rest["collocation"].tolist()[0] == "the food"
            or "the food" in rest["collocation"].tolist()
        )


def test_demo_directory_and_invalid_utf8(cli: Any, tmp_path: Path) -> None:
    r = cli("demo", tmp_path)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{tmp_path}: is a directory")
    f = tmp_path / "bad.txt"
    offset, line = write_paragraphs(f, 1)
    r = cli("demo", f)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{f}: invalid UTF-8 at byte offset {offset} (line {line})")


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_directory_is_walked_in_order(cli: Any, tmp_path: Path, name: str) -> None:
    d = tmp_path / "target"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text(TEXTS[1])
    (d / "sub" / "a.txt").write_text(TEXTS[0])
    r = cli(*SUBCOMMANDS[name], *inputs_for(name, tmp_path, d))
    assert r.code == 0 and r.err == ""
    out = r.table
    if name.startswith("sentiment"):
        # b.txt before sub/ (files of a directory, then its subdirectories, each sorted)
        assert out["source"].drop_duplicates().tolist() == [
            str(d / "b.txt"),
            str(d / "sub" / "a.txt"),
        ]
        units = (
            [*PARAGRAPHS[1], *PARAGRAPHS[0]]
            if name == "sentiment-sentence"
            else [TEXTS[1], TEXTS[0]]
        )
        assert out["compound"].tolist() == [compound(u) for u in units]
    elif name == "terms":  # English stop words dropped: the, was, i, it, nobody
        counts = dict(zip(out["term"], out["frequency"]))
        assert counts == {"food": 1, "great": 1, "loved": 1, "service": 1, "slow": 1, "cared": 1}
    elif name == "keyness":  # sub/a.txt is group "sub": with r.txt, the reference
        counts = out.set_index("term")[["n_target", "n_reference"]]
        assert counts.loc["service"].tolist() == [1, 0] and counts.loc["food"].tolist() == [0, 1]
        assert counts.loc["oil"].tolist() == [0, 1]
    else:
        assert dict(zip(out["collocation"], out["count"])) == dict.fromkeys(
            [
                "service was",
                "was slow",
                "slow nobody",
                "nobody cared",
                "the food",
                "food was",
                "was great",
                "great i",
                "i loved",
                "loved it",
            ],
            1,
        )


def test_empty_directory_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    r = cli("sentiment", tmp_path)
    assert r.code == 2 and r.out == ""
    r.one_line_error(f"no input files in {tmp_path}")


EMPTY_HEADERS = {
    "sentiment-document": SENTIMENT_COLUMNS,
    "sentiment-paragraph": SENTIMENT_COLUMNS,
    "sentiment-sentence": SENTIMENT_COLUMNS,
    "terms": ["term", "frequency", "rank", "docfreq", "group", "error"],
    "keyness": ["term", "n_target", "n_reference", "chi2", "p", "log_ratio", "error"],
    "collocations": ["collocation", "count", "likelihood_ratio", "error"],
}


@pytest.mark.parametrize(
    "content",
    ["", " \n\n\t \n", "the and of it\n\nto be or not\n"],
    ids=["empty", "whitespace", "stop-words"],
)
@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_nothing_to_count_gives_the_header(
    cli: Any, tmp_path: Path, name: str, content: str
) -> None:
    f = target_file(tmp_path, "in.txt")
    f.write_text(content)
    r = cli(*SUBCOMMANDS[name], *inputs_for(name, tmp_path, f))
    assert r.code == 0 and r.err == ""
    header, *rows = r.out.splitlines()
    assert header.split(",") == EMPTY_HEADERS[name]
    if (
        content.strip() and name == "sentiment-document"
    ):  # stop words are words: one document, scored
        assert len(rows) == 1 and r.table["compound"].tolist() == [compound(content)]
    elif content.strip() and name in ("sentiment-paragraph", "sentiment-sentence", "collocations"):
        assert rows  # stop words are counted by everything but terms
    elif content.strip() and name == "keyness":
        assert r.table.set_index("term").loc["the", "n_target"] == 1
    elif name == "sentiment-document":
        # A document is a unit even when empty: one row, scored as vaderSentiment scores "".
        assert len(rows) == 1 and r.table[["neg", "neu", "pos", "compound"]].values.tolist() == [
            [0, 0, 0, 0]
        ]
    else:
        assert rows == []


@pytest.mark.parametrize("name", ["terms", "keyness", "collocations"])
def test_invalid_utf8_document_costs_that_document_in_counts(
    cli: Any, tmp_path: Path, name: str
) -> None:
    bad = target_file(tmp_path, "a.txt")
    offset, line = write_paragraphs(bad, 1)
    good = target_file(tmp_path, "b.txt")
    good.write_text("Oil prices rose. Oil demand fell.")
    args = [*SUBCOMMANDS[name], *inputs_for(name, tmp_path, tmp_path / "target")]
    r = cli(*args)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{bad}: invalid UTF-8 at byte offset {offset} (line {line})")
    r = cli(*args, "--on-error", "skip")
    assert r.code == 3
    out = r.table
    errors = out[out["error"].notna()]
    assert errors["error"].tolist() == [
        f"{bad}: invalid UTF-8 at byte offset {offset} (line {line})"
    ]
    rest = out[out["error"].isna()]
    if name == "terms":
        assert rest[["term", "frequency", "rank", "docfreq"]].values.tolist() == [
            ["oil", 2, 1, 1],
            ["demand", 1, 2, 1],
            ["fell", 1, 2, 1],
            ["prices", 1, 2, 1],
            ["rose", 1, 2, 1],
        ]
    elif name == "keyness":  # b.txt only against "Bank stocks fell. Oil demand rose."
        counts = rest.set_index("term")[["n_target", "n_reference"]]
        assert counts.loc["oil"].tolist() == [2, 1] and counts.loc["prices"].tolist() == [1, 0]
        assert "food" not in counts.index
    else:
        assert dict(zip(rest["collocation"], rest["count"])) == {
            "oil prices": 1,
            "prices rose": 1,
            "rose oil": 1,
            "oil demand": 1,
            "demand fell": 1,
        }


JSONL = (
    '{"id": "a", "text": "The food was great.", "grp": "target"}\n'
    '{"id": "b", "text": "unclosed string}\n'
    "\n"
    '{"id": "c", "text": "Awful noise!", "grp": "reference"}\n'
)
CSV = (
    "id,text,grp\n"
    "a,The food was great.,target\n"
    'b,"an open quote,target\n'
    "c,Awful noise!,reference\n"
    "d,one,field,too many\n"
    'e,"Multi\nline, fine.",reference\n'
)


@pytest.mark.parametrize("kind", ["jsonl", "csv", "tsv"])
@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_bad_records(cli: Any, tmp_path: Path, name: str, kind: str) -> None:
    f = tmp_path / f"in.{kind}"
    content = JSONL if kind == "jsonl" else CSV if kind == "csv" else CSV.replace(",", "\t")
    f.write_text(content)
    opts = ["--group-column", "grp", "--id-column", "id"]
    first_bad = f"{f}:2: invalid JSON record" if kind == "jsonl" else f"{f}:3: invalid CSV record"
    r = cli(*SUBCOMMANDS[name], f, *opts)
    assert r.code == 1 and r.out == ""
    r.one_line_error(first_bad)
    r = cli(*SUBCOMMANDS[name], f, *opts, "--on-error", "skip")
    assert r.code == 3
    out = r.table
    errors = out["error"].dropna().tolist()
    if kind == "jsonl":
        assert len(errors) == 1 and errors[0].startswith(first_bad)
        good = {"a": "The food was great.", "c": "Awful noise!"}
    else:
        sep = "\t" if kind == "tsv" else ","
        assert errors == [
            f"{first_bad} ('{sep}' expected after '\"')",
            f"{f}:5: invalid CSV record (4 fields, the header has 3)",
        ]
        good = {"a": "The food was great.", "c": "Awful noise!", "e": f"Multi\nline{sep} fine."}
    assert r.err.count("textgauge: skipped: ") == len(errors) == len(r.err.splitlines())
    if name == "sentiment-document":
        scored = out[out["error"].isna()]
        assert dict(zip(scored["record"], scored["compound"])) == {
            k: compound(v) for k, v in good.items()
        }
    elif name == "terms":
        counts = dict(zip(out["term"].dropna(), out["frequency"].dropna()))
        assert (
            counts["food"] == 1
            and counts["awful"] == 1
            and "unclosed" not in counts
            and "open" not in counts
        )
    elif name == "keyness":
        counts = out.dropna(subset=["term"]).set_index("term")
        assert counts.loc["food", ["n_target", "n_reference"]].tolist() == [1, 0]
        assert counts.loc["awful", ["n_target", "n_reference"]].tolist() == [0, 1]


def test_csv_quote_left_open_to_the_end(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text('text\nGreat day.\n"never closed\nAwful day.\nFine.\n')
    r = cli("sentiment", f, "--on-error", "skip", "--level", "document")
    out = r.table
    assert r.code == 3
    assert out["record"].tolist() == ["1", "2", "3", "4"]
    assert out["error"].tolist()[1] == f"{f}:3: invalid CSV record (unexpected end of data)"
    assert out["compound"].iloc[[0, 2, 3]].tolist() == [
        compound("Great day."),
        compound("Awful day."),
        compound("Fine."),
    ]


def test_csv_header_that_cannot_be_read_costs_the_file(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_bytes(b"id,te\xffxt\n1,Great day.\n")
    good = tmp_path / "b.csv"
    good.write_text("text\nAwful day.\n")
    r = cli("sentiment", tmp_path, "--on-error", "skip")
    assert r.code == 3
    assert r.table["error"].tolist()[0] == f"{bad}:1: invalid UTF-8 at byte offset 5"
    assert r.table["compound"].tolist()[1:] == [compound("Awful day.")]
    r = cli("sentiment", tmp_path)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{bad}:1: invalid UTF-8 at byte offset 5")


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
@pytest.mark.parametrize("option", ["--text-column", "--id-column", "--group-column"])
@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_missing_column(cli: Any, tmp_path: Path, name: str, option: str, kind: str) -> None:
    f = tmp_path / f"in.{kind}"
    if kind == "csv":
        f.write_text("id,text\na,Great day.\n")
        where = f"{f}"
    else:
        f.write_text(json.dumps({"id": "a", "text": "Great day."}) + "\n")
        where = f"{f}:1"
    extra = ["--group-column", "id"] if name == "keyness" and option != "--group-column" else []
    r = cli(*SUBCOMMANDS[name], f, option, "nope", *extra)
    assert r.code == 1 and r.out == ""
    r.one_line_error(f"{where}: no column 'nope' ({option}); columns: id, text")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sentiment", "--level", "nope"], "argument --level: invalid choice: 'nope'"),
        (["sentiment", "--mode", "nope"], "argument --mode: invalid choice: 'nope'"),
        (["sentiment", "--on-error", "nope"], "argument --on-error: invalid choice: 'nope'"),
        (["sentiment", "--format", "nope"], "argument --format: invalid choice: 'nope'"),
        (["sentiment", "--paragraphs", "nope"], "argument --paragraphs: invalid choice: 'nope'"),
        (["sentiment", "--batch-mb", "0"], "argument --batch-mb: expected a number > 0, got '0'"),
        (
            ["sentiment", "--threads", "-1"],
            "argument --threads: expected an integer >= 0, got '-1'",
        ),
        (["sentiment", "--delimiter", "ab"], "argument --delimiter: expected one character"),
        (
            ["sentiment", "--output-format", "xlsx"],
            "argument --output-format: invalid choice: 'xlsx'",
        ),
        (["terms", "--ngram", "x"], "--ngram takes N or N-M, got 'x'"),
        (["terms", "--ngram", "3-1"], "--ngram needs 1 <= N <= M, got '3-1'"),
        (["terms", "--top", "-1"], "argument --top: expected an integer >= 0, got '-1'"),
        (["terms", "--by", "nope"], "argument --by: invalid choice: 'nope'"),
        (
            ["keyness", "--target", "a", "--measure", "nope"],
            "argument --measure: invalid choice: 'nope'",
        ),
        (
            ["keyness", "--target", "a", "--correction", "nope"],
            "argument --correction: invalid choice: 'nope'",
        ),
        (
            ["keyness", "--target", "a", "--reference", "a"],
            "--reference 'a' is the target group itself",
        ),
        (["keyness"], "the following arguments are required: --target"),
        (["collocations", "--measure", "nope"], "unknown measure 'nope'"),
        (["collocations", "--window", "1"], "argument --window: expected an integer >= 2, got '1'"),
        (
            ["collocations", "--min-count", "0"],
            "argument --min-count: expected an integer >= 1, got '0'",
        ),
        (["demo", "--paragraphs", "nope"], "argument --paragraphs: invalid choice: 'nope'"),
        (["nope"], "invalid choice: 'nope'"),
        (["sentiment", "--nope"], "unrecognized arguments: --nope"),
        (
            ["sentiment", "--format", "text", "--id-column", "id"],
            "--id-column: plain text input has no columns",
        ),
        (
            ["sentiment", "--format", "jsonl", "--delimiter", ";"],
            "--delimiter: JSON Lines input has no delimiter",
        ),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_unknown_option_values_are_usage_errors(
    cli: Any, tmp_path: Path, args: list[str], message: str
) -> None:
    f = tmp_path / "in.txt"
    f.write_text("Great day.")
    r = cli(*args, *([] if args[0] in ("demo", "nope") else [f]))
    assert r.code == 2 and r.out == ""
    r.one_line_error(message)


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_unwritable_and_unknown_outputs(cli: Any, tmp_path: Path, name: str) -> None:
    f = target_file(tmp_path, "in.txt")
    f.write_text(TEXTS[0])
    args = [*SUBCOMMANDS[name], *inputs_for(name, tmp_path, f)]
    r = cli(*args, "-o", tmp_path / "no" / "dir" / "x.csv")
    assert r.code == 1 and r.out == ""
    r.one_line_error(
        f"-o {tmp_path / 'no' / 'dir' / 'x.csv'}: cannot write (No such file or directory)"
    )
    (tmp_path / "out.csv").mkdir()
    r = cli(*args, "-o", tmp_path / "out.csv")
    assert r.code == 1
    r.one_line_error("cannot write (is a directory)")
    r = cli(*args, "-o", tmp_path / "out.xlsx")
    assert r.code == 2 and r.out == ""
    r.one_line_error("unknown output extension '.xlsx'", ".csv, .jsonl, .ndjson, .parquet")
    assert not (tmp_path / "out.xlsx").exists()
    r = cli(*args, "-o", tmp_path / "out.txt", "--output-format", "csv")  # named: any extension
    assert r.code == 0 and (tmp_path / "out.txt").read_text().startswith(
        ",".join(EMPTY_HEADERS[name])
    )
    # Nothing else was left behind (no temporary file of the failed runs).
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.csv", "out.txt", "target", *(["reference"] if name == "keyness" else [])]
    )


def test_unknown_target_leaves_no_file(cli: Any, tmp_path: Path) -> None:
    inputs, results = tmp_path / "in", tmp_path / "out"
    results.mkdir()
    for group in ("sport", "tech"):
        (inputs / group).mkdir(parents=True)
        (inputs / group / "a.txt").write_text(f"{group} news today")
    out = results / "k.csv"
    out.write_text("an earlier result\n")
    r = cli("keyness", inputs, "--target", "nope", "-o", out)
    assert r.code == 1 and r.out == ""
    r.one_line_error("no input belongs to the target group 'nope'; groups: 'sport', 'tech'")
    assert out.read_text() == "an earlier result\n"  # kept, not replaced by a header-only table
    r = cli(
        "keyness", inputs, "--target", "sport", "--reference", "nope", "-o", results / "k2.parquet"
    )
    assert r.code == 1
    r.one_line_error("no input belongs to the reference group 'nope'; groups: 'sport', 'tech'")
    assert [p.name for p in results.iterdir()] == ["k.csv"]
    r = cli("keyness", inputs / "sport", "--target", "sport")
    assert r.code == 1 and r.out == ""
    r.one_line_error("no input belongs to a group other than the target 'sport'; groups: 'sport'")


def test_failed_run_leaves_no_partial_file(cli: Any, tmp_path: Path) -> None:
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(TEXTS[0])
    write_paragraphs(bad, 0)
    r = cli(
        "sentiment",
        tmp_path,
        "--batch-mb",
        "0.00001",
        "-o",
        tmp_path / "out.jsonl",
        "--include",
        "*.txt",
    )
    assert r.code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


# ---------------------------------------------------------------------------------------
# columns and dtypes equal the library's


@pytest.mark.slow
def test_keyness_columns_and_counts_equal_the_library(cli: Any, tmp_path: Path) -> None:
    texts = {
        "target": ["Oil prices rose. Oil demand fell.", "Oil is up."],
        "reference": ["Bank stocks fell.", "Stocks and oil rose."],
    }
    files, groups = [], []
    inputs = tmp_path / "in"
    for g, docs in texts.items():
        (inputs / g).mkdir(parents=True)
        for i, t in enumerate(docs):
            (inputs / g / f"{i}.txt").write_text(t)
            files.append(str(inputs / g / f"{i}.txt"))
            groups.append(g)
    corpus = tg.Corpus.from_files(files)
    columns: tuple[tuple[Literal["chi2", "lr", "pmi", "exact"], str], ...] = (
        ("chi2", "chi2"),
        ("lr", "lr"),
        ("pmi", "pmi"),
        ("exact", "odds_ratio"),
    )
    for measure, column in columns:
        ref = corpus.keyness("target", groups=groups, measure=measure)
        r = cli(
            "keyness",
            inputs,
            "--target",
            "target",
            "--measure",
            measure,
            "--top",
            "0",
            "-o",
            tmp_path / f"{measure}.parquet",
        )
        assert r.code == 0
        out = pd.read_parquet(tmp_path / f"{measure}.parquet")
        assert list(out.columns) == [*ref.columns, "error"]
        assert ref.columns[3] == column
        assert out["term"].tolist() == ref["term"].tolist()
        for c in (
            "n_target",
            "n_reference",
        ):  # integers, as the library's (nullable for error rows)
            assert pd.api.types.is_integer_dtype(out[c]) and pd.api.types.is_integer_dtype(ref[c])
            assert out[c].tolist() == ref[c].tolist()
        assert out[column].tolist() == pytest.approx(ref[column].tolist(), rel=1e-12, nan_ok=True)
    csv_rows = [
        line.split(",") for line in cli("keyness", inputs, "--target", "target").out.splitlines()
    ]
    assert csv_rows[0][:3] == ["term", "n_target", "n_reference"]
    assert all(row[1].isdigit() and row[2].isdigit() for row in csv_rows[1:])  # 3, not 3.0


def test_terms_and_collocations_columns_equal_the_library(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "Oil prices rose 5% in 2024. Oil demand fell, the OPEC said.\n\n"
        "The U.S. economy's growth isn't slow. Oil prices fell."
    )
    corpus = tg.Corpus.from_files([str(f)])
    ref = corpus.frequency()
    r = cli("terms", f, "--keep-stop-words", "--top", "0", "-o", tmp_path / "t.parquet")
    assert r.code == 0
    out = pd.read_parquet(tmp_path / "t.parquet")
    assert list(out.columns) == [*ref.columns, "error"]
    assert (
        out.drop(columns="error").astype(object).values.tolist()
        == ref.astype(object).values.tolist()
    )
    ref = corpus.collocations(size=2, measure=["likelihood_ratio", "pmi"], min_count=1)
    r = cli(
        "collocations",
        f,
        "--measure",
        "likelihood_ratio,pmi",
        "--min-count",
        "1",
        "--top",
        "0",
        "-o",
        tmp_path / "c.parquet",
    )
    out = pd.read_parquet(tmp_path / "c.parquet")
    assert list(out.columns) == [*ref.columns, "error"]
    assert out["collocation"].tolist() == ref["collocation"].astype(str).tolist()
    assert out["count"].tolist() == ref["count"].tolist()
    assert out["pmi"].tolist() == pytest.approx(ref["pmi"].tolist(), rel=1e-12)


# ---------------------------------------------------------------------------------------
# TSV and --delimiter


def test_tsv_and_delimiter(cli: Any, tmp_path: Path) -> None:
    rows = [("a", "Great, really great."), ("b", "Awful; truly awful.")]
    expected = {k: compound(v) for k, v in rows}
    tsv = tmp_path / "in.tsv"
    tsv.write_text("id\ttext\n" + "".join(f"{k}\t{v}\n" for k, v in rows))
    semi = tmp_path / "in.txt"
    semi.write_text("id|text\n" + "".join(f"{k}|{v}\n" for k, v in rows))
    for args in (
        [tsv],
        [tsv, "--format", "tsv"],
        [tsv, "--format", "csv", "--delimiter", "\\t"],
        [tsv, "--format", "csv", "--delimiter", "tab"],
        [semi, "--format", "csv", "--delimiter", "|"],
    ):
        r = cli("sentiment", *args, "--id-column", "id", "--level", "document")
        assert r.code == 0, r.err
        assert dict(zip(r.table["record"], r.table["compound"])) == expected


def test_column_options_on_plain_text_are_not_silent(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Great day.")
    r = cli("sentiment", f, "--id-column", "id")
    assert r.code == 0 and r.table["compound"].tolist() == [compound("Great day.")]
    assert (
        r.err
        == f"textgauge: warning: --id-column not used for plain text input ({f}; see --format)\n"
    )


# ---------------------------------------------------------------------------------------
# help


@pytest.mark.parametrize(
    "command",
    [[], *([c] for c in ("sentiment", "terms", "keyness", "collocations", "demo"))],
    ids=lambda c: " ".join(c) or "top-level",
)
def test_help_is_plain_text_with_defaults(cli: Any, command: list[str]) -> None:
    r = cli(*command, "--help")
    assert r.code == 0 and r.err == ""
    assert "``" not in r.out and ":class:" not in r.out
    assert "exit codes:" in r.out
    expected = {
        "": ["COMMAND"],
        "sentiment": ["(default: paragraph)", "(default: fail)", "(default: 8.0)"],
        "terms": ["(default: 20)", "(default: 1)", "(default: corpus)"],
        "keyness": ["(default: chi2)", "(default: 50)"],
        "collocations": ["(default: likelihood_ratio)", "(default: 2)"],
        "demo": ["(default: line)"],
    }
    for text in expected[command[0] if command else ""]:
        assert text in r.out


# ---------------------------------------------------------------------------------------
# output piped to head: a subprocess, stdout closed after one line


def large_input(tmp_path: Path) -> list[str]:
    words = [f"w{i}x" for i in range(6000)]
    for g in ("target", "reference"):
        (tmp_path / g).mkdir()
        with (tmp_path / g / "big.txt").open("w") as fh:
            for i in range(4000):
                fh.write(
                    " ".join(words[(i * 7 + j * 13) % len(words)] for j in range(12))
                    + ". Good.\n\n"
                )
    return [str(tmp_path / "target"), str(tmp_path / "reference")]


PIPED = {
    "sentiment-document": ["sentiment", "--level", "document", "--format", "jsonl"],
    "sentiment-paragraph": ["sentiment"],
    "sentiment-sentence": ["sentiment", "--level", "sentence"],
    "terms": ["terms", "--top", "0"],
    "keyness": ["keyness", "--target", "target", "--top", "0"],
    "collocations": ["collocations", "--top", "0", "--min-count", "1"],
    "demo": ["demo"],
    "help": ["sentiment", "--help"],
}


@pytest.mark.parametrize("name", PIPED)
@pytest.mark.slow
def test_output_piped_to_head(tmp_path: Path, name: str) -> None:
    paths = large_input(tmp_path)
    if name == "demo":
        paths = [str(tmp_path / "target" / "big.txt")]
    elif name == "help":
        paths = []
    elif name == "sentiment-document":  # 20,000 one-line documents
        records = tmp_path / "records.jsonl"
        records.write_text("".join(json.dumps({"text": TEXTS[i % 5]}) + "\n" for i in range(20000)))
        paths = [str(records)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "textgauge", *PIPED[name], *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read().decode()
    proc.stderr.close()  # an open pipe left to the garbage collector is a ResourceWarning
    assert proc.wait(timeout=300) == 0, err
    assert first and err == ""
