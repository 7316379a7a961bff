"""Text input conversion shared by every entry point that takes texts from Python (and
the `threads=` argument of the batch entry points)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import DecodeError

SURROGATE = re.compile("[\ud800-\udfff]")

TextLike = "str | bytes"


def arrow_texts(texts: object) -> Any | None:
    """``texts`` as an Arrow string column that the engine reads in place, or None.

    An Arrow column is a pyarrow ``Array`` or ``ChunkedArray`` of type ``string``,
    ``large_string`` or ``string_view``; a pandas Series (or Index) whose dtype is
    ``pd.ArrowDtype`` of one of those or ``StringDtype("pyarrow")`` (pandas 3's default
    ``str``); or anything with the Arrow PyCapsule interface (``__arrow_c_stream__``,
    ``__arrow_c_array__``), such as a polars Series, imported without a copy. Every
    batch entry point passes the result straight to ``_core``, whose binding reads the
    buffers with the GIL released and makes no Python ``str``: a null row raises
    TypeError naming it (as ``None`` in a list does), invalid UTF-8 raises DecodeError
    naming the row (``"document N"``) and the byte offset in that text. Anything else
    (a list, tuple, numpy array, a Series of Python objects) gives None: the caller
    takes its list path.
    """
    if isinstance(texts, (list, tuple, str, bytes)):
        return None
    if isinstance(texts, (pd.Series, pd.Index)):
        dtype = texts.dtype
        if isinstance(dtype, pd.ArrowDtype) or (
            isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
        ):
            # The ChunkedArray the Series holds, not a copy.
            array: Any = texts.array
            column: Any = array.__arrow_array__()
        else:
            return None
    elif hasattr(texts, "__arrow_c_stream__") or hasattr(texts, "__arrow_c_array__"):
        import pyarrow as pa

        if isinstance(texts, (pa.Array, pa.ChunkedArray)):
            column = texts
        else:
            column = pa.chunked_array(texts)  # through the C stream interface: no copy
    else:
        return None
    if not _is_arrow_text(column.type):
        raise TypeError(
            f"an Arrow column of type {column.type} holds no text; "
            "expected string, large_string or string_view"
        )
    return column


def _is_arrow_text(t: Any) -> bool:
    import pyarrow as pa

    is_view = getattr(pa.types, "is_string_view", lambda _: False)
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or is_view(t))


def as_text_list(texts: Iterable[str | bytes]) -> list[str | bytes]:
    """Materialises any iterable of texts (list, tuple, generator, pandas Series, numpy array)."""
    if isinstance(texts, (str, bytes)):
        raise TypeError("expected an iterable of texts, got a single text; wrap it in a list")
    out = texts if isinstance(texts, list) else list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, (str, bytes)):
            raise TypeError(f"text {i} is {type(t).__name__}, expected str or bytes")
    return out


def fix_surrogates(
    texts: Sequence[str | bytes], errors: str, sources: Sequence[str]
) -> list[str | bytes]:
    """Handles lone surrogates, which a ``str`` can hold but UTF-8 cannot.

    They come from ``open(..., errors="surrogateescape")`` and similar. Policy: with
    ``errors="strict"`` raise DecodeError naming the byte offset the surrogate would
    have in UTF-8 (surrogatepass); with ``errors="replace"`` substitute U+FFFD, which
    keeps every code-point offset of the text unchanged.
    """
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            continue
        m = SURROGATE.search(t)
        if m is None:
            continue
        if errors == "strict":
            offset = len(t[: m.start()].encode("utf-8", "surrogatepass"))
            source = sources[i] if i < len(sources) else f"document {i}"
            raise DecodeError(
                f"lone surrogate U+{ord(m.group()):04X} in {source} at byte offset {offset}",
                byte_offset=offset,
                source=source,
            )
        out[i] = SURROGATE.sub("\ufffd", t)
    return out


def text_batch(texts: Any, *, single: str) -> tuple[Any, pd.Index | None]:
    """The batch a ``_core`` engine takes, and the index its result keeps.

    The batch is an Arrow string column read in place (no ``str`` made, see
    :func:`arrow_texts`) or a list; a pandas Series gives its index. Non-str items are
    left to the binding, which raises TypeError naming the item. ``single`` finishes the
    message for one str passed where a batch belongs ("use polarity_scores() for one
    text").
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(f"expected a list of texts, got a single text; {single}")
    column = arrow_texts(texts)
    if column is not None:
        return column, texts.index if isinstance(texts, pd.Series) else None
    if isinstance(texts, pd.Series):
        return texts.tolist(), texts.index
    if isinstance(texts, np.ndarray):
        return texts.tolist(), None
    return (texts if isinstance(texts, list) else list(texts)), None


def threads_arg(threads: int | None) -> int:
    """A public ``threads=`` value (None: all cores) as the engines take it (0: all cores)."""
    if threads is None:
        return 0
    if isinstance(threads, bool) or int(threads) < 1:
        raise ValueError(f"threads must be >= 1 or None, got {threads!r}")
    return int(threads)
