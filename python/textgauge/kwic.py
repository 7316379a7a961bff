"""Keywords in context, as quanteda's ``kwic``.

A pattern is matched once against each distinct term of the corpus vocabulary
(or each distinct surface form when ``case_insensitive=False``), so the scan over
the tokens is a vectorised lookup of term ids, never a regex per token.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from . import _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError

__all__ = ["kwic"]

ValueType = Literal["glob", "regex", "fixed"]


def _matcher(word: str, valuetype: ValueType, case_insensitive: bool) -> Callable[[str], Any]:
    flags = re.IGNORECASE if case_insensitive else 0
    if valuetype == "glob":
        return re.compile(fnmatch.translate(word), flags | re.DOTALL).match
    if valuetype == "regex":
        return re.compile(word, flags).search
    if valuetype == "fixed":
        if case_insensitive:
            folded = word.casefold()
            return lambda s: s.casefold() == folded
        return lambda s: s == word
    raise OptionError(f"valuetype must be 'glob', 'regex' or 'fixed', got {valuetype!r}")


@reads_corpus
def kwic(
    corpus: CorpusBase,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    valuetype: ValueType = "glob",
    case_insensitive: bool = True,
    separator: str = " ",
) -> pd.DataFrame:
    """Every match of ``pattern`` with ``window`` tokens of context on each side.

    A pattern with spaces (``"new york"``, ``"prime *"``) matches consecutive tokens,
    one word of the pattern per token. Context never crosses a document. Token
    indexes (``from``, ``to``, inclusive) count all tokens of the document from 0,
    punctuation included, as quanteda's tokens do (quanteda counts from 1).

    Returns:
        DataFrame: document, paragraph, from, to, pre, keyword, post, pattern.

    Example:
        >>> import textgauge as tg
        >>> c = tg.Corpus.from_texts(["Shares in New York rose, and New Yorkers cheered."])
        >>> c.kwic("new york*", window=2)[["pre", "keyword", "post"]].values.tolist()
        [['Shares in', 'New York', 'rose ,'], [', and', 'New Yorkers', 'cheered .']]
    """
    if isinstance(pattern, str):
        pattern = [pattern]
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    cols = _corpus.table(corpus, "token")
    doc = cols["document"]
    n_tok = len(doc)
    if case_insensitive:
        types = corpus.vocabulary
        codes = cols["term"]
    else:  # surface forms: the terms may be case-folded
        text = corpus.tokens["text"].to_numpy(dtype=object)
        types_arr, codes = (
            np.unique(text, return_inverse=True)
            if n_tok
            else (np.array([], object), np.array([], np.int64))
        )
        types = types_arr.tolist()
    # Token index within its document.
    starts = np.searchsorted(doc, np.arange(len(corpus)), side="left")
    local = np.arange(n_tok) - starts[doc] if n_tok else np.array([], np.int64)
    rows = []
    texts = _corpus.texts(corpus)
    cp_start, cp_end = cols["start"], cols["end"]

    def token_text(i: int) -> str:
        return cast(str, texts[doc[i]][cp_start[i] : cp_end[i]])

    for pat in pattern:
        words = pat.split()
        if not words:
            raise ValueError("empty pattern")
        hits = np.ones(max(0, n_tok - len(words) + 1), dtype=bool)
        for k, w in enumerate(words):
            match = _matcher(w, valuetype, case_insensitive)
            type_mask = np.fromiter((bool(match(t)) for t in types), dtype=bool, count=len(types))
            hits &= type_mask[codes[k : n_tok - len(words) + 1 + k]]
            if k:  # all words in the same document
                hits &= doc[k : n_tok - len(words) + 1 + k] == doc[: n_tok - len(words) + 1]
        for i in np.flatnonzero(hits).tolist():
            j = i + len(words) - 1
            d = doc[i]
            lo = max(i - window, int(starts[d]))
            end = int(starts[d + 1]) if d + 1 < len(starts) else n_tok
            hi = min(j + window, end - 1)
            rows.append(
                (
                    _corpus.ids(corpus)[d],
                    int(cols["paragraph"][i]),
                    int(local[i]),
                    int(local[j]),
                    separator.join(token_text(t) for t in range(lo, i)),
                    separator.join(token_text(t) for t in range(i, j + 1)),
                    separator.join(token_text(t) for t in range(j + 1, hi + 1)),
                    pat,
                )
            )
    df = pd.DataFrame(
        rows, columns=["document", "paragraph", "from", "to", "pre", "keyword", "post", "pattern"]
    )
    order = {d: k for k, d in enumerate(_corpus.ids(corpus))} if rows else {}
    if rows:  # text order, as quanteda (documents, then position)
        df = df.assign(_d=df["document"].map(order)).sort_values(
            ["_d", "from", "pattern"], kind="stable"
        )
        df = df.drop(columns="_d").reset_index(drop=True)
    return df
