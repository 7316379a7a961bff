#include <array>
#include <cstdint>
#include <map>
#include <random>
#include <unordered_map>
#include <vector>

#include "catch.hpp"
#include "common/flat_map.hpp"  // internal: the core's counting table
#include "common/huge_pages.hpp"
#include "textgauge/hash.hpp"

using namespace textgauge;

namespace {

// Every key of `ref` with its value, and nothing else.
template <class Map>
void require_same(const Map& m, const std::unordered_map<std::uint64_t, std::int64_t>& ref) {
  REQUIRE(m.size() == ref.size());
  std::size_t seen = 0;
  m.for_each([&](std::uint64_t k, std::int64_t v) {
    const auto it = ref.find(k);
    REQUIRE(it != ref.end());
    REQUIRE(it->second == v);
    ++seen;
  });
  REQUIRE(seen == ref.size());
  for (const auto& [k, v] : ref) {
    const std::int64_t* got = m.find(k);
    REQUIRE(got != nullptr);
    REQUIRE(*got == v);
  }
}

}  // namespace

TEST_CASE("flat_map: counts like std::unordered_map on random keys, through growth", "[flat_map]") {
  std::mt19937_64 rng(42);
  // Few distinct keys drawn many times, and keys that share their low bits
  // (ids packed into the high half): both probe long without a good mix.
  for (const std::uint64_t spread : {std::uint64_t{1000}, std::uint64_t{1} << 40}) {
    FlatMap<std::uint64_t, std::int64_t> m;  // starts at 16 slots: grows many times
    std::unordered_map<std::uint64_t, std::int64_t> ref;
    for (int i = 0; i < 200000; ++i) {
      const std::uint64_t k = (rng() % spread) << (spread > 1000 ? 20 : 0);
      const std::int64_t by = static_cast<std::int64_t>(rng() % 5) + 1;
      m[k] += by;
      ref[k] += by;
    }
    require_same(m, ref);
    REQUIRE(m.capacity() >= 2 * m.size());
    REQUIRE((m.capacity() & (m.capacity() - 1)) == 0);
    REQUIRE(m.find(~std::uint64_t{0} - 1) == nullptr);
  }
}

TEST_CASE("flat_map: try_emplace inserts once and keeps the first value", "[flat_map]") {
  FlatMap<std::uint64_t, std::int32_t> ids(4);
  std::int32_t next = 0;
  std::vector<std::int32_t> got;
  for (std::uint64_t k : {7u, 3u, 7u, 0u, 3u, 12u}) {
    auto [id, inserted] = ids.try_emplace(k, next);
    if (inserted) ++next;
    got.push_back(id);
  }
  REQUIRE(got == std::vector<std::int32_t>{0, 1, 0, 2, 1, 3});  // ids in order of first occurrence
  REQUIRE(ids.size() == 4);
  const auto& c = ids;
  REQUIRE(*c.find(12) == 3);
  REQUIRE(c.find(13) == nullptr);
}

TEST_CASE("flat_map: clear keeps the memory and the table works again", "[flat_map]") {
  FlatMap<std::uint32_t, std::int64_t> m;
  for (std::uint32_t k = 0; k < 5000; ++k) m[k * 7919u] = k;
  const std::size_t cap = m.capacity();
  m.clear();
  REQUIRE(m.size() == 0);
  REQUIRE(m.empty());
  REQUIRE(m.capacity() == cap);
  REQUIRE(m.find(7919u) == nullptr);
  std::size_t n = 0;
  m.for_each([&](std::uint32_t, std::int64_t) { ++n; });
  REQUIRE(n == 0);
  for (std::uint32_t k = 0; k < 5000; ++k) m[k * 31u] += 2;
  REQUIRE(m.size() == 5000);
  REQUIRE(m.capacity() == cap);  // reused, not grown
  REQUIRE(*m.find(31u * 4999u) == 2);
  m.reserve(100000);
  REQUIRE(m.capacity() >= 200000);
  REQUIRE(*m.find(31u) == 2);  // reserve keeps the contents
}

