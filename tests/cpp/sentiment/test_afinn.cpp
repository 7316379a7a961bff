// AfinnScorer on small hand-made word lists; tests/python/test_afinn.py compares
// the real lists with afinn 0.1 itself.
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/sentiment/afinn.hpp"

using namespace textgauge;

namespace {

AfinnScorer words_only(AfinnOptions o = {}) {
  return AfinnScorer({{"good", 3},
                      {"bad", -3},
                      {"no fun", -3},
                      {"no", -1},
                      {"some kind", 0},
                      {"kind", 2},
                      {"naïve", -2},
                      {"can't stand", -3},
                      {"cover-up", -3},
                      {"n00b", -2}},
                     {}, o);
}

std::vector<std::uint32_t> ids(const AfinnScorer& s, std::string_view text) {
  std::vector<std::uint32_t> out;
  s.find(text, out);
  return out;
}

}  // namespace

TEST_CASE("AFINN sums the values of whole-word matches", "[afinn]") {
  const AfinnScorer s = words_only();
  CHECK(s.score("Good and bad") == 0.0);
  CHECK(s.score("good good GOOD") == 9.0);
  CHECK(s.score("goodness, badly, xgood") == 0.0);  // `\b` on both sides
  CHECK(s.score("good_") == 0.0);                   // '_' is a word character
  CHECK(s.score("good2") == 0.0);                   // so are digits
  CHECK(s.score("(good)") == 3.0);
  CHECK(s.score("") == 0.0);
  CHECK(s.score("n00b") == -2.0);
}

TEST_CASE("AFINN takes the longest entry at a position, across any whitespace run", "[afinn]") {
  const AfinnScorer s = words_only();
  CHECK(ids(s, "no fun") == std::vector<std::uint32_t>{2});
  CHECK(ids(s, "NO \t\n FUN") == std::vector<std::uint32_t>{2});
  CHECK(ids(s,
            "no\xC2\xA0"
            "fun") == std::vector<std::uint32_t>{2});              // U+00A0 is whitespace
  CHECK(ids(s, "no funny") == std::vector<std::uint32_t>{3});      // "no fun" fails `\b`: "no"
  CHECK(ids(s, "some kind of") == std::vector<std::uint32_t>{4});  // not "kind"
  CHECK(s.score("some kind of") == 0.0);
  CHECK(s.score("I can't stand a cover-up") == -6.0);
  std::vector<std::uint32_t> none;
  s.find("no fun", none, /*clean_whitespace=*/false);
  CHECK(none == std::vector<std::uint32_t>{2});
  none.clear();
  s.find("no\tfun", none, /*clean_whitespace=*/false);
  CHECK(none == std::vector<std::uint32_t>{3});  // only "no"; "fun" is no entry
}

TEST_CASE("AFINN lowercases as Python and treats non-ASCII letters as word characters", "[afinn]") {
  const AfinnScorer s = words_only();
  CHECK(s.score("NAÏVE") == -2.0);
  CHECK(s.score("naïveté") == 0.0);  // é continues the word
  CHECK(s.score("égood") == 0.0);
  CHECK(s.score("good\xCC\x81") == 3.0);  // U+0301 (Mn) is not `\w`: the boundary holds
}

TEST_CASE("AFINN emoticons match anywhere, after the words, never upper case", "[afinn]") {
  const AfinnScorer s({{"good", 3}, {"bad", -3}}, {{":)", 2}, {":-))", 3}, {":D", 3}, {"good", 1}});
  CHECK(s.word_count() == 2);
  CHECK(s.emoticon_count() == 4);
  CHECK(ids(s, "good:)") == std::vector<std::uint32_t>{0, 2});
  CHECK(s.score("x:-))x") == 3.0);
  CHECK(s.score(":D") == 0.0);  // the text is lowercased to ":d"
  CHECK(s.value(5) == 1);
}

TEST_CASE("AFINN looks whole ASCII words up as the byte-by-byte rules match them", "[afinn]") {
  // The scan's shortcut hashes a word 8 bytes at a time: keys of 7 to 17
  // bytes, at the end of the text and before other bytes; words that begin a
  // longer entry; a word ending at a byte that is not ASCII; emoticons that
  // start with a word character, inside a word that is no entry. Expected
  // values: Python's re with afinn's pattern built from these lists.
  const AfinnScorer s({{"abcdefg", 1},
                       {"abcdefgh", 2},
                       {"abcdefghi", 4},
                       {"abcdefghijklmnop", 8},
                       {"abcdefghijklmnopq", 16},
                       {"does not work", -3},
                       {"does", 32},
                       {"good", 3}},
                      {{"x(", -1}, {"8)", 1}});
  CHECK(s.score("abcdefg") == 1.0);
  CHECK(s.score("abcdefgh") == 2.0);
  CHECK(s.score("abcdefghi") == 4.0);
  CHECK(s.score("abcdefghijklmnop") == 8.0);
  CHECK(s.score("abcdefghijklmnopq") == 16.0);
  CHECK(s.score("abcdefghijklmnopq abcdefghi, abcdefgh; abcdefg.") == 23.0);
  CHECK(s.score("abcdefghijklmnopqr abcdefghij abcdef") == 0.0);
  CHECK(s.score("It DOES  NOT work. It does not.") == 29.0);  // -3, then "does" alone
  CHECK(s.score("does not workday") == 32.0);
  CHECK(s.score("good\xC2\xA3 good\xC3\xA9") == 3.0);  // U+00A3 is no `\w`, U+00E9 is
  CHECK(ids(s, "box( goodx( 48)") == std::vector<std::uint32_t>{8, 8, 9});
  CHECK(ids(s, "x(good") == std::vector<std::uint32_t>{8, 7});  // `\b` after the emoticon's "("
}

TEST_CASE("AFINN without word boundaries matches inside words", "[afinn]") {
  AfinnOptions o;
  o.word_boundary = false;
  const AfinnScorer s = words_only(o);
  CHECK(s.score("goodness") == 3.0);
  CHECK(s.score("badgood") == 0.0);
}

TEST_CASE("AFINN batches do not depend on the thread count", "[afinn]") {
  const AfinnScorer s = words_only();
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i)
    texts.push_back(std::string(i % 3 ? "good " : "bad ") + (i % 7 ? "no fun " : "kind ") +
                    std::to_string(i));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<double> one(texts.size()), many(texts.size());
  std::vector<std::uint32_t> m1(texts.size()), m4(texts.size());
  s.score_batch(views, one.data(), 1, m1.data());
  s.score_batch(views, many.data(), 4, m4.data());
  CHECK(one == many);
  CHECK(m1 == m4);
  CHECK(one[0] == -1.0);  // "bad kind 0": -3 + 2
  CHECK(one[1] == 0.0);   // "good no fun 1": 3 - 3
  CHECK(m1[1] == 2);
  std::vector<std::uint64_t> off1, off4;
  std::vector<std::uint32_t> id1, id4;
  s.find_batch(views, off1, id1, 1);
  s.find_batch(views, off4, id4, 4);
  CHECK(off1 == off4);
  CHECK(id1 == id4);
  CHECK(off1.size() == texts.size() + 1);
  CHECK(off1.back() == id1.size());
}
