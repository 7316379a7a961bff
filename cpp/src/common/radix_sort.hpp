#pragma once
// The one LSD radix sort of small arrays of keyed items (anything with a
// 64-bit `key`): 8-bit digits, and a digit equal in every key is skipped, so
// keys that share their high bits (a partition's pair keys, a range of a
// larger sort) take only the passes of the bits that differ. Stable. Meant
// for arrays that mostly fit in cache (a partition of
// common/partitioned_count.hpp: a few thousand items; a range of vectorize's
// sort_by_ranges: a 256th of its input), where each pass is a read and a
// scatter within L1/L2, several times faster than a comparison sort.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace textgauge {

// Sorts a[0, n) by key; scratch holds n items. The result is in a.
template <class Item>
void radix_sort_small(Item* a, Item* scratch, std::size_t n) {
  if (n < 2) return;
  std::uint64_t varying = 0;
  for (std::size_t i = 1; i < n; ++i) varying |= a[i].key ^ a[0].key;
  Item* src = a;
  Item* dst = scratch;
  for (int d = 0; d < 64; d += 8) {
    if (((varying >> d) & 0xFF) == 0) continue;
    std::size_t count[257] = {};
    for (std::size_t i = 0; i < n; ++i) ++count[((src[i].key >> d) & 0xFF) + 1];
    for (int k = 1; k < 257; ++k) count[k] += count[k - 1];
    for (std::size_t i = 0; i < n; ++i) dst[count[(src[i].key >> d) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != a)
    for (std::size_t i = 0; i < n; ++i) a[i] = src[i];
}

// Pair keys (two 32-bit halves, as of common/rank_partitions.hpp) recoded in
// fewer bits, in the same order: the high half above the least high half of
// the set, above the bits of its widest low half. The keys of a partition or
// of one first token share most of their high bits and the low halves are
// token ranks, so the codes take a pass or two fewer than the keys.
class PairKeyCode {
 public:
  template <class Keys, class KeyOf>
  PairKeyCode(const Keys& keys, KeyOf&& key_of) {
    std::uint64_t low_or = 0;
    for (const auto& k : keys) {
      high_min_ = std::min(high_min_, key_of(k) >> 32);
      low_or |= key_of(k) & 0xFFFFFFFFu;
    }
    low_bits_ = low_or == 0 ? 0 : 64 - __builtin_clzll(low_or);
  }
  std::uint64_t code(std::uint64_t key) const noexcept {
    return (((key >> 32) - high_min_) << low_bits_) | (key & 0xFFFFFFFFu);
  }
  std::uint64_t key(std::uint64_t code) const noexcept {
    return (((code >> low_bits_) + high_min_) << 32) | (code & ((std::uint64_t{1} << low_bits_) - 1));
  }

 private:
  std::uint64_t high_min_ = ~std::uint64_t{0};
  int low_bits_ = 0;
};

}  // namespace textgauge
