"""Dictionary lookup (textgauge.dictionary): counts equal a brute-force count written from
quanteda's tokens_lookup() algorithm, for every entry kind, scope and level, on generated text
and the shared corpora; hand-computed cases of quanteda's documented semantics."""

from __future__ import annotations

import io
import pickle
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

import textgauge as tg
from conftest import local_paragraphs
from textgauge.dictionary import DEFAULT_NEGATORS

# The brute force -------------------------------------------------------------------------


def _normalise(word: str) -> str:
    """The corpus's default normalisation (NFC, case folding, quotes) of a pattern."""
    word = unicodedata.normalize("NFC", word).casefold()
    return word.translate(str.maketrans("‘’‚‛“”", "''''\"\""))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.compile(f"^{body}$", re.DOTALL)


def _word_matcher(word: str, valuetype: str) -> Any:
    if valuetype == "regex":
        rx = re.compile(word, re.IGNORECASE)
        return lambda t: rx.search(t) is not None
    w = _normalise(word)
    if valuetype == "fixed":
        return lambda t: t == w
    rx = _glob_regex(w)
    return lambda t: rx.match(t) is not None


def brute_force(
    corpus: tg.Corpus,
    flat: dict[str, list[str]],
    *,
    valuetype: str = "glob",
    nested_scope: str = "key",
    level: str = "document",
    kinds: Sequence[str] = ("word", "number"),
    negated: dict[str, str] | None = None,
    window: int = 3,
    negators: Sequence[str] = DEFAULT_NEGATORS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], dict[tuple[int, str], int]]:
    """(counts units x keys, tokens per unit, unmatched per unit, keys, unmatched term counts)
    by quanteda's algorithm: per segment, matches by span (longest first) and position."""
    keys = list(flat)
    negated = negated or {}
    for twin in negated.values():
        if twin not in keys:
            keys.append(twin)
    col = {k: i for i, k in enumerate(keys)}
    tok = corpus.tokens
    terms = tok["term"].astype(str).tolist()
    kind = tok["kind"].astype(str).tolist()
    position = {d: i for i, d in enumerate(corpus.ids)}
    doc = [position[d] for d in tok["document"]]
    par = tok["paragraph"].tolist()
    sen = tok["sentence"].tolist()
    if level == "document":
        unit_of = doc
        n_units = len(corpus)
    else:
        table = corpus.paragraphs if level == "paragraph" else corpus.sentences
        cols = ["document", "paragraph"] + (["sentence"] if level == "sentence" else [])
        index = {
            (position[r[0]], *r[1:]): i
            for i, r in enumerate(table[cols].itertuples(index=False, name=None))
        }
        unit_of = [
            index[(d, p) if level == "paragraph" else (d, p, s)] for d, p, s in zip(doc, par, sen)
        ]
        n_units = len(table)
    entries = [(k, e.split()) for k, es in flat.items() for e in es]
    matchers = {w: _word_matcher(w, valuetype) for _, ws in entries for w in ws}
    neg_rx = [_glob_regex(_normalise(n)) for n in negators]
    is_neg: dict[str, bool] = {}
    counts = np.zeros((n_units, len(keys)), np.int64)
    tokens = np.zeros(n_units, np.int64)
    unmatched = np.zeros(n_units, np.int64)
    unmatched_terms: dict[tuple[int, str], int] = defaultdict(int)
    memo: dict[tuple[str, str], bool] = {}

    def match(w: str, t: str) -> bool:
        if (w, t) not in memo:
            memo[(w, t)] = matchers[w](t)
        return memo[(w, t)]

    def negated_before(seg: list[int], i: int) -> bool:
        for k in seg[max(0, i - window) : i]:
            t = terms[k]
            if t not in is_neg:
                is_neg[t] = any(rx.match(t) for rx in neg_rx)
            if is_neg[t]:
                return True
        return False

    literal: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    patterned = []
    for key, words in entries:
        if valuetype == "fixed" or (valuetype == "glob" and not re.search(r"[*?]", words[0])):
            literal[_normalise(words[0])].append((key, words))
        else:
            patterned.append((key, words))
    starting: dict[str, list[tuple[str, list[str]]]] = {}  # term -> entries its first word matches

    def run(seg: list[int]) -> None:
        n = len(seg)
        found: dict[tuple[int, int], set[str]] = defaultdict(set)
        for i in range(n):
            t = terms[seg[i]]
            if t not in starting:  # literal first words by equality, the others by matching
                starting[t] = literal.get(t, []) + [
                    (k, ws) for k, ws in patterned if match(ws[0], t)
                ]
            for key, words in starting[t]:
                if i + len(words) <= n and all(
                    match(w, terms[seg[i + j]]) for j, w in enumerate(words)
                ):
                    found[(len(words), i)].add(key)
        local: dict[str, list[bool]] = defaultdict(lambda: [False] * n)
        glob = [False] * n
        for span, i in sorted(found, key=lambda si: (-si[0], si[1])):
            if nested_scope == "dictionary" and all(glob[i : i + span]):
                continue
            hit = False
            for key in sorted(found[(span, i)]):
                if any(local[key][i : i + span]):
                    continue
                local[key][i : i + span] = [True] * span
                hit = True
                target = key
                if key in negated and negated_before(seg, i):
                    target = negated[key]
                counts[unit_of[seg[i]], col[target]] += 1
            if hit:
                glob[i : i + span] = [True] * span
        for i, k in enumerate(seg):
            tokens[unit_of[k]] += 1
            if not glob[i]:
                unmatched[unit_of[k]] += 1
                unmatched_terms[(unit_of[k], terms[k])] += 1

    seg: list[int] = []
    last = None
    for k in range(len(terms)):
        if (doc[k], sen[k]) != last:
            run(seg)
            seg, last = [], (doc[k], sen[k])
        if kind[k] in kinds:
            seg.append(k)
        else:
            run(seg)
            seg = []
    run(seg)
    return counts, tokens, unmatched, keys, unmatched_terms


