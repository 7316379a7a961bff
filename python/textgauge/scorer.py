"""textgauge's own sentiment scorer (``method="textgauge"``).

One pass over VADER's tokens. Each token is looked up in three lexicons, read at
run time from the installed packages: VADER's ``vader_lexicon.txt``, TextBlob's
``en-sentiment.xml`` (polarity and subjectivity averaged over senses per part of
speech, then over parts of speech, as pattern does) and AFINN-en-165 with
AFINN's emoticons. One set of rules, VADER's (negation, boosters, ALL-CAPS,
``but``, ``least``, ``never so``, punctuation emphasis), applies to every
lexicon's hit, plus rules for what the lexicons misread:

* ``like`` as a preposition ("But, like previous dialogues") counts nothing;
* ``well`` in ``as well as`` or before a preposition (``well over``) counts nothing;
* ``no`` before a comparative (``no closer``, ``no longer``, ``no more``) is a degree
  word: it counts nothing itself, and still negates the words after it (before a noun,
  ``no picture``, it keeps its value: people read the absence as negative);
* ``allow ... to`` (permission, not approval) counts nothing;
* a word the lexicons give opposite signs (``escape``: VADER +0.7, AFINN -1) counts
  nothing: each lexicon reads another sense of it, and none tells which one the text means;
* a Title-case word next to another one, not at the start of a sentence, in a text
  that is not mostly Title-case, is a name (``United States``) and counts nothing;
* a word in a question (its sentence ends in a run of ``.!?`` that holds a ``?``)
  asserts nothing: it keeps a fitted share of its value (``Who wouldn't want a strong,
  funny woman?``);
* a word missing from every lexicon is looked up again with letter runs
  collapsed (``goooood`` -> ``good``).

Per line of text the rule-adjusted values of the three lexicons are weighted (per
lexicon and sign, per pattern of lexicons that know the word), summed, the
punctuation emphasis added, divided by ``(1 + n/c)**e`` for ``n`` tokens, and
squashed by ``z / sqrt(z*z + alpha*alpha)`` into [-1, 1]. A text of several
non-blank lines scores as the mean of its lines' scores, each weighted by its
token count (:func:`aggregate`): a document's polarity is the token-weighted mean
of its paragraphs', whole articles do not saturate, and concatenating paragraphs
never gives a sign their mean does not have. The 28 parameters are fitted on the
development halves of the VADER paper's human-rated sets by
``tools/fit_scorer.py`` and ship in ``data/scorer_params.json``.

The token pass and the model run in C++ (cpp/src/sentiment/gauge/, one pass per
text, a batch over all cores); ``contributions`` and ``finish`` here are the same
model in numpy, for ``explain`` and for the fitting tool. The first Python
implementation of the token pass is kept in the tests as the parity reference.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _methods
from ._unicode import text_batch, threads_arg
from .afinn import afinn_lexicon_paths
from .sentiment import vader_lexicon_paths
from .textblob import averaged_lexicon

__all__ = ["aggregate", "explain", "paragraphs", "score"]

_PARAMS_PATH = Path(__file__).parent / "data" / "scorer_params.json"

# Rule codes of explain() and of the token rows.
RULE_NONE, RULE_LIKE_PREP, RULE_AS_WELL, RULE_NO_DET, RULE_ALLOW_TO, RULE_DISAGREE = range(6)
RULE_NAMES = {
    1: "like-preposition",
    2: "well-function-word",
    3: "no-determiner",
    4: "allow-to",
    5: "lexicons-disagree",
}

# Scales that bring each lexicon near VADER's range before the fitted weights.
LEX_SCALE = (1.0, 4.0, 0.8)
LEX_NAMES = ("vader", "textblob", "afinn")


# The lexicons come from the installed packages, found by the same functions as the exact
# engines use; how each is read into the scorer's tables (senses averaged, last duplicate
# wins) is part of the fitted model.
def _vader_tables() -> tuple[dict[str, float], dict[str, str]]:
    words_path, emoji_path = vader_lexicon_paths()
    lex: dict[str, float] = {}
    for line in words_path.read_text(encoding="utf-8").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lex[word] = float(measure)  # last duplicate wins, as in vaderSentiment
    emoji: dict[str, str] = {}
    for line in emoji_path.read_text(encoding="utf-8").rstrip("\n").split("\n"):
        parts = line.strip().split("\t")[0:2]
        if len(parts) == 2:
            emoji[parts[0]] = parts[1]
    return lex, emoji


def _afinn_table() -> dict[str, float]:
    out: dict[str, float] = {}
    for path in afinn_lexicon_paths("en", emoticons=True):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                word, value = line.rsplit("\t", 1)
                out[word] = float(value)
    return out


class _Tables:
    def __init__(self) -> None:
        self.vader, self.emoji = _vader_tables()
        self.tb, self.tb_subj = averaged_lexicon()
        self.afinn = _afinn_table()

    def known(self, w: str) -> bool:
        return w in self.vader or w in self.tb or w in self.afinn


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


@lru_cache(maxsize=1)
def load_params() -> dict[str, Any]:
    """The shipped parameters (``data/scorer_params.json``)."""
    data: dict[str, Any] = json.loads(_PARAMS_PATH.read_text(encoding="utf-8"))
    return data


# Columns of a token row.
ROW_COLUMNS = (
    "vader",
    "textblob",
    "afinn",
    "booster",
    "caps",
    "negations",
    "never_so",
    "least",
    "but",
    "subjectivity",
    "lexicons",
    "rule",
    "index",
    "tokens",
    "name",
    "question",
)


def token_rows(text: str) -> tuple[list[list[float]], float, int, list[str]]:
    """The token pass (in C++): one row per lexicon hit (ROW_COLUMNS), the
    punctuation emphasis, the token count and the tokens."""
    rows, amp, n, toks = _engine().rows(text)
    out: list[list[float]] = rows.tolist()
    return out, float(amp), int(n), list(toks)


N_PARAMS = 28  # the fitted vector (see param_vector)


def contributions(p: np.ndarray, R: np.ndarray) -> np.ndarray:
    """Per token row and lexicon, the contribution to the text's sum (rows x 3).

    p: w(6: vader+ vader- textblob+ textblob- afinn+ afinn-), beta(3), caps, neg,
    but_before, but_after, amp, c, e, alpha, sigma, gamma, pattern weights(7),
    name weight (the share of its value a name loses, in [0, 1]), question weight (the share
    of its value a word in a question keeps, in [0, 1]). A word a news rule marks counts
    nothing."""
    if len(R) == 0:
        return np.zeros((0, 3))
    w = p[0:6]
    beta = p[6:9]
    caps, neg, bb, ba = p[9], p[10], p[11], p[12]
    sig, gam = p[17], p[18]
    pw = np.concatenate([[1.0], p[19:26]])
    bfac = np.where(R[:, 8] < 0, bb, np.where(R[:, 8] > 0, ba, 1.0))
    mult = neg ** (R[:, 5] + R[:, 7]) * 1.25 ** R[:, 6] * bfac
    pat = ((R[:, 0] != 0) * 1 + (R[:, 1] != 0) * 2 + (R[:, 2] != 0) * 4).astype(int)
    mult = mult * pw[pat] * (1 - p[26] * R[:, 14]) * (R[:, 11] == 0)
    mult = mult * np.where(R[:, 15] != 0, p[27], 1.0)
    out = np.empty((len(R), 3))
    for li in range(3):
        v = R[:, li] * LEX_SCALE[li]
        s = np.sign(v)
        v = s * np.abs(v / 2) ** gam * 2
        if li == 1:
            v = v * (1 - sig + sig * R[:, 9])
        vv = (v + s * (R[:, 3] + caps * R[:, 4]) * beta[li]) * mult
        out[:, li] = np.where(v > 0, w[2 * li], w[2 * li + 1]) * vv
    return out


def finish(p: np.ndarray, total: np.ndarray, amp: np.ndarray, n: np.ndarray) -> np.ndarray:
    """From per-text sums to polarity: emphasis, length damping, squash."""
    wamp, c, e, alpha = p[13], abs(p[14]) + 1, abs(p[15]), p[16]
    z = total + wamp * amp * np.sign(total)
    z = z / (1 + n / c) ** e
    out: np.ndarray = z / np.sqrt(z * z + alpha**2)
    return out


def param_vector(params: dict[str, Any] | None = None) -> np.ndarray:
    d = load_params() if params is None else params
    return np.array(d["vector"], dtype=np.float64)


_UNICODE = tuple(int(x) for x in unicodedata.unidata_version.split(".")[:2])


@lru_cache(maxsize=1)
def _engine() -> _core.sentiment.GaugeScorer:
    # The lexicon tables are read once from the installed packages and handed to C++.
    tb = _tables()
    vader = _core.sentiment.Lexicon()
    for word, valence in tb.vader.items():
        vader.set_word(word, valence)
    for emoji, desc in tb.emoji.items():
        vader.set_emoji(emoji, desc)
    tb_words = list(tb.tb)
    return _core.sentiment.GaugeScorer(
        vader,
        tb_words,
        [tb.tb[w] for w in tb_words],
        [tb.tb_subj[w] for w in tb_words],
        list(tb.afinn),
        list(tb.afinn.values()),
        [float(x) for x in param_vector()],
        unicode_major=_UNICODE[0],
        unicode_minor=_UNICODE[1],
    )


def _scores(texts: Any, threads: int) -> np.ndarray:
    # (n, 4): polarity and the per-lexicon sums, from the C++ batch (threads 0: all cores).
    # A list or an Arrow column read in place; a text that is not a str raises TypeError
    # naming its index (the binding's check).
    batch, _ = text_batch(texts, single="wrap a single text in a list")
    out: np.ndarray = _engine().score(batch, threads=threads)
    return out


def score(texts: Sequence[str], *, threads: int | None = None) -> np.ndarray:
    """Polarity in [-1, 1] of each text, on ``threads`` threads (default: all cores;
    the result does not depend on it).

    Example:
        >>> [round(float(x), 3) > 0 for x in score(["a great film", "a dull, bad film"])]
        [True, False]
    """
    out: np.ndarray = _scores(texts, threads_arg(threads))[:, 0].copy()
    return out


def _lexicon_values(word: str) -> tuple[float, float, float]:
    """The three lexicons' values of a word (NaN where one has none)."""
    tb = _tables()
    w = word.lower()
    return (
        tb.vader.get(w, math.nan),
        tb.tb.get(w, math.nan),
        tb.afinn.get(w, math.nan),
    )


