// The TextBlob engine on a small inline lexicon. Expected values are written as
// the arithmetic pattern's rules prescribe (textblob/_text.py), in its order
// of operations; the full-lexicon parity with textblob 0.20.1 runs in
// tests/python/test_textblob_parity.py.
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/sentiment/textblob.hpp"

using namespace textgauge;

namespace {

TextBlobLexiconEntry jj(const char* form, double p, double s, double i = 1.0) {
  return TextBlobLexiconEntry{form, std::string("JJ"), p, s, i, ""};
}

TextBlobAnalyzer small_analyzer() {
  std::vector<TextBlobLexiconEntry> e{
      jj("good", 0.7, 0.6),
      jj("happy", 0.8, 1.0),
      jj("happy", 0.6, 0.8),
      TextBlobLexiconEntry{"happy", std::string("NN"), 0.2, 0.4, 1.0, ""},
      TextBlobLexiconEntry{"very", std::string("RB"), 0.2, 0.3, 1.3, ""},
      TextBlobLexiconEntry{"merely", std::nullopt, 0.0, 0.5, 0.5, ""},
      TextBlobLexiconEntry{"merely", std::string("RB"), 0.0, 0.3, 0.5, ""},
      jj("terrible", -1.0, 1.0),
      jj("terribly", 0.5, 0.5),  // replaced by the adverb made from "terrible"
      TextBlobLexiconEntry{"shit", std::string("NN"), -0.2, 0.8, 1.0, "profanity"},
      jj("bad", -0.7, 0.6667),
  };
  return TextBlobAnalyzer(e);
}

double clamp(double x) { return x > 1.0 ? 1.0 : (x < -1.0 ? -1.0 : x); }

void check(const TextBlobAnalyzer& a, const char* text, double polarity, double subjectivity) {
  INFO(text);
  const TextBlobScores r = a.sentiment(text);
  CHECK(r.polarity == polarity);
  CHECK(r.subjectivity == subjectivity);
}

}  // namespace

TEST_CASE("textblob: senses averaged per tag, then over tags", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  const double jj_p = (0.0 + 0.8 + 0.6) / 2, jj_s = (0.0 + 1.0 + 0.8) / 2;
  const auto happy = a.word("happy");
  REQUIRE(happy);
  CHECK(happy->polarity == (0.0 + jj_p + 0.2) / 2);
  CHECK(happy->subjectivity == (0.0 + jj_s + 0.4) / 2);
  CHECK(happy->intensity == 1.0);
  CHECK_FALSE(happy->adverb);
  // a missing part of speech is a tag of its own; RB makes a modifier
  const auto merely = a.word("merely");
  REQUIRE(merely);
  CHECK(merely->subjectivity == (0.0 + 0.5 + 0.3) / 2);
  CHECK(merely->adverb);
  CHECK(a.word("shit")->label == "profanity");
  CHECK_FALSE(a.word("Good"));  // keys are not lowered; words are
}

TEST_CASE("textblob: every adjective makes an adverb", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  const auto happily = a.word("happily");  // happy -> happi + ly
  REQUIRE(happily);
  CHECK(happily->polarity == (0.0 + 0.8 + 0.6) / 2);
  CHECK(happily->adverb);
  const auto terribly = a.word("terribly");  // terrible -> terrib + ly, replacing the entry
  REQUIRE(terribly);
  CHECK(terribly->polarity == -1.0);
  CHECK(terribly->adverb);
  CHECK(a.word("goodly"));
  // good, happy, very, merely, terrible, terribly, shit, bad + goodly, happily, badly and
  // terriblily (from the adjective "terribly")
  CHECK(a.word("terriblily"));
  CHECK(a.word_count() == 12);
}

