"""Term statistics on the 2,225 BBC articles, with NLTK's bigram collocations in the same
run.

    .venv/bin/python bench/textstats.py [--repeat 3] [--bbc ../shared/corpora/bbc] [--threads N]

1. Bigram collocation scoring against ``nltk.collocations.BigramCollocationFinder``: both
   count every bigram of the same per-document word lists (``from_documents``) and score all
   of them with ``likelihood_ratio`` (min_count 1); NLTK gets the term lists ready-made, so
   neither side pays for tokenization. Prints both times (best of --repeat) and the ratio,
   and checks that the scores agree.
2. The time of every statistic at paragraph level (one call each, in seconds).

Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import harness
import textgauge as tg


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--bbc", type=Path, default=harness.BBC)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    files = sorted(args.bbc.glob("*/*.txt"))
    if not files:
        raise SystemExit(f"no BBC articles under {args.bbc}")

    t0 = time.perf_counter()
    # errors="replace": sport/199.txt has a bad byte
    corpus = tg.Corpus.from_files(files, threads=args.threads, errors="replace")
    t_corpus = time.perf_counter() - t0
    tok = corpus.tokens
    tok = tok[tok["kind"].isin(["word", "number"])]
    by_doc = tok.groupby("document", sort=False, observed=True)["term"]
    docs = [by_doc.get_group(d).astype(str).tolist() for d in corpus.ids]
    n_tokens = sum(map(len, docs))
    print(
        f"{len(files)} articles, {n_tokens:,} word/number tokens; corpus built in {t_corpus:.2f} s"
    )

    from nltk.collocations import BigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures

    def nltk_run() -> list[tuple[tuple[str, ...], float]]:
        finder = BigramCollocationFinder.from_documents(docs)
        return finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)  # type: ignore[no-any-return]

    def tg_run() -> Any:
        return corpus.collocations(size=2, measure="likelihood_ratio", min_count=1)

    t_nltk, ref = harness.best_of(nltk_run, args.repeat)
    t_tg, got = harness.best_of(tg_run, args.repeat)
    ref_scores = np.array([s for _, s in ref])
    assert got["collocation"].tolist()[:1000] == [" ".join(k) for k, _ in ref[:1000]]
    rel = np.max(np.abs(got["likelihood_ratio"].to_numpy() - ref_scores) / np.abs(ref_scores))
    print("\nbigram collocations, likelihood_ratio, all bigrams")
    print(f"  NLTK BigramCollocationFinder   {t_nltk:8.3f} s   ({len(ref):,} bigrams)")
    print(
        f"  textgauge collocations         {t_tg:8.3f} s   ratio {harness.ratio(t_nltk, t_tg)}   "
        f"max rel diff {rel:.1e}"
    )

    print(
        "\nevery statistic, 2,225 articles, paragraph level where it applies (best of "
        f"{args.repeat}, seconds)"
    )
    topics = [f.parent.name for f in files]
    small = tg.Corpus.from_texts(corpus.texts[:200])
    sport = np.array(topics) == "sport"
    runs: list[tuple[str, Callable[[], Any]]] = [
        ("collocations size=2 measure=all", lambda: corpus.collocations(measure="all")),
        ("collocations size=3 measure=all", lambda: corpus.collocations(size=3, measure="all")),
        (
            "collocations size=4 NLTK measures",
            lambda: corpus.collocations(
                size=4, measure=["raw_freq", "pmi", "likelihood_ratio", "chi_sq"]
            ),
        ),
        (
            "collocations size=2 window=5",
            lambda: corpus.collocations(window=5, measure=["pmi", "student_t"]),
        ),
        ("kwic 'econom*' window 5", lambda: corpus.kwic("econom*")),
        ("lexical_diversity all, paragraphs", lambda: corpus.lexical_diversity(level="paragraph")),
        ("readability all, paragraphs", lambda: corpus.readability(level="paragraph")),
        ("frequency by topic", lambda: corpus.frequency(groups=topics)),
        ("keyness chi2 sport vs rest", lambda: corpus.keyness(sport)),
        ("keyness exact (Fisher) sport vs rest", lambda: corpus.keyness(sport, measure="exact")),
        ("entropy per document", lambda: corpus.entropy()),
        ("summary per document", lambda: corpus.summary()),
        ("cooccurrence window=5", lambda: corpus.cooccurrence(context="window")[0]),
        ("cooccurrence document", lambda: corpus.cooccurrence()[0]),
        ("similarity cosine, documents (2225^2)", lambda: corpus.similarity()),
        ("similarity cosine, paragraphs of 200 docs", lambda: small.similarity(level="paragraph")),
    ]
    for name, fn in runs:
        t, out = harness.best_of(fn, args.repeat)
        rows = out.shape[0] if hasattr(out, "shape") else len(out)
        print(f"  {name:40s} {t:8.3f}   ({rows:,} rows)")


if __name__ == "__main__":
    main()
