"""_core.stats: collocations, lexical diversity, readability, keyness, similarity, co-occurrence.

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import collections.abc
import typing

import numpy
import numpy.typing

from textgauge._core.text import Corpus

__all__: list[str] = [
    "bigram_scores",
    "collocations",
    "dictionary_lookup",
    "grouped_term_counts",
    "keyness",
    "lexical_diversity",
    "options",
    "pairwise",
    "readability_counts",
    "window_cooccurrence",
]

def bigram_scores(
    count: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    n_ix: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    n_xi: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    *,
    n_tokens: typing.SupportsInt | typing.SupportsIndex,
    window: typing.SupportsInt | typing.SupportsIndex,
    measures: collections.abc.Sequence[str],
) -> list[typing.Any]: ...
def collocations(
    corpus: Corpus,
    *,
    size: typing.SupportsInt | typing.SupportsIndex,
    window: typing.SupportsInt | typing.SupportsIndex,
    min_count: typing.SupportsInt | typing.SupportsIndex,
    measures: collections.abc.Sequence[str],
    kinds: collections.abc.Sequence[str],
    across_sentences: bool,
    break_at_excluded: bool,
    smoothing: typing.SupportsFloat | typing.SupportsIndex,
    threads: typing.SupportsInt | typing.SupportsIndex = 0,
) -> dict[str, typing.Any]: ...
def dictionary_lookup(
    corpus: Corpus,
    *,
    pattern_kind: collections.abc.Sequence[str],
    pattern_text: collections.abc.Sequence[str],
    pattern_terms_begin: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    pattern_terms: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    entry_category: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex],
    entry_begin: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex],
    entry_words: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex],
    categories: typing.SupportsInt | typing.SupportsIndex,
    negators: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex],
    negated: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex],
    level: str,
    kinds: collections.abc.Sequence[str],
    nested_scope: str,
    window: typing.SupportsInt | typing.SupportsIndex,
    keep_unmatched: bool,
) -> dict[str, typing.Any]: ...
def grouped_term_counts(
    corpus: Corpus,
    *,
    kinds: collections.abc.Sequence[str],
    doc_group: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    groups: typing.SupportsInt | typing.SupportsIndex,
) -> dict[str, typing.Any]: ...
def keyness(
    a: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    b: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    T: typing.SupportsFloat | typing.SupportsIndex,
    R: typing.SupportsFloat | typing.SupportsIndex,
    *,
    measure: str,
    correction: str,
) -> dict[str, typing.Any]: ...
def lexical_diversity(
    corpus: Corpus,
    *,
    level: str,
    kinds: collections.abc.Sequence[str],
    measures: collections.abc.Sequence[str],
    log_base: typing.SupportsFloat | typing.SupportsIndex,
    mattr_window: typing.SupportsInt | typing.SupportsIndex,
    msttr_segment: typing.SupportsInt | typing.SupportsIndex,
    mtld_threshold: typing.SupportsFloat | typing.SupportsIndex,
    hdd_draws: typing.SupportsInt | typing.SupportsIndex,
    threads: typing.SupportsInt | typing.SupportsIndex = 0,
) -> dict[str, typing.Any]: ...
def options() -> dict[str, list[str]]:
    """
    The names each option of this area takes, by option.
    """

def pairwise(
    indptr: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    indices: typing.Annotated[numpy.typing.ArrayLike, numpy.int32],
    data: typing.Annotated[numpy.typing.ArrayLike, numpy.float64],
    rows: typing.SupportsInt | typing.SupportsIndex,
    cols: typing.SupportsInt | typing.SupportsIndex,
    *,
    method: str,
    threads: typing.SupportsInt | typing.SupportsIndex = 0,
) -> numpy.typing.NDArray[numpy.float64]: ...
def readability_counts(
    corpus: Corpus,
    *,
    level: str,
    kinds: collections.abc.Sequence[str],
    syllables: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    letters: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
    easy: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]
    | numpy.typing.NDArray[typing.Any],
) -> dict[str, typing.Any]: ...
def window_cooccurrence(
    corpus: Corpus,
    *,
    kinds: collections.abc.Sequence[str],
    window: typing.SupportsInt | typing.SupportsIndex,
    count: str,
) -> dict[str, typing.Any]: ...
