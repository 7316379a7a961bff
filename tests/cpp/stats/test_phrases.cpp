#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/stats/phrases.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {

PhraseVocab learn(const Corpus& c, const std::vector<std::string>& connectors) {
  StreamOptions so;
  so.break_at_excluded = true;
  so.break_at_sentences = true;
  std::vector<std::uint8_t> conn(c.vocabulary().size(), 0);
  for (const auto& w : connectors)
    if (auto id = c.vocabulary().find(w); id >= 0) conn[static_cast<std::size_t>(id)] = 1;
  return phrase_vocab(term_stream(c, so), c.vocabulary(), conn, "_");
}

std::vector<std::string> keys(const PhraseVocab& v) {
  std::vector<std::string> out;
  const StringTable t = v.key_table();
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t[i]);
  return out;
}

// gensim's loop, literally: every word once as itself, then the phrase it
// ends (the previous word and the connectors between), as strings in dict
// order of insertion.
std::pair<std::vector<std::string>, std::vector<std::int64_t>> brute_force(
    const TermStream& s, const Vocabulary& v, const std::vector<std::uint8_t>& conn) {
  std::map<std::string, std::size_t> at;
  std::vector<std::string> order;
  std::vector<std::int64_t> count;
  auto add = [&](const std::string& k) {
    auto [it, added] = at.try_emplace(k, order.size());
    if (added) {
      order.push_back(k);
      count.push_back(0);
    }
    ++count[it->second];
  };
  for (std::size_t seg = 0; seg < s.segments(); ++seg) {
    std::string candidate;  // the previous word and the connectors after it
    for (std::size_t k = s.seg_begin[seg]; k < s.seg_begin[seg + 1]; ++k) {
      const std::string w(v.term(s.terms[k]));
      if (conn[static_cast<std::size_t>(s.terms[k])]) {
        if (!candidate.empty()) candidate += "_" + w;
        continue;
      }
      add(w);
      if (!candidate.empty()) add(candidate + "_" + w);
      candidate = w;
    }
  }
  return {order, count};
}

}  // namespace

TEST_CASE("phrases: the vocabulary equals gensim's loop on random streams, small and huge vocabularies",
          "[phrases]") {
  // Phrases of two words are counted in buckets by their first word under
  // 2^20 terms, through a hash table above; both with connector words (one
  // and several inside a phrase, their runs packed in the key or interned).
  for (const std::size_t n_terms : {std::size_t{50}, std::size_t{1} << 21}) {
    Vocabulary v;
    for (std::size_t t = 0; t < n_terms; ++t) v.intern("w" + std::to_string(t));
    std::vector<std::uint8_t> conn(n_terms, 0);
    for (std::size_t t = 0; t < 5; ++t) conn[t] = 1;
    std::mt19937 rng(7);
    // Zipf-like: a few terms frequent, so that phrases repeat; ids past 50 only in the huge case.
    std::geometric_distribution<std::size_t> small(0.08);
    std::uniform_int_distribution<std::size_t> any(0, n_terms - 1);
    TermStream s;
    s.seg_begin.push_back(0);
    for (int seg = 0; seg < 400; ++seg) {
      for (int k = 0; k < 30; ++k)
        s.terms.push_back(static_cast<Vocabulary::id_type>(rng() % 8 == 0 ? any(rng) : small(rng) % 50));
      s.seg_begin.push_back(s.terms.size());
    }
    const auto [order, count] = brute_force(s, v, conn);
    // Connector runs packed in the keys, and (1 bit for runs) nearly all interned instead.
    for (const unsigned run_bits : {64u, 1u}) {
      const PhraseVocab got = phrase_vocab(s, v, conn, "_", run_bits);
      CHECK(keys(got) == order);
      CHECK(got.counts == count);
      CHECK(got.words == static_cast<std::int64_t>(s.terms.size()));
    }
  }
}

