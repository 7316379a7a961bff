"""Frequency, keyness (vs scipy.stats and quanteda's formulas), entropy and summary."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency, fisher_exact
from scipy.stats import entropy as sp_entropy

import textgauge as tg


@pytest.fixture(scope="module")
def bbc(bbc_files: list[Path]) -> tuple[tg.Corpus, list[str]]:
    files = bbc_files[::10]
    corpus = tg.Corpus.from_files(files)
    topics = [f.parent.name for f in files]
    return corpus, topics


def _term_counts(corpus: tg.Corpus, mask: Any) -> Counter[str]:
    tok = corpus.tokens
    tok = tok[tok["kind"].isin(["word", "number"])]
    docs = np.asarray(corpus.ids, dtype=object)[np.flatnonzero(mask)]
    return Counter(tok[tok["document"].isin(set(docs))]["term"].astype(str))


def test_frequency_matches_counter_and_ranks(bbc: tuple[tg.Corpus, list[str]]) -> None:
    corpus, topics = bbc
    df = corpus.frequency(groups=topics, n=50)
    for topic in ("sport", "tech"):
        mask = np.array(topics) == topic
        counts = _term_counts(corpus, mask)
        part = df[df["group"] == topic]
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:50]
        assert part[["term", "frequency"]].values.tolist() == [list(t) for t in top]
        freqs = np.array([c for _, c in top])
        assert part["rank"].tolist() == [1 + int((freqs > f).sum()) for f in freqs]  # ties="min"
    # docfreq: documents of the group holding the term
    tok = corpus.tokens
    sport_docs = set(np.asarray(corpus.ids, dtype=object)[np.array(topics) == "sport"])
    the = tok[(tok["term"] == "the") & tok["document"].isin(sport_docs)]["document"].nunique()
    assert df[(df["group"] == "sport") & (df["term"] == "the")]["docfreq"].item() == the


def test_frequency_ties_methods() -> None:
    c = tg.Corpus.from_texts(["a a b b c d d d"])
    assert c.frequency(ties="min")["rank"].tolist() == [1, 2, 2, 4]
    assert c.frequency(ties="dense")["rank"].tolist() == [1, 2, 2, 3]
    assert c.frequency(ties="first")["rank"].tolist() == [1, 2, 3, 4]
    assert c.frequency(ties="average")["rank"].tolist() == [1, 2.5, 2.5, 4]


def test_quanteda_reference_values() -> None:
    # docs/termstats.md#keyness (a=10, b=2, T=R=1000; a=3, b=0).
    def k(a: int, b: int, measure: str, correction: str) -> dict[str, Any]:
        return tg._core.stats.keyness(
            [float(a)], [float(b)], 1000.0, 1000.0, measure=measure, correction=correction
        )

    assert k(10, 2, "chi2", "yates")["statistic"][0] == pytest.approx(5.3655, abs=5e-5)
    assert k(10, 2, "lr", "none")["statistic"][0] == pytest.approx(5.8543, abs=5e-5)
    assert k(10, 2, "pmi", "none")["statistic"][0] == pytest.approx(0.5108, abs=5e-5)
    assert k(3, 0, "chi2", "yates")["statistic"][0] == pytest.approx(1.3353, abs=5e-5)
    assert k(3, 0, "chi2", "none")["statistic"][0] == pytest.approx(3.0045, abs=5e-5)
    assert k(3, 0, "lr", "yates")["statistic"][0] == pytest.approx(1.4575, abs=5e-5)
    assert k(3, 0, "lr", "none")["statistic"][0] == pytest.approx(4.1634, abs=5e-5)


def test_keyness_matches_scipy_on_bbc(bbc: tuple[tg.Corpus, list[str]]) -> None:
    corpus, topics = bbc
    target = np.array(topics) == "sport"
    a_counts, b_counts = _term_counts(corpus, target), _term_counts(corpus, ~target)
    T, R = sum(a_counts.values()), sum(b_counts.values())
    none = corpus.keyness(target, measure="chi2", correction="none").set_index("term")
    yates = corpus.keyness(target, measure="chi2", correction="yates").set_index("term")
    lr = corpus.keyness(target, measure="lr", correction="none").set_index("term")
    will = corpus.keyness(target, measure="lr").set_index("term")  # default: Williams
    pmi = corpus.keyness(target, measure="pmi").set_index("term")
    assert len(none) == len(set(a_counts) | set(b_counts))
    rng = np.random.default_rng(0)
    terms = sorted(set(a_counts) | set(b_counts))
    for term in rng.choice(terms, 400, replace=False).tolist() + ["the", "match", "said"]:
        a, b = a_counts[term], b_counts[term]
        table = np.array([[a, b], [T - a, R - b]])
        sign = 1 if a > (a + b) * T / (T + R) else -1
        stat, p, _, expected = chi2_contingency(table, correction=False)
        assert none.loc[term, "chi2"] == pytest.approx(sign * stat, rel=1e-12, abs=1e-300)
        assert none.loc[term, "p"] == pytest.approx(p, rel=1e-9)
        assert none.loc[term, "n_target"] == a and none.loc[term, "n_reference"] == b
        # Yates as scipy applies it, where quanteda's rule applies it too
        if abs(a * (R - b) - b * (T - a)) >= (T + R) / 2 and (expected < 5).any():
            ystat = chi2_contingency(table, correction=True)[0]
            assert yates.loc[term, "chi2"] == pytest.approx(sign * ystat, rel=1e-12)
        else:
            assert yates.loc[term, "chi2"] == none.loc[term, "chi2"]
        g = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert lr.loc[term, "lr"] == pytest.approx(sign * g, rel=1e-10, abs=1e-12)
        N = T + R
        c, d = T - a, R - b
        q = (
            1 + (N / (a + b) + N / (c + d) - 1) * (N / (a + c) + N / (b + d) - 1) / (6 * N)
            if a * b
            else 1.0
        )
        assert will.loc[term, "lr"] == pytest.approx(sign * g / q, rel=1e-10, abs=1e-12)
        E = (a + b) * (a + c) / N
        assert pmi.loc[term, "pmi"] == pytest.approx(math.log(a / E) if a else -math.inf, rel=1e-12)
        lr_ratio = math.log2(((a or 0.5) / T) / ((b or 0.5) / R))
        assert none.loc[term, "log_ratio"] == pytest.approx(lr_ratio, rel=1e-12)
        assert none.loc[term, "p"] == pytest.approx(
            chi2.sf(abs(none.loc[term, "chi2"]), 1), rel=1e-9
        )


def test_exact_matches_fisher_exact(bbc: tuple[tg.Corpus, list[str]]) -> None:
    corpus, topics = bbc
    target = np.array(topics) == "tech"
    ex = corpus.keyness(target, measure="exact").set_index("term")
    a_counts, b_counts = _term_counts(corpus, target), _term_counts(corpus, ~target)
    T, R = sum(a_counts.values()), sum(b_counts.values())
    for term in ["the", "software", "mobile", "film", "said", "users", "goal"]:
        a, b = a_counts[term], b_counts[term]
        res = fisher_exact(np.array([[a, b], [T - a, R - b]]))
        assert ex.loc[term, "odds_ratio"] == pytest.approx(res.statistic, rel=1e-12)
        assert ex.loc[term, "p"] == pytest.approx(res.pvalue, rel=1e-9, abs=1e-300)


def test_group_labels_and_external_reference(bbc: tuple[tg.Corpus, list[str]]) -> None:
    corpus, topics = bbc
    by_label = corpus.keyness("sport", groups=topics, measure="lr")
    by_mask = corpus.keyness(np.array(topics) == "sport", measure="lr")
    pd.testing.assert_frame_equal(by_label, by_mask)
    two = corpus.keyness("sport", reference="tech", groups=topics, correction="none")
    ref_counts = _term_counts(corpus, np.array(topics) == "tech")
    table = pd.DataFrame({"term": list(ref_counts), "frequency": list(ref_counts.values())})
    ext = corpus.keyness("sport", reference=table, groups=topics, correction="none")
    merged = two.merge(ext, on="term", suffixes=("", "_ext"))
    np.testing.assert_allclose(merged["chi2"], merged["chi2_ext"], rtol=1e-12)
    assert (merged["n_reference"] == merged["n_reference_ext"]).all()
    with pytest.raises(ValueError, match="both"):
        corpus.keyness(np.ones(len(corpus), bool), reference=np.ones(len(corpus), bool))


def test_entropy_matches_scipy(bbc: tuple[tg.Corpus, list[str]]) -> None:
    corpus, _ = bbc
    df = corpus.entropy()
    counts = _term_counts(corpus, np.arange(len(corpus)) == 3)
    assert df["entropy"][3] == pytest.approx(sp_entropy(list(counts.values()), base=2), rel=1e-12)
    feat = corpus.entropy(margin="features", base=math.e).set_index("term")
    tok = corpus.tokens
    per_doc = tok[tok["term"] == "oil"].groupby("document", observed=True).size()
    assert feat.loc["oil", "entropy"] == pytest.approx(sp_entropy(per_doc.to_numpy()), rel=1e-12)


def test_summary_hand_table() -> None:
    c = tg.Corpus.from_texts(["Hi, 2 you! Hi €.\n\nBye", ""], ids=["x", "y"])
    s = c.summary()
    assert s.columns.tolist() == [
        "document",
        "chars",
        "paragraphs",
        "sentences",
        "tokens",
        "types",
        "words",
        "numbers",
        "punctuation",
        "symbols",
    ]
    assert s.iloc[0].tolist() == ["x", 21, 2, 3, 9, 8, 4, 1, 3, 1]
    assert s.iloc[1].tolist() == ["y", 0, 0, 0, 0, 0, 0, 0, 0, 0]
