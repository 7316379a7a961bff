"""tg.clean against textacy.preprocessing 0.13.0: every step textacy has gives textacy's
output, on generated text aimed at each step and on every paragraph of the shared corpora
(docs/cleaning.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from textacy import preprocessing as pp
from textacy.preprocessing.resources import HTMLTextExtractor

import textgauge as tg
from dirty_text import dirty_text, dirty_texts
from textgauge import OptionError

TEXTACY: dict[str, Callable[[str], str]] = {
    "urls": pp.replace.urls,
    "emails": pp.replace.emails,
    "phone_numbers": pp.replace.phone_numbers,
    "numbers": pp.replace.numbers,
    "currency_symbols": pp.replace.currency_symbols,
    "emojis": pp.replace.emojis,
    "hashtags": pp.replace.hashtags,
    "user_handles": pp.replace.user_handles,
    "hyphenated_words": pp.normalize.hyphenated_words,
    "whitespace": pp.normalize.whitespace,
    "quotes": pp.normalize.quotation_marks,
    "punctuation": pp.remove.punctuation,
    "brackets": pp.remove.brackets,
    "unicode": pp.normalize.unicode,
    "accents": pp.remove.accents,
}

# The broken entity forms that html_entities repairs and html.unescape leaves alone.
BROKEN = re.compile(r"(^|\s)#\d{2,5};|(^|\s)(quot|amp|lt|gt|apos|nbsp);|&amp;(#\d+|#[xX]|\w+;)")


def textacy_html(text: str) -> str:
    """textacy's remove.html_tags with its parser closed: textacy never calls close(), so
    text after an unclosed '<' or a trailing '&' is lost there (docs/cleaning.md)."""
    parser = HTMLTextExtractor()  # type: ignore[no-untyped-call]
    parser.feed(text)
    parser.close()
    return parser.get_text()


def tg_html(texts: list[str]) -> list[str]:
    # textacy's html_tags decodes the entities of the text between tags, then strips.
    return [t.strip() for t in tg.clean.clean_texts(texts, ["html_tags", "html_entities"])]


GENERATED = dirty_texts(2000)


@pytest.mark.parametrize("step", sorted(TEXTACY))
def test_steps_equal_textacy_on_generated_text(step: str) -> None:
    want = [TEXTACY[step](t) for t in GENERATED]
    got = tg.clean.clean_texts(GENERATED, [step])
    assert sum(w != t for w, t in zip(want, GENERATED)) > 30  # the text is aimed at the step
    assert got == want


def test_html_equals_textacy_on_generated_text() -> None:
    texts = [t for t in GENERATED if not BROKEN.search(t)]
    assert len(texts) > 1500
    assert tg_html(texts) == [textacy_html(t) for t in texts]


@settings(max_examples=150, deadline=None)
@given(dirty_text)
def test_steps_equal_textacy_on_hypothesis_text(text: str) -> None:
    for step, f in TEXTACY.items():
        assert tg.clean.clean(text, step) == f(text), step
    if not BROKEN.search(text):
        assert tg_html([text]) == [textacy_html(text)]


@pytest.mark.parametrize(
    "text",
    [
        "</>",  # an empty end tag: removed
        "</ x>y",  # "</" and no letter: a bogus comment, removed up to '>'
        "a</#>b",
        "</",  # no '>' after it: text
        "&<p class='x'>para</p>",  # "&" and "para" are decoded apart: no "&para;" (¶)
        "&amp<b>lt;",
        "AT&<b>T</b> x &amp; y",
    ],
)
def test_html_tags_cases(text: str) -> None:
    # Cases hypothesis found (CI, 2026-12): each equals textacy's remove.html_tags.
    assert tg_html([text]) == [textacy_html(text)]


@pytest.mark.parametrize("step", sorted(TEXTACY))
def test_step_functions_are_the_steps(step: str) -> None:
    fn = getattr(tg.clean, step)
    text = (
        "Call 555-123-4567 or see www.x.org/a #tag @me \u201cquoted\u201d {x} exam-\nple $5 "
        "\U0001f600"
    )
    assert fn(text) == TEXTACY[step](text)


def test_placeholders() -> None:
    text = "see https://x.org/a, mail a@b.com, call 555-123-4567, pay $5"
    assert tg.clean.urls(text, repl="<url>") == pp.replace.urls(text, repl="<url>")
    steps = ["urls", "emails", "phone_numbers", "currency_symbols"]
    removed = pp.replace.currency_symbols(
        pp.replace.phone_numbers(pp.replace.emails(pp.replace.urls(text, ""), ""), ""), ""
    )
    assert tg.clean.clean(text, steps, placeholders=False) == removed == "see  mail , call , pay 5"
    got = tg.clean.clean(text, steps, placeholders={"emails": "E"})
    assert got == "see _URL_ mail E, call _PHONE_, pay _CUR_5"
    with pytest.raises(OptionError, match="no placeholder"):
        tg.clean.cleaner(steps, placeholders={"quotes": "x"})


def test_broken_entities() -> None:
    # Forms news feeds are full of, which html.unescape leaves as they are.
    f = tg.clean.html_entities
    assert f("Wall Street #39;s best") == "Wall Street's best"
    assert f("#39;Tis") == "'Tis"
    assert f("he said quot;no quot;") == 'he said "no "'
    assert f("AT&amp;amp;T &amp;#39;x&amp;#x27; &amp;lt;b&amp;gt;") == "AT&T 'x' <b>"
    assert f("rank #1; issue #123456;") == "rank #1; issue #123456;"  # not a reference
    # What html.unescape decodes, as it decodes it.
    for text in ["&amp;", "&lt;b&gt;", "&#39;", "&#x27;", "&copy", "&notit;", "&#128;", "&#0;",
                 "&#xD800;", "&#1114112;", "&unknown;", "AT&T", "&#", "&;", "&ampx"]:  # fmt: skip
        assert f(text) == __import__("html").unescape(text), text


def test_news_boilerplate() -> None:
    f = tg.clean.news_boilerplate
    assert f("LONDON (Reuters) - Shares rose.") == "Shares rose."
    assert f("WASHINGTON, Dec 5 (Reuters) -- Talks began.") == "Talks began."
    assert f("By John Smith\nShares rose.\nRead more at www.x.com") == "Shares rose.\n"
    assert f("By Monday the shares had risen.") == "By Monday the shares had risen."


def test_steps_options_and_errors() -> None:
    assert tg.clean.NEWS == ("html_entities", "html_tags", "spaces", "quotes", "dashes")
    assert set(tg.clean.NEWS) <= set(tg.clean.STEPS)
    assert tg.clean.cleaner(True).steps == tg.clean.NEWS
    with pytest.raises(OptionError, match=r"unknown cleaning step 'html'.*html_entities"):
        tg.clean.clean("x", ["html"])
    with pytest.raises(OptionError, match="unknown cleaning step"):
        tg.Corpus.from_texts(["x"], clean=["whitespace", "nope"])
    assert tg.clean.spaces(" a \t b\n\n\n c \n d ") == "a b\n\nc\nd"
    assert tg.clean.dashes("a\u2014b\u2013c\u2212d") == "a-b-c-d"


@pytest.mark.shared_data
@pytest.mark.slow
@pytest.mark.parametrize("step", sorted(TEXTACY))
def test_steps_equal_textacy_on_shared_corpora(step: str, news_lines: list[str]) -> None:
    want = [TEXTACY[step](t) for t in news_lines]
    assert tg.clean.clean_texts(news_lines, [step]) == want


@pytest.mark.shared_data
def test_html_equals_textacy_on_shared_corpora(news_lines: list[str]) -> None:
    texts = [t for t in news_lines if not BROKEN.search(t)]
    assert tg_html(texts) == [textacy_html(t) for t in texts]


@pytest.mark.shared_data
def test_steps_equal_textacy_on_a_sample_of_the_shared_corpora(news_lines: list[str]) -> None:
    sample = news_lines[::25]
    for step, f in TEXTACY.items():
        assert tg.clean.clean_texts(sample, [step]) == [f(t) for t in sample], step


def feed_sample() -> list[str]:
    """News paragraphs as a careless feed delivers them (as in AG News): possessives as the
    broken `` #39;s``, each lead in escaped bold markup."""
    from conftest import local_paragraphs

    out = []
    for p in local_paragraphs(300):
        words = p.split()
        for i in range(2, len(words), 6):
            if words[i].isalpha():
                words[i] += " #39;s"
        out.append("&lt;b&gt;" + " ".join(words[:3]) + "&lt;/b&gt; " + " ".join(words[3:]))
    return out


