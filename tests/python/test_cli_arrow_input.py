"""The command line's CSV and Parquet readers: pyarrow reads the text column into Arrow
buffers that the engines read in place (no str per record), with the records, their
order and the error reports of the csv module's reading (docs/cli.md, docs/arrow.md)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from textgauge.cli import inputs
from textgauge.cli.inputs import InputError, Unit, read_units, unit_texts

ROWS = [
    ("a1", "Good movie!", "x"),
    ("a2", 'Bad, "awful"\nplot.', "y"),
    ("a3", "café 😀 great", "x"),
    ("a4", "", "y"),
    ("a5", "  fine\ttoo  ", ""),
]


def csv_bytes(rows: list[tuple[str, str, str]], sep: str = ",", eol: str = "\r\n") -> bytes:
    def field(v: str) -> str:
        needs = any(c in v for c in (sep, '"', "\n", "\r"))
        return '"' + v.replace('"', '""') + '"' if needs else v

    lines = [sep.join(["id", "text", "section"])]
    lines += [sep.join(field(v) for v in row) for row in rows]
    return (eol.join(lines) + eol).encode("utf-8")


def csv_module_units(path: Path, sep: str = ",", **kw: Any) -> list[Unit]:
    """The reference: the same file read by the csv module (the str path)."""
    with inputs._open(str(path)) as stream:
        return list(
            inputs._csv_units(
                str(path),
                stream,
                kw.get("policy", "fail"),
                inputs.Columns("text", "id", "section"),
                sep,
            )
        )


def keys(units: list[Unit]) -> list[tuple[Any, ...]]:
    return [(u.source, u.record, u.group, u.error) for u in units]


def read(path: Path, **kw: Any) -> list[Unit]:
    return list(read_units([str(path)], id_column="id", group_column="section", **kw))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plain.csv", csv_bytes(ROWS)),
        ("bom_lf.csv", b"\xef\xbb\xbf" + csv_bytes(ROWS, eol="\n")),
        ("blank_lines.csv", csv_bytes(ROWS).replace(b"\r\na3", b"\r\n\r\na3")),
        ("tabs.tsv", csv_bytes(ROWS[:2] + ROWS[3:], sep="\t")),
        ("zipped.csv.gz", gzip.compress(csv_bytes(ROWS))),
    ],
)
def test_csv_records_stay_arrow_and_equal_the_csv_module(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    got = read(path)
    expected = csv_module_units(path, "\t" if name.endswith(".tsv") else ",")
    assert keys(got) == keys(expected)
    assert all(u.text is None and u.arrow is not None for u in got)  # no str per record
    column = unit_texts(got)
    assert isinstance(column, pa.ChunkedArray)
    assert column.to_pylist() == [u.text for u in expected]


def test_csv_error_after_arrow_blocks_resumes_with_line_and_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invalid UTF-8 and a short record well into the file: the records before them come
    from pyarrow's blocks, the rest from the csv module, which reports where each is."""
    monkeypatch.setattr(inputs, "ARROW_BLOCK_BYTES", 64)
    rows = [(f"r{i}", f"text number {i}, fine", "s") for i in range(40)]
    data = csv_bytes(rows, eol="\n")
    data = data.replace(b"text number 30", b"text n\xffmber 30").replace(
        b'35, fine",s', b'35, fine"'
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    got = read(path, policy="skip")
    expected = csv_module_units(path, policy="skip")
    assert keys(got) == keys(expected)
    readable = [i for i, u in enumerate(expected) if u.error is None]
    assert [expected[i].text for i in readable] == unit_texts([got[i] for i in readable])
    assert sum(u.arrow is not None for u in got) >= 20  # the first blocks stayed Arrow
    errors = [u.error for u in got if u.error is not None]
    offset = data.index(b"\xff")
    assert errors[0] == f"{path}:32: invalid UTF-8 at byte offset {offset}"
    assert errors[1].startswith(f"{path}:37: invalid CSV record (")
    with pytest.raises(InputError, match=f"bad.csv:32: invalid UTF-8 at byte offset {offset}"):
        read(path)


@pytest.mark.parametrize("block", [64, 1 << 20])
@pytest.mark.parametrize(
    ("tail", "closed"),
    [
        (b'r9,"never closed\nr10,Awful day.,s\n', False),
        (b'r9,"never closed', False),
        (b'r9,"never ""closed"" ,s', False),
        (b'r9,"""""",s', True),  # a text of two quotes, the last field closed
        (b"r9,textgauge-end-of-data,textgauge-end-of-data", True),  # the end marker as data
        (b"r9,last line,s", True),  # no line break at the end
    ],
)
def test_csv_quote_left_open_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, tail: bytes, closed: bool
) -> None:
    """pyarrow takes a quote left open to the end as a field running to the end; the reader
    tells it apart and gives that record to the csv module, which reports it, as for any
    other file: the records before it stay Arrow, across blocks or in one."""
    monkeypatch.setattr(inputs, "ARROW_BLOCK_BYTES", block)
    rows = [(f"r{i}", f"text number {i}, fine", "s") for i in range(9)]
    path = tmp_path / "open.csv"
    path.write_bytes(csv_bytes(rows, eol="\n") + tail)
    got = read(path, policy="skip")
    expected = csv_module_units(path, policy="skip")
    assert keys(got) == keys(expected)
    assert all(u.arrow is not None for u in got[:9])  # before the last record: Arrow
    assert (expected[9].error is None) == closed
    if not closed:
        assert expected[9].error == f"{path}:11: invalid CSV record (unexpected end of data)"
        assert got[9].arrow is None
    readable = [i for i, u in enumerate(expected) if u.error is None]
    texts = unit_texts([got[i] for i in readable], arrow=False)
    assert texts == [expected[i].text for i in readable]


