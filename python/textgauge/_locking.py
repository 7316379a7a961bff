"""The readers-writer lock that lets one Corpus be shared between threads.

The C++ work of a Corpus releases the GIL, so without a lock ``add`` (which
reallocates the core's arrays) can run while a statistics call scans them,
and the Python state (texts, ids, cached tables) can change in the middle of
a call that reads it several times. Every method that reads a Corpus holds
the read lock for its whole duration, so each result is computed from one
state; ``add`` holds the write lock. Readers run together (the C++ scans
still run in parallel); a writer waits until the readers are gone.

Rules that keep it free of deadlocks:

* Writers are preferred: once a writer waits, new readers wait behind it, so
  a stream of readers cannot starve ``add``.
* A thread that already holds the read (or the write) lock re-enters without
  waiting, even when a writer waits. A Corpus method that calls another one
  (``similarity`` -> ``dtm`` -> ``vocabulary``) would otherwise wait for the
  writer, which waits for that same thread to release its read lock.
* A thread that holds the read lock may not take the write lock (an upgrade
  would wait for itself): it raises RuntimeError instead of hanging.
* Locks are never held across a ``yield``: iterating a corpus takes the lock
  for each document, so a loop body may call ``add``.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

__all__ = ["ReadWriteLock", "reads_corpus"]

P = ParamSpec("P")
R = TypeVar("R")


class ReadWriteLock:
    """Many readers or one writer; writer-preferring; re-entrant for the thread holding it."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0  # threads holding the read lock, each counted once (outermost entry)
        self._writer: int | None = None  # thread ident of the writer
        self._write_depth = 0
        self._waiting_writers = 0
        self._local = threading.local()  # .depth: this thread's read nesting

    def acquire_read(self) -> None:
        local = self._local
        depth: int = getattr(local, "depth", 0)
        # Re-entry (read inside read, or read inside this thread's own write) never waits:
        # see the module docstring. `_writer` can equal our ident only if we set it.
        if depth or self._writer == threading.get_ident():
            local.depth = depth + 1
            return
        with self._cond:
            while self._writer is not None or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        local.depth = 1

    def release_read(self) -> None:
        local = self._local
        local.depth -= 1
        if local.depth or self._writer == threading.get_ident():
            return  # still inside an outer read, or a read nested in our own write
        with self._cond:
            self._readers -= 1
            if not self._readers:
                self._cond.notify_all()

    def acquire_write(self) -> None:
        me = threading.get_ident()
        if self._writer == me:
            self._write_depth += 1
            return
        if getattr(self._local, "depth", 0):
            raise RuntimeError("a corpus cannot be modified while this thread is reading it")
        with self._cond:
            self._waiting_writers += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._waiting_writers -= 1
            self._writer = me
            self._write_depth = 1

    def release_write(self) -> None:
        self._write_depth -= 1
        if self._write_depth:
            return
        with self._cond:
            self._writer = None
            self._cond.notify_all()

    @contextmanager
    def read(self) -> Iterator[None]:
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    @contextmanager
    def write(self) -> Iterator[None]:
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()


def _lock_of(obj: object) -> ReadWriteLock | None:
    """The lock of a Corpus, or of the corpus behind a Document view; None for anything else
    (the functions below also take lists of texts, DataFrames...)."""
    for candidate in (obj, getattr(obj, "_corpus", None)):
        lock = getattr(candidate, "_lock", None)
        if isinstance(lock, ReadWriteLock):
            return lock
    return None


def reads_corpus(fn: Callable[P, R]) -> Callable[P, R]:
    """Holds the read lock of the function's first argument (a Corpus or Document; anything
    else passes through) for the whole call, so that every read it makes sees one state."""
    first = next(iter(inspect.signature(fn).parameters))

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        lock = _lock_of(args[0] if args else kwargs.get(first))
        if lock is None:
            return fn(*args, **kwargs)
        lock.acquire_read()
        try:
            return fn(*args, **kwargs)
        finally:
            lock.release_read()

    return wrapper
