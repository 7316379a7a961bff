#include "textgauge/pystr/pystr.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

#include <map>
#include <memory>
#include <mutex>

#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

constexpr char32_t kCodeSpace = 0x110000;
// Every code point with a lowercase mapping lies below this (Adlam ends at U+1E95F).
constexpr char32_t kLowerLimit = 0x20000;

void check_icu_version(int major, int minor) {
  UVersionInfo icu;
  u_getUnicodeVersion(icu);
  if (icu[0] < major || (icu[0] == major && icu[1] < minor))
    throw Error("ICU's Unicode data (" + std::to_string(icu[0]) + "." + std::to_string(icu[1]) +
                ") is older than Python's (" + std::to_string(major) + "." + std::to_string(minor) +
                "): Python's str semantics (lower, isupper, re's \\w) could not be reproduced");
}

// The flags of an assigned code point c of general category `type`.
std::uint8_t flags_of(UChar32 c, UCharCategory type) {
  std::uint8_t f = PyStr::kKnown;
  if (u_hasBinaryProperty(c, UCHAR_UPPERCASE)) f |= PyStr::kUpper;
  if (u_hasBinaryProperty(c, UCHAR_LOWERCASE)) f |= PyStr::kLower;
  if (type == U_TITLECASE_LETTER) f |= PyStr::kTitle;
  if (u_hasBinaryProperty(c, UCHAR_CASED)) f |= PyStr::kCased;
  if (u_hasBinaryProperty(c, UCHAR_CASE_IGNORABLE)) f |= PyStr::kIgnorable;
  const bool letter = type == U_UPPERCASE_LETTER || type == U_LOWERCASE_LETTER ||
                      type == U_TITLECASE_LETTER || type == U_MODIFIER_LETTER || type == U_OTHER_LETTER;
  if (letter || c == U'_' || u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE) f |= PyStr::kWord;
  return f;
}

struct FlagBuild {
  std::vector<std::uint8_t>* flags;
  int major, minor;
};

bool is_ascii_text(std::string_view s) noexcept {
  for (unsigned char b : s)
    if (b >= 0x80) return false;
  return true;
}

}  // namespace

PyStr::PyStr(int major, int minor)
    : major_(major), minor_(minor), flags_(kCodeSpace, 0), lower_(kLowerLimit) {
  check_icu_version(major, minor);
  // Ranges of one general category (fast); per code point only where a
  // character is assigned.
  FlagBuild build{&flags_, major, minor};
  u_enumCharTypes(
      [](const void* context, UChar32 start, UChar32 limit, UCharCategory type) -> UBool {
        const auto& b = *static_cast<const FlagBuild*>(context);
        if (type == U_UNASSIGNED || type == U_SURROGATE) return true;
        for (UChar32 c = start; c < limit; ++c) {
          UVersionInfo age;
          u_charAge(c, age);
          // Assigned after the emulated version: CPython sees an unassigned code point.
          if (age[0] > b.major || (age[0] == b.major && age[1] > b.minor)) continue;
          (*b.flags)[static_cast<char32_t>(c)] = flags_of(c, type);
        }
        return true;
      },
      &build);
  if (major < 15) {
    for (char32_t c : {0x10FCu, 0xA7F2u, 0xA7F3u, 0xA7F4u, 0xAB69u})
      flags_[c] &= static_cast<std::uint8_t>(~(kLower | kCased));
  }
  for (char32_t c = 0; c < kLowerLimit; ++c) {
    lower_[c] = c;
    if (!known(c)) continue;
    const auto l = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    // A mapping onto a character the emulated Python does not know cannot be in its table.
    if (l != c && known(l)) lower_[c] = l;
  }
}

const PyStr& PyStr::get(int major, int minor) {
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::unique_ptr<PyStr>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{major, minor}];
  if (!slot) slot.reset(new PyStr(major, minor));
  return *slot;
}

bool PyStr::isupper(std::string_view s) const noexcept {
  const char* p = s.data();
  const char* end = p + s.size();
  if (p == end) return false;
  const char32_t first = decode_utf8(p, end);
  if (p == end) return (flags(first) & kUpper) != 0;  // CPython's one-character shortcut
  p = s.data();
  bool cased = false;
  while (p < end) {
    const std::uint8_t f = flags(decode_utf8(p, end));
    if (f & (kLower | kTitle)) return false;
    if (f & kUpper) cased = true;
  }
  return cased;
}