def parquet(path: Path, text: pa.Array, **more: Any) -> Path:
    n = len(text)
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(n)], "text": text, **more}), path)
    return path


def test_parquet_records_stay_arrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "PARQUET_BATCH_ROWS", 2)  # several batches, in order
    texts = [r[1] for r in ROWS]
    path = parquet(tmp_path / "t.parquet", pa.array(texts), section=[r[2] for r in ROWS])
    got = read(path)
    assert [(u.record, u.group) for u in got] == [(f"p{i}", r[2]) for i, r in enumerate(ROWS)]
    assert all(u.text is None and u.error is None for u in got)
    assert unit_texts(got).to_pylist() == texts
    assert unit_texts(got[1:4]).to_pylist() == texts[1:4]  # a slice across batches


def test_parquet_unreadable_rows(tmp_path: Path) -> None:
    """Null and non-UTF-8 texts (a binary column) are unreadable records named by row."""
    values = [b"good", None, b"ba\xffd", b"caf\xc3\xa9"]
    path = parquet(tmp_path / "b.parquet", pa.array(values, pa.binary()), section=list("abcd"))
    got = read(path, policy="skip")
    assert [u.error for u in got] == [
        None,
        f"{path}: row 2: column 'text' is null, not a string",
        f"{path}: row 3: invalid UTF-8 at byte offset 2 of its text",
        None,
    ]
    assert [u.record for u in got] == ["p0", "p1", "p2", "p3"]
    assert unit_texts([got[0], got[3]], arrow=False) == ["good", "café"]
    replaced = read(path, policy="replace")
    assert replaced[2].text == "ba\ufffdd" and replaced[1].error is not None
    with pytest.raises(InputError, match="row 2: column 'text' is null"):
        read(path)


def test_parquet_file_errors(tmp_path: Path) -> None:
    wrong = parquet(tmp_path / "n.parquet", pa.array([1, 2]))
    with pytest.raises(InputError, match=r"n\.parquet: column 'text' is int64, not a string"):
        list(read_units([str(wrong)]))
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match=r"x\.parquet: cannot read as Parquet"):
        read(tmp_path / "x.parquet")
    missing = list(read_units([str(wrong)], text_column="body", policy="skip"))
    assert missing[0].error == f"{wrong}: no column 'body' (--text-column); columns: id, text"


def test_cli_csv_and_parquet_equal_jsonl(tmp_path: Path) -> None:
    """The command line end to end: CSV and Parquet (Arrow) score as JSON Lines (str)."""
    import json

    (tmp_path / "t.csv").write_bytes(csv_bytes(ROWS))
    parquet(tmp_path / "t.parquet", pa.array([r[1] for r in ROWS]))
    (tmp_path / "t.jsonl").write_text(
        "".join(json.dumps({"id": f"p{i}", "text": r[1]}) + "\n" for i, r in enumerate(ROWS)),
        encoding="utf-8",
    )
    outs = {}
    for ext in ("csv", "parquet", "jsonl"):
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "textgauge",
                "sentiment",
                str(tmp_path / f"t.{ext}"),
                "--level",
                "sentence",
            ],
            capture_output=True,
            timeout=600,
        )
        assert r.returncode == 0, r.stderr
        outs[ext] = r.stdout.decode().replace(f"t.{ext}", "t")
    assert outs["csv"] == outs["parquet"] == outs["jsonl"]
    assert outs["csv"].count("\n") == 1 + 4  # a sentence per non-empty text
