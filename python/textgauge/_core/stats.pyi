"""_core.stats: collocations, lexical diversity, readability, keyness, similarity, co-occurrence.

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import collections.abc
import typing

import numpy
import numpy.typing

from textgauge._core.text import Corpus, HtmlEntities, Hyphenation

__all__: list[str] = [
    "PhraseVocab",
    "bigram_scores",
    "collocations",
    "compound",
    "dictionary_lookup",
    "export_phrases",
    "grouped_term_counts",
    "keyness",
    "lexical_diversity",
    "merge_phrase_vocab",
    "options",
    "pairwise",
    "phrase_vocab",
    "readability_counts",
    "readability_term_properties",
    "syllable_counts",
    "window_cooccurrence",
    "yake_keywords",
]

class PhraseVocab:
    """gensim's Phrases vocabulary: keys in dict order, counts."""
    def __init__(
        self,
        data: bytes,
        offsets: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
        counts: typing.Annotated[numpy.typing.ArrayLike, numpy.int64],
        words: typing.SupportsInt | typing.SupportsIndex,
    ) -> None: ...
    def __len__(self) -> int: ...
    def counts(self) -> numpy.typing.NDArray[numpy.int64]: ...
    def data(self) -> bytes: ...
    def offsets(self) -> numpy.typing.NDArray[numpy.int64]: ...
    @property
    def words(self) -> int: ...

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
def compound(
    corpus: Corpus,
    expressions: collections.abc.Sequence[collections.abc.Sequence[str]],
    *,
    delimiter: str,
) -> tuple[Corpus, numpy.typing.NDArray[numpy.int64]]: ...
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
def export_phrases(
    vocab: PhraseVocab,
    *,
    scoring: str,
    min_count: typing.SupportsFloat | typing.SupportsIndex,
    threshold: typing.SupportsFloat | typing.SupportsIndex,
    delimiter: str,
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
def merge_phrase_vocab(a: PhraseVocab, b: PhraseVocab) -> PhraseVocab: ...
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
def phrase_vocab(
    corpus: Corpus,
    *,
    connector_words: collections.abc.Sequence[str],
    delimiter: str,
    kinds: collections.abc.Sequence[str],
    across_sentences: bool,
) -> PhraseVocab: ...
def readability_term_properties(
    corpus: Corpus,
    *,
    hyphenation: Hyphenation,
    easy_words: collections.abc.Sequence[str],
    unicode_major: int,
    unicode_minor: int,
    threads: int = 0,
) -> tuple[
    numpy.typing.NDArray[numpy.int32],
    numpy.typing.NDArray[numpy.int32],
    numpy.typing.NDArray[numpy.uint8],
]: ...
def syllable_counts(
    words: collections.abc.Sequence[str],
    *,
    hyphenation: Hyphenation,
    unicode_major: int,
    unicode_minor: int,
) -> list[int]: ...
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
def yake_keywords(
    documents: collections.abc.Sequence[str],
    *,
    entities: HtmlEntities,
    stopwords: collections.abc.Set[str],
    n: typing.SupportsInt | typing.SupportsIndex,
    window: typing.SupportsInt | typing.SupportsIndex,
    dedup_lim: typing.SupportsFloat | typing.SupportsIndex,
    dedup: str,
    top: typing.SupportsInt | typing.SupportsIndex,
    unicode: tuple[int, int],
) -> list[typing.Any]: ...
