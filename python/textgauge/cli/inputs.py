"""Reading inputs for the command line: files, directories, stdin; text, JSON Lines, CSV/TSV,
Parquet; gzip.

Every input becomes a stream of :class:`Unit` objects. A unit is one document (a text
file, a JSON Lines record, a CSV row, a Parquet row) or, for text files read paragraph by
paragraph, a block of whole paragraphs. CSV files and Parquet files are read by pyarrow:
their texts stay in Arrow buffers (a unit points at its row, see :func:`unit_texts`),
which the engines read in place, so no ``str`` is made per record. A unit that cannot be
read or decoded carries ``error`` instead of ``text`` (policy ``skip``), is decoded with
U+FFFD (``replace``), or stops the run with :class:`InputError` (``fail``): nothing
disappears silently, and a bad unit costs that unit only (a paragraph of a text file read
in blocks, a record, a document).
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import gzip
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, NamedTuple

from ..errors import Error

__all__ = [
    "InputError",
    "Unit",
    "detect_format",
    "discover",
    "read_text",
    "read_units",
    "total_bytes",
    "unit_texts",
]

# A text file is read in blocks of about this size, cut after a paragraph end,
# so that paragraph and sentence levels run in bounded memory on any file size.
BLOCK_BYTES = 8 << 20
# A line break is LF, CRLF or a lone CR, as the core reads them; the lookahead keeps the CR
# of a CRLF from counting as a line break of its own (which would make CRLF a blank line).
_BREAK = rb"(?:\r\n|\r(?!\n)|\n)"
_LINE_BREAK = re.compile(_BREAK)
# A paragraph end at --paragraphs blank: a line break, then a line of ASCII blanks only. The
# core also counts lines of Unicode blanks; cutting at fewer places than it does is safe.
_BLANK_LINE = re.compile(_BREAK + rb"[ \t\f\v]*" + _BREAK)

FORMATS = ("text", "jsonl", "csv", "tsv", "parquet")
FIELD_CHARS = 32 << 20
# pyarrow's CSV blocks (parsed in cache) and Parquet batches (rows): bounded memory.
ARROW_BLOCK_BYTES = 1 << 20
PARQUET_BATCH_ROWS = 8192


class InputError(Error):
    """An input that cannot be read or decoded, with where it is (file, line, byte offset)."""


@dataclass
class Unit:
    source: str  # file path, or "-" for stdin
    record: str | None  # JSON Lines / CSV record id (id column, else 1-based line/row)
    text: str | None  # None when `error` is set
    error: str | None = None
    first_paragraph: int = 0  # index of this block's first paragraph in its file (text blocks)
    nbytes: int = 0  # input bytes this unit consumed (for progress)
    whole_document: bool = True  # False for a block of a text file read in parts
    group: str | None = None  # JSON Lines / CSV --group-column value (None: not given)
    # An unreadable paragraph of a text file read in blocks: its U+FFFD decoding, which is
    # never scored, only counted, so that the paragraphs after it keep their numbers.
    placeholder: str | None = None
    # A record read by pyarrow (CSV, Parquet): its text is row `row` of this Arrow string
    # array, read in place by the engines (`text` is None, and so is `error`).
    arrow: Any = None
    row: int = 0


def unit_texts(units: Sequence[Unit], *, arrow: bool = True) -> Any:
    """The texts of `units` for an engine: when every unit is an Arrow record (and `arrow`),
    a pyarrow ChunkedArray of zero-copy slices (consecutive rows of one array are one
    slice), read in place with no str made; else a list of str (an Arrow record's text
    made a str; an unreadable unit gives its placeholder, or "")."""
    if arrow and units and all(u.arrow is not None for u in units):
        import pyarrow as pa

        chunks, start = [], 0
        for k in range(1, len(units) + 1):
            first = units[start]
            if (
                k == len(units)
                or units[k].arrow is not first.arrow
                or units[k].row != first.row + (k - start)
            ):
                chunks.append(first.arrow.slice(first.row, k - start))
                start = k
        return pa.chunked_array(chunks, type=chunks[0].type)
    return [
        u.text
        if u.text is not None
        else (u.arrow[u.row].as_py() if u.arrow is not None else u.placeholder or "")
        for u in units
    ]


@dataclass(frozen=True)
class Columns:
    """The columns named on the command line (JSON Lines and CSV/TSV inputs)."""

    text: str = "text"
    id: str | None = None
    group: str | None = None

    def named(self) -> list[tuple[str, str]]:
        """(option, column) for every column named."""
        out = [("--text-column", self.text)]
        if self.id is not None:
            out.append(("--id-column", self.id))
        if self.group is not None:
            out.append(("--group-column", self.group))
        return out


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
        if path != "-":  # opened by name, so that closing it closes the file too
            raw.close()
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def detect_format(path: str, fmt: str) -> str:
    """The input format of `path`: `fmt` unless "auto", else by extension (.gz stripped)."""
    if fmt != "auto":
        return fmt
    name = path.removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".tsv"):
        return "tsv"
    if name.endswith(".parquet"):
        return "parquet"
    return "text"


def _line_breaks(data: bytes, start: int = 0, end: int | None = None) -> int:
    """Line breaks (LF, CRLF, lone CR) in data[start:end]."""
    end = len(data) if end is None else end
    crlf = data.count(b"\r\n", start, end)
    return data.count(b"\n", start, end) + data.count(b"\r", start, end) - crlf


def _where(path: str) -> str:
    return "stdin" if path == "-" else path


def _decode(
    data: bytes, policy: str, where: str, offset: int, line: int | None = None
) -> tuple[str | None, str | None]:
    """(text, error) of `data`; `offset` is the byte offset of data[0] in its file and `line`
    the line it starts on (None when `where` names the line already)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        if policy == "replace":
            return data.decode("utf-8", "replace"), None
        at = None if line is None else line + _line_breaks(data, 0, e.start)
        message = _utf8_message(where, offset + e.start, at)
        if policy == "fail":
            raise InputError(message) from None
        return None, message


