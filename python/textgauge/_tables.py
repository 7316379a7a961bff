"""String tables: many strings as one UTF-8 buffer and an offsets array (string i is
``buf[offsets[i]:offsets[i + 1]]``), as the C++ engine hands out vocabularies and term
statistics. Shared by the drop-in vectorizers (``sklearn.py``) and the mergeable
statistics (``partial.py``); plain numpy, no scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ._unicode import SURROGATE

__all__ = ["offsets_from_lengths", "smallest", "subtable", "table_from_terms", "terms_from_table"]


def table_from_terms(terms: Iterable[str]) -> tuple[bytes, np.ndarray]:
    """The table of a list of str. A lone surrogate is stored as U+FFFD, as the engine reads
    it in documents (see ``sklearn._engine_call``)."""
    encoded = [
        t.encode("utf-8") if t.isascii() else SURROGATE.sub("\ufffd", t).encode("utf-8")
        for t in terms
    ]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return b"".join(encoded), offsets


def subtable(buf: bytes, offsets: np.ndarray, kept: np.ndarray) -> tuple[bytes, np.ndarray]:
    """The terms `kept` (ascending indices) of a string table, gathered in numpy
    (no Python object per term: a table can hold millions)."""
    starts = offsets[:-1][kept]
    lengths = offsets[1:][kept] - starts
    new_offsets = np.zeros(len(kept) + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    positions = np.repeat(starts - new_offsets[:-1], lengths) + np.arange(new_offsets[-1])
    return np.frombuffer(buf, dtype=np.uint8)[positions].tobytes(), new_offsets


def smallest(values: np.ndarray) -> np.ndarray:
    """Non-negative integers in the smallest unsigned dtype that holds them (for pickles)."""
    top = values.max(initial=0)
    for dtype in (np.uint8, np.uint16, np.uint32):
        if top <= np.iinfo(dtype).max:
            return values.astype(dtype)
    return values.astype(np.int64)


def offsets_from_lengths(lengths: np.ndarray) -> np.ndarray:
    """The offsets of strings of these byte lengths (the inverse of ``np.diff(offsets)``)."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


def terms_from_table(buf: bytes, offsets: np.ndarray) -> list[str]:
    """The strings of a table, as a list of str."""
    if buf.isascii():  # byte offsets are code point offsets: slice one str
        text = buf.decode("ascii")
        return [text[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
    return [buf[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
