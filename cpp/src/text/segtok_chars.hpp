#pragma once
// The character classes that segtok's patterns (segtok 1.5, the `regex`
// module) are written in, shared by the word tokenizer
// (segtok_tokenizer.cpp) and the sentence splitter (segtok_segmenter.cpp).
#include <unicode/uchar.h>

#include <cstdint>
#include <string_view>

namespace textgauge::segtok {

inline bool cat_in(char32_t c, std::uint32_t mask) { return (U_GET_GC_MASK(c) & mask) != 0; }

// segtok's HYPHENS.
inline bool is_hyphen(char32_t c) {
  return c == '-' || c == 0x00AD || c == 0x058A || c == 0x05BE || c == 0x0F0C || c == 0x1400 || c == 0x1806 ||
         (c >= 0x2010 && c <= 0x2012) || c == 0x2E17 || c == 0x30A0;
}

// segtok's SENTENCE_TERMINALS.
inline bool is_terminal(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x203C || c == 0x203D || (c >= 0x2047 && c <= 0x2049) ||
         c == 0x3002 || c == 0xFE52 || c == 0xFE57 || c == 0xFF01 || c == 0xFF0E || c == 0xFF1F ||
         c == 0xFF61;
}

// The regex module's `\s` on str: Unicode White_Space.
inline bool re_space(char32_t c) {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || c == 0x20;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// The regex module's `\w` on str: Alphabetic, marks, decimal digits,
// connector punctuation, and the joiners.
inline bool re_word(char32_t c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) ||
         cat_in(c, U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK) || c == 0x200C || c == 0x200D;
}

// The regex module's `\d` on str: Nd.
inline bool re_digit(char32_t c) { return c < 0x80 ? c >= '0' && c <= '9' : cat_in(c, U_GC_ND_MASK); }

// `\b` at `p` of `t` (the pattern sees only `t`).
inline bool boundary(std::u32string_view t, std::size_t p) {
  const bool before = p > 0 && re_word(t[p - 1]);
  const bool after = p < t.size() && re_word(t[p]);
  return before != after;
}

}  // namespace textgauge::segtok