def _utf8_message(where: str, offset: int, line: int | None) -> str:
    at = "" if line is None else f" (line {line})"
    return f"{where}: invalid UTF-8 at byte offset {offset}{at}"


def read_text(path: str) -> str:
    """The whole of a UTF-8 text file (gzip read transparently; "-" is stdin); InputError
    naming the file (and the line and byte offset of invalid UTF-8) when it cannot be read."""
    where = _where(path)
    if os.path.isdir(path):
        raise InputError(f"{where}: is a directory, not a text file")
    try:
        stream = _open(path)
        try:
            data = stream.read()
        finally:
            if path != "-":
                stream.close()
    except OSError as e:
        raise InputError(f"{where}: cannot read ({e.strerror or e})") from None
    except (EOFError, gzip.BadGzipFile) as e:
        raise InputError(f"{where}: cannot read ({e})") from None
    text, _ = _decode(data, "fail", where, 0, line=1)
    return text  # type: ignore[return-value]  # "fail" raises instead of returning no text


def _paragraph_end(data: bytes, paragraphs: str, start: int = 0, end: int | None = None) -> int:
    """The offset just after the last paragraph end in data[start:end] (-1: none)."""
    end = len(data) if end is None else end
    if paragraphs == "line":
        return max(data.rfind(b"\n", start, end), data.rfind(b"\r", start, end)) + 1 or -1
    last = -1
    for m in _BLANK_LINE.finditer(data, start, end):
        last = m.end()
    return last


def _paragraph_around(block: bytes, bad: int, start: int, paragraphs: str) -> tuple[int, int]:
    """[begin, end) of the paragraph of block[start:] that holds byte `bad`, its closing
    paragraph end included: the byte ranges before and after it are whole paragraphs."""
    before = _paragraph_end(block, paragraphs, start, bad)
    begin = start if before < 0 else before
    after = (_LINE_BREAK if paragraphs == "line" else _BLANK_LINE).search(block, bad)
    return begin, len(block) if after is None else after.end()


