"""_core.text: Corpus (segmentation, normalisation and interning) and the names of its options.

Reviewed stubs; tests/python/test_stubs.py checks them against the compiled module.
"""

import collections.abc
import typing

import numpy
import numpy.typing

__all__: list[str] = [
    "Cleaner",
    "Corpus",
    "HtmlEntities",
    "Hyphenation",
    "options",
    "segtok_split_multi",
    "segtok_tokens",
]

class Cleaner:
    def __init__(
        self,
        *,
        steps: collections.abc.Sequence[str],
        placeholders: collections.abc.Mapping[str, str],
        named: collections.abc.Mapping[str, str],
        numeric: collections.abc.Mapping[int, str],
        invalid: collections.abc.Sequence[int],
    ) -> None: ...
    def clean(
        self,
        texts: collections.abc.Sequence[typing.Any],
        *,
        origins: bool = False,
        threads: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> list[typing.Any]: ...

class Hyphenation:
    def __init__(self, patterns: str) -> None: ...
    def positions(self, word: str, *, left: int = 2, right: int = 2) -> list[int]: ...
    def __len__(self) -> int: ...

class Corpus:
    def __init__(
        self,
        *,
        paragraphs: str = "blank",
        sentences: bool = True,
        tokens: bool = True,
        ascii_fast_path: bool = True,
        form: str = "NFC",
        casefold: bool = True,
        strip_accents: bool = False,
        unify_quotes: bool = True,
        errors: str = "strict",
        cleaner: Cleaner | None = None,
    ) -> None: ...
    def __len__(self) -> int: ...
    def add(
        self,
        texts: typing.Any,
        *,
        sources: collections.abc.Sequence[str] = [],
        threads: typing.SupportsInt | typing.SupportsIndex = 0,
    ) -> None: ...
    def paragraph_table(self) -> dict[str, numpy.typing.NDArray[typing.Any]]: ...
    def sentence_table(self) -> dict[str, numpy.typing.NDArray[typing.Any]]: ...
    def text(self, index: typing.SupportsInt | typing.SupportsIndex) -> str: ...
    def token_table(self) -> dict[str, numpy.typing.NDArray[typing.Any]]: ...
    def unit_texts(
        self, level: str, index: typing.SupportsInt | typing.SupportsIndex
    ) -> list[str]: ...
    def vocabulary(self) -> list[str]: ...
    def memory_bytes(self) -> int: ...

def options() -> dict[str, list[str]]:
    """
    The names each option of this area takes, by option.
    """

class HtmlEntities:
    def __init__(
        self,
        *,
        named: collections.abc.Mapping[str, str],
        numeric: collections.abc.Mapping[int, str],
        invalid: collections.abc.Sequence[int],
    ) -> None: ...

def segtok_split_multi(texts: collections.abc.Sequence[str]) -> list[list[str]]: ...
def segtok_tokens(
    sentences: collections.abc.Sequence[str], *, entities: HtmlEntities, contractions: bool = True
) -> list[list[str]]: ...
