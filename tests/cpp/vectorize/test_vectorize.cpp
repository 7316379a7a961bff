// Term counting engine: analyzer semantics (values from scikit-learn 1.9 and
// Python 3.11), vocabulary order, pruning, merging, hashing and weights.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "common/huge_pages.hpp"  // internal: the counting tables' allocator
#include "textgauge/error.hpp"
#include "textgauge/vectorize/analyzer.hpp"
#include "textgauge/vectorize/dtm.hpp"
#include "textgauge/vectorize/hashing.hpp"
#include "textgauge/vectorize/weights.hpp"
#include "vectorize/dtm_internal.hpp"  // internal: the merge of chunk tables

using namespace textgauge;

namespace {
std::vector<std::string> features(AnalyzerOptions o, std::string_view text) {
  Analyzer a(std::move(o));
  FeatureList f;
  a.analyze(text, f);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < f.size(); ++i) out.emplace_back(f[i]);
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("word tokens follow Python's \\w with two or more code points", "[vectorize]") {
  AnalyzerOptions o;
  CHECK(features(o, "cafe\xCC\x81 caf\xC3\xA9") == V{"cafe", "caf\xC3\xA9"});
  CHECK(features(o, "don't it\xE2\x80\x99s I a 2") == V{"don", "it"});
  CHECK(features(o, "\xC4\xB0STANBUL") == V{"stanbul"});  // İ lowers to i + U+0307
  CHECK(features(o, "x\xC2\xB2 snake_case") == V{"x\xC2\xB2", "snake_case"});
}

TEST_CASE("stop words go before n-grams, unigrams first", "[vectorize]") {
  AnalyzerOptions o;
  o.max_n = 2;
  o.stop_words = {"the", "on"};
  CHECK(features(o, "the cat sat on the mat") == V{"cat", "sat", "mat", "cat sat", "sat mat"});
}

TEST_CASE("char and char_wb n-grams as sklearn", "[vectorize]") {
  AnalyzerOptions o;
  o.kind = AnalyzerKind::char_wb;
  o.min_n = 2;
  o.max_n = 3;
  CHECK(features(o, "The cat") ==
        V{" t", "th", "he", "e ", " th", "the", "he ", " c", "ca", "at", "t ", " ca", "cat", "at "});
  o.min_n = 4;
  o.max_n = 5;  // padded word " a " is shorter than 4: emitted once
  CHECK(features(o, "a") == V{" a "});
  o.kind = AnalyzerKind::char_ngrams;
  o.min_n = 1;
  o.max_n = 2;
  CHECK(features(o, "a \t b\tc") == V{"a", " ", "b", "\t", "c", "a ", " b", "b\t", "\tc"});
}

TEST_CASE("skip-grams enumerate every gap up to skip", "[vectorize]") {
  AnalyzerOptions o;
  o.min_n = 2;
  o.max_n = 2;
  o.skip = 1;
  CHECK(features(o, "aa bb cc dd") == V{"aa bb", "aa cc", "bb cc", "bb dd", "cc dd"});
}

TEST_CASE("fit sorts the vocabulary by bytes and prunes by document frequency", "[vectorize]") {
  std::vector<std::string_view> docs{"bb aa bb", "\xC3\xA9t\xC3\xA9 aa", "zz aa", "\xF0\x9F\x98\x80x yy bb"};
  AnalyzerOptions o;
  PruneOptions p;
  FitResult r = fit_counts(docs, o, p, 1);
  std::vector<std::string> vocab;
  for (std::size_t i = 0; i < r.vocabulary.size(); ++i) vocab.emplace_back(r.vocabulary[i]);
  CHECK(vocab == V{"aa", "bb", "yy", "zz", "\xC3\xA9t\xC3\xA9"});
  CHECK(r.matrix.indptr == std::vector<std::int64_t>{0, 2, 4, 6, 8});
  CHECK(r.matrix.indices == OutputVector<std::int32_t>{0, 1, 0, 4, 0, 3, 1, 2});
  CHECK(r.matrix.data == OutputVector<std::int64_t>{1, 2, 1, 1, 1, 1, 1, 1});
  p.low = 2;  // df >= 2
  r = fit_counts(docs, o, p, 3);
  CHECK(r.vocabulary.size() == 2);
  CHECK(r.matrix.indices == OutputVector<std::int32_t>{0, 1, 0, 0, 1});
  p.low = 5;
  CHECK_THROWS_AS(fit_counts(docs, o, p, 1), Error);
}

TEST_CASE("statistics merge in any order into those of the whole", "[vectorize]") {
  std::vector<std::string_view> a{"aa bb", "bb cc"}, b{"cc dd dd"}, all{"aa bb", "bb cc", "cc dd dd"};
  AnalyzerOptions o;
  TermStats sa = count_stats(a, o), sb = count_stats(b, o), whole = count_stats(all, o);
  TermStats ab = sa, ba = sb;
  ab.merge(sb);
  ba.merge(sa);
  for (const TermStats* s : {&ab, &ba}) {
    CHECK(s->terms.bytes == whole.terms.bytes);
    CHECK(s->term_count == whole.term_count);
    CHECK(s->doc_count == whole.doc_count);
    CHECK(s->n_docs == 3);
  }
  CHECK(whole.term_count == std::vector<std::int64_t>{1, 2, 2, 2});
  CHECK(whole.doc_count == std::vector<std::int64_t>{1, 2, 2, 1});
}

TEST_CASE("MurmurHash3_x86_32 equals sklearn's murmurhash3_32", "[vectorize]") {
  CHECK(murmurhash3_x86_32_signed("the") == -1132748958);
  CHECK(murmurhash3_x86_32_signed("cat") == 1751422759);
  CHECK(murmurhash3_x86_32("") == 0u);
  CHECK(murmurhash3_x86_32("", 1) == 0x514E28B7u);  // the algorithm's published check value
}

TEST_CASE("hashing the documents gives sklearn's columns and signs", "[vectorize]") {
  std::vector<std::string_view> docs{"the cat the"};
  HashedCsr m = hash_features(docs, AnalyzerOptions{}, 1 << 20, true);
  CHECK(m.indices == OutputVector<std::int32_t>{286878, 300839});
  CHECK(m.data == OutputVector<double>{-2.0, 1.0});
}

TEST_CASE("idf schemes for n = 4, df = 2", "[vectorize]") {
  const std::vector<std::int64_t> df{2};
  CHECK(idf_weights(df, 4, IdfScheme::sklearn_smooth)[0] == Approx(std::log(5.0 / 3.0) + 1).epsilon(1e-15));
  CHECK(idf_weights(df, 4, IdfScheme::sklearn)[0] == Approx(std::log(2.0) + 1).epsilon(1e-15));
  CHECK(idf_weights(df, 4, IdfScheme::spark)[0] == Approx(0.5108256237659907).epsilon(1e-15));
  CHECK(idf_weights(df, 4, IdfScheme::gensim)[0] == 1.0);
  CHECK(idf_weights(df, 4, IdfScheme::quanteda)[0] == Approx(0.3010299956639812).epsilon(1e-15));
  CHECK(idf_weights(df, 4, IdfScheme::tidytext)[0] == Approx(0.6931471805599453).epsilon(1e-15));
  CHECK(idf_weights(df, 4, IdfScheme::bm25)[0] == Approx(std::log(1 + 2.5 / 2.5)).epsilon(1e-15));
}

TEST_CASE("tf schemes and row norms", "[vectorize]") {
  const std::vector<std::int64_t> indptr{0, 2, 2};
  std::vector<double> d{1, 3};
  apply_tf(indptr, d, TfScheme::proportion);
  CHECK(d == std::vector<double>{0.25, 0.75});
  d = {1, 3};
  apply_tf(indptr, d, TfScheme::augmented);
  CHECK(d[0] == Approx(0.5 + 0.5 / 3));
  CHECK(d[1] == 1.0);
  d = {3, 4};
  normalize_rows(indptr, d, Norm::l2);
  CHECK(d == std::vector<double>{0.6, 0.8});
  d = {1, 3};
  normalize_rows(indptr, d, Norm::l1);
  CHECK(d == std::vector<double>{0.25, 0.75});
}

namespace {
// The vocabulary, statistics and rows a fit must give, counted the plain way:
// every document's features as strings, terms in a std::map (byte order).
void check_fit_against_strings(const std::vector<std::string>& texts, const AnalyzerOptions& o,
                               unsigned threads) {
  std::vector<std::string_view> docs(texts.begin(), texts.end());
  Analyzer a(o);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> stats;  // term -> (tf, df)
  std::vector<std::map<std::string, std::int64_t>> rows;
  for (const auto& d : docs) {
    FeatureList f;
    a.analyze(d, f);
    std::map<std::string, std::int64_t> row;
    for (std::size_t i = 0; i < f.size(); ++i) ++row[std::string(f[i])];
    for (const auto& [t, n] : row) {
      stats[t].first += n;
      stats[t].second += 1;
    }
    rows.push_back(std::move(row));
  }
  const FitResult r = fit_counts(docs, o, PruneOptions{}, threads);
  REQUIRE(r.vocabulary.size() == stats.size());
  std::size_t i = 0;
  for (const auto& [t, tf_df] : stats) {
    REQUIRE(r.vocabulary[i] == t);
    CHECK(r.stats.term_count[i] == tf_df.first);
    CHECK(r.stats.doc_count[i] == tf_df.second);
    ++i;
  }
  for (std::size_t d = 0; d < rows.size(); ++d) {
    std::map<std::string, std::int64_t> got;
    for (auto k = r.matrix.indptr[d]; k < r.matrix.indptr[d + 1]; ++k) {
      const auto u = static_cast<std::size_t>(k);
      got[std::string(r.vocabulary[static_cast<std::size_t>(r.matrix.indices[u])])] = r.matrix.data[u];
    }
    CHECK(got == rows[d]);
  }
}
}  // namespace

TEST_CASE("word n-grams sort as their token sequences: the fit equals counting strings", "[vectorize]") {
  // Tokens that are prefixes of each other ("a b" < "a" + "b..." < "ab"),
  // digits and '_' (below the letters), non-ASCII bytes, several chunks.
  const std::vector<std::string> words{"ab",        "abc", "ab_",  "a1", "zz", "z9", "\xC3\xA9t\xC3\xA9",
                                       "\xC3\xA9t", "the", "them", "th", "__", "10", "1000"};
  std::vector<std::string> texts;
  std::uint32_t state = 12345;
  for (int d = 0; d < 300; ++d) {
    std::string t;
    const int n = 1 + d % 9;
    for (int k = 0; k < n; ++k) {
      state = state * 1103515245u + 12345u;
      t += words[(state >> 16) % words.size()];
      t += (state >> 8) % 5 ? " " : ", ";
    }
    texts.push_back(t);
  }
  for (int max_n : {2, 3}) {
    for (unsigned threads : {1u, 3u}) {
      AnalyzerOptions o;
      o.max_n = max_n;
      check_fit_against_strings(texts, o, threads);
      o.min_n = 2;
      check_fit_against_strings(texts, o, threads);
      o.min_n = 1;
      o.stop_words = {"the", "zz"};
      check_fit_against_strings(texts, o, threads);
    }
  }
}

TEST_CASE("huge-page tables hold their data through growth and are given back", "[vectorize]") {
  // Above 2 MiB the allocator maps memory itself; below it uses operator new.
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> v;
  for (std::uint64_t i = 0; i < (std::uint64_t{3} << 20) / 8; ++i) v.push_back(i * 7);  // crosses 2 MiB
#if defined(__linux__)
  CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % (std::size_t{2} << 20) == 0);
#endif
  bool same = true;
  for (std::size_t i = 0; i < v.size(); ++i) same = same && v[i] == i * 7;
  CHECK(same);
  v.resize(10);
  v.shrink_to_fit();  // back under the threshold: operator new again
  CHECK(v.size() == 10);
  CHECK(v[9] == 63);
}

