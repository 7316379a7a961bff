"""Cleaning of raw news text, with the way back to the original kept.

Each step is a function of its own (``tg.clean.urls(text)``), and :func:`clean` runs a
list of them; ``Corpus(clean=...)``, ``Corpus.from_texts(..., clean=...)`` and the command
line's ``--clean`` run the same steps before segmentation while every token, sentence and
paragraph keeps its offsets into the text as given (see :class:`Cleaned` and
``docs/cleaning.md``).

Steps (in the order given; :data:`STEPS` lists them):

* ``html_entities`` - ``&amp;`` ``&#39;`` ``&#x27;`` as :func:`html.unescape` decodes them,
  plus the broken forms of news feeds: ``&amp;#39;`` (escaped twice) and ``it #39;s`` /
  `` quot;`` (the ``&`` lost).
* ``html_tags`` - tags, comments and declarations removed, then stripped (textacy's
  ``remove.html_tags`` without its entity decoding, which is ``html_entities``).
* ``urls``, ``emails``, ``phone_numbers``, ``numbers``, ``currency_symbols``, ``emojis``,
  ``hashtags``, ``user_handles`` - replaced by a placeholder (textacy's ``replace.*``,
  placeholders ``_URL_`` ...; ``placeholders=False`` removes them).
* ``hyphenated_words`` - ``exam-\\nple`` becomes ``example`` (textacy).
* ``whitespace`` - textacy's ``normalize.whitespace`` (every run of line breaks becomes one);
  ``spaces`` - the same but a blank line stays a blank line, so paragraphs survive.
* ``quotes`` (textacy's ``normalize.quotation_marks``), ``dashes`` (every dash to ``-``).
* ``punctuation``, ``brackets`` - textacy's ``remove.punctuation`` and ``remove.brackets``.
* ``unicode`` (NFC), ``accents`` - textacy's ``normalize.unicode`` and ``remove.accents``.
* ``boilerplate`` - news datelines (``LONDON (Reuters) -``), bylines, "Read more" lines.

``clean=True`` (:data:`NEWS`) is ``html_entities``, ``html_tags``, ``spaces``, ``quotes``,
``dashes``.

Example:
    >>> import textgauge as tg
    >>> tg.clean.clean("Wall Street #39;s &lt;b&gt;best&lt;/b&gt; day")
    "Wall Street's best day"
    >>> tg.clean.urls("see https://example.com/a now")
    'see _URL_ now'
"""

from __future__ import annotations

import dataclasses
import functools
import html
import html.entities
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from . import _core, _pickle
from .errors import OptionError

__all__ = [
    "NEWS",
    "PLACEHOLDERS",
    "STEPS",
    "CleanOption",
    "Cleaned",
    "Cleaner",
    "accents",
    "as_cleaner",
    "brackets",
    "clean",
    "clean_texts",
    "cleaner",
    "currency_symbols",
    "dashes",
    "emails",
    "emojis",
    "hashtags",
    "html_entities",
    "html_tags",
    "hyphenated_words",
    "news_boilerplate",
    "numbers",
    "phone_numbers",
    "punctuation",
    "quotes",
    "spaces",
    "unicode",
    "urls",
    "user_handles",
    "whitespace",
    "with_origins",
]

STEPS: tuple[str, ...] = tuple(_core.text.options()["cleaning step"])
NEWS: tuple[str, ...] = ("html_entities", "html_tags", "spaces", "quotes", "dashes")
PLACEHOLDERS: Mapping[str, str] = {
    "urls": "_URL_",
    "emails": "_EMAIL_",
    "phone_numbers": "_PHONE_",
    "numbers": "_NUMBER_",
    "currency_symbols": "_CUR_",
    "emojis": "_EMOJI_",
    "hashtags": "_TAG_",
    "user_handles": "_USER_",
}

Steps = bool | str | Sequence[str]
Placeholders = bool | Mapping[str, str]


