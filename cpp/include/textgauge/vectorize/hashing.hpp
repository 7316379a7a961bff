#pragma once
// MurmurHash3_x86_32 (Austin Appleby's public-domain algorithm), written from
// its description. With seed 0 and the result read as a signed 32-bit integer
// it equals sklearn.utils.murmurhash3_32(key, seed=0) on UTF-8 bytes.
#include <cstdint>
#include <string_view>

namespace textgauge {

std::uint32_t murmurhash3_x86_32(std::string_view key, std::uint32_t seed = 0) noexcept;

inline std::int32_t murmurhash3_x86_32_signed(std::string_view key, std::uint32_t seed = 0) noexcept {
  return static_cast<std::int32_t>(murmurhash3_x86_32(key, seed));
}

}  // namespace textgauge
