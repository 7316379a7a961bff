"""gensim's Phrases against textgauge's on the 2,225 BBC articles, in the same run.

    .venv/bin/python bench/phrases.py [--repeat 3] [--bbc ../shared/corpora/bbc]

Both learn a Phrases model from the same sentences (the corpus's terms per sentence, cut at
punctuation; gensim gets the token lists ready-made, so neither side pays for tokenization)
and export its phrases (``export_phrases()``), once without connector words and once with
``ENGLISH_CONNECTOR_WORDS``; the phrase dicts must be identical. Prints both times (best of
--repeat) and the ratio, in wall-clock time and in the process's CPU time
(``time.process_time``): both sides run on one thread, so on a shared machine the CPU time is
the fairer measure (wall time there includes the time other processes held the cores).

Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import harness
import textgauge as tg
from textgauge.phrases import ENGLISH_CONNECTOR_WORDS


def cpu_best(fn: Callable[[], object], repeat: int) -> float:
    """The least CPU time (this process, all threads) of ``repeat`` runs."""
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
    args = ap.parse_args()
    texts = harness.bbc_texts(args.bbc)
    t0 = time.perf_counter()
    corpus = tg.Corpus.from_texts(texts, threads=1)
    print(f"{len(texts)} articles; corpus built in {time.perf_counter() - t0:.2f} s")

    from gensim.models.phrases import Phrases

    for name, connectors in (
        ("no connector words", frozenset()),
        ("English connector words", ENGLISH_CONNECTOR_WORDS),
    ):
        sents = tg.Phrases(connector_words=connectors).sentences(corpus)

        def gensim_run(
            sents: list[list[str]] = sents, connectors: Any = connectors
        ) -> dict[str, float]:
            model = Phrases(sents, min_count=5, threshold=10.0, connector_words=connectors)
            return model.export_phrases()  # type: ignore[no-any-return]

        def tg_run(connectors: Any = connectors) -> dict[str, float]:
            return tg.Phrases(
                corpus, min_count=5, threshold=10.0, connector_words=connectors
            ).export_phrases()

        t_ref, ref = harness.best_of(gensim_run, args.repeat)
        t_tg, got = harness.best_of(tg_run, args.repeat)
        assert got == ref, "phrases differ from gensim's"
        c_ref, c_tg = cpu_best(gensim_run, args.repeat), cpu_best(tg_run, args.repeat)
        n = sum(map(len, sents))
        print(f"\nPhrases + export_phrases, {name}, {n:,} tokens, {len(ref):,} phrases")
        print("                       wall (best)            CPU (best)")
        print(f"  gensim Phrases       {t_ref:8.3f} s             {c_ref:8.3f} s")
        print(
            f"  textgauge Phrases    {t_tg:8.3f} s {harness.ratio(t_ref, t_tg)}    "
            f"{c_tg:8.3f} s {harness.ratio(c_ref, c_tg)}"
        )


if __name__ == "__main__":
    main()
