"""Dictionaries and dictionary lookup, as quanteda's ``dictionary()`` and ``tokens_lookup()``.

A :class:`Dictionary` maps categories (quanteda's *keys*, possibly nested) to entries: words
or multi-word phrases, written as globs (``"econom*"``), regular expressions or fixed words
(``valuetype``, chosen at lookup as in quanteda). It is built from a ``dict``, or read from a
YAML file, a LIWC ``.dic`` file, a Lexicoder ``.lc3``/``.lcd`` file or a CSV file
(:meth:`Dictionary.read`).

:func:`lookup` (also ``Corpus.lookup`` and ``Document.lookup``) counts each category per
document, paragraph or sentence. The matching runs in C++ over the corpus's interned terms:
every pattern is resolved against the vocabulary once, then one pass over the tokens reads
each term's categories from an array and follows a trie for multi-word entries
(``cpp/include/textgauge/stats/dictionary.hpp``). The semantics (nested matches, scopes,
negation) are in ``docs/dictionaries.md``.

Example:
    >>> import textgauge as tg
    >>> d = tg.Dictionary({"economy": ["econom*", "growth"], "place": ["new york"]})
    >>> c = tg.Corpus.from_texts(["The economy of New York: growth, growth.", "Economic news."])
    >>> c.lookup(d)[["document", "economy", "place"]].values.tolist()
    [[0, 3, 1], [1, 1, 0]]
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _core, _corpus, _pickle
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import DictionaryError, OptionError

__all__ = ["DEFAULT_NEGATORS", "Dictionary", "lookup"]

ValueType = Literal["glob", "regex", "fixed"]
Level = Literal["document", "paragraph", "sentence"]
NestedScope = Literal["key", "dictionary"]

#: Terms that negate a following dictionary hit in ``lookup(negation=...)`` (globs, matched
#: against the corpus's terms as they are normalised: ``*n't`` covers don't, isn't, ...).
DEFAULT_NEGATORS: tuple[str, ...] = (
    "not",
    "no",
    "never",
    "nor",
    "neither",
    "nobody",
    "none",
    "nothing",
    "nowhere",
    "cannot",
    "without",
    "*n't",
    "*n’t",
)

_FORMATS = {
    ".yml": "yaml",
    ".yaml": "yaml",
    ".dic": "liwc",
    ".lc3": "lexicoder",
    ".lcd": "lexicoder",
    ".csv": "csv",
}


class _Node:
    """One category: its own entries and its subcategories, in the order given."""

    __slots__ = ("children", "entries", "seen")

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.seen: set[str] = set()
        self.children: dict[str, _Node] = {}

    def add(self, entry: str) -> None:
        if entry not in self.seen:
            self.seen.add(entry)
            self.entries.append(entry)

    def to_obj(self) -> Any:
        if not self.children:
            return list(self.entries)
        out: dict[str, Any] = {}
        if self.entries:
            out[""] = list(self.entries)  # only reachable through from_obj's "" key
        for k, v in self.children.items():
            out[k] = v.to_obj()
        return out


def _clean_entry(entry: Any, where: str) -> str:
    if not isinstance(entry, str):
        raise DictionaryError(f"{where}: an entry must be a string, got {entry!r}")
    words = entry.split()
    if not words:
        raise DictionaryError(f"{where}: empty entry")
    return " ".join(words)


def _check_key(key: Any, where: str) -> str:
    if not isinstance(key, str) or not key.strip():
        raise DictionaryError(f"{where}: a category name must be a non-empty string, got {key!r}")
    return key.strip()


def _fill(node: _Node, value: Any, where: str) -> None:
    """Fills ``node`` from a dict value: a string, a list of strings and mappings, or a
    mapping of subcategories."""
    if isinstance(value, str):
        node.add(_clean_entry(value, where))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            if k == "":
                _fill(node, v, where)
                continue
            key = _check_key(k, where)
            child = node.children.setdefault(key, _Node())
            _fill(child, v, f"{where}.{key}" if where else key)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, Mapping):
                _fill(node, item, where)
            else:
                node.add(_clean_entry(item, where))
    else:
        raise DictionaryError(
            f"{where or 'dictionary'}: expected entries (a string, a list or a mapping), "
            f"got {value!r}"
        )


@_pickle.picklable("Dictionary", 1)
class Dictionary:
    """Categories (keys, possibly nested) of entries: words or multi-word phrases.

    ``Dictionary({"pos": ["good", "great*"], "neg": {"strong": ["awful"], "weak": "meh"}})``:
    a key's value is an entry, a list of entries, or a mapping of subcategories (lists may
    mix entries and mappings, as quanteda's YAML does). Entries are kept as written (inner
    whitespace collapsed); words of a multi-word entry are separated by whitespace. Nested
    keys are named by their path joined with ``"."`` (``neg.strong``), as quanteda flattens
    them. Whether an entry is a glob, a regex or a fixed word is chosen at lookup
    (``valuetype``); matching compares with the corpus's terms, after the corpus's own
    normalisation of the entry (case folding, quotes, Unicode form).

    Read files with :meth:`read` (YAML, LIWC ``.dic``, Lexicoder ``.lc3``/``.lcd``, CSV).

    Example:
        >>> import textgauge as tg
        >>> d = tg.Dictionary({"pos": ["good", "great*"], "neg": {"strong": ["awful"]}})
        >>> d
        <textgauge.Dictionary: 2 categories, 3 entries: pos (2), neg.strong (1)>
        >>> d.keys
        ['pos', 'neg.strong']
    """

    def __init__(self, categories: Mapping[str, Any]) -> None:
        if isinstance(categories, Dictionary):
            categories = categories.to_dict()
        if not isinstance(categories, Mapping):
            kind = type(categories).__name__
            raise DictionaryError(f"a Dictionary is made from a mapping of categories, got {kind}")
        self._root = _Node()
        _fill(self._root, categories, "")
        if self._root.entries:
            raise DictionaryError("entries must belong to a category")

    # reading files --------------------------------------------------------------------
    @classmethod
    def read(
        cls,
        path: str | os.PathLike[str],
        *,
        format: Literal["yaml", "liwc", "lexicoder", "csv"] | None = None,
        encoding: str = "utf-8",
    ) -> Dictionary:
        """A dictionary from a file; ``format`` defaults from the extension (``.yml``/
        ``.yaml``, ``.dic`` LIWC, ``.lc3``/``.lcd`` Lexicoder, ``.csv``).

        A malformed file raises :class:`textgauge.errors.DictionaryError` naming the file
        and line (``source`` and ``line`` attributes). The formats are described in
        ``docs/dictionaries.md``.
        """
        path = os.fspath(path)
        if format is None:
            ext = os.path.splitext(path)[1].lower()
            if ext not in _FORMATS:
                raise OptionError(
                    f"cannot tell the format of {path!r} from its extension; pass format= "
                    f"one of ('yaml', 'liwc', 'lexicoder', 'csv')"
                )
            format = _FORMATS[ext]  # type: ignore[assignment]
        readers = {
            "yaml": cls.from_yaml,
            "liwc": cls.from_liwc,
            "lexicoder": cls.from_lexicoder,
            "csv": cls.from_csv,
        }
        if format not in readers:
            raise OptionError(f"format must be one of {tuple(readers)}, got {format!r}")
        try:
            with open(path, encoding=encoding, newline="") as fh:
                text = fh.read()
        except UnicodeDecodeError as e:
            line = _line_of(path, e.start)
            raise DictionaryError(
                f"not valid {encoding}: {e.reason}", source=path, line=line
            ) from None
        return readers[format](text, source=path)

    @classmethod
    def from_yaml(cls, text: str, *, source: str = "<yaml>") -> Dictionary:
        """A dictionary from YAML text in quanteda's layout (``key: [entries]``, nested
        mappings for subcategories). Needs PyYAML (``pip install textgauge[yaml]``)."""
        try:
            yaml: Any = importlib.import_module("yaml")  # optional; untyped without types-PyYAML
        except ImportError:  # pragma: no cover - PyYAML is installed where tests run
            raise DictionaryError(
                "reading YAML dictionaries needs PyYAML: pip install 'textgauge[yaml]'",
                source=source,
            ) from None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            raise DictionaryError(
                f"invalid YAML: {e.problem}",
                source=source,
                line=None if mark is None else mark.line + 1,
            ) from None
        if node is None:
            raise DictionaryError("empty YAML document", source=source, line=1)
        if not isinstance(node, yaml.MappingNode):
            raise DictionaryError(
                "a YAML dictionary is a mapping of categories",
                source=source,
                line=node.start_mark.line + 1,
            )
        d = cls.__new__(cls)
        d._root = _Node()
        _fill_yaml(d._root, node, source, yaml)
        return d

    @classmethod
    def from_liwc(cls, text: str, *, source: str = "<liwc>") -> Dictionary:
        """A dictionary from LIWC ``.dic`` text: ``%``, lines ``<id> <name>``, ``%``, then
        lines ``<entry> <id> <id> ...`` (tab-separated, or whitespace with the ids last).
        LIWC 2007's conditional ids ``(<ids>)<a>/<b>`` count in ``<b>``, the category the
        word has when the condition is not met (the condition is not evaluated)."""
        lines = text.splitlines()
        i = 0
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i == len(lines) or lines[i].strip() != "%":
            raise DictionaryError(
                "a LIWC dictionary starts with a '%' line", source=source, line=i + 1
            )
        names: dict[str, str] = {}
        i += 1
        while i < len(lines) and lines[i].strip() != "%":
            line = lines[i].strip()
            if line:
                parts = line.split(None, 1) if "\t" not in line else line.split("\t")
                parts = [p.strip() for p in parts if p.strip()]
                if len(parts) < 2 or not parts[0].isdigit():
                    raise DictionaryError(
                        f"expected '<id> <category>', got {line!r}", source=source, line=i + 1
                    )
                if parts[0] in names:
                    raise DictionaryError(
                        f"category id {parts[0]} defined twice", source=source, line=i + 1
                    )
                names[parts[0].lstrip("0") or "0"] = parts[1]
            i += 1
        if i == len(lines):
            raise DictionaryError(
                "the category list is not closed by a '%' line", source=source, line=i
            )
        root = _Node()
        for name in names.values():
            root.children.setdefault(name, _Node())
        for n in range(i + 1, len(lines)):
            line = lines[n].strip()
            if not line:
                continue
            word, ids = _liwc_fields(line, source, n + 1)
            for cid in ids:
                category = names.get(cid.lstrip("0") or "0")
                if category is None:
                    raise DictionaryError(
                        f"entry {word!r} refers to category {cid}, which the header does "
                        f"not define",
                        source=source,
                        line=n + 1,
                    )
                root.children[category].add(word)
        return cls._of_root(root)

    @classmethod
    def from_lexicoder(cls, text: str, *, source: str = "<lexicoder>") -> Dictionary:
        """A dictionary from Lexicoder ``.lc3``/``.lcd`` text: a line ``+<category>`` opens a
        category, each following non-blank line is one of its entries."""
        root = _Node()
        current: _Node | None = None
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("+"):
                name = line[1:].strip()
                if not name:
                    raise DictionaryError("'+' without a category name", source=source, line=n)
                current = root.children.setdefault(name, _Node())
            elif current is None:
                raise DictionaryError(
                    f"entry {line!r} before the first '+category' line", source=source, line=n
                )
            else:
                current.add(" ".join(line.split()))
        if not root.children:
            raise DictionaryError("no '+category' line", source=source, line=1)
        return cls._of_root(root)

    @classmethod
    def from_csv(cls, text: str, *, source: str = "<csv>") -> Dictionary:
        """A dictionary from CSV text with a header naming a ``category`` (or ``key``) column
        and an ``entry`` (or ``word``, ``pattern``, ``value``) column; other columns are
        ignored. Categories are flat (the name is taken as written)."""
        reader = csv.reader(io.StringIO(text))
        try:
            header = next(reader)
        except StopIteration:
            raise DictionaryError("empty CSV file", source=source, line=1) from None
        cols = [h.strip().lower() for h in header]
        cat = next((cols.index(c) for c in ("category", "key") if c in cols), None)
        ent = next(
            (cols.index(c) for c in ("entry", "word", "pattern", "value") if c in cols), None
        )
        if cat is None or ent is None:
            raise DictionaryError(
                f"the header needs a 'category' and an 'entry' column, got {header!r}",
                source=source,
                line=1,
            )
        root = _Node()
        for row in reader:
            line = reader.line_num
            if not any(f.strip() for f in row):
                continue
            if len(row) <= max(cat, ent):
                raise DictionaryError(
                    f"expected {len(header)} fields, got {len(row)}", source=source, line=line
                )
            name, entry = row[cat].strip(), row[ent]
            if not name:
                raise DictionaryError("empty category", source=source, line=line)
            if not entry.split():
                raise DictionaryError("empty entry", source=source, line=line)
            root.children.setdefault(name, _Node()).add(" ".join(entry.split()))
        return cls._of_root(root)

    @classmethod
    def _of_root(cls, root: _Node) -> Dictionary:
        d = cls.__new__(cls)
        d._root = root
        return d

    # reading ----------------------------------------------------------------------------
    def flatten(self, levels: Sequence[int] | None = None) -> dict[str, list[str]]:
        """Entries by flattened key, in the order of the categories. ``levels`` (1 = top) picks
        the levels whose names make the key, as quanteda's ``levels``: ``levels=[1]`` merges
        every subcategory into its top category. Entries above the first chosen level have
        no key and are left out."""
        chosen = None if levels is None else {int(x) for x in levels}
        if chosen is not None and (not chosen or min(chosen) < 1):
            raise ValueError(f"levels must be positive integers, got {levels!r}")
        out: dict[str, dict[str, None]] = {}  # ordered sets

        def walk(node: _Node, path: tuple[str, ...]) -> None:
            if path:
                parts = [p for i, p in enumerate(path, 1) if chosen is None or i in chosen]
                if parts and node.entries:
                    out.setdefault(".".join(parts), {}).update(dict.fromkeys(node.entries))
            for name, child in node.children.items():
                walk(child, (*path, name))

        walk(self._root, ())
        return {k: list(v) for k, v in out.items()}

    @property
    def keys(self) -> list[str]:
        """The flattened keys (nested names joined with ``"."``) that have entries."""
        return list(self.flatten())

    def __len__(self) -> int:
        return len(self.flatten())

    def __iter__(self) -> Iterator[str]:
        return iter(self.flatten())

    def __getitem__(self, key: str) -> list[str]:
        flat = self.flatten()
        if key not in flat:
            raise KeyError(key)
        return flat[key]

    def to_dict(self) -> dict[str, Any]:
        """The nested categories as plain dicts and lists (``Dictionary(d.to_dict()) == d``)."""
        return {k: v.to_obj() for k, v in self._root.children.items()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dictionary):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        flat = self.flatten()
        n = sum(len(v) for v in flat.values())
        shown = ", ".join(f"{k} ({len(v)})" for k, v in list(flat.items())[:6])
        more = ", ..." if len(flat) > 6 else ""
        return (
            f"<textgauge.Dictionary: {len(flat)} categories, {n} entries: {shown}{more}>"
            if flat
            else "<textgauge.Dictionary: empty>"
        )

    def _pickle_state(self) -> dict[str, Any]:
        return self.to_dict()  # version 1: the nested dict

    @classmethod
    def _from_pickle_state(cls, version: int, state: dict[str, Any]) -> Dictionary:
        return cls(state)


def _line_of(path: str, byte_offset: int) -> int:
    """The 1-based line holding ``byte_offset`` of a file."""
    with open(path, "rb") as fh:
        return fh.read(byte_offset).count(b"\n") + 1


_LIWC_CONDITIONAL = re.compile(r"^\([0-9_]+\)([0-9]+)/([0-9]+)$")
_LIWC_CONDITION = re.compile(r"\(([0-9 ]+)\)")


def _liwc_fields(line: str, source: str, n: int) -> tuple[str, list[str]]:
    """The word and category ids of one LIWC entry line."""
    # a condition "(02 134)" is one field: its inner spaces must not split it
    line = _LIWC_CONDITION.sub(lambda m: "(" + "_".join(m.group(1).split()) + ")", line)
    if "\t" in line:
        parts = [p.strip() for p in line.split("\t")]
        word, fields = parts[0], [p for p in parts[1:] if p]
        fields = [f for p in fields for f in p.split()] if fields else []
    else:
        tokens = line.split()
        k = len(tokens)
        while k > 1 and (tokens[k - 1].isdigit() or _LIWC_CONDITIONAL.match(tokens[k - 1])):
            k -= 1
        word, fields = " ".join(tokens[:k]), tokens[k:]
    ids: list[str] = []
    for f in fields:
        m = _LIWC_CONDITIONAL.match(f)
        if m:
            ids.append(m.group(2))
        elif f.isdigit():
            ids.append(f)
        else:
            raise DictionaryError(
                f"expected category ids after {word!r}, got {f!r}", source=source, line=n
            )
    if not word or not ids:
        raise DictionaryError(
            f"expected '<entry> <category id> ...', got {line!r}", source=source, line=n
        )
    return " ".join(word.split()), ids


def _fill_yaml(node: _Node, value: Any, source: str, yaml: Any) -> None:
    """_fill over YAML nodes, so that an error names its line."""
    line = value.start_mark.line + 1
    if isinstance(value, yaml.ScalarNode):
        # The text as written: `no` and `2020` are entries, not a bool and an int.
        if value.tag == "tag:yaml.org,2002:null" or not value.value.split():
            raise DictionaryError(
                f"an entry must be a non-empty string, got {value.value!r}",
                source=source,
                line=line,
            )
        node.add(" ".join(value.value.split()))
    elif isinstance(value, yaml.SequenceNode):
        for item in value.value:
            _fill_yaml(node, item, source, yaml)
    else:
        for k, v in value.value:
            if not isinstance(k, yaml.ScalarNode) or not k.value.strip():
                raise DictionaryError(
                    "a category name must be a non-empty string",
                    source=source,
                    line=k.start_mark.line + 1,
                )
            child = node.children.setdefault(k.value.strip(), _Node())
            if isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:null":
                raise DictionaryError(
                    f"category {k.value!r} has no entries", source=source, line=line
                )
            _fill_yaml(child, v, source, yaml)


# lookup ---------------------------------------------------------------------------------


def _split_words(entry: str) -> list[str]:
    return entry.split()


def _regex_terms(pattern: str, vocabulary: list[str], flags: int, key: str) -> np.ndarray:
    try:
        rx = re.compile(pattern, flags)
    except re.error as e:
        raise DictionaryError(
            f"category {key!r}: bad regular expression {pattern!r}: {e}"
        ) from None
    return np.fromiter((i for i, t in enumerate(vocabulary) if rx.search(t)), dtype=np.int32)


class _Compiled:
    """A dictionary as the arrays of ``_core.stats.dictionary_lookup``."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str], int] = {}
        self.kind: list[str] = []
        self.text: list[str] = []
        self.terms: list[np.ndarray] = []
        self.entry_category: list[int] = []
        self.entry_begin: list[int] = [0]
        self.entry_words: list[int] = []
        self.negators: list[int] = []

    def pattern(self, kind: str, word: str, terms: Any = None) -> int:
        key = (kind, word)
        if key not in self.index:
            self.index[key] = len(self.kind)
            self.kind.append(kind)
            self.text.append(word if kind != "terms" else "")
            self.terms.append(np.zeros(0, np.int32) if terms is None else terms)
        return self.index[key]


