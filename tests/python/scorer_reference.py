"""The Python reference of textgauge.scorer's token pass (the scorer itself runs
it in C++, cpp/src/sentiment/gauge/): the parity tests compare the two.

It is the scorer's first implementation, kept as written, reading the same
tables (textgauge.scorer._tables()).
"""

from __future__ import annotations

import re
import string

from textgauge.scorer import (
    RULE_ALLOW_TO,
    RULE_AS_WELL,
    RULE_DISAGREE,
    RULE_LIKE_PREP,
    RULE_NO_DET,
    RULE_NONE,
    _tables,
)

_B_INCR, _B_DECR, _C_INCR = 0.293, -0.293, 0.733
# VADER's word lists (vaderSentiment 3.3.2), as the rules use them.
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
COMPARATIVE = frozenset(
    [
        "more",
        "less",
        "longer",
        "closer",
        "further",
        "farther",
        "better",
        "worse",
        "sooner",
        "later",
        "greater",
        "smaller",
        "bigger",
        "higher",
        "lower",
        "fewer",
    ]
)
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

_ELONG = re.compile(r"(\w)\1\1")
_RUN2 = re.compile(r"(\w)\1{2,}")


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


_END = re.compile(r"[.!?]+|\n")


def _questions(t: str, toks: list[str]) -> list[bool]:
    """Per token: its sentence is a question, i.e. the first run of .!? (or line
    break) from the token's second character on holds a '?'."""
    out = []
    pos = 0
    for tok in toks:
        j = t.find(tok, pos)
        pos = j + len(tok)
        m = _END.search(t, j + 1)
        out.append(bool(m and "?" in m.group(0)))
    return out


def token_rows(text: str) -> tuple[list[list[float]], float, int, list[str]]:
    """The token pass: one row per lexicon hit (ROW_COLUMNS), the punctuation
    emphasis, the token count and the tokens."""
    tb = _tables()
    t = _substitute(text, tb.emoji)
    toks = _tokens(t)
    raw = t.split()  # the words the tokens were stripped from
    lw = [x.lower() for x in toks]
    n = len(toks)
    n_upper = sum(x.isupper() for x in toks)
    cap_diff = 0 < n - n_upper < n
    mostly_title = sum(map(_title, toks)) >= 0.4 * n
    in_vader = [w in tb.vader for w in lw]
    bi = lw.index("but") if "but" in lw else n
    question = _questions(t, toks)
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
        elif w == "no" and nxt in COMPARATIVE:
            rule = RULE_NO_DET
        elif w in ALLOW and "to" in lw[i + 1 : i + 5]:
            rule = RULE_ALLOW_TO
        if rule == RULE_NONE and any(v > 0 for v in vals) and any(v < 0 for v in vals):
            rule = RULE_DISAGREE
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
        start = i == 0 or raw[i - 1][-1] in ".!?:;\"'"
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
                1 if question[i] else 0,
            ]
        )
    ep = min(t.count("!"), 4) * 0.292
    q = t.count("?")
    qm = 0.0 if q <= 1 else (q * 0.18 if q <= 3 else 0.96)
    return rows, ep + qm, n, toks


def lines(text: str) -> list[str]:
    """The units a text's score averages: its non-blank lines, stripped of separators
    (white space, control, format and Z* characters, as a Corpus trims paragraphs), or
    the whole text when it has at most one."""
    import unicodedata

    def sep(c: str) -> bool:
        return c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp")

    out = []
    for line in re.split(r"\r\n|\r|\n", text):
        a, b = 0, len(line)
        while a < b and sep(line[a]):
            a += 1
        while b > a and sep(line[b - 1]):
            b -= 1
        if a < b:
            out.append(line[a:b])
    return out if len(out) > 1 else [text]


def scores(texts: list[str]) -> list[list[float]]:
    """Per text: polarity, vader_sum, textblob_sum, afinn_sum, from this token pass and
    textgauge.scorer's model; a text of several lines is the token-weighted mean of its
    lines (scorer.aggregate)."""
    import numpy as np

    from textgauge import scorer

    p = scorer.param_vector()
    out = []
    for text in texts:
        per_line, weights = [], []
        for line in lines(text):
            rows, amp, n, _ = token_rows(line)
            R = np.array(rows, dtype=np.float64).reshape(-1, len(scorer.ROW_COLUMNS))
            C = scorer.contributions(p, R)
            pol = scorer.finish(p, np.array([C.sum()]), np.array([amp]), np.array([float(n)]))
            per_line.append([pol[0], *(C[:, li].sum() for li in range(3))])
            weights.append(float(n))
        cols = np.array(per_line).T
        out.append([scorer.aggregate(c, np.array(weights)) for c in cols])
    return out