@_pickle.picklable("Cleaner", 1)
@dataclasses.dataclass(frozen=True)
class Cleaner:
    """A list of steps and the placeholders of the replacing steps; made by :func:`cleaner`.

    Calling it cleans one text; it pickles, compares and hashes by value.
    """

    steps: tuple[str, ...]
    placeholders: tuple[tuple[str, str], ...]

    def _pickle_state(self) -> tuple[list[str], dict[str, str]]:
        return (list(self.steps), dict(self.placeholders))  # version 1

    @classmethod
    def _from_pickle_state(cls, version: int, state: tuple[list[str], dict[str, str]]) -> Cleaner:
        steps, placeholders = state
        return cleaner(list(steps), placeholders=placeholders)

    def __call__(self, text: str) -> str:
        return self.clean([text])[0]

    def clean(self, texts: Sequence[str], *, threads: int | None = None) -> list[str]:
        """The cleaned texts (one C++ call, ``threads`` workers; default all cores)."""
        out = self.core().clean(list(texts), threads=_threads(threads))
        return [str(t) for t in out]

    def with_origins(self, texts: Sequence[str], *, threads: int | None = None) -> list[Cleaned]:
        """The cleaned texts with, for each of their characters, where it comes from."""
        out = self.core().clean(list(texts), origins=True, threads=_threads(threads))
        return [Cleaned(str(t), s, e) for t, s, e in out]

    def core(self) -> _core.text.Cleaner:
        """The compiled C++ cleaner (what a corpus runs)."""
        return _compiled(self)


