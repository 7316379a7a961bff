#include <cstdint>
#include <numeric>
#include <vector>

#include "catch.hpp"
#include "textgauge/output_vector.hpp"

using namespace textgauge;

// resize() leaves new elements unwritten (reading them would be undefined,
// so that is not checked); everything given a value keeps it, through growth.
TEST_CASE("an output vector keeps every value it is given", "[output_vector]") {
  OutputVector<std::int64_t> v(3, 7);
  CHECK(v == OutputVector<std::int64_t>{7, 7, 7});
  v.push_back(-1);
  v.insert(v.end(), {4, 5});
  CHECK(v == OutputVector<std::int64_t>{7, 7, 7, -1, 4, 5});
  v.assign(2, 0);
  CHECK(v == OutputVector<std::int64_t>{0, 0});

  // Sized first, then written in full: the way the matrices are built.
  OutputVector<std::int32_t> w;
  w.resize(100000);
  std::iota(w.begin(), w.end(), 0);
  w.resize(200000);  // regrowth copies the written part
  for (std::size_t i = 100000; i < w.size(); ++i) w[i] = static_cast<std::int32_t>(i);
  std::vector<std::int32_t> expected(200000);
  std::iota(expected.begin(), expected.end(), 0);
  CHECK(std::vector<std::int32_t>(w.begin(), w.end()) == expected);
  w.resize(5);
  CHECK(std::vector<std::int32_t>(w.begin(), w.end()) == std::vector<std::int32_t>{0, 1, 2, 3, 4});
}
