"""Generated dirty news text for the cleaning tests: fragments aimed at each step (URLs,
e-mail addresses, phone numbers, numbers, currency, emoji, hashtags, handles, hyphenation
across line breaks, odd whitespace, typographic quotes and dashes, brackets, HTML tags and
entities, news boilerplate), glued with words and separators. Deterministic."""

from __future__ import annotations

import random

from hypothesis import strategies as st

WORDS = [
    "Shares", "rose", "the", "company's", "profit", "Reuters", "said", "on", "Monday", "in",
    "London", "AT", "T", "café", "naïve", "Straße", "über", "x", "I", "a1", "1a", "_id",
    "données", "東京", "ok", "e-mail", "well-known", "U.S.", "Ltd.", "don't",
]  # fmt: skip

FRAGMENTS = [
    # urls (RE_URL, RE_SHORT_URL)
    "http://example.com", "https://www.bbc.co.uk/news/business-123?x=1&y=2", "www.reuters.com",
    "ftp://files.example.org:21/pub/a.txt", "http://user:pw@host.example.com/p", "WWW2.Example.NET",
    "http://10.0.0.1/admin", "http://8.8.8.8/x", "bit.ly/3xYz9", "t.co/abcDEF", "example.com/abc",
    "http://例え.テスト/パス", "(http://example.com/a)", "http://a.b", "https://x.org/a/b/.",
    # emails
    "john.doe@example.com", "mailto:press@reuters.com", "a+b@mail.co.uk", "x@y",
    "first..last@ex.com",
    "<jane_smith@news.org>", "user@sub.domain.example.travel",
    # phone numbers
    "(555) 123-4567", "555-123-4567", "+1 555.123.4567", "1-800-555-1234 ext. 123", "555 1234",
    "123-4567x89", "5551234567", "+44 20 7946 0958",
    # numbers
    "1,000", "1,000.50", "12 000", "3.14", "-42", "+7", "\u20135", ".5", "1.000.000,25", "007",
    "2004", "10,5", "1,2,3", "٣٤", "½",
    # currency
    "$5", "£100", "€20", "¥1,000", "₹ 50", "5¢", "元", "﷼",
    # emoji and symbols
    "😀", "👍🏽", "☀", "✈️", "🤖", "🧪", "🦄", "♥",
    # hashtags, handles
    "#breaking", "#1", "＃タグ", "x#y", "@reuters", "@BBCNews_2", "a@b", ".@x",
    # hyphenation across lines
    "exam-\nple", "inter-\n  national", "long-\r\nterm", "covid-\n19", "ab-\n\ncd", "A-\nb",
    "self-\t\tcontrol", "re- \nform",
    # whitespace
    "\u200b", "\u2060", "\ufeff", "\r\n", "\n\n", "\n \n", "\x0b", "\x0c", "\t", "\xa0", "\u3000",
    "\u2028", "\x1c", "  ", "\r",
    # quotes and dashes
    "\u2018quoted\u2019", "\u201cdouble\u201d", "\u02bcx", "\u00b4", "`tick`", "\u2014", "\u2013",
    "\u2212", "\u2010", "\ufe63", "\uff0d",
    # punctuation, brackets
    "(round)", "[square]", "{curly}", "((nested))", "[a(b)c]", "{x[y]z}", "(", ")", "!?", "...",
    # HTML
    "<b>bold</b>", "<a href=\"http://x.com/?a=1&b=2\">link</a>", "<br/>", "<!-- comment -->",
    "<p class='x'>para</p>", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x27;", "&nbsp;",
    "&copy", "&eacute;", "&notit;", "&amp", "&#128;", "&#0;", "&#xD800;", "&#1114112;",
    "&unknown;", "AT&T", "R&D", "a < b", "x > y", "&#", "&;",
    # Unicode normal forms, accents
    "e\u0301", "A\u030a\u0323", "\ufb01", "\u2460", "\u1e9b\u0323", "\uff8a\uff9f", "\u1100\u1161",
    "\u212b", "\u0344", "x\u0338y", "\u2126", "Cr\u00e8me br\u00fbl\u00e9e",
    # news boilerplate
    "LONDON (Reuters) - ", "WASHINGTON, Dec 5 (Reuters) -- ", "By John Smith\n", "Read more at",
]  # fmt: skip

SEPARATORS = [" ", " ", " ", "", "\n", ", ", ". ", "\n\n"]


def dirty_texts(n: int = 2000, seed: int = 0) -> list[str]:
    """`n` texts of 1-12 fragments and words each."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            parts.append(rng.choice(FRAGMENTS) if rng.random() < 0.5 else rng.choice(WORDS))
            parts.append(rng.choice(SEPARATORS))
        out.append("".join(parts))
    return out


dirty_text = st.lists(
    st.sampled_from(FRAGMENTS)
    | st.sampled_from(WORDS)
    | st.sampled_from(SEPARATORS)
    | st.text(alphabet=" \n\t-&#;<>/@.:()x1Aé", max_size=6),
    max_size=14,
).map("".join)
