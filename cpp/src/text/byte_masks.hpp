#pragma once
// Byte-parallel class tests, eight bytes in a 64-bit word (portable) or
// sixteen in an SSE2 register, shared by the ASCII fast paths of the word
// tokenizer (ascii_words.hpp) and of VADER (sentiment/tokenize_ascii.cpp).
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace textgauge::bytes {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;

inline std::uint64_t load64(const void* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint32_t load32(const void* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The high bit of each byte of w in [lo, hi]. Compares by adding to each
// byte, so it is exact for bytes < 0x80 (which never carry into the next).
constexpr std::uint64_t in(std::uint64_t w, unsigned char lo, unsigned char hi) noexcept {
  return (w + kOnes * (0x80u - lo)) & ~(w + kOnes * (0x7Fu - hi)) & kHigh;
}

// Lowercases eight ASCII bytes: sets bit 5 of every byte in 'A'..'Z'.
constexpr std::uint64_t lower8(std::uint64_t w) noexcept { return w | (in(w, 'A', 'Z') >> 2); }

// The high bits of the eight bytes of m (as in() gives them) as an 8-bit mask
// (bit k: byte k), moved to bits 8j..8j+7 of a 64-byte block's mask.
constexpr std::uint64_t gather(std::uint64_t m, unsigned j) noexcept {
  return (((m >> 7) * 0x0102040810204080ULL) >> 56) << (8 * j);
}

#if defined(__SSE2__)
// lo <= byte <= hi in one signed compare: the bias maps [lo, hi] onto
// [-128, -128 + hi - lo] (exact for every byte value).
inline __m128i in(__m128i x, int lo, int hi) noexcept {
  const __m128i biased = _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm_cmplt_epi8(biased, _mm_set1_epi8(static_cast<char>(-128 + hi - lo + 1)));
}

inline __m128i eq(__m128i x, char c) noexcept { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); }

// The byte mask of x moved to bits 16i..16i+15 of a 64-byte block's mask.
inline std::uint64_t gather(__m128i x, unsigned i) noexcept {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(x))) << (16 * i);
}
#endif

}  // namespace textgauge::bytes
