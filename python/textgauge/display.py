"""Rich display in Jupyter: documents, corpora, sentiment results and explanations as HTML.

``Document`` and ``Corpus`` render themselves (their ``_repr_html_`` calls
:func:`document_html` / :func:`corpus_html`); sentiment DataFrames and
:meth:`~textgauge.SentimentIntensityAnalyzer.explain` tables are plain pandas
objects, so wrap them with :func:`sentiment` / :func:`explanation` to get the
coloured view.

Colours: positive valence is blue and negative valence orange (a diverging
palette that colour-blind readers tell apart, unlike red/green), drawn as
semi-transparent backgrounds so that the text keeps the notebook's own colour
in light and dark themes. Strength is the opacity; every coloured span also
carries its value as a tooltip and a ``+``/``-`` sign, so colour is never the
only cue. Long documents and corpora are cut to a summary and the first rows.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

import numpy as np
import pandas as pd

from . import _corpus
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .sentiment import SentimentIntensityAnalyzer, shared_analyzer


class Document(Protocol):
    """What :func:`document_html` reads of a :class:`textgauge.Document` (this module is
    imported by ``text.py``, so it names no class of it)."""

    @property
    def paragraphs(self) -> pd.DataFrame: ...


__all__ = ["HTML", "corpus_html", "document_html", "explanation", "sentiment", "valence_color"]

# Blue (positive) and orange (negative) of ColorBrewer's PuOr/RdBu families, as RGB.
POSITIVE_RGB = (33, 102, 172)
NEGATIVE_RGB = (230, 97, 1)
_MAX_VALENCE = 4.0  # VADER's lexicon valences lie in [-4, 4]
_WS = re.compile(r"\S+")
_STYLE = (
    "<style>.tg-doc{font-family:inherit;line-height:1.6;max-width:60em}"
    ".tg-doc p{margin:.3em 0}.tg-doc .tg-s{display:inline-block;min-width:5em;"
    "font-family:monospace;font-size:.85em;padding:0 .3em;margin-right:.5em;"
    "border-radius:3px;border:1px solid rgba(127,127,127,.5)}"
    ".tg-doc .tg-t{border-radius:3px;padding:0 .1em}"
    ".tg-doc .tg-n{opacity:.7;font-size:.9em}"
    ".tg-tab td,.tg-tab th{padding:.1em .5em;text-align:left}</style>"
)


class HTML:
    """An HTML fragment that Jupyter renders (``_repr_html_``) and ``str()`` returns.

    Example:
        >>> HTML("<b>hi</b>")._repr_html_()
        '<b>hi</b>'
    """

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<textgauge.display.HTML: {len(self.markup)} characters>"


def valence_color(value: float, scale: float = 1.0) -> str:
    """CSS background for a valence: blue when positive, orange when negative, opacity
    growing with ``abs(value) / scale`` (capped at 0.75 so text stays legible).

    Example:
        >>> valence_color(0.5)
        'rgba(33,102,172,0.45)'
        >>> valence_color(-4.0, scale=4.0)
        'rgba(230,97,1,0.75)'
        >>> valence_color(0.0)
        'transparent'
    """
    if not np.isfinite(value) or value == 0:
        return "transparent"
    r, g, b = POSITIVE_RGB if value > 0 else NEGATIVE_RGB
    alpha = min(0.75, 0.15 + 0.6 * min(1.0, abs(value) / scale))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def _token_style(valence: float) -> str:
    # The underline (solid for positive, dotted for negative) repeats the sign without colour.
    line = "solid" if valence > 0 else "dotted" if valence < 0 else "none"
    return (
        f"background:{valence_color(valence, _MAX_VALENCE)};border-bottom:2px {line} currentColor"
    )


def _signed(value: float, digits: int = 3) -> str:
    return f"{value:+.{digits}f}"


def _token_valences(
    text: str, sia: SentimentIntensityAnalyzer
) -> list[tuple[int, int, float, str]]:
    """Spans (start, end, valence, rules) of the whitespace-separated words VADER scores.

    vaderSentiment splits the text on whitespace (after replacing emoji with their
    descriptions), so without emoji its tokens are the words of ``text.split()`` in order;
    with emoji the counts differ and each word falls back to its lexicon valence.
    """
    spans = [(m.start(), m.end()) for m in _WS.finditer(text)]
    ex = sia.explain(text)
    if len(ex) == len(spans):
        vals = ex["valence"].to_numpy(dtype=float)
        rules = ex["rules"].tolist()
        return [(s, e, float(v), r) for (s, e), v, r in zip(spans, vals, rules)]
    lex = sia.lexicon
    out = []
    for s, e in spans:
        word = text[s:e].strip(".,;:!?\"'()[]").lower()
        out.append((s, e, float(lex[word]) if word in lex else 0.0, ""))
    return out


def highlight(text: str, sia: SentimentIntensityAnalyzer | None = None) -> str:
    """``text`` as escaped HTML with every word that carries valence highlighted.

    Example:
        >>> highlight("a good day")  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
        'a <span class="tg-t"
         style="background:rgba(33,102,172,...);border-bottom:2px solid currentColor"
         title="good: +1.900">good</span> day'
    """
    if sia is None:
        sia = shared_analyzer("vader")
    parts: list[str] = []
    pos = 0
    for s, e, v, rules in _token_valences(text, sia):
        if v == 0:
            continue
        word = text[s:e]
        tip = f"{word}: {_signed(v)}" + (f" ({rules})" if rules else "")
        parts.append(html.escape(text[pos:s]))
        parts.append(
            f'<span class="tg-t" style="{_token_style(v)}" '
            f'title="{html.escape(tip)}">{html.escape(word)}</span>'
        )
        pos = e
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def _score_badge(compound: float) -> str:
    return (
        f'<span class="tg-s" style="background:{valence_color(compound)}" '
        f'title="VADER compound">{_signed(compound, 4)}</span>'
    )


@reads_corpus
def document_html(
    doc: Document, *, max_paragraphs: int = 30, analyzer: SentimentIntensityAnalyzer | None = None
) -> str:
    """HTML of a document: a header with its counts, then each paragraph with its VADER
    compound score and its words highlighted by valence (first ``max_paragraphs`` only).

    Example:
        >>> import textgauge as tg
        >>> "+0.4404" in document_html(tg.Document("Good news."))
        True
    """
    if analyzer is None:
        analyzer = shared_analyzer("vader")
    pars = doc.paragraphs["text"].tolist()
    shown = pars[:max_paragraphs]
    scores = analyzer.score(shown)["compound"].tolist() if shown else []
    head = html.escape(repr(doc))
    rows = [_STYLE, f'<div class="tg-doc"><div class="tg-n">{head}</div>']
    for i, (text, c) in enumerate(zip(shown, scores)):
        rows.append(
            f'<p>{_score_badge(c)}<span class="tg-n">¶{i}</span> {highlight(text, analyzer)}</p>'
        )
    if len(pars) > len(shown):
        rows.append(
            f'<div class="tg-n">… {len(pars) - len(shown)} more paragraphs '
            f"(<code>doc.paragraphs</code> has them all)</div>"
        )
    rows.append("</div>")
    return "".join(rows)


@reads_corpus
def corpus_html(corpus: CorpusBase, *, max_documents: int = 10, width: int = 100) -> str:
    """HTML summary of a corpus: its counts and a table of the first ``max_documents``
    documents (id, paragraphs, tokens, beginning of the text); never the whole corpus.

    Example:
        >>> import textgauge as tg
        >>> "2 documents" in corpus_html(tg.Corpus.from_texts(["a", "b"]))
        True
    """
    n = len(corpus)
    shown = min(n, max_documents)
    # Counts of the shown documents only, from where each document's rows begin.
    n_par = np.diff(_corpus.offsets(corpus, "paragraph")[: shown + 1])
    n_tok = np.diff(_corpus.offsets(corpus, "token")[: shown + 1])
    rows = [
        _STYLE,
        f'<div class="tg-doc"><div>{html.escape(repr(corpus))}</div>',
        '<table class="tg-tab"><tr><th>id</th><th>paragraphs</th><th>tokens</th><th>text</th></tr>',
    ]
    ids, texts = _corpus.ids(corpus), _corpus.texts(corpus)
    for i in range(shown):
        t = texts[i].replace("\n", " ")
        t = t if len(t) <= width else t[: width - 1] + "…"
        rows.append(
            f"<tr><td>{html.escape(str(ids[i]))}</td><td>{n_par[i]}</td><td>{n_tok[i]}</td>"
            f"<td>{html.escape(t)}</td></tr>"
        )
    rows.append("</table>")
    if n > shown:
        rows.append(f'<div class="tg-n">… {n - shown} more documents</div>')
    rows.append("</div>")
    return "".join(rows)


def explanation(ex: pd.DataFrame) -> HTML:
    """Coloured view of :meth:`SentimentIntensityAnalyzer.explain`: each VADER token with its
    final valence (and the rules that changed it as a tooltip and subscript), then the scores.

    Example:
        >>> import textgauge as tg
        >>> ex = tg.SentimentIntensityAnalyzer().explain("not good")
        >>> "negation" in explanation(ex)._repr_html_()
        True
    """
    parts = [_STYLE, '<div class="tg-doc"><p>']
    for tok, lexv, val, rules in zip(
        ex["token"], ex["lexicon_valence"], ex["valence"], ex["rules"]
    ):
        val = float(val)
        if val == 0 and not rules:
            parts.append(html.escape(str(tok)) + " ")
            continue
        tip = f"valence {_signed(val)}"
        if np.isfinite(lexv):
            tip += f", lexicon {_signed(float(lexv))}"
        if rules:
            tip += f", rules: {rules}"
        sub = (
            f'<sub class="tg-n">{_signed(val, 2)}{" " + html.escape(rules) if rules else ""}</sub>'
        )
        parts.append(
            f'<span class="tg-t" style="{_token_style(val)}" '
            f'title="{html.escape(tip)}">{html.escape(str(tok))}</span>{sub} '
        )
    parts.append("</p>")
    scores = ex.attrs.get("scores")
    if scores:
        parts.append(
            f"<div>{_score_badge(float(scores['compound']))}"
            f'<span class="tg-n">neg {scores["neg"]} · neu {scores["neu"]} · '
            f"pos {scores['pos']}</span></div>"
        )
    parts.append("</div>")
    return HTML("".join(parts))


def sentiment(result: pd.DataFrame, *, max_rows: int = 30, width: int = 120) -> HTML:
    """Coloured view of a sentiment result (``Corpus.sentiment``, ``analyzer.score``): one
    row per unit with its compound as a coloured badge; first ``max_rows`` rows only.

    Example:
        >>> import textgauge as tg
        >>> df = tg.Document("Good.\\n\\nBad.").sentiment()
        >>> "2 rows" in sentiment(df)._repr_html_()
        True
    """
    if "compound" not in result.columns:
        raise ValueError("sentiment() needs a DataFrame with a 'compound' column")
    label_cols = [c for c in ("document", "paragraph", "sentence") if c in result.columns]
    rows = [
        _STYLE,
        f'<div class="tg-doc"><div class="tg-n">{len(result)} rows; '
        f"mean compound {_signed(float(result['compound'].mean()) if len(result) else 0.0)}"
        f'</div><table class="tg-tab"><tr>'
        + "".join(f"<th>{html.escape(c)}</th>" for c in label_cols)
        + "<th>compound</th><th>neg</th><th>neu</th><th>pos</th>"
        + ("<th>text</th>" if "text" in result.columns else "")
        + "</tr>",
    ]
    for _, r in result.head(max_rows).iterrows():
        cells = "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in label_cols)
        cells += f"<td>{_score_badge(float(r['compound']))}</td>"
        cells += "".join(f"<td>{float(r[c]):.3f}</td>" for c in ("neg", "neu", "pos"))
        if "text" in result.columns:
            t = str(r["text"])
            cells += f"<td>{html.escape(t if len(t) <= width else t[: width - 1] + '…')}</td>"
        rows.append(f"<tr>{cells}</tr>")
    rows.append("</table>")
    if len(result) > max_rows:
        rows.append(f'<div class="tg-n">… {len(result) - max_rows} more rows</div>')
    rows.append("</div>")
    return HTML("".join(rows))
