"""YAKE keywords per document, as the ``yake`` package (0.7.3) extracts them.

The text goes through the package's own pre-processing (segtok's ``split_multi`` sentence
splitter and ``web_tokenizer`` / ``split_contractions``, installed with ``yake``: the
``keywords`` extra); the term statistics, candidates and scores are computed in C++
(cpp/src/stats/keywords/yake.cpp) and the candidates are de-duplicated here. The stop word
lists are read at run time from the installed ``yake`` package.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import _core, _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import Error, OptionError

__all__ = ["keywords", "yake_keywords"]

_DEDUP = ("seqm", "jaro", "levs")
_CAPITAL = re.compile(r"^(\s*([A-Z]))")


def _yake_dir() -> Path:
    spec = importlib.util.find_spec("yake")
    if spec is None or spec.origin is None:
        raise Error(
            "keywords(method='yake') needs the yake package (its stop word lists and its "
            "tokenizer, segtok): pip install 'textgauge[keywords]'"
        )
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=16)
def yake_stopwords(lan: str = "en") -> frozenset[str]:
    """The stop words that ``yake`` uses for ``lan`` (read from the installed package)."""
    folder = _yake_dir() / "core" / "StopwordsList"
    path = folder / f"stopwords_{lan[:2].lower()}.txt"
    if not path.exists():
        path = folder / "stopwords_noLang.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="ISO-8859-1")
    return frozenset(text.lower().split("\n"))


@functools.lru_cache(maxsize=1)
def _segtok() -> tuple[
    Callable[[str], Any], Callable[[str], list[str]], Callable[[list[str]], list[str]]
]:
    _yake_dir()
    # the package's sentence splitter and tokenizer
    from segtok.segmenter import split_multi
    from segtok.tokenizer import (
        split_contractions,
        web_tokenizer,
    )

    return split_multi, web_tokenizer, split_contractions


def _sentences(text: str) -> list[list[str]]:
    """The package's sentences of tokens (yake's pre_filter and tokenize_sentences)."""
    split_multi, web_tokenizer, split_contractions = _segtok()
    text = text.replace("\n", " ")  # extract_keywords joins lines first: one part
    text = ("\n\n" if _CAPITAL.match(text) else " ") + text.replace("\t", " ")
    return [
        [w for w in split_contractions(web_tokenizer(s)) if w and not (len(w) > 1 and w[0] == "'")]
        for s in split_multi(text)
        if s.strip()
    ]


_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _tag(word: str, first: bool) -> str:
    """The package's tag of a token with Python's Unicode str predicates."""
    bare = word.replace(",", "")
    if bare.isdigit() or bare.replace(".", "", 1).isdigit():
        return "d"
    digits = sum(c.isdigit() for c in word)
    letters = sum(c.isalpha() for c in word)
    marks = sum(c in _PUNCT for c in word)
    if (digits and letters) or (not digits and not letters) or marks > 1:
        return "u"
    if word.isupper():
        return "a"
    if len(word) > 1 and word[0].isupper() and not first and sum(c.isupper() for c in word) == 1:
        return "n"
    return "p"


def _non_ascii(docs: list[list[list[str]]]) -> dict[str, tuple[str, str]]:
    """Lower-cased form and tag class of each non-ASCII token (Unicode case and digits are
    Python's; the C++ side works them out for ASCII tokens)."""
    out: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for sentence in doc:
            for w in sentence:
                if w not in out and not w.isascii():
                    first, later = _tag(w, True), _tag(w, False)
                    out[w] = (w.lower(), "N" if first != later else first)
    return out


# De-duplication over the few best candidates: a handful of string comparisons per document,
# on Python's code points, left in Python (the candidates arrive as str anyway).


def _seqm(a: str, b: str) -> float:
    """yake 0.7.3's "seqm": a pre-filter, then a length / character / word / trigram mix."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    longest = max(la, lb)
    if abs(la - lb) > longest * 0.6:
        return 0.0
    if longest > 3:
        if a[0] != b[0] or a[-1] != b[-1]:
            return 0.0
        if min(la, lb) >= 3 and a[:2].lower() != b[:2].lower():
            return 0.0
    if abs(a.count(" ") - b.count(" ")) > 1:
        return 0.0
    if longest == 0:
        return 0.0
    len_ratio = min(la, lb) / longest
    if len_ratio < 0.3:
        return 0.0
    al, bl = a.lower(), b.lower()
    ca, cb = set(al), set(bl)
    union = ca | cb
    if not union:
        return 0.0
    overlap = len(ca & cb) / len(union)
    if overlap < 0.2:
        return 0.0
    if longest <= 4:
        return overlap * len_ratio
    wa, wb = al.split(), bl.split()
    if len(wa) > 1 or len(wb) > 1:
        words = set(wa) | set(wb)
        if words:
            w_overlap = len(set(wa) & set(wb)) / len(words)
            if w_overlap > 0.4:
                return w_overlap
    ta = {al[i : i + 3] for i in range(len(al) - 2)}
    tb = {bl[i : i + 3] for i in range(len(bl) - 2)}
    tri = ta | tb
    t_overlap = len(ta & tb) / len(tri) if tri else 0
    return min(0.3 * len_ratio + 0.2 * overlap + 0.5 * t_overlap, 1.0)


def _edit_distance(a: str, b: str) -> int:
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return la + lb
    if abs(la - lb) > max(la, lb) * 0.7:  # yake's shortcut for very different lengths
        return max(la, lb)
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cur[j] = min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    return prev[lb]


def _levs(a: str, b: str) -> float:
    return 1 - _edit_distance(a, b) / max(len(a), len(b))


def _jaro(a: str, b: str) -> float:
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    reach = max(max(la, lb) // 2 - 1, 0)
    fa, fb = [False] * la, [False] * lb
    common = 0
    for i, c in enumerate(a):
        for j in range(max(0, i - reach), min(lb, i + reach + 1)):
            if not fb[j] and b[j] == c:
                fa[i] = fb[j] = True
                common += 1
                break
    if not common:
        return 0.0
    k = trans = 0
    for i in range(la):
        if fa[i]:
            while not fb[k]:
                k += 1
            trans += a[i] != b[k]
            k += 1
    trans //= 2
    return (common / la + common / lb + (common - trans) / common) / 3


_SIMILARITY: dict[str, Callable[[str, str], float]] = {"seqm": _seqm, "jaro": _jaro, "levs": _levs}


def check_options(n: int, dedup_lim: float, dedup_func: str, window_size: int, top: int) -> None:
    """OptionError for a keyword option value that is not one of its choices."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise OptionError(f"keywords: max_ngram_size must be an integer >= 1, not {n!r}")
    if not isinstance(window_size, int) or isinstance(window_size, bool) or window_size < 1:
        raise OptionError(f"keywords: windowsSize must be an integer >= 1, not {window_size!r}")
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise OptionError(f"keywords: n (top) must be an integer >= 1, not {top!r}")
    if isinstance(dedup_lim, bool) or not isinstance(dedup_lim, (int, float)):
        raise OptionError(f"keywords: dedupLim must be a number, not {dedup_lim!r}")
    if dedup_func not in _DEDUP:
        raise OptionError(
            f"keywords: dedupFunc must be one of {', '.join(_DEDUP)}, not {dedup_func!r}"
        )


def yake_keywords(
    texts: Sequence[str],
    *,
    lan: str = "en",
    max_ngram_size: int = 3,
    dedup_lim: float = 0.9,
    dedup_func: str = "seqm",
    window_size: int = 1,
    top: int = 20,
) -> list[list[tuple[str, float]]]:
    """``yake.KeywordExtractor(lan, n=max_ngram_size, dedup_lim, dedup_func, window_size,
    top).extract_keywords(text)`` for each text: (keyword, score) pairs, best (lowest) first."""
    check_options(max_ngram_size, dedup_lim, dedup_func, window_size, top)
    if not isinstance(lan, str) or not lan:
        raise OptionError(f"keywords: lan must be a language code such as 'en', not {lan!r}")
    stop = yake_stopwords(lan)
    docs = [_sentences(t) if t else [] for t in texts]
    found = _core.stats.yake_candidates(
        docs, non_ascii=_non_ascii(docs), stopwords=stop, n=max_ngram_size, window=window_size
    )
    similarity = _SIMILARITY[dedup_func]
    out: list[list[tuple[str, float]]] = []
    for kws, uniques, scores, failed in found:
        if failed:  # the package's scoring raised ZeroDivisionError, caught: no keywords
            out.append([])
            continue
        values = scores.tolist()
        if dedup_lim >= 1.0:  # no de-duplication; the package then gives the lower-cased form
            out.append(list(zip(uniques[:top], values[:top])))
            continue
        kept: list[int] = []
        for i, u in enumerate(uniques):
            if all(similarity(u, uniques[j]) <= dedup_lim for j in kept):
                kept.append(i)
                if len(kept) == top:
                    break
        out.append([(kws[i], values[i]) for i in kept])
    return out


@reads_corpus
def keywords(
    corpus: CorpusBase,
    *,
    method: str = "yake",
    n: int = 10,
    lan: str = "en",
    max_ngram_size: int = 3,
    dedupLim: float = 0.9,
    dedupFunc: str = "seqm",
    windowsSize: int = 1,
) -> pd.DataFrame:
    """Keywords of each document: YAKE, as the ``yake`` package (0.7.3) extracts them.

    ``n`` keywords per document (the package's ``top``), best first; the score is YAKE's
    (lower is better) and equals ``yake.KeywordExtractor(lan=lan, n=max_ngram_size,
    dedupLim=dedupLim, dedupFunc=dedupFunc, windowsSize=windowsSize, top=n)
    .extract_keywords(text)`` on the document's original text. ``dedupFunc`` is ``seqm``
    (the package's default), ``jaro`` or ``levs``. Needs ``yake`` installed (the ``keywords``
    extra): its stop word lists and its tokenizer (segtok) are used.

    Returns:
        DataFrame: document, keyword, score; documents in corpus order.
    """
    if method != "yake":
        raise OptionError(f"keywords: unknown method {method!r} (choices: yake)")
    found = yake_keywords(
        _corpus.texts(corpus),
        lan=lan,
        max_ngram_size=max_ngram_size,
        dedup_lim=dedupLim,
        dedup_func=dedupFunc,
        window_size=windowsSize,
        top=n,
    )
    ids = _corpus.ids(corpus)
    rows = [(ids[d], kw, score) for d, pairs in enumerate(found) for kw, score in pairs]
    frame = pd.DataFrame(rows, columns=["document", "keyword", "score"])
    frame["score"] = frame["score"].astype("float64")
    return frame
