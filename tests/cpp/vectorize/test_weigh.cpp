// csr_weigh (textgauge/vectorize/weights.hpp): tf, idf and norm in one pass
// over each row, rows on several threads, equal bit for bit to the three
// calls in turn.
#include <cstdint>
#include <cstring>
#include <vector>

#include "catch.hpp"
#include "textgauge/vectorize/weights.hpp"

using namespace textgauge;

TEST_CASE("csr_weigh equals apply_tf, scale_columns, normalize_rows on any thread count", "[vectorize]") {
  // 20000 rows of 0..7 entries with counts 1..5 over 50 columns, empty rows included
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int32_t> indices;
  std::vector<double> data;
  std::uint32_t x = 12345;
  auto next = [&] { return x = x * 1103515245u + 12345u, (x >> 16) & 0x7FFF; };
  for (int r = 0; r < 20000; ++r) {
    const auto n = static_cast<int>(next() % 8);
    for (int j = 0; j < n; ++j) {
      indices.push_back(static_cast<std::int32_t>(j * 6 + static_cast<int>(next() % 6)));
      data.push_back(1.0 + static_cast<double>(next() % 5));
    }
    indptr.push_back(static_cast<std::int64_t>(indices.size()));
  }
  std::vector<double> idf(50);
  for (std::size_t c = 0; c < idf.size(); ++c) idf[c] = 1.0 + 0.37 * static_cast<double>(c % 7);
  for (TfScheme tf : {TfScheme::raw, TfScheme::log})
    for (Norm norm : {Norm::l2, Norm::l1, Norm::none}) {
      std::vector<double> want = data;
      apply_tf(indptr, want, tf);
      scale_columns(indices, want, idf);
      normalize_rows(indptr, want, norm);
      for (unsigned threads : {1u, 2u, 3u, 8u}) {
        std::vector<double> got = data;
        csr_weigh(indptr.data(), indptr.size() - 1, indices.data(), got.data(), tf, idf.data(), norm,
                  threads);
        CHECK(std::memcmp(got.data(), want.data(), want.size() * sizeof(double)) == 0);
      }
    }
  // without idf: only tf and norm
  std::vector<double> want = data, got = data;
  normalize_rows(indptr, want, Norm::l2);
  csr_weigh(indptr.data(), indptr.size() - 1, indices.data(), got.data(), TfScheme::raw, nullptr, Norm::l2,
            3);
  CHECK(std::memcmp(got.data(), want.data(), want.size() * sizeof(double)) == 0);
  // a hand-computed row: counts (1, 2) with idf (1, 1.5), l2: (1, 3) / sqrt(10)
  std::vector<std::int64_t> ip{0, 2};
  std::vector<std::int32_t> ix{0, 1};
  std::vector<double> d{1.0, 2.0}, w{1.0, 1.5};
  csr_weigh(ip.data(), 1, ix.data(), d.data(), TfScheme::raw, w.data(), Norm::l2, 2);
  CHECK(d[0] == Approx(0.31622776601683794));
  CHECK(d[1] == Approx(0.9486832980505138));
}

TEST_CASE("counts_to_double turns int64 counts into doubles in their own buffer", "[vectorize]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<std::int64_t> counts(600001);  // several blocks of 2^18 on several threads
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = static_cast<std::int64_t>(i % 1000) - 3;
    counts_to_double(counts.data(), counts.size(), threads);
    bool same = true;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      double v;
      std::memcpy(&v, &counts[i], sizeof v);
      same = same && v == static_cast<double>(static_cast<std::int64_t>(i % 1000) - 3);
    }
    CHECK(same);
  }
}

TEST_CASE("columns_below finds an index outside the weights wherever it is", "[vectorize]") {
  std::vector<std::int32_t> ix(700000, 4);
  CHECK(columns_below(ix.data(), ix.size(), 5, 2));
  CHECK_FALSE(columns_below(ix.data(), ix.size(), 4, 2));
  for (const std::int32_t bad : {5, -1}) {
    ix[650000] = bad;  // in the last block
    CHECK_FALSE(columns_below(ix.data(), ix.size(), 5, 2));
    CHECK_FALSE(columns_below(ix.data(), ix.size(), 5, 1));
    ix[650000] = 4;
  }
  CHECK(columns_below(ix.data(), 0, 0, 2));  // no entries: nothing outside
}
