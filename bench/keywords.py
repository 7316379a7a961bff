"""yake's KeywordExtractor against textgauge's YAKE on BBC articles, in the same run.

    .venv/bin/python bench/keywords.py [--repeat 3] [--every 5] [--bbc ../shared/corpora/bbc]

Both extract the top 20 keywords (yake's defaults: n=3, dedup_lim=0.9, seqm, window 1) of
every --every-th article, one thread; the results must be identical. Prints the CPU time
(best of --repeat) of each side and the ratio, and textgauge's time split into its stages:
the package's pre-processing (segtok's sentence splitter and tokenizer, run in Python), the
C++ scoring, and the rest (conversion, de-duplication).

Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import harness
from textgauge import _core
from textgauge import keywords as kw


def cpu_best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--bbc", type=Path, default=harness.BBC)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--every", type=int, default=5, help="use every N-th article (1: all)")
    args = ap.parse_args()
    texts = harness.bbc_texts(args.bbc, every=args.every)
    print(f"{len(texts)} articles, {sum(map(len, texts)) / 1e6:.2f} MB")

    import yake

    extractor = yake.KeywordExtractor()

    def yake_run() -> list[list[tuple[str, float]]]:
        return [[(k, float(s)) for k, s in extractor.extract_keywords(t)] for t in texts]

    def tg_run() -> list[list[tuple[str, float]]]:
        return kw.yake_keywords(texts)

    assert tg_run() == yake_run(), "keywords differ from yake's"
    c_ref, c_tg = cpu_best(yake_run, args.repeat), cpu_best(tg_run, args.repeat)
    docs: list[list[list[str]]] = []
    c_pre = cpu_best(lambda: docs.__setitem__(slice(None), [kw._sentences(t) for t in texts]), 1)
    stop = kw.yake_stopwords("en")
    extra = kw._non_ascii(docs)
    c_cpp = cpu_best(
        lambda: _core.stats.yake_candidates(docs, non_ascii=extra, stopwords=stop, n=3, window=1),
        args.repeat,
    )
    print("                          CPU (best)")
    print(f"  yake 0.7.3            {c_ref:8.3f} s")
    print(f"  textgauge             {c_tg:8.3f} s {harness.ratio(c_ref, c_tg)}")
    print(f"    segtok (Python)     {c_pre:8.3f} s")
    print(f"    scoring (C++)       {c_cpp:8.3f} s {harness.ratio(c_ref, c_cpp)}")


if __name__ == "__main__":
    main()