TEST_CASE("textblob: modifiers, negation, exclamation marks", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  check(a, "", 0.0, 0.0);
  check(a, "   \n\n ", 0.0, 0.0);
  check(a, "unknown words only", 0.0, 0.0);
  check(a, "good", 0.7, 0.6);
  check(a, "GOOD", 0.7, 0.6);
  check(a, "very good", clamp(0.7 * 1.3), clamp(0.6 * 1.3));
  check(a, "very very good", clamp(0.7 * 1.3), clamp(0.6 * 1.3));
  // the modifier carries across words of two characters, not longer ones
  check(a, "very is a good", clamp(0.7 * 1.3), clamp(0.6 * 1.3));
  check(a, "very the good", ((0.0 + 0.2) + 0.7) / 2, ((0.0 + 0.3) + 0.6) / 2);
  check(a, "not good", 0.7 * -0.5, 0.6);
  check(a, "not a good", 0.7 * -0.5, 0.6);
  check(a, "not the good", 0.7, 0.6);
  check(a, "not very good", clamp(0.7 * (1.0 / 1.3)) * -0.5, clamp(0.6 * (1.0 / 1.3)));
  // "really not good": the negation joins the modifier (it ends in -ly) ...
  check(a, "merely not good", clamp(0.7 * 0.5) * -0.5, clamp(0.6 * 0.5));
  // ... but not to "very": "not" (three characters) ends the modifier's reach
  check(a, "very not good", ((0.0 + 0.2) + 0.7 * -0.5) / 2, ((0.0 + 0.3) + 0.6) / 2);
  check(a, "good!", clamp(0.7 * 1.25), 0.6);
  check(a, "good!!!", clamp(clamp(clamp(0.7 * 1.25) * 1.25) * 1.25), 0.6);
  check(a, "! good", 0.7, 0.6);
  check(a, "terrible good", (0.0 + -1.0 + 0.7) / 2, (0.0 + 1.0 + 0.6) / 2);
  check(a, "terribly good", clamp(0.7 * 1.0), clamp(0.6 * 1.0));
  // "don't" is do, n, ', t: the negation never reaches the rules
  check(a, "don't good", 0.7, 0.6);
}

TEST_CASE("textblob: sarcasm and emoticons", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  check(a, "(!)", 0.0, 1.0);
  check(a, "good ( ! )", (0.0 + 0.7 + 0.0) / 2, (0.0 + 0.6 + 1.0) / 2);
  check(a, ":)", 0.5, 1.0);
  check(a, ":-D", 1.0, 1.0);
  check(a, "XD", 0.0, 0.0);  // lowered "xd" is alphabetic: not a face
  check(a, "x-D", 1.0, 1.0);
  check(a, ": c )", 0.75, 1.0);  // glued back as ":c)" (taunt), not ":c" (frown)
  check(a, ":c", -0.75, 1.0);
  check(a, "good :(", (0.0 + 0.7 + -0.75) / 2, (0.0 + 0.6 + 1.0) / 2);
  check(a, "\xE2\x99\xA5", 1.0, 1.0);  // U+2665
  std::vector<TextBlobAssessment> out;
  a.assessments("not very good! :) shit (!)", out);
  REQUIRE(out.size() == 4);
  CHECK(out[0].words == std::vector<std::string>{"not", "very", "good", "!"});
  CHECK(out[1].words == std::vector<std::string>{":)"});
  CHECK(out[1].label == "mood");
  CHECK(out[2].label == "profanity");
  CHECK(out[3].label == "irony");
  CHECK(textblob_emoticons().size() == 76);
}

TEST_CASE("textblob: pattern's tokens", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  using V = std::vector<std::string>;
  CHECK(a.tokens("don't") == V{"do", "n", "'", "t"});
  CHECK(a.tokens("It's \xE2\x80\x9Cgood\xE2\x80\x9D.") ==
        V{"It", "'", "s", "\xE2\x80\x9C", "good", "\xE2\x80\x9D", "."});
  CHECK(a.tokens("The U.S. and Mr. Smith, e.g. Mrs. X.") ==
        V{"The", "U.S.", "and", "Mr.", "Smith", ",", "e.g.", "Mrs.", "X."});
  CHECK(a.tokens("wow..... (good)!?") == V{"wow", "...", "(", "good", ")", "!", "?"});
  CHECK(a.tokens("a\n\nEND-OF-SENTENCE b") == V{"a", "b"});
  CHECK(a.tokens("o . O") == V{"o", ".", "O"});  // the sentence ends between them
  CHECK(a.tokens("x o.O") == V{"x", "o.O"});
  CHECK(a.tokens("> : D") == V{">:D"});
}

TEST_CASE("textblob: batches do not depend on the thread count", "[textblob]") {
  const TextBlobAnalyzer a = small_analyzer();
  std::vector<std::string> texts;
  for (int k = 0; k < 3000; ++k)
    texts.push_back(std::string(k % 3 ? "very " : "not ") + (k % 5 ? "good" : "terrible") +
                    std::string(static_cast<std::size_t>(k % 4), '!'));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<TextBlobScores> one(texts.size()), many(texts.size());
  a.score_batch(views, one.data(), 1);
  a.score_batch(views, many.data(), 3);
  for (std::size_t k = 0; k < texts.size(); ++k) {
    const TextBlobScores r = a.sentiment(texts[k]);
    CHECK(one[k].polarity == r.polarity);
    CHECK(many[k].polarity == r.polarity);
    CHECK(many[k].subjectivity == r.subjectivity);
  }
}