def _rules_of(r: np.ndarray) -> list[str]:
    rules: list[str] = []
    if r[5]:
        rules.append(f"negation x{int(r[5])}")
    if r[3]:
        rules.append("booster")
    if r[4]:
        rules.append("caps")
    if r[6]:
        rules.append("never-so")
    if r[7]:
        rules.append("least")
    if r[8]:
        rules.append("but-before" if r[8] < 0 else "but-after")
    if r[11]:
        rules.append(RULE_NAMES[int(r[11])])
    if r[14]:
        rules.append("name")
    if r[15]:
        rules.append("question")
    return rules


def aggregate(polarity: np.ndarray, tokens: np.ndarray) -> float:
    """A text's polarity from its lines' (``paragraphs(text)``): their mean, each
    weighted by its token count (0 when no line has a token). A text of one line
    keeps that line's polarity."""
    if len(polarity) == 1:
        return float(polarity[0])
    total = weight = 0.0
    for pol, n in zip(polarity.tolist(), tokens.tolist()):  # in the C++ scorer's order
        total += n * pol
        weight += n
    return total / weight if weight > 0 else 0.0


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unit :func:`score` averages: the text's non-blank lines
    (stripped, as a :class:`~textgauge.Corpus` with ``paragraphs="line"`` splits them),
    or the whole text when it has at most one. A paragraph of several lines thus scores
    as the mean of its lines, and a document as the mean of its paragraphs whichever way
    they are split."""
    return [(int(a), int(b)) for a, b in _engine().paragraphs(text)]


def explain(text: str) -> pd.DataFrame:
    """``explain(text, method="textgauge")`` (see :func:`textgauge.explain`): per VADER
    token, each lexicon's value (NaN where it has none), the rules applied, ``value`` (the
    token's weighted, rule-adjusted sum before the length damping and the squash) and each
    lexicon's contribution to the final polarity (``vader_contribution`` ...; their sum is
    ``contribution``). The contributions of all tokens plus the ``(punctuation)`` row sum
    to ``score([text])[0]``; in a text of several lines, each line's share is scaled by
    its weight in the mean (:func:`aggregate`).

    A token the scorer does not count by itself although a lexicon has a value for it (a
    booster, ``no`` before a scored word, ``kind of``) shows its values with the rule
    ``modifier``; a token a news rule neutralises shows its values, the rule, and 0.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    p = param_vector()
    units = []
    for start, end in paragraphs(text):
        rows, a, n, toks = token_rows(text[start:end])
        R = np.array(rows, dtype=np.float64).reshape(-1, len(ROW_COLUMNS))
        C = contributions(p, R)
        total = float(C.sum())
        pol = float(finish(p, np.array([total]), np.array([a]), np.array([float(n)]))[0])
        z_pre = total + p[13] * a * math.copysign(1.0, total) if total != 0 else 0.0
        units.append((start, end, R, C, total, pol, z_pre, n, toks))
    weights = np.array([u[7] for u in units], dtype=np.float64)
    polarity = aggregate(np.array([u[5] for u in units]), weights)
    wsum = float(weights.sum())
    out: list[dict[str, Any]] = []
    amp_value = amp_part = 0.0
    for start, end, R, C, total, pol, z_pre, n, toks in units:
        # this paragraph's part of the text's polarity per unit of its pre-squash sum
        share = (pol / z_pre if z_pre != 0 else 0.0) * (n / wsum if wsum > 0 else 0.0)
        by_tok = {int(r[12]): (r, c) for r, c in zip(R, C)}
        starts, ends = _methods.locate(text[start:end], toks)
        for i, tok in enumerate(toks):
            entry: dict[str, Any] = {
                "token": tok,
                "start": starts[i] + start if starts[i] >= 0 else -1,
                "end": ends[i] + start if ends[i] >= 0 else -1,
            }
            hit = by_tok.get(i)
            if hit:
                r, c = hit
                # In a row, 0 means the lexicon has no value for the word.
                for li, name in enumerate(LEX_NAMES):
                    entry[name] = float(r[li]) if r[li] != 0 else math.nan
                entry["value"] = float(c.sum())
                entry["rules"] = ",".join(_rules_of(r))
                parts = [float(c[li]) * share for li in range(3)]
            else:
                values = _lexicon_values(tok)
                entry.update(zip(LEX_NAMES, values))
                entry["value"] = 0.0
                entry["rules"] = "modifier" if any(v == v and v != 0 for v in values) else ""
                parts = [0.0, 0.0, 0.0]
            entry["contribution"] = sum(parts)
            for name, part in zip(LEX_NAMES, parts):
                entry[f"{name}_contribution"] = part
            out.append(entry)
        amp_value += z_pre - total
        amp_part += (z_pre - total) * share
    punct: dict[str, Any] = {"token": "(punctuation)", "start": -1, "end": -1}
    punct.update(dict.fromkeys(LEX_NAMES, math.nan))
    punct.update(
        {
            "value": amp_value,
            "rules": "emphasis" if amp_value else "",
            "contribution": amp_part,
            "vader_contribution": amp_part,
            "textblob_contribution": 0.0,
            "afinn_contribution": 0.0,
        }
    )
    out.append(punct)
    # token as object: Arrow-backed strings cannot hold a lone surrogate, which a token may be
    frame = pd.DataFrame(
        {k: pd.Series([r[k] for r in out], dtype=object if k == "token" else None) for k in out[0]}
    )
    frame.attrs.update(polarity=polarity, scale=4.0)  # values in VADER valence units
    return frame


_method_explain = explain


def _method_frame(texts: list[str], *, threads: int) -> pd.DataFrame:
    """The ``method="textgauge"`` frame: polarity plus the per-lexicon sums."""
    sc = _scores(texts, threads)
    cols = {"polarity": sc[:, 0], **{f"{k}_sum": sc[:, li + 1] for li, k in enumerate(LEX_NAMES)}}
    return pd.DataFrame(cols)