def _block_units(
    path: str, block: bytes, policy: str, paragraphs: str, offset: int, line: int
) -> Iterator[Unit]:
    """The units of one paragraph-aligned block of a text file (`offset`: its byte offset in
    the file, `line`: the line it starts on, then the line of block[pos]). Under `skip`, each
    paragraph holding invalid UTF-8 becomes an error unit of its own and the paragraphs around
    it are read."""
    if policy == "replace":
        text = block.decode("utf-8", "replace")
        yield Unit(path, None, text, None, 0, len(block), whole_document=False)
        return
    view = memoryview(block)
    pos = 0  # everything before pos has been given out; decoding restarts there (linear overall)
    while pos < len(block):
        try:
            text = str(view[pos:], "utf-8")
        except UnicodeDecodeError as e:
            bad = pos + e.start
            at = line + _line_breaks(block, pos, bad)
            message = _utf8_message(_where(path), offset + bad, at)
            if policy == "fail":
                raise InputError(message) from None
            begin, end = _paragraph_around(block, bad, pos, paragraphs)
            if begin > pos:  # whole paragraphs, valid up to `bad`
                yield Unit(
                    path,
                    None,
                    str(view[pos:begin], "utf-8"),
                    None,
                    0,
                    begin - pos,
                    whole_document=False,
                )
            yield Unit(
                path,
                None,
                None,
                message,
                0,
                end - begin,
                whole_document=False,
                placeholder=str(view[begin:end], "utf-8", "replace"),
            )
            line += _line_breaks(block, pos, end)  # `line` is now the line of block[end]
            pos = end
            continue
        yield Unit(path, None, text, None, 0, len(block) - pos, whole_document=False)
        return


def _text_units(
    path: str, stream: BinaryIO, policy: str, paragraphs: str, whole: bool
) -> Iterator[Unit]:
    if whole:
        data = stream.read()
        text, error = _decode(data, policy, _where(path), 0, line=1)
        yield Unit(path, None, text, error, 0, len(data))
        return
    offset, line, pending = 0, 1, b""
    while True:
        chunk = stream.read(BLOCK_BYTES)
        data = pending + chunk
        if not data:
            return
        if chunk:
            # Cut after the last paragraph end in the block; keep the rest for the next one.
            # A CR as the last byte may be half a CRLF whose LF is still to come: not yet a break.
            end = len(data) - 1 if data.endswith(b"\r") else len(data)
            cut = _paragraph_end(data, paragraphs, max(0, len(data) - BLOCK_BYTES), end)
            if cut <= 0:  # one paragraph longer than a block: keep reading
                pending = data
                continue
            block, pending = data[:cut], data[cut:]
        else:
            block, pending = data, b""
        yield from _block_units(path, block, policy, paragraphs, offset, line)
        offset += len(block)
        line += _line_breaks(block)
        if not chunk:
            return


