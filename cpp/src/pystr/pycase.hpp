#pragma once
// Python `str` semantics that VADER depends on (internal to the sentiment engine).
//
// VADER splits with `str.split()`, tests ALL-CAPS with `str.isupper()` and
// looks words up with `str.lower()`. Those follow the Unicode version of the
// running CPython (3.11: 14.0, 3.12: 15.0, 3.13: 15.1), which is not ICU's.
// PyCase takes that version and treats a code point that ICU knows but that
// was assigned later exactly as CPython treats an unassigned one: uncased, not
// case-ignorable, its own lowercase.
//
// Definitions, as CPython's makeunicodedata.py builds its flags:
//   upper  derived property Uppercase;   lower  derived property Lowercase;
//   title  general category Lt;          cased / case-ignorable: the derived properties;
//   str.isupper(): at least one upper character and no lower or title one;
//   str.lower(): full lowercase mapping (U+0130 -> "i\u0307") and U+03A3 -> U+03C2
//   in the Final_Sigma context.
// tests/python/test_sentiment_unicode.py compares every code point with the running Python.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/pystr/pyunicode.hpp"

namespace textgauge::detail {

// Decodes one code point of UTF-8 at p (advancing p). Tolerates the 3-byte
// encodings of surrogates (a Python str with lone surrogates, encoded with
// "surrogatepass"): they decode to U+D800..U+DFFF, which no table knows.
inline char32_t decode_utf8(const char*& p, const char* end) noexcept {
  const auto b0 = static_cast<unsigned char>(*p++);
  if (b0 < 0x80) return b0;
  auto next = [&]() -> char32_t {
    if (p >= end) return 0;
    return static_cast<unsigned char>(*p++) & 0x3Fu;
  };
  if (b0 < 0xE0) return ((b0 & 0x1Fu) << 6) | next();
  if (b0 < 0xF0) {
    char32_t c = (b0 & 0x0Fu) << 12;
    c |= next() << 6;
    return c | next();
  }
  char32_t c = (b0 & 0x07u) << 18;
  c |= next() << 12;
  c |= next() << 6;
  return c | next();
}

using textgauge::append_utf8;  // shared with the sklearn analyzer (pyunicode.hpp)

// str.isspace() / str.split(): general category Zs or bidirectional class
// WS, B or S. The set has been these 29 code points since Unicode 6.3
// (U+180E left it then), so it does not depend on the version.
inline bool py_isspace(char32_t c) noexcept {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

class PyCase {
 public:
  enum : std::uint8_t { kUpper = 1, kLower = 2, kTitle = 4, kCased = 8, kIgnorable = 16 };

  // The tables for Python's Unicode version major.minor (built once, shared, thread-safe).
  static const PyCase& get(int major, int minor);

  std::uint8_t flags(char32_t c) const noexcept { return c < flags_.size() ? flags_[c] : 0; }
  // str.isupper() of UTF-8 `s`.
  bool isupper(std::string_view s) const noexcept;
  // str.lower() of UTF-8 `s`, appended to `out`.
  void lower(std::string_view s, std::string& out) const;
  // Simple lowercase of one code point as CPython's table holds it (U+0130 is
  // handled by lower()).
  char32_t lower_char(char32_t c) const noexcept;

 private:
  PyCase(int major, int minor);
  std::vector<std::uint8_t> flags_;
  std::vector<char32_t> lower_;  // simple lowercase below kLowerLimit; identity above
};

}  // namespace textgauge::detail
