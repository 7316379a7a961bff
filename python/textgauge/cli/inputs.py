"""Reading inputs for the command line: files, directories, stdin; text, JSON Lines, CSV; gzip.

Every input becomes a stream of :class:`Unit` objects. A unit is one document (a text
file, a JSON Lines record, a CSV row) or, for text files read paragraph by paragraph,
a block of whole paragraphs. A unit that cannot be read or decoded carries ``error``
instead of ``text`` (policy ``skip``), is decoded with U+FFFD (``replace``), or stops
the run with :class:`InputError` (``fail``): nothing disappears silently.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import Error

__all__ = ["InputError", "Unit", "discover", "read_units", "total_bytes"]

# A text file is read in blocks of about this size, cut after a paragraph end,
# so that paragraph and sentence levels run in bounded memory on any file size.
BLOCK_BYTES = 8 << 20
_BLANK_LINE = re.compile(rb"\n[ \t\r\f\v]*\n")


class InputError(Error):
    """An input that cannot be read or decoded, with where it is (file, line, byte offset)."""


@dataclass
class Unit:
    source: str                  # file path, or "-" for stdin
    record: str | None           # JSON Lines / CSV record id (id column, else 1-based line/row)
    text: str | None             # None when `error` is set
    error: str | None = None
    first_paragraph: int = 0     # index of this block's first paragraph in its file (text blocks)
    nbytes: int = 0              # input bytes this unit consumed (for progress)
    whole_document: bool = True  # False for a block of a text file read in parts
    group: str | None = None     # JSON Lines / CSV --group-column value (None: not given)


def discover(paths: Iterable[str], include: str | None) -> list[str]:
    """Files named by `paths`: files as given, directories walked recursively (sorted),
    filtered by the glob `include` (matched against the file name), and "-" for stdin."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
        elif os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if include is None or fnmatch.fnmatch(f, include):
                        found.append(os.path.join(root, f))
            out.extend(found)
        else:
            out.append(p)  # a missing file is reported when it is read
    return out


def total_bytes(files: list[str]) -> int | None:
    """Sum of the sizes of regular files (None when stdin or a missing file is among them)."""
    try:
        return sum(os.path.getsize(f) for f in files) if "-" not in files else None
    except OSError:
        return None


