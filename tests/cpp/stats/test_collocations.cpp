#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/stats/collocations.hpp"
#include "textgauge/stats/hypergeom.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {
double score(const CollocationTable& t, const Vocabulary& v, const std::string& gram,
             std::size_t measure = 0) {
  const auto text = collocation_strings(t, v);
  for (std::size_t r = 0; r < t.rows(); ++r)
    if (text[r] == gram) return t.scores[measure][r];
  FAIL("no row " << gram);
  return 0;
}
bool close(double a, double b, double rel = 1e-9) { return std::fabs(a - b) <= rel * std::fabs(b); }
}  // namespace

TEST_CASE("bigram measures match NLTK's gold on the cat/mat sentence", "[collocations]") {
  // Gold: docs/termstats.md#nltks-collocation-measures (NLTK 3.8).
  Corpus c;
  c.add({"the cat sat on the mat the cat ate the rat on the mat"});
  const TermStream s = term_stream(c, {});
  CollocationOptions o;
  o.measures = {AssocMeasure::pmi, AssocMeasure::likelihood_ratio, AssocMeasure::chi_sq,
                AssocMeasure::student_t};
  const auto t = collocations(s, c.vocabulary(), o);
  CHECK(t.n_tokens == 14);
  CHECK(close(score(t, c.vocabulary(), "cat sat", 0), 2.8073549221));
  CHECK(close(score(t, c.vocabulary(), "the cat", 1), 4.753140242));
  CHECK(close(score(t, c.vocabulary(), "cat sat", 2), 6.4615384615));
  CHECK(close(score(t, c.vocabulary(), "the cat", 3), 0.9091372901));
}

TEST_CASE("quanteda lambda and z on the reference 2x2 table", "[collocations]") {
  // One bigram position per document: n11 = 20, n10 = 30, n01 = 10, n00 = 940.
  std::vector<std::string> texts;
  for (int i = 0; i < 20; ++i) texts.push_back("alpha beta");
  for (int i = 0; i < 30; ++i) texts.push_back("alpha gamma");
  for (int i = 0; i < 10; ++i) texts.push_back("delta beta");
  for (int i = 0; i < 940; ++i) texts.push_back("eps zeta");
  Corpus c;
  c.add(texts);
  CollocationOptions o;
  o.measures = {AssocMeasure::lambda, AssocMeasure::z};
  const auto t = collocations(term_stream(c, {}), c.vocabulary(), o);
  CHECK(std::fabs(score(t, c.vocabulary(), "alpha beta", 0) - 4.0977) < 5e-5);
  CHECK(std::fabs(score(t, c.vocabulary(), "alpha beta", 1) - 9.7161) < 5e-5);
}

TEST_CASE("hypergeometric cdf matches scipy.stats.hypergeom.cdf", "[collocations]") {
  CHECK(close(hypergeom_cdf(3, 50, 10, 12), 0.8209435227940288, 1e-13));
  CHECK(close(hypergeom_cdf(8, 1000, 300, 40), 0.10623802742893301, 1e-13));
  CHECK(close(hypergeom_cdf(30, 1000, 300, 40), 0.9999999996789571, 1e-13));
  CHECK(hypergeom_cdf(40, 1000, 300, 40) == 1.0);
}

TEST_CASE("segments stop n-grams at documents and, on request, sentences", "[collocations]") {
  Corpus c;
  c.add({"red fox. Blue sky", "sky red"});
  CollocationOptions o;
  const auto all = collocations(term_stream(c, {}), c.vocabulary(), o);
  CHECK(all.rows() == 4);  // red fox, fox blue, blue sky, sky red; never "sky sky"
  StreamOptions so;
  so.break_at_sentences = true;
  const auto within = collocations(term_stream(c, so), c.vocabulary(), o);
  CHECK(within.rows() == 3);                                            // red fox, blue sky, sky red
  CHECK(collocation_strings(within, c.vocabulary())[0] == "blue sky");  // count ties sort bytewise
}

