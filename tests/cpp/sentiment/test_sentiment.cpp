// The VADER engine on a small inline lexicon (values copied from
// vader_lexicon.txt). Expected scores are vaderSentiment 3.3.2's for the same
// lexicon; the full-lexicon parity runs in tests/python/test_sentiment_parity.py.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "blocks.hpp"
#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"

using namespace textgauge;

namespace {

Lexicon small_lexicon() {
  Lexicon lex;
  lex.load_words(
      "love\t3.2\t0.4\t[3, 3]\njw\t1.6\njw\t1.6\ngood\t1.9\nbad\t-2.5\nno\t-1.2\nkind\t2.4\nlike\t1.5\n"
      "heart\t3.2\ngrinning\t1.5\nsmiling\t2.0\nshit\t-2.6\ndoubt\t-1.5\nlol\t2.9\nok\t1.2\ngreat\t3.1\n"
      "happy\t2.7\ndie\t-2.9\nlol\t1.8\n",
      "small");
  // U+1F600, U+1F44D, U+1F3FD, U+2764
  lex.load_emoji(
      "\xF0\x9F\x98\x80\tgrinning face\n\xF0\x9F\x91\x8D\tthumbs up\n\xF0\x9F\x8F\xBD\tmedium skin tone\n"
      "\xE2\x9D\xA4\tred heart\n",
      "emoji");
  return lex;
}

struct Case {
  const char* text;
  SentimentScores expected;
};

}  // namespace

TEST_CASE("lexicon parsing follows vaderSentiment: last duplicate wins, empty lines skipped", "[sentiment]") {
  Lexicon lex = small_lexicon();
  REQUIRE(lex.find_word("lol") != nullptr);
  CHECK(*lex.find_word("lol") == 1.8);
  CHECK(lex.word_count() == 17);
  CHECK(lex.emoji_count() == 4);
  Lexicon crlf;
  crlf.load_words("a\t1.5\r\n\nb\t-2\t0.3\r\n\n\n", "crlf.txt");
  CHECK(*crlf.find_word("a") == 1.5);
  CHECK(*crlf.find_word("b") == -2.0);
  // A line holding only "\r" is not empty, and vaderSentiment cannot unpack it either.
  CHECK_THROWS_WITH(crlf.load_words("a\t1\r\n\r\n", "crlf.txt"), "crlf.txt:2: expected 'word<TAB>valence'");
  CHECK(crlf.word_count() == 2);
}

TEST_CASE("a bad lexicon line names the file and line", "[sentiment]") {
  Lexicon lex;
  try {
    lex.load_words("good\t1.9\n\nbad -2.5\n", "my_lexicon.txt");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "my_lexicon.txt:3: expected 'word<TAB>valence'");
  }
  CHECK_THROWS_WITH(lex.load_words("x\tnan\n", "f.txt"), "f.txt:1: valence 'nan' is not a finite number");
  CHECK_THROWS_WITH(lex.load_words("x\t1.5x\n", "f.txt"), "f.txt:1: valence '1.5x' is not a finite number");
  CHECK_THROWS_WITH(lex.load_emoji("a\tb\n\nc\td\n", "e.txt"), "e.txt:2: expected 'emoji<TAB>description'");
}

