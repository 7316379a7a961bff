#pragma once
// Term counts per group of documents, and keyness: how much more (or less)
// often a term occurs in a target than in a reference.
//
// Keyness follows quanteda.textstats (textstat_keyness) for each term with
// a = count in the target, b = count in the reference, c = T - a, d = R - b
// (T, R: token totals), N = a + b + c + d, E = (a + b)(a + c) / N and
// sign = +1 when a > E else -1:
//   chi2  = sign N (|ad - bc| - N delta)^2 / ((a+b)(c+d)(a+c)(b+d))
//           delta = 0.5 ("yates") when |ad - bc| >= N/2 and an expected cell is < 5, else 0
//   lr    = sign 2 sum o ln(o/e) over the four cells (o = 0 adds 0); with "yates" each
//           cell moves delta toward its expected value first
//   "williams" divides chi2 or lr by q = 1 + (N/(a+b) + N/(c+d) - 1)(N/(a+c) + N/(b+d) - 1)/(6N)
//   pmi   = ln(a / E)
//   exact = the odds ratio ad/(bc) with Fisher's exact two-sided p (as scipy.stats.fisher_exact)
//   p (chi2, lr, pmi) = P(chi2_1 > |statistic|)
//   log_ratio = log2((a/T) / (b/R)), a zero count replaced by 0.5 (Hardie's Log Ratio)
// Deliberate differences from quanteda: lr and pmi add no 1e-9 inside the
// logarithm (o = 0 contributes exactly 0, pmi of an absent term is -inf), so
// lr equals scipy's G-test; "exact" reports the sample odds ratio (scipy),
// not R's conditional maximum-likelihood estimate.
#include <cstdint>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

namespace textgauge {

// Counts of each term in each group of documents. doc_group[d] is the group
// of document d (0 .. groups-1) or -1 to leave it out. Rows are sorted by
// group, then term id; only terms seen in a group appear in it.
struct GroupedCounts {
  std::vector<std::int32_t> group, term;
  std::vector<std::int64_t> frequency, docfreq;
  std::vector<std::int64_t> group_tokens;  // per group
};
GroupedCounts grouped_term_counts(const Corpus& corpus, std::uint8_t kinds,
                                  const std::vector<std::int32_t>& doc_group, std::int32_t groups);

enum class KeynessMeasure { chi2, lr, pmi, exact };
enum class KeynessCorrection { none, yates, williams };
template <>
struct OptionTable<KeynessMeasure> {
  static constexpr std::string_view label = "measure";
  static constexpr std::array<OptionName<KeynessMeasure>, 4> entries{{
      {KeynessMeasure::chi2, "chi2"},
      {KeynessMeasure::lr, "lr"},
      {KeynessMeasure::pmi, "pmi"},
      {KeynessMeasure::exact, "exact"},
  }};
};
template <>
struct OptionTable<KeynessCorrection> {
  static constexpr std::string_view label = "correction";
  static constexpr std::array<OptionName<KeynessCorrection>, 3> entries{{
      {KeynessCorrection::none, "none"},
      {KeynessCorrection::yates, "yates"},
      {KeynessCorrection::williams, "williams"},
  }};
};

struct KeynessResult {
  std::vector<double> statistic, p, log_ratio;
};
// a[i], b[i] per term; totals T and R.
KeynessResult keyness(const std::vector<double>& a, const std::vector<double>& b, double T, double R,
                      KeynessMeasure measure, KeynessCorrection correction);

// Two-sided p of Fisher's exact test on [[a, b], [c, d]], computed as scipy.stats.fisher_exact.
double fisher_two_sided(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

}  // namespace textgauge
