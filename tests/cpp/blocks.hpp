#pragma once
// 64-byte blocks for tests that compare two implementations of a byte
// classifier: each byte value below `limit` at each position of a block made
// of `background` characters, then 20,000 pseudo-random blocks of such bytes.
#include <cstdint>
#include <string_view>

template <class Check>
void for_each_test_block(std::string_view background, unsigned limit, Check&& check) {
  char block[64];
  for (unsigned pos = 0; pos < 64; ++pos)
    for (unsigned c = 0; c < limit; ++c) {
      for (unsigned k = 0; k < 64; ++k) block[k] = background[(k * 7 + c) % background.size()];
      block[pos] = static_cast<char>(c);
      check(block);
    }
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;  // xorshift64
  for (int trial = 0; trial < 20000; ++trial) {
    for (char& b : block) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      b = static_cast<char>((x >> 56) % limit);
    }
    check(block);
  }
}
