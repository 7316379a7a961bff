// The sentiment engine on arbitrary bytes, in both modes.
//
// The lexicon is a small inline one that holds every rule's trigger words and
// single- and multi-code-point emoji; set TEXTGAUGE_FUZZ_VADER_DIR to
// vaderSentiment's package folder to fuzz with the real vader_lexicon.txt and
// emoji_utf8_lexicon.txt instead.
//
// Invariants: no crash on any bytes (the binding hands the engine
// surrogatepass-encoded text, which is not well-formed UTF-8); scores are
// finite and in range; explain() and the threaded batch give polarity_scores.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"

using namespace textgauge;

namespace {

constexpr const char* kWords =
    "good\t1.9\nbad\t-2.5\nlove\t3.2\nhate\t-2.7\nhappy\t2.7\nsad\t-2.1\nkind\t2.4\n"
    "great\t3.1\nhorrible\t-2.5\nlol\t2.9\nlol\t1.8\n:)\t2.0\n:(\t-1.9\n<3\t1.9\nfunny\t1.9\n"
    "fuck\t-2.5\nbullshit\t-2.8\nyeah\t1.2\nnice\t1.8\nbomb\t-2.2\ncut\t-1.1\nkiss\t1.8\n";
constexpr const char* kEmoji =
    "\xF0\x9F\x98\x80\tgrinning face\n"                                                    // 😀
    "\xF0\x9F\x91\x8D\tthumbs up\n"                                                        // 👍
    "\xE2\x9D\xA4\tred heart\n"                                                            // ❤
    "\xF0\x9F\x98\xA2\tcrying face\n"                                                      // 😢
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\tthumbs up: medium skin tone\n"                      // 👍🏽
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\tfamily\n";  // 👨‍👩‍👧

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Lexicon make_lexicon() {
  Lexicon lex;
  if (const char* dir = std::getenv("TEXTGAUGE_FUZZ_VADER_DIR")) {
    lex.load_words(read_file(std::string(dir) + "/vader_lexicon.txt"), "vader_lexicon.txt");
    lex.load_emoji(read_file(std::string(dir) + "/emoji_utf8_lexicon.txt"), "emoji_utf8_lexicon.txt");
  } else {
    lex.load_words(kWords);
    lex.load_emoji(kEmoji);
  }
  return lex;
}

const SentimentAnalyzer& analyzer(bool fixed) {
  static const Lexicon lex = make_lexicon();
  static const SentimentAnalyzer vader(lex, SentimentOptions{SentimentMode::vader});
  static const SentimentAnalyzer repaired(lex, SentimentOptions{SentimentMode::fixed});
  return fixed ? repaired : vader;
}

bool same(const SentimentScores& a, const SentimentScores& b) {
  return a.neg == b.neg && a.neu == b.neu && a.pos == b.pos && a.compound == b.compound;
}

void check_scores(const SentimentScores& s) {
  for (double v : {s.neg, s.neu, s.pos}) FUZZ_CHECK(std::isfinite(v) && v >= 0 && v <= 1);
  FUZZ_CHECK(std::isfinite(s.compound) && s.compound >= -1 && s.compound <= 1);
  const double total = s.neg + s.neu + s.pos;
  FUZZ_CHECK(total == 0 || std::fabs(total - 1) <= 0.0025);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool fixed : {false, true}) {
    const SentimentAnalyzer& a = analyzer(fixed);
    const SentimentScores s = a.polarity_scores(text);
    check_scores(s);
    const Explanation e = a.explain(text);
    FUZZ_CHECK(same(e.scores, s));
    std::uint32_t tokens = 0;
    a.raw_scores(text, &tokens);
    FUZZ_CHECK(tokens == e.tokens.size());

    // Split the input in three so the batch holds different texts.
    const std::size_t third = size / 3;
    const std::vector<std::string_view> batch{text.substr(0, third), text.substr(third, third),
                                              text.substr(2 * third), text};
    std::vector<SentimentScores> one(batch.size()), two(batch.size());
    a.score_batch(batch, one.data(), true, 1);
    a.score_batch(batch, two.data(), true, 2);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      FUZZ_CHECK(same(one[i], two[i]));
      FUZZ_CHECK(same(one[i], a.polarity_scores(batch[i])));
    }
  }
  return 0;
}
