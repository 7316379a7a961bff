#include "pystr/pycase.hpp"

#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "textgauge/error.hpp"
#include "textgauge/sentiment/sentiment.hpp"

namespace textgauge::detail {

namespace {
constexpr char32_t kCodeSpace = 0x110000;
// Every code point with a lowercase mapping lies below this (Adlam ends at U+1E95F).
constexpr char32_t kLowerLimit = 0x20000;
}  // namespace

PyCase::PyCase(int major, int minor) : flags_(kCodeSpace, 0), lower_(kLowerLimit) {
  UVersionInfo icu_unicode;
  u_getUnicodeVersion(icu_unicode);
  if (icu_unicode[0] < major || (icu_unicode[0] == major && icu_unicode[1] < minor))
    throw Error("ICU's Unicode data (" + std::to_string(icu_unicode[0]) + "." +
                std::to_string(icu_unicode[1]) + ") is older than Python's (" + std::to_string(major) + "." +
                std::to_string(minor) + "): VADER's isupper/lower could not be reproduced");
  for (char32_t c = 0; c < kLowerLimit; ++c) lower_[c] = c;
  std::vector<bool> known(kCodeSpace, false);  // assigned in the emulated Python's Unicode
  for (char32_t c = 0; c < kCodeSpace; ++c) {
    const auto cc = static_cast<UChar32>(c);
    if (u_charType(cc) == U_UNASSIGNED) continue;
    UVersionInfo age;
    u_charAge(cc, age);
    // Assigned after the emulated Python's Unicode: CPython sees an unassigned code point.
    if (age[0] > major || (age[0] == major && age[1] > minor)) continue;
    known[c] = true;
    std::uint8_t f = 0;
    if (u_hasBinaryProperty(cc, UCHAR_UPPERCASE)) f |= kUpper;
    if (u_hasBinaryProperty(cc, UCHAR_LOWERCASE)) f |= kLower;
    if (u_charType(cc) == U_TITLECASE_LETTER) f |= kTitle;
    if (u_hasBinaryProperty(cc, UCHAR_CASED)) f |= kCased;
    if (u_hasBinaryProperty(cc, UCHAR_CASE_IGNORABLE)) f |= kIgnorable;
    flags_[c] = f;
  }
  // Unicode 15.0 gave these old modifier letters Other_Lowercase; a Python on
  // an older Unicode still sees them as uncased. (tests/python/
  // test_sentiment_unicode.py finds any such change a newer ICU brings.)
  if (major < 15) {
    for (char32_t c : {0x10FCu, 0xA7F2u, 0xA7F3u, 0xA7F4u, 0xAB69u})
      flags_[c] &= static_cast<std::uint8_t>(~(kLower | kCased));
  }
  for (char32_t c = 0; c < kLowerLimit; ++c) {
    if (!known[c]) continue;
    const UChar32 l = u_tolower(static_cast<UChar32>(c));
    // A mapping onto a character the emulated Python does not know cannot be in its table.
    if (l != static_cast<UChar32>(c) && known[static_cast<char32_t>(l)]) lower_[c] = static_cast<char32_t>(l);
  }
}

const PyCase& PyCase::get(int major, int minor) {
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::unique_ptr<PyCase>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{major, minor}];
  if (!slot) slot.reset(new PyCase(major, minor));
  return *slot;
}

char32_t PyCase::lower_char(char32_t c) const noexcept { return c < kLowerLimit ? lower_[c] : c; }

bool PyCase::isupper(std::string_view s) const noexcept {
  const char* p = s.data();
  const char* end = p + s.size();
  if (p == end) return false;
  const char32_t first = decode_utf8(p, end);
  if (p == end) return (flags(first) & kUpper) != 0;  // CPython's one-character shortcut
  p = s.data();
  bool cased = false;
  while (p < end) {
    const char32_t c = decode_utf8(p, end);
    const std::uint8_t f = flags(c);
    if (f & (kLower | kTitle)) return false;
    if (f & kUpper) cased = true;
  }
  return cased;
}

void PyCase::lower(std::string_view s, std::string& out) const {
  const char* p = s.data();
  const char* end = p + s.size();
  // Final_Sigma needs to know whether a cased letter precedes (skipping
  // case-ignorables) and whether one follows; both are tracked in one pass
  // (CPython rescans for each sigma, which is quadratic on pathological input).
  bool cased_before = false;  // a cased letter before, with only case-ignorables since
  while (p < end) {
    const char32_t c = decode_utf8(p, end);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == 0x130) {
      out.append("i\xCC\x87");  // the one unconditional multi-code-point lowercase (SpecialCasing)
    } else if (c == 0x3A3) {
      bool final_sigma = cased_before;
      if (final_sigma) {
        const char* q = p;
        while (q < end) {
          const char32_t d = decode_utf8(q, end);
          const std::uint8_t f = flags(d);
          if (f & kIgnorable) continue;
          if (f & kCased) final_sigma = false;
          break;
        }
      }
      append_utf8(out, final_sigma ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(out, lower_char(c));
    }
    const std::uint8_t f = flags(c);
    if (!(f & kIgnorable)) cased_before = (f & kCased) != 0;
  }
}

}  // namespace textgauge::detail

namespace textgauge {

std::vector<bool> python_isupper_table(std::string_view prefix, int unicode_major, int unicode_minor) {
  const auto& pc = detail::PyCase::get(unicode_major, unicode_minor);
  std::vector<bool> out(0x110000, false);
  std::string s;
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    s.assign(prefix);
    detail::append_utf8(s, c);
    out[c] = pc.isupper(s);
  }
  return out;
}

std::vector<std::pair<char32_t, std::string>> python_lower_table(int unicode_major, int unicode_minor) {
  const auto& pc = detail::PyCase::get(unicode_major, unicode_minor);
  std::vector<std::pair<char32_t, std::string>> out;
  std::string in, lowered;
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    in.clear();
    detail::append_utf8(in, c);
    lowered.clear();
    pc.lower(in, lowered);
    if (lowered != in) out.emplace_back(c, lowered);
  }
  return out;
}

std::string python_lower(std::string_view text, int unicode_major, int unicode_minor) {
  std::string out;
  detail::PyCase::get(unicode_major, unicode_minor).lower(text, out);
  return out;
}

}  // namespace textgauge
