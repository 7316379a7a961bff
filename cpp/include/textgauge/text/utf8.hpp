#pragma once
// UTF-8 validation and repair. Everything downstream of these functions may
// assume well-formed UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "textgauge/options.hpp"

namespace textgauge {

enum class DecodeErrors {
  strict,   // throw DecodeError at the first invalid sequence
  replace,  // substitute U+FFFD for each maximal invalid subpart (as Python does)
};
template <>
struct OptionTable<DecodeErrors> {
  static constexpr std::string_view label = "errors";
  static constexpr std::array<OptionName<DecodeErrors>, 2> entries{{
      {DecodeErrors::strict, "strict"},
      {DecodeErrors::replace, "replace"},
  }};
};

// Offset of the first byte of the first invalid sequence, or npos when `text`
// is well-formed UTF-8. Surrogates (ED A0..BF xx) and overlongs are invalid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

// Returns `text` as well-formed UTF-8: unchanged when it already is; with
// U+FFFD substituted when `errors == replace`; otherwise throws DecodeError
// naming `source` (a file name, may be empty) and the byte offset.
std::string ensure_utf8(std::string text, DecodeErrors errors, const std::string& source = {});

// True when no byte is >= 0x80: such text takes the ASCII fast paths.
bool is_ascii(std::string_view text) noexcept;

// Starts loading the first bytes of a text that will be read soon. Texts from
// Python lie scattered over the heap, where the hardware prefetcher cannot
// follow; batch loops call this a couple of texts ahead (up to 30% faster).
inline void prefetch_text(std::string_view text) noexcept {
  for (std::size_t k = 0; k < text.size() && k < 512; k += 64) __builtin_prefetch(text.data() + k);
}

// Number of code points in well-formed UTF-8 (count of non-continuation bytes).
std::size_t count_code_points(std::string_view text) noexcept;

// Decodes the code point that starts at p and moves p past it. For text that
// is well-formed (after ensure_utf8) or that comes from a Python str with lone
// surrogates, encoded "surrogatepass": those decode to U+D800..U+DFFF. It
// never reads at or past `end`: a truncated sequence takes zero bits for its
// missing bytes.
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

// The code points of well-formed UTF-8 `s`.
inline std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) out.push_back(decode_utf8(p, end));
  return out;
}

// Appends code point c (<= U+10FFFF; a surrogate as its 3-byte form) as UTF-8.
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