def _compile(
    corpus: CorpusBase,
    flat: dict[str, list[str]],
    keys: list[str],
    valuetype: str,
    negators: Iterable[str],
) -> _Compiled:
    c = _Compiled()
    casefold = _corpus.options(corpus).casefold
    vocabulary = corpus.vocabulary if valuetype == "regex" else []
    flags = re.IGNORECASE if casefold else 0
    for k, (key, entries) in enumerate(zip(keys, flat.values())):
        for entry in entries:
            for word in _split_words(entry):
                if valuetype == "regex":
                    terms = _regex_terms(word, vocabulary, flags, key)
                    p = c.pattern("terms", word, terms)
                else:
                    p = c.pattern(valuetype, word)
                c.entry_words.append(p)
            c.entry_category.append(k)
            c.entry_begin.append(len(c.entry_words))
    c.negators = [c.pattern("glob", " ".join(w.split())) for w in negators if w.split()]
    return c


def _unit_columns(corpus: CorpusBase, level: str) -> dict[str, Any]:
    ids = _corpus.ids(corpus)
    if level == "document":
        return {"document": list(ids)}
    t = _corpus.table(corpus, level)
    out: dict[str, Any] = {"document": [ids[i] for i in t["document"].tolist()]}
    out["paragraph"] = t["paragraph"]
    if level == "sentence":
        out["sentence"] = t["sentence"]
    return out