def check_equal(corpus: tg.Corpus, d: tg.Dictionary, **options: Any) -> None:
    negation = options.pop("negation", False)
    negated = {k: "NEG_" + k for k in d.keys} if negation else None
    counts, tokens, unmatched, keys, _ = brute_force(
        corpus, d.flatten(), negated=negated, **options
    )
    df = corpus.lookup(d, nomatch="_none", negation=negation, **options)
    assert list(df.columns[-len(keys) - 1 : -1]) == keys
    np.testing.assert_array_equal(df[keys].to_numpy(), counts)
    np.testing.assert_array_equal(df["tokens"].to_numpy(), tokens)
    np.testing.assert_array_equal(df["_none"].to_numpy(), unmatched)
    assert counts.sum() > 0  # the comparison saw matches


# Generated text with many overlapping multi-word matches --------------------------------

WORDS = ["a", "b", "c", "d", "ab", "abc", "Bc", "x", "don’t", "not", "no"]
NESTED = tg.Dictionary(
    {
        "K1": ["a b", "a b c", "a", "ab*"],
        "K2": ["b c", "b", "c d a"],
        "K3": ["a ?", "* c", "d"],
        "K4": {"x": ["x a b c d", "x"], "y": ["don't", "a b"]},
    }
)
REGEX = tg.Dictionary({"K1": ["^a", "b$"], "K2": ["^b c$ d", "^a$ ^b$"], "K3": ["x|d"]})
FIXED = tg.Dictionary({"K1": ["a b", "A", "abc"], "K2": ["a b c", "b"], "K3": ["Don’t a"]})


def generated_texts(seed: int, n: int = 60) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), rng.choice([",", "-", "7"]))
            sentences.append(" ".join(words) + rng.choice([".", "!", "?"]))
        out.append(" ".join(sentences) + ("\n\n" + "a b c d." if rng.random() < 0.3 else ""))
    return out


@pytest.fixture(scope="module")
def generated() -> tg.Corpus:
    return tg.Corpus.from_texts(generated_texts(1) + generated_texts(2))


@pytest.mark.parametrize("scope", ["key", "dictionary"])
@pytest.mark.parametrize("level", ["document", "paragraph", "sentence"])
@pytest.mark.parametrize(
    ("dictionary", "valuetype"), [(NESTED, "glob"), (REGEX, "regex"), (FIXED, "fixed")]
)
def test_generated_equals_brute_force(
    generated: tg.Corpus, dictionary: tg.Dictionary, valuetype: str, scope: str, level: str
) -> None:
    check_equal(generated, dictionary, valuetype=valuetype, nested_scope=scope, level=level)


