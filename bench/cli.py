"""End-to-end command-line throughput against a plain Python script, same files, same run.

    .venv/bin/python bench/cli.py [--path ../shared/corpora/bbc] [--threads N]
    .venv/bin/python bench/cli.py --path ../shared/corpora/news_paragraphs.txt --paragraphs line

Runs `textgauge sentiment DIR` (paragraph level, CSV out) and `textgauge terms DIR --top 50`
as subprocesses, and the script a Python user writes today: vaderSentiment's
polarity_scores per paragraph, and scikit-learn's CountVectorizer for the top terms.
Prints MB/s of input for each and the ratio. Compare ratios, not absolute numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import harness

BASELINE_SENTIMENT = r"""
import csv, os, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["source", "paragraph", "neg", "neu", "pos", "compound"])
sep = "\n" if sys.argv[3] == "line" else "\n\n"
walk = os.walk(sys.argv[1]) if os.path.isdir(sys.argv[1]) else [(".", [], [sys.argv[1]])]
for root, dirs, files in walk:
    dirs.sort()
    for name in sorted(files):
        path = os.path.join(root, name)
        text = open(path, encoding="utf-8", errors="replace").read()
        paragraphs = [p.strip() for p in text.split(sep) if p.strip()]
        for i, p in enumerate(paragraphs):
            s = analyzer.polarity_scores(p)
            out.writerow([path, i, s["neg"], s["neu"], s["pos"], s["compound"]])
"""

BASELINE_TERMS = r"""
import os, sys
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
texts = []
walk = os.walk(sys.argv[1]) if os.path.isdir(sys.argv[1]) else [(".", [], [sys.argv[1]])]
for root, dirs, files in walk:
    dirs.sort()
    for name in sorted(files):
        text = open(os.path.join(root, name), encoding="utf-8", errors="replace").read()
        texts.extend(text.split("\n") if sys.argv[3] == "line" else [text])
cv = CountVectorizer(stop_words="english")
X = cv.fit_transform(texts)
counts = np.asarray(X.sum(axis=0)).ravel()
names = cv.get_feature_names_out()
with open(sys.argv[2], "w") as fh:
    for i in np.argsort(-counts, kind="stable")[:50]:
        fh.write(f"{names[i]},{counts[i]}\n")
"""


def timed(cmd: list[str]) -> float:
    """One run of ``cmd`` (seconds): each takes seconds, start-up included."""
    return harness.best(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), 1)


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--path", type=Path, default=harness.BBC)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument(
        "--paragraphs",
        choices=["blank", "line"],
        default="blank",
        help="line: one paragraph (and, for terms, one document) per line",
    )
    args = ap.parse_args()
    harness.require(args.path)
    files = [f for f in args.path.rglob("*") if f.is_file()] if args.path.is_dir() else [args.path]
    mb = sum(f.stat().st_size for f in files) / 1e6
    tg = [sys.executable, "-m", "textgauge"]
    threads = ["--threads", str(args.threads)] if args.threads else []
    threads += ["--paragraphs", args.paragraphs]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.csv")
        path, mode = str(args.path), args.paragraphs
        rows = [
            ("sentiment: vaderSentiment script",
             timed([sys.executable, "-c", BASELINE_SENTIMENT, path, out, mode])),
            ("sentiment: textgauge CLI",
             timed([*tg, "sentiment", path, "--on-error", "replace", "-q", "-o", out, *threads])),
            ("terms: scikit-learn script",
             timed([sys.executable, "-c", BASELINE_TERMS, path, out, mode])),
            ("terms: textgauge CLI",
             timed([*tg, "terms", path, "--top", "50", "--on-error", "replace", "-q", "-o", out,
                    *threads])),
        ]  # fmt: skip
    print(f"{args.path}: {mb:.1f} MB; wall time includes interpreter start-up and imports")
    print(f"{'run':36s} {'MB/s':>8s} {'ratio':>8s}")
    for i, (name, seconds) in enumerate(rows):
        base = rows[i - i % 2][1]
        print(f"{name:36s} {mb / seconds:8.2f} {harness.ratio(base, seconds, 7)}")


if __name__ == "__main__":
    main()
