#pragma once
// PartitionedCounter: counting 64-bit keys by radix-partitioned aggregation,
// as column stores run a large GROUP BY (DuckDB's partitioned hash aggregate,
// ClickHouse's two-level tables). Used by bigram collocations; the (1,2)-gram
// fits of vectorize/pairs.cpp run the same idea with each key's document
// attached.
//
// Why: one hash table of every distinct key (hundreds of thousands of word
// pairs, tens of MiB) costs a cache miss per key counted. Instead each
// producer (a thread's chunk of the input) first appends its keys to one of P
// buffers, the partition the caller picks for the key: P sequential write
// streams, which the hardware handles at memory speed. Then each partition is
// counted on its own, in a FlatMap holding about 1/P of the distinct keys,
// small enough to stay in L2. Partitions share no key, so threads take whole
// partitions with no shared table and nothing to merge afterwards.
//
// Each thread counts its partitions one after the other in one table, which
// the read-out of a partition leaves empty (FlatMap::drain): a table per
// partition would cost a sweep of fresh memory per partition, more than the
// counting. Each partition's keys are then sorted (a small, cache-resident
// array), so the output is a function of the keys and their partitions
// alone, whatever the producers and threads; with partitions that are
// ranges of the keys (common/rank_partitions.hpp) the partitions end to end
// hold every key in order.
//
// Keys are any 64-bit values but UINT64_MAX (FlatMap's empty key; a packed
// pair of non-negative 32-bit ids never is).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/flat_map.hpp"
#include "common/radix_sort.hpp"
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
  // `partitions` partitions (at least one), one buffer per partition for
  // each of `producers` producers.
  PartitionedCounter(std::size_t producers, std::size_t partitions)
      : n_parts_(std::max<std::size_t>(partitions, 1)),
        buffers_(std::max<std::size_t>(producers, 1) * n_parts_) {}

  std::size_t partitions() const noexcept { return n_parts_; }
  std::size_t producers() const noexcept { return buffers_.size() / n_parts_; }

  // Room for about `n` keys from `producer`, spread evenly.
  void reserve(std::size_t producer, std::size_t n) {
    const std::size_t each = n / partitions() + n / (8 * partitions()) + 16;
    for (std::size_t p = 0; p < partitions(); ++p) buffer(producer, p).reserve(each);
  }

  // Appends `key` to partition `p` of `producer`. Producers may add from
  // different threads at once (each to its own buffers).
  void add(std::size_t producer, std::size_t p, std::uint64_t key) { buffer(producer, p).push_back(key); }

  // Counts every partition, on up to `threads` threads (whole partitions per
  // thread), and empties the buffers. Returns per partition its keys seen at
  // least `min_count` times, with their counts, ascending by key.
  std::vector<std::vector<KeyCount>> count(unsigned threads, std::int64_t min_count = 1) {
    std::vector<std::vector<KeyCount>> out(partitions());
    threads = static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), partitions()));
    const std::size_t per = (partitions() + threads - 1) / threads;
    parallel_chunks(partitions(), per, threads, [&](std::size_t, std::size_t b, std::size_t e) {
      // Small to start: it grows to the size of the thread's largest
      // partition and keeps it, so draining it sweeps no more slots than that.
      FlatMap<std::uint64_t, std::int64_t> table(1024);
      for (std::size_t p = b; p < e; ++p) out[p] = count_partition(p, table, min_count);
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
    return buffers_[producer * n_parts_ + p];
  }

  std::vector<KeyCount> count_partition(std::size_t p, FlatMap<std::uint64_t, std::int64_t>& table,
                                        std::int64_t min_count) {
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
    // A few thousand keys, most sharing their high bits: a radix sort of the
    // bits that differ, on keys recoded in fewer bits. Measured when
    // collocations came to sort their partitions: std::sort of them took 36
    // ms of a call on the news paragraphs, this 9.
    const PairKeyCode coder(counts, [](const KeyCount& kc) { return kc.key; });
    for (KeyCount& kc : counts) kc.key = coder.code(kc.key);
    std::vector<KeyCount> scratch(counts.size());
    radix_sort_small(counts.data(), scratch.data(), counts.size());
    for (KeyCount& kc : counts) kc.key = coder.key(kc.key);
    return counts;
  }

  std::size_t n_parts_;
  std::vector<std::vector<std::uint64_t>> buffers_;  // producer-major: [producer][partition]
};

}  // namespace textgauge