@pytest.mark.parametrize("scope", ["key", "dictionary"])
def test_generated_negation_and_kinds(generated: tg.Corpus, scope: str) -> None:
    check_equal(generated, NESTED, nested_scope=scope, negation=True, level="sentence")
    check_equal(generated, NESTED, nested_scope=scope, kinds=["word", "number", "punctuation"])


def test_exclusive_false_keeps_unmatched_terms(generated: tg.Corpus) -> None:
    counts, _, _, keys, terms = brute_force(generated, NESTED.flatten(), level="sentence")
    X, names = generated.lookup(NESTED, level="sentence", exclusive=False, sparse=True)
    upper = [k.upper() for k in keys]
    assert list(names[: len(keys)]) == upper  # capkeys defaults to not exclusive
    dense = X.toarray()
    np.testing.assert_array_equal(dense[:, : len(keys)], counts)
    got = {
        (u, str(names[j])): int(dense[u, j])
        for u, j in zip(*np.nonzero(dense[:, len(keys) :]))
        for j in [j + len(keys)]
    }
    assert got == dict(terms)


def test_local_paragraphs_equal_brute_force() -> None:
    corpus = tg.Corpus.from_texts(local_paragraphs(120))
    vocab = [t for t in corpus.vocabulary if t.isalpha() and len(t) > 3]
    rng = random.Random(3)
    d = tg.Dictionary(
        {
            "fixed": rng.sample(vocab, 30),
            "prefix": [t[:4] + "*" for t in rng.sample(vocab, 30)],
            "inner": [t[0] + "*" + t[-1] for t in rng.sample(vocab, 10)] + ["?" * 5],
            "phrases": [f"{a} {b}" for a, b in zip(vocab, vocab[1:])][:200] + ["the *"],
        }
    )
    for scope in ("key", "dictionary"):
        check_equal(corpus, d, nested_scope=scope, level="sentence")


# The shared corpora --------------------------------------------------------------------


def _corpus_dictionary(corpus: tg.Corpus, seed: int) -> tg.Dictionary:
    """Entries from the corpus's own vocabulary and bigrams, so that they match."""
    tok = corpus.tokens
    words = [t for t in corpus.vocabulary if t.isalpha()]
    rng = random.Random(seed)
    terms = tok["term"].astype(str).tolist()
    bigrams = [f"{a} {b}" for a, b in zip(terms, terms[1:]) if a.isalpha() and b.isalpha()]
    trigrams = [f"{a} {b} {c}" for a, b, c in zip(terms, terms[1:], terms[2:]) if a.isalpha()]
    return tg.Dictionary(
        {
            "economy": ["econom*", "growth", "market*", "interest rate*", "bank of *"],
            "politics": ["elect*", "minister", "prime minister", "labour", "tory", "tories"],
            "sample": rng.sample(words, 200) + [w[:3] + "*" for w in rng.sample(words, 20)],
            "phrases": rng.sample(bigrams, 200) + rng.sample(trigrams, 50),
            "nested": {"sub": rng.sample(bigrams, 50), "words": rng.sample(words, 50)},
        }
    )


@pytest.fixture(scope="module")
def bbc_corpus(bbc_files: list[Any]) -> tg.Corpus:
    files = [f for f in bbc_files if f.parent.name in ("business", "politics")][::5]
    return tg.Corpus.from_files(files)


@pytest.mark.parametrize("scope", ["key", "dictionary"])
def test_bbc_equals_brute_force(bbc_corpus: tg.Corpus, scope: str) -> None:
    d = _corpus_dictionary(bbc_corpus, 0)
    check_equal(bbc_corpus, d, nested_scope=scope, level="paragraph", negation=scope == "key")


def test_bbc_regex_and_fixed(bbc_corpus: tg.Corpus) -> None:
    d = tg.Dictionary({"r": ["^econ", "ment$", "^prime$ ^minister$"], "s": ["^(uk|us)$"]})
    check_equal(bbc_corpus, d, valuetype="regex")
    check_equal(bbc_corpus, _corpus_dictionary(bbc_corpus, 1), valuetype="fixed")


def test_news_equals_brute_force(news_lines: list[str]) -> None:
    corpus = tg.Corpus.from_texts(news_lines[:1500])
    check_equal(corpus, _corpus_dictionary(corpus, 2), nested_scope="dictionary", level="sentence")


