"""textgauge.dask throughput with 1 and 2 worker processes (LocalCluster), in one run,
against the same work in this process (textgauge single-machine), plus the sizes that
bound a worker's memory (partial statistics per partition, vocabulary).

    PYTHONPATH=python:<build> .venv/bin/python bench/dask_cluster.py
        [--path ../shared/corpora/news_paragraphs.txt] [--workers 1,2] [--blocksize 1MB]
        [--repeat 2]

The workers read the file themselves (dask.bag.read_text, one line = one text), so what
travels between processes is what a cluster would move: tasks and partial statistics.
Measured per worker count (best of --repeat):
  sentiment      tgd.sentiment(bag).compute()          (VADER, document level)
  fit            tgd.fit_vocabulary(bag, min_df=2)      (unigrams, global-df pruning)
  transform      tgd.transform(cv, bag), each block's nnz computed on the workers
  fit bigrams    tgd.fit_vocabulary(bag, ngram_range=(1, 2), min_df=2)
MB/s = file size / time. Ratios: 2 workers over 1, and each over one process doing the
same thing, reading the file included (textgauge with one thread).
"""

from __future__ import annotations

import os
import pickle
from typing import Any

import harness


def _nnz(block: object) -> int:
    return int(block.nnz)  # type: ignore[attr-defined]


def _warm_up() -> None:
    import textgauge.dask as tgd
    import textgauge.sklearn  # noqa: F401

    tgd._default_analyzer("vader")


def _strip(line: str) -> str:
    return line.rstrip("\n")


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--path", default=str(harness.NEWS))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--blocksize", default="1MB")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import dask
    import dask.bag as db
    import distributed

    import textgauge as tg
    import textgauge.dask as tgd
    from textgauge import _core
    from textgauge.sklearn import CountVectorizer

    path = harness.require(args.path)
    mb = path.stat().st_size / 1e6
    lines = path.read_text(encoding="utf-8").splitlines()
    print(
        f"{path.name}: {mb:.1f} MB, {len(lines):,} lines; "
        f"textgauge {tg.__version__}, dask {dask.__version__}, "
        f"{os.cpu_count()} cores here"
    )

    # ---- one process, one thread: the baseline -----------------------------------------
    # Each reads the file too, as the workers do.
    def read() -> list[str]:
        return path.read_text(encoding="utf-8").splitlines()

    sia = tg.SentimentIntensityAnalyzer()
    local = {
        "sentiment": harness.best(lambda: sia.score(read(), threads=1), args.repeat),
        "fit": harness.best(lambda: CountVectorizer(min_df=2).fit(read()), args.repeat),
    }
    cv_local = CountVectorizer(min_df=2).fit(lines)
    local["transform"] = harness.best(lambda: cv_local.transform(read()).nnz, args.repeat)
    local["fit bigrams"] = harness.best(
        lambda: CountVectorizer(ngram_range=(1, 2), min_df=2).fit(read()), args.repeat
    )

    # ---- worker memory: partial statistics and vocabulary --------------------------------
    bag = db.read_text(str(path), blocksize=args.blocksize).map(_strip)
    n_parts = bag.npartitions
    per = len(lines) // n_parts
    print(f"\npartitions: {n_parts} (blocksize {args.blocksize}, ~{per:,} lines each)")
    configs: list[tuple[str, dict[str, Any]]] = [
        ("unigrams", {}),
        ("uni+bigrams", {"ngram_range": (1, 2)}),
    ]
    for label, params in configs:
        opts = CountVectorizer(**params)._engine_options()
        part = _core.vectorize.stats(opts, lines[:per], threads=1)
        whole = CountVectorizer(min_df=2, **params).partial_fit(lines)
        stats = whole.term_stats_
        slim = tgd._slim(whole)
        print(
            f"  {label:12s} one partition: {len(part):>9,} terms, "
            f"pickled {len(pickle.dumps(part)) / 1e6:6.2f} MB"
            f" | merged: {len(stats):>9,} terms, pickled {len(pickle.dumps(stats)) / 1e6:6.2f} MB"
            f" | vocabulary (min_df=2): {len(whole.get_feature_names_out()):>9,} terms,"
            f" fitted vectorizer pickled {len(pickle.dumps(slim)) / 1e6:6.2f} MB"
        )

    # ---- LocalCluster ------------------------------------------------------------------
    results: dict[int, dict[str, float]] = {}
    for n in [int(x) for x in args.workers.split(",")]:
        with (
            distributed.LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            client.run(_warm_up)  # imports and the lexicon are paid once per worker, not per task
            r: dict[str, float] = {}
            r["sentiment"] = harness.best(lambda: tgd.sentiment(bag).compute(), args.repeat)
            r["fit"] = harness.best(lambda: tgd.fit_vocabulary(bag, min_df=2), args.repeat)
            cv = tgd.fit_vocabulary(bag, min_df=2)
            X = tgd.transform(cv, bag)

            def nnz(X: Any = X) -> int:
                blocks = X.to_delayed().ravel().tolist()
                return sum(dask.compute(*[dask.delayed(_nnz)(b) for b in blocks]))

            r["transform"] = harness.best(nnz, args.repeat)
            r["fit bigrams"] = harness.best(
                lambda: tgd.fit_vocabulary(bag, ngram_range=(1, 2), min_df=2), args.repeat
            )
            results[n] = r

    print(f"\nthroughput (MB/s; best of {args.repeat})")
    cols = [f"{n} worker{'s' if n > 1 else ''}" for n in results]
    print(
        f"  {'task':12s} {'1 process':>10s} "
        + " ".join(f"{c:>10s}" for c in cols)
        + "  "
        + " ".join(f"{'x/1proc ' + str(n) + 'w':>11s}" for n in results)
        + ("  2w/1w" if 1 in results and 2 in results else "")
    )
    for task, t_local in local.items():
        row = f"  {task:12s} {mb / t_local:10.1f} " + " ".join(
            f"{mb / results[n][task]:10.1f}" for n in results
        )
        row += "  " + " ".join(harness.ratio(t_local, results[n][task], 10, 2) for n in results)
        if 1 in results and 2 in results:
            row += f"  {harness.ratio(results[1][task], results[2][task], 4, 2)}"
        print(row)


if __name__ == "__main__":
    main()
