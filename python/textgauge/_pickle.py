"""One way to pickle every textgauge object that holds state, with a format version.

An object pickles as ``(textgauge._pickle.restore, (name, version, state))``:

- ``name`` is a stable name from ``_HOMES`` (not the class's module path, so that a class can
  move between modules without breaking pickles), and ``_HOMES`` says which module to import
  to have the class registered;
- ``version`` is the format version of ``state``: a class whose state changes bumps its
  version, and its loader keeps reading every older version (tests/data/pickles/ holds a
  pickle of each class in each version, and tests/python/test_pickles.py loads them all);
- ``state`` is plain data (tuples, dicts, arrays, bytes) or other textgauge objects.

A class takes part with the :func:`picklable` decorator (``_pickle_state`` /
``_from_pickle_state`` methods, or an estimator's ``__getstate__`` / ``__setstate__``), or with
:func:`register` for a class of the C++ core.

Version 0 is what textgauge 0.1.0 wrote, before this module: the class itself, a private
rebuild function (``textgauge.text._rebuild_corpus``, ``textgauge.sentiment._rebuild_analyzer``)
or ``__setstate__``. Those keep working; they load version-0 pickles only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from . import _core
from .errors import Error

__all__ = ["picklable", "register", "restore", "version_of"]

_T = TypeVar("_T")

# Stable name -> the module whose import registers the class.
_HOMES: dict[str, str] = {
    "Corpus": "textgauge.text",
    "Document": "textgauge.text",
    "Lexicon": "textgauge.sentiment",
    "SentimentIntensityAnalyzer": "textgauge.sentiment",
    "CountVectorizer": "textgauge.sklearn",
    "TfidfVectorizer": "textgauge.sklearn",
    "TfidfTransformer": "textgauge.sklearn",
    "HashingVectorizer": "textgauge.sklearn",
    "TermStats": "textgauge._pickle",
    "GroupedTermStats": "textgauge.partial",
    "CollocationStats": "textgauge.partial",
    "Phrases": "textgauge.phrases",
    "Dictionary": "textgauge.dictionary",
    "Cleaner": "textgauge.clean",
}


class _Entry(NamedTuple):
    cls: type
    version: int
    load: Callable[[int, Any], Any]  # (version, state) -> object


_REGISTRY: dict[str, _Entry] = {}


def register(
    cls: type[_T],
    name: str,
    version: int,
    state: Callable[[_T], Any],
    load: Callable[[int, Any], _T],
) -> None:
    """Makes ``cls`` pickle as ``(restore, (name, version, state(obj)))``; ``load(version,
    state)`` rebuilds an object from the state of ``version`` or of any older version."""
    if _HOMES.get(name) is None:
        raise ValueError(f"{name!r} needs an entry in textgauge._pickle._HOMES")
    _REGISTRY[name] = _Entry(cls, version, load)

    def __reduce__(self: _T) -> tuple[Any, ...]:
        return (restore, (name, version, state(self)))

    # Also for a class of the C++ core, which has no Python source to put it in.
    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]


def picklable(
    name: str, version: int, *, estimator: bool = False
) -> Callable[[type[_T]], type[_T]]:
    """Class decorator: registers the class with its ``_pickle_state()`` and
    ``_from_pickle_state(version, state)`` (a classmethod). With ``estimator=True`` (the
    scikit-learn drop-ins) the state is ``__getstate__()``, restored by ``__setstate__``, so
    scikit-learn's version check still runs."""

    def decorate(cls: type[_T]) -> type[_T]:
        if estimator:

            def load(version: int, state: Any) -> _T:
                obj = cls.__new__(cls)
                obj.__setstate__(state)  # type: ignore[attr-defined]
                return obj

            register(cls, name, version, lambda obj: obj.__getstate__(), load)
        else:
            register(
                cls,
                name,
                version,
                lambda obj: obj._pickle_state(),  # type: ignore[attr-defined]
                cls._from_pickle_state,  # type: ignore[attr-defined]
            )
        return cls

    return decorate


def restore(name: str, version: int, state: Any) -> Any:
    """Rebuilds a pickled object (pickle calls this)."""
    entry = _REGISTRY.get(name)
    if entry is None:
        home = _HOMES.get(name)
        if home is None:
            raise Error(
                f"this pickle holds a textgauge {name!r}, which this textgauge does not know"
            )
        importlib.import_module(home)
        entry = _REGISTRY[name]
    if version > entry.version:
        raise Error(
            f"this pickle of a textgauge {name} has format version {version}; this textgauge "
            f"({_core.__version__}) reads versions up to {entry.version}: upgrade textgauge"
        )
    return entry.load(version, state)


def version_of(cls: type) -> int:
    """The format version that pickles of ``cls`` are written in."""
    for entry in _REGISTRY.values():
        if entry.cls is cls:
            return entry.version
    raise KeyError(cls)


# The term statistics of the C++ core. Version 1: state() = (term bytes, int64 offsets,
# int64 term counts, int64 document counts, n_docs).
_TermStats = _core.vectorize.TermStats
register(_TermStats, "TermStats", 1, lambda s: s.state(), lambda version, state: _TermStats(state))


def _moved(name: str) -> Any:
    # textgauge 0.1.0 pickled TermStats as textgauge._core.TermStats, before _core had one
    # submodule per area (PEP 562: a module's __getattr__ serves names it lacks).
    if name == "TermStats":
        return _TermStats
    raise AttributeError(f"module 'textgauge._core' has no attribute {name!r}")


setattr(_core, "__getattr__", _moved)  # noqa: B010  (the stub does not declare it)
