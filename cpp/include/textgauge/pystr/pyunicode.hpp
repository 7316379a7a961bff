#pragma once
// Python's `str` semantics, as scikit-learn's vectorizers see them.
//
// sklearn tokenizes with Python's `re` (`\w` is `str.isalnum() or '_'`,
// `\s` is `str.isspace()`), lowercases with `str.lower()` (the full Unicode
// mapping with the Final_Sigma rule, not case folding) and strips accents with
// `unicodedata`. Those follow the Unicode version of the running CPython
// (3.11: 14.0, 3.12: 15.0, 3.13: 15.1), which differs from ICU's. PyUnicode
// takes that version and treats every code point that ICU knows but that was
// assigned later as Python does an unassigned one: not a word character, not
// a space, its own lowercase, no decomposition, combining class 0.
//
// The properties, as CPython's makeunicodedata defines them:
//   isalnum  general category L* (Lu Ll Lt Lm Lo), or a numeric value
//            (Numeric_Type Decimal, Digit or Numeric, Unihan included);
//   isspace  general category Zs, or bidirectional class WS, B or S;
//   lower    the full lowercase mapping (only U+0130 maps to two code points)
//            and U+03A3 -> U+03C2 in the Final_Sigma context.
// tests/python/test_vectorize_unicode.py checks every code point against the
// running Python.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

enum class StripAccents { none, ascii, unicode };
template <>
struct OptionTable<StripAccents> {
  static constexpr std::string_view label = "strip_accents";
  static constexpr std::array<OptionName<StripAccents>, 3> entries{{
      {StripAccents::none, "none"}, {StripAccents::ascii, "ascii"}, {StripAccents::unicode, "unicode"},
  }};
};

class PyUnicode {
 public:
  // The Unicode version of the emulated Python (`unicodedata.unidata_version`).
  // Throws Error when ICU's Unicode data is older than that version.
  static const PyUnicode& get(int major = 14, int minor = 0);

  bool is_word(char32_t c) const noexcept {  // re's \w on str
    return c < 0x110000 && ((word_[c >> 6] >> (c & 63)) & 1);
  }
  bool is_space(char32_t c) const noexcept {  // re's \s on str, str.isspace, str.split
    return c < 0x110000 && ((space_[c >> 6] >> (c & 63)) & 1);
  }
  bool is_alnum(char32_t c) const noexcept { return c != U'_' && is_word(c); }
  // Assigned in the emulated version (else Python sees it as unassigned).
  bool known(char32_t c) const noexcept;

  // str.lower() of UTF-8 `in`, appended to `out`.
  void lower(std::string_view in, std::string& out) const;
  // sklearn's strip_accents_ascii / strip_accents_unicode of UTF-8 `in`,
  // appended to `out`.
  void strip_accents(std::string_view in, StripAccents mode, std::string& out) const;

  int major() const noexcept { return major_; }
  int minor() const noexcept { return minor_; }

 private:
  PyUnicode(int major, int minor);
  int major_, minor_;
  std::vector<std::uint64_t> word_, space_, known_;
  std::vector<char32_t> lower_bmp_;  // simple lowercase below 0x20000; identity above
  std::vector<std::uint64_t> cased_, ignorable_;
  friend struct PyUnicodeBuilder;
};

// UTF-8 helpers for well-formed input.
inline char32_t decode_utf8(const char*& p) noexcept {
  const auto b0 = static_cast<unsigned char>(*p++);
  if (b0 < 0x80) return b0;
  if (b0 < 0xE0) return ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(*p++) & 0x3Fu);
  if (b0 < 0xF0) {
    char32_t c = (b0 & 0x0Fu) << 12;
    c |= (static_cast<unsigned char>(*p++) & 0x3Fu) << 6;
    return c | (static_cast<unsigned char>(*p++) & 0x3Fu);
  }
  char32_t c = (b0 & 0x07u) << 18;
  c |= (static_cast<unsigned char>(*p++) & 0x3Fu) << 12;
  c |= (static_cast<unsigned char>(*p++) & 0x3Fu) << 6;
  return c | (static_cast<unsigned char>(*p++) & 0x3Fu);
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace textgauge
