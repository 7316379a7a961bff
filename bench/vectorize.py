"""CountVectorizer / TfidfVectorizer fit_transform: textgauge.sklearn against
scikit-learn, side by side in one run, with peak memory.

    PYTHONPATH=python:<build> .venv/bin/python bench/vectorize.py [--repeat 3] [--threads 1,2]
        [--corpus news,short] [--configs unigram,bigram,tfidf] [--baseline PYTHONPATH] [--rounds 1]
        [--inputs str,arrow]

Corpora (--corpus, comma-separated): ``news`` (news_paragraphs.txt, one paragraph per
line), ``short`` (the short-text mix of harness.short_mix: tweets, review snippets and
news leads, 4 MB), or a path to a file of one text per line. ``--baseline`` adds a row
for another build of textgauge (its PYTHONPATH, e.g. a copy of today's) at n_jobs=1, in
the same run, so that before/after figures come from one run on one machine. With
``--rounds N`` all the children (scikit-learn, every thread count, and the baseline) run N
times in turn, each row keeping its best: on a machine whose speed drifts for seconds at a time,
interleaved runs are comparable where runs taken one after the other are not. ``--inputs
str,arrow`` adds rows for textgauge reading the texts as a pyarrow string array (made before
the timing, as data already in Arrow would be) at each thread count.

Every measurement runs in a fresh child process (so peak RSS, which counts C++
allocations that tracemalloc cannot see, belongs to that measurement alone).
A child loads the paragraphs (one per line), imports the vectorizer, records
its RSS, then runs fit_transform --repeat times. Reported: best time, the
speed-up over scikit-learn, peak RSS of the child, and "fit MB" = peak RSS
minus the RSS before the first fit (what the vectorizer itself needed, output
matrix included), and the process CPU time of the best run ("cpu ratio" is
sklearn's CPU time over ours: steadier than wall time on a busy machine, but
it counts every thread, so it shows no gain from n_jobs). The outputs are
checked equal to scikit-learn's (shape, nnz, sum, vocabulary size).
"""

from __future__ import annotations

import functools
import json
import os
import resource
import sys
import time
from typing import Any

import harness

CONFIGS: dict[str, tuple[str, dict[str, Any]]] = {
    "unigram": ("CountVectorizer", {}),
    "bigram": ("CountVectorizer", {"ngram_range": (1, 2)}),
    "tfidf": ("TfidfVectorizer", {"ngram_range": (1, 2), "min_df": 2}),
    "char_wb": ("CountVectorizer", {"analyzer": "char_wb", "ngram_range": (2, 4)}),
}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(impl: str, config: str, threads: int, corpus: str, repeat: int) -> None:
    lines: Any = harness.load_corpus(corpus)
    if impl == "textgauge-arrow":
        import pyarrow as pa

        lines = pa.array(lines, pa.string())
    cls_name, params = CONFIGS[config]
    if impl == "sklearn":
        from sklearn.feature_extraction import text as sk

        cls, params = getattr(sk, cls_name), dict(params)
    else:
        from textgauge import sklearn as tgs

        cls, params = getattr(tgs, cls_name), {**params, "n_jobs": threads}
    before = rss_mb()
    times, cpu = [], []
    X: Any = None
    vec: Any = None
    for _ in range(repeat):
        X = vec = None
        vec = cls(**params)
        c0, t0 = time.process_time(), time.perf_counter()
        X = vec.fit_transform(lines)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the digest below
    digest = [X.shape, int(X.nnz), float(X.sum()), len(vec.get_feature_names_out())]
    print(
        json.dumps(
            {
                "time": min(times),
                "cpu": min(cpu),
                "peak": peak,
                "fit_mb": peak - before,
                "digest": digest,
            }
        )
    )


def run(
    impl: str, config: str, threads: int, corpus: str, repeat: int, pythonpath: str | None = None
) -> dict[str, Any]:
    return harness.run_child(
        __file__, [impl, config, str(threads), corpus, str(repeat)], pythonpath
    )


def main() -> None:
    ap = harness.parser(__doc__, full=False)
    ap.add_argument("--corpus", default="news,short")
    ap.add_argument("--baseline", default=None, help="PYTHONPATH of another textgauge build")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sklearn-repeat", type=int, default=1)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--configs", default="unigram,bigram,tfidf")
    ap.add_argument("--rounds", type=int, default=1, help="alternate the textgauge runs N times")
    ap.add_argument("--inputs", default="str", help="str, or str,arrow")
    ap.add_argument("--child", nargs=5)
    a = ap.parse_args()
    if a.child:
        impl, config, threads, path, repeat = a.child
        child(impl, config, int(threads), path, int(repeat))
        return
    for corpus in a.corpus.split(","):
        bench_corpus(corpus, a)


def bench_corpus(corpus: str, a: Any) -> None:
    size = sum(len(t.encode()) + 1 for t in harness.load_corpus(corpus)) / 2**20
    print(f"{corpus}: {size:.1f} MiB, {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    print(
        f"{'config':8} {'impl':20} {'time s':>7} {'MB/s':>6} {'speed-up':>8} {'cpu s':>6} "
        f"{'cpu ratio':>9} {'peak MB':>7} {'fit MB':>6}"
    )
    for config in a.configs.split(","):
        threads = [int(x) for x in a.threads.split(",")]
        jobs: list[tuple[str, str, int, int, str | None]] = [
            ("sklearn", "sklearn", 1, a.sklearn_repeat, None)
        ]
        jobs += [(f"textgauge n_jobs={t}", "textgauge", t, a.repeat, None) for t in threads]
        if "arrow" in a.inputs.split(","):
            jobs += [(f"arrow n_jobs={t}", "textgauge-arrow", t, a.repeat, None) for t in threads]
        if a.baseline:
            jobs.append(("baseline n_jobs=1", "textgauge", 1, a.repeat, a.baseline))
        # scikit-learn takes its turn in every round too: its time drifts as much as ours
        best = harness.interleaved(
            {
                name: functools.partial(run, impl, config, t, corpus, repeat, path)
                for name, impl, t, repeat, path in jobs
            },
            a.rounds,
        )
        ref = best.pop("sklearn")
        for name, r in best.items():
            if r["digest"] != ref["digest"]:
                print(f"  MISMATCH {config} {name}: {r['digest']} vs {ref['digest']}")
        rows = [("sklearn", ref), *best.items()]
        for name, r in rows:
            print(
                f"{config:8} {name:20} {r['time']:7.3f} {size / r['time']:6.1f} "
                f"{harness.ratio(ref['time'], r['time'], 7)} {r['cpu']:6.3f} "
                f"{harness.ratio(ref['cpu'], r['cpu'], 8)} "
                f"{r['peak']:7.0f} {r['fit_mb']:6.0f}"
            )
        t1 = rows[1][1]
        print(
            f"{config:8} memory: peak {t1['peak'] / ref['peak']:.2f} of sklearn's, "
            f"fit {t1['fit_mb'] / max(ref['fit_mb'], 1e-9):.2f} of sklearn's"
            + "".join(
                f"; {n.split()[-1] if n.startswith('textgauge') else n}: "
                f"{harness.ratio(t1['time'], r['time'], 0, 2)} vs n_jobs=1"
                for n, r in rows[2:]
            )
        )


if __name__ == "__main__":
    main()
