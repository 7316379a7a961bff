// PartitionedCounter (cpp/src/common/partitioned_count.hpp): counts against
// hand-computed tables, and the same result whatever the partitions,
// producers and threads.
#include <cstdint>
#include <map>
#include <vector>

#include "catch.hpp"
#include "common/partitioned_count.hpp"

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

// Keys spread over `producers` round-robin.
std::vector<std::vector<KeyCount>> count_all(const std::vector<std::uint64_t>& keys, std::size_t producers,
                                             unsigned bits, unsigned threads, std::int64_t min_count = 1) {
  PartitionedCounter pc(producers, bits);
  for (std::size_t i = 0; i < keys.size(); ++i) pc.add(i % producers, keys[i]);
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
  PartitionedCounter none(3, 4);
  const auto parts = none.count(2);
  CHECK(parts.size() == 16);
  for (const auto& p : parts) CHECK(p.empty());
  CHECK(PartitionedCounter::concat(parts).empty());
  // producers 0 and 2 add nothing (an empty document's chunk)
  PartitionedCounter some(3, 4);
  some.add(1, 42);
  some.add(1, 42);
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
  const unsigned bits = PartitionedCounter::bits_for(keys.size());
  CHECK(bits == 4);  // 200000 keys: partitions of about 2^14
  const auto one = count_all(keys, 1, bits, 1);
  CHECK(ascending(one));
  std::int64_t total = 0;
  for (const auto& p : one)
    for (const KeyCount& kc : p) total += kc.count;
  CHECK(total == 200000);
  for (std::size_t producers : {2u, 3u, 8u})
    for (unsigned threads : {1u, 2u, 3u, 8u}) CHECK(count_all(keys, producers, bits, threads) == one);
}

TEST_CASE("bits_for keeps partitions near 2^14 keys", "[partitioned]") {
  CHECK(PartitionedCounter::bits_for(0) == 0);
  CHECK(PartitionedCounter::bits_for(16383) == 0);
  CHECK(PartitionedCounter::bits_for(16384) == 1);
  CHECK(PartitionedCounter::bits_for(3250000) == 8);
  CHECK(PartitionedCounter::bits_for(std::size_t{1} << 40) == 10);
}

TEST_CASE("Order::any gives the same counts, in any order", "[partitioned]") {
  std::vector<std::uint64_t> keys;
  for (std::uint64_t i = 0; i < 100000; ++i) keys.push_back((i * 7919) % 20011);
  PartitionedCounter a(2, 4), b(2, 4);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    a.add(i % 2, keys[i]);
    b.add(i % 2, keys[i]);
  }
  const auto sorted = a.count(2);
  const auto any = b.count(3, 1, PartitionedCounter::Order::any);
  CHECK(as_map(any) == as_map(sorted));
  for (std::size_t p = 0; p < sorted.size(); ++p) CHECK(any[p].size() == sorted[p].size());
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
