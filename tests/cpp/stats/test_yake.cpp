#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catch.hpp"
#include "textgauge/stats/yake.hpp"

using namespace textgauge;

TEST_CASE("yake: numpy's pairwise summation, not a running sum", "[yake]") {
  std::vector<double> a;
  for (int i = 0; i < 300; ++i) a.push_back(1.0 / (i + 3.0));
  // numpy: np.array(a).sum(); a running sum gives 4.789297397713856
  CHECK(numpy_pairwise_sum(a.data(), a.size()) == 4.7892973977138622);
  CHECK(numpy_pairwise_sum(a.data(), 5) == ((((0.0 + a[0]) + a[1]) + a[2]) + a[3]) + a[4]);
}

TEST_CASE("yake: candidates, scores and order of yake 0.7.3 on a small text", "[yake]") {
  // segtok's sentences of "Apple and Google compete. Apple sells phones."
  std::vector<std::vector<std::string>> sentences{{"Apple", "and", "Google", "compete", "."},
                                                  {"Apple", "sells", "phones", "."}};
  std::unordered_set<std::string> stop{"and"};
  YakeResult r = yake_candidates(sentences, {}, stop, YakeOptions{});
  REQUIRE_FALSE(r.failed);
  // yake.KeywordExtractor(dedup_lim=1.0).extract_keywords(text) (the stop word list there is
  // the package's English one; only "and" of it occurs here)
  std::vector<std::string> want{
      "google compete", "apple and google", "apple sells phones", "google", "apple",
      "compete",        "apple sells",      "sells phones",       "phones", "sells"};
  std::vector<double> scores{0.017304993898754385, 0.070853216044306402, 0.094532857590917008,
                             0.10744665946764295,  0.1430164761977166,   0.15831692877998726,
                             0.18160570368225948,  0.26954972002692862,  0.39513757872419047,
                             0.53732968836855755};
  CHECK(r.unique == want);
  CHECK(r.scores == scores);
  CHECK(r.keywords[1] == "Apple and Google");
}
