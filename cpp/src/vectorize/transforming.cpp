// Transforming: documents counted against a fixed vocabulary, or hashed
// (HashingVectorizer); both hand their rows to the CSR builder.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/vectorize/hashing.hpp"
#include "vectorize/dtm_internal.hpp"
#include "vectorize/tables.hpp"

namespace textgauge {

using dtm::build_csr;
using dtm::chunk_bounds;
using dtm::CsrPlan;
using dtm::DocCounter;
using dtm::RowBlock;

FixedVocabulary::FixedVocabulary(const StringTable& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (map_.intern(terms[i]) != static_cast<std::int32_t>(i))
      throw Error("duplicate term in vocabulary: '" + std::string(terms[i]) + "'");
  }
}

Csr transform_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const FixedVocabulary& vocabulary, bool binary, unsigned threads) {
  const std::vector<std::size_t> bounds = chunk_bounds(texts, threads);
  const std::size_t n_chunks = bounds.size() - 1;
  std::vector<RowBlock<std::int64_t>> parts(n_chunks);
  const Analyzer prototype(analyzer);
  parallel_chunks(n_chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    const std::size_t b = bounds[c], e = bounds[c + 1];
    Analyzer an(prototype);
    FeatureList feats;
    DocCounter counter;
    RowBlock<std::int64_t>& part = parts[c];
    for (std::size_t d = b; d < e; ++d) {
      an.analyze(texts[d], feats);
      counter.begin();
      for (std::size_t k = 0; k < feats.size(); ++k) {
        const std::int32_t col = vocabulary.column(feats[k]);
        if (col >= 0) counter.add(col);
      }
      counter.end(true, part.ids, part.values);
      part.indptr.push_back(static_cast<std::int64_t>(part.ids.size()));
    }
  });
  Csr out;
  out.n_cols = static_cast<std::int64_t>(vocabulary.size());
  CsrPlan plan;  // rows sorted by column, as a fit's are
  plan.binary = binary;
  plan.sort_rows = true;
  plan.threads = threads;
  build_csr(parts, plan, out.indptr, out.indices, out.data);
  return out;
}

HashedCsr hash_features(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                        std::int64_t n_features, bool alternate_sign, unsigned threads) {
  if (n_features < 1 || n_features > 0x7FFFFFFF) throw Error("n_features must be in [1, 2^31 - 1]");
  const std::vector<std::size_t> bounds = chunk_bounds(texts, threads);
  const std::size_t n_chunks = bounds.size() - 1;
  std::vector<RowBlock<double>> parts(n_chunks);
  const Analyzer prototype(analyzer);
  parallel_chunks(n_chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    const std::size_t b = bounds[c], e = bounds[c + 1];
    Analyzer an(prototype);
    FeatureList feats;
    std::vector<std::pair<std::int32_t, double>> row;
    RowBlock<double>& part = parts[c];
    for (std::size_t d = b; d < e; ++d) {
      an.analyze(texts[d], feats);
      row.clear();
      for (std::size_t k = 0; k < feats.size(); ++k) {
        const std::int32_t h = murmurhash3_x86_32_signed(feats[k], 0);
        std::int64_t col;
        if (h == INT32_MIN)  // sklearn's definition of abs(-2^31) % n_features
          col = (2147483647 - (n_features - 1)) % n_features;
        else
          col = (h < 0 ? -static_cast<std::int64_t>(h) : h) % n_features;
        row.emplace_back(static_cast<std::int32_t>(col), alternate_sign && h < 0 ? -1.0 : 1.0);
      }
      std::stable_sort(row.begin(), row.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      for (std::size_t k = 0; k < row.size();) {
        std::size_t j = k;
        double sum = 0.0;
        for (; j < row.size() && row[j].first == row[k].first; ++j) sum += row[j].second;
        part.ids.push_back(row[k].first);
        part.values.push_back(sum);
        k = j;
      }
      part.indptr.push_back(static_cast<std::int64_t>(part.ids.size()));
    }
  });
  HashedCsr out;  // rows summed and in column order already
  CsrPlan plan;
  plan.threads = threads;
  build_csr(parts, plan, out.indptr, out.indices, out.data);
  return out;
}

}  // namespace textgauge
