"""YAKE keywords per document, as the ``yake`` package (0.7.3) extracts them.

All of it runs in C++, without the GIL: the package's pre-filter, segtok's ``split_multi``,
``web_tokenizer`` and ``split_contractions`` rewritten (cpp/src/text/segtok_*.cpp), the tags,
term statistics, candidates and scores (cpp/src/stats/keywords/), and the de-duplication. The
stop word lists are read at run time from the installed ``yake`` package (the ``keywords``
extra).
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import _core, _corpus, _html
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import Error, OptionError

__all__ = ["keywords", "yake_keywords"]

_DEDUP = tuple(_core.stats.options()["keyword dedup"])
_MAJOR, _MINOR = (int(x) for x in unicodedata.unidata_version.split(".")[:2])
_UNICODE = (_MAJOR, _MINOR)


def _yake_dir() -> Path:
    spec = importlib.util.find_spec("yake")
    if spec is None or spec.origin is None:
        raise Error(
            "keywords(method='yake') needs the yake package (its stop word lists): "
            "pip install 'textgauge[keywords]'"
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
    result: list[list[tuple[str, float]]] = _core.stats.yake_keywords(
        list(texts),
        entities=_html.entities(),
        stopwords=yake_stopwords(lan),
        n=max_ngram_size,
        window=window_size,
        dedup_lim=float(dedup_lim),
        dedup=dedup_func,
        top=top,
        unicode=_UNICODE,
    )
    return result


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
    .extract_keywords(text)`` on the document's text, cleaned when the corpus cleans (its
    ``clean=`` option: the keywords are the cleaned text's; they carry no offsets).
    ``dedupFunc`` is ``seqm`` (the package's default), ``jaro`` or ``levs``. Needs ``yake``
    installed (the ``keywords`` extra): its stop word lists are used.

    Returns:
        DataFrame: document, keyword, score; documents in corpus order.
    """
    if method != "yake":
        raise OptionError(f"keywords: unknown method {method!r} (choices: yake)")
    texts = _corpus.texts(corpus)
    cleaner = _corpus.options(corpus).clean
    if cleaner is not None:  # the keywords of the text as the corpus analyses it
        texts = cleaner.clean(texts)
    found = yake_keywords(
        texts,
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
