// RankPartitions (cpp/src/common/rank_partitions.hpp): partitions are ranges
// of the pair keys, so partition order is key order, and none is too large.
#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "common/rank_partitions.hpp"

using namespace textgauge;

TEST_CASE("rank partitions ascend with the keys and split frequent first tokens", "[partitioned]") {
  // 3000 token ranks: mostly rare, a stop word (weight 0), and three
  // frequent tokens ("the", "of", a mid one) whose pairs alone fill several
  // partitions
  std::vector<std::int64_t> weight(3000);
  for (std::size_t r = 0; r < weight.size(); ++r) weight[r] = static_cast<std::int64_t>(r % 40);
  weight[7] = 0;
  weight[100] = 200000;
  weight[101] = 70000;
  weight[2999] = 5 * static_cast<std::int64_t>(kPartitionKeys);
  const RankPartitions plan = plan_rank_partitions(weight);
  CHECK(plan.n_ranks == 3001);
  CHECK(plan.n_sub[100] == 13);  // ceil(200000 / 16384)
  CHECK(plan.n_sub[101] == 5);
  CHECK(plan.n_sub[2999] == 5);
  CHECK(plan.n_sub[5] == 1);
  // every key (r1 + 1, r2 + 1) in order of keys falls in a partition no
  // lower than the one before, and below n_parts
  std::size_t last = 0;
  for (std::uint64_t r1 = 0; r1 < weight.size(); ++r1)
    for (std::uint64_t second = 1; second <= weight.size(); second += (r1 == 100 || r1 == 2999) ? 1 : 97) {
      const std::size_t p = plan.part(plan.token(static_cast<std::uint32_t>(r1)), second);
      REQUIRE(p >= last);
      REQUIRE(p < plan.n_parts);
      last = p;
    }
  CHECK(last == plan.n_parts - 1);
  // a frequent token's sub-partitions hold none of the other ranks
  CHECK(plan.first_part[101] == plan.first_part[100] + 13);
  CHECK(plan.rank_begin[plan.first_part[100]] == 100);
  CHECK(plan.rank_end[plan.first_part[100]] == 101);
  // the rare ranks fill partitions of at most kPartitionKeys keys
  std::vector<std::int64_t> filled(plan.n_parts, 0);
  for (std::size_t r = 0; r < weight.size(); ++r)
    if (plan.n_sub[r] == 1) filled[plan.first_part[r]] += weight[r];
  for (const std::int64_t f : filled) CHECK(f <= static_cast<std::int64_t>(kPartitionKeys));
}

TEST_CASE("rank partitions of nothing: one partition", "[partitioned]") {
  const RankPartitions none = plan_rank_partitions({});
  CHECK(none.n_parts == 1);
  const RankPartitions stop_words = plan_rank_partitions({0, 0, 0});
  CHECK(stop_words.n_parts == 1);
  CHECK(stop_words.part(stop_words.token(2), 3) == 0);
  CHECK(RankPartitions::key(stop_words.token(2), 1) == ((std::uint64_t{3} << 32) | 1));
}
