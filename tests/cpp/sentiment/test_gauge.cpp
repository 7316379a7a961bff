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

TEST_CASE("gauge: a text of several lines is the token-weighted mean of its lines, by hand") {
  const GaugeScorer g(tables(), params());
  const double t1 = ((0.0 + 1.9) + 0.7 * 4.0) + 3.0 * 0.8;  // "good": 1 token
  const double t2 = -0.5 * t1;                              // "not good": 2 tokens
  const double p1 = t1 / std::sqrt(t1 * t1 + 1.0), p2 = t2 / std::sqrt(t2 * t2 + 1.0);
  CHECK(g.score("good\n\nnot good").polarity == Approx((1 * p1 + 2 * p2) / 3).epsilon(1e-14));
  CHECK(g.score("good\r\nnot good\n").polarity == Approx((1 * p1 + 2 * p2) / 3).epsilon(1e-14));
  CHECK(g.score("good\n\nnot good").vader_sum == Approx((1.9 - 2 * 0.5 * 1.9) / 3).epsilon(1e-14));
  // one non-blank line: the line's own score; no token: 0
  CHECK(g.score("  good\n\n\n").polarity == g.score("good").polarity);
  CHECK(g.score("\n \n\n").polarity == 0);
  const auto spans = g.paragraphs("good\n\n not good ");
  REQUIRE(spans.size() == 2);
  CHECK(spans[0] == std::pair<std::size_t, std::size_t>{0, 4});
  CHECK(spans[1] == std::pair<std::size_t, std::size_t>{7, 15});
}

TEST_CASE("gauge: lexicons of opposite signs, and `no` before a comparative, count nothing") {
  GaugeTables t = tables();
  t.vader.load_words("good\t1.9\nescape\t0.7\nno\t-1.2\n");
  t.afinn.emplace_back("escape", -1.0);
  t.afinn.emplace_back("no", -1.0);
  const GaugeScorer g(t, params());
  // escape: VADER +0.7, AFINN -1 -> rule 5 (lexicons-disagree), nothing counted
  const GaugeRows r = g.rows("to escape");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][11] == 5);
  CHECK(g.score("to escape").polarity == 0);
  // no closer: rule 3 (no-determiner); no picture: `no` keeps its values, -1.2 and -1 * 0.8
  CHECK(g.rows("no closer").rows[0][11] == 3);
  CHECK(g.score("no closer").polarity == 0);
  CHECK(g.rows("no picture").rows[0][11] == 0);
  CHECK(g.score("no picture").vader_sum == -1.2);
  CHECK(g.score("no picture").afinn_sum == -1.0 * 0.8);
}

TEST_CASE("gauge: a word in a question keeps p[27] of its value") {
  std::vector<double> p = params();
  p[27] = 0.5;
  const GaugeScorer g(tables(), p);
  // the first run of .!? after a word decides: `!?` holds a `?`, `...` does not
  const GaugeRows r = g.rows("good!? good... good ?! good");
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0][15] == 1);
  CHECK(r.rows[1][15] == 0);
  CHECK(r.rows[2][15] == 1);
  CHECK(r.rows[3][15] == 0);  // no end after it: not a question
  // by hand: each lexicon's value halved (gamma 1, weights 1)
  const GaugeScore s = g.score("good?");
  CHECK(s.vader_sum == 1.9 * 0.5);
  CHECK(s.textblob_sum == 0.7 * 4.0 * 0.5);
  CHECK(s.afinn_sum == 3.0 * 0.8 * 0.5);
  CHECK(g.score("good.").vader_sum == 1.9);
}