@reads_corpus
def lookup(
    corpus: CorpusBase,
    dictionary: Dictionary | Mapping[str, Any],
    *,
    level: Level = "document",
    valuetype: ValueType = "glob",
    exclusive: bool = True,
    nested_scope: NestedScope = "key",
    levels: Sequence[int] | None = None,
    capkeys: bool | None = None,
    nomatch: str | None = None,
    kinds: Sequence[str] = ("word", "number"),
    proportions: bool = False,
    sparse: bool = False,
    negation: bool | Iterable[str] = False,
    negators: Iterable[str] = DEFAULT_NEGATORS,
    window: int = 3,
    negated_prefix: str = "NEG_",
) -> Any:
    """Counts of each dictionary category per unit, as quanteda's ``tokens_lookup()`` followed
    by ``dfm()``.

    Args:
        dictionary: a :class:`Dictionary` (or a mapping, made into one).
        level: the units counted: ``"document"`` (default), ``"paragraph"`` or ``"sentence"``.
        valuetype: how entries are read: ``"glob"`` (default; ``*`` any characters, ``?`` one,
            whole term), ``"regex"`` (Python's ``re``, searched anywhere in the term, as
            quanteda's stringi regexes are) or ``"fixed"`` (the whole term). Case is ignored
            when the corpus folds case (its default), like quanteda's ``case_insensitive``.
        exclusive: True (default) counts the categories only; False also keeps every token
            matched by no entry as a column of its own (quanteda's ``exclusive = FALSE``:
            the term's counts after the categories); only with ``sparse=True``.
        nested_scope: ``"key"`` (default): within a category, a longer match wins over the
            shorter ones inside it; ``"dictionary"``: also across categories - a match all of
            whose tokens are inside longer matches of other categories is dropped.
        levels: the levels of a nested dictionary whose names make the keys (1 = top), as
            quanteda's ``levels``; None: all.
        capkeys: upper-case the category names (default: when ``exclusive`` is False, as
            quanteda).
        nomatch: a column name for the count of tokens matched by no entry (quanteda's
            ``nomatch``); None: no such column.
        kinds: the token kinds that take part (default words and numbers); a token of another
            kind (punctuation) is never matched and ends a multi-word match, as a sentence
            end does.
        proportions: the category columns as shares of the unit's tokens (of ``kinds``)
            instead of counts (NaN for a unit without tokens).
        sparse: return ``(csr_matrix, column names)`` instead of a DataFrame.
        negation: True, or the categories concerned: a hit of such a category preceded
            within ``window`` tokens (of its sentence, no punctuation in between) by one of
            ``negators`` counts for ``negated_prefix + category`` instead (a column added
            when the dictionary has none), as the Lexicoder Sentiment Dictionary is used
            (``NEG_POSITIVE``, ``NEG_NEGATIVE``). With True, categories whose name starts
            with ``negated_prefix`` are left as they are.
        negators: globs of the negating terms (default :data:`DEFAULT_NEGATORS`).
        window: how many tokens before a hit are searched for a negator.
        negated_prefix: the prefix that names a category's negated twin.

    Returns:
        A DataFrame with one row per unit: ``document`` (the id), ``paragraph`` and
        ``sentence`` for those levels, ``tokens`` (the unit's tokens of ``kinds``), one column
        per category in the dictionary's order (then the added negated twins and
        ``nomatch``). With ``sparse=True``, ``(X, names)``: a CSR matrix of the category
        (and, with ``exclusive=False``, term) columns, rows in unit order.

    Example:
        >>> import textgauge as tg
        >>> d = tg.Dictionary({"POSITIVE": ["good", "great"], "NEGATIVE": ["bad"]})
        >>> c = tg.Corpus.from_texts(["Not good at all, but great. Bad!"])
        >>> df = c.lookup(d, negation=True)
        >>> df[["POSITIVE", "NEGATIVE", "NEG_POSITIVE", "NEG_NEGATIVE"]].values.tolist()
        [[1, 1, 1, 0]]
    """
    if not isinstance(dictionary, Dictionary):
        dictionary = Dictionary(dictionary)
    if level not in ("document", "paragraph", "sentence"):
        raise OptionError(f"level must be 'document', 'paragraph' or 'sentence', got {level!r}")
    if valuetype not in ("glob", "regex", "fixed"):
        raise OptionError(f"valuetype must be 'glob', 'regex' or 'fixed', got {valuetype!r}")
    if nested_scope not in ("key", "dictionary"):
        raise OptionError(f"nested_scope must be 'key' or 'dictionary', got {nested_scope!r}")
    kinds = _corpus.check_kinds(kinds)
    if not exclusive and not sparse:
        raise OptionError(
            "exclusive=False adds a column per unmatched term: ask for it with sparse=True"
        )
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive integer, got {window!r}")
    if capkeys is None:
        capkeys = not exclusive
    flat = dictionary.flatten(levels)
    keys = [k.upper() if capkeys else k for k in flat]
    if len(set(keys)) != len(keys):
        raise DictionaryError("capkeys=True makes two categories the same name")
    negated, keys = _negated_twins(keys, negation, negated_prefix)
    compiled = _compile(corpus, flat, keys, valuetype, negators if negated else ())
    engine = _corpus.engine(corpus)
    terms = compiled.terms
    begin = np.zeros(len(terms) + 1, np.int64)
    np.cumsum([len(t) for t in terms], out=begin[1:])
    r = _core.stats.dictionary_lookup(
        engine,
        pattern_kind=compiled.kind,
        pattern_text=compiled.text,
        pattern_terms_begin=begin,
        pattern_terms=np.concatenate(terms) if terms else np.zeros(0, np.int32),
        entry_category=compiled.entry_category,
        entry_begin=compiled.entry_begin,
        entry_words=compiled.entry_words,
        categories=len(keys),
        negators=compiled.negators,
        negated=negated,
        level=level,
        kinds=kinds,
        nested_scope=nested_scope,
        window=window if negated else 0,
        keep_unmatched=not exclusive,
    )
    counts = r["counts"]  # categories x units: the columns, each contiguous
    tokens = r["tokens"]
    names = list(keys)
    if nomatch is not None:
        counts = np.vstack([counts, r["unmatched"][None, :]])
        names.append(nomatch)
    values: np.ndarray = counts
    if proportions:
        with np.errstate(invalid="ignore", divide="ignore"):
            values = counts / tokens[None, :].astype(np.float64)
    if sparse:
        X = sp.csr_matrix(values.T)
        if not exclusive:
            vocab = corpus.vocabulary
            rows, cols = r["unmatched_unit"], r["unmatched_term"]
            used, inverse = np.unique(cols, return_inverse=True)
            extra = sp.csr_matrix(
                (np.ones(len(rows), np.int64), (rows, inverse)), shape=(len(tokens), len(used))
            )
            extra.sum_duplicates()
            if proportions:
                with np.errstate(invalid="ignore", divide="ignore"):
                    extra = sp.csr_matrix(extra.multiply(1.0 / tokens[:, None].astype(np.float64)))
            X = sp.hstack([X, extra], format="csr")
            names.extend(vocab[i] for i in used.tolist())
        return X, np.array(names, dtype=object)
    # values.T is a Fortran-ordered (units x categories) view: pandas keeps it as its block
    # without a copy; the unit columns go in front.
    frame = pd.DataFrame(values.T, columns=pd.Index(names, dtype=object), copy=False)
    front = _unit_columns(corpus, level)
    front["tokens"] = tokens
    for i, (name, column) in enumerate(front.items()):
        frame.insert(i, name, column, allow_duplicates=True)
    return frame


def _negated_twins(
    keys: list[str], negation: bool | Iterable[str], prefix: str
) -> tuple[list[int], list[str]]:
    """(each category's negated twin, or itself; the keys with the added twins)."""
    if negation is False or negation is None:
        return [], keys
    if negation is True:
        chosen = [k for k in keys if not k.startswith(prefix)]
    else:
        chosen = list(negation)
        unknown = [k for k in chosen if k not in keys]
        if unknown:
            raise OptionError(f"negation names unknown categories {unknown}; choose from {keys}")
    if not prefix:
        raise ValueError("negated_prefix must not be empty")
    keys = list(keys)
    index = {k: i for i, k in enumerate(keys)}
    twins = list(range(len(keys)))
    for k in chosen:
        twin = prefix + k
        if twin not in index:
            index[twin] = len(keys)
            keys.append(twin)
            twins.append(index[twin])
        twins[index[k]] = index[twin]
    return twins, keys