void PyStr::lower(std::string_view s, std::string& out) const {
  if (is_ascii_text(s)) {
    const std::size_t base = out.size();
    out.append(s);
    for (std::size_t i = base; i < out.size(); ++i)
      if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
    return;
  }
  out.reserve(out.size() + s.size() + 8);
  const char* p = s.data();
  const char* end = p + s.size();
  // Final_Sigma needs to know whether a cased letter precedes (skipping
  // case-ignorables) and whether one follows; the first is tracked as we go,
  // the second looked up from each sigma (CPython rescans backwards too,
  // which is quadratic on pathological input).
  bool cased_before = false;  // a cased letter before, with only case-ignorables since
  while (p < end) {
    const char32_t c = decode_utf8(p, end);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == 0x130) {
      out.append("i\xCC\x87");  // the one unconditional multi-code-point lowercase (SpecialCasing)
    } else if (c == 0x3A3) {
      bool final_sigma = cased_before;
      for (const char* q = p; final_sigma && q < end;) {
        const std::uint8_t f = flags(decode_utf8(q, end));
        if (f & kIgnorable) continue;
        final_sigma = !(f & kCased);
        break;
      }
      append_utf8(out, final_sigma ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(out, lower_char(c));
    }
    const std::uint8_t f = flags(c);
    if (!(f & kIgnorable)) cased_before = (f & kCased) != 0;
  }
}

namespace {

const icu::Normalizer2& nfkd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer: ") + u_errorName(status));
  return *n;
}

}  // namespace

void PyStr::strip_accents(std::string_view s, StripAccents mode, std::string& out) const {
  if (mode == StripAccents::none || is_ascii_text(s)) {
    out.append(s);
    return;
  }
  const icu::Normalizer2& norm = nfkd();
  auto emit = [&](char32_t c) {
    if (mode == StripAccents::ascii) {
      if (c < 0x80) out.push_back(static_cast<char>(c));
    } else if (!known(c) || u_getCombiningClass(static_cast<UChar32>(c)) == 0) {
      append_utf8(out, c);
    }
  };
  // Code points Python does not know take no part in normalisation: split
  // there and normalise each segment on its own.
  icu::UnicodeString segment;
  auto flush = [&] {
    if (segment.isEmpty()) return;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString d = norm.normalize(segment, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU normalizer: ") + u_errorName(status));
    for (int32_t k = 0; k < d.length();) {
      const UChar32 c = d.char32At(k);
      emit(static_cast<char32_t>(c));
      k += U16_LENGTH(c);
    }
    segment.remove();
  };
  for (const char *p = s.data(), *end = p + s.size(); p < end;) {
    const char32_t c = decode_utf8(p, end);
    if (known(c)) {
      segment.append(static_cast<UChar32>(c));
    } else {
      flush();
      emit(c);
    }
  }
  flush();
}

std::vector<bool> python_isupper_table(std::string_view prefix, int unicode_major, int unicode_minor) {
  const PyStr& py = PyStr::get(unicode_major, unicode_minor);
  std::vector<bool> out(kCodeSpace, false);
  std::string s;
  for (char32_t c = 0; c < kCodeSpace; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    s.assign(prefix);
    append_utf8(s, c);
    out[c] = py.isupper(s);
  }
  return out;
}

std::vector<std::pair<char32_t, std::string>> python_lower_table(int unicode_major, int unicode_minor) {
  const PyStr& py = PyStr::get(unicode_major, unicode_minor);
  std::vector<std::pair<char32_t, std::string>> out;
  std::string in, lowered;
  for (char32_t c = 0; c < kCodeSpace; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    in.clear();
    append_utf8(in, c);
    lowered.clear();
    py.lower(in, lowered);
    if (lowered != in) out.emplace_back(c, lowered);
  }
  return out;
}

std::string python_lower(std::string_view text, int unicode_major, int unicode_minor) {
  std::string out;
  PyStr::get(unicode_major, unicode_minor).lower(text, out);
  return out;
}

}  // namespace textgauge
