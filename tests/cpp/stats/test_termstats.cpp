#include <cmath>
#include <string>

#include "catch.hpp"
#include "textgauge/stats/hypergeom.hpp"
#include "textgauge/stats/keyness.hpp"
#include "textgauge/stats/lexdiv.hpp"
#include "textgauge/stats/similarity.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {
bool near(double a, double b, double tol) { return std::fabs(a - b) <= tol; }
}  // namespace

TEST_CASE("lexical diversity: quanteda's gold table for counts 5,3,2,1,1,1,1", "[termstats]") {
  // docs/termstats.md#lexical-diversity, log base 10.
  Corpus c;
  c.add({"a a a a a b b b c c d e f g"});
  LexdivOptions o;
  for (const char* m : {"TTR", "C", "R", "CTTR", "U", "S", "K", "I", "D", "Vm", "Maas"})
    o.measures.push_back(parse_option<LexdivMeasure>(m));
  const auto t =
      lexical_diversity(unit_terms(c, Unit::document, kind_bit(TokenKind::word)), c.vocabulary().size(), o);
  const double gold[] = {0.5,      0.73735, 1.87083,  1.32288,  4.36372, -1.23399,
                         1428.571, 1.4,     0.153846, 0.267261, 0.478709};
  for (std::size_t k = 0; k < o.measures.size(); ++k)
    CHECK(near(t.values[k][0], gold[k], 1e-5 * std::max(1.0, std::fabs(gold[k]))));
  CHECK(t.tokens[0] == 14);
  CHECK(t.types[0] == 7);
}

TEST_CASE("keyness: quanteda's reference values", "[termstats]") {
  auto stat = [](double a, double b, KeynessMeasure m, KeynessCorrection c) {
    return keyness({a}, {b}, 1000, 1000, m, c).statistic[0];
  };
  CHECK(near(stat(10, 2, KeynessMeasure::chi2, KeynessCorrection::yates), 5.3655, 5e-5));
  CHECK(near(stat(10, 2, KeynessMeasure::lr, KeynessCorrection::none), 5.8543, 5e-5));
  CHECK(near(stat(10, 2, KeynessMeasure::pmi, KeynessCorrection::none), 0.5108, 5e-5));
  CHECK(near(stat(3, 0, KeynessMeasure::chi2, KeynessCorrection::yates), 1.3353, 5e-5));
  CHECK(near(stat(3, 0, KeynessMeasure::lr, KeynessCorrection::yates), 1.4575, 5e-5));
}

TEST_CASE("Fisher's exact test matches scipy.stats.fisher_exact", "[termstats]") {
  // scipy: fisher_exact([[8, 2], [1, 5]]).pvalue
  CHECK(near(fisher_two_sided(8, 2, 1, 5), 0.034965034965034975, 1e-15));
  CHECK(fisher_two_sided(0, 0, 3, 4) == 1.0);
}

TEST_CASE("pairwise cosine and jaccard on a small CSR matrix", "[termstats]") {
  // rows: [1 0 2], [0 3 0], [2 0 4]
  const std::int64_t indptr[] = {0, 2, 3, 5};
  const std::int32_t indices[] = {0, 2, 1, 0, 2};
  const double data[] = {1, 2, 3, 2, 4};
  const CsrView x{3, 3, indptr, indices, data};
  const auto cos = pairwise(x, PairwiseMethod::cosine, 1);
  CHECK(near(cos[0 * 3 + 2], 1.0, 1e-15));
  CHECK(cos[0 * 3 + 1] == 0.0);
  const auto jac = pairwise(x, PairwiseMethod::jaccard, 1);
  CHECK(jac[0 * 3 + 2] == 1.0);
  const auto euc = pairwise(x, PairwiseMethod::euclidean, 1);
  CHECK(near(euc[0 * 3 + 1], std::sqrt(14.0), 1e-12));
}
