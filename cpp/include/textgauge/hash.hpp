#pragma once
// The core's one hash family, for its in-memory tables. Public only because
// the inline parts of public headers (Vocabulary's keys) use it; not an API.
// A hash value is never stored, never an output and never an order: ids
// follow first occurrence and outputs are sorted, so changing a member here
// changes table layouts only.
//
// Two members and one composite:
//  - hash_mix(x): a full avalanche of a 64-bit word (the finaliser of
//    MurmurHash3, fmix64): every output bit depends on every input bit, so a
//    table may take its index from any bits. For integer keys.
//  - hash_combine(h, w): absorbs one 64-bit word into the running state h:
//    one 64x64->128-bit multiply of h ^ w by an odd constant, the two halves
//    xored. Every input bit reaches both the low bits of the result (through
//    the high half) and the top bits, so its result indexes a table by either
//    (Vocabulary picks slots by the top bits, VADER's word table buckets by
//    the low ones); at one multiply, cheap enough to finish the hash of every
//    token in the tokenising loops. Start the state from kHashSeed, mixed with
//    the length where lengths vary. Not for adversarial input (h ^ w == 0
//    forgets h), which the core's tables never see from a hash-flooding peer.
//  - hash_words(p, n): a sequence of integers (an n-gram of term ids):
//    hash_combine over the words, then hash_mix.
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace textgauge {

inline constexpr std::uint64_t kHashSeed = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio

constexpr std::uint64_t hash_mix(std::uint64_t x) noexcept {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

constexpr std::uint64_t hash_combine(std::uint64_t h, std::uint64_t w) noexcept {
  __extension__ typedef unsigned __int128 u128;  // GCC and Clang, as the rest of the core
  const u128 p = static_cast<u128>(h ^ w) * 0xbf58476d1ce4e5b9ull;
  return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
}

// Words are taken as unsigned of their own width (a negative id is not
// sign-extended), and the length is part of the seed: (1, 2) and (1, 2, 0)
// differ.
template <class Int>
constexpr std::uint64_t hash_words(const Int* p, std::size_t n) noexcept {
  static_assert(std::is_integral_v<Int>, "hash_words hashes integers");
  std::uint64_t h = kHashSeed + n;
  for (std::size_t k = 0; k < n; ++k) h = hash_combine(h, static_cast<std::make_unsigned_t<Int>>(p[k]));
  return hash_mix(h);
}

}  // namespace textgauge
