"""_core.vectorize: term counting, weighting and hashing (the engine of textgauge.sklearn).

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import collections.abc
import typing

import numpy
import numpy.typing

__all__: list[str] = [
    "AnalyzerOptions",
    "FixedVocabulary",
    "TermStats",
    "analyze",
    "bm25",
    "counts_to_float64",
    "fit",
    "fit_ids",
    "hash",
    "idf",
    "murmurhash3_32",
    "options",
    "prune",
    "stats",
    "tfidf_inplace",
    "transform",
]

class AnalyzerOptions:
    def __init__(
        self,
        *,
        analyzer: str = "word",
        lowercase: bool = True,
        strip_accents: str = "none",
        min_n: typing.SupportsInt | typing.SupportsIndex = 1,
        max_n: typing.SupportsInt | typing.SupportsIndex = 1,
        skip: typing.SupportsInt | typing.SupportsIndex = 0,
        stop_words: collections.abc.Sequence[str] = [],
        unicode_major: typing.SupportsInt | typing.SupportsIndex = 14,
        unicode_minor: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...

class TermStats:
    def __getstate__(self) -> tuple[typing.Any, ...]: ...
    def __init__(self, state: tuple[typing.Any, ...]) -> None: ...
    def __len__(self) -> int: ...
    def __setstate__(self, arg0: tuple[typing.Any, ...]) -> None: ...
    def merged(self, other: TermStats) -> TermStats: ...
    def state(self) -> tuple[typing.Any, ...]: ...
    @property
    def doc_count(self) -> numpy.typing.NDArray[numpy.int64]: ...
    @property
    def n_docs(self) -> int: ...

class FixedVocabulary:
    def __init__(
        self, bytes: bytes, offsets: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]
    ) -> None: ...
    def __len__(self) -> int: ...

def analyze(options: AnalyzerOptions, texts: typing.Any) -> list[typing.Any]: ...
def bm25(
    indptr: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    indices: typing.Annotated[numpy.typing.ArrayLike, numpy.int32],
    counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64],
    idf: typing.Annotated[numpy.typing.ArrayLike, numpy.float64],
    *,
    k1: typing.SupportsFloat | typing.SupportsIndex,
    b: typing.SupportsFloat | typing.SupportsIndex,
) -> numpy.typing.NDArray[numpy.float64]: ...
def counts_to_float64(
    data: numpy.typing.NDArray[numpy.int64],
    *,
    threads: typing.SupportsInt | typing.SupportsIndex = 1,
) -> None:
    """
    Converts an int64 array to float64 values in the same buffer; view it as float64 afterwards.
    """

def fit(
    options: AnalyzerOptions,
    texts: typing.Any,
    *,
    high: typing.SupportsFloat | typing.SupportsIndex,
    low: typing.SupportsFloat | typing.SupportsIndex,
    max_features: typing.SupportsInt | typing.SupportsIndex,
    binary: bool,
    threads: typing.SupportsInt | typing.SupportsIndex = 1,
    keep_stats: bool = False,
    sorted_indices: bool = True,
) -> tuple[typing.Any, ...]: ...
def fit_ids(
    token_row: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    token_term: typing.Annotated[numpy.typing.ArrayLike, numpy.int32],
    n_rows: typing.SupportsInt | typing.SupportsIndex,
    terms: collections.abc.Sequence[str],
    drop: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8],
    *,
    min_n: typing.SupportsInt | typing.SupportsIndex,
    max_n: typing.SupportsInt | typing.SupportsIndex,
    skip: typing.SupportsInt | typing.SupportsIndex,
    separator: str,
    high: typing.SupportsFloat | typing.SupportsIndex,
    low: typing.SupportsFloat | typing.SupportsIndex,
    max_features: typing.SupportsInt | typing.SupportsIndex,
    binary: bool,
) -> tuple[typing.Any, ...]: ...
def hash(
    options: AnalyzerOptions,
    texts: typing.Any,
    *,
    n_features: typing.SupportsInt | typing.SupportsIndex,
    alternate_sign: bool,
    threads: typing.SupportsInt | typing.SupportsIndex = 1,
) -> dict[str, typing.Any]: ...
def idf(
    df: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
    n_docs: typing.SupportsInt | typing.SupportsIndex,
    scheme: str,
) -> numpy.typing.NDArray[numpy.float64]: ...
def murmurhash3_32(
    key: bytes, *, seed: typing.SupportsInt | typing.SupportsIndex = 0, positive: bool = False
) -> int: ...
def options() -> dict[str, list[str]]:
    """
    The names each option of this area takes, by option.
    """

def prune(
    stats: TermStats,
    *,
    high: typing.SupportsFloat | typing.SupportsIndex,
    low: typing.SupportsFloat | typing.SupportsIndex,
    max_features: typing.SupportsInt | typing.SupportsIndex,
    binary: bool,
) -> numpy.typing.NDArray[numpy.int64]: ...
def stats(
    options: AnalyzerOptions,
    texts: typing.Any,
    *,
    threads: typing.SupportsInt | typing.SupportsIndex = 1,
) -> TermStats: ...
def tfidf_inplace(
    indptr: numpy.typing.NDArray[typing.Any],
    indices: numpy.typing.NDArray[typing.Any],
    data: numpy.typing.NDArray[numpy.float64],
    *,
    tf: str,
    idf: typing.Any,
    norm: str,
    threads: int = 1,
) -> None: ...
def transform(
    options: AnalyzerOptions,
    texts: typing.Any,
    vocabulary: FixedVocabulary,
    *,
    binary: bool,
    threads: typing.SupportsInt | typing.SupportsIndex = 1,
) -> dict[str, typing.Any]: ...
