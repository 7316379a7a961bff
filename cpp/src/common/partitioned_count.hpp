#pragma once
// PartitionedCounter: counting 64-bit keys by radix-partitioned aggregation,
// as column stores run a large GROUP BY (DuckDB's partitioned hash aggregate,
// ClickHouse's two-level tables). The one implementation of it in the core,
// used by the word n-gram counting of the vectorizers and by collocations.
//
// Why: one hash table of every distinct key (hundreds of thousands of word
// pairs, tens of MiB) costs a cache miss per key counted. Instead each
// producer (a thread's chunk of the input) first appends its keys to one of P
// buffers picked by the top bits of the key's hash: P sequential write
// streams, which the hardware handles at memory speed. Then each partition is
// counted on its own, in a FlatMap holding about 1/P of the distinct keys,
// small enough to stay in L2. Partitions share no key, so threads take whole
// partitions with no shared table and nothing to merge afterwards.
//
// Each thread counts its partitions one after the other in one table, which
// the read-out of a partition leaves empty (FlatMap::drain): a table per
// partition would cost a sweep of fresh memory per partition, more than the
// counting. So a partition's keys come out in an order that depends on the
// table's size, which follows what the thread counted before. With
// Order::by_key (the default) each partition is then sorted (a small,
// cache-resident array), and the output is a function of the multiset of
// keys alone, whatever the producers and threads; Order::any skips the sort
// for callers that order the rows themselves (collocations).
//
// Keys are any 64-bit values but UINT64_MAX (FlatMap's empty key; a packed
// pair of non-negative 32-bit ids never is).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/flat_map.hpp"
#include "textgauge/hash.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

// A key and how often it was added.
struct KeyCount {
  std::uint64_t key;
  std::int64_t count;
  friend bool operator==(const KeyCount&, const KeyCount&) = default;
};

class PartitionedCounter {
 public:
  // How each partition's keys come out (see above).
  enum class Order { by_key, any };

  // P = 2^partition_bits partitions (0 <= bits <= 12), one buffer per
  // partition for each of `producers` producers.
  PartitionedCounter(std::size_t producers, unsigned partition_bits)
      : bits_(std::min(partition_bits, 12u)),
        shift_(64 - bits_),
        buffers_(std::max<std::size_t>(producers, 1) * (std::size_t{1} << bits_)) {}

  // The partition bits that give partitions of about 2^14 keys for `n_keys`
  // keys in all, between 1 and 1024 partitions: for word pairs, a third or so
  // distinct, a table of a few thousand keys (tens of KiB, in L2 even on a
  // core that other work shares). Measured on the bigrams of the news
  // paragraphs (3.4M keys): 256 partitions beat 128 and 512.
  static unsigned bits_for(std::size_t n_keys) noexcept {
    unsigned bits = 0;
    while (bits < 10 && (n_keys >> (14 + bits)) != 0) ++bits;
    return bits;
  }

  std::size_t partitions() const noexcept { return std::size_t{1} << bits_; }
  std::size_t producers() const noexcept { return buffers_.size() >> bits_; }

  // The partition of `key`: the top bits of its hash. FlatMap indexes by the
  // low bits of the same hash, so the keys of one partition still spread
  // over its whole table.
  std::size_t partition_of(std::uint64_t key) const noexcept {
    return bits_ == 0 ? 0 : static_cast<std::size_t>(hash_mix(key) >> shift_);
  }

  // Room for about `n` keys from `producer`, spread evenly.
  void reserve(std::size_t producer, std::size_t n) {
    const std::size_t each = n / partitions() + n / (8 * partitions()) + 16;
    for (std::size_t p = 0; p < partitions(); ++p) buffer(producer, p).reserve(each);
  }

  // Appends `key` to its partition's buffer of `producer`. Producers may add
  // from different threads at once (each to its own buffers).
  void add(std::size_t producer, std::uint64_t key) { buffer(producer, partition_of(key)).push_back(key); }

  // Counts every partition, on up to `threads` threads (whole partitions per
  // thread), and empties the buffers. Returns per partition its keys seen at
  // least `min_count` times, with their counts, ascending by key unless
  // Order::any.
  std::vector<std::vector<KeyCount>> count(unsigned threads, std::int64_t min_count = 1,
                                           Order order = Order::by_key) {
    std::vector<std::vector<KeyCount>> out(partitions());
    threads = static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), partitions()));
    const std::size_t per = (partitions() + threads - 1) / threads;
    parallel_chunks(partitions(), per, threads, [&](std::size_t, std::size_t b, std::size_t e) {
      // Small to start: it grows to the size of the thread's largest
      // partition and keeps it, so draining it sweeps no more slots than that.
      FlatMap<std::uint64_t, std::int64_t> table(1024);
      for (std::size_t p = b; p < e; ++p) out[p] = count_partition(p, table, min_count, order);
    });
    return out;
  }

  // All partitions' counts end to end, in partition order.
  static std::vector<KeyCount> concat(const std::vector<std::vector<KeyCount>>& parts) {
    std::size_t n = 0;
    for (const auto& part : parts) n += part.size();
    std::vector<KeyCount> all;
    all.reserve(n);
    for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
    return all;
  }

 private:
  std::vector<std::uint64_t>& buffer(std::size_t producer, std::size_t p) {
    return buffers_[(producer << bits_) + p];
  }

  std::vector<KeyCount> count_partition(std::size_t p, FlatMap<std::uint64_t, std::int64_t>& table,
                                        std::int64_t min_count, Order order) {
    for (std::size_t c = 0; c < producers(); ++c) {
      std::vector<std::uint64_t>& keys = buffer(c, p);
      constexpr std::size_t kAhead = 8;  // the table is in L2 at best: hide its latency
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i + kAhead < keys.size()) table.prefetch(keys[i + kAhead]);
        ++table[keys[i]];
      }
      std::vector<std::uint64_t>().swap(keys);  // released as soon as counted
    }
    std::vector<KeyCount> counts;
    counts.reserve(table.size());
    table.drain([&](std::uint64_t k, std::int64_t c) {
      if (c >= min_count) counts.push_back({k, c});
    });
    if (order == Order::by_key)
      std::sort(counts.begin(), counts.end(),
                [](const KeyCount& a, const KeyCount& b) { return a.key < b.key; });
    return counts;
  }

  unsigned bits_, shift_;
  std::vector<std::vector<std::uint64_t>> buffers_;  // producer-major: [producer][partition]
};

}  // namespace textgauge
