// radix_sort_small (cpp/src/common/radix_sort.hpp) against std::stable_sort.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "common/partitioned_count.hpp"
#include "common/radix_sort.hpp"

using namespace textgauge;

TEST_CASE("radix_sort_small orders any keys as std::stable_sort does", "[radix]") {
  std::uint64_t x = 2463534242ull;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  // Keys that differ in the low half only, in the high half only, in both,
  // and full 64-bit keys; with ties (few distinct values) and without.
  for (std::size_t n : {0u, 1u, 2u, 65u, 3000u})
    for (int shape = 0; shape < 5; ++shape) {
      std::vector<KeyCount> v;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t r = next();
        const std::uint64_t key = shape == 0   ? (std::uint64_t{77} << 32) | (r % 100000)
                                  : shape == 1 ? ((1000 + r % 5000) << 32) | 12
                                  : shape == 2 ? ((r % 3000) << 32) | ((r >> 20) % 131072)
                                  : shape == 3 ? (r % 7) << 40 | 5
                                               : r;
        v.push_back({key, static_cast<std::int64_t>(i)});
      }
      std::vector<KeyCount> want = v;
      std::stable_sort(want.begin(), want.end(),
                       [](const KeyCount& a, const KeyCount& b) { return a.key < b.key; });
      std::vector<KeyCount> scratch(n);
      radix_sort_small(v.data(), scratch.data(), n);
      CHECK(v == want);  // stable: equal keys keep their order (their counts tell)
    }
}
