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
* ``no`` followed by a word (``no closer``, ``no longer``) is a determiner:
  it counts nothing itself, and still negates the words after it;
* ``allow ... to`` (permission, not approval) counts nothing;
* a Title-case word next to another one, not at the start of a sentence, in a text
  that is not mostly Title-case, is a name (``United States``) and counts nothing;
* a word missing from every lexicon is looked up again with letter runs
  collapsed (``goooood`` -> ``good``).

Per text the rule-adjusted values of the three lexicons are weighted (per
lexicon and sign, per pattern of lexicons that know the word), summed, the
punctuation emphasis added, divided by ``(1 + n/c)**e`` for ``n`` tokens, and
squashed by ``z / sqrt(z*z + alpha*alpha)`` into [-1, 1]. The division makes a
long text's score a length-damped mean of its parts rather than a sum, so whole
articles do not saturate. The 26 parameters are fitted on the development halves
of the VADER paper's human-rated sets by ``tools/fit_scorer.py`` and ship in
``data/scorer_params.json``.

This module is the reference implementation in Python (numpy); it is not yet the
C++ single pass the issue asks for.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import OptionError

__all__ = ["explain", "score"]

_PARAMS_PATH = Path(__file__).parent / "data" / "scorer_params.json"

# VADER's word lists (vaderSentiment 3.3.2), as the rules use them.
_B_INCR, _B_DECR, _C_INCR = 0.293, -0.293, 0.733
_BOOST_UP = [
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
]
_BOOST_DOWN = [
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
    "sort-of",
]
BOOSTERS: dict[str, float] = {
    **dict.fromkeys(_BOOST_UP, _B_INCR),
    **dict.fromkeys(_BOOST_DOWN, _B_DECR),
}
NEGATE = frozenset(
    [
        "aint",
        "arent",
        "cannot",
        "cant",
        "couldnt",
        "darent",
        "didnt",
        "doesnt",
        "ain't",
        "aren't",
        "can't",
        "couldn't",
        "daren't",
        "didn't",
        "doesn't",
        "dont",
        "hadnt",
        "hasnt",
        "havent",
        "isnt",
        "mightnt",
        "mustnt",
        "neither",
        "don't",
        "hadn't",
        "hasn't",
        "haven't",
        "isn't",
        "mightn't",
        "mustn't",
        "neednt",
        "needn't",
        "never",
        "none",
        "nope",
        "nor",
        "not",
        "nothing",
        "nowhere",
        "oughtnt",
        "shant",
        "shouldnt",
        "uhuh",
        "wasnt",
        "werent",
        "oughtn't",
        "shan't",
        "shouldn't",
        "uh-uh",
        "wasn't",
        "weren't",
        "without",
        "wont",
        "wouldnt",
        "won't",
        "wouldn't",
        "rarely",
        "seldom",
        "despite",
    ]
)
# Words before `like` that make it a verb ("I like", "would like", "don't like").
LIKE_VERB_BEFORE = frozenset(
    [
        "me",
        "i'd",
        "we",
        "they'd",
        "you'll",
        "we'll",
        "they",
        "not",
        "dont",
        "don't",
        "didn't",
        "doesn't",
        "would",
        "i",
        "ya",
        "y'all",
        "you",
        "do",
        "does",
        "did",
        "really",
        "also",
        "just",
        "to",
        "will",
        "may",
        "might",
        "should",
        "could",
        "i'll",
        "we'd",
        "you'd",
        "people",
        "who",
        "still",
        "didnt",
        "doesnt",
        "u",
        "i'm",
        "totally",
        "actually",
        "definitely",
        "so",
        "and",
    ]
)
ALLOW = frozenset(("allow", "allows", "allowed", "allowing"))
WELL_BEFORE = frozenset(
    [
        "over",
        "above",
        "below",
        "under",
        "into",
        "beyond",
        "before",
        "after",
        "ahead",
        "past",
        "short",
    ]
)

# Rule codes of explain() and of the token rows.
RULE_NONE, RULE_LIKE_PREP, RULE_AS_WELL, RULE_NO_DET, RULE_ALLOW_TO = 0, 1, 2, 3, 4
RULE_NAMES = {1: "like-preposition", 2: "well-function-word", 3: "no-determiner", 4: "allow-to"}

