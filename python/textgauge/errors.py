"""The exceptions textgauge raises. The C++ core's errors arrive as these classes."""

from __future__ import annotations

from typing import Any

__all__ = ["DecodeError", "DictionaryError", "Error", "OptionError"]


class Error(Exception):
    """Base class of every error textgauge raises on bad input or bad options.

    Example:
        >>> import textgauge as tg
        >>> try:
        ...     tg.Corpus(paragraphs="page")
        ... except ValueError as e:
        ...     print(e)
        paragraphs must be one of ('blank', 'line'), got 'page'
    """


class OptionError(Error, ValueError):
    """An option given a value that is not one of its choices (a measure, a level, a mode, ...).

    Raised alike by the Python checks and by the C++ core (one table of names per option
    there, see cpp/include/textgauge/options.hpp); the message names the option and its
    choices. Being a ValueError, it is caught where scikit-learn or NumPy code expects one.

    Example:
        >>> import textgauge as tg
        >>> try:
        ...     tg.Corpus(paragraphs="page")
        ... except tg.OptionError as e:
        ...     print(e)
        paragraphs must be one of ('blank', 'line'), got 'page'
    """


class DecodeError(Error, ValueError):
    """Input that is not valid UTF-8 (or a ``str`` holding lone surrogates).

    Attributes:
        byte_offset: offset of the first byte of the invalid sequence, in the bytes
            of the text (or file) as given.
        source: the file, or ``"document N"``, that holds it (None when unknown).

    Example:
        >>> import textgauge as tg
        >>> try:
        ...     tg.Document(b"caf\\xe9")
        ... except tg.DecodeError as e:
        ...     print(e.byte_offset)
        3
    """

    def __init__(self, message: str, *, byte_offset: int, source: str | None = None) -> None:
        super().__init__(message)
        self.byte_offset = byte_offset
        self.source = source

    def __reduce__(
        self,
    ) -> tuple[Any, ...]:  # keyword-only attributes survive pickling (multiprocessing, Dask)
        return (_rebuild_decode_error, (str(self), self.byte_offset, self.source))


class DictionaryError(Error, ValueError):
    """A dictionary that cannot be read: a malformed file or entry.

    Attributes:
        source: the file (or ``"<yaml>"`` & co. for text), None for a dict.
        line: the 1-based line of the file where the problem is (None when unknown).

    Example:
        >>> import textgauge as tg
        >>> try:
        ...     tg.Dictionary.from_lexicoder("good\\n+POSITIVE\\n", source="lsd.lc3")
        ... except tg.errors.DictionaryError as e:
        ...     print(e.line, e)
        1 lsd.lc3:1: entry 'good' before the first '+category' line
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        where = "" if source is None else (f"{source}:{line}: " if line else f"{source}: ")
        super().__init__(where + message)
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_dictionary_error, (str(self), self.source, self.line))


def _rebuild_dictionary_error(
    message: str, source: str | None, line: int | None
) -> DictionaryError:
    e = DictionaryError(message)
    e.source, e.line = source, line
    return e


def _rebuild_decode_error(message: str, byte_offset: int, source: str | None) -> DecodeError:
    return DecodeError(message, byte_offset=byte_offset, source=source)
