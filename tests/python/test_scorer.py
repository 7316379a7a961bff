"""textgauge's own scorer (textgauge.scorer): shipped parameters, rules, explain, bounds."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorer_reference as ref
import textgauge as tg
from conftest import ROOT, SHARED, require
from textgauge import scorer


def _fit_module() -> Any:
    spec = importlib.util.spec_from_file_location("fit_scorer", ROOT / "tools" / "fit_scorer.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_params_are_small() -> None:
    data = json.loads((ROOT / "python/textgauge/data/scorer_params.json").read_text())
    assert data["n_params"] == len(data["vector"]) == scorer.N_PARAMS <= 64


def _hand(text_rows: list[list[float]], amp: float, n: int) -> float:
    # The model written out for one text, term by term, from the shipped vector.
    p = scorer.param_vector()
    total = 0.0
    for r in text_rows:
        pattern = (r[0] != 0) + 2 * (r[1] != 0) + 4 * (r[2] != 0)
        mult = p[10] ** (r[5] + r[7]) * 1.25 ** r[6]
        mult *= p[11] if r[8] < 0 else (p[12] if r[8] > 0 else 1.0)
        mult *= p[19 + pattern - 1] * (1 - p[26] * r[14])
        mult *= 1.0 if r[11] == 0 else 0.0  # a news rule: the word counts nothing
        for li in range(3):
            v = r[li] * scorer.LEX_SCALE[li]
            if v == 0:
                continue
            s = math.copysign(1.0, v)
            v = s * abs(v / 2) ** p[18] * 2
            if li == 1:
                v *= 1 - p[17] + p[17] * r[9]
            vv = (v + s * (r[3] + p[9] * r[4]) * p[6 + li]) * mult
            total += (p[2 * li] if v > 0 else p[2 * li + 1]) * vv
    z = total + (p[13] * amp * math.copysign(1.0, total) if total else 0.0)
    z /= (1 + n / (abs(p[14]) + 1)) ** abs(p[15])
    return float(z / math.sqrt(z * z + p[16] ** 2))


TEXTS = [
    "a great film",
    "The film was not good at all.",
    "It is VERY bad, but the ending is lovely!!",
    "But, like previous dialogues, the talks ended without a deal.",
    "Russia is no closer to a settlement and no longer talks.",
    "Ministers, as well as officials, came; well over 300 people attended.",
    "The army will allow local residents to escape.",
    "The United States and the Supreme Court disagreed.",
    "sooo goooood :)",
    "",
    "the least good idea, at least good enough",
]


@pytest.mark.parametrize("text", TEXTS)
def test_score_matches_the_model_by_hand(text: str) -> None:
    rows, amp, n, _ = scorer.token_rows(text)
    assert scorer.score([text])[0] == pytest.approx(_hand(rows, amp, n), abs=1e-12)


def test_rules_fire_where_the_issue_says() -> None:
    def rules(text: str) -> dict[str, str]:
        f = scorer.explain(text)
        return dict(zip(f["token"], f["rules"]))

    assert "like-preposition" in rules("But, like previous dialogues, it failed")["like"]
    assert "like-preposition" not in rules("I like previous dialogues")["like"]
    assert "well-function-word" in rules("ministers as well as officials")["well"]
    assert "well-function-word" in rules("well over 300 people")["well"]
    assert "no-determiner" in rules("Russia is no closer to peace")["no"]
    assert "allow-to" in rules("they allow local residents to escape")["allow"]
    assert "name" in rules("the talks in the United States failed")["United"]
    # a rule's word counts nothing; the same word in its other sense counts in full
    f = scorer.explain("But, like previous dialogues")
    prep = f.loc[f["token"] == "like", "vader_contribution"].item()
    f = scorer.explain("I like it")
    verb = f.loc[f["token"] == "like", "vader_contribution"].item()
    assert verb > 0.0 and prep == 0.0
    # a name loses a fitted share of its value, in [0, 1]
    assert 0.0 <= scorer.param_vector()[26] <= 1.0


def test_title_case_is_the_same_on_the_ascii_and_the_generic_paths() -> None:
    # The name rule's title case is the reference's _title (len > 1, x[0].isupper(),
    # x[1:].islower()), not str.istitle(): `Top-notch` is title case, `I` and `A` are not.
    assert [ref._title(w) for w in ("Top-notch", "I", "A", "Happy", "Top-Notch")] == [
        True,
        False,
        False,
        True,
        False,
    ]
    assert not "Top-notch".istitle() and "I".istitle() and "A".istitle()  # where they differ
    # The ASCII split decides it from the bytes for the tokens outside VADER's lexicon (`I`,
    # `A`, `Top-notch`, `Service`). A trailing no-break space (whitespace to str.split, so
    # the same tokens) sends the text down the generic path, which decides it through PyStr;
    # a non-ASCII letter would not (the ASCII split takes plain non-ASCII words).
    text = "we saw the Top-notch Service and met I Happy A man there today with many good friends"
    fast = scorer.token_rows(text)
    generic = scorer.token_rows(text + "\u00a0")
    assert fast == generic == ref.token_rows(text)
    rows, _, _, toks = fast
    names = {toks[int(r[12])]: r[14] for r in rows}
    assert names["Top-notch"] == 1.0  # next to `Service`
    assert names["Happy"] == 0.0  # between `I` and `A`, neither title case
    texts = ["Top-notch Service", "I Met A Happy Man", "Met A Happy Man", text]
    a = tg.sentiment(texts, method="textgauge")
    b = tg.sentiment([t + "\u00a0" for t in texts], method="textgauge")
    assert np.array_equal(a.to_numpy(), b.to_numpy())


def test_a_question_keeps_a_share_of_its_words_values() -> None:
    # the sentence's first run of .!? decides: `?!` holds a `?`, `.` does not
    f = scorer.explain("Is it a good plan?! It is a good plan.")
    good = f.loc[f["token"] == "good"]
    assert list(good["rules"]) == ["question", ""]
    q = scorer.param_vector()[27]
    assert 0.0 < q < 1.0
    for name in scorer.LEX_NAMES:
        asked, said = good[f"{name}_contribution"]
        assert asked == pytest.approx(q * said, rel=1e-12), name


def test_negation_and_but_apply_to_every_lexicon() -> None:
    pos = scorer.explain("a good plan")
    neg = scorer.explain("not a good plan")
    p = scorer.param_vector()
    for name in scorer.LEX_NAMES:
        a = pos.loc[pos["token"] == "good", f"{name}_contribution"].item()
        b = neg.loc[neg["token"] == "good", f"{name}_contribution"].item()
        assert a > 0 and b < 0, name
    rows, _, _, _ = scorer.token_rows("good but bad")
    assert [r[8] for r in rows] == [-1, 1]  # before and after the first `but`
    assert p[11] < p[12]  # fitted: what follows `but` weighs more than what precedes it


@pytest.mark.parametrize("text", TEXTS)
def test_explain_sums_to_the_score(text: str) -> None:
    f = scorer.explain(text)
    parts = f[[f"{n}_contribution" for n in scorer.LEX_NAMES]].to_numpy().sum()
    assert parts == pytest.approx(scorer.score([text])[0], abs=1e-12)


def test_bounds_and_long_texts() -> None:
    texts = TEXTS + ["great! " * 5000, "awful terrible horrible " * 3000, "NO NO NO!!!! ??? " * 50]
    s = scorer.score(texts)
    assert np.all(np.abs(s) <= 1.0)
    # repeated, a sentence keeps its sign and grows (the damping is n**-0.77, not a mean)
    one, many = scorer.score(
        ["The plan is good, though costly.", "The plan is good, though costly. " * 40]
    )
    assert 0 < one < many < 1


def test_threads_do_not_change_scores() -> None:
    assert np.array_equal(scorer.score(TEXTS, threads=1), scorer.score(TEXTS, threads=2))


def test_method_frame_contract() -> None:
    f = scorer._method_frame(TEXTS, threads=1)
    assert next(iter(f.columns)) == "polarity" and len(f) == len(TEXTS)
    assert np.array_equal(f["polarity"].to_numpy(), scorer.score(TEXTS))


def test_fit_script_predictions_equal_the_scorer() -> None:
    fit = _fit_module()
    rows = [(str(i), 0.0, t) for i, t in enumerate(TEXTS)]
    batch = fit.Set(rows).predict(scorer.param_vector())
    assert np.allclose(batch, scorer.score(TEXTS), rtol=0, atol=1e-12)


@pytest.mark.shared_data
@pytest.mark.slow
def test_shipped_dev_figures_reproduce() -> None:
    require(SHARED / "data" / "sentiment_dev")
    fit = _fit_module()
    report = json.loads((ROOT / "python/textgauge/data/scorer_params.json").read_text())["report"]
    for s in fit.SETS:
        d = fit.Set(fit.load(s))
        assert round(fit.pearson(d.predict(scorer.param_vector()), d.y), 4) == report[s]["dev_r"]


@pytest.mark.shared_data
@pytest.mark.slow
def test_bbc_articles_do_not_saturate(bbc_files: list[Path]) -> None:
    texts = [p.read_bytes().decode("utf-8", "replace") for p in bbc_files]
    s = scorer.score(texts)
    # whole articles, each the token-weighted mean of its paragraphs: none saturates
    # (VADER's compound: about 23%)
    assert np.mean(np.abs(s) > 0.99) <= 0.02
    for text, got in list(zip(texts, s))[::50]:
        pars = [text[a:b] for a, b in scorer.paragraphs(text)]
        n = np.array([_tokens(t) for t in pars])
        assert got == pytest.approx(scorer.aggregate(scorer.score(pars), n), abs=1e-12)


_WORDS = ["good", "bad", "not", "no", "great", "awful", "the", "film", "plot", "LOL", ":)"]
_WORDS += ["well", "like", "escape", "closer", "very", "but", "!!", "?"]


def _tokens(text: str) -> float:
    return float(scorer.token_rows(text)[2])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(" ".join),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["\n", "\n\n", "\r\n \n"]),
)
def test_a_document_is_the_token_weighted_mean_of_its_lines(pars: list[str], sep: str) -> None:
    doc = sep.join(pars)
    spans = scorer.paragraphs(doc)
    assert [doc[a:b] for a, b in spans] == (pars if len(pars) > 1 else [doc])
    each = scorer.score(pars)
    n = np.array([_tokens(p) for p in pars])
    mean = scorer.aggregate(each, n)
    got = scorer.score([doc])[0]
    assert got == pytest.approx(mean, abs=1e-12)
    # never a sign the paragraphs' mean does not have; all positive paragraphs: positive
    assert np.sign(got) == np.sign(round(float((n * each).sum()), 12))
    if (each > 0).all():
        assert got > 0
    ex = scorer.explain(doc)
    assert ex["contribution"].sum() == pytest.approx(got, abs=1e-12)
    assert ex.attrs["polarity"] == pytest.approx(got, abs=1e-15)


def test_document_and_corpus_levels_agree_with_the_mean() -> None:
    text = "A great, happy day.\n\nThe talks failed badly!\n\nNothing else was said."
    doc = tg.Document(text)
    pars = doc.sentiment("paragraph", method="textgauge")
    n = np.array([_tokens(t) for t in pars["text"]])
    whole = doc.sentiment("document", method="textgauge")["polarity"][0]
    assert whole == pytest.approx(scorer.aggregate(pars["polarity"].to_numpy(), n), abs=1e-12)
    assert whole == tg.sentiment([text], method="textgauge")["polarity"][0]
    # lines as paragraphs: the same document score (a paragraph is the mean of its lines)
    lines = tg.Document(text.replace("\n\n", "\n").replace(". ", ".\n"), paragraphs="line")
    by_line = lines.sentiment("paragraph", method="textgauge")
    m = np.array([_tokens(t) for t in by_line["text"]])
    assert lines.sentiment("document", method="textgauge")["polarity"][0] == pytest.approx(
        scorer.aggregate(by_line["polarity"].to_numpy(), m), abs=1e-12
    )
    corpus = tg.Corpus.from_texts([text, "Fine."])
    assert corpus.sentiment("document", method="textgauge")["polarity"][0] == whole
    # by hand: 4, 4 and 4 VADER tokens
    assert n.tolist() == [4.0, 4.0, 4.0]
    p = pars["polarity"].tolist()
    assert whole == pytest.approx((4 * p[0] + 4 * p[1] + 4 * p[2]) / 12, abs=1e-12)
    # one paragraph (trailing blank lines aside) keeps its own score
    assert scorer.score(["Good.\n\n\n"])[0] == scorer.score(["Good."])[0]
    assert scorer.paragraphs("Good.\n\n\n") == [(0, 8)]
    assert scorer.score(["\n\n \n"])[0] == 0.0
