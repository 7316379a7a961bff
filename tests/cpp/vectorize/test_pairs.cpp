// The partitioned (1, 2)-gram fit (cpp/src/vectorize/pairs.cpp) against a
// hand-computed matrix, and against the chunked counting path
// (count_chunks + finish_fit, whose output the Python tests hold equal to
// scikit-learn's) for several thread counts and pruning options.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/vectorize/dtm.hpp"
#include "vectorize/dtm_internal.hpp"  // internal: the chunked path, as the reference

using namespace textgauge;

namespace {

std::vector<std::string> strings(const StringTable& t) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t[i]);
  return out;
}

// A corpus of `n` documents over a vocabulary with a few frequent words and a
// long tail (some non-ASCII), from a fixed LCG: enough pairs for several
// partitions.
std::vector<std::string> corpus(std::size_t n) {
  const std::vector<std::string> common = {"the", "of", "and", "to", "in", "caf\xC3\xA9", "is"};
  std::uint64_t s = 12345;
  auto next = [&] {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(s >> 33);
  };
  std::vector<std::string> docs(n);
  for (std::size_t d = 0; d < n; ++d) {
    const std::size_t len = next() % 40;  // some documents empty
    for (std::size_t k = 0; k < len; ++k) {
      if (k) docs[d] += ' ';
      if (next() % 3 == 0) {
        docs[d] += common[next() % common.size()];
      } else {
        docs[d] += 'w';
        docs[d] += std::to_string(next() % (1 + next() % 5000));
      }
    }
    if (d % 7 == 0)
      docs[d] +=
          " \xC3\x9C"
          "BER Stra\xC3\x9F"
          "e";  // not ASCII: the analyzer's path
  }
  return docs;
}

std::vector<std::string_view> views(const std::vector<std::string>& docs) {
  return {docs.begin(), docs.end()};
}

FitResult reference(const std::vector<std::string_view>& texts, const AnalyzerOptions& o,
                    const PruneOptions& p) {
  std::vector<dtm::ChunkCounts> chunks = dtm::count_chunks(texts, o, 1, true, nullptr);
  return dtm::finish_fit(chunks, texts.size(), p, 1, true, true);
}

void check_same(const FitResult& a, const FitResult& b) {
  CHECK(a.matrix.indptr == b.matrix.indptr);
  CHECK(a.matrix.indices == b.matrix.indices);
  CHECK(a.matrix.data == b.matrix.data);
  CHECK(a.matrix.n_cols == b.matrix.n_cols);
  CHECK(strings(a.vocabulary) == strings(b.vocabulary));
  CHECK(strings(a.stats.terms) == strings(b.stats.terms));
  CHECK(a.stats.term_count == b.stats.term_count);
  CHECK(a.stats.doc_count == b.stats.doc_count);
  CHECK(a.stats.n_docs == b.stats.n_docs);
  CHECK(a.kept == b.kept);
}

}  // namespace

TEST_CASE("the partitioned fit gives a hand-computed (1, 2)-gram matrix", "[vectorize][pairs]") {
  const std::vector<std::string_view> texts = {"the cat sat", "The cat the cat", "", "dog"};
  AnalyzerOptions o;
  o.max_n = 2;
  REQUIRE(dtm::pairs_apply(o));
  const FitResult r = fit_counts(texts, o, PruneOptions{});
  CHECK(strings(r.vocabulary) ==
        std::vector<std::string>{"cat", "cat sat", "cat the", "dog", "sat", "the", "the cat"});
  CHECK(r.matrix.indptr == std::vector<std::int64_t>{0, 5, 9, 9, 10});
  CHECK(r.matrix.indices == OutputVector<std::int32_t>{0, 1, 4, 5, 6, 0, 2, 5, 6, 3});
  CHECK(r.matrix.data == OutputVector<std::int64_t>{1, 1, 1, 1, 1, 2, 1, 2, 2, 1});
  CHECK(r.stats.doc_count == std::vector<std::int64_t>{2, 1, 1, 1, 1, 2, 2});
  CHECK(r.stats.term_count == std::vector<std::int64_t>{3, 1, 1, 1, 1, 3, 3});
  CHECK(r.kept == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6});
  CHECK(r.matrix.sorted);
  PruneOptions twice;
  twice.low = 2;  // min_df = 2: cat, the, the cat
  CHECK(fit_counts(texts, o, twice).kept == std::vector<std::int64_t>{0, 5, 6});
}

