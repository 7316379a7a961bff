#pragma once
// RankPartitions: how pair keys of token ranks, (rank(a) + 1) << 32 |
// (rank(b) + 1), are split into partitions that are ranges of the keys, for
// radix-partitioned counting (common/partitioned_count.hpp) whose output must
// come out sorted. Partitions in order hold ascending keys, so their sorted
// contents end to end are all the keys sorted, with no merge. Used by the
// vectorizers' (1, 2)-gram fits (vectorize/pairs.cpp) and by bigram
// collocations (stats/collocations.cpp).
//
// Partitions are ranges of the first token's rank with about equal numbers
// of keys. A token whose pairs alone fill more than a partition (a frequent
// first word: "the", "of") gets several, cut by the rank of the second token
// (spread evenly over the ranks, as its followers are over the alphabet), so
// that no partition's table outgrows L2.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace textgauge {

// Keys per partition aimed at: a third or so distinct, a table of a few
// thousand keys (tens of KiB) and their entries stay in L2.
inline constexpr std::size_t kPartitionKeys = std::size_t{1} << 14;
inline constexpr std::size_t kMaxPartitions = 1024;  // more write streams than this thrash the TLB

struct RankPartitions {
  std::vector<std::uint32_t> first_part;  // by token rank: its (first) partition
  std::vector<std::uint32_t> n_sub;       // by token rank: how many partitions it has
  // By partition: its token ranks [rank_begin, rank_end), those whose first
  // partition it is (the later partitions of a frequent token have none).
  std::vector<std::uint32_t> rank_begin, rank_end;
  std::size_t n_parts = 0;
  std::uint64_t n_ranks = 0;  // second halves of keys: 0 ..= tokens

  // What the keys of a token need, together: a scatter reads one of these
  // per token (16 bytes) instead of three arrays at random.
  struct Token {
    std::uint64_t r1;         // rank + 1: either half of a key
    std::uint32_t part, sub;  // first_part and n_sub of its rank
  };
  Token token(std::uint32_t rank) const noexcept {
    return {std::uint64_t{rank} + 1, first_part[rank], n_sub[rank]};
  }

  // The key of the pair (a, b), given b's r1, and the partition it goes to.
  static std::uint64_t key(const Token& a, std::uint64_t b_r1) noexcept { return (a.r1 << 32) | b_r1; }
  std::size_t part(const Token& a, std::uint64_t b_r1) const noexcept {
    return a.part + (a.sub == 1 ? 0 : static_cast<std::size_t>(b_r1 * a.sub / n_ranks));
  }
};

// `weight`: by token rank, its occurrences, so at most its pairs as first
// token (times the window's extra positions, for pairs within a window).
inline RankPartitions plan_rank_partitions(const std::vector<std::int64_t>& weight) {
  const std::size_t n_token_ranks = weight.size();
  std::size_t n_keys = 0;
  for (const std::int64_t w : weight) n_keys += static_cast<std::size_t>(w);
  const std::size_t share =
      std::max<std::size_t>(kPartitionKeys, n_keys / kMaxPartitions + 1);  // keys per partition aimed at
  RankPartitions plan;
  plan.first_part.assign(n_token_ranks, 0);
  plan.n_sub.assign(n_token_ranks, 1);
  plan.n_ranks = n_token_ranks + 1;
  std::size_t& n_parts = plan.n_parts;
  // Partition n_parts is open once a rank is put in it, even one of no keys
  // (a stop word: in the token table, never counted), so that every rank's
  // partition exists.
  bool open = false;
  std::size_t in_current = 0;  // keys in partition n_parts
  for (std::size_t r = 0; r < n_token_ranks; ++r) {
    const auto w = static_cast<std::size_t>(weight[r]);
    if (w > share) {
      if (open) ++n_parts;
      open = false;
      in_current = 0;
      plan.first_part[r] = static_cast<std::uint32_t>(n_parts);
      plan.n_sub[r] = static_cast<std::uint32_t>(std::min<std::size_t>((w + share - 1) / share, 256));
      n_parts += plan.n_sub[r];
      continue;
    }
    if (in_current > 0 && in_current + w > share) {
      ++n_parts;
      in_current = 0;
    }
    plan.first_part[r] = static_cast<std::uint32_t>(n_parts);
    in_current += w;
    open = true;
  }
  if (open || n_parts == 0) ++n_parts;
  plan.rank_begin.assign(n_parts, 0);
  plan.rank_end.assign(n_parts, 0);
  for (std::size_t r = n_token_ranks; r-- > 0;) {  // ranks ascend with partitions
    const std::size_t p = plan.first_part[r];
    if (plan.rank_end[p] == 0) plan.rank_end[p] = static_cast<std::uint32_t>(r + 1);
    plan.rank_begin[p] = static_cast<std::uint32_t>(r);
  }
  return plan;
}

}  // namespace textgauge
