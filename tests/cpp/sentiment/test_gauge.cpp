// textgauge's own scorer (GaugeScorer) on a hand-made table, against the
// model written out by hand; the full parity with the Python reference is in
// tests/python/test_scorer_parity.py.
#include <cmath>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "textgauge/sentiment/gauge.hpp"

using namespace textgauge;

namespace {

GaugeTables tables() {
  GaugeTables t;
  t.vader.load_words("good\t1.9\n");
  t.textblob.push_back({"good", {0.7, 0.6}});
  t.afinn.emplace_back("good", 3.0);
  return t;
}

// Weights 1, no boosters' or caps' terms, negation -0.5, no emphasis or
// length damping (e = 0), alpha 1, gamma 1, every pattern weight 1.
std::vector<double> params() {
  std::vector<double> p(GaugeScorer::kParams, 1.0);
  p[6] = p[7] = p[8] = 0;  // beta
  p[9] = 0;                // caps
  p[10] = -0.5;            // negation
  p[13] = 0;               // punctuation emphasis
  p[15] = 0;               // length damping exponent
  p[17] = 0;               // subjectivity mix
  p[26] = 0;               // names keep their value
  return p;
}

}  // namespace

TEST_CASE("gauge: one word, three lexicons, by hand") {
  const GaugeScorer g(tables(), params());
  // vader 1.9, textblob 0.7 * 4, afinn 3 * 0.8, summed in order from 0
  const double total = ((0.0 + 1.9) + 0.7 * 4.0) + 3.0 * 0.8;
  const GaugeScore s = g.score("good");
  CHECK(s.vader_sum == 1.9);
  CHECK(s.textblob_sum == 0.7 * 4.0);
  CHECK(s.afinn_sum == 3.0 * 0.8);
  CHECK(s.polarity == total / std::sqrt(total * total + 1.0));
  const GaugeScore neg = g.score("not good");
  CHECK(neg.vader_sum == -0.5 * 1.9);
  CHECK(neg.polarity < 0);
  const GaugeRows r = g.rows("not GOOD!!");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][5] == 1);   // one negation
  CHECK(r.rows[0][12] == 1);  // token index
  CHECK(r.tokens == 2);
  CHECK(r.amp == 2 * 0.292);
  CHECK(g.score("").polarity == 0);
}

TEST_CASE("gauge: batch results do not depend on the thread count") {
  const GaugeScorer g(tables(), params());
  std::vector<std::string_view> texts;
  for (int i = 0; i < 2000; ++i) texts.push_back(i % 3 ? "good, not good" : "not so good!! good good");
  std::vector<GaugeScore> one(texts.size()), four(texts.size());
  g.score_batch(texts, one.data(), 1);
  g.score_batch(texts, four.data(), 4);
  for (std::size_t i = 0; i < texts.size(); ++i) CHECK(one[i].polarity == four[i].polarity);
}

TEST_CASE("gauge: a parameter vector of the wrong size is refused") {
  CHECK_THROWS(GaugeScorer(tables(), std::vector<double>(3, 1.0)));
}
