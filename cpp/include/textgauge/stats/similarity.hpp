#pragma once
// Pairwise similarity and distance between the rows of a sparse matrix (a
// document- or paragraph-term matrix), with Eigen's sparse products: every
// method here is a function of the row dot products x.y and row norms, so one
// product X X^T gives them all.
//   cosine       x.y / (|x| |y|)                      (sklearn.metrics.pairwise.cosine_similarity)
//   jaccard      |A & B| / |A | B| of the non-zero sets (1 - scipy's boolean jaccard distance)
//   dice         2 |A & B| / (|A| + |B|)
//   correlation  Pearson's r over all columns (1 - scipy's correlation distance)
//   euclidean    sqrt(|x|^2 + |y|^2 - 2 x.y), clipped at 0, 0 on the diagonal
//                (sklearn.metrics.pairwise.euclidean_distances' formula)
// Rows without non-zeros give NaN for cosine and correlation and 0 for jaccard and dice.
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

enum class PairwiseMethod { cosine, jaccard, dice, correlation, euclidean };

template <>
struct OptionTable<PairwiseMethod> {
  static constexpr std::string_view label = "method";
  static constexpr std::array<OptionName<PairwiseMethod>, 5> entries{{
      {PairwiseMethod::cosine, "cosine"},
      {PairwiseMethod::jaccard, "jaccard"},
      {PairwiseMethod::dice, "dice"},
      {PairwiseMethod::correlation, "correlation"},
      {PairwiseMethod::euclidean, "euclidean"},
  }};
};

// A CSR matrix borrowed from its owner (scipy.sparse.csr_matrix buffers).
struct CsrView {
  std::int64_t rows = 0, cols = 0;
  const std::int64_t* indptr = nullptr;  // rows + 1
  const std::int32_t* indices = nullptr;
  const double* data = nullptr;
};

// Dense row-major rows x rows result.
std::vector<double> pairwise(const CsrView& x, PairwiseMethod method, unsigned threads = 0);

}  // namespace textgauge
