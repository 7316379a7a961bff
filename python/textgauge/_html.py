"""Python's ``html.unescape`` tables for the C++ side: the clean step ``html_entities`` and
YAKE's sentence un-escaping (segtok) decode with the same tables."""

from __future__ import annotations

import functools
import html
import html.entities

from . import _core


@functools.lru_cache(maxsize=1)
def numeric_references() -> tuple[dict[int, str], list[int]]:
    """The numeric references that html.unescape does not decode to their own code point:
    those it replaces (``&#128;`` is ``€``, ``&#0;`` U+FFFD) and those it drops, read from
    html.unescape itself (it special-cases only code points below U+10000 and the
    noncharacters at the end of each plane), so no copy of its tables lives here."""
    numeric: dict[int, str] = {}
    invalid: list[int] = []
    planes = [p * 0x10000 + k for p in range(1, 17) for k in (0xFFFE, 0xFFFF)]
    for n in [*range(0x10000), *planes]:
        got = html.unescape(f"&#{n};")
        if got == "":
            invalid.append(n)
        elif got != chr(n):
            numeric[n] = got
    return numeric, invalid


@functools.lru_cache(maxsize=1)
def entities() -> _core.text.HtmlEntities:
    """html.unescape's named and numeric references as one C++ table."""
    numeric, invalid = numeric_references()
    return _core.text.HtmlEntities(named=html.entities.html5, numeric=numeric, invalid=invalid)
