#include "textgauge/vectorize/weights.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

std::vector<double> idf_weights(const std::vector<std::int64_t>& df, std::int64_t n_docs, IdfScheme scheme) {
  std::vector<double> w(df.size(), 1.0);
  const auto n = static_cast<double>(n_docs);
  for (std::size_t t = 0; t < df.size(); ++t) {
    const auto d = static_cast<double>(df[t]);
    switch (scheme) {
      case IdfScheme::none: break;
      // sklearn: idf_ = n / df (as float), np.log, += 1
      case IdfScheme::sklearn_smooth: w[t] = std::log((n + 1.0) / (d + 1.0)) + 1.0; break;
      case IdfScheme::sklearn: w[t] = std::log(n / d) + 1.0; break;
      case IdfScheme::quanteda: w[t] = std::log10(n / d); break;
      case IdfScheme::gensim: w[t] = std::log2(n / d); break;
      case IdfScheme::spark: w[t] = std::log((n + 1.0) / (d + 1.0)); break;
      case IdfScheme::tidytext: w[t] = std::log(n / d); break;
      case IdfScheme::bm25: w[t] = std::log(1.0 + (n - d + 0.5) / (d + 0.5)); break;
    }
  }
  return w;
}

void csr_apply_tf(const std::int64_t* indptr, std::size_t rows, double* data, TfScheme scheme, double k) {
  for (std::size_t r = 0; r < rows; ++r) {
    const auto b = static_cast<std::size_t>(indptr[r]), e = static_cast<std::size_t>(indptr[r + 1]);
    switch (scheme) {
      case TfScheme::raw: break;
      case TfScheme::binary:
        for (std::size_t j = b; j < e; ++j) data[j] = data[j] != 0.0 ? 1.0 : 0.0;
        break;
      case TfScheme::log:  // sklearn: np.log(X.data, X.data); X.data += 1
        for (std::size_t j = b; j < e; ++j) data[j] = std::log(data[j]) + 1.0;
        break;
      case TfScheme::proportion: {
        double sum = 0.0;
        for (std::size_t j = b; j < e; ++j) sum += data[j];
        if (sum != 0.0)
          for (std::size_t j = b; j < e; ++j) data[j] /= sum;
        break;
      }
      case TfScheme::augmented: {
        double mx = 0.0;
        for (std::size_t j = b; j < e; ++j) mx = std::max(mx, data[j]);
        if (mx != 0.0)
          for (std::size_t j = b; j < e; ++j) data[j] = k + (1.0 - k) * data[j] / mx;
        break;
      }
    }
  }
}

void csr_scale_columns(const std::int32_t* indices, std::size_t nnz, double* data, const double* weights) {
  for (std::size_t j = 0; j < nnz; ++j) data[j] *= weights[static_cast<std::size_t>(indices[j])];
}

void csr_normalize_rows(const std::int64_t* indptr, std::size_t rows, double* data, Norm norm) {
  if (norm == Norm::none) return;
  for (std::size_t r = 0; r < rows; ++r) {
    const auto b = static_cast<std::size_t>(indptr[r]), e = static_cast<std::size_t>(indptr[r + 1]);
    double sum = 0.0;  // sklearn's inplace_csr_row_normalize_l1/l2: one pass, in column order
    if (norm == Norm::l2) {
      for (std::size_t j = b; j < e; ++j) sum += data[j] * data[j];
      if (sum == 0.0) continue;
      sum = std::sqrt(sum);
    } else {
      for (std::size_t j = b; j < e; ++j) sum += std::fabs(data[j]);
      if (sum == 0.0) continue;
    }
    for (std::size_t j = b; j < e; ++j) data[j] /= sum;
  }
}

void counts_to_double(std::int64_t* data, std::size_t n, unsigned threads) {
  parallel_chunks(n, std::size_t{1} << 18, resolve_threads(threads),
                  [&](std::size_t, std::size_t b, std::size_t e) {
                    for (std::size_t i = b; i < e; ++i) {
                      const auto v = static_cast<double>(data[i]);
                      std::memcpy(data + i, &v, sizeof v);  // the same 8 bytes, now a double
                    }
                  });
}

bool columns_below(const std::int32_t* indices, std::size_t nnz, std::size_t n_cols, unsigned threads) {
  std::atomic<bool> bad{false};
  parallel_chunks(nnz, std::size_t{1} << 18, resolve_threads(threads),
                  [&](std::size_t, std::size_t b, std::size_t e) {
                    bool out = false;  // no early exit: the loop stays branch-free and vectorizes
                    for (std::size_t i = b; i < e; ++i)
                      out |= static_cast<std::uint32_t>(indices[i]) >= n_cols;
                    if (out) bad = true;
                  });
  return !bad;
}

void csr_weigh(const std::int64_t* indptr, std::size_t rows, const std::int32_t* indices, double* data,
               TfScheme tf, const double* weights, Norm norm, unsigned threads, double k) {
  threads = resolve_threads(threads);
  // Blocks of rows, several per thread (rows differ in length); each block
  // stays in cache across its three steps.
  const std::size_t chunk = std::max<std::size_t>(4096, rows / (4 * std::size_t{threads}) + 1);
  parallel_chunks(rows, chunk, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    csr_apply_tf(indptr + b, e - b, data, tf, k);
    const auto first = static_cast<std::size_t>(indptr[b]), last = static_cast<std::size_t>(indptr[e]);
    if (weights) csr_scale_columns(indices + first, last - first, data + first, weights);
    csr_normalize_rows(indptr + b, e - b, data, norm);
  });
}

void apply_tf(const std::vector<std::int64_t>& indptr, std::vector<double>& data, TfScheme scheme, double k) {
  csr_apply_tf(indptr.data(), indptr.size() - 1, data.data(), scheme, k);
}

void scale_columns(const std::vector<std::int32_t>& indices, std::vector<double>& data,
                   const std::vector<double>& weights) {
  csr_scale_columns(indices.data(), data.size(), data.data(), weights.data());
}

void normalize_rows(const std::vector<std::int64_t>& indptr, std::vector<double>& data, Norm norm) {
  csr_normalize_rows(indptr.data(), indptr.size() - 1, data.data(), norm);
}

void apply_bm25(const std::vector<std::int64_t>& indptr, const std::vector<std::int32_t>& indices,
                std::vector<double>& data, const std::vector<double>& idf, double k1, double b) {
  const std::size_t rows = indptr.size() - 1;
  std::vector<double> len(rows, 0.0);
  double total = 0.0;
  for (std::size_t r = 0; r < rows; ++r) {
    for (auto j = indptr[r]; j < indptr[r + 1]; ++j) len[r] += data[static_cast<std::size_t>(j)];
    total += len[r];
  }
  const double avgdl = rows ? total / static_cast<double>(rows) : 0.0;
  for (std::size_t r = 0; r < rows; ++r) {
    const double norm = k1 * (1.0 - b + (avgdl > 0.0 ? b * len[r] / avgdl : 0.0));
    for (auto j = indptr[r]; j < indptr[r + 1]; ++j) {
      const auto u = static_cast<std::size_t>(j);
      const double tf = data[u];
      data[u] = idf[static_cast<std::size_t>(indices[u])] * tf * (k1 + 1.0) / (tf + norm);
    }
  }
}

}  // namespace textgauge