TEST_CASE("tied rows sort by the terms' bytes, past eight bytes and above ASCII", "[collocations]") {
  // Every bigram below is seen once, in a document of its own, so all share
  // one raw_freq score and their order is the bytewise order of their text:
  // terms that agree in their first eight bytes, one term a prefix of
  // another, and UTF-8 bytes (above 0x7F) that sort after every ASCII byte.
  const std::vector<std::string> grams = {
      "internationally z",
      "international z",
      "internationalism z",
      "intern z",
      "\xC3\xA9t\xC3\xA9 z",
      "zebra z",
      "a z",
      "internationale z",
  };
  Corpus c;
  c.add(grams);
  CollocationOptions o;
  o.measures = {AssocMeasure::raw_freq};
  const auto t = collocations(term_stream(c, {}), c.vocabulary(), o);
  std::vector<std::string> expected = grams;
  std::sort(expected.begin(), expected.end());  // std::string compares bytes as unsigned char
  CHECK(collocation_strings(t, c.vocabulary()) == expected);
}

TEST_CASE("ties sort by every term's bytes when the terms' ranks fill more than one 64-bit key",
          "[collocations]") {
  // 70,000 distinct words need 17 bits a rank, so a quadgram's four ranks
  // are sorted in two steps: positions 1..3 first, then position 0. Every
  // quadgram starts with "aa" or "zz", so that ties on the first word are
  // decided by the first step, and the rest by the second. The other words
  // are numbered in a shuffled order, so that interning order is not
  // bytewise order; the quadgrams of every third document occur twice.
  constexpr std::size_t kWords = 69999;
  std::vector<std::size_t> number(kWords);
  for (std::size_t i = 0; i < kWords; ++i)
    number[i] = (i * 48271) % kWords;  // a permutation (48271 is prime)
  std::vector<std::string> docs;
  std::vector<std::pair<std::int64_t, std::string>> expected;  // (-count, text)
  for (std::size_t d = 0; d < kWords / 3; ++d) {
    std::string doc = d % 2 ? "aa" : "zz";
    for (std::size_t j = 0; j < 3; ++j) {
      doc += " w";
      doc += std::to_string(number[3 * d + j]);
    }
    const int times = d % 3 == 0 ? 2 : 1;
    for (int k = 0; k < times; ++k) docs.push_back(doc);
    expected.emplace_back(-times, doc);
  }
  Corpus c;
  c.add(docs);
  REQUIRE(c.vocabulary().size() > 65536);
  CollocationOptions o;
  o.size = 4;
  o.measures = {AssocMeasure::raw_freq};
  const auto t = collocations(term_stream(c, {}), c.vocabulary(), o);
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> want;
  for (const auto& e : expected) want.push_back(e.second);
  CHECK(collocation_strings(t, c.vocabulary()) == want);
}

TEST_CASE("bigram rows come out in the same order on any thread count, ties by the terms' bytes",
          "[collocations]") {
  // 150,000 distinct bigrams (more than two 64k slices of the sort, and
  // several partitions of the count) over 1,000 words numbered in a shuffled
  // order, one a document; every third document twice, so raw_freq ties
  // rows by the hundred thousand and only the terms order them.
  constexpr std::size_t kDocs = 150000;
  std::vector<std::string> docs;
  std::vector<std::pair<std::int64_t, std::string>> expected;  // (-count, text)
  for (std::size_t d = 0; d < kDocs; ++d) {
    const std::size_t q = (d * 48271) % 1000000;  // distinct for d < 10^6
    const std::string doc = "w" + std::to_string((q / 1000) * 7 % 1000) + " w" + std::to_string(q % 1000);
    const int times = d % 3 == 0 ? 2 : 1;
    for (int k = 0; k < times; ++k) docs.push_back(doc);
    expected.emplace_back(-times, doc);
  }
  Corpus c;
  c.add(docs);
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> want;
  for (const auto& e : expected) want.push_back(e.second);
  CollocationOptions o;
  o.measures = {AssocMeasure::raw_freq, AssocMeasure::likelihood_ratio};
  o.threads = 1;
  const auto one = collocations(term_stream(c, {}), c.vocabulary(), o);
  CHECK(collocation_strings(one, c.vocabulary()) == want);
  o.measures = {AssocMeasure::likelihood_ratio};  // fewer ties: the score sort decides
  const auto lr_one = collocations(term_stream(c, {}), c.vocabulary(), o);
  for (unsigned threads : {2u, 3u, 8u}) {
    o.threads = threads;
    o.measures = {AssocMeasure::raw_freq, AssocMeasure::likelihood_ratio};
    const auto t = collocations(term_stream(c, {}), c.vocabulary(), o);
    CHECK(t.terms == one.terms);
    CHECK(t.count == one.count);
    CHECK(t.scores == one.scores);
    o.measures = {AssocMeasure::likelihood_ratio};
    const auto lr = collocations(term_stream(c, {}), c.vocabulary(), o);
    CHECK(lr.terms == lr_one.terms);
    CHECK(lr.scores == lr_one.scores);
  }
}

