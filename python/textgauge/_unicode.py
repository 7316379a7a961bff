"""Text input conversion shared by every entry point that takes texts from Python."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .errors import DecodeError

SURROGATE = re.compile("[\ud800-\udfff]")

TextLike = "str | bytes"


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
