"""Arrow text in against a list of str, end to end: from a file of one text per line to
VADER scores and to a unigram document-term matrix, same run.

    .venv/bin/python bench/arrow_input.py [--repeat 3] [--threads 1]
        [--path ../shared/corpora/news_paragraphs.txt]

Two corpora: the news paragraphs (--path), and the short-text mix of every benchmark
(``harness.short_mix``: the tweets and review/editorial snippets of
../shared/data/sentiment_dev, then news leads), written to a temporary file of one text
per line first (not timed).

Each timing starts from the file's path and ends with the result:
  str    the file read and decoded, split into a Python list of str (``splitlines``),
         handed to ``score`` / ``CountVectorizer().fit_transform``;
  arrow  the file read by ``pyarrow.csv`` into a string column (one text per row; no
         str is made), handed to the same calls, which read the buffers in place (their
         UTF-8 checked by textgauge).
Runs alternate between the paths; prints the best of --repeat runs of each, in wall-clock
and in CPU seconds (all threads of the process: on a shared, loaded machine the wall
clock mostly measures waiting for a core, so with --threads 1 the CPU time is the
figure to compare), MB/s of UTF-8 input per CPU second, the ratios str/arrow, and
whether both paths give identical results; under each job, the engine alone on input
already read (the cost both paths share, which bounds the end-to-end ratio); then the
reading alone.
"""

from __future__ import annotations

import functools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import scipy.sparse as sp

import harness
import textgauge as tg
from textgauge.sklearn import CountVectorizer


def read_str(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def read_arrow(path: Path, threads: int) -> pa.ChunkedArray:
    """The file's lines as a string column, read by pyarrow.csv (no quoting, no
    delimiter that occurs): no str is made. pyarrow's own threads only when the bench
    runs on more than one. Blocks of 512 KiB, which the parser works through in cache:
    with 16 MiB blocks the same read took 1.3x (news) to 1.7x (short texts) the CPU
    time; the column then has one chunk per block, which the engines read in place."""
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(
            column_names=["text"], block_size=1 << 19, use_threads=threads > 1
        ),
        parse_options=pacsv.ParseOptions(delimiter="\x01", quote_char=False, escape_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={"text": pa.string()},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.column("text")


def same(a: Any, b: Any) -> bool:
    if isinstance(a, (sp.spmatrix, sp.sparray)):
        m: Any = a
        return bool(m.shape == b.shape and (m != b).nnz == 0)
    return bool(np.array_equal(a.to_numpy(), b.to_numpy()))


def _compose(run: Callable[[Any], Any], read: Callable[[], Any]) -> Any:
    return run(read())


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds (every thread of the process) of one run, and its result."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def bench(name: str, path: Path, threads: int, repeat: int) -> None:
    size = path.stat().st_size
    n = len(read_str(path))
    print(f"\n{name}: {n} texts, {size / 1e6:.1f} MB ({path})")
    sia = tg.SentimentIntensityAnalyzer()
    jobs: dict[str, Callable[[Any], Any]] = {
        "VADER score": lambda texts: sia.score(texts, threads=threads),
        "unigram fit_transform": lambda texts: CountVectorizer(n_jobs=threads).fit_transform(texts),
        "reading alone": lambda texts: texts,
    }
    readers: dict[str, Callable[[], Any]] = {
        "str": lambda: read_str(path),
        "arrow": lambda: read_arrow(path, threads),
    }
    for job, run in jobs.items():
        wall: dict[str, float] = {k: float("inf") for k in readers}
        cpu = dict(wall)
        results: dict[str, Any] = {}
        # Interleaved, so that both paths see the same load of a shared machine.
        for _ in range(max(repeat, 1)):
            for k, read in readers.items():
                w, c, results[k] = timed(functools.partial(_compose, run, read))
                wall[k], cpu[k] = min(wall[k], w), min(cpu[k], c)
        cells = "  ".join(
            f"{k} {wall[k]:6.3f} s wall, {cpu[k]:6.3f} s CPU ({size / 1e6 / cpu[k]:6.1f} MB/s)"
            for k in readers
        )
        check = (
            ""
            if job == "reading alone"
            else f"  identical: {same(results['str'], results['arrow'])}"
        )
        print(
            f"  {job:22s} {cells}  str/arrow wall {harness.ratio(wall['str'], wall['arrow'], 4, 2)}"
            f" CPU {harness.ratio(cpu['str'], cpu['arrow'], 4, 2)}{check}"
        )
        if job != "reading alone":
            shared(run, readers, repeat)


def shared(run: Callable[[Any], Any], readers: dict[str, Callable[[], Any]], repeat: int) -> None:
    """The engine alone, on input already read (CPU seconds, best of ``repeat``): the
    part of each timing above that both paths share. The end-to-end ratio can exceed
    (read_str + engine) / (read_arrow + engine) only as far as the engine's own input
    handling differs between the paths."""
    inputs = {k: read() for k, read in readers.items()}
    cpu = {
        k: min(timed(functools.partial(run, x))[1] for _ in range(max(repeat, 1)))
        for k, x in inputs.items()
    }
    print(
        "  "
        + " " * 22
        + " engine alone (input already read): "
        + ", ".join(f"{k} {c:6.3f} s CPU" for k, c in cpu.items())
    )


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--path", type=Path, default=harness.NEWS)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    news = harness.require(args.path)
    print(f"threads={args.threads}, best of {args.repeat}")
    bench("news paragraphs", news, args.threads, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short_texts.txt"
        # one line per text: a snippet's own line breaks become spaces
        lines = [" ".join(t.split()) for t in harness.short_mix()]
        short.write_text("\n".join(lines) + "\n", encoding="utf-8")
        bench("short texts", short, args.threads, args.repeat)


if __name__ == "__main__":
    main()