TEST_CASE("phrases: gensim's vocabulary, order and default score by hand", "[phrases]") {
  // Sentences [new york is big] [i love new york]: gensim inserts each word, then the
  // phrase it ends. len_vocab 11, so new_york scores (2 - 1) / (2 * 2) * 11.
  Corpus c;
  c.add({"New York is big. I love New York."});
  const PhraseVocab v = learn(c, {});
  CHECK(keys(v) == std::vector<std::string>{"new", "york", "new_york", "is", "york_is", "big", "is_big", "i",
                                            "love", "i_love", "love_new"});
  CHECK(v.counts == std::vector<std::int64_t>{2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1});
  CHECK(v.words == 8);
  PhraseOptions o;
  o.min_count = 1;
  o.threshold = 1;
  const PhraseTable t = export_phrases(v, o);
  REQUIRE(t.key.size() == 1);
  std::string k;
  v.key(static_cast<std::size_t>(t.key[0]), k);
  CHECK(k == "new_york");
  CHECK(t.score[0] == 2.75);
  // npmi: pa = pb = pab = 2/8, so log(pab / (pa pb)) / -log(pab) = 1
  o.scoring = PhraseScoring::npmi;
  o.threshold = 0.5;
  const PhraseTable n = export_phrases(v, o);
  REQUIRE(n.key.size() >= 1);
  CHECK(std::fabs(n.score[0] - 1.0) < 1e-15);
}

TEST_CASE("phrases: connector words sit inside a phrase, count as words", "[phrases]") {
  Corpus c;
  c.add({"The bank of America and the bank of America."});
  const PhraseVocab v = learn(c, {"the", "of", "and"});
  // "the" before any word is skipped; "bank_of_america" and "america_and_the_bank" are phrases.
  CHECK(keys(v) == std::vector<std::string>{"bank", "america", "bank_of_america", "america_and_the_bank"});
  CHECK(v.counts == std::vector<std::int64_t>{2, 2, 2, 1});
  CHECK(v.words == 9);
  CHECK(phrase_score(PhraseScoring::original, 2, 2, 2, 4, 1, 9) == 1.0);
  CHECK(std::isinf(phrase_score(PhraseScoring::npmi, 1, 1, 1, 4, 2, 9)));  // under min_count
  CHECK(std::isinf(phrase_score(PhraseScoring::npmi, 5, 5, 5, 4, 1, 5)));  // -log(1) = 0
}

TEST_CASE("phrases: merging vocabularies sums counts in gensim's order", "[phrases]") {
  Corpus a, b;
  a.add({"new york"});
  b.add({"old york new york"});
  const PhraseVocab m = merge_phrase_vocab(learn(a, {}), learn(b, {}));
  CHECK(keys(m) == std::vector<std::string>{"new", "york", "new_york", "old", "old_york", "york_new"});
  CHECK(m.counts == std::vector<std::int64_t>{2, 3, 2, 1, 1, 1});
  CHECK(m.words == 6);
}

TEST_CASE("phrases: bad options are refused as gensim refuses them", "[phrases]") {
  PhraseVocab v;
  PhraseOptions o;
  o.min_count = 0;
  CHECK_THROWS_AS(export_phrases(v, o), Error);
  o.min_count = 1;
  o.threshold = 0;
  CHECK_THROWS_AS(export_phrases(v, o), Error);
  o.scoring = PhraseScoring::npmi;
  o.threshold = 1.5;
  CHECK_THROWS_AS(export_phrases(v, o), Error);
}

TEST_CASE("compound: expressions become one token spanning the run", "[phrases]") {
  Corpus c;
  c.add({"I love New York. New\nYork, new york city!"});
  std::vector<std::int64_t> matches;
  const Corpus j = c.compound({{"new", "york"}, {"new", "york", "city"}, {"york"}}, "_", &matches);
  const TokenTable t = j.token_table();
  std::vector<std::string> terms;
  for (auto id : t.term) terms.emplace_back(j.vocabulary().term(id));
  CHECK(terms ==
        std::vector<std::string>{"i", "love", "new_york", ".", "new_york", ",", "new_york_city", "!"});
  CHECK(matches == std::vector<std::int64_t>{2, 1, 0});
  CHECK(t.byte_start[2] == 7);
  CHECK(t.byte_end[2] == 15);
  CHECK(t.kind[6] == static_cast<std::uint8_t>(TokenKind::word));
  CHECK(j.vocabulary().find("new") == Vocabulary::npos);  // ids follow the new terms only
}
