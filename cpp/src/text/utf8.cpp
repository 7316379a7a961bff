#include "textgauge/text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstring>

#include "textgauge/error.hpp"

namespace textgauge {

namespace {
// Leading bytes at or above 0x80 are rare in news text; checking 8 bytes at a
// time keeps validation far from the hot path's cost.
inline bool word_is_ascii(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return (w & 0x8080808080808080ULL) == 0;
}
}  // namespace

DecodeError::DecodeError(std::uint64_t byte_offset, std::string source)
    : Error((source.empty() ? std::string("invalid UTF-8") : "invalid UTF-8 in " + source) +
            " at byte offset " + std::to_string(byte_offset)),
      byte_offset_(byte_offset),
      source_(std::move(source)) {}

bool is_ascii(std::string_view text) noexcept {
  // 32 bytes per step, OR-ed without a branch per word (the compiler keeps
  // this in vector registers); most texts are ASCII and read to the end.
  const char* p = text.data();
  std::size_t n = text.size(), i = 0;
  for (; i + 32 <= n; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, p + i, 32);
    if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i + 8 <= n; i += 8)
    if (!word_is_ascii(p + i)) return false;
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  return true;
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int64_t>(text.size());
  std::int64_t i = 0;
  while (i < n) {
    if (i + 8 <= n && word_is_ascii(text.data() + i)) {
      i += 8;
      continue;
    }
    const std::int64_t start = i;
    UChar32 c;
    // ICU's U8_NEXT implements the Unicode "maximal subpart" rule and rejects
    // surrogates, overlongs and code points above U+10FFFF.
    U8_NEXT(s, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

std::string ensure_utf8(std::string text, DecodeErrors errors, const std::string& source) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return text;
  if (errors == DecodeErrors::strict) throw DecodeError(bad, source);
  std::string out;
  out.reserve(text.size() + 16);
  out.append(text, 0, bad);
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int64_t>(text.size());
  std::int64_t i = static_cast<std::int64_t>(bad);
  while (i < n) {
    const std::int64_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0)
      out.append("\xEF\xBF\xBD");
    else
      out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  return out;
}

std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace textgauge
