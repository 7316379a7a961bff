"""The Python str semantics the VADER engine emulates, against the running Python, for every
code point.

VADER decides ALL-CAPS with ``str.isupper()`` and looks words up with
``str.lower()``; both follow the Unicode version of the Python that runs
vaderSentiment (3.11: 14.0), not ICU's. Characters assigned later must behave
as unassigned ones do in that Python.
"""

from __future__ import annotations

import sys
import unicodedata

import numpy as np

from textgauge import _core

MAJOR, MINOR = (int(x) for x in unicodedata.unidata_version.split(".")[:2])
CODE_POINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_isupper_of_every_code_point() -> None:
    ours = _core._testing.python_isupper_table("", MAJOR, MINOR).astype(bool)
    theirs = np.zeros(0x110000, dtype=bool)
    theirs[[c for c in CODE_POINTS if chr(c).isupper()]] = True
    bad = np.flatnonzero(ours != theirs)
    assert not len(bad), [hex(c) for c in bad[:20]]


def test_isupper_after_an_uppercase_letter() -> None:
    # "A" + c is upper unless c is lowercase or titlecase: this checks the
    # Lowercase and Titlecase flags of every code point.
    ours = _core._testing.python_isupper_table("A", MAJOR, MINOR).astype(bool)
    theirs = np.zeros(0x110000, dtype=bool)
    theirs[[c for c in CODE_POINTS if ("A" + chr(c)).isupper()]] = True
    bad = np.flatnonzero(ours != theirs)
    assert not len(bad), [hex(c) for c in bad[:20]]


def test_lower_of_every_code_point() -> None:
    ours = dict(_core._testing.python_lower_table(MAJOR, MINOR))
    theirs = {c: chr(c).lower() for c in CODE_POINTS if chr(c).lower() != chr(c)}
    assert ours == theirs


def test_final_sigma_in_context() -> None:
    cases = [
        "ΣΑΣ",
        "ΑΣ",
        "Σ",
        "ΑΣ'",
        "ΑΣ'Α",
        "Α'Σ",
        "Α.Σ.Β",
        "ΑΣ ΣΑ",
        "1Σ",
        "ΑΣ1",
        "Σ'Σ",
        "aΣ:",
        "A\u0345Σ",
        "ΑΣ\u0301",
        "ΑΣ\u0301Β",
        "İSTANBUL",
        "\u212aELVIN",
    ]
    for t in cases:
        assert _core._testing.python_lower(t, MAJOR, MINOR) == t.lower(), t


def test_newer_characters_are_unassigned_for_this_python() -> None:
    # U+1E030 MODIFIER LETTER CYRILLIC SMALL A (Unicode 15) is lowercase in ICU 72
    # but unassigned, hence uncased, in Python 3.11.
    if sys.version_info[:2] == (3, 11):
        assert unicodedata.unidata_version == "14.0.0"
        assert not "\U0001e030".islower()
        assert _core._testing.python_isupper_table("A", MAJOR, MINOR)[0x1E030]
