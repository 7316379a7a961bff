"""Table writers for the command line: CSV (default, stdout), JSON Lines, Parquet.

A file is written under a temporary name and renamed into place when the run succeeds.

Each command declares its columns and dtypes once (:class:`Schema`); every batch, error
rows included, is written with exactly those columns, so files concatenate and Parquet
has one schema.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd

__all__ = ["Output", "OutputUsageError", "Schema", "Writer"]


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
            col = (
                df[name].reset_index(drop=True)
                if name in df
                else pd.Series([None] * len(df), dtype=object)
            )
            out[name] = col.astype(dtype)  # type: ignore[call-overload]
        return out


class Writer:
    def write(self, df: pd.DataFrame) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def discard(self) -> None:
        """Releases what the writer holds, writing nothing more (the table is thrown away)."""


class _CsvWriter(Writer):
    def __init__(self, stream: IO[str], schema: Schema) -> None:
        self.stream, self.schema, self.header = stream, schema, True

    def write(self, df: pd.DataFrame) -> None:
        self.schema.conform(df).to_csv(
            self.stream, index=False, header=self.header, lineterminator="\n"
        )
        self.header = False
        self.stream.flush()

    def close(self) -> None:
        if self.header:  # no rows at all: the header still says what the columns are
            self.write(pd.DataFrame({n: [] for n in self.schema.names}))


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
    def __init__(self, path: Any, schema: Schema) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.schema = pa, schema
        empty = schema.conform(pd.DataFrame({n: [] for n in schema.names}))
        self.arrow_schema = pa.Schema.from_pandas(empty, preserve_index=False)
        self.writer = pq.ParquetWriter(path, self.arrow_schema)

    def write(self, df: pd.DataFrame) -> None:
        table = self.pa.Table.from_pandas(
            self.schema.conform(df), schema=self.arrow_schema, preserve_index=False
        )
        self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()

    def discard(self) -> None:
        self.writer.close()  # else its finalizer writes the footer into a closed file


OUTPUT_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


class OutputUsageError(ValueError):
    """An output the command line cannot write as asked (exit code 2)."""


def output_format(path: str | None, fmt: str | None) -> str:
    """The output format: `fmt` if given, else by the extension of `path` (stdout: CSV); an
    extension that names no supported format is an error, not CSV in disguise."""
    if fmt:
        return fmt
    if not path or path == "-":
        return "csv"
    ext = os.path.splitext(path)[1].lower()
    if ext not in OUTPUT_EXTENSIONS:
        raise OutputUsageError(
            f"-o {path}: unknown output extension {ext or '(none)'!r}; supported: "
            f"{', '.join(OUTPUT_EXTENSIONS)} (or name one with --output-format csv|jsonl|parquet)"
        )
    return OUTPUT_EXTENSIONS[ext]


class Output:
    """Where the table goes: stdout, or a file that appears only when the run succeeds.

    A file is written under a temporary name next to it and renamed over `path` by
    :meth:`commit`; :meth:`abort` removes it, so a failed run leaves neither a partial
    table nor a header-only file behind (and an existing file is kept). Devices and pipes
    (``-o /dev/stdout``) are written directly.
    """

    def __init__(self, path: str | None, fmt: str | None, schema: Schema) -> None:
        self.path: str | None = None if not path or path == "-" else path
        if self.path is not None and os.path.isdir(self.path):  # whatever its name says
            raise IsADirectoryError(21, "is a directory", self.path)
        kind = output_format(path, fmt)
        self.temp: str | None = None
        self.closers: list[Any] = []
        if kind == "parquet" and self.path is None:
            raise OutputUsageError("Parquet output needs a file: use -o FILE.parquet")
        if self.path is None:
            self.writer: Writer = (
                _JsonlWriter(sys.stdout, schema)
                if kind == "jsonl"
                else _CsvWriter(sys.stdout, schema)
            )
            return
        target = self.path
        if not os.path.exists(self.path) or os.path.isfile(self.path):
            head, tail = os.path.split(self.path)
            target = self.temp = os.path.join(head, f".{tail}.{os.getpid()}.part")
        # Closed by commit/abort, after the last batch. Mode "x": never clobber a stray file.
        binary = open(target, "xb" if self.temp else "wb")  # noqa: SIM115
        self.closers.append(binary)
        if kind == "parquet":
            self.writer = _ParquetWriter(binary, schema)
        else:
            stream = io.TextIOWrapper(binary, encoding="utf-8", newline="")
            self.closers.insert(0, stream)  # the wrapper closes (and flushes) before the file
            self.writer = (
                _JsonlWriter(stream, schema) if kind == "jsonl" else _CsvWriter(stream, schema)
            )

    def write(self, df: pd.DataFrame) -> None:
        self.writer.write(df)

    def commit(self) -> None:
        """Finishes the table (a CSV without rows still gets its header) and puts it in place."""
        self.writer.close()
        for c in self.closers:
            c.close()
        if self.temp is not None and self.path is not None:
            os.replace(self.temp, self.path)
            self.temp = None

    def abort(self) -> None:
        """Drops what was written to a file; never raises (it runs while another error is
        being reported)."""
        with contextlib.suppress(Exception):
            self.writer.discard()
        for c in self.closers:
            with contextlib.suppress(Exception):  # a failed close of a table being thrown away
                c.close()
        if self.temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)
            self.temp = None


def frame(rows: Sequence[dict[str, Any]], schema: Schema) -> pd.DataFrame:
    return schema.conform(pd.DataFrame(list(rows), columns=schema.names))
