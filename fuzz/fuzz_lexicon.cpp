// Lexicon file parsing (VADER's word and emoji formats), then an analyzer
// built from whatever was accepted. The first input byte picks the format.
//
// Invariants: a bad file throws Error (never anything else); an accepted file
// gives a lexicon whose entries can be found, that writes out and reads back
// to the same entries, and that a SentimentAnalyzer can be built from and
// scores its own keys with.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "check.hpp"
#include "textgauge/error.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"

using namespace textgauge;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool emoji = data[0] & 1;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Lexicon lex;
  try {
    if (emoji)
      lex.load_emoji(text, "fuzz");
    else
      lex.load_words(text, "fuzz");
  } catch (const Error& e) {
    FUZZ_CHECK(std::string_view(e.what()).find("fuzz") != std::string_view::npos);
    return 0;
  }

  std::string again;
  if (emoji) {
    const auto entries = lex.emoji();
    FUZZ_CHECK(entries.size() == lex.emoji_count());
    for (const auto& [k, d] : entries) {
      const std::string* found = lex.find_emoji(k);
      FUZZ_CHECK(found && *found == d);
      // A third column keeps strip() off an empty or space-ended description.
      again += k + "\t" + d + "\tx\n";
    }
    Lexicon back;
    back.load_emoji(again, "again");
    FUZZ_CHECK(back.emoji() == entries);
  } else {
    const auto entries = lex.words();
    FUZZ_CHECK(entries.size() == lex.word_count());
    char buf[64];
    for (const auto& [k, v] : entries) {
      FUZZ_CHECK(std::isfinite(v));
      const double* found = lex.find_word(k);
      FUZZ_CHECK(found && *found == v);
      std::snprintf(buf, sizeof buf, "\t%.17g\n", v);  // %.17g round-trips a double
      again += k + buf;
    }
    Lexicon back;
    back.load_words(again, "again");
    FUZZ_CHECK(back.words() == entries);
  }

  for (SentimentMode mode : {SentimentMode::vader, SentimentMode::fixed}) {
    const SentimentAnalyzer a(lex, SentimentOptions{mode});
    for (const auto& [k, v] : lex.words()) {
      (void)v;
      const SentimentScores s = a.polarity_scores(k);
      FUZZ_CHECK(std::isfinite(s.compound) && s.compound >= -1 && s.compound <= 1);
    }
    for (const auto& [k, d] : lex.emoji()) {
      (void)d;
      const SentimentScores s = a.polarity_scores(k + " " + k);
      FUZZ_CHECK(std::isfinite(s.compound) && s.compound >= -1 && s.compound <= 1);
    }
  }
  return 0;
}
