#pragma once
// Collocations: n-gram counts over a TermStream and their association scores.
//
// NLTK's measures are computed exactly as nltk.collocations' finders and
// nltk.metrics.association compute them, in the same floating-point order:
//   - N is the number of tokens in the stream (FreqDist.N() of the words),
//     not the number of n-grams;
//   - the stream's segments play the part of NLTK's from_documents padding:
//     no n-gram (or window) crosses a segment;
//   - bigrams within a window w > 2 count every pair (w1, w2) at distance
//     1..w-1 and score with n_ii = count / (w - 1) (Church & Hanks);
//   - trigram and quadgram marginals are the counts of the gapped sub-patterns
//     that NLTK's Trigram/QuadgramCollocationFinder keep (w1 _ w3, w1 w2 _ w4, ...).
// quanteda's lambda and z (Blaheta & Johnson) count, over every n-gram
// position, the 2^n cells of which positions match the n-gram, add
// `smoothing` to each and take the log odds ratio and its z.
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge {

enum class AssocMeasure {
  raw_freq,
  pmi,
  likelihood_ratio,
  chi_sq,
  student_t,
  dice,  // bigrams only (as in NLTK)
  jaccard,
  poisson_stirling,
  mi_like,
  fisher,  // bigrams only: scipy's fisher_exact(alternative="less") p-value, as NLTK
  phi_sq,  // bigrams only
  lambda,  // quanteda
  z,       // quanteda
};

// Names as in NLTK / quanteda ("likelihood_ratio", "lambda", ...).
template <>
struct OptionTable<AssocMeasure> {
  static constexpr std::string_view label = "association measure";
  static constexpr std::array<OptionName<AssocMeasure>, 13> entries{{
      {AssocMeasure::raw_freq, "raw_freq"},
      {AssocMeasure::pmi, "pmi"},
      {AssocMeasure::likelihood_ratio, "likelihood_ratio"},
      {AssocMeasure::chi_sq, "chi_sq"},
      {AssocMeasure::student_t, "student_t"},
      {AssocMeasure::dice, "dice"},
      {AssocMeasure::jaccard, "jaccard"},
      {AssocMeasure::poisson_stirling, "poisson_stirling"},
      {AssocMeasure::mi_like, "mi_like"},
      {AssocMeasure::fisher, "fisher"},
      {AssocMeasure::phi_sq, "phi_sq"},
      {AssocMeasure::lambda, "lambda"},
      {AssocMeasure::z, "z"},
  }};
};

struct CollocationOptions {
  int size = 2;    // 2..5 (NLTK's measures: 2..4; 5: lambda and z only)
  int window = 0;  // bigrams: pairs at distance < window; 0 means size. n > 2: must equal size
  std::int64_t min_count = 1;
  double smoothing = 0.5;  // quanteda's lambda/z
  std::vector<AssocMeasure> measures;
  unsigned threads = 0;
};

struct CollocationTable {
  int size = 2;
  std::vector<Vocabulary::id_type> terms;   // size ids per row
  std::vector<std::int64_t> count;          // raw n-gram (pair) count
  std::vector<std::vector<double>> scores;  // one column per requested measure
  std::int64_t n_tokens = 0;                // NLTK's N
  std::size_t rows() const noexcept { return count.size(); }
};

// Rows are sorted by the first measure (descending; by count when there is
// none), ties by the terms in bytewise order, as NLTK's score_ngrams sorts.
CollocationTable collocations(const TermStream& stream, const Vocabulary& vocab,
                              const CollocationOptions& options);

// NLTK's bigram measures from counts alone, for counts merged from partial
// statistics (Dask partitions) where no single TermStream exists: row r is a
// pair seen count[r] times (within `window`), its terms seen n_ix[r] and
// n_xi[r] times among n_tokens. Same arithmetic as collocations(); lambda and
// z need the positional 2x2 table and are not accepted. One column per measure.
std::vector<std::vector<double>> bigram_scores(const std::vector<std::int64_t>& count,
                                               const std::vector<std::int64_t>& n_ix,
                                               const std::vector<std::int64_t>& n_xi, std::int64_t n_tokens,
                                               int window, const std::vector<AssocMeasure>& measures);

// Co-occurrence of terms within `window` tokens of each other, never across
// units (documents): for tokens at positions i < j <= i + window, the
// unordered pair {term_i, term_j} (first <= second) gains 1 ("frequency"),
// 1/(j-i) ("weighted"), or counts once per unit ("boolean").
struct CooccurrencePairs {
  std::vector<Vocabulary::id_type> first, second;
  std::vector<double> value;
};
enum class CooccurrenceCount { frequency, boolean, weighted };
template <>
struct OptionTable<CooccurrenceCount> {
  static constexpr std::string_view label = "count";
  static constexpr std::array<OptionName<CooccurrenceCount>, 3> entries{{
      {CooccurrenceCount::frequency, "frequency"},
      {CooccurrenceCount::boolean, "boolean"},
      {CooccurrenceCount::weighted, "weighted"},
  }};
};
CooccurrencePairs window_cooccurrence(const UnitTerms& units, std::size_t vocab_size, int window,
                                      CooccurrenceCount count);

// "w1 w2 ..." for each row.
std::vector<std::string> collocation_strings(const CollocationTable& table, const Vocabulary& vocab);
// The same as one UTF-8 buffer with rows() + 1 offsets, the layout of an Arrow
// string array (Python builds its column without one object per row). On
// `threads` threads (0: all cores).
void collocation_text(const CollocationTable& table, const Vocabulary& vocab, std::string& data,
                      std::vector<std::int64_t>& offsets, unsigned threads = 1);

}  // namespace textgauge
