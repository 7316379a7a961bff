#include "textgauge/vectorize/hashing.hpp"

#include <cstring>

namespace textgauge {

namespace {
inline std::uint32_t rotl32(std::uint32_t x, int r) noexcept { return (x << r) | (x >> (32 - r)); }
inline std::uint32_t fmix32(std::uint32_t h) noexcept {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}
}  // namespace

std::uint32_t murmurhash3_x86_32(std::string_view key, std::uint32_t seed) noexcept {
  constexpr std::uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  const std::size_t len = key.size();
  const std::size_t blocks = len / 4;
  std::uint32_t h = seed;
  for (std::size_t i = 0; i < blocks; ++i) {
    // little-endian block, independent of the host's byte order
    std::uint32_t k = static_cast<std::uint32_t>(data[4 * i]) |
                      (static_cast<std::uint32_t>(data[4 * i + 1]) << 8) |
                      (static_cast<std::uint32_t>(data[4 * i + 2]) << 16) |
                      (static_cast<std::uint32_t>(data[4 * i + 3]) << 24);
    k *= c1;
    k = rotl32(k, 15);
    k *= c2;
    h ^= k;
    h = rotl32(h, 13);
    h = h * 5 + 0xe6546b64u;
  }
  const unsigned char* tail = data + blocks * 4;
  std::uint32_t k = 0;
  switch (len & 3) {
    case 3: k ^= static_cast<std::uint32_t>(tail[2]) << 16; [[fallthrough]];
    case 2: k ^= static_cast<std::uint32_t>(tail[1]) << 8; [[fallthrough]];
    case 1:
      k ^= tail[0];
      k *= c1;
      k = rotl32(k, 15);
      k *= c2;
      h ^= k;
  }
  h ^= static_cast<std::uint32_t>(len);
  return fmix32(h);
}

}  // namespace textgauge