def _lines_with_offsets(stream: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    offset = 0
    for number, line in enumerate(stream, start=1):
        yield number, offset, line
        offset += len(line)


def _missing_message(where: str, columns: Columns, present: list[str]) -> str | None:
    """None when every column named is in `present`; else which are missing, and what exists."""
    missing = [f"{name!r} ({option})" for option, name in columns.named() if name not in present]
    if not missing:
        return None
    return f"{where}: no column {', '.join(missing)}; columns: {', '.join(present) or 'none'}"


def _jsonl_units(path: str, stream: BinaryIO, policy: str, columns: Columns) -> Iterator[Unit]:
    for number, offset, line in _lines_with_offsets(stream):
        if not line.strip():
            continue
        where = f"{_where(path)}:{number}"
        text, error = _decode(line, policy, where, offset)
        record, group = str(number), None
        if error is None:
            try:
                obj = json.loads(text)  # type: ignore[arg-type]
                if not isinstance(obj, dict):
                    raise TypeError("not a JSON object")
                error = _missing_message(where, columns, list(obj))
                if error is None:
                    if columns.id is not None:
                        record = str(obj[columns.id])
                    if columns.group is not None and obj[columns.group] is not None:
                        group = str(obj[columns.group])
                    value = obj[columns.text]
                    if not isinstance(value, str):
                        kind = type(value).__name__
                        raise TypeError(f"column {columns.text!r} is {kind}, not a string")
                    text = value
            except (ValueError, TypeError) as e:
                error = f"{where}: invalid JSON record ({e})"
            if error is not None:
                if policy == "fail":
                    raise InputError(error)
                text = None
        yield Unit(path, record, text, error, 0, len(line), group=group)


class _Line(NamedTuple):
    number: int
    raw: bytes
    # invalid UTF-8 (the text read is its U+FFFD decoding, which keeps the CSV structure)
    error: str | None


class _Lines:
    """Decoded lines of a stream for csv.reader, with the lines of the record being read
    (`taken`) and a way to read some of them again (`push_back`)."""

    def __init__(self, stream: BinaryIO, path: str, policy: str) -> None:
        self.source = _lines_with_offsets(stream)
        self.path, self.policy = path, policy
        self.back: list[tuple[_Line, str]] = []  # a stack: the next line to read is last
        self.taken: list[_Line] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.back:
            line, text = self.back.pop()
        else:
            number, offset, raw = next(self.source)
            decoded, error = _decode(raw, self.policy, f"{_where(self.path)}:{number}", offset)
            text = raw.decode("utf-8", "replace") if decoded is None else decoded
            line = _Line(number, raw, error)
        self.taken.append(line)
        return text

    def push_back(self, lines: list[_Line]) -> None:
        # A line holding invalid UTF-8 was read as its U+FFFD decoding: read it so again.
        self.back.extend((ln, ln.raw.decode("utf-8", "replace")) for ln in reversed(lines))


def _csv_units(
    path: str, stream: BinaryIO, policy: str, columns: Columns, delimiter: str
) -> Iterator[Unit]:
    """Records of a CSV/TSV file. A record that does not parse (an unterminated quote, a field
    past the csv module's size limit) or has a field count other than the header's is an
    error; when it spans several lines, only its first line is taken as the bad record and
    reading resumes on the next line, so one stray quote does not swallow the records after it."""
    # Fields up to FIELD_CHARS: a long article fits, and a quote left open swallows no more
    # than that before it is reported (memory stays bounded).
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_CHARS))
    lines = _Lines(stream, path, policy)

    def reader() -> Iterator[list[str]]:
        # strict: an unterminated quote is an error at the end of the data, not a record
        return csv.reader(lines, delimiter=delimiter, strict=True)

    rows = reader()
    message = None
    try:
        header = next(rows, None)
    except csv.Error as e:
        header, message = [], f"{_where(path)}:1: invalid CSV header ({e})"
    if header is None:
        return
    if header and header[0].startswith("\ufeff"):  # a byte order mark (spreadsheet exports)
        header[0] = header[0][1:]
    header_bytes = sum(len(ln.raw) for ln in lines.taken)
    # Without its header no record of the file can be read: the file is the unit that fails.
    message = message or next((ln.error for ln in lines.taken if ln.error), None)
    message = message or _missing_message(_where(path), columns, header)
    if message is not None:
        if policy == "fail":
            raise InputError(message)
        yield Unit(path, None, None, message, 0, header_bytes)
        return
    ti = header.index(columns.text)
    ii = None if columns.id is None else header.index(columns.id)
    gi = None if columns.group is None else header.index(columns.group)
    record_number = 0
    while True:
        lines.taken = []
        problem = None
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            problem, row = str(e), []
        taken = lines.taken
        blank = not row or (len(row) == 1 and not row[0].strip() and len(header) > 1)
        if problem is None and blank:
            continue  # a blank line is no record
        record_number += 1
        where = f"{_where(path)}:{taken[0].number}"
        error = next((ln.error for ln in taken if ln.error is not None), None)
        if error is None and problem is None and len(row) != len(header):
            problem = f"{len(row)} fields, the header has {len(header)}"
        if error is None and problem is not None:
            error = f"{where}: invalid CSV record ({problem})"
            if len(taken) > 1:
                # Most likely a quote left open on the first line: blame that line alone.
                lines.push_back(taken[1:])
                taken = taken[:1]
                rows = reader()
        nbytes = sum(len(ln.raw) for ln in taken)
        if error is not None:
            if policy == "fail":
                raise InputError(error)
            record = row[ii] if ii is not None and len(row) == len(header) else str(record_number)
            yield Unit(path, record, None, error, 0, nbytes)
            continue
        record = row[ii] if ii is not None else str(record_number)
        group = row[gi] if gi is not None else None
        yield Unit(path, record, row[ti], None, 0, nbytes, group=group)


