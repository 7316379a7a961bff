#include <string>
#include <vector>

#include "blocks.hpp"
#include "catch.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"

using namespace textgauge;

namespace {
struct Tok {
  std::string text;
  TokenKind kind;
  bool operator==(const Tok& o) const { return text == o.text && kind == o.kind; }
};
std::ostream& operator<<(std::ostream& os, const Tok& t) {
  return os << "[" << t.text << "]" << kind_name(t.kind);
}

std::vector<Tok> toks(std::string_view text, bool icu = true) {
  Segmenter seg;
  std::vector<Token> out;
  seg.tokenize(text, out, 0, 0, icu);
  std::vector<Tok> r;
  for (auto& t : out)
    r.push_back({std::string(text.substr(t.span.byte_start, t.span.byte_end - t.span.byte_start)), t.kind});
  return r;
}
constexpr auto W = TokenKind::word;
constexpr auto N = TokenKind::number;
constexpr auto P = TokenKind::punctuation;
constexpr auto S = TokenKind::symbol;
}  // namespace

TEST_CASE("word tokens follow UAX #29 with kinds", "[segment]") {
  const std::vector<Tok> expected{{"Don't", W}, {"pay", W}, {"$", S}, {"1,000.50", N},
                                  {"for", W},   {"U.S", W}, {".", P}, {"e-mail", W}};
  // "e-mail" is two words and a hyphen in UAX #29:
  auto got = toks("Don't pay $1,000.50 for U.S. e-mail");
  REQUIRE(got.size() == 10);
  CHECK(got[0] == Tok{"Don't", W});
  CHECK(got[2] == Tok{"$", S});
  CHECK(got[3] == Tok{"1,000.50", N});
  CHECK(got[5] == Tok{"U.S", W});
  CHECK(got[6] == Tok{".", P});
  CHECK(got[7] == Tok{"e", W});
  CHECK(got[8] == Tok{"-", P});
  CHECK(got[9] == Tok{"mail", W});
  (void)expected;
}

TEST_CASE("emoji sequences stay whole and are symbols; typographic marks are punctuation", "[segment]") {
  auto got = toks(
      "Great \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xE2\x80\x9Cquote\xE2\x80\x9D \xE2\x80\x94 don\xE2\x80\x99t");
  REQUIRE(got.size() == 7);
  CHECK(got[1] == Tok{"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", S});  // thumbs up + skin tone: one token
  CHECK(got[2] == Tok{"\xE2\x80\x9C", P});
  CHECK(got[3] == Tok{"quote", W});
  CHECK(got[5] == Tok{"\xE2\x80\x94", P});
  CHECK(got[6] == Tok{"don\xE2\x80\x99t", W});  // ’ is MidNumLet: one word
}

TEST_CASE("CJK and Thai use ICU dictionaries", "[segment]") {
  // 我们喜欢学习 -> 我们 / 喜欢 / 学习 ; Thai ภาษาไทย -> ภาษา / ไทย
  auto zh = toks("\xE6\x88\x91\xE4\xBB\xAC\xE5\x96\x9C\xE6\xAC\xA2\xE5\xAD\xA6\xE4\xB9\xA0");
  CHECK(zh.size() == 3);
  for (auto& t : zh) CHECK(t.kind == W);
  auto th = toks("\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2");
  CHECK(th.size() == 2);
}

TEST_CASE("ASCII fast path equals the ICU path on tricky ASCII", "[segment][ascii]") {
  const char* samples[] = {
      "don't U.S. a:b 1,000.5 1.a a1 1a a_b _a 1_ __ _ a..b a.b.c 1.2.3 1..2 a'1 1'2 1'a a. .a",
      "x'  'y 3:4 a:1 1:a 1;2 a;b 1,a a,1 _1 1_a a__b ab12cd 12ab34 a_1 1_2 a\"b",
      "1__ a_ a1_ _1_ __1 1_a_ a.1 a1.b a1.2 1a,2 a.b1 1,2a ab.cd.1 1.2.a a'b'c x.y.z. 'a' a'",
      "me@example.com @handle a@1 x@ @ @@ 1@a",
      "tabs\tand\r\nnewlines\n\nand\x0b\x0c controls \x01\x7f NUL\0inside !!?? ... -- $5 +-<=>^`|~ "
      "@#%&*()[]{}/\\",
  };
  for (const char* s : samples) {
    std::string_view text(s, std::char_traits<char>::length(s) + (s[0] == 't' ? 0 : 0));
    CHECK(toks(text, false) == toks(text, true));
  }
  std::string with_nul("a\0b c", 5);
  CHECK(toks(with_nul, false) == toks(with_nul, true));
}

