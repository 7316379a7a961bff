"""Dictionary lookup over the news paragraphs: a 5,000-entry dictionary with globs and
multi-word entries, one thread.

    .venv/bin/python bench/lookup.py [--repeat 5] [--news ../shared/corpora/news_paragraphs.txt]
                                     [--entries 5000] [--lines N]

The dictionary is generated from the corpus itself (so that its entries match): 20
categories sharing 60% fixed words, 20% prefix globs (``word*``), 2% other globs
(``w*d``, ``?ord``) and 18% multi-word entries (the corpus's bigrams and trigrams, some with
a glob word). ``corpus.lookup`` is timed (best of --repeat) at document and sentence level;
MB/s is the text's UTF-8 size over that time; on a machine shared with other jobs the
process's CPU time (``time.process_time``) is printed too. The lookup itself is
single-threaded (one pass over the interned terms); the corpus is built beforehand and its
time is printed apart.
A brute-force Python count of the same dictionary (the one in tests/python/test_dictionary.py)
is run on the first 2,000 paragraphs, in the same run, for the ratio.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import harness
import textgauge as tg


def make_dictionary(corpus: tg.Corpus, n: int, seed: int = 0) -> tg.Dictionary:
    rng = random.Random(seed)
    words = [t for t in corpus.vocabulary if t.isalpha() and len(t) > 2]
    tok = corpus.tokens
    terms = tok["term"].astype(str).tolist()[:2_000_000]
    grams = sorted({f"{a} {b}" for a, b in zip(terms, terms[1:]) if a.isalpha() and b.isalpha()})
    tri = sorted(
        {
            f"{a} {b} {c}"
            for a, b, c in zip(terms[:300_000], terms[1:], terms[2:])
            if a.isalpha() and b.isalpha() and c.isalpha()
        }
    )
    fixed = rng.sample(words, int(n * 0.60))
    prefix = sorted({w[: rng.randint(3, 6)] + "*" for w in rng.sample(words, int(n * 0.25))})
    prefix = prefix[: int(n * 0.20)]
    other = [w[0] + "*" + w[-1] for w in rng.sample(words, int(n * 0.01))]
    other += ["?" + w[1:] for w in rng.sample(words, int(n * 0.01))]
    multi = rng.sample(grams, int(n * 0.12)) + rng.sample(tri, int(n * 0.04))
    multi += [g.split()[0] + " " + g.split()[1][:3] + "*" for g in rng.sample(grams, int(n * 0.02))]
    entries = fixed + prefix + other + multi
    entries += rng.sample(words, n - len(entries)) if len(entries) < n else []
    rng.shuffle(entries)
    cats: dict[str, list[str]] = {}
    for i, e in enumerate(entries[:n]):
        cats.setdefault(f"cat{i % 20:02d}", []).append(e)
    return tg.Dictionary(cats)


def _brute_force() -> Any:
    """tests/python/test_dictionary.py's brute force (loaded from its file: it imports
    ``conftest`` from its folder, which is put in sys.modules first)."""
    folder = harness.BENCH.parent / "tests" / "python"
    for name in ("conftest", "test_dictionary"):
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module.brute_force


def main() -> None:
    ap = harness.parser(__doc__)
    ap.add_argument("--news", type=Path, default=harness.NEWS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--lines", type=int, default=None, help="only the first N paragraphs")
    args = ap.parse_args()
    lines = harness.require(args.news).read_text(encoding="utf-8").splitlines()[: args.lines]
    mb = sum(len(s.encode()) for s in lines) / 1e6

    t0 = time.perf_counter()
    corpus = tg.Corpus.from_texts(lines)
    t_corpus = time.perf_counter() - t0
    d = make_dictionary(corpus, args.entries)
    n_multi = sum(" " in e for k in d for e in d[k])
    n_glob = sum(("*" in e or "?" in e) and " " not in e for k in d for e in d[k])
    print(
        f"{len(lines):,} paragraphs, {mb:.1f} MB, {len(corpus.vocabulary):,} terms; corpus "
        f"built in {t_corpus:.2f} s (all cores)"
    )
    print(
        f"dictionary: {sum(len(d[k]) for k in d):,} entries in {len(d)} categories "
        f"({n_glob:,} single-word globs, {n_multi:,} multi-word)"
    )
    for level in ("document", "sentence"):
        cpu: list[float] = []

        def run(level: Any = level, cpu: list[float] = cpu) -> Any:
            c0 = time.process_time()
            out = corpus.lookup(d, level=level)
            cpu.append(time.process_time() - c0)
            return out

        t, df = harness.best_of(run, args.repeat)
        hits = int(df[list(d)].to_numpy().sum())
        print(
            f"  lookup level={level:<9} {t:7.3f} s  {mb / t:8.1f} MB/s wall, "
            f"{mb / min(cpu):8.1f} MB/s CPU time  ({hits:,} hits, {len(df):,} units)"
        )

    # the reference: the brute force of the tests on a slice, same dictionary
    brute_force = _brute_force()

    small_lines = lines[:2000]
    small = tg.Corpus.from_texts(small_lines)
    small_mb = sum(len(s.encode()) for s in small_lines) / 1e6
    t_ref, ref = harness.best_of(lambda: brute_force(small, d.flatten()), 1)
    t_tg, got = harness.best_of(lambda: small.lookup(d), args.repeat)
    same = np.array_equal(got[list(d)].to_numpy(), ref[0])
    print(
        f"  first 2,000 paragraphs ({small_mb:.2f} MB): brute force {t_ref:.2f} s, textgauge "
        f"{t_tg:.4f} s, ratio {harness.ratio(t_ref, t_tg)}, counts equal: {same}"
    )


if __name__ == "__main__":
    main()