def test_top_terms_of_html_residue_with_and_without_cleaning() -> None:
    from textgauge.demo import top_terms

    texts = feed_sample()
    raw = top_terms(tg.Corpus.from_texts(texts), 5, numbers=True)["term"].tolist()
    assert raw[:2] == ["39", "s"] and {"lt", "gt", "b"} <= set(raw)
    cleaned = tg.Corpus.from_texts(texts, clean=True)
    top = top_terms(cleaned, 4, numbers=True)["term"].tolist()
    assert (
        top
        == top_terms(tg.Corpus.from_texts(tg.clean.clean_texts(texts)), 4, numbers=True)[
            "term"
        ].tolist()
    )
    assert not {"39", "s", "lt", "gt", "b"} & set(top_terms(cleaned, 20, numbers=True)["term"])
    # what the article is about, as the uncleaned text's own words rank it
    plain = [
        t.replace("&lt;b&gt;", "").replace("&lt;/b&gt;", "").replace(" #39;s", "'s") for t in texts
    ]
    assert top == top_terms(tg.Corpus.from_texts(plain), 4, numbers=True)["term"].tolist()


def test_demo_shows_the_top_terms_of_a_feed_before_and_after_cleaning() -> None:
    import io

    from textgauge.demo import report

    out = io.StringIO()
    report(out)
    lines = out.getvalue().splitlines()
    i = next(i for i, x in enumerate(lines) if x.startswith("The same article from a careless"))
    assert lines[i + 1].startswith("  as it comes: lt (56), gt (56), b (28), href (14), http (14)")
    assert lines[i + 2].startswith("  clean=True:  ukrainian (7), russia (6), ukraine (6)")


