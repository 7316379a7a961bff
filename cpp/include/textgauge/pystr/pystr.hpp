#pragma once
// Python's `str`, character for character, for a given Unicode version.
//
// Two engines must agree with Python on every code point: VADER splits with
// `str.split()`, tests ALL-CAPS with `str.isupper()` and looks words up with
// `str.lower()`; scikit-learn's vectorizers tokenize with `re` (`\w`, `\s`),
// lowercase with `str.lower()` and strip accents with `unicodedata`. All of
// these follow the Unicode database compiled into the running CPython
// (3.11: 14.0, 3.12: 15.0, 3.13: 15.1; `unicodedata.unidata_version`), which
// is not the one of the ICU this library links. PyStr rebuilds CPython's view
// of that version from ICU, under one set of rules:
//
//  * A code point that ICU knows but that was assigned after the emulated
//    version (its Unicode age is newer) is treated exactly as CPython treats
//    an unassigned one: no properties, not a word character, its own
//    lowercase, no decomposition, combining class 0.
//  * A lowercase mapping onto such a newer code point cannot be in CPython's
//    table either: the character keeps itself as its lowercase.
//  * Unicode 15.0 gave U+10FC, U+A7F2..U+A7F4 and U+AB69 (old modifier
//    letters) Other_Lowercase: when emulating an older version they are
//    neither lowercase nor cased. (tests/python/test_sentiment_unicode.py
//    finds any such change a newer ICU brings.)
//  * ICU must know at least the emulated version: PyStr::get() throws Error
//    when ICU's Unicode data is older (u_getUnicodeVersion).
//
// Properties, as CPython's makeunicodedata.py defines its flags:
//   upper / lower    derived properties Uppercase / Lowercase;
//   title            general category Lt;
//   cased / ignorable  derived properties Cased / Case_Ignorable (Final_Sigma);
//   word             re's `\w` on str: `str.isalnum()` or '_', where isalnum is
//                    a letter (Lu Ll Lt Lm Lo) or a numeric value (Numeric_Type
//                    Decimal, Digit or Numeric, Unihan included);
//   space            `str.isspace()`, re's `\s`, what `str.split()` splits on:
//                    general category Zs or bidirectional class WS, B or S.
//
// tests/python/test_sentiment_unicode.py and test_vectorize_unicode.py compare
// every code point with the running Python.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

// `str.isspace()` of one code point (also re's `\s` and `str.split()`'s
// separators). The set has been these 29 code points since Unicode 6.3
// (U+180E left it then), older than any Python 3 this library emulates, so it
// takes no version and needs no table.
constexpr bool py_isspace(char32_t c) noexcept {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// scikit-learn's `strip_accents`: none, 'ascii' (strip_accents_ascii) or
// 'unicode' (strip_accents_unicode).
enum class StripAccents { none, ascii, unicode };
template <>
struct OptionTable<StripAccents> {
  static constexpr std::string_view label = "strip_accents";
  static constexpr std::array<OptionName<StripAccents>, 3> entries{{
      {StripAccents::none, "none"},
      {StripAccents::ascii, "ascii"},
      {StripAccents::unicode, "unicode"},
  }};
};

class PyStr {
 public:
  // One byte of properties per code point (see the list above).
  enum Flag : std::uint8_t {
    kUpper = 1,
    kLower = 2,
    kTitle = 4,
    kCased = 8,
    kIgnorable = 16,
    kWord = 32,
    kKnown = 64,  // assigned in the emulated version (surrogates are not characters here)
  };

  // The tables for `unicodedata.unidata_version` major.minor, built on first
  // use and shared (thread-safe; they live as long as the process). Throws
  // Error when ICU's Unicode data is older than that version.
  static const PyStr& get(int major = 14, int minor = 0);

  int major() const noexcept { return major_; }
  int minor() const noexcept { return minor_; }

  // The Flag bits of code point c; 0 beyond U+10FFFF.
  std::uint8_t flags(char32_t c) const noexcept { return c < flags_.size() ? flags_[c] : 0; }
  bool known(char32_t c) const noexcept { return (flags(c) & kKnown) != 0; }
  // re's `\w` on str.
  bool is_word(char32_t c) const noexcept { return (flags(c) & kWord) != 0; }
  // `str.isspace()`: py_isspace(), the same in every version.
  static bool is_space(char32_t c) noexcept { return py_isspace(c); }

  // `str.isupper()` of UTF-8 `s`: at least one upper character and no lower or
  // title one; a one-character string is upper when that character is
  // (CPython's shortcut, which ignores the title rule).
  bool isupper(std::string_view s) const noexcept;

  // `str.lower()` of UTF-8 `s`, appended to `out`: the full lowercase mapping
  // (U+0130 -> "i\u0307", the only one to two code points) and U+03A3 ->
  // U+03C2 in the Final_Sigma context (a cased letter before it and none after,
  // case-ignorables skipped both ways). Linear even where CPython rescans.
  void lower(std::string_view s, std::string& out) const;

  // The simple lowercase of one code point as CPython's table holds it
  // (U+0130 gives 'i'; lower() handles it and Final_Sigma).
  char32_t lower_char(char32_t c) const noexcept { return c < lower_.size() ? lower_[c] : c; }

  // scikit-learn's strip_accents_ascii / strip_accents_unicode of UTF-8 `s`,
  // appended to `out`: `unicodedata.normalize('NFKD')`, then drop every
  // non-ASCII code point (ascii) or every combining mark (unicode; pure-ASCII
  // text untouched). Code points the emulated Python does not know take no
  // part in the normalisation.
  void strip_accents(std::string_view s, StripAccents mode, std::string& out) const;

 private:
  PyStr(int major, int minor);
  int major_, minor_;
  std::vector<std::uint8_t> flags_;  // per code point, U+0000..U+10FFFF
  std::vector<char32_t> lower_;      // simple lowercase below U+20000; identity above
};

// For tests: PyStr of a Unicode version over every code point c (surrogates
// give false / are left out), to be compared with the running Python:
// `str.isupper()` of prefix + chr(c), and the code points whose `str.lower()`
// is not themselves, with that lowercase.
std::vector<bool> python_isupper_table(std::string_view prefix, int unicode_major, int unicode_minor);
std::vector<std::pair<char32_t, std::string>> python_lower_table(int unicode_major, int unicode_minor);
// `str.lower()` of a whole UTF-8 string (Final_Sigma needs context).
std::string python_lower(std::string_view text, int unicode_major, int unicode_minor);

}  // namespace textgauge