# quanteda's semantics, by hand -------------------------------------------------------------


def test_nested_scope_by_hand() -> None:
    # quanteda: "united states" (US) is longer than "united" (US) and "states" (state).
    d = tg.Dictionary({"US": ["united states", "united"], "state": ["states"]})
    c = tg.Corpus.from_texts(["The United States is united. States."])
    key = c.lookup(d)
    assert key[["US", "state"]].values.tolist() == [[2, 2]]
    whole = c.lookup(d, nested_scope="dictionary")
    assert whole[["US", "state"]].values.tolist() == [[2, 1]]


def test_overlap_within_a_key_counts_once() -> None:
    d = tg.Dictionary({"k": ["a b", "b c", "b"], "j": ["b c"]})
    c = tg.Corpus.from_texts(["a b c", "b c"])
    # doc 0: k takes "a b" first (left to right); "b c" and "b" overlap it; j takes "b c".
    assert c.lookup(d)[["k", "j"]].values.tolist() == [[1, 1], [1, 1]]
    # scope dictionary: "b c" of j is not all inside k's "a b", so it still counts.
    assert c.lookup(d, nested_scope="dictionary")[["k", "j"]].values.tolist() == [[1, 1], [1, 1]]


def test_phrases_do_not_cross_punctuation_or_sentences() -> None:
    d = tg.Dictionary({"ny": ["new york"]})
    c = tg.Corpus.from_texts(["New York. New, York. It is new. York is old. NEW  york"])
    # "New York" and "NEW  york"; not across the comma nor the sentence end
    assert c.lookup(d)["ny"].tolist() == [2]
    assert c.lookup(d, kinds=["word", "punctuation"])["ny"].tolist() == [2]


def test_quotes_and_case_follow_the_corpus() -> None:
    d = tg.Dictionary({"neg": ["DON’T", "can't stop"]})
    c = tg.Corpus.from_texts(["Don't. I don’t. Can’t stop!"])
    assert c.lookup(d)["neg"].tolist() == [3]
    kept = tg.Corpus.from_texts(["Don't. I don’t."], casefold=False, unify_quotes=False)
    assert kept.lookup(d)["neg"].tolist() == [0]
    assert kept.lookup(tg.Dictionary({"neg": ["Don't"]}))["neg"].tolist() == [1]


def test_levels_capkeys_proportions_sparse() -> None:
    d = tg.Dictionary({"top": {"a": ["one"], "b": ["two", "one"]}, "other": ["three"]})
    c = tg.Corpus.from_texts(["One two three four.", "Nothing."], ids=["x", "y"])
    full = c.lookup(d)
    assert list(full.columns) == ["document", "tokens", "top.a", "top.b", "other"]
    assert full.values.tolist() == [["x", 4, 1, 2, 1], ["y", 1, 0, 0, 0]]
    merged = c.lookup(d, levels=[1], capkeys=True)
    assert merged[["TOP", "OTHER"]].values.tolist() == [[2, 1], [0, 0]]  # "one" once in TOP
    prop = c.lookup(d, levels=[2], proportions=True)
    assert prop[["a", "b"]].values.tolist() == [[0.25, 0.5], [0.0, 0.0]]
    X, names = c.lookup(d, sparse=True)
    assert names.tolist() == ["top.a", "top.b", "other"]
    assert X.toarray().tolist() == [[1, 2, 1], [0, 0, 0]]


def test_negation_window() -> None:
    d = tg.Dictionary({"POSITIVE": ["good"], "NEG_POSITIVE": ["not good"]})
    c = tg.Corpus.from_texts(["not good. not very good. not one two three good. good"])
    plain = c.lookup(d)
    # scope key: the "good" inside "not good" counts for POSITIVE too
    assert plain[["POSITIVE", "NEG_POSITIVE"]].values.tolist() == [[4, 1]]
    negated = c.lookup(d, negation=True, nested_scope="dictionary")
    # "not good" is NEG_POSITIVE's own entry; "not very good" is moved; a window of 3 misses
    # "not one two three good".
    assert negated[["POSITIVE", "NEG_POSITIVE"]].values.tolist() == [[2, 2]]
    wide = c.lookup(d, negation=["POSITIVE"], window=4, nested_scope="dictionary")
    assert wide[["POSITIVE", "NEG_POSITIVE"]].values.tolist() == [[1, 3]]