# Scales that bring each lexicon near VADER's range before the fitted weights.
LEX_SCALE = (1.0, 4.0, 0.8)
LEX_NAMES = ("vader", "textblob", "afinn")
_ELONG = re.compile(r"(\w)\1\1")
_RUN2 = re.compile(r"(\w)\1{2,}")


def _package_dir(name: str, hint: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"the textgauge scorer reads its lexicon from {name}: pip install {hint}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


# The integrator may switch these three readers to textgauge.sentiment.vader_lexicon_paths(),
# textgauge.textblob.textblob_lexicon_path() and textgauge.afinn.afinn_lexicon_paths().
def _vader_tables() -> tuple[dict[str, float], dict[str, str]]:
    folder = _package_dir("vaderSentiment", "vaderSentiment==3.3.2")
    lex: dict[str, float] = {}
    for line in (folder / "vader_lexicon.txt").read_text(encoding="utf-8").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lex[word] = float(measure)  # last duplicate wins, as in vaderSentiment
    emoji: dict[str, str] = {}
    for line in (
        (folder / "emoji_utf8_lexicon.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    ):
        parts = line.strip().split("\t")[0:2]
        if len(parts) == 2:
            emoji[parts[0]] = parts[1]
    return lex, emoji


def _textblob_tables() -> tuple[dict[str, float], dict[str, float]]:
    path = _package_dir("textblob", "textblob==0.20.1") / "en" / "en-sentiment.xml"
    words: dict[str, dict[str | None, list[tuple[float, float]]]] = {}
    for w in ET.parse(path).getroot().findall("word"):
        form = w.attrib.get("form")
        if not form:
            continue
        psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)))
        words.setdefault(form, {}).setdefault(w.attrib.get("pos"), []).append(psi)
    pol: dict[str, float] = {}
    subj: dict[str, float] = {}
    for form, by_pos in words.items():
        avgs = [
            (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for v in by_pos.values()
        ]
        pol[form.lower()] = sum(a[0] for a in avgs) / len(avgs)
        subj[form.lower()] = sum(a[1] for a in avgs) / len(avgs)
    return pol, subj


def _afinn_table() -> dict[str, float]:
    folder = _package_dir("afinn", "afinn==0.1") / "data"
    out: dict[str, float] = {}
    for name in ("AFINN-en-165.txt", "AFINN-emoticon-8.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                word, value = line.rsplit("\t", 1)
                out[word] = float(value)
    return out


class _Tables:
    def __init__(self) -> None:
        self.vader, self.emoji = _vader_tables()
        self.tb, self.tb_subj = _textblob_tables()
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


def _substitute(text: str, emoji: dict[str, str]) -> str:
    # VADER's emoji step: one code point at a time, a space before a description
    # unless one precedes.
    out: list[str] = []
    prev_space = True
    for ch in text:
        desc = emoji.get(ch)
        if desc is not None:
            if not prev_space:
                out.append(" ")
            out.append(desc)
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out).strip()


def _tokens(text: str) -> list[str]:
    toks = []
    for w in text.split():
        s = w.strip(string.punctuation)
        toks.append(w if len(s) <= 2 else s)
    return toks


def _negated(lw: str) -> bool:
    return lw in NEGATE or "n't" in lw


def _title(x: str) -> bool:
    return len(x) > 1 and x[0].isupper() and x[1:].islower()


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
)


