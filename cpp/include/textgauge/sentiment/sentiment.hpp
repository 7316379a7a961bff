#pragma once
// VADER sentiment, bit for bit, in linear time.
//
// SentimentAnalyzer reproduces `vaderSentiment.SentimentIntensityAnalyzer
// .polarity_scores` of vaderSentiment 3.3.2: the same neg, neu, pos and
// compound after VADER's rounding, for every input. That includes what the
// reference really does rather than what its paper says
// (docs/vader.md lists each rule):
//   - emoji are replaced by their description one code point at a time, so
//     ZWJ sequences, flags, skin tones and VS16 are never matched whole;
//   - tokens come from Python's str.split() (29 whitespace code points), with
//     ASCII punctuation stripped from both ends unless fewer than 3 code points
//     would remain; ALL-CAPS is Python's str.isupper() in the Unicode version
//     of the emulated Python (CPython 3.11: Unicode 14.0; characters ICU knows
//     but that were assigned later are uncased, as in that Python);
//   - negation sees only the ASCII apostrophe; `never so`/`this` multiplies
//     by 1.25 through an operator-precedence slip; idioms replace earlier
//     work; `kind of` makes negatives more negative;
//   - the `but` rule scales the FIRST position holding each value
//     (list.index), which double-halves some values. The reference does this
//     in O(n^2); here a value-to-positions index gives the identical result
//     with one heap operation per value instead of a list scan.
// Arithmetic follows the reference's operation order (the library is built
// with -ffp-contract=off) and rounding is Python's round(), ties to even on
// the exact binary value.
//
// SentimentMode::fixed keeps every rule but repairs the reference's bugs
// (docs/sentiment.md, `mode="fixed"`): typographic apostrophes negate, multi-code-point
// emoji match their longest lexicon key (ZWJ, skin tones, VS16) and get a
// space on both sides, `but` scales by position, `kind of`/`sort of` dampen
// in the direction of the valence, and `never ... so/this` needs the `never`.
//
// An analyzer is immutable after construction and safe to share between
// threads.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/text/corpus.hpp"

namespace textgauge {

struct SentimentScores {
  double neg = 0, neu = 0, pos = 0, compound = 0;
};

enum class SentimentMode : std::uint8_t { vader, fixed };
template <>
struct OptionTable<SentimentMode> {
  static constexpr std::string_view label = "mode";
  static constexpr std::array<OptionName<SentimentMode>, 2> entries{{
      {SentimentMode::vader, "vader"},
      {SentimentMode::fixed, "fixed"},
  }};
};

struct SentimentOptions {
  SentimentMode mode = SentimentMode::vader;
  // The Unicode version of the Python whose vaderSentiment is emulated
  // (`unicodedata.unidata_version`); it decides str.isupper() and str.lower().
  int unicode_major = 14, unicode_minor = 0;
};

// Rules that changed a token's valence, as recorded by explain().
enum SentimentRule : std::uint32_t {
  rule_booster = 1u << 0,      // a booster/dampener within 3 tokens before, or `kind of` & co.
  rule_negation = 1u << 1,     // a negator within 3 tokens before, or `no`
  rule_caps = 1u << 2,         // the word is ALL-CAPS among mixed-case tokens
  rule_idiom = 1u << 3,        // a special-case idiom replaced the valence
  rule_but = 1u << 4,          // scaled by the `but` rule
  rule_least = 1u << 5,        // negated by a preceding `least`
  rule_punctuation = 1u << 6,  // the token holds a `!` or `?` that amplifies the sum
  rule_intensifier = 1u << 7,  // `never so`/`this` (x1.25)
};

struct TokenExplanation {
  std::string token;           // as VADER sees it (after emoji substitution and stripping)
  bool in_lexicon = false;     // token.lower() is a lexicon key
  double lexicon_valence = 0;  // its lexicon value (0 when absent)
  double valence = 0;          // after every rule, `but` included
  std::uint32_t rules = 0;     // SentimentRule bits
};

struct Explanation {
  std::string text;                      // the text after emoji substitution
  std::vector<TokenExplanation> tokens;  // one per VADER token
  double punctuation_amplifier = 0;      // added to |sum| for `!` and `?`
  double sum = 0;                        // sum of valences, amplifier included
  SentimentScores scores;                // rounded, as polarity_scores()
};

class SentimentAnalyzer {
 public:
  explicit SentimentAnalyzer(const Lexicon& lexicon, SentimentOptions options = {});
  ~SentimentAnalyzer();
  SentimentAnalyzer(const SentimentAnalyzer&);
  SentimentAnalyzer& operator=(const SentimentAnalyzer&);

  // VADER's polarity_scores: rounded to 3 decimals (neg, neu, pos) and 4 (compound).
  SentimentScores polarity_scores(std::string_view text) const;
  // The same before rounding; `tokens` (optional) receives the number of VADER tokens.
  SentimentScores raw_scores(std::string_view text, std::uint32_t* tokens = nullptr) const;

  // Scores of many texts on up to `threads` threads (0: all cores). out[i]
  // belongs to texts[i] whatever the thread count; `tokens` may be null.
  void score_batch(const std::vector<std::string_view>& texts, SentimentScores* out, bool round,
                   unsigned threads = 0, std::uint32_t* tokens = nullptr) const;

  // Scores of every document, paragraph or sentence of a corpus, in the
  // order of corpus.paragraph_table() / sentence_table() rows (documents: in
  // corpus order). Each unit is scored as the text of its span.
  std::vector<SentimentScores> score_corpus(const Corpus& corpus, Unit level, bool round,
                                            unsigned threads = 0,
                                            std::vector<std::uint32_t>* tokens = nullptr) const;

  // Per-token valences and the rules that changed them.
  Explanation explain(std::string_view text) const;

  const SentimentOptions& options() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Python's round(x, digits): the exact binary value rounded to `digits`
// decimals, ties to even, read back as the nearest double.
double python_round(double x, int digits) noexcept;

// For tests: whether the SSE2 and the portable byte classifiers of the ASCII
// path give the same masks for the 64 bytes at `block` (the portable one runs
// where SSE2 is missing; true where it is the only one built).
bool byte_classifiers_agree(const char* block) noexcept;

}  // namespace textgauge
