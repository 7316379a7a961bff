#pragma once
// Document-term matrices: counting features on interned ids, vocabularies in
// scikit-learn's order, df/tf pruning, and mergeable partial statistics.
//
// A fit runs the Analyzer over the texts on several threads (contiguous
// chunks of documents, one Vocabulary per chunk), merges the chunks' terms,
// sorts the vocabulary by UTF-8 bytes (= Python's code point order, what
// sklearn's `sorted(vocabulary.items())` gives), prunes it and writes the CSR
// matrix with sorted column indices. Nothing depends on the thread count.
// Memory beyond the output matrix grows with the vocabulary, not the corpus.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/output_vector.hpp"
#include "textgauge/text/vocabulary.hpp"
#include "textgauge/vectorize/analyzer.hpp"

namespace textgauge {

struct Csr {
  std::vector<std::int64_t> indptr{0};
  OutputVector<std::int32_t> indices;
  OutputVector<std::int64_t> data;
  std::int64_t n_cols = 0;
  bool sorted = true;  // column indices ascending within each row
  std::size_t n_rows() const noexcept { return indptr.size() - 1; }
};

// Per-term corpus statistics: what a vocabulary and an idf are computed from.
// `terms` are sorted by bytes and unique. Merging is associative and
// commutative, so partial statistics of batches (or of Dask partitions)
// combine in any order into those of the whole corpus.
struct TermStats {
  StringTable terms;
  std::vector<std::int64_t> term_count;  // occurrences in the corpus
  std::vector<std::int64_t> doc_count;   // documents holding the term
  std::int64_t n_docs = 0;
  void merge(const TermStats& other);
};

// sklearn's pruning, with thresholds already resolved to document counts
// (sklearn: an int max_df/min_df is a count, a float is a proportion times
// n_docs, without rounding). Kept: low <= df <= high; then, when max_features
// >= 0 and more remain, the max_features with the largest corpus counts
// (binary: the document counts), ties going to the term first in order.
struct PruneOptions {
  double high = std::numeric_limits<double>::infinity();
  double low = -std::numeric_limits<double>::infinity();
  std::int64_t max_features = -1;
  bool binary = false;
};

struct FitResult {
  Csr matrix;              // n_docs x vocabulary
  StringTable vocabulary;  // kept terms, sorted by bytes
  TermStats stats;         // of every term seen (before pruning)
  // The vocabulary's terms as indices into stats (ascending): what pruning
  // kept, so that a caller of the statistics (an idf) need not prune again.
  std::vector<std::int64_t> kept;
};

// Indices of the kept terms of `stats` (ascending), as sklearn prunes.
// Throws Error as sklearn raises ValueError (empty vocabulary, nothing left).
// Reads the counts only (stats.terms may be empty); the same for any thread count.
std::vector<std::int64_t> prune(const TermStats& stats, const PruneOptions& options, unsigned threads = 1);

// fit_transform: the count matrix and the vocabulary. binary: counts -> 1.
// keep_stats = false leaves stats.terms empty (its counts stay), sparing a
// copy of every term when only the vocabulary is wanted. sorted_rows = false
// leaves each row's columns in the order of the row's first occurrences
// instead of ascending (scikit-learn's CountVectorizer does not sort its rows
// either), sparing a fifth of the work of a fit; the order does not depend on
// the thread count. Word (1, 2)- and (2, 2)-grams (without skips) are counted
// by radix-partitioned aggregation, whose rows come out ascending anyway:
// matrix.sorted says which. `ascii` (optional, one flag per text) says which texts
// are pure ASCII when the caller knows already (Python records it in every
// str); otherwise each text is checked.
FitResult fit_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const PruneOptions& prune_options, unsigned threads = 1, bool keep_stats = true,
                     bool sorted_rows = true, const std::vector<std::uint8_t>* ascii = nullptr);

// The same from tokens already interned elsewhere (a Corpus): token k is
// term token_term[k] of row token_row[k] (rows sorted ascending, < n_rows;
// a row may be a document, paragraph or sentence). Terms with drop[t] set
// are removed before n-grams are formed; n-grams join terms with `separator`
// and never cross rows.
FitResult fit_counts_from_ids(const std::vector<std::int64_t>& token_row,
                              const std::vector<std::int32_t>& token_term, std::size_t n_rows,
                              const StringTable& terms, const std::vector<std::uint8_t>& drop, int min_n,
                              int max_n, int skip, std::string_view separator,
                              const PruneOptions& prune_options);

// Statistics only (partial_fit): no matrix is kept.
TermStats count_stats(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                      unsigned threads = 1, const std::vector<std::uint8_t>* ascii = nullptr);

// A fixed vocabulary: term -> column (columns need not follow the term order).
class FixedVocabulary {
 public:
  FixedVocabulary() = default;
  // Terms in column order.
  explicit FixedVocabulary(const StringTable& terms);
  std::int32_t column(std::string_view term) const noexcept { return map_.find(term); }
  std::size_t size() const noexcept { return map_.size(); }
  const StringTable& terms() const noexcept { return map_.table(); }

 private:
  Vocabulary map_;
};

// transform: counts of the vocabulary's terms; others are ignored.
Csr transform_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const FixedVocabulary& vocabulary, bool binary, unsigned threads = 1);

// Hashing trick as sklearn's HashingVectorizer/FeatureHasher: column
// |h| mod n_features of h = murmurhash3_x86_32(UTF-8 feature, seed 0) (h =
// -2^31 maps where sklearn maps it), value sign(h) when alternate_sign.
// Entries of one row that land on one column are summed (an explicit zero
// stays stored, as scipy's sum_duplicates keeps it). Values are doubles.
struct HashedCsr {
  std::vector<std::int64_t> indptr{0};
  OutputVector<std::int32_t> indices;
  OutputVector<double> data;
};
HashedCsr hash_features(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                        std::int64_t n_features, bool alternate_sign, unsigned threads = 1);

}  // namespace textgauge