def token_rows(text: str) -> tuple[list[list[float]], float, int, list[str]]:
    """The token pass: one row per lexicon hit (ROW_COLUMNS), the punctuation
    emphasis, the token count and the tokens."""
    tb = _tables()
    t = _substitute(text, tb.emoji)
    toks = _tokens(t)
    lw = [x.lower() for x in toks]
    n = len(toks)
    n_upper = sum(x.isupper() for x in toks)
    cap_diff = 0 < n - n_upper < n
    mostly_title = sum(map(_title, toks)) >= 0.4 * n
    in_vader = [w in tb.vader for w in lw]
    bi = lw.index("but") if "but" in lw else n
    rows: list[list[float]] = []
    for i in range(n):
        w = lw[i]
        if not tb.known(w) and _ELONG.search(w):
            for cand in (_RUN2.sub(r"\1\1", w), _RUN2.sub(r"\1", w)):
                if tb.known(cand):
                    w = lw[i] = cand
                    break
        vals = (tb.vader.get(w, 0.0), tb.tb.get(w, 0.0), tb.afinn.get(w, 0.0))
        if not any(vals):
            continue
        if w in BOOSTERS or (w == "kind" and i + 1 < n and lw[i + 1] == "of"):
            continue
        if w == "no" and i + 1 < n and in_vader[i + 1]:
            continue
        nxt = lw[i + 1] if i + 1 < n else ""
        prv = lw[i - 1] if i > 0 else ""
        rule = RULE_NONE
        if w == "like" and not (prv in LIKE_VERB_BEFORE or prv.endswith("n't")):
            rule = RULE_LIKE_PREP
        elif w == "well" and ((prv == "as" and nxt == "as") or nxt in WELL_BEFORE):
            rule = RULE_AS_WELL
        elif w == "no" and nxt and toks[i + 1].strip("!?.,;:") != "":
            rule = RULE_NO_DET
        elif w in ALLOW and "to" in lw[i + 1 : i + 5]:
            rule = RULE_ALLOW_TO
        nneg = 0
        so = 0
        b = 0.0
        if (
            (i > 0 and lw[i - 1] == "no")
            or (i > 1 and lw[i - 2] == "no")
            or (i > 2 and lw[i - 3] == "no" and lw[i - 1] in ("or", "nor"))
        ):
            nneg += 1
        caps = 1 if (toks[i].isupper() and cap_diff) else 0
        for k in range(3):
            j = i - k - 1
            if j < 0 or in_vader[j]:
                continue  # as in VADER: a lexicon word at this distance skips the step
            if lw[j] in BOOSTERS:
                sc = BOOSTERS[lw[j]]
                if toks[j].isupper() and cap_diff:
                    sc += _C_INCR if sc > 0 else -_C_INCR
                b += sc * (1.0, 0.95, 0.9)[k]
            if k == 0:
                if _negated(lw[j]):
                    nneg += 1
            elif k == 1:
                if lw[j] == "never" and lw[j + 1] in ("so", "this"):
                    so += 1
                elif lw[j] == "without" and lw[j + 1] == "doubt":
                    pass
                elif _negated(lw[j]):
                    nneg += 1
            else:
                if lw[j] == "never" and (
                    lw[j + 1] in ("so", "this") or lw[j + 2] in ("so", "this")
                ):
                    so += 1
                elif lw[j] == "without" and (lw[j + 1] == "doubt" or lw[j + 2] == "doubt"):
                    pass
                elif _negated(lw[j]):
                    nneg += 1
        least = (
            1
            if (i > 0 and lw[i - 1] == "least" and not (i > 1 and lw[i - 2] in ("at", "very")))
            else 0
        )
        butpos = 0 if bi == n else (-1 if i < bi else (1 if i > bi else 0))
        start = i == 0 or toks[i - 1][-1] in ".!?:;\"'"
        name = (
            1
            if (
                not mostly_title
                and _title(toks[i])
                and not start
                and ((i > 0 and _title(toks[i - 1])) or (i + 1 < n and _title(toks[i + 1])))
            )
            else 0
        )
        rows.append(
            [
                *vals,
                b,
                caps,
                nneg,
                so,
                least,
                butpos,
                tb.tb_subj.get(w, 0.0),
                sum(1 for v in vals if v),
                rule,
                i,
                n,
                name,
            ]
        )
    ep = min(t.count("!"), 4) * 0.292
    q = t.count("?")
    qm = 0.0 if q <= 1 else (q * 0.18 if q <= 3 else 0.96)
    return rows, ep + qm, n, toks


N_PARAMS = 26  # the fitted vector (see param_vector)


