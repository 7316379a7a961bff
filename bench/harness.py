"""What every script in bench/ shares: the corpora's default paths, the command line's
start, best-of-N timing, the ratio column, and the child processes that measure one build
each (``run_child``), interleaved with another build's (``interleaved``).

A script here runs as ``python bench/<name>.py``, so Python puts bench/ first on the
import path: that is how ``import harness`` is found, and it is also why no file here
may be named like a module that textgauge or its dependencies import (the old
bench/tokenize.py hid the standard library's ``tokenize`` from pandas). Importing this
module checks that once for every script, instead of each script editing sys.path.

Every figure is the best of ``repeat`` runs of ``time.perf_counter()``: the minimum is
the run least disturbed by the rest of a busy machine. Compare ratios measured in one
run, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"
NEWS = SHARED / "corpora" / "news_paragraphs.txt"
BBC = SHARED / "corpora" / "bbc"
SENTIMENT_DEV = SHARED / "data" / "sentiment_dev"
SHORT_MIX_BYTES = 4 * 2**20


def short_mix(size: int = SHORT_MIX_BYTES) -> list[str]:
    """The short-text mix (about ``size`` bytes of UTF-8): every tweet and review or
    editorial snippet of ../shared/data/sentiment_dev (the text column of its TSV files),
    then news leads (the first sentence of each paragraph of news_paragraphs.txt) until
    the mix holds ``size`` bytes. Deterministic: the same texts in the same order."""
    texts: list[str] = []
    for name in ("tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"):
        for line in require(SENTIMENT_DEV / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
            texts.append(line.split("\t", 2)[2])
    total = sum(len(t.encode()) + 1 for t in texts)
    for para in require(NEWS).read_text(encoding="utf-8").splitlines():
        if total >= size:
            break
        lead = para.split(". ", 1)[0].strip()
        if lead:
            texts.append(lead)
            total += len(lead.encode()) + 1
    return texts


def load_corpus(name: str) -> list[str]:
    """The texts of a benchmark corpus by name: ``news`` (the paragraphs of
    news_paragraphs.txt, one per line), ``short`` (short_mix()), or a path to a file of
    one text per line."""
    if name == "short":
        return short_mix()
    path = NEWS if name == "news" else Path(name)
    return require(path).read_text(encoding="utf-8").splitlines()


def bbc_texts(folder: Path = BBC, *, every: int = 1) -> list[str]:
    """The texts of the BBC articles (every ``every``-th, in path order), decoded as one
    corpus decodes them (``errors="replace"``: sport/199.txt holds a bad byte)."""
    files = sorted(require(folder).glob("*/*.txt"))[::every]
    if not files:
        raise SystemExit(f"no BBC articles under {folder}")
    import textgauge as tg

    return tg.Corpus.from_files(files, threads=1, errors="replace", tokens=False).texts


def shadowed_modules(folder: Path = BENCH) -> list[str]:
    """The files in ``folder`` that hide a module of the same name, standard library or
    installed, from a script run there (``folder`` first on sys.path)."""
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())  # Python >= 3.10
    others = [p for p in sys.path if Path(p or ".").resolve() != folder]
    return sorted(
        f.name
        for f in folder.glob("*.py")
        if f.stem in stdlib
        or f.stem in sys.builtin_module_names
        or importlib.machinery.PathFinder.find_spec(f.stem, others) is not None
    )


_SHADOWED = shadowed_modules()
if _SHADOWED:
    raise SystemExit(
        f"bench/ files shadow modules that the benchmarks import: {_SHADOWED}; rename them"
    )


def parser(doc: str | None, *, full: bool = True) -> argparse.ArgumentParser:
    """The argument parser of a script: its docstring as the description (all of it, as
    written, or only the first paragraph with ``full=False``)."""
    text = doc or ""
    if full:
        return argparse.ArgumentParser(
            description=text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
    return argparse.ArgumentParser(description=text.split("\n\n")[0])


def require(path: Path | str) -> Path:
    """``path``, or the script stops saying that the corpus is missing."""
    p = Path(path)
    if not p.exists():
        raise SystemExit(f"corpus not found: {p}")
    return p


def best_of(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The shortest of ``repeat`` (at least one) wall-clock runs of ``fn``, in seconds,
    and what the last run returned."""
    times = []
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def best(fn: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` wall-clock runs of ``fn``, in seconds."""
    return best_of(fn, repeat)[0]


def ratio(reference_s: float, ours_s: float, width: int = 6, digits: int = 1) -> str:
    """How many times faster ``ours`` is than the reference (the ratio of the times), as
    the tables print it: ``ratio(2.47, 0.2) == "  12.3x"`` (``width`` is the number's)."""
    return f"{reference_s / ours_s:{width}.{digits}f}x"


def run_child(script: str, args: Sequence[str], pythonpath: str | None = None) -> dict[str, Any]:
    """Runs ``script --child *args`` in a fresh interpreter (its own peak memory, its own
    caches), with ``PYTHONPATH`` set to ``pythonpath`` when given (another build of
    textgauge), and returns the JSON object that the child prints last. A child that fails
    (a ``--baseline`` path with no textgauge in it, say) stops the run with its last line
    of stderr, not a traceback of the parent."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    out = subprocess.run(
        [sys.executable, script, "--child", *args],
        check=False, capture_output=True, text=True, env=env,
    )  # fmt: skip
    if out.returncode != 0 or not out.stdout.strip():
        lines = out.stderr.strip().splitlines() or ["(no output)"]
        where = f" with PYTHONPATH={pythonpath}" if pythonpath is not None else ""
        raise SystemExit(f"{Path(script).name} --child {' '.join(args)}{where} failed: {lines[-1]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def interleaved(
    runs: Mapping[str, Callable[[], dict[str, Any]]],
    rounds: int,
    keys: Sequence[str] = ("time", "cpu"),
) -> dict[str, dict[str, Any]]:
    """Calls the ``runs`` one after the other, ``rounds`` times (at least once), and keeps
    for each its last result with each of ``keys`` the smallest it took: on a machine whose
    speed drifts for seconds at a time, two builds measured minutes apart are not
    comparable, measured in turn they are."""
    best: dict[str, dict[str, Any]] = {}
    for _ in range(max(rounds, 1)):
        for name, run in runs.items():
            r = run()
            if name in best:
                for k in keys:
                    r[k] = min(r[k], best[name][k])
            best[name] = r
    return best


def vs_baseline(best: Mapping[str, Mapping[str, Any]], r: Mapping[str, Any]) -> str:
    """The two last columns of a table with a baseline: its wall-clock and its CPU time over
    ``r``'s (``best`` holds the rows by name, the baseline's as "baseline"), or nothing
    without one."""
    if "baseline" not in best:
        return ""
    base = best["baseline"]
    return f"{ratio(base['time'], r['time'], 10)} {ratio(base['cpu'], r['cpu'], 6)}"