def test_document_and_empty() -> None:
    d = tg.Dictionary({"k": ["hello"]})
    doc = tg.Document("Hello world.\n\nHello again, hello.")
    assert doc.lookup(d, level="paragraph")[["paragraph", "k"]].values.tolist() == [[0, 1], [1, 2]]
    empty = tg.Corpus.from_texts([])
    assert empty.lookup(d).shape == (0, 3)


def test_bad_options() -> None:
    c = tg.Corpus.from_texts(["a"])
    d = tg.Dictionary({"k": ["a"]})
    for kwargs in (
        {"level": "page"},
        {"valuetype": "pcre"},
        {"nested_scope": "all"},
        {"kinds": ["emoji"]},
        {"exclusive": False},
        {"negation": ["nope"]},
    ):
        with pytest.raises(tg.OptionError):
            c.lookup(d, **kwargs)
    with pytest.raises(ValueError, match="window"):
        c.lookup(d, negation=True, window=0)
    with pytest.raises(tg.errors.DictionaryError, match="bad regular expression"):
        c.lookup(tg.Dictionary({"k": ["(a"]}), valuetype="regex")


# The Dictionary object -------------------------------------------------------------------


def test_dictionary_from_dict() -> None:
    d = tg.Dictionary({"a": "one", "b": ["two  words", {"c": ["x"]}], "d": {"e": ["y", "y"]}})
    assert d.flatten() == {"a": ["one"], "b": ["two words"], "b.c": ["x"], "d.e": ["y"]}
    assert d.to_dict() == {"a": ["one"], "b": {"": ["two words"], "c": ["x"]}, "d": {"e": ["y"]}}
    assert tg.Dictionary(d.to_dict()) == d
    assert len(d) == 4 and list(d) == ["a", "b", "b.c", "d.e"] and d["b.c"] == ["x"]
    assert repr(d) == (
        "<textgauge.Dictionary: 4 categories, 4 entries: a (1), b (1), b.c (1), d.e (1)>"
    )
    assert pickle.loads(pickle.dumps(d)) == d
    for bad in ({"a": 3}, {"a": [""]}, {"": ["x"]}, ["a"]):
        with pytest.raises(tg.errors.DictionaryError):
            tg.Dictionary(bad)  # type: ignore[arg-type]


def test_read_formats(tmp_path: Any) -> None:
    expected = {"positive": ["good", "great*", "not bad"], "negative": ["bad*"]}
    files = {
        "d.yml": "positive:\n  - good\n  - great*\n  - not bad\nnegative: [bad*]\n",
        "d.dic": "%\n1\tpositive\n2\tnegative\n%\ngood\t1\ngreat*\t1\nnot bad\t1\nbad*\t2\n",
        "d.lc3": "+positive\ngood\ngreat*\nnot bad\n\n+negative\nbad*\n",
        "d.lcd": "+positive\ngood\ngreat*\nnot  bad\n+negative\nbad*\n",
        "d.csv": (
            "category,entry\npositive,good\npositive,great*\npositive,not bad\nnegative,bad*\n"
        ),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert tg.Dictionary.read(path).to_dict() == expected, name
    (tmp_path / "words.txt").write_text(files["d.lc3"], encoding="utf-8")
    assert tg.Dictionary.read(tmp_path / "words.txt", format="lexicoder").to_dict() == expected


def test_read_nested_yaml_and_liwc_variants(tmp_path: Any) -> None:
    yml = tmp_path / "n.yaml"
    yml.write_text("a:\n  b: [x, y]\n  c:\n    - z\n    - d: [w, no, 2020]\n", encoding="utf-8")
    assert tg.Dictionary.read(yml).flatten() == {
        "a.b": ["x", "y"],
        "a.c": ["z"],
        "a.c.d": ["w", "no", "2020"],
    }
    dic = tmp_path / "l.dic"
    dic.write_text(
        "%\n01 funct\n02 pronoun\n464 like\n%\nkind of 01\nI 01 02\nlike 01 (02 134)02/464\n",
        encoding="utf-8",
    )
    assert tg.Dictionary.read(dic).flatten() == {
        "funct": ["kind of", "I", "like"],
        "pronoun": ["I"],
        "like": ["like"],
    }


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("bad.yml", "a:\n  - x\n  - [y, {b: }]\n", 3, "no entries"),
        ("bad2.yml", "a: [x\nb: y\n", 2, "invalid YAML"),
        ("bad3.yaml", "- a\n- b\n", 1, "mapping of categories"),
        ("bad.dic", "1 a\n%\n", 1, "starts with a '%'"),
        ("bad2.dic", "%\n1 a\n%\ngood 1\nbad 2\n", 5, "category 2"),
        ("bad3.dic", "%\n1 a\nx\n%\n", 3, "expected '<id> <category>'"),
        ("bad4.dic", "%\n1 a\n", 2, "not closed"),
        ("bad.lc3", "\ngood\n+POSITIVE\n", 2, "before the first"),
        ("bad.csv", "category,entry\na,x\nb\n", 3, "fields"),
        ("bad2.csv", "name,entry\na,x\n", 1, "'category'"),
        ("bad3.csv", "category,entry\na, \n", 2, "empty entry"),
    ],
)
def test_bad_files_name_file_and_line(
    tmp_path: Any, name: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tg.errors.DictionaryError, match=re.escape(message)) as info:
        tg.Dictionary.read(path)
    assert info.value.source == str(path) and info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    e = pickle.loads(pickle.dumps(info.value))
    assert (e.source, e.line, str(e)) == (info.value.source, line, str(info.value))


