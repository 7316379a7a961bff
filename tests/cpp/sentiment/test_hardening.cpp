// Regression tests for what fuzzing (fuzz/) and pathological inputs found in
// sentiment, and the cases of tests/python/test_pathological.py that are natural here.
#include <string>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"

using namespace textgauge;

TEST_CASE("100k buts: linear, the first-position rule of vaderSentiment") {
  Lexicon lex;
  lex.load_words("good\t1.9\n");
  const SentimentAnalyzer a(lex);
  std::string text = "good";
  for (int i = 0; i < 100'000; ++i) text += " but";
  const Explanation e = a.explain(text);
  REQUIRE(e.tokens.size() == 100'001);
  CHECK(e.tokens[0].valence == 0.95);  // before the first `but`: halved once
  CHECK(e.tokens[1].valence == 0.0);
  CHECK(e.tokens.back().valence == 0.0);
  CHECK(e.sum == 0.95);
}

TEST_CASE("lexicon lines: Error with the line number, never a crash") {
  Lexicon lex;
  CHECK_THROWS_AS(lex.load_words("good\t1\nno tab\n", "w.txt"), Error);
  CHECK_THROWS_WITH(lex.load_words("a\tnan\n", "w.txt"), "w.txt:1: valence 'nan' is not a finite number");
  CHECK_THROWS_AS(lex.load_emoji("\xF0\x9F\x98\x80\n", "e.txt"), Error);
  // fuzz_lexicon: an empty description is accepted (VADER's split() gives ''),
  // and stripping the line is what decides, as in VADER.
  lex.load_emoji("9.\t\t1.9\n", "e.txt");
  REQUIRE(lex.find_emoji("9.") != nullptr);
  CHECK(lex.find_emoji("9.")->empty());
}