TEST_CASE("n-grams whose separator sorts above token bytes fall back to sorting strings", "[vectorize]") {
  // With "_" (0x5F), "a1" < "a_b" although "a" < "a1": token ranks would
  // misorder these, so the strings decide.
  StringTable terms;
  for (const char* t : {"a", "a1", "b", "B"}) terms.push(t);
  const std::vector<std::int64_t> rows{0, 0, 0, 1, 1, 1};
  const std::vector<std::int32_t> ids{0, 2, 1, 0, 3, 0};  // a b a1 | a B a
  for (const char* sep : {"_", " "}) {
    const FitResult r = fit_counts_from_ids(rows, ids, 2, terms, {}, 1, 2, 0, sep, PruneOptions{});
    std::map<std::string, int> expected;  // byte order, as sklearn sorts
    for (const char* t : {"a", "b", "a1", "B"}) expected[t] = 0;
    for (const auto& [x, y] :
         std::vector<std::pair<std::string, std::string>>{{"a", "b"}, {"b", "a1"}, {"a", "B"}, {"B", "a"}})
      expected[x + sep + y] = 0;
    std::vector<std::string> vocab, want;
    for (std::size_t i = 0; i < r.vocabulary.size(); ++i) vocab.emplace_back(r.vocabulary[i]);
    for (const auto& [t, unused] : expected) want.push_back(t);
    CHECK(vocab == want);
  }
  PruneOptions min_df_2;
  min_df_2.low = 2;  // only "a" is in both rows
  const FitResult r = fit_counts_from_ids(rows, ids, 2, terms, {}, 1, 2, 0, " ", min_df_2);
  REQUIRE(r.vocabulary.size() == 1);
  CHECK(r.vocabulary[0] == "a");
  REQUIRE(r.kept.size() == 1);  // the vocabulary's place in the statistics of every term
  CHECK(r.stats.terms[static_cast<std::size_t>(r.kept[0])] == "a");
}

