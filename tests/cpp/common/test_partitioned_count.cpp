// PartitionedCounter (cpp/src/common/partitioned_count.hpp): counts against
// hand-computed tables, and the same result whatever the partitions,
// producers and threads.
#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "catch.hpp"
#include "common/partitioned_count.hpp"
#include "textgauge/hash.hpp"

using namespace textgauge;

namespace {

// Every key with its count, ascending, from all partitions.
std::map<std::uint64_t, std::int64_t> as_map(const std::vector<std::vector<KeyCount>>& parts) {
  std::map<std::uint64_t, std::int64_t> m;
  for (const auto& part : parts)
    for (const KeyCount& kc : part) {
      CHECK(m.count(kc.key) == 0);  // each key in one partition only
      m[kc.key] = kc.count;
    }
  return m;
}

bool ascending(const std::vector<std::vector<KeyCount>>& parts) {
  for (const auto& part : parts)
    for (std::size_t i = 1; i < part.size(); ++i)
      if (!(part[i - 1].key < part[i].key)) return false;
  return true;
}

// Keys spread over `producers` round-robin, into 2^bits partitions by the
// top bits of their hash.
std::vector<std::vector<KeyCount>> count_all(const std::vector<std::uint64_t>& keys, std::size_t producers,
                                             unsigned bits, unsigned threads, std::int64_t min_count = 1) {
  PartitionedCounter pc(producers, std::size_t{1} << bits);
  for (std::size_t i = 0; i < keys.size(); ++i)
    pc.add(i % producers, bits == 0 ? 0 : static_cast<std::size_t>(hash_mix(keys[i]) >> (64 - bits)),
           keys[i]);
  return pc.count(threads, min_count);
}

}  // namespace

TEST_CASE("partitioned counts match a hand-computed table", "[partitioned]") {
  // the pairs of "a b a b c a b" as (id, id) keys: (a,b) x3, (b,a) x1, (b,c) x1, (c,a) x1
  const std::uint64_t ab = (0ull << 32) | 1, ba = (1ull << 32) | 0, bc = (1ull << 32) | 2,
                      ca = (2ull << 32) | 0;
  const std::vector<std::uint64_t> keys = {ab, ba, ab, bc, ca, ab};
  const std::map<std::uint64_t, std::int64_t> want = {{ab, 3}, {ba, 1}, {bc, 1}, {ca, 1}};
  for (unsigned bits : {0u, 1u, 3u, 6u})
    for (std::size_t producers : {1u, 2u, 5u}) {
      const auto parts = count_all(keys, producers, bits, 2);
      CHECK(parts.size() == (std::size_t{1} << bits));
      CHECK(as_map(parts) == want);
      CHECK(ascending(parts));
    }
  // min_count drops the rare ones
  const std::map<std::uint64_t, std::int64_t> frequent = {{ab, 3}};
  CHECK(as_map(count_all(keys, 2, 2, 1, 2)) == frequent);
}

TEST_CASE("one partition holds every key, ascending", "[partitioned]") {
  const auto parts = count_all({9, 3, 9, 0, 3, 9}, 1, 0, 1);
  REQUIRE(parts.size() == 1);
  CHECK(parts[0] == std::vector<KeyCount>{{0, 1}, {3, 2}, {9, 3}});
}

TEST_CASE("empty input and empty producers", "[partitioned]") {
  PartitionedCounter none(3, 16);
  const auto parts = none.count(2);
  CHECK(parts.size() == 16);
  for (const auto& p : parts) CHECK(p.empty());
  CHECK(PartitionedCounter::concat(parts).empty());
  // producers 0 and 2 add nothing (an empty document's chunk)
  PartitionedCounter some(3, 16);
  some.add(1, 5, 42);
  some.add(1, 5, 42);
  CHECK(PartitionedCounter::concat(some.count(3)) == std::vector<KeyCount>{{42, 2}});
}