def test_cli_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from textgauge.cli import main

    path = tmp_path / "feed.txt"
    path.write_text("\n\n".join(feed_sample()[:50]), encoding="utf-8")
    assert main(["terms", str(path), "--top", "3", "--keep-stop-words"]) == 0
    raw = capsys.readouterr().out.splitlines()
    assert [x.split(",")[0] for x in raw[1:3]] == ["39", "s"]
    assert main(["terms", str(path), "--top", "3", "--clean"]) == 0
    cleaned = capsys.readouterr().out.splitlines()
    assert not {"39", "s", "lt", "gt"} & {x.split(",")[0] for x in cleaned[1:]}
    assert main(["terms", "--clean", "html_entities,html_tags", str(path), "--top", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == cleaned
    assert main(["terms", "--clean", "html", str(path)]) == 2
    assert (
        "unknown cleaning step(s) 'html'; choose news or from: html_entities"
        in capsys.readouterr().err
    )


def spaces_reference(text: str) -> str:
    """`spaces` in Python: zero-width spaces removed, each whitespace run to a blank line
    (two or more line breaks: \\r\\n, \\n, \\v), a line break (one) or a space, stripped."""
    text = re.sub("[\u200b\u2060\ufeff]+", "", text)

    def run(m: re.Match[str]) -> str:
        breaks = len(re.findall(r"\r\n|[\n\v]", m.group()))
        return "\n\n" if breaks >= 2 else "\n" if breaks == 1 else " "

    return re.sub(r"\s+", run, text).strip()


def test_spaces_on_generated_text() -> None:
    assert tg.clean.clean_texts(GENERATED, ["spaces"]) == [spaces_reference(t) for t in GENERATED]


@settings(max_examples=200, deadline=None)
@given(dirty_text)
def test_spaces_on_hypothesis_text(text: str) -> None:
    assert tg.clean.spaces(text) == spaces_reference(text)