def contributions(p: np.ndarray, R: np.ndarray) -> np.ndarray:
    """Per token row and lexicon, the contribution to the text's sum (rows x 3).

    p: w(6: vader+ vader- textblob+ textblob- afinn+ afinn-), beta(3), caps, neg,
    but_before, but_after, amp, c, e, alpha, sigma, gamma, pattern weights(7).
    """
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
    mult = mult * pw[pat] * (1 - R[:, 14]) * (R[:, 11] == 0)
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


def score(texts: Sequence[str], *, threads: int | None = None) -> np.ndarray:
    """Polarity in [-1, 1] of each text.

    Example:
        >>> [round(float(x), 3) > 0 for x in score(["a great film", "a dull, bad film"])]
        [True, False]
    """
    if isinstance(texts, str):
        raise OptionError("score() takes a list of texts; wrap a single text in a list")
    if threads is not None and threads < 1:
        raise OptionError(f"threads must be >= 1, got {threads}")
    p = param_vector()
    total = np.zeros(len(texts))
    amp = np.zeros(len(texts))
    n = np.zeros(len(texts))
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise OptionError(f"texts[{k}] is {type(text).__name__}, not str")
        rows, a, m, _ = token_rows(text)
        R = np.array(rows, dtype=np.float64).reshape(-1, len(ROW_COLUMNS))
        total[k] = contributions(p, R).sum()
        amp[k] = a
        n[k] = m
    return finish(p, total, amp, n)


def explain(text: str) -> pd.DataFrame:
    """Per token: each lexicon's value, the rules applied, and each lexicon's
    contribution to the final polarity (the contributions of all tokens plus the
    ``(punctuation)`` row sum to ``score([text])[0]``)."""
    p = param_vector()
    rows, a, n, toks = token_rows(text)
    R = np.array(rows, dtype=np.float64).reshape(-1, len(ROW_COLUMNS))
    C = contributions(p, R)
    total = float(C.sum())
    pol = float(finish(p, np.array([total]), np.array([a]), np.array([float(n)]))[0])
    z_pre = total + p[13] * a * math.copysign(1.0, total) if total != 0 else 0.0
    share = pol / z_pre if z_pre != 0 else 0.0
    by_tok = {int(r[12]): (r, c) for r, c in zip(R, C)}
    out: list[dict[str, Any]] = []
    for i, tok in enumerate(toks):
        entry: dict[str, Any] = {"token": tok}
        hit = by_tok.get(i)
        rules: list[str] = []
        for li, name in enumerate(LEX_NAMES):
            entry[name] = float(hit[0][li]) if hit else 0.0
        if hit:
            r = hit[0]
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
        entry["rules"] = ",".join(rules)
        for li, name in enumerate(LEX_NAMES):
            entry[f"{name}_contribution"] = float(hit[1][li]) * share if hit else 0.0
        out.append(entry)
    punct = {"token": "(punctuation)", "vader": 0.0, "textblob": 0.0, "afinn": 0.0, "rules": ""}
    amp_part = (z_pre - total) * share
    punct.update(
        {"vader_contribution": amp_part, "textblob_contribution": 0.0, "afinn_contribution": 0.0}
    )
    out.append(punct)
    return pd.DataFrame(out)


def _method_frame(texts: list[str], *, threads: int) -> pd.DataFrame:
    """The ``method="textgauge"`` frame: polarity plus the per-lexicon sums."""
    p = param_vector()
    cols: dict[str, list[float]] = {f"{k}_sum": [] for k in LEX_NAMES}
    total = np.zeros(len(texts))
    amp = np.zeros(len(texts))
    n = np.zeros(len(texts))
    for k, text in enumerate(texts):
        rows, a, m, _ = token_rows(text)
        C = contributions(p, np.array(rows, dtype=np.float64).reshape(-1, len(ROW_COLUMNS)))
        for li, name in enumerate(LEX_NAMES):
            cols[f"{name}_sum"].append(float(C[:, li].sum()))
        total[k] = C.sum()
        amp[k] = a
        n[k] = m
    frame = pd.DataFrame({"polarity": finish(p, total, amp, n), **cols})
    return frame
