#include "textgauge/stats/similarity.hpp"

#include <Eigen/SparseCore>
#include <cmath>
#include <limits>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

namespace {

using Sparse = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;

// Per row: sum of the values, sum of their squares, number of non-zeros.
struct RowSums {
  std::vector<double> sum, sq, nnz;
};

// Copy into Eigen's own storage (indices widened to its index type); binary
// methods work on the 0/1 pattern.
Sparse to_eigen(const CsrView& x, bool binary, RowSums& rs) {
  const auto n = static_cast<std::size_t>(x.rows);
  std::vector<Eigen::Triplet<double, std::int64_t>> triplets;
  triplets.reserve(static_cast<std::size_t>(x.indptr[x.rows]));
  rs.sum.assign(n, 0.0);
  rs.sq.assign(n, 0.0);
  rs.nnz.assign(n, 0.0);
  for (std::int64_t r = 0; r < x.rows; ++r)
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      if (x.indices[k] < 0 || x.indices[k] >= x.cols) throw Error("column index out of range");
      const double v = x.data[k];
      if (v == 0) continue;
      const double w = binary ? 1.0 : v;
      triplets.emplace_back(r, x.indices[k], w);
      rs.sum[static_cast<std::size_t>(r)] += w;
      rs.sq[static_cast<std::size_t>(r)] += w * w;
      rs.nnz[static_cast<std::size_t>(r)] += 1;
    }
  Sparse m(x.rows, x.cols);
  m.setFromTriplets(triplets.begin(), triplets.end());
  return m;
}

// Rows scaled to unit length (rows of zeros left alone), as sklearn does before multiplying.
void normalise_rows(Sparse& m, const std::vector<double>& sq) {
  for (std::int64_t r = 0; r < m.rows(); ++r) {
    const double norm = std::sqrt(sq[static_cast<std::size_t>(r)]);
    for (Sparse::InnerIterator it(m, r); it; ++it) it.valueRef() = norm > 0 ? it.value() / norm : it.value();
  }
}

// The dot products of every pair of rows, dense row-major.
std::vector<double> dense_gram(const Sparse& m) {
  const auto n = static_cast<std::size_t>(m.rows());
  const Sparse gram = (m * Sparse(m.transpose())).pruned(0.0, 0.0);
  std::vector<double> out(n * n, 0.0);
  for (std::int64_t r = 0; r < m.rows(); ++r)
    for (Sparse::InnerIterator it(gram, r); it; ++it)
      out[static_cast<std::size_t>(r) * n + static_cast<std::size_t>(it.col())] = it.value();
  return out;
}

// The method's value for rows i and j from their dot product (see similarity.hpp).
inline double from_dot(PairwiseMethod method, double dot, std::size_t i, std::size_t j, const RowSums& rs,
                       double cols) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (method) {
    case PairwiseMethod::cosine: return (rs.sq[i] > 0 && rs.sq[j] > 0) ? dot : nan;
    case PairwiseMethod::jaccard: {
      const double uni = rs.nnz[i] + rs.nnz[j] - dot;
      return uni > 0 ? dot / uni : 0.0;
    }
    case PairwiseMethod::dice: {
      const double tot = rs.nnz[i] + rs.nnz[j];
      return tot > 0 ? 2 * dot / tot : 0.0;
    }
    case PairwiseMethod::correlation: {
      const double mi = rs.sum[i] / cols, mj = rs.sum[j] / cols;
      const double cov = dot - cols * mi * mj;
      const double vi = rs.sq[i] - cols * mi * mi, vj = rs.sq[j] - cols * mj * mj;
      return (vi > 0 && vj > 0) ? cov / std::sqrt(vi * vj) : nan;
    }
    case PairwiseMethod::euclidean: {
      const double d2 = rs.sq[i] - 2 * dot + rs.sq[j];
      return i == j ? 0.0 : std::sqrt(d2 > 0 ? d2 : 0.0);
    }
  }
  return dot;
}

}  // namespace

std::vector<double> pairwise(const CsrView& x, PairwiseMethod method, unsigned threads) {
  const auto n = static_cast<std::size_t>(x.rows);
  RowSums rs;
  Sparse m = to_eigen(x, method == PairwiseMethod::jaccard || method == PairwiseMethod::dice, rs);
  if (method == PairwiseMethod::cosine) normalise_rows(m, rs.sq);
  std::vector<double> out = dense_gram(m);
  const double cols = static_cast<double>(x.cols);
  parallel_chunks(n, 64, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t j = 0; j < n; ++j) out[i * n + j] = from_dot(method, out[i * n + j], i, j, rs, cols);
  });
  return out;
}

}  // namespace textgauge