@dataclasses.dataclass(frozen=True)
class Cleaned:
    """A cleaned text and its origins: character ``i`` of ``text`` comes from
    ``original[start[i]:end[i]]``. A character of replaced text (``&`` from ``&amp;``,
    ``_URL_`` from a URL, the one space from a run) comes from the whole replaced text.
    """

    text: str
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` (not empty) comes from:
        from the start of its first character's origin to the end of its last's."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"need 0 <= start < end <= {len(self.text)}, got {start}, {end}")
        return int(self.start[start]), int(self.end[end - 1])


CleanOption = bool | Sequence[str] | Cleaner | None
"""What ``Corpus(clean=...)`` takes: None or False (no cleaning), True (:data:`NEWS`), step
names, or a :class:`Cleaner`."""


def as_cleaner(value: CleanOption) -> Cleaner | None:
    """The :class:`Cleaner` that a ``clean=`` option names (None for no cleaning)."""
    if value is None or value is False:
        return None
    return cleaner(value)


def _threads(threads: int | None) -> int:
    return 0 if threads is None else int(threads)


def _step_names(steps: Steps) -> tuple[str, ...]:
    if steps is True:
        return NEWS
    if steps is False:
        return ()
    names = (steps,) if isinstance(steps, str) else tuple(steps)
    for s in names:
        if s not in STEPS:
            raise OptionError(f"unknown cleaning step {s!r}; choose from {STEPS}")
    return names


def cleaner(steps: Steps | Cleaner = True, *, placeholders: Placeholders = True) -> Cleaner:
    """The :class:`Cleaner` of ``steps``: ``True`` for :data:`NEWS`, a step name or a list of
    them (run in that order). ``placeholders``: ``True`` for textacy's (:data:`PLACEHOLDERS`),
    ``False`` to remove what the replacing steps find, or a mapping from step to its
    placeholder (the others keep textacy's). Unknown names raise :class:`OptionError`.

    Example:
        >>> cleaner(["urls", "whitespace"], placeholders={"urls": "<url>"})("a  www.x.org ")
        'a <url>'
    """
    if isinstance(steps, Cleaner):
        return steps
    names = _step_names(steps)
    if placeholders is True:
        chosen = dict(PLACEHOLDERS)
    elif placeholders is False:
        chosen = dict.fromkeys(PLACEHOLDERS, "")
    else:
        unknown = set(placeholders) - set(PLACEHOLDERS)
        if unknown:
            raise OptionError(
                f"no placeholder for {sorted(unknown)}; steps with one: {tuple(PLACEHOLDERS)}"
            )
        chosen = {**PLACEHOLDERS, **{k: str(v) for k, v in placeholders.items()}}
    return Cleaner(names, tuple(sorted(chosen.items())))


@functools.lru_cache(maxsize=64)
def _compiled(c: Cleaner) -> _core.text.Cleaner:
    numeric, invalid = _numeric_references()
    return _core.text.Cleaner(
        steps=list(c.steps),
        placeholders=dict(c.placeholders),
        named=html.entities.html5,
        numeric=numeric,
        invalid=invalid,
    )


@functools.lru_cache(maxsize=1)
def _numeric_references() -> tuple[dict[int, str], list[int]]:
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


def clean(text: str, steps: Steps = True, *, placeholders: Placeholders = True) -> str:
    """``text`` cleaned by ``steps`` (see :func:`cleaner`)."""
    return cleaner(steps, placeholders=placeholders)(text)


def clean_texts(
    texts: Sequence[str],
    steps: Steps = True,
    *,
    placeholders: Placeholders = True,
    threads: int | None = None,
) -> list[str]:
    """Each text cleaned by ``steps`` (one C++ call for the batch)."""
    return cleaner(steps, placeholders=placeholders).clean(texts, threads=threads)


def with_origins(text: str, steps: Steps = True, *, placeholders: Placeholders = True) -> Cleaned:
    """``text`` cleaned, with where each character comes from.

    Example:
        >>> c = with_origins("AT&amp;T  rose")
        >>> c.text, c.original(2, 3), "AT&amp;T  rose"[2:7]
        ('AT&T rose', (2, 7), '&amp;')
    """
    return cleaner(steps, placeholders=placeholders).with_origins([text])[0]


# One function per step (textacy's names where textacy has the step). -------------------


def html_entities(text: str) -> str:
    """HTML character references decoded, broken ``#39;`` forms included."""
    return clean(text, "html_entities")


def html_tags(text: str) -> str:
    """HTML tags, comments and declarations removed; the result stripped."""
    return clean(text, "html_tags")


def urls(text: str, repl: str = "_URL_") -> str:
    """URLs replaced by ``repl`` (textacy ``replace.urls``)."""
    return clean(text, "urls", placeholders={"urls": repl})


def emails(text: str, repl: str = "_EMAIL_") -> str:
    """E-mail addresses replaced by ``repl`` (textacy ``replace.emails``)."""
    return clean(text, "emails", placeholders={"emails": repl})


def phone_numbers(text: str, repl: str = "_PHONE_") -> str:
    """Phone numbers replaced by ``repl`` (textacy ``replace.phone_numbers``)."""
    return clean(text, "phone_numbers", placeholders={"phone_numbers": repl})


def numbers(text: str, repl: str = "_NUMBER_") -> str:
    """Numbers replaced by ``repl`` (textacy ``replace.numbers``)."""
    return clean(text, "numbers", placeholders={"numbers": repl})


def currency_symbols(text: str, repl: str = "_CUR_") -> str:
    """Currency symbols replaced by ``repl`` (textacy ``replace.currency_symbols``)."""
    return clean(text, "currency_symbols", placeholders={"currency_symbols": repl})


def emojis(text: str, repl: str = "_EMOJI_") -> str:
    """Emoji and pictographs replaced by ``repl`` (textacy ``replace.emojis``)."""
    return clean(text, "emojis", placeholders={"emojis": repl})


def hashtags(text: str, repl: str = "_TAG_") -> str:
    """Hashtags replaced by ``repl`` (textacy ``replace.hashtags``)."""
    return clean(text, "hashtags", placeholders={"hashtags": repl})


def user_handles(text: str, repl: str = "_USER_") -> str:
    """User handles replaced by ``repl`` (textacy ``replace.user_handles``)."""
    return clean(text, "user_handles", placeholders={"user_handles": repl})


def hyphenated_words(text: str) -> str:
    """Words hyphenated across a line break joined (textacy ``normalize.hyphenated_words``)."""
    return clean(text, "hyphenated_words")


def whitespace(text: str) -> str:
    """textacy's ``normalize.whitespace``: zero-width spaces gone, line-break runs to one
    ``\\n``, other whitespace runs to one space, stripped."""
    return clean(text, "whitespace")


def spaces(text: str) -> str:
    """Like :func:`whitespace`, but a blank line stays one blank line (paragraphs kept) and
    a run with one line break becomes that line break."""
    return clean(text, "spaces")


def quotes(text: str) -> str:
    """Typographic quotes to ASCII (textacy ``normalize.quotation_marks``)."""
    return clean(text, "quotes")


def dashes(text: str) -> str:
    """Hyphens, dashes and minus signs to ``-``."""
    return clean(text, "dashes")


def punctuation(text: str) -> str:
    """Each punctuation character to a space (textacy ``remove.punctuation``)."""
    return clean(text, "punctuation")


def brackets(text: str) -> str:
    """Text in curly, square and round brackets removed (textacy ``remove.brackets``)."""
    return clean(text, "brackets")


def unicode(text: str) -> str:
    """NFC (textacy ``normalize.unicode`` with its default form)."""
    return clean(text, "unicode")


def accents(text: str) -> str:
    """Accents removed: NFKD, then combining marks dropped (textacy ``remove.accents``)."""
    return clean(text, "accents")


def news_boilerplate(text: str) -> str:
    """Datelines (``LONDON (Reuters) -``), bylines and "Read more" lines removed."""
    return clean(text, "boilerplate")