TEST_CASE("window pairs of a frequent first word, split over partitions, in NLTK's order", "[collocations]") {
  // "the" starts 3 pairs in each of 40,000 documents (window 3), far more
  // than one partition holds, so its pairs are cut by the second word over
  // several; the expected rows come from counting every pair here. raw_freq
  // orders by count, ties by the terms' bytes (no term holds a byte below a
  // space, so the joined text orders them alike).
  std::vector<std::string> docs;
  std::map<std::string, std::int64_t> pairs;
  for (std::size_t d = 0; d < 40000; ++d) {
    const std::vector<std::string> w = {"the", "w" + std::to_string(d * 7 % 997),
                                        "x" + std::to_string(d % 89), "the"};
    std::string doc;
    for (const std::string& x : w) doc += (doc.empty() ? "" : " ") + x;
    docs.push_back(doc);
    for (std::size_t i = 0; i < w.size(); ++i)
      for (std::size_t j = i + 1; j < w.size() && j < i + 3; ++j) ++pairs[w[i] + " " + w[j]];
  }
  std::vector<std::pair<std::int64_t, std::string>> expected;
  for (const auto& [text, n] : pairs) expected.emplace_back(-n, text);
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> want;
  for (const auto& e : expected) want.push_back(e.second);
  Corpus c;
  c.add(docs);
  CollocationOptions o;
  o.window = 3;
  o.measures = {AssocMeasure::raw_freq};
  for (unsigned threads : {1u, 2u, 3u}) {
    o.threads = threads;
    const auto t = collocations(term_stream(c, {}), c.vocabulary(), o);
    CHECK(collocation_strings(t, c.vocabulary()) == want);
    for (std::size_t r = 0; r < t.rows(); ++r) REQUIRE(t.count[r] == -expected[r].first);
  }
  // A window wider than every document counts what one as wide as the
  // longest does (and sizes nothing by the window itself).
  o.window = 1 << 30;
  o.threads = 2;
  const auto wide = collocations(term_stream(c, {}), c.vocabulary(), o);
  o.window = 4;
  const auto four = collocations(term_stream(c, {}), c.vocabulary(), o);
  CHECK(wide.terms == four.terms);
  CHECK(wide.count == four.count);
}

TEST_CASE("collocation_text joins each row's terms with spaces into one buffer, any thread count",
          "[collocations]") {
  Vocabulary vocab;
  const std::vector<std::string> words = {"new", "york", "caf\xC3\xA9", "a", "longer-term"};
  for (const std::string& w : words) vocab.intern(w);
  for (const int size : {2, 3}) {
    CollocationTable t;
    t.size = size;
    std::vector<std::string> want;
    for (std::size_t r = 0; r < 40000; ++r) {  // several blocks of rows
      std::string row;
      for (int j = 0; j < size; ++j) {
        const std::size_t w = (r * 7 + static_cast<std::size_t>(j) * 3) % words.size();
        t.terms.push_back(static_cast<Vocabulary::id_type>(w));
        if (j) row += ' ';
        row += words[w];
      }
      t.count.push_back(1);
      want.push_back(row);
    }
    for (unsigned threads : {1u, 2u, 3u}) {
      std::string data;
      std::vector<std::int64_t> offsets;
      collocation_text(t, vocab, data, offsets, threads);
      REQUIRE(offsets.size() == want.size() + 1);
      CHECK(offsets.front() == 0);
      CHECK(static_cast<std::size_t>(offsets.back()) == data.size());
      bool same = true;
      for (std::size_t r = 0; r < want.size(); ++r)
        same = same && data.substr(static_cast<std::size_t>(offsets[r]),
                                   static_cast<std::size_t>(offsets[r + 1] - offsets[r])) == want[r];
      CHECK(same);
    }
  }
}
