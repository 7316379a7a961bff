"""Bigram collocations (``Corpus.collocations``): this build against another build of
textgauge (``--baseline``, e.g. a copy of the previous release) in the same run, on the
news paragraphs and the short-text mix, at each thread count.

    PYTHONPATH=python:<build> .venv/bin/python bench/collocations.py [--repeat 3]
        [--corpus news,short] [--threads 1,2] [--baseline PYTHONPATH]
        [--measure likelihood_ratio] [--min-count 1] [--window 2] [--rounds 1]

Every measurement runs in a fresh child process. A child builds the corpus (not timed),
then times ``corpus.collocations(size=2, ...)`` best of --repeat. The rows (strings,
counts and every score, bit for bit) are digested and the digests compared across builds
and thread counts: a MISMATCH line says they differ. With --rounds N the children of this
build and of the baseline alternate N times and each keeps its best: on a machine whose
speed drifts, runs taken minutes apart are not comparable, interleaved ones are. The last
two columns are the baseline's wall-clock and CPU time over this build's. NLTK's finder on
the BBC articles is in bench/textstats.py.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from typing import Any

import harness


def child(
    corpus: str, threads: int, repeat: int, measure: str, min_count: int, window: int
) -> None:
    import textgauge as tg

    texts = harness.load_corpus(corpus)
    c = tg.Corpus.from_texts(texts, threads=threads)
    times, cpu = [], []
    df: Any = None
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        df = c.collocations(size=2, measure=measure, min_count=min_count, window=window)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    h = hashlib.sha256("\n".join(df["collocation"].tolist()).encode())
    h.update(df["count"].to_numpy().tobytes())
    h.update(df[measure].to_numpy().tobytes())
    print(
        json.dumps({"time": min(times), "cpu": min(cpu), "rows": len(df), "digest": h.hexdigest()})
    )


def main() -> None:
    ap = harness.parser(__doc__, full=False)
    ap.add_argument("--corpus", default="news,short")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--baseline", default=None, help="PYTHONPATH of another textgauge build")
    ap.add_argument("--measure", default="likelihood_ratio")
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1, help="alternate the builds' runs N times")
    ap.add_argument("--child", nargs=6)
    a = ap.parse_args()
    if a.child:
        corpus, threads, repeat, measure, min_count, window = a.child
        child(corpus, int(threads), int(repeat), measure, int(min_count), int(window))
        return
    print(
        f"bigram collocations, measure={a.measure}, min_count={a.min_count}, window={a.window}; "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"{'corpus':8} {'build':10} {'threads':>7} {'time s':>7} {'cpu s':>6} {'rows':>8} "
        f"{'vs baseline':>11} {'cpu vs':>7}"
    )
    for corpus in a.corpus.split(","):
        first: dict[str, Any] | None = None
        for t in (int(x) for x in a.threads.split(",")):
            args = [corpus, str(t), str(a.repeat), a.measure, str(a.min_count), str(a.window)]
            builds: dict[str, str | None] = {"this": None}
            if a.baseline:
                builds["baseline"] = a.baseline
            runs = {
                n: functools.partial(harness.run_child, __file__, args, p)
                for n, p in builds.items()
            }
            best = harness.interleaved(runs, a.rounds)
            r = best["this"]
            first = first or r
            if r["digest"] != first["digest"]:
                print(f"  MISMATCH {corpus} threads={t}: rows differ from the first thread count's")
            if a.baseline and best["baseline"]["digest"] != r["digest"]:
                print(f"  MISMATCH {corpus} threads={t}: rows differ from the baseline's")
            for name, x in best.items():
                print(
                    f"{corpus:8} {name:10} {t:7d} {x['time']:7.3f} {x['cpu']:6.3f} "
                    f"{x['rows']:8d} {harness.vs_baseline(best, x)}"
                )


if __name__ == "__main__":
    main()