def _header(stream: BinaryIO, delimiter: str) -> list[str] | None:
    """The column names on the first line of a CSV stream (a BOM dropped), the stream
    rewound; None when that line alone does not parse (the csv module's reader decides)."""
    first = stream.readline()
    stream.seek(0)
    try:
        header = next(csv.reader([first.decode("utf-8-sig")], delimiter=delimiter, strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if len(header) != len(set(header)):
        return None  # the csv module's reader takes the first of duplicate names
    return header


def _arrow_record_units(path: str, batch: Any, columns: Columns, done: int) -> Iterator[Unit]:
    """One unit per row of a record batch whose text column is a valid, null-free Arrow
    string array; `done` records of the file came before (records without an id column
    are numbered from 1, as CSV records are)."""
    import pyarrow.compute as pc

    text = batch.column(columns.text)
    nbytes = pc.binary_length(text).to_numpy(zero_copy_only=False)
    ids = None if columns.id is None else batch.column(columns.id).to_pylist()
    groups = None if columns.group is None else batch.column(columns.group).to_pylist()
    for k in range(batch.num_rows):
        number = done + k + 1
        record = str(number) if ids is None else str(ids[k])
        group = None if groups is None or groups[k] is None else str(groups[k])
        yield Unit(path, record, None, None, 0, int(nbytes[k]), group=group, arrow=text, row=k)


class _WithLastLine:
    """A binary stream that gives one more line after its end: the end-of-data row of
    :func:`_csv_arrow_units`."""

    def __init__(self, stream: BinaryIO, line: bytes) -> None:
        self._stream, self._line = stream, line
        self.closed = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True  # the caller closes the stream it opened

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data and self._line:
            data, self._line = self._line, b""
        return data


def _csv_arrow_units(
    path: str, stream: BinaryIO, policy: str, columns: Columns, delimiter: str
) -> Iterator[Unit]:
    """Records of a CSV/TSV file read by pyarrow into Arrow string columns: the texts stay
    in Arrow buffers. Every column is read as text, so pyarrow checks the UTF-8 of each,
    as the csv module's reading checks each line. Anything pyarrow refuses (invalid UTF-8,
    a field count other than the header's, a missing column) makes the rest of the file be
    read by the csv module from the first record not yet given out, which reports it with
    its line and byte offset (:func:`_csv_units`): both readers give the same records of a
    well-formed file, in the same order.

    pyarrow accepts a quote left open to the end of the file (the last field runs to the
    end), which the csv module's strict reading reports. So the reader is given one more
    row after the data, a line of end markers with no quote in it: it comes back as its
    own row exactly when the data ended outside quotes; otherwise it was swallowed by the
    open quote, and the last record is read again by the csv module, which reports it and
    resumes on its next line. The last batch is held back until the end is known.

    One difference remains: pyarrow reads text after a closing quote (``"ab"c``) as part
    of the field, where the csv module's strict reading calls the record invalid."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    header = _header(stream, delimiter)
    if header is None or _missing_message("", columns, header) is not None:
        yield from _csv_units(path, stream, policy, columns, delimiter)
        return
    # No quote, line break or delimiter in the marker, so that it parses as one plain field.
    marker = "".join(c for c in "textgauge-end-of-data" if c != delimiter)
    last_line = ("\n" + delimiter.join([marker] * len(header))).encode()
    done = 0
    pending = None  # the latest batch, given out once the next one parses
    ended = False  # pyarrow read to the end, the end-of-data row included
    reader = None
    # refused at once (the first block): the csv module reads the file and says why
    with contextlib.suppress(pa.ArrowInvalid, ValueError, UnicodeDecodeError):
        reader = pacsv.open_csv(
            _WithLastLine(stream, last_line),
            read_options=pacsv.ReadOptions(block_size=ARROW_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    while reader is not None:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            ended = True
            break
        except (pa.ArrowInvalid, ValueError, UnicodeDecodeError):
            break
        if batch.schema.names != header:
            break
        if pending is not None:
            yield from _arrow_record_units(path, pending, columns, done)
            done += pending.num_rows
        pending = batch
    if pending is not None:
        rows = pending.num_rows
        closed = ended and pending.column(len(header) - 1)[rows - 1].as_py() == marker
        if ended:
            rows -= 1  # the end-of-data row, or the record that swallowed it
        yield from _arrow_record_units(path, pending.slice(0, rows), columns, done)
        done += rows
        if closed:
            return
    stream.seek(0)
    for i, unit in enumerate(_csv_units(path, stream, policy, columns, delimiter)):
        if i >= done:
            yield unit


def _parquet_units(path: str, stream: BinaryIO, policy: str, columns: Columns) -> Iterator[Unit]:
    """Rows of a Parquet file, read by pyarrow in batches of PARQUET_BATCH_ROWS: the texts
    stay in Arrow buffers. Records are numbered by row (1-based) unless an id column is
    named. A text column of UTF-8 bytes (binary) is read as text; a row whose text is null
    or not UTF-8 is an unreadable record ("FILE: row N: ..."), decoded with U+FFFD under
    the ``replace`` policy."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    where = _where(path)

    def problem(message: str) -> Iterator[Unit]:
        if policy == "fail":
            raise InputError(message)
        yield Unit(path, None, None, message)

    try:
        source: Any = stream if stream.seekable() else pa.BufferReader(stream.read())
        pf = pq.ParquetFile(source)
    except (pa.ArrowException, OSError, ValueError) as e:
        yield from problem(f"{where}: cannot read as Parquet ({e})")
        return
    names = pf.schema_arrow.names
    message = _missing_message(where, columns, names)
    if message is not None:
        yield from problem(message)
        return
    kind = pf.schema_arrow.field(columns.text).type
    as_text = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    as_text = as_text or getattr(pa.types, "is_string_view", lambda _: False)(kind)
    as_bytes = pa.types.is_binary(kind) or pa.types.is_large_binary(kind)
    if not as_text and not as_bytes:
        yield from problem(f"{where}: column {columns.text!r} is {kind}, not a string")
        return
    wanted = list(dict.fromkeys(c for _, c in columns.named()))
    done = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
        text = batch.column(columns.text)
        try:
            if as_bytes:
                text = text.cast(
                    pa.large_string() if pa.types.is_large_binary(kind) else pa.string()
                )
            else:
                text.validate(full=True)  # the UTF-8 of every row (Parquet does not check it)
            clean = text.null_count == 0
        except pa.ArrowInvalid:
            clean = False
        if clean:
            at = batch.schema.get_field_index(columns.text)
            batch = batch.set_column(at, columns.text, text)
            yield from _arrow_record_units(path, batch, columns, done)
        else:
            yield from _parquet_rows(path, batch, policy, columns, done)
        done += batch.num_rows


def _parquet_rows(
    path: str, batch: Any, policy: str, columns: Columns, done: int
) -> Iterator[Unit]:
    """The rows of a batch holding a null or invalid UTF-8 text, one by one (as str)."""
    import pyarrow as pa

    text = batch.column(columns.text)
    values = text.cast(pa.large_binary()).to_pylist()  # bytes: no check, and no str yet
    ids = None if columns.id is None else batch.column(columns.id).to_pylist()
    groups = None if columns.group is None else batch.column(columns.group).to_pylist()
    for k, value in enumerate(values):
        number = done + k + 1
        where = f"{_where(path)}: row {number}"
        record = str(number) if ids is None else str(ids[k])
        group = None if groups is None or groups[k] is None else str(groups[k])
        decoded, error = None, None
        if value is None:
            error = f"{where}: column {columns.text!r} is null, not a string"
        else:
            try:
                decoded = value.decode("utf-8")
            except UnicodeDecodeError as e:
                if policy == "replace":
                    decoded = value.decode("utf-8", "replace")
                else:
                    error = f"{where}: invalid UTF-8 at byte offset {e.start} of its text"
        if error is not None and policy == "fail":
            raise InputError(error)
        yield Unit(path, record, decoded, error, 0, len(value or b""), group=group)


def read_units(
    files: list[str],
    *,
    fmt: str = "auto",
    policy: str = "fail",
    paragraphs: str = "blank",
    whole_documents: bool = True,
    text_column: str = "text",
    id_column: str | None = None,
    group_column: str | None = None,
    delimiter: str | None = None,
) -> Iterator[Unit]:
    """Units of every file in order. `whole_documents=False` lets text files be read in
    paragraph-aligned blocks (paragraph and sentence levels). `delimiter` overrides the
    field separator of CSV (",") and TSV (tab) input."""
    columns = Columns(text_column, id_column, group_column)
    for path in files:
        where = _where(path)
        try:
            if path != "-" and os.path.isdir(path):
                raise IsADirectoryError(21, "Is a directory")
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
                yield from _jsonl_units(path, stream, policy, columns)
            elif kind in ("csv", "tsv"):
                sep = delimiter if delimiter is not None else ("\t" if kind == "tsv" else ",")
                if path == "-" or not stream.seekable():  # pyarrow's reading may be resumed
                    yield from _csv_units(path, stream, policy, columns, sep)
                else:
                    yield from _csv_arrow_units(path, stream, policy, columns, sep)
            elif kind == "parquet":
                yield from _parquet_units(path, stream, policy, columns)
            else:
                yield from _text_units(path, stream, policy, paragraphs, whole_documents)
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            message = f"{where}: cannot read ({e})"
            if policy == "fail":
                raise InputError(message) from None
            yield Unit(path, None, None, message)
        finally:
            if path != "-":
                stream.close()
