"""Fit textgauge's own sentiment scorer and report its cross-validated figures.

    PYTHONPATH=python python tools/fit_scorer.py            # fit, CV, write the params
    PYTHONPATH=python python tools/fit_scorer.py --check    # refit, compare with the shipped file

Reads the development halves in $TEXTGAUGE_SHARED/data/sentiment_dev (default
/work/shared). The token pass is textgauge.scorer.token_rows, the model
textgauge.scorer.contributions/finish: what is fitted here is what ships.

Procedure: maximise the sum over the four sets of Pearson r between polarity and
the mean human rating (tweets and NYT weighted 2, movie and Amazon 1), L-BFGS-B
with numerical gradients from the start vector P0 below (an earlier fit of the
same model; every coordinate is refitted). k-fold CV: folds by crc32 of
"set:id" mod 5, fitted on four folds of every set, r computed on the pooled
out-of-fold predictions of each set. The shipped vector is the fit on all data.
3-class F1: human class positive when mean >= 0.5, negative when <= -0.5, else
neutral; scorer classes by VADER's +-0.05 thresholds; weighted F1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.metrics import f1_score

from textgauge import scorer

SETS = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]
WEIGHTS = {
    "tweets": 2.0,
    "movieReviewSnippets": 1.0,
    "amazonReviewSnippets": 1.0,
    "nytEditorialSnippets": 2.0,
}
K = 5
P0 = np.array(
    [
        0.9570964166123586,
        1.0872457069337325,
        0.500728413827998,
        0.6615069392955378,
        0.6597968884466319,
        1.0093760311396924,
        4.770388571930553,
        3.7877230319965136,
        1.9844574499360064,
        0.21614012878362499,
        -0.3898400464405041,
        0.3682370280502041,
        0.9555285688880594,
        3.5673690923730192,
        0.46135759089767914,
        0.5103588343098703,
        2.1914063292442734,
        0.36318227081605464,
        1.0864314176759646,
        0.9790022191430316,
        0.9430932127904126,
        0.5548770082243525,
        1.2049371601386578,
        0.7245551100509023,
        1.8466276223773463,
        0.7791113632692304,
    ]
    + [0.803675909316969]  # the share of its value a name loses
    + [0.6]  # the share of its value a word in a question keeps
)
OUT = Path(__file__).resolve().parents[1] / "python" / "textgauge" / "data" / "scorer_params.json"


def shared() -> Path:
    return Path(os.environ.get("TEXTGAUGE_SHARED", "/work/shared"))


def load(name: str) -> list[tuple[str, float, str]]:
    rows = []
    with open(shared() / "data" / "sentiment_dev" / f"{name}.tsv", encoding="utf-8") as f:
        for line in f:
            i, m, t = line.rstrip("\n").split("\t", 2)
            rows.append((i, float(m), t))
    return rows


class Set:
    def __init__(self, rows: list[tuple[str, float, str]]) -> None:
        R: list[list[float]] = []
        idx: list[int] = []
        amp, n = [], []
        for k, (_, _, text) in enumerate(rows):
            # A text of several lines scores as the mean of its lines (scorer.aggregate);
            # the dev texts are one line each, so one token pass is the text's score.
            if len(scorer.paragraphs(text)) != 1:
                raise ValueError(f"a dev text of several lines: {text[:60]!r}")
            r, a, m, _ = scorer.token_rows(text)
            R += r
            idx += [k] * len(r)
            amp.append(a)
            n.append(m)
        self.R = np.array(R, dtype=np.float64).reshape(-1, len(scorer.ROW_COLUMNS))
        self.idx = np.array(idx, dtype=np.int64)
        self.amp = np.array(amp)
        self.n = np.array(n, dtype=np.float64)
        self.N = len(rows)
        self.y = np.array([m for _, m, _ in rows])

    def predict(self, p: np.ndarray, R: np.ndarray | None = None) -> np.ndarray:
        C = scorer.contributions(p, self.R if R is None else R).sum(axis=1)
        total = np.bincount(self.idx, C, minlength=self.N)
        return scorer.finish(p, total, self.amp, self.n)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean()
    b = b - b.mean()
    d = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / d) if d > 0 else 0.0


def fit(data: dict[str, Set], masks: dict[str, np.ndarray]) -> np.ndarray:
    def loss(p: np.ndarray) -> float:
        return -sum(
            WEIGHTS[s] * pearson(data[s].predict(p)[masks[s]], data[s].y[masks[s]]) for s in SETS
        )

    # The name and question weights stay in [0, 1]: a name or a question may only lose
    # part of a word's value, never gain or flip it.
    bounds = [(None, None)] * 26 + [(0.0, 1.0), (0.0, 1.0)]
    return np.asarray(minimize(loss, P0, method="L-BFGS-B", bounds=bounds).x)


def classes(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(x >= hi, 1, np.where(x <= lo, -1, 0))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="refit and compare with the shipped file")
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()
    import vaderSentiment.vaderSentiment as vs

    sia = vs.SentimentIntensityAnalyzer()
    raw = {s: load(s) for s in SETS}
    data = {s: Set(raw[s]) for s in SETS}
    vader = {s: np.array([sia.polarity_scores(t)["compound"] for _, _, t in raw[s]]) for s in SETS}
    folds = {s: np.array([zlib.crc32(f"{s}:{i}".encode()) % K for i, _, _ in raw[s]]) for s in SETS}
    report: dict[str, dict[str, float]] = {}
    if not args.no_cv and not args.check:
        oof = {s: np.zeros(data[s].N) for s in SETS}
        for k in range(K):
            p = fit(data, {s: folds[s] != k for s in SETS})
            for s in SETS:
                oof[s][folds[s] == k] = data[s].predict(p)[folds[s] == k]
            print(f"fold {k} done", file=sys.stderr, flush=True)
        for s in SETS:
            human = classes(data[s].y, -0.5, 0.5)
            report[s] = {
                "cv_r": round(pearson(oof[s], data[s].y), 4),
                "vader_r": round(pearson(vader[s], data[s].y), 4),
                "cv_f1": round(
                    float(f1_score(human, classes(oof[s], -0.05, 0.05), average="weighted")), 4
                ),
                "vader_f1": round(
                    float(f1_score(human, classes(vader[s], -0.05, 0.05), average="weighted")), 4
                ),
            }
    p = fit(data, {s: np.ones(data[s].N, dtype=bool) for s in SETS})
    for s in SETS:
        report.setdefault(s, {})["dev_r"] = round(pearson(data[s].predict(p), data[s].y), 4)
        # each news rule's effect on the dev half: r with the rule switched off (rule code -> 0)
        for code, name in scorer.RULE_NAMES.items():
            R = data[s].R.copy()
            R[R[:, 11] == code, 11] = 0
            report[s][f"dev_r_without_{name}"] = round(pearson(data[s].predict(p, R), data[s].y), 4)
        R = data[s].R.copy()
        R[:, 14] = 0
        report[s]["dev_r_without_name"] = round(pearson(data[s].predict(p, R), data[s].y), 4)
        R = data[s].R.copy()
        R[:, 15] = 0
        report[s]["dev_r_without_question"] = round(pearson(data[s].predict(p, R), data[s].y), 4)
    if args.check:
        shipped = scorer.param_vector()
        ok = np.allclose(shipped, p, rtol=0, atol=1e-9)
        print(
            "shipped parameters reproduced"
            if ok
            else f"DIFFER: max |d| = {np.abs(shipped - p).max()}"
        )
        return 0 if ok else 1
    for s in SETS:
        print(s, json.dumps(report[s]))
    OUT.write_text(
        json.dumps(
            {"version": 1, "n_params": len(p), "vector": [float(x) for x in p], "report": report},
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print("wrote", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