TEST_CASE("flat_map: clear_keys empties a big table through the few keys it holds", "[flat_map]") {
  // A hash that sends every key to a few slots: long probe chains, where
  // emptying slots while still finding the others would lose some.
  struct Crowded {
    static constexpr std::uint64_t empty() noexcept { return ~std::uint64_t{0}; }
    static std::uint64_t hash(std::uint64_t k) noexcept { return k % 3; }
  };
  FlatMap<std::uint64_t, std::int64_t, Crowded> m;
  m.reserve(4096);  // a large table, as after one big batch
  const std::size_t cap = m.capacity();
  for (int round = 0; round < 3; ++round) {
    std::vector<std::uint64_t> keys;
    for (std::uint64_t k = 0; k < 60; ++k) keys.push_back(k * 5 + static_cast<std::uint64_t>(round));
    for (const std::uint64_t k : keys) m[k] += 1;
    REQUIRE(m.size() == keys.size());
    m.clear_keys(keys);
    REQUIRE(m.empty());
    std::size_t left = 0;
    m.for_each([&](std::uint64_t, std::int64_t) { ++left; });
    REQUIRE(left == 0);  // every slot is empty again, none left behind
    for (const std::uint64_t k : keys) REQUIRE(m.find(k) == nullptr);
    REQUIRE(m.capacity() == cap);
  }
  // Many keys for the table's size: the whole table is swept instead.
  std::vector<std::uint64_t> many;
  for (std::uint64_t k = 0; k < 1500; ++k) many.push_back(k * 7919);
  for (const std::uint64_t k : many) m[k] = 1;
  m.clear_keys(many);
  REQUIRE(m.empty());
  REQUIRE(m.find(7919) == nullptr);
}

TEST_CASE("flat_map: prefetch, huge-page allocator and keys with their own traits", "[flat_map]") {
  FlatMap<std::uint64_t, std::int32_t, FlatMapTraits<std::uint64_t>, HugePageAllocator> m;
  m.reserve(200000);  // 16 B slots: a table over 2 MiB, mapped on its own
  std::unordered_map<std::uint64_t, std::int64_t> ref;
  for (std::uint64_t k = 0; k < 200000; ++k) {
    m.prefetch(k + 8);
    m[k * k] = static_cast<std::int32_t>(k);
    ref[k * k] = static_cast<std::int32_t>(k);
  }
  REQUIRE(m.size() == ref.size());
  for (const auto& [k, v] : ref) REQUIRE(*m.find(k) == v);

  // A fixed-size n-gram of ids (unused positions -1) as a key.
  using Gram = std::array<std::int32_t, 3>;
  struct GramTraits {
    static constexpr Gram empty() noexcept { return {INT32_MIN, INT32_MIN, INT32_MIN}; }
    static std::uint64_t hash(const Gram& g) noexcept { return hash_words(g.data(), g.size()); }
  };
  FlatMap<Gram, std::int64_t, GramTraits> grams;
  grams[{1, 2, -1}] += 1;
  grams[{1, 2, 3}] += 1;
  grams[{1, 2, -1}] += 1;
  REQUIRE(grams.size() == 2);
  REQUIRE(*grams.find({1, 2, -1}) == 2);
  REQUIRE(grams.find({2, 1, -1}) == nullptr);

  // The same with a cheap emptiness test on the first id only.
  struct GramTraitsFast : GramTraits {
    static bool is_empty(const Gram& g) noexcept { return g[0] == INT32_MIN; }
  };
  FlatMap<Gram, std::int64_t, GramTraitsFast> fast;
  std::mt19937 rng(7);
  std::map<Gram, std::int64_t> gram_ref;
  for (int i = 0; i < 20000; ++i) {
    const Gram g = {static_cast<std::int32_t>(rng() % 50), static_cast<std::int32_t>(rng() % 50), -1};
    fast[g] += 1;
    gram_ref[g] += 1;
  }
  REQUIRE(fast.size() == gram_ref.size());
  for (const auto& [g, c] : gram_ref) REQUIRE(*fast.find(g) == c);
}

TEST_CASE("hash: the family's members", "[flat_map][hash]") {
  // Deterministic, and constexpr (usable in tables built at compile time).
  static_assert(hash_mix(0) == 0);
  static_assert(hash_mix(1) != hash_mix(2));
  const std::int32_t a[] = {1, 2}, b[] = {2, 1}, c[] = {1, 2, 0};
  REQUIRE(hash_words(a, 2) != hash_words(b, 2));  // order matters
  REQUIRE(hash_words(a, 2) != hash_words(c, 3));  // so does length
  const std::int32_t neg[] = {-1};
  const std::uint32_t pos[] = {0xFFFFFFFFu};
  REQUIRE(hash_words(neg, 1) == hash_words(pos, 1));  // a word is its own width, unsigned
  // Every input bit reaches the low bits (a table indexed by them) and the
  // top bits (one indexed by a shift).
  for (int bit = 0; bit < 64; ++bit) {
    const std::uint64_t x = std::uint64_t{1} << bit;
    const std::uint64_t mixed = hash_mix(x) ^ hash_mix(0);
    const std::uint64_t combined = hash_combine(kHashSeed, x) ^ hash_combine(kHashSeed, 0);
    for (const std::uint64_t d : {mixed, combined}) {
      REQUIRE((d & 0xFFFF) != 0);
      REQUIRE((d >> 48) != 0);
    }
  }
}
