#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/stats/dictionary.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {

// A spec of one word pattern per entry word, all of one kind; entries as
// (category, words separated by spaces).
DictionarySpec spec_of(const std::vector<std::pair<int, std::vector<std::string>>>& entries, int categories,
                       PatternKind kind = PatternKind::glob) {
  DictionarySpec s;
  s.categories = categories;
  for (const auto& [cat, words] : entries) {
    for (const auto& w : words) {
      s.pattern_kind.push_back(kind);
      s.pattern_text.push_back(w);
      s.pattern_terms_begin.push_back(0);
      s.entry_words.push_back(static_cast<std::int32_t>(s.pattern_kind.size() - 1));
    }
    s.entry_category.push_back(cat);
    s.entry_begin.push_back(static_cast<std::int64_t>(s.entry_words.size()));
  }
  return s;
}

}  // namespace

TEST_CASE("glob_match: * any run, ? one code point, whole text", "[dictionary]") {
  CHECK(glob_match("econom*", "economy"));
  CHECK(glob_match("econom*", "econom"));
  CHECK_FALSE(glob_match("econom*", "econ"));
  CHECK(glob_match("*ing", "sing"));
  CHECK(glob_match("a*b*c", "aXbYbc"));
  CHECK_FALSE(glob_match("a*b*c", "aXbYbd"));
  CHECK(glob_match("caf?", "café"));  // é is two bytes, one code point
  CHECK_FALSE(glob_match("caf??", "café"));
  CHECK(glob_match("*", ""));
  CHECK_FALSE(glob_match("?", ""));
}

TEST_CASE("dictionary_lookup: quanteda's nested scopes, by hand", "[dictionary]") {
  Corpus c;
  c.add({"The United States is united. States."});
  // category 0: "united states", "united"; category 1: "states"
  const auto s = spec_of({{0, {"united", "states"}}, {0, {"united"}}, {1, {"states"}}}, 2);
  LookupOptions o;
  auto r = dictionary_lookup(c, s, o);
  REQUIRE(r.units == 1);
  CHECK(r.counts == std::vector<std::int64_t>{2, 2});  // categories x units
  CHECK(r.tokens == std::vector<std::int64_t>{6});
  CHECK(r.unmatched == std::vector<std::int64_t>{2});  // the, is
  o.scope = NestedScope::dictionary;
  r = dictionary_lookup(c, s, o);
  CHECK(r.counts == std::vector<std::int64_t>{2, 1});  // "states" inside "united states" is dropped
  o.unit = Unit::sentence;
  r = dictionary_lookup(c, s, o);
  CHECK(r.counts == std::vector<std::int64_t>{2, 0, 0, 1});
}

TEST_CASE("dictionary_lookup: negation moves a hit to the twin", "[dictionary]") {
  Corpus c;
  c.add({"not very good. good"});
  auto s = spec_of({{0, {"good"}}, {1, {"NOT"}}}, 2);  // pattern 1 ("NOT", case folded) is the negator
  s.entry_category.pop_back();                         // keep pattern 1 as a negator only
  s.entry_begin.pop_back();
  s.entry_words.pop_back();
  s.negators = {1};
  s.negated = {1, 1};
  LookupOptions o;
  o.window = 2;
  auto r = dictionary_lookup(c, s, o);
  CHECK(r.counts == std::vector<std::int64_t>{1, 1});
  o.window = 1;
  r = dictionary_lookup(c, s, o);
  CHECK(r.counts == std::vector<std::int64_t>{2, 0});
}

TEST_CASE("dictionary_lookup: an inconsistent spec throws", "[dictionary]") {
  Corpus c;
  c.add({"a"});
  auto s = spec_of({{0, {"a"}}}, 1);
  s.entry_category[0] = 3;
  CHECK_THROWS_AS(dictionary_lookup(c, s, {}), Error);
  s = spec_of({{0, {"a"}}}, 1, PatternKind::terms);
  s.pattern_terms = {7};
  s.pattern_terms_begin = {0, 1};
  CHECK_THROWS_AS(dictionary_lookup(c, s, {}), Error);
}
