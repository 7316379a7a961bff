#pragma once
// The VADER engine's word table: lowered token -> what the rules need to know
// about it (a lexicon valence and property flags), in one lookup.
//
// Built once per analyzer (build_word_table() in word_table.cpp), read by every
// token. Two indexes over the same entries:
//   * an open-addressing table over any key (find_padded), for the generic
//     tokenizer and long tokens;
//   * for keys of up to kShortKey bytes, a cuckoo table of 64-byte buckets
//     behind an L1-resident bit filter (may_hold, find_short), for the ASCII
//     fast path, where most tokens are no key at all.
// The lookups are inline: they run once per token on the hot path.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/hash.hpp"

namespace textgauge::vader {

// What a lowered token is: everything the rules need fits in 12 bytes.
struct Entry {
  double valence = 0;  // the lexicon value (0 when not a lexicon key)
  std::uint32_t flags = 0;
};

// A short lowered token as WordTable::short_key() builds it.
struct Key {
  std::uint64_t w0, w1;
};

// Open-addressing table from lowered token to Entry. The probe array holds
// 8-byte slots (a 32-bit hash tag and an entry index) so that it stays in
// cache; most tokens are misses and end at an empty slot.
class WordTable {
 public:
  // Reads the n bytes at s; the 8 bytes after s[n - 1] must be readable
  // (keys and token buffers are padded) and are masked off.
  static std::uint64_t load_tail(const char* s, std::size_t n) noexcept {
    std::uint64_t w;
    std::memcpy(&w, s, 8);
    return n >= 8 ? w : (n == 0 ? 0 : w & (~0ULL >> (64 - 8 * n)));
  }

  // The core's hash family (textgauge/hash.hpp): slots are picked by the low
  // bits, tags are the top half.
  static std::uint64_t hash(const char* s, std::size_t n) noexcept {
    std::uint64_t h = kHashSeed + n;
    while (n >= 8) {
      std::uint64_t w;
      std::memcpy(&w, s, 8);
      h = hash_combine(h, w);
      s += 8;
      n -= 8;
    }
    return hash_combine(h, load_tail(s, n));
  }

  // The entry of `key`, created empty when new. `key` needs no padding here:
  // it is copied into the padded pool first.
  Entry& insert(std::string_view key);

  // Entries are copied into the slots: a hit then reads no other cache line.
  struct alignas(64) Bucket {
    Key key[2] = {{0, ~0ULL}, {0, ~0ULL}};  // ~0: an empty slot (no length is 255)
    double valence[2] = {0, 0};
    std::uint32_t flags[2] = {0, 0};
  };

  // Buckets take the low bits, the bit filter the top ones: hash_combine
  // mixes every bit of the key into both.
  static std::uint64_t short_hash(const Key& k) noexcept {
    return hash_combine(hash_combine(kHashSeed, k.w0), k.w1);
  }

  // Keys of up to kShortKey bytes are indexed once more for the ASCII fast
  // path (build_short_index() after the last insert; entries must not move
  // then). Such a key is two little-endian words, zero-padded, with its length
  // in the top byte (see short_key()), so one two-word compare tests a slot.
  // A key sits in one of two buckets of two slots (cuckoo hashing), so a hit
  // reads at most two cache lines; a bit filter in L1 turns away most
  // tokens, which are no key, before any bucket is read.
  static constexpr std::size_t kShortKey = 15;
  void build_short_index();

  // w0, w1: the lowered token's bytes, zero past its end; n <= kShortKey.
  static Key short_key(std::uint64_t w0, std::uint64_t w1, std::size_t n) noexcept {
    return {w0, w1 | (std::uint64_t{n} << 56)};
  }

  // Whether the key with hash h may be in the table (false for most tokens).
  bool may_hold(std::uint64_t h) const noexcept {
    const std::uint64_t bits = bloom_bits(h);
    return (short_bloom_[bloom_word(h)] & bits) == bits;
  }

  // The lookup proper: all four slots are compared, with no branch on which
  // one holds the key (that varies from token to token and mispredicts).
  Entry find_short(const Key& k, std::uint64_t h) const noexcept {
    std::uint64_t valence = 0;  // the bits of the double
    std::uint32_t flags = 0;
    for (const std::size_t at : {h & short_mask_, (h >> 26) & short_mask_}) {
      const Bucket& b = short_buckets_[at];
      for (int j = 0; j < 2; ++j) {
        const std::uint64_t same = std::uint64_t{0} - ((b.key[j].w0 == k.w0) & (b.key[j].w1 == k.w1));
        valence |= std::bit_cast<std::uint64_t>(b.valence[j]) & same;
        flags |= b.flags[j] & static_cast<std::uint32_t>(same);
      }
    }
    return {std::bit_cast<double>(valence), flags};
  }

  // `key` must be followed by 8 readable bytes.
  const Entry* find_padded(const char* key, std::size_t n) const noexcept {
    const std::uint32_t idx = find_index(key, n, hash(key, n));
    return idx == kNone ? nullptr : &entries_[idx].entry;
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // A blocked bit filter: two bits in one of 2048 words (16 KB, stays in L1),
  // chosen by the top hash bits (buckets use the low ones); with VADER's
  // lexicon about 1% of the tokens that are no key pass.
  static constexpr std::size_t kShortBloomWords = 2048;
  static std::size_t bloom_word(std::uint64_t h) noexcept { return (h >> 53) & (kShortBloomWords - 1); }
  static std::uint64_t bloom_bits(std::uint64_t h) noexcept {
    return kBit[(h >> 41) & 63] | kBit[(h >> 47) & 63];  // a load: shifts by a variable cost more
  }
  static constexpr auto kBit = [] {
    std::array<std::uint64_t, 64> bit{};
    for (unsigned i = 0; i < 64; ++i) bit[i] = std::uint64_t{1} << i;
    return bit;
  }();
  bool place_short(Key k, Entry e);
  struct Stored {
    Entry entry;
    std::uint64_t hash = 0;
    std::uint32_t off = 0, len = 0;
  };

  bool equal(const Stored& e, const char* key, std::size_t n) const noexcept {
    if (e.len != n) return false;
    const char* k = pool_.data() + e.off;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t a, b;
      std::memcpy(&a, k + i, 8);
      std::memcpy(&b, key + i, 8);
      if (a != b) return false;
    }
    return load_tail(k + i, n - i) == load_tail(key + i, n - i);
  }

  std::uint32_t find_index(const char* key, std::size_t n, std::uint64_t h) const noexcept {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t tag = h >> 32;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      if ((slot >> 32) == tag) {
        const auto idx = static_cast<std::uint32_t>(slot) - 1;
        if (equal(entries_[idx], key, n)) return idx;
      }
    }
  }

  static void place(std::vector<std::uint64_t>& slots, std::uint64_t h, std::uint32_t idx);
  void grow();

  std::vector<std::uint64_t> slots_;
  std::vector<Stored> entries_;
  std::string pool_;
  std::vector<Bucket> short_buckets_;
  std::size_t short_mask_ = 0;
  std::uint64_t short_bloom_[kShortBloomWords] = {};
};

// vaderSentiment's NEGATE list and BOOSTER_DICT (word, increment), as the word
// table holds them; the scorer that applies VADER's rules to other lexicons
// (sentiment/gauge) reads the same lists.
struct Booster {
  const char* word;
  double value;
};
std::span<const char* const> negate_words() noexcept;
std::span<const Booster> booster_words() noexcept;

}  // namespace textgauge::vader
