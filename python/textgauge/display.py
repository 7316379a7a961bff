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
from typing import Protocol

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype

from . import _corpus, _methods
from ._corpus import CorpusBase
from ._locking import reads_corpus
from .errors import OptionError
from .sentiment import SentimentIntensityAnalyzer
from .sentiment import explain_frame as vader_explain


class Document(Protocol):
    """What :func:`document_html` reads of a :class:`textgauge.Document` (this module is
    imported by ``text.py``, so it names no class of it)."""

    @property
    def paragraphs(self) -> pd.DataFrame: ...


__all__ = [
    "HTML",
    "corpus_html",
    "document",
    "document_html",
    "explanation",
    "highlight",
    "sentiment",
    "valence_color",
]

# Blue (positive) and orange (negative) of ColorBrewer's PuOr/RdBu families, as RGB.
POSITIVE_RGB = (33, 102, 172)
NEGATIVE_RGB = (230, 97, 1)
_MAX_VALENCE = 4.0  # VADER's lexicon valences lie in [-4, 4]
_STYLE = (
    "<style>.tg-doc{font-family:inherit;line-height:1.6;max-width:60em}"
    ".tg-doc p{margin:.3em 0}.tg-doc .tg-s{display:inline-block;min-width:5em;"
    "font-family:monospace;font-size:.85em;padding:0 .3em;margin-right:.5em;"
    "border-radius:3px;border:1px solid rgba(127,127,127,.5)}"
    ".tg-doc .tg-t{border-radius:3px;padding:0 .1em}"
    ".tg-doc .tg-n{opacity:.7;font-size:.9em}"
    ".tg-doc .tg-x{font-size:.75em;font-style:italic;opacity:.85;margin-left:.1em}"
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


def _token_style(valence: float, scale: float = _MAX_VALENCE) -> str:
    # The underline (solid for positive, dotted for negative) repeats the sign without colour.
    line = "solid" if valence > 0 else "dotted" if valence < 0 else "none"
    return f"background:{valence_color(valence, scale)};border-bottom:2px {line} currentColor"


# A token whose lexicon value counted nothing (a rule neutralised it): struck through, with a
# dashed underline, on no background.
_NEUTRALISED_STYLE = "text-decoration:line-through;border-bottom:2px dashed currentColor"
_LEXICONS = ("vader", "textblob", "afinn")


def _signed(value: float, digits: int = 3) -> str:
    return f"{value:+.{digits}f}"


def _short(value: float) -> str:
    """A lexicon value as the lexicon writes it: -1.2, +2, +0.167."""
    return f"{value:+.3f}".rstrip("0").rstrip(".")


def _explain(
    text: str, method: str, analyzer: SentimentIntensityAnalyzer | None = None
) -> pd.DataFrame:
    if analyzer is not None:
        if method != "vader":
            raise OptionError(
                f"analyzer= is a VADER analyzer; it does not apply to method={method!r}"
            )
        frame = vader_explain(text, analyzer)
        frame.attrs["method"] = "vader"
        return frame
    return _methods.explain(text, method=method)


class _Mark:
    """How one explained token is drawn: its tooltip, style and (where a lexicon's reading
    was overruled) the visible note under it."""

    def __init__(self, row: pd.Series, scale: float) -> None:
        word = str(row["token"])
        self.value = float(row["value"])
        self.rules = str(row["rules"])
        lex = [
            (name, float(row[name]))
            for name in _LEXICONS
            if name in row.index and np.isfinite(row[name]) and row[name] != 0
        ]
        # A lexicon is overruled where the token counts nothing although the lexicon has a
        # value for it, or counts with the other sign (a negation; lexicons that disagree).
        self.overruled = [
            (n, v) for n, v in lex if self.value == 0 or np.sign(v) != np.sign(self.value)
        ]
        tip = f"{word}: {_signed(self.value)}" + (f" ({self.rules})" if self.rules else "")
        if lex:
            tip += "; lexicon " + ", ".join(f"{n} {_signed(v)}" for n, v in lex)
        if "contribution" in row.index and row["contribution"] != 0:
            tip += f"; contribution {_signed(float(row['contribution']), 4)}"
        self.title = tip
        self.neutralised = self.value == 0 and bool(lex)
        self.style = _NEUTRALISED_STYLE if self.neutralised else _token_style(self.value, scale)
        self.shown = self.value != 0 or self.neutralised

    def note(self) -> str:
        """The visible mark of an overruled lexicon: its value and the rule, e.g.
        ``vader -1.2, afinn -1 no-determiner``."""
        if not self.overruled:
            return ""
        values = ", ".join(f"{n} {_short(v)}" for n, v in self.overruled)
        if self.neutralised:
            why = self.rules or "not counted"
        else:  # the other sign: a negation turned it, or the other lexicons outweighed it
            why = self.rules if "negation" in self.rules else "outweighed"
        return f'<sub class="tg-x">{html.escape(values)} {html.escape(why)}</sub>'

    def span(self, word: str) -> str:
        cls = "tg-t tg-z" if self.neutralised else "tg-t"
        return (
            f'<span class="{cls}" style="{self.style}" title="{html.escape(self.title)}">'
            f"{html.escape(word)}</span>{self.note()}"
        )


def highlight(
    text: str, sia: SentimentIntensityAnalyzer | None = None, *, method: str = "vader"
) -> str:
    """``text`` as escaped HTML with every token that ``method`` scores highlighted by its
    value (see :func:`textgauge.explain`), the rules in its tooltip. A token whose lexicon
    value a rule neutralised is struck through; where a lexicon's value was overruled
    (neutralised, negated, or outweighed by the other lexicons) a note under the token
    gives that value and the rule. ``sia``: a VADER analyzer (``method="vader"`` only).

    Example:
        >>> highlight("a good day")  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
        'a <span class="tg-t"
         style="background:rgba(33,102,172,...);border-bottom:2px solid currentColor"
         title="good: +1.900; lexicon vader +1.900; contribution +0.4404">good</span> day'
        >>> "no-determiner" in highlight("Russia is no closer", method="textgauge")
        True
    """
    ex = _explain(text, method, sia)
    scale = float(ex.attrs.get("scale", _MAX_VALENCE))
    parts: list[str] = []
    pos = 0
    for _, row in ex.iterrows():
        s, e = int(row["start"]), int(row["end"])
        if s < pos:  # not in the text (emoji descriptions, the punctuation row)
            continue
        mark = _Mark(row, scale)
        if not mark.shown:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(mark.span(text[s:e]))
        pos = e
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


_HEADLINE = {
    "vader": "VADER compound",
    "textblob": "TextBlob polarity",
    "afinn": "AFINN polarity, tanh(score / 5)",
    "textgauge": "textgauge polarity",
}


def _score_badge(polarity: float, method: str = "vader") -> str:
    return (
        f'<span class="tg-s" style="background:{valence_color(polarity)}" '
        f'title="{_HEADLINE.get(method, "polarity")}">{_signed(polarity, 4)}</span>'
    )


@reads_corpus
def document_html(
    doc: Document,
    *,
    max_paragraphs: int = 30,
    analyzer: SentimentIntensityAnalyzer | None = None,
    method: str = "vader",
) -> str:
    """HTML of a document: a header with its counts, then each paragraph with its polarity
    by ``method`` (VADER's compound by default, see :func:`textgauge.sentiment`) and its
    tokens highlighted as :func:`highlight` does (first ``max_paragraphs`` only).

    Example:
        >>> import textgauge as tg
        >>> "+0.4404" in document_html(tg.Document("Good news."))
        True
        >>> "+0.5370" in document_html(tg.Document("Good news."), method="afinn")
        True
    """
    _methods.check_method(method)
    pars = doc.paragraphs["text"].tolist()
    shown = [str(t) for t in pars[:max_paragraphs]]
    if analyzer is not None:
        _explain("", method, analyzer)  # checks that the analyzer fits the method
        scores = analyzer.score(shown)["compound"].tolist() if shown else []
    else:
        frame = _methods.method_frame(shown, method=method, threads=0) if shown else None
        scores = frame["polarity"].tolist() if frame is not None else []
    head = html.escape(repr(doc)) + (f" · {method}" if method != "vader" else "")
    rows = [_STYLE, f'<div class="tg-doc"><div class="tg-n">{head}</div>']
    for i, (text, c) in enumerate(zip(shown, scores)):
        rows.append(
            f'<p>{_score_badge(c, method)}<span class="tg-n">¶{i}</span> '
            f"{highlight(text, analyzer, method=method)}</p>"
        )
    if len(pars) > len(shown):
        rows.append(
            f'<div class="tg-n">… {len(pars) - len(shown)} more paragraphs '
            f"(<code>doc.paragraphs</code> has them all)</div>"
        )
    rows.append("</div>")
    return "".join(rows)


def document(doc: Document, *, method: str = "vader", max_paragraphs: int = 30) -> HTML:
    """The Jupyter view of a document (as its own ``_repr_html_``) by any ``method``.

    Example:
        >>> import textgauge as tg
        >>> view = document(tg.Document("Russia is no closer to peace."), method="textgauge")
        >>> "no-determiner" in view._repr_html_()
        True
    """
    return HTML(document_html(doc, max_paragraphs=max_paragraphs, method=method))


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
    """Coloured view of an explanation: :func:`textgauge.explain` of any method, or
    :meth:`SentimentIntensityAnalyzer.explain`. Each token with its value after the rules
    (and the rules, the lexicon values and the contribution as a tooltip and subscript),
    overruled lexicon values marked as :func:`highlight` marks them, then the scores.

    Example:
        >>> import textgauge as tg
        >>> ex = tg.SentimentIntensityAnalyzer().explain("not good")
        >>> "negation" in explanation(ex)._repr_html_()
        True
        >>> ex = tg.explain("But, like previous dialogues", method="textgauge")
        >>> "like-preposition" in explanation(ex)._repr_html_()
        True
    """
    if "value" not in ex.columns:  # SentimentIntensityAnalyzer.explain
        ex = ex.rename(columns={"valence": "value", "lexicon_valence": "vader"})
    method = str(ex.attrs.get("method", "vader"))
    scale = float(ex.attrs.get("scale", _MAX_VALENCE))
    parts = [_STYLE, '<div class="tg-doc"><p>']
    for _, row in ex.iterrows():
        tok = str(row["token"])
        mark = _Mark(row, scale)
        if tok == "(punctuation)" and mark.value == 0:
            continue
        if not mark.shown and not mark.rules:
            parts.append(html.escape(tok) + " ")
            continue
        sub = (
            f'<sub class="tg-n">{_signed(mark.value, 2)}'
            f"{' ' + html.escape(mark.rules) if mark.rules else ''}</sub>"
        )
        parts.append(
            f'<span class="tg-t{" tg-z" if mark.neutralised else ""}" style="{mark.style}" '
            f'title="{html.escape(mark.title)}">{html.escape(tok)}</span>{sub}{mark.note()} '
        )
    parts.append("</p>")
    scores = ex.attrs.get("scores")
    if method == "vader" and scores:
        parts.append(
            f"<div>{_score_badge(float(scores['compound']))}"
            f'<span class="tg-n">neg {scores["neg"]} · neu {scores["neu"]} · '
            f"pos {scores['pos']}</span></div>"
        )
    elif "polarity" in ex.attrs:
        parts.append(
            f"<div>{_score_badge(float(ex.attrs['polarity']), method)}"
            f'<span class="tg-n">{html.escape(_HEADLINE.get(method, method))}; the '
            f"contributions sum to it</span></div>"
        )
    parts.append("</div>")
    return HTML("".join(parts))


def sentiment(
    result: pd.DataFrame, *, max_rows: int = 30, width: int = 120, method: str | None = None
) -> HTML:
    """Coloured view of a sentiment result of any method (``tg.sentiment``,
    ``Corpus.sentiment``, ``analyzer.score``): one row per unit with its ``polarity`` (or
    VADER's ``compound``) as a coloured badge and the method's own columns; first
    ``max_rows`` rows only. ``method`` names the method in the badge's tooltip.

    Example:
        >>> import textgauge as tg
        >>> df = tg.Document("Good.\\n\\nBad.").sentiment()
        >>> "2 rows" in sentiment(df)._repr_html_()
        True
        >>> "+0.5370" in sentiment(tg.sentiment(["Good."], method="afinn"))._repr_html_()
        True
    """
    head = next((c for c in ("polarity", "compound") if c in result.columns), None)
    if head is None:
        raise ValueError("sentiment() needs a DataFrame with a 'polarity' or 'compound' column")
    if method is not None:
        _methods.check_method(method)
    else:  # each method's frame has a column of its own
        method = next((m for c, m in _OWN_COLUMN.items() if c in result.columns), None)
    label_cols = [c for c in ("document", "paragraph", "sentence") if c in result.columns]
    own = [
        c
        for c in result.columns
        if c not in label_cols and c not in (head, "text") and is_numeric_dtype(result[c])
    ]
    mean = float(result[head].mean()) if len(result) else 0.0
    rows = [
        _STYLE,
        f'<div class="tg-doc"><div class="tg-n">{len(result)} rows; '
        f"mean {head} {_signed(mean)}"
        f'</div><table class="tg-tab"><tr>'
        + "".join(f"<th>{html.escape(c)}</th>" for c in label_cols)
        + f"<th>{head}</th>"
        + "".join(f"<th>{html.escape(str(c))}</th>" for c in own)
        + ("<th>text</th>" if "text" in result.columns else "")
        + "</tr>",
    ]
    for _, r in result.head(max_rows).iterrows():
        cells = "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in label_cols)
        cells += f"<td>{_score_badge(float(r[head]), method or 'polarity')}</td>"
        cells += "".join(f"<td>{_cell(r[c])}</td>" for c in own)
        if "text" in result.columns:
            t = str(r["text"])
            cells += f"<td>{html.escape(t if len(t) <= width else t[: width - 1] + '…')}</td>"
        rows.append(f"<tr>{cells}</tr>")
    rows.append("</table>")
    if len(result) > max_rows:
        rows.append(f'<div class="tg-n">… {len(result) - max_rows} more rows</div>')
    rows.append("</div>")
    return HTML("".join(rows))


_OWN_COLUMN = {
    "compound": "vader",
    "subjectivity": "textblob",
    "score": "afinn",
    "vader_sum": "textgauge",
}


def _cell(value: object) -> str:
    if isinstance(value, (int, np.integer)):
        return str(value)
    v = float(value)  # type: ignore[arg-type]
    return str(int(v)) if v.is_integer() and abs(v) >= 10 else f"{v:.3f}"
