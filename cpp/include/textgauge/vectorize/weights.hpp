#pragma once
// Term weights on a CSR matrix of counts, each scheme named after the system
// whose formula it reproduces. n = number of documents, df = documents that
// hold the term, tf = the count of the term in the document.
//
// tf schemes (per stored entry):
//   raw         tf
//   binary      1
//   log         1 + ln(tf)                     sklearn sublinear_tf, quanteda "logcount" uses log10
//   proportion  tf / sum of the row's tf        quanteda "prop", tidytext tf
//   augmented   k + (1 - k) tf / max row tf     quanteda "augmented" (k = 0.5)
// idf schemes (per term):
//   sklearn_smooth  ln((n + 1) / (df + 1)) + 1  sklearn default (smooth_idf=True)
//   sklearn         ln(n / df) + 1              sklearn smooth_idf=False
//   quanteda        log10(n / df)               quanteda dfm_tfidf / docfreq "inverse"
//   gensim          log2(n / df)                gensim TfidfModel default (df2idf)
//   spark           ln((n + 1) / (df + 1))      Spark ML IDF
//   tidytext        ln(n / df)                  tidytext bind_tf_idf
//   bm25            ln(1 + (n - df + 0.5) / (df + 0.5))   Lucene / Robertson-Sparck Jones
// BM25 (Okapi): idf_bm25 * tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avgdl)),
//   |d| = sum of the row's counts, avgdl = mean of |d| over the rows.
// Row normalisation: l2 (w / sqrt(sum w^2)), l1 (w / sum |w|), none; zero
// rows stay zero. The operations run in sklearn's order (sum along the row
// in column order, then one division per entry), so sklearn's TF-IDF is
// reproduced to the last bit or so (np.log and libm's log may differ in the
// last ulp).
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

enum class TfScheme { raw, binary, log, proportion, augmented };
enum class IdfScheme { none, sklearn_smooth, sklearn, quanteda, gensim, spark, tidytext, bm25 };
enum class Norm { none, l1, l2 };

template <>
struct OptionTable<TfScheme> {
  static constexpr std::string_view label = "tf";
  static constexpr std::array<OptionName<TfScheme>, 5> entries{{
      {TfScheme::raw, "raw"},
      {TfScheme::binary, "binary"},
      {TfScheme::log, "log"},
      {TfScheme::proportion, "proportion"},
      {TfScheme::augmented, "augmented"},
  }};
};
template <>
struct OptionTable<IdfScheme> {
  static constexpr std::string_view label = "idf";
  static constexpr std::array<OptionName<IdfScheme>, 8> entries{{
      {IdfScheme::none, "none"},
      {IdfScheme::sklearn_smooth, "sklearn_smooth"},
      {IdfScheme::sklearn, "sklearn"},
      {IdfScheme::quanteda, "quanteda"},
      {IdfScheme::gensim, "gensim"},
      {IdfScheme::spark, "spark"},
      {IdfScheme::tidytext, "tidytext"},
      {IdfScheme::bm25, "bm25"},
  }};
};
template <>
struct OptionTable<Norm> {
  static constexpr std::string_view label = "norm";
  static constexpr std::array<OptionName<Norm>, 3> entries{{
      {Norm::none, "none"},
      {Norm::l1, "l1"},
      {Norm::l2, "l2"},
  }};
};

std::vector<double> idf_weights(const std::vector<std::int64_t>& df, std::int64_t n_docs, IdfScheme scheme);

// A count matrix's int64 values become float64 values in the same buffer
// (read it as double afterwards): a TF-IDF matrix without a second copy of
// its largest array. On `threads` threads (0: all cores).
void counts_to_double(std::int64_t* data, std::size_t n, unsigned threads = 1);

// Whether every one of the `nnz` column indices is in [0, n_cols): what a
// column weight vector of n_cols entries needs. On `threads` threads.
bool columns_below(const std::int32_t* indices, std::size_t nnz, std::size_t n_cols, unsigned threads = 1);

// In place on the buffers of a CSR matrix with `rows` rows (indptr has rows+1
// entries; data and indices have indptr[rows]).
void csr_apply_tf(const std::int64_t* indptr, std::size_t rows, double* data, TfScheme scheme,
                  double k = 0.5);
void csr_scale_columns(const std::int32_t* indices, std::size_t nnz, double* data, const double* weights);
void csr_normalize_rows(const std::int64_t* indptr, std::size_t rows, double* data, Norm norm);
// The three above in turn (tf, then the column weights unless `weights` is
// null, then the norm), row by row in one pass, the rows split over
// `threads` threads (0: all cores). Each row's values go through the same
// operations in the same order as in the three calls, so the result is the
// same bit for bit, whatever the thread count.
void csr_weigh(const std::int64_t* indptr, std::size_t rows, const std::int32_t* indices, double* data,
               TfScheme tf, const double* weights, Norm norm, unsigned threads = 1, double k = 0.5);

// The same on vectors (rows given by `indptr`).
void apply_tf(const std::vector<std::int64_t>& indptr, std::vector<double>& data, TfScheme scheme,
              double k = 0.5);
void scale_columns(const std::vector<std::int32_t>& indices, std::vector<double>& data,
                   const std::vector<double>& weights);
void normalize_rows(const std::vector<std::int64_t>& indptr, std::vector<double>& data, Norm norm);
// `data` holds raw counts on entry, BM25 weights on return.
void apply_bm25(const std::vector<std::int64_t>& indptr, const std::vector<std::int32_t>& indices,
                std::vector<double>& data, const std::vector<double>& idf, double k1 = 1.2, double b = 0.75);

}  // namespace textgauge
