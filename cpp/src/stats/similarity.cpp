#include "textgauge/stats/similarity.hpp"

#include <Eigen/SparseCore>
#include <cmath>
#include <limits>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

std::vector<double> pairwise(const CsrView& x, PairwiseMethod method, unsigned threads) {
  using Sparse = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;
  const auto n = static_cast<std::size_t>(x.rows);
  // Copy into Eigen's own storage (indices widened to its index type); binary
  // methods work on the 0/1 pattern.
  const bool binary = method == PairwiseMethod::jaccard || method == PairwiseMethod::dice;
  std::vector<Eigen::Triplet<double, std::int64_t>> triplets;
  triplets.reserve(static_cast<std::size_t>(x.indptr[x.rows]));
  std::vector<double> sum(n, 0.0), sq(n, 0.0), nnz(n, 0.0);
  for (std::int64_t r = 0; r < x.rows; ++r)
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      if (x.indices[k] < 0 || x.indices[k] >= x.cols) throw Error("column index out of range");
      const double v = x.data[k];
      if (v == 0) continue;
      const double w = binary ? 1.0 : v;
      triplets.emplace_back(r, x.indices[k], w);
      sum[static_cast<std::size_t>(r)] += w;
      sq[static_cast<std::size_t>(r)] += w * w;
      nnz[static_cast<std::size_t>(r)] += 1;
    }
  Sparse m(x.rows, x.cols);
  m.setFromTriplets(triplets.begin(), triplets.end());
  if (method == PairwiseMethod::cosine) {
    // sklearn normalises the rows first, then multiplies.
    for (std::int64_t r = 0; r < x.rows; ++r) {
      const double norm = std::sqrt(sq[static_cast<std::size_t>(r)]);
      for (Sparse::InnerIterator it(m, r); it; ++it)
        it.valueRef() = norm > 0 ? it.value() / norm : it.value();
    }
  }
  const Sparse gram = (m * Sparse(m.transpose())).pruned(0.0, 0.0);
  std::vector<double> out(n * n, 0.0);
  for (std::int64_t r = 0; r < x.rows; ++r)
    for (Sparse::InnerIterator it(gram, r); it; ++it)
      out[static_cast<std::size_t>(r) * n + static_cast<std::size_t>(it.col())] = it.value();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double cols = static_cast<double>(x.cols);
  parallel_chunks(n, 64, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        double& v = out[i * n + j];
        const double dot = v;
        switch (method) {
          case PairwiseMethod::cosine: v = (sq[i] > 0 && sq[j] > 0) ? dot : nan; break;
          case PairwiseMethod::jaccard: {
            const double uni = nnz[i] + nnz[j] - dot;
            v = uni > 0 ? dot / uni : 0.0;
            break;
          }
          case PairwiseMethod::dice: {
            const double tot = nnz[i] + nnz[j];
            v = tot > 0 ? 2 * dot / tot : 0.0;
            break;
          }
          case PairwiseMethod::correlation: {
            const double mi = sum[i] / cols, mj = sum[j] / cols;
            const double cov = dot - cols * mi * mj;
            const double vi = sq[i] - cols * mi * mi, vj = sq[j] - cols * mj * mj;
            v = (vi > 0 && vj > 0) ? cov / std::sqrt(vi * vj) : nan;
            break;
          }
          case PairwiseMethod::euclidean: {
            const double d2 = sq[i] - 2 * dot + sq[j];
            v = i == j ? 0.0 : std::sqrt(d2 > 0 ? d2 : 0.0);
            break;
          }
        }
      }
  });
  return out;
}

}  // namespace textgauge