TEST_CASE("the partitioned fit equals the chunked one, whatever the thread count", "[vectorize][pairs]") {
  const std::vector<std::string> docs = corpus(4000);
  const std::vector<std::string_view> texts = views(docs);
  AnalyzerOptions o;
  o.max_n = 2;
  PruneOptions p;
  SECTION("(1, 2)") {}
  SECTION("(2, 2)") { o.min_n = 2; }
  SECTION("min_df = 2, max_df = 0.5 of the documents") {
    p.low = 2;
    p.high = 0.5 * 4000;
  }
  SECTION("max_features, ties at the cut") { p.max_features = 777; }
  SECTION("binary, with stop words") {
    p.binary = true;
    o.stop_words = {"the", "of"};
  }
  const FitResult want = reference(texts, o, p);
  REQUIRE(want.vocabulary.size() > 100);
  // kept: the vocabulary's terms as indices into the statistics, as pruning them gives.
  CHECK(want.kept == prune(want.stats, p));
  std::vector<std::string> at_kept;
  for (const std::int64_t t : want.kept) at_kept.emplace_back(want.stats.terms[static_cast<std::size_t>(t)]);
  CHECK(at_kept == strings(want.vocabulary));
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    INFO("threads = " << threads);
    check_same(fit_counts(texts, o, p, threads), want);
  }
}

TEST_CASE("stop words sorting after a frequent token split over partitions", "[vectorize][pairs]") {
  // "apple" is frequent enough to be split over two partitions; "zebra", a
  // stop word, is in the token table but never counted, and its rank comes
  // after: it must still fall in a partition that exists.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += i % 3 == 2 ? "apple zebra " : "apple ";
  std::string many;  // a document of hundreds of distinct tokens, in no order, some twice
  for (int i = 0; i < 300; ++i) {
    many += 'w';
    many += std::to_string((i * 7919) % 257);
    many += ' ';
  }
  const std::vector<std::string> docs = {text, "zebra", "apple apple", many};
  const std::vector<std::string_view> texts = views(docs);
  AnalyzerOptions o;
  o.max_n = 2;
  o.stop_words = {"zebra"};
  SECTION("(1, 2)") {}
  SECTION("(2, 2)") { o.min_n = 2; }
  const FitResult want = reference(texts, o, PruneOptions{});
  for (unsigned threads : {1u, 2u}) {
    INFO("threads = " << threads);
    check_same(fit_counts(texts, o, PruneOptions{}, threads), want);
  }
}

TEST_CASE("the partitioned fit raises as the chunked one does", "[vectorize][pairs]") {
  AnalyzerOptions o;
  o.max_n = 2;
  const std::vector<std::string_view> none = {"a", "", "!"};
  CHECK_THROWS_AS(fit_counts(none, o, PruneOptions{}), Error);
  const std::vector<std::string_view> texts = {"the cat", "a dog"};
  PruneOptions p;
  p.low = 2;
  CHECK_THROWS_AS(fit_counts(texts, o, p), Error);
}

TEST_CASE("max_features keeps the most frequent, ties to the first in order", "[vectorize][pairs]") {
  TermStats s;
  s.terms.push("a");
  s.terms.push("b");
  s.terms.push("c");
  s.terms.push("d");
  s.terms.push("e");
  s.term_count = {1, 3, 2, 3, 2};
  s.doc_count = {1, 1, 1, 1, 1};
  PruneOptions p;
  p.max_features = 3;
  CHECK(prune(s, p) == std::vector<std::int64_t>{1, 2, 3});  // b, d, then c before e
  p.max_features = 2;
  CHECK(prune(s, p, 4) == std::vector<std::int64_t>{1, 3});
  p.max_features = 0;
  CHECK_THROWS_AS(prune(s, p), Error);
}

TEST_CASE("chunks are cut by bytes, one per thread", "[vectorize][chunks]") {
  auto cut = [](const std::vector<std::size_t>& sizes, unsigned threads) {
    std::vector<std::string> texts;
    for (const std::size_t s : sizes) texts.emplace_back(s, 'a');
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    return dtm::chunk_bounds(views, threads);
  };
  using B = std::vector<std::size_t>;
  CHECK(cut({}, 4) == B{0});
  CHECK(cut({5, 5, 5}, 4) == B{0, 3});  // under 64 documents: one chunk
  // 100 short documents, then 100 four times as long: with 16 bytes of cost
  // per document, the short half is (1 + 16) * 100 = 1,700 and the long half
  // 5,600 of 7,300. Two chunks cut where the running cost first reaches
  // 3,650: after 100 short and (3,650 - 1,700) / 56 = 34.8 -> 35 long ones.
  std::vector<std::size_t> sizes(100, 1);
  sizes.resize(200, 40);
  CHECK(cut(sizes, 2) == B{0, 135, 200});
  // By count the cut would be at 100: half the bytes would sit in one chunk.
  const B four = cut(sizes, 4);
  REQUIRE(four.size() == 5);
  CHECK(four.front() == 0);
  CHECK(four.back() == 200);
  // A document larger than every share is a chunk of its own, and the
  // others share the rest: 69 * 17 = 1,173 bytes, cut at 35 * 17 >= 1,173 / 2.
  sizes.assign(70, 1);
  sizes[0] = 1000000;
  CHECK(cut(sizes, 3) == B{0, 1, 36, 70});
}