TEST_CASE("more partitions than keys", "[partitioned]") {
  const auto parts = count_all({5, 7, 5}, 2, 10, 4);
  CHECK(parts.size() == 1024);
  std::size_t nonempty = 0;
  for (const auto& p : parts) nonempty += !p.empty();
  CHECK(nonempty <= 2);
  CHECK(as_map(parts) == std::map<std::uint64_t, std::int64_t>{{5, 2}, {7, 1}});
}

TEST_CASE("skewed keys: one key most of the input, the rest once", "[partitioned]") {
  std::vector<std::uint64_t> keys;
  std::map<std::uint64_t, std::int64_t> want;
  for (std::uint64_t i = 0; i < 50000; ++i) {
    keys.push_back(1234567);
    if (i % 10 == 0) {
      keys.push_back(i << 20);
      want[i << 20] += 1;
    }
  }
  want[1234567] += 50000;
  CHECK(as_map(count_all(keys, 3, 6, 2)) == want);
}

TEST_CASE("the output depends on neither producers nor threads", "[partitioned]") {
  std::vector<std::uint64_t> keys;
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 200000; ++i) {  // xorshift: 2^12 distinct-ish small keys, many repeated
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    keys.push_back(x % 70001);
  }
  const unsigned bits = 4;
  const auto one = count_all(keys, 1, bits, 1);
  CHECK(ascending(one));
  std::int64_t total = 0;
  for (const auto& p : one)
    for (const KeyCount& kc : p) total += kc.count;
  CHECK(total == 200000);
  for (std::size_t producers : {2u, 3u, 8u})
    for (unsigned threads : {1u, 2u, 3u, 8u}) CHECK(count_all(keys, producers, bits, threads) == one);
}

TEST_CASE("FlatMap::drain reads every key once and leaves the table empty for reuse", "[partitioned]") {
  FlatMap<std::uint64_t, std::int64_t> m(4);
  for (std::uint64_t k : {5u, 9u, 5u, 100u}) ++m[k];
  std::map<std::uint64_t, std::int64_t> seen;
  m.drain([&](std::uint64_t k, std::int64_t v) { seen[k] = v; });
  CHECK(seen == std::map<std::uint64_t, std::int64_t>{{5, 2}, {9, 1}, {100, 1}});
  CHECK(m.empty());
  CHECK(m.find(5) == nullptr);
  ++m[9];
  CHECK(*m.find(9) == 1);
  CHECK(m.size() == 1);
}

TEST_CASE("partitions that are ranges of the keys: ascending end to end", "[partitioned]") {
  // keys 0..29999 routed by range into 7 partitions of unequal width, from 3
  // producers; each key added (key % 5) + 1 times
  const std::vector<std::uint64_t> cut = {0, 10, 11, 5000, 5001, 20000, 29999, 30000};
  auto route = [&](std::uint64_t k) {
    return static_cast<std::size_t>(std::upper_bound(cut.begin(), cut.end(), k) - cut.begin() - 1);
  };
  for (unsigned threads : {1u, 2u, 5u}) {
    PartitionedCounter pc(3, cut.size() - 1);
    CHECK(pc.partitions() == 7);
    CHECK(pc.producers() == 3);
    std::size_t i = 0;
    for (std::uint64_t k = 30000; k-- > 0;) {  // scattered keys: the sort is what orders them
      const std::uint64_t key = k * 2654435761u % 30000;
      for (std::uint64_t rep = 0; rep <= k % 5; ++rep) pc.add(i++ % 3, route(key), key);
    }
    const auto parts = pc.count(threads, 3);  // min_count 3: keys added 3, 4 or 5 times
    const std::vector<KeyCount> all = PartitionedCounter::concat(parts);
    std::vector<KeyCount> want;
    // k -> k * 2654435761 mod 30000 is not a bijection: count what it makes
    std::map<std::uint64_t, std::int64_t> counts;
    for (std::uint64_t k = 0; k < 30000; ++k)
      counts[k * 2654435761u % 30000] += static_cast<std::int64_t>(k % 5 + 1);
    for (const auto& [k, c] : counts)
      if (c >= 3) want.push_back({k, c});
    CHECK(all == want);
  }
}
