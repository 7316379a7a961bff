// PyStr on hand-picked cases; tests/python/test_sentiment_unicode.py and
// test_vectorize_unicode.py compare every code point with the running Python.
#include <string>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/utf8.hpp"

using namespace textgauge;

namespace {

std::string lower(std::string_view s, int major = 14, int minor = 0) {
  std::string out;
  PyStr::get(major, minor).lower(s, out);
  return out;
}

}  // namespace

TEST_CASE("decode_utf8 and append_utf8 round-trip every code point, surrogates included", "[pystr]") {
  std::string s;
  for (char32_t c = 0; c < 0x110000; c += (c < 0x800 ? 1 : 61)) {
    s.clear();
    append_utf8(s, c);
    const char* p = s.data();
    REQUIRE(decode_utf8(p, s.data() + s.size()) == c);
    REQUIRE(p == s.data() + s.size());
  }
}

TEST_CASE("decode_utf8 stops at the end of a truncated sequence", "[pystr]") {
  const std::string s = "\xE2\x82";  // the first two bytes of U+20AC
  const char* p = s.data();
  CHECK(decode_utf8(p, s.data() + s.size()) == 0x2080);
  CHECK(p == s.data() + s.size());
}

TEST_CASE("PyStr::lower is Python's str.lower(), Final_Sigma included", "[pystr]") {
  // Expected values from Python 3.11: s.lower()
  CHECK(lower("ABC def") == "abc def");
  CHECK(lower("\xCE\x91\xCE\xA3") == "\xCE\xB1\xCF\x82");                  // ΑΣ -> ας
  CHECK(lower("\xCE\xA3") == "\xCF\x83");                                  // Σ alone -> σ
  CHECK(lower("\xCE\x91\xCE\xA3\xCE\x91") == "\xCE\xB1\xCF\x83\xCE\xB1");  // ΑΣΑ -> ασα
  CHECK(lower("\xCE\x91\xCE\xA3'") == "\xCE\xB1\xCF\x82'");                // ΑΣ' -> ας'
  CHECK(lower("\xCE\x91'\xCE\xA3") == "\xCE\xB1'\xCF\x82");                // Α'Σ -> α'ς
  CHECK(lower("\xC4\xB0") == "i\xCC\x87");                                 // İ -> i + U+0307
  CHECK(lower("\xE2\x84\xAA") == "k");                                     // KELVIN SIGN
}

TEST_CASE("PyStr::isupper is Python's str.isupper()", "[pystr]") {
  const PyStr& py = PyStr::get(14, 0);
  CHECK(py.isupper("ABC"));
  CHECK(py.isupper("A1!"));
  CHECK_FALSE(py.isupper("AbC"));
  CHECK_FALSE(py.isupper("123"));
  CHECK_FALSE(py.isupper(""));
  CHECK_FALSE(py.isupper("\xC7\x85"));   // "ǅ" is titlecase, not Uppercase
  CHECK_FALSE(py.isupper("A\xC7\x85"));  // a titlecase letter after A
}

TEST_CASE("PyStr treats characters newer than the emulated Unicode as unassigned", "[pystr]") {
  // U+1E030 MODIFIER LETTER CYRILLIC SMALL A (Unicode 15.0) is lowercase from 15.0 on.
  CHECK(PyStr::get(14, 0).flags(0x1E030) == 0);
  CHECK(PyStr::get(14, 0).isupper("A\xF0\x9E\x80\xB0"));
  CHECK((PyStr::get(15, 0).flags(0x1E030) & PyStr::kLower) != 0);
  // U+A7F2 gained Other_Lowercase in 15.0: uncased for a Python on 14.0.
  CHECK((PyStr::get(14, 0).flags(0xA7F2) & (PyStr::kLower | PyStr::kCased)) == 0);
  CHECK((PyStr::get(15, 0).flags(0xA7F2) & PyStr::kLower) != 0);
}

TEST_CASE("PyStr word and space classes are re's \\w and \\s", "[pystr]") {
  const PyStr& py = PyStr::get(14, 0);
  CHECK(py.is_word(U'_'));
  CHECK(py.is_word(0xB2));         // SUPERSCRIPT TWO: a numeric value
  CHECK(py.is_word(0x6771));       // a Han ideograph
  CHECK_FALSE(py.is_word(0x301));  // a combining mark is no \w
  CHECK(PyStr::is_space(0x1C));
  CHECK(PyStr::is_space(0x3000));
  CHECK_FALSE(PyStr::is_space(0x180E));
  CHECK_FALSE(PyStr::is_space(0x200B));
}

TEST_CASE("PyStr::strip_accents is sklearn's strip_accents_*", "[pystr]") {
  const PyStr& py = PyStr::get(14, 0);
  std::string out;
  py.strip_accents("caf\xC3\xA9 \xEF\xAC\x81", StripAccents::unicode, out);  // café ﬁ
  CHECK(out == "cafe fi");
  out.clear();
  py.strip_accents(
      "stra\xC3\x9F"
      "e",
      StripAccents::ascii, out);  // straße
  CHECK(out == "strae");
}

TEST_CASE("PyStr refuses a Unicode version newer than ICU's", "[pystr]") {
  CHECK_THROWS_AS(PyStr::get(99, 0), Error);
}
