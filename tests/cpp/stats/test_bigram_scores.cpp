// bigram_scores: NLTK's measures from counts alone (what textgauge.dask merges)
// must equal collocations() on the stream those counts came from.
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/stats/collocations.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

TEST_CASE("bigram_scores from counts equal collocations on the stream", "[collocations][dask]") {
  Corpus c;
  c.add({"the cat sat on the mat the cat ate the rat on the mat", "the cat and the rat. On the mat!"});
  const TermStream s = term_stream(c, {});
  std::vector<std::int64_t> unigram(c.vocabulary().size(), 0);
  for (auto t : s.terms) ++unigram[static_cast<std::size_t>(t)];
  for (int window : {2, 3}) {
    CollocationOptions o;
    o.window = window;
    o.measures = {AssocMeasure::likelihood_ratio, AssocMeasure::pmi,      AssocMeasure::chi_sq,
                  AssocMeasure::student_t,        AssocMeasure::raw_freq, AssocMeasure::dice,
                  AssocMeasure::jaccard,          AssocMeasure::mi_like,  AssocMeasure::poisson_stirling,
                  AssocMeasure::phi_sq,           AssocMeasure::fisher};
    const auto t = collocations(s, c.vocabulary(), o);
    REQUIRE(t.rows() > 5);
    std::vector<std::int64_t> n_ix, n_xi;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      n_ix.push_back(unigram[static_cast<std::size_t>(t.terms[2 * r])]);
      n_xi.push_back(unigram[static_cast<std::size_t>(t.terms[2 * r + 1])]);
    }
    const auto got = bigram_scores(t.count, n_ix, n_xi, t.n_tokens, window, o.measures);
    REQUIRE(got.size() == o.measures.size());
    for (std::size_t k = 0; k < got.size(); ++k)
      for (std::size_t r = 0; r < t.rows(); ++r) {
        // Bit-identical, NaN included: the same arithmetic on the same numbers.
        const double a = got[k][r], b = t.scores[k][r];
        CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
      }
  }
}

TEST_CASE("bigram_scores refuses positional measures and bad shapes", "[collocations][dask]") {
  CHECK_THROWS_AS(bigram_scores({1}, {1}, {1}, 2, 2, {AssocMeasure::lambda}), Error);
  CHECK_THROWS_AS(bigram_scores({1}, {1}, {}, 2, 2, {AssocMeasure::pmi}), Error);
  CHECK_THROWS_AS(bigram_scores({1}, {1}, {1}, 2, 1, {AssocMeasure::pmi}), Error);
}
