#pragma once
// textgauge's own sentiment scorer (method "textgauge"): one pass over VADER's
// tokens, three lexicons (VADER, TextBlob averaged, AFINN with emoticons)
// under VADER's rules plus the news rules, and the fitted model. The Python
// module textgauge.scorer documents the model; this is its per-token work.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "textgauge/sentiment/lexicon.hpp"

namespace textgauge {

// The lexicons as the scorer reads them: VADER's (words and emoji, as a
// Lexicon), TextBlob's averaged polarity and subjectivity per lowered form,
// AFINN's value per word.
struct GaugeTables {
  Lexicon vader;
  std::vector<std::pair<std::string, std::array<double, 2>>> textblob;  // word -> (polarity, subjectivity)
  std::vector<std::pair<std::string, double>> afinn;
};

// One token row (textgauge.scorer.ROW_COLUMNS): the three lexicon values,
// booster sum, caps, negations, never-so, least, but position, subjectivity,
// number of lexicons with a value, rule code, token index, token count, name,
// question (the token's sentence ends in a run of .!? holding a `?`).
constexpr std::size_t kGaugeRowColumns = 16;
using GaugeRow = std::array<double, kGaugeRowColumns>;

// A text's polarity and the per-lexicon sums of contributions.
struct GaugeScore {
  double polarity = 0, vader_sum = 0, textblob_sum = 0, afinn_sum = 0;
};

// The token pass of one text, for explain() and the fitting tool.
struct GaugeRows {
  std::vector<GaugeRow> rows;
  double amp = 0;                                              // punctuation emphasis
  std::size_t tokens = 0;                                      // token count
  std::string text;                                            // the text after emoji substitution
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // token byte spans in `text`
};

class GaugeScorer {
 public:
  static constexpr std::size_t kParams = 28;
  // `params`: the fitted vector (kParams values). unicode_major/minor: the
  // emulated Python's unicodedata version (str.lower, isupper, \w).
  GaugeScorer(const GaugeTables& tables, const std::vector<double>& params, int unicode_major = 14,
              int unicode_minor = 0);
  ~GaugeScorer();
  GaugeScorer(const GaugeScorer&) = delete;
  GaugeScorer& operator=(const GaugeScorer&) = delete;

  // A text's score is the mean of its non-blank lines' scores, each weighted
  // by its token count; a text of one line gets that line's score. The text
  // is UTF-8 as from a Python str (lone surrogates encoded "surrogatepass").
  GaugeScore score(std::string_view text) const;
  // One score per text into out[0..n); threads: 0 = all cores. The result
  // does not depend on the thread count.
  void score_batch(const std::vector<std::string_view>& texts, GaugeScore* out, unsigned threads) const;
  // The token pass of one line (rows() of each of paragraphs(text) and
  // their token counts give score(text)).
  GaugeRows rows(std::string_view text) const;
  // Byte ranges of the lines that score() averages (the whole text when it
  // has at most one non-blank line).
  std::vector<std::pair<std::size_t, std::size_t>> paragraphs(std::string_view text) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace textgauge