def _open(path: str) -> BinaryIO:
    # The caller closes the stream when the file's units are consumed (a generator).
    raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def detect_format(path: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    name = path.removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    return "text"


def _decode(data: bytes, policy: str, where: str, offset: int) -> tuple[str | None, str | None]:
    """(text, error) of `data`; `offset` is the byte offset of data[0] in its file."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        if policy == "replace":
            return data.decode("utf-8", "replace"), None
        message = f"{where}: invalid UTF-8 at byte offset {offset + e.start}"
        if policy == "fail":
            raise InputError(message) from None
        return None, message


def _text_units(path: str, stream: BinaryIO, policy: str, paragraphs: str, whole: bool) -> Iterator[Unit]:
    if whole:
        data = stream.read()
        text, error = _decode(data, policy, path, 0)
        yield Unit(path, None, text, error, 0, len(data))
        return
    offset, pending = 0, b""
    while True:
        chunk = stream.read(BLOCK_BYTES)
        data = pending + chunk
        if not data:
            return
        if chunk:
            # Cut after the last paragraph end in the block; keep the rest for the next one.
            if paragraphs == "line":
                cut = data.rfind(b"\n") + 1
            else:
                ends = [m.end() for m in _BLANK_LINE.finditer(data, max(0, len(data) - BLOCK_BYTES))]
                cut = ends[-1] if ends else 0
            if cut <= 0:  # one paragraph longer than a block: keep reading
                pending = data
                continue
            block, pending = data[:cut], data[cut:]
        else:
            block, pending = data, b""
        text, error = _decode(block, policy, path, offset)
        yield Unit(path, None, text, error, 0, len(block), whole_document=False)
        offset += len(block)
        if error is not None:
            return  # where this block ends is known, but not where its paragraphs do
        if not chunk:
            return


def _lines_with_offsets(stream: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    offset = 0
    for number, line in enumerate(stream, start=1):
        yield number, offset, line
        offset += len(line)


def _jsonl_units(path: str, stream: BinaryIO, policy: str, text_col: str, id_col: str | None,
                 group_col: str | None) -> Iterator[Unit]:
    for number, offset, line in _lines_with_offsets(stream):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        text, error = _decode(line, policy, where, offset)
        record, group = str(number), None
        if error is None:
            try:
                obj = json.loads(text)  # type: ignore[arg-type]
                if not isinstance(obj, dict):
                    raise TypeError("not a JSON object")
                if id_col is not None and id_col in obj:
                    record = str(obj[id_col])
                if group_col is not None and obj.get(group_col) is not None:
                    group = str(obj[group_col])
                value = obj[text_col]
                if not isinstance(value, str):
                    raise TypeError(f"column {text_col!r} is {type(value).__name__}, not a string")
                text = value
            except KeyError:
                error = f"{where}: no column {text_col!r}"
            except (ValueError, TypeError) as e:
                error = f"{where}: invalid JSON record ({e})"
            if error is not None:
                if policy == "fail":
                    raise InputError(error)
                text = None
        yield Unit(path, record, text, error, 0, len(line), group=group)


def _csv_units(path: str, stream: BinaryIO, policy: str, text_col: str, id_col: str | None,
               group_col: str | None) -> Iterator[Unit]:
    consumed = [0]
    errors: list[str] = []

    def lines() -> Iterator[str]:
        for number, offset, line in _lines_with_offsets(stream):
            consumed[0] += len(line)
            text, error = _decode(line, policy, f"{path}:{number}", offset)
            if error is not None:
                errors.append(error)
                text = ""  # the row is reported as an error below
            yield text  # type: ignore[misc]

    reader = csv.reader(lines())
    header = next(reader, None)
    if header is None:
        return
    if text_col not in header:
        message = f"{path}: no column {text_col!r} (columns: {', '.join(header)})"
        if policy == "fail":
            raise InputError(message)
        yield Unit(path, None, None, message, 0, consumed[0])
        return
    ti = header.index(text_col)
    ii = header.index(id_col) if id_col is not None and id_col in header else None
    gi = header.index(group_col) if group_col is not None and group_col in header else None
    last = consumed[0]
    for row_number, row in enumerate(reader, start=1):
        nbytes, last = consumed[0] - last, consumed[0]
        record = row[ii] if ii is not None and ii < len(row) else str(row_number)
        if errors:
            yield Unit(path, record, None, errors.pop(), 0, nbytes)
            errors.clear()
            continue
        if ti >= len(row):
            message = f"{path}: row {row_number} has no column {text_col!r}"
            if policy == "fail":
                raise InputError(message)
            yield Unit(path, record, None, message, 0, nbytes)
            continue
        group = row[gi] if gi is not None and gi < len(row) else None
        yield Unit(path, record, row[ti], None, 0, nbytes, group=group)


def read_units(files: list[str], *, fmt: str = "auto", policy: str = "fail", paragraphs: str = "blank",
               whole_documents: bool = True, text_column: str = "text",
               id_column: str | None = None, group_column: str | None = None) -> Iterator[Unit]:
    """Units of every file in order. `whole_documents=False` lets text files be read in
    paragraph-aligned blocks (paragraph and sentence levels)."""
    for path in files:
        where = "stdin" if path == "-" else path
        try:
            stream = _open(path)
        except OSError as e:
            message = f"{where}: cannot read ({e.strerror or e})"
            if policy == "fail":
                raise InputError(message) from None
            yield Unit(path, None, None, message)
            continue
        try:
            kind = detect_format(path, fmt)
            if kind == "jsonl":
                yield from _jsonl_units(path, stream, policy, text_column, id_column, group_column)
            elif kind == "csv":
                yield from _csv_units(path, stream, policy, text_column, id_column, group_column)
            else:
                yield from _text_units(path, stream, policy, paragraphs, whole_documents)
        except (OSError, EOFError, gzip.BadGzipFile, csv.Error) as e:
            message = f"{where}: cannot read ({e})"
            if policy == "fail":
                raise InputError(message) from None
            yield Unit(path, None, None, message)
        finally:
            if path != "-":
                stream.close()