TEST_CASE("scores equal vaderSentiment 3.3.2 on the spec's examples", "[sentiment]") {
  const SentimentAnalyzer vader(small_lexicon());
  const std::vector<Case> cases = {
      {"love but jw", {0.0, 0.185, 0.815, 0.5267}},  // the `but` index quirk (0.7184 if fixed)
      {"The book was kind of bad", {0.431, 0.569, 0.0, -0.5849}},
      {"The book was bad", {0.538, 0.462, 0.0, -0.5423}},
      {"The book was kinda bad", {0.445, 0.555, 0.0, -0.4951}},
      {"It is this good", {0.0, 0.471, 0.529, 0.5228}},
      {"It is good", {0.0, 0.408, 0.592, 0.4404}},
      {"It is so good", {0.0, 0.445, 0.555, 0.5777}},
      {"no no", {0.0, 0.346, 0.654, 0.2235}},
      {"no no no", {0.0, 0.209, 0.791, 0.4168}},
      {"It is NO good at all", {0.509, 0.491, 0.0, -0.4835}},
      {"really no good", {0.539, 0.201, 0.26, -0.3381}},
      {"don\xE2\x80\x99t like", {0.0, 0.286, 0.714, 0.3612}},
      {"don't like", {0.678, 0.322, 0.0, -0.2755}},
      {"I love it", {0.0, 0.323, 0.677, 0.6369}},
      {"least good", {0.706, 0.294, 0.0, -0.3412}},
      {"at least good", {0.0, 0.408, 0.592, 0.4404}},
      {"the least good", {0.546, 0.454, 0.0, -0.3412}},
      {"this is not the shit", {0.0, 0.5, 0.5, 0.6124}},
      {"GOOD!!!", {0.0, 0.0, 1.0, 0.5826}},
      {"good???", {0.0, 0.0, 1.0, 0.533}},
      {"good??", {0.0, 0.0, 1.0, 0.504}},
      {"Good !", {0.0, 0.239, 0.761, 0.4926}},
      {"ok,", {0.0, 1.0, 0.0, 0.0}},
      {"ok", {0.0, 0.0, 1.0, 0.296}},
      {"\xF0\x9F\x98\x80good", {0.0, 0.286, 0.714, 0.3612}},
      {"I \xE2\x9D\xA4 it", {0.0, 0.417, 0.583, 0.6369}},
      {"I \xE2\x9D\xA4\xEF\xB8\x8F it", {0.0, 1.0, 0.0, 0.0}},
      {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", {0.0, 1.0, 0.0, 0.0}},
      {"we were never so good", {0.0, 0.475, 0.525, 0.6626}},
      {"without doubt good", {0.0, 0.166, 0.834, 0.6136}},
      {"", {0.0, 0.0, 0.0, 0.0}},
      {"   ", {0.0, 0.0, 0.0, 0.0}},
      {"GOOD good", {0.0, 0.0, 1.0, 0.7603}},
      {"lol lol", {0.0, 0.0, 1.0, 0.6808}},
      // a token too long for one mask load that holds a lower-case non-ASCII
      // letter is not ALL-CAPS, so GOOD stands out (found by fuzz_sentiment)
      {"GOOD AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\xC3\xA9", {0.0, 0.216, 0.784, 0.5622}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const SentimentScores r = vader.polarity_scores(c.text);
    CHECK(r.neg == c.expected.neg);
    CHECK(r.neu == c.expected.neu);
    CHECK(r.pos == c.expected.pos);
    CHECK(r.compound == c.expected.compound);
  }
}

TEST_CASE("fixed mode repairs the reference's bugs", "[sentiment]") {
  SentimentOptions o;
  o.mode = SentimentMode::fixed;
  const SentimentAnalyzer fixed(small_lexicon(), o);
  // but: x0.5 before, x1.5 after, by position: (1.6 + 2.4) -> 0.7184
  CHECK(fixed.polarity_scores("love but jw").compound == 0.7184);
  // a typographic apostrophe negates like an ASCII one
  CHECK(fixed.polarity_scores("don\xE2\x80\x99t like").compound == -0.2755);
  // `kind of` dampens a negative word towards zero: -2.5 + 0.293
  CHECK(fixed.polarity_scores("The book was kind of bad").compound ==
        python_round(-2.207 / std::sqrt(2.207 * 2.207 + 15), 4));
  // `so` right before the word without `never` is a plain booster: 1.9 + 0.293
  CHECK(fixed.polarity_scores("It is so good").compound ==
        python_round(2.193 / std::sqrt(2.193 * 2.193 + 15), 4));
  CHECK(fixed.polarity_scores("It is this good").compound == 0.4404);
  // ... in a token too long for one mask load as well (found by fuzz_sentiment)
  const std::string long_nt = "n\xE2\x80\x99t" + std::string(50, '=') + "et bad";
  CHECK(fixed.polarity_scores(long_nt).compound == fixed.explain(long_nt).scores.compound);
  CHECK(fixed.polarity_scores(long_nt).compound == 0.431);  // `bad` negated: -2.5 * -0.74
  // multi-code-point emoji: the skin-tone key does not exist here, so the
  // longest match is U+1F44D alone and the modifier is described on its own
  CHECK(fixed.explain("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD").text == "thumbs up medium skin tone");
  // VS16 after a match is dropped and a space follows the description
  CHECK(fixed.explain("I \xE2\x9D\xA4\xEF\xB8\x8Fit").text == "I red heart it");
}

TEST_CASE("explain records the rules that changed each valence", "[sentiment]") {
  const SentimentAnalyzer vader(small_lexicon());
  const Explanation ex = vader.explain("The food is not very GOOD but I love it!");
  REQUIRE(ex.tokens.size() == 10);
  CHECK(ex.tokens[5].token == "GOOD");
  CHECK(ex.tokens[5].lexicon_valence == 1.9);
  CHECK(ex.tokens[5].rules == (rule_booster | rule_negation | rule_caps | rule_but));
  CHECK(ex.tokens[8].token == "love");
  CHECK(ex.tokens[8].rules == rule_but);
  CHECK(ex.tokens[8].valence == 3.2 * 1.5);
  CHECK(ex.tokens[9].rules == rule_punctuation);
  CHECK(ex.punctuation_amplifier == 0.292);
  CHECK(ex.scores.compound == vader.polarity_scores("The food is not very GOOD but I love it!").compound);
}

TEST_CASE("python_round rounds the exact binary value, ties to even", "[sentiment]") {
  CHECK(python_round(0.0625, 3) == 0.062);  // an exact tie
  CHECK(python_round(0.5267499, 4) == 0.5267);
  CHECK(python_round(2.675, 2) == 2.67);  // 2.675 is 2.67499999... in binary
  CHECK(std::signbit(python_round(-0.00001, 4)));
  CHECK(python_round(-0.71845, 4) == -0.7185);  // -0.71845000000000003304 in binary
}

TEST_CASE("batch scores do not depend on the thread count", "[sentiment]") {
  const SentimentAnalyzer vader(small_lexicon());
  std::vector<std::string> owned;
  for (int i = 0; i < 3000; ++i)
    owned.push_back(std::string(i % 3 ? "good " : "NOT bad ") + (i % 5 ? "but " : "") + std::to_string(i) +
                    std::string(static_cast<std::size_t>(i % 6), '!'));
  std::vector<std::string_view> views(owned.begin(), owned.end());
  std::vector<SentimentScores> one(views.size()), four(views.size());
  vader.score_batch(views, one.data(), true, 1);
  vader.score_batch(views, four.data(), true, 4);
  for (std::size_t i = 0; i < views.size(); ++i) {
    CHECK(one[i].compound == four[i].compound);
    CHECK(one[i].pos == vader.polarity_scores(views[i]).pos);
  }
}

TEST_CASE("the SSE2 and portable byte classifiers agree on every byte value at every position",
          "[sentiment]") {
  // The portable classifier is what non-x86 builds (and TEXTGAUGE_NO_SSE2) run.
  for_each_test_block(std::string_view("a !?'.,\tZ0~\x1c\x7f", 14), 256,
                      [](const char* block) { REQUIRE(byte_classifiers_agree(block)); });
}
