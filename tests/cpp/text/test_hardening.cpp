// Regression tests for what fuzzing (fuzz/) and pathological inputs found,
// and the cases of tests/python/test_pathological.py that are natural here.
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"

using namespace textgauge;

namespace {
std::vector<std::string> token_texts(std::string_view text, const Segmentation& s) {
  std::vector<std::string> out;
  for (const Token& t : s.tokens)
    out.emplace_back(text.substr(t.span.byte_start, t.span.byte_end - t.span.byte_start));
  return out;
}

bool tokens_inside_their_sentences(const Segmentation& s) {
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Span& sent = s.sentences[static_cast<std::size_t>(s.token_sentence[i])];
    if (s.tokens[i].span.byte_start < sent.byte_start || s.tokens[i].span.byte_end > sent.byte_end)
      return false;
  }
  return true;
}
}  // namespace

TEST_CASE("fuzz: a ZWJ after a paragraph separator does not start a token outside its sentence") {
  // fuzz_utf8_segment: ICU joins ZWJ + pictograph (WB3c) right after U+2029,
  // while the sentence after U+2029 is trimmed of the ZWJ.
  const std::string text = "\xF0\x9F\x91\xA8\xE2\x80\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 ok";  // 👨 PS ZWJ 👧 ok
  Segmenter seg;
  const Segmentation s = seg.segment(text);
  CHECK(token_texts(text, s) == std::vector<std::string>{"\xF0\x9F\x91\xA8", "\xF0\x9F\x91\xA7", "ok"});
  CHECK(s.tokens[1].kind == TokenKind::symbol);
  CHECK(s.tokens[1].span.cp_start == 3);
  CHECK(tokens_inside_their_sentences(s));
}

TEST_CASE("fuzz: a token starts in the sentence it is assigned to") {
  // ICU's word rules join "!" ZWJ 👩 into one unit while its sentence rules
  // end a sentence after the "!": the token belongs to the first sentence.
  const std::string text = "Hi!\xE2\x80\x8D\xF0\x9F\x91\xA9 next";
  Segmenter seg;
  const Segmentation s = seg.segment(text);
  REQUIRE(s.tokens.size() == s.token_sentence.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Span& sent = s.sentences[static_cast<std::size_t>(s.token_sentence[i])];
    CHECK(sent.byte_start <= s.tokens[i].span.byte_start);
    CHECK(s.tokens[i].span.byte_start < sent.byte_end);
  }
}

TEST_CASE("tokens never begin or end with a format character") {
  Segmenter seg;
  // A soft hyphen or ZWJ that ICU attaches to the previous unit (WB4) at a sentence end.
  for (const std::string text : {"abc\xC2\xAD", "Go abc\xC2\xAD. Next", "\xF0\x9F\x91\x8D\xE2\x80\x8D yes"}) {
    const Segmentation s = seg.segment(text);
    CHECK(tokens_inside_their_sentences(s));
    for (const auto& t : token_texts(text, s)) {
      CHECK_FALSE(t.ends_with("\xC2\xAD"));
      CHECK_FALSE(t.ends_with("\xE2\x80\x8D"));
      CHECK_FALSE(t.starts_with("\xE2\x80\x8D"));
    }
  }
  // Inside a word they stay: co<SHY>operate is one token.
  const std::string inner = "co\xC2\xADoperate now";
  CHECK(token_texts(inner, seg.segment(inner)) == std::vector<std::string>{"co\xC2\xADoperate", "now"});
}

TEST_CASE("invalid UTF-8 at every position: strict offset and replace") {
  const std::string base =
      "caf\xC3\xA9 \xE2\x82\xAC"
      "5 ok";
  for (const std::string bad : {"\xFF", "\x80", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    for (std::size_t i = 0; i <= base.size(); ++i) {
      const std::string raw = base.substr(0, i) + bad + base.substr(i);
      const std::size_t at = find_invalid_utf8(raw);
      REQUIRE(at != std::string::npos);
      // (exact offsets are compared with Python's decoder in test_pathological.py)
      try {
        ensure_utf8(raw, DecodeErrors::strict, "t");
        FAIL("no DecodeError");
      } catch (const DecodeError& e) {
        CHECK(e.byte_offset() == at);
      }
      const std::string fixed = ensure_utf8(raw, DecodeErrors::replace);
      CHECK(find_invalid_utf8(fixed) == std::string::npos);
      CHECK(fixed.find("\xEF\xBF\xBD") != std::string::npos);
    }
  }
}

TEST_CASE("ten million empty lines hold no paragraph") {
  Segmenter seg;
  const std::string text(10'000'000, '\n');
  const Segmentation s = seg.segment(text);
  CHECK(s.paragraphs.empty());
  CHECK(s.tokens.empty());
  const Segmentation one = seg.segment(text + "end");
  REQUIRE(one.tokens.size() == 1);
  CHECK(one.tokens[0].span.byte_start == 10'000'000);
}
