#pragma once
// Association measures of one n-gram from its counts: NLTK's
// nltk.metrics.association (bigram and generic n-gram classes) in its own
// floating-point order, and quanteda's lambda and z from the 2^n cells.
// collocations() gathers the counts; bigram_scores() passes merged ones.
#include <cstdint>
#include <vector>

#include "textgauge/stats/collocations.hpp"

namespace textgauge::detail {

__extension__ typedef __int128 i128;  // exact products of four counts (quadgram marginals)

// NLTK's measures (all but lambda and z).
inline bool nltk_measure(AssocMeasure m) { return m != AssocMeasure::lambda && m != AssocMeasure::z; }
// The measures NLTK defines for bigrams only.
inline bool bigram_only(AssocMeasure m) {
  return m == AssocMeasure::dice || m == AssocMeasure::fisher || m == AssocMeasure::phi_sq;
}

struct BigramCounts {
  double n_ii;  // count / (window - 1)
  std::int64_t n_ix, n_xi, n;
};

// BigramAssocMeasures.<m>; NaN for lambda and z.
double bigram_score(AssocMeasure m, const BigramCounts& b);

// NLTK's _contingency for trigrams and quadgrams, from the marginals in the
// order its finders pass them (n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), N).
std::vector<i128> trigram_contingency(std::int64_t n_iii, const std::int64_t* p2, const std::int64_t* p1,
                                      std::int64_t n_xxx);
// (n_iiii, (n_iiix, n_iixi, n_ixii, n_xiii), (n_iixx, n_ixix, n_ixxi, n_xixi, n_xxii, n_xiix),
//  (n_ixxx, n_xixx, n_xxix, n_xxxi), N)
std::vector<i128> quadgram_contingency(std::int64_t n_iiii, const std::int64_t* p3, const std::int64_t* p2,
                                       const std::int64_t* p1, std::int64_t n_xxxx);

// NgramAssocMeasures (the generic class) for n = 3, 4 on integer marginals:
// `cont` from the contingency functions above, `unigrams` the n terms' counts.
double ngram_score(AssocMeasure m, int n, std::int64_t count, const std::vector<i128>& cont,
                   const std::int64_t* unigrams, std::int64_t total);

// quanteda's lambda (log odds ratio) or z (lambda over its standard error)
// from the 2^n smoothed cells; cell b counts the positions where the bits of
// b match the n-gram.
double lambda_score(AssocMeasure m, int n, const std::vector<double>& cells);

}  // namespace textgauge::detail
