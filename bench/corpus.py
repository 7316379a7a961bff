"""Corpus construction: ``Corpus.from_texts`` on the news paragraphs and the short-text mix,
at each thread count, from a list of ``str`` and from an Arrow string column, against another
build of textgauge (``--baseline``) in the same run: build time and memory.

    PYTHONPATH=python:<build> .venv/bin/python bench/corpus.py [--repeat 3] [--rounds 1]
        [--corpus news,short] [--threads 1,2] [--inputs str,arrow] [--baseline PYTHONPATH]

Every measurement runs in a fresh child process, which loads the texts (and makes the Arrow
column: not timed), builds one small corpus first (ICU's data and the worker threads are
loaded once per process, not per corpus), then builds the corpus --repeat times and keeps the
best wall-clock and CPU time. "RSS x text" is the growth of the resident set over the first
build, divided by the texts' UTF-8 bytes: what holding the corpus costs (issue #17 asks for at
most 4x on the news paragraphs). The corpora are checked equal across builds, thread counts and
inputs (number of tokens and a digest of the vocabulary). The baseline always builds from the
list of str (builds from before Arrow input cannot read a column), so an Arrow row's ratio
compares it with the baseline's str build. With --rounds N the children of this
build and of the baseline alternate N times, each keeping its best: on a machine whose speed
drifts for seconds at a time, interleaved runs are comparable where runs minutes apart are not.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import sys
import time
from typing import Any

import harness


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(corpus: str, threads: int, repeat: int, source: str) -> None:
    import pyarrow as pa

    import textgauge as tg

    texts: Any = harness.load_corpus(corpus)
    size = sum(len(t.encode()) for t in texts)
    if source == "arrow":
        texts = pa.array(texts, pa.string())
    warm = tg.Corpus.from_texts(["A first text. It loads ICU.", "And starts the threads."] * 8)
    del warm
    gc.collect()
    before = rss()
    times, cpu = [], []
    growth = 0
    c: Any = None
    for i in range(repeat):
        c = None
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        c = tg.Corpus.from_texts(texts, threads=threads)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if i == 0:
            gc.collect()
            growth = rss() - before
    vocab = hashlib.sha256("\n".join(c.vocabulary).encode()).hexdigest()
    out: dict[str, Any] = {"time": min(times), "cpu": min(cpu), "x_text": growth / size}
    out.update(size=size, digest=[len(c.tokens), vocab])
    print(json.dumps(out))


def main() -> None:
    ap = harness.parser(__doc__, full=False)
    ap.add_argument("--corpus", default="news,short")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=1, help="alternate the builds' runs N times")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--inputs", default="str,arrow")
    ap.add_argument("--baseline", default=None, help="PYTHONPATH of another textgauge build")
    ap.add_argument("--child", nargs=4)
    a = ap.parse_args()
    if a.child:
        corpus, threads, repeat, source = a.child
        child(corpus, int(threads), int(repeat), source)
        return
    print(f"Corpus.from_texts; {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    print(
        f"{'corpus':7} {'input':6} {'threads':>7} {'build':9} {'time s':>7} {'cpu s':>6} "
        f"{'MB/s':>6} {'RSS x text':>10} {'vs baseline':>11} {'cpu vs':>7}"
    )
    builds: dict[str, str | None] = {"this": None}
    if a.baseline:
        builds["baseline"] = a.baseline
    for corpus in a.corpus.split(","):
        first: Any = None
        for source in a.inputs.split(","):
            for t in (int(x) for x in a.threads.split(",")):
                # the baseline reads the list of str (see above)
                best = harness.interleaved(
                    {
                        name: functools.partial(
                            harness.run_child,
                            __file__,
                            [corpus, str(t), str(a.repeat), source if path is None else "str"],
                            path,
                        )
                        for name, path in builds.items()
                    },
                    a.rounds,
                    keys=("time", "cpu", "x_text"),
                )
                for name, r in best.items():
                    first = first or r["digest"]
                    if r["digest"] != first:
                        print(f"  MISMATCH {corpus} {source} threads={t} {name}: {r['digest']}")
                    print(
                        f"{corpus:7} {source:6} {t:7d} {name:9} {r['time']:7.3f} {r['cpu']:6.3f} "
                        f"{r['size'] / 1e6 / r['time']:6.1f} {r['x_text']:10.2f} "
                        + harness.vs_baseline(best, r)
                    )


if __name__ == "__main__":
    main()
