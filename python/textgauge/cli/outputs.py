"""Table writers for the command line: CSV (default, stdout), JSON Lines, Parquet.

Each command declares its columns and dtypes once (:class:`Schema`); every batch, error
rows included, is written with exactly those columns, so files concatenate and Parquet
has one schema.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd

__all__ = ["Schema", "Writer", "open_writer"]


@dataclass(frozen=True)
class Schema:
    columns: tuple[tuple[str, str], ...]  # (name, pandas dtype)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.columns]

    def conform(self, df: pd.DataFrame) -> pd.DataFrame:
        """`df` with exactly the schema's columns (missing ones empty) and dtypes."""
        out = pd.DataFrame(index=range(len(df)))
        for name, dtype in self.columns:
            col = df[name].reset_index(drop=True) if name in df else pd.Series([None] * len(df), dtype=object)
            out[name] = col.astype(dtype)  # type: ignore[call-overload]
        return out


class Writer:
    def write(self, df: pd.DataFrame) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _CsvWriter(Writer):
    def __init__(self, stream: IO[str], schema: Schema) -> None:
        self.stream, self.schema, self.header = stream, schema, True

    def write(self, df: pd.DataFrame) -> None:
        self.schema.conform(df).to_csv(self.stream, index=False, header=self.header, lineterminator="\n")
        self.header = False
        self.stream.flush()


class _JsonlWriter(Writer):
    def __init__(self, stream: IO[str], schema: Schema) -> None:
        self.stream, self.schema = stream, schema

    def write(self, df: pd.DataFrame) -> None:
        # json.dumps writes floats as repr does (exact round trip), unlike to_json.
        table = self.schema.conform(df).astype(object)
        table = table.where(table.notna(), None)
        for record in table.to_dict("records"):
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


class _ParquetWriter(Writer):
    def __init__(self, path: str, schema: Schema) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.schema = pa, schema
        empty = schema.conform(pd.DataFrame({n: [] for n in schema.names}))
        self.arrow_schema = pa.Schema.from_pandas(empty, preserve_index=False)
        self.writer = pq.ParquetWriter(path, self.arrow_schema)

    def write(self, df: pd.DataFrame) -> None:
        table = self.pa.Table.from_pandas(self.schema.conform(df), schema=self.arrow_schema, preserve_index=False)
        self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()


def output_format(path: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if path and path.endswith(".parquet"):
        return "parquet"
    if path and path.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "csv"


def open_writer(path: str | None, fmt: str | None, schema: Schema) -> tuple[Writer, list[Any]]:
    """A writer for `path` (None or "-": stdout) and the resources to close after it."""
    kind = output_format(path, fmt)
    if kind == "parquet":
        if not path or path == "-":
            raise ValueError("Parquet output needs a file: use -o FILE.parquet")
        return _ParquetWriter(path, schema), []
    to_stdout = not path or path == "-"
    # Closed by the caller after the last batch (returned in the resources list).
    stream: IO[str] = sys.stdout if to_stdout else open(path, "w", encoding="utf-8", newline="")  # type: ignore[arg-type]  # noqa: SIM115
    writer: Writer = _JsonlWriter(stream, schema) if kind == "jsonl" else _CsvWriter(stream, schema)
    return writer, ([] if to_stdout else [stream])


def frame(rows: Sequence[dict[str, Any]], schema: Schema) -> pd.DataFrame:
    return schema.conform(pd.DataFrame(list(rows), columns=schema.names))