TEST_CASE("chunk tables merge into one sorted table, each string once, with its rank", "[vectorize]") {
  // Three tables of overlapping strings, each in no order (as a chunk's table
  // is: ids in order of first sight); some strings are prefixes of others.
  std::vector<StringTable> tables(3);
  std::set<std::string> all;
  for (std::size_t c = 0; c < tables.size(); ++c) {
    std::set<std::string> mine;
    for (std::size_t i = 0; i < 30000; ++i) {
      const std::size_t v = (i * (c + 3) * 7919) % 50000;  // overlaps between tables
      std::string s = "t" + std::to_string(v);
      if (v % 5 == 0) s.resize(2);  // a short prefix, shared by many
      mine.insert(s);
    }
    for (const std::string& s : mine) {
      tables[c].push(s);
      all.insert(s);
    }
  }
  for (auto& t : tables) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < t.size(); ++i) v.emplace_back(t[i]);
    std::reverse(v.begin(), v.end());
    t = StringTable();
    for (const std::string& s : v) t.push(s);
  }
  std::vector<const StringTable*> ptrs;
  for (const auto& t : tables) ptrs.push_back(&t);
  for (unsigned threads : {1u, 2u, 4u}) {
    std::vector<std::vector<std::uint32_t>> rank;
    const StringTable merged = dtm::merge_tokens(ptrs, rank, threads);
    std::vector<std::string> got;
    for (std::size_t i = 0; i < merged.size(); ++i) got.emplace_back(merged[i]);
    CHECK(got == std::vector<std::string>(all.begin(), all.end()));
    bool ranks_right = true;
    for (std::size_t c = 0; c < tables.size(); ++c)
      for (std::size_t l = 0; l < tables[c].size(); ++l)
        ranks_right = ranks_right && merged[rank[c][l]] == tables[c][l];
    CHECK(ranks_right);
  }
}
