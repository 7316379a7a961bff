"""_core._testing: hooks for tests and benchmarks (the package uses none of them).

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import collections.abc
import typing

import numpy
import numpy.typing

__all__: list[str] = [
    "extract_terms",
    "fisher_two_sided",
    "hypergeom_cdf",
    "python_isupper_table",
    "python_lower",
    "python_lower_table",
    "python_round",
    "python_unicode",
    "raw_icu_word_loop",
]

def extract_terms(
    texts: collections.abc.Sequence[typing.Any],
    *,
    ascii_fast_path: bool = True,
    casefold: bool = True,
) -> tuple[typing.Any, ...]: ...
def fisher_two_sided(
    a: typing.SupportsInt | typing.SupportsIndex,
    b: typing.SupportsInt | typing.SupportsIndex,
    c: typing.SupportsInt | typing.SupportsIndex,
    d: typing.SupportsInt | typing.SupportsIndex,
) -> float: ...
def hypergeom_cdf(
    k: typing.SupportsInt | typing.SupportsIndex,
    total: typing.SupportsInt | typing.SupportsIndex,
    successes: typing.SupportsInt | typing.SupportsIndex,
    draws: typing.SupportsInt | typing.SupportsIndex,
) -> float: ...
def python_isupper_table(
    prefix: str,
    unicode_major: typing.SupportsInt | typing.SupportsIndex,
    unicode_minor: typing.SupportsInt | typing.SupportsIndex,
) -> numpy.typing.NDArray[numpy.uint8]: ...
def python_lower(
    text: str,
    unicode_major: typing.SupportsInt | typing.SupportsIndex,
    unicode_minor: typing.SupportsInt | typing.SupportsIndex,
) -> str: ...
def python_lower_table(
    unicode_major: typing.SupportsInt | typing.SupportsIndex,
    unicode_minor: typing.SupportsInt | typing.SupportsIndex,
) -> list[tuple[int, str]]: ...
def python_round(
    x: typing.SupportsFloat | typing.SupportsIndex,
    digits: typing.SupportsInt | typing.SupportsIndex,
) -> float:
    """
    Python's round(x, digits) as the engine computes it (exposed for tests).
    """

def python_unicode(
    major: typing.SupportsInt | typing.SupportsIndex,
    minor: typing.SupportsInt | typing.SupportsIndex,
    code_point: typing.SupportsInt | typing.SupportsIndex,
) -> tuple[bool, bool]: ...
def raw_icu_word_loop(texts: collections.abc.Sequence[typing.Any]) -> int:
    """
    Benchmark baseline: a bare ICU word BreakIterator loop; returns the boundary count.
    """