TEST_CASE("mixed text: only the pieces around non-ASCII characters go to ICU", "[segment][ascii]") {
  // Each sample puts a character that UAX #29 joins to its neighbours next to
  // spaces and ASCII: combining mark after a space, soft hyphen, ZWJ, curly
  // apostrophe inside a word, emoji with skin tone, flags, Hebrew with
  // gershayim, Thai and CJK (dictionaries), NBSP and ideographic space.
  const char* samples[] = {
      "caf\xC3\xA9 ok a \xCC\x81"
      "b don\xE2\x80\x99t x\xC2\xADy ok",
      "a \xE2\x80\x8D\xF0\x9F\x91\x8D b \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD c \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 "
      "d",
      "\xD7\x90\xD7\xB4\xD7\x91 x \xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2 1,000 "
      "\xE4\xB8\xAD\xE6\x96\x87 U.S.",
      "a\xC2\xA0"
      "b c\xE3\x80\x80"
      "d \xE2\x80\x9Cquoted\xE2\x80\x9D e.\xC3\xA9 1.\xD9\xA3 z",
      "  \xC3\xA9  \xC3\xA9\xC3\xA9 end \xE2\x81\xA0 a",
  };
  for (const char* s : samples) {
    INFO(s);
    REQUIRE(find_invalid_utf8(s) == std::string_view::npos);  // (a hex escape eats a following hex digit)
    CHECK(toks(s, false) == toks(s, true));
    Segmenter seg;
    std::vector<Token> fast, icu;
    seg.tokenize(s, fast, 10, 100, false);
    seg.tokenize(s, icu, 10, 100, true);
    REQUIRE(fast.size() == icu.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
      CHECK(fast[i].span.byte_start == icu[i].span.byte_start);
      CHECK(fast[i].span.cp_start == icu[i].span.cp_start);
      CHECK(fast[i].span.cp_end == icu[i].span.cp_end);
    }
  }
}

TEST_CASE("offsets are bytes and code points of the original text", "[segment]") {
  std::string text = "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 ok";  // été 😀 ok
  Segmenter seg;
  auto s = seg.segment(text);
  REQUIRE(s.tokens.size() == 3);
  CHECK(s.tokens[0].span.byte_start == 0);
  CHECK(s.tokens[0].span.byte_end == 5);
  CHECK(s.tokens[0].span.cp_end == 3);
  CHECK(s.tokens[1].span.cp_start == 4);
  CHECK(s.tokens[1].span.cp_end == 5);
  CHECK(s.tokens[2].span.byte_start == 11);
  CHECK(s.tokens[2].span.cp_start == 6);
}

TEST_CASE("paragraphs: blank lines, line mode, CRLF, BOM, whitespace-only lines", "[segment]") {
  std::string text = "\xEF\xBB\xBFTitle line\r\n\r\nFirst para\r\nstill first.\r\n  \t \r\nSecond.\n\n\n";
  Segmenter blank;
  auto ps = blank.paragraphs(text);
  REQUIRE(ps.size() == 3);
  CHECK(text.substr(ps[0].byte_start, ps[0].byte_end - ps[0].byte_start) == "Title line");
  CHECK(ps[0].cp_start == 1);  // after the BOM
  CHECK(text.substr(ps[1].byte_start, ps[1].byte_end - ps[1].byte_start) == "First para\r\nstill first.");
  CHECK(text.substr(ps[2].byte_start, ps[2].byte_end - ps[2].byte_start) == "Second.");

  Segmenter lines(SegmentOptions{ParagraphMode::lines});
  CHECK(lines.paragraphs(text).size() == 4);
  CHECK(blank.paragraphs("").empty());
  CHECK(blank.paragraphs(" \n\t\n").empty());
}

TEST_CASE("sentences come from ICU and ignore hard line wraps", "[segment]") {
  std::string text =
      "Mr. Smith went to Washington. He said:\n\"Hello there!\" Then he left.\n\nNew paragraph here";
  Segmenter seg;
  auto s = seg.segment(text);
  REQUIRE(s.paragraphs.size() == 2);
  REQUIRE(s.sentences.size() == 4);
  auto sent = [&](int i) {
    return text.substr(s.sentences[i].byte_start, s.sentences[i].byte_end - s.sentences[i].byte_start);
  };
  CHECK(sent(0) == "Mr. Smith went to Washington.");
  CHECK(sent(1) == "He said:\n\"Hello there!\"");
  CHECK(sent(2) == "Then he left.");
  CHECK(sent(3) == "New paragraph here");
  CHECK(s.sentence_paragraph == std::vector<std::int32_t>{0, 0, 0, 1});
  CHECK(s.token_sentence.front() == 0);
  CHECK(s.token_sentence.back() == 3);
  CHECK(s.token_paragraph.back() == 1);
}

TEST_CASE("a large single paragraph segments with linear bookkeeping", "[segment]") {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "word, ";
  Segmenter seg;
  auto s = seg.segment(text);
  CHECK(s.paragraphs.size() == 1);
  CHECK(s.tokens.size() == 400000);
  CHECK(s.tokens.back().span.cp_end == static_cast<std::int64_t>(text.size() - 1));
}

TEST_CASE("the ASCII fast path agrees with this ICU", "[segment][ascii]") {
  // If this fails, ICU's word rules changed for ASCII: the fast path is then
  // switched off at run time (correct but slower) until tokenize_ascii is updated.
  CHECK(ascii_fast_path_agrees_with_icu());
}

TEST_CASE("the ASCII fast path's SSE2 and portable classifiers agree", "[segment][ascii]") {
  // The portable classifier is what non-x86 builds (and TEXTGAUGE_NO_SSE2) run.
  for_each_test_block(std::string_view("a.Z'0,_;@ \t-\x7f\x01", 14), 128,
                      [](const char* block) { REQUIRE(ascii_classifiers_agree(block)); });
}