def test_read_bad_encoding_and_extension(tmp_path: Any) -> None:
    path = tmp_path / "x.lc3"
    path.write_bytes(b"+a\nok\ncaf\xe9\n")
    with pytest.raises(tg.errors.DictionaryError) as info:
        tg.Dictionary.read(path)
    assert info.value.line == 3
    with pytest.raises(tg.OptionError):
        tg.Dictionary.read(tmp_path / "x.json")


# The command line and Dask -----------------------------------------------------------------


def test_cli_lookup(tmp_path: Any) -> None:
    import subprocess
    import sys

    import pandas as pd

    dic = tmp_path / "lsd.lc3"
    dic.write_text("+POSITIVE\ngood\ngreat*\n+NEGATIVE\nbad\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("A good day. Not good, bad!\n\nGreatest show.\n", encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "textgauge", "lookup", "-q", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    out = cli("--dictionary", str(dic), "--level", "paragraph", "--negation", str(text))
    assert out.returncode == 0, out.stderr
    df = pd.read_csv(io.StringIO(out.stdout))
    expected = tg.Corpus.from_texts([text.read_text()]).lookup(
        tg.Dictionary.read(dic), level="paragraph", negation=True
    )
    cols = ["tokens", "POSITIVE", "NEGATIVE", "NEG_POSITIVE", "NEG_NEGATIVE"]
    assert (
        df[["paragraph", *cols]].values.tolist() == expected[["paragraph", *cols]].values.tolist()
    )
    assert df[cols].values.tolist() == [[6, 1, 1, 1, 0], [2, 1, 0, 0, 0]]
    bad = tmp_path / "bad.dic"
    bad.write_text("%\n1 a\n%\nword 2\n", encoding="utf-8")
    out = cli("--dictionary", str(bad), str(text))
    assert out.returncode == 2
    assert out.stderr.strip() == (
        f"textgauge: --dictionary: {bad}:4: entry 'word' refers to category 2, which the "
        "header does not define"
    )


@pytest.mark.slow
def test_dask_lookup_equals_corpus() -> None:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    import textgauge.dask as tgd

    texts = generated_texts(5, 40)
    series = pd.Series(texts, index=[f"t{i:03d}" for i in range(len(texts))])
    expected = tg.Corpus.from_texts(texts, ids=list(series.index)).lookup(
        NESTED, level="sentence", nested_scope="dictionary"
    )
    with dask.config.set(scheduler="sync"):
        got = tgd.lookup(
            dd.from_pandas(series, npartitions=3),
            NESTED,
            level="sentence",
            nested_scope="dictionary",
        ).compute()
        bag = tgd.lookup(db.from_sequence(texts, npartitions=4), NESTED).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    whole = tg.Corpus.from_texts(texts).lookup(NESTED)
    pd.testing.assert_frame_equal(bag.reset_index(drop=True), whole)
    with pytest.raises(tg.OptionError):
        tgd.lookup(dd.from_pandas(series, npartitions=1), NESTED, sparse=True)
