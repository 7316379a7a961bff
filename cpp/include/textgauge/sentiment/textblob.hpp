#pragma once
// TextBlob's sentiment, bit for bit.
//
// TextBlobAnalyzer reproduces `textblob.TextBlob(text).sentiment` and
// `.sentiment_assessments` of textblob 0.20.1 (its PatternAnalyzer, the
// `pattern.en` sentiment it bundles) for every text: the same polarity and
// subjectivity, sign of zero included, and the same assessments. That means
// what the reference really does (docs/sentiment.md lists each rule):
//
//   - Tokens come from pattern's find_tokens: " n't" is split off, every
//     ' " “ ” ‘ ’ is its own token (so "don't" gives do, n, ', t and the
//     negation "n't" never reaches the rules), two or more line feeds (after
//     CRLF -> LF) end a sentence, leading and trailing ASCII punctuation is
//     split off except periods of abbreviations ("U.S.", "Mr.", "e.g."),
//     "..." is one token, then per sentence "( ! )" becomes "(!)" and
//     emoticons written with spaces between their characters are glued back.
//     The words are those tokens with Python's str.lower().
//   - The lexicon (en-sentiment.xml) is averaged per part of speech over the
//     senses, then over the parts of speech, with Python's sum() (CPython
//     3.11: left to right); each adjective also makes an adverb ("happy" ->
//     "happily", "terrible" -> "terribly") that takes its adjective values.
//   - Assessment: a known word preceded by a known adverb (a word with an RB
//     entry) is multiplied by the adverb's intensity, clamped to [-1, 1], and
//     the adverb's assessment is replaced; "no"/"not"/"never" before a known
//     word (across words of one character, apostrophes stripped) inverts the
//     intensity and marks the assessment negated (its polarity * -0.5 at the
//     end); "!" multiplies the last polarity by 1.25; "(!)" adds (0, 1)
//     labelled irony; pattern's emoticons add their polarity with
//     subjectivity 1 labelled mood.
//   - polarity and subjectivity are the plain averages over the assessments,
//     summed left to right (0.0 when there is none).
//
// The library is built with -ffp-contract=off, so every product and sum is
// rounded as CPython rounds it. An analyzer is immutable after construction
// and safe to share between threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace textgauge {

// One <word> element of en-sentiment.xml, in document order, with its
// attributes as pattern reads them: pos may be absent (a different key from
// an empty pos), polarity/subjectivity default to 0 and intensity to 1, and
// an empty label is no label.
struct TextBlobLexiconEntry {
  std::string form;
  std::optional<std::string> pos;
  double polarity = 0.0, subjectivity = 0.0, intensity = 1.0;
  std::string label;
};

struct TextBlobScores {
  double polarity = 0.0, subjectivity = 0.0;
};

// One item of `sentiment_assessments.assessments`: the words (a known word
// with its modifier, negation and "!"s; or an emoticon, or "(!)"), the
// polarity after the negation's -0.5, the subjectivity and the label
// ("" for None, "profanity", "mood", "irony").
struct TextBlobAssessment {
  std::vector<std::string> words;
  double polarity = 0.0, subjectivity = 0.0;
  std::string label;
};

struct TextBlobOptions {
  // The Unicode version of the emulated Python (`unicodedata.unidata_version`);
  // it decides str.lower() and nothing else here (str.isspace() is the same
  // in every version).
  int unicode_major = 14, unicode_minor = 0;
};

// What the lexicon holds for one lowered word after the averaging: the values
// pattern looks up for a word without a part of speech, whether it has an RB
// entry (it then modifies the next known word) and its label.
struct TextBlobWord {
  double polarity = 0.0, subjectivity = 0.0, intensity = 1.0;
  bool adverb = false;
  std::string label;
};

class TextBlobAnalyzer {
 public:
  explicit TextBlobAnalyzer(const std::vector<TextBlobLexiconEntry>& entries, TextBlobOptions options = {});
  ~TextBlobAnalyzer();
  TextBlobAnalyzer(const TextBlobAnalyzer&);
  TextBlobAnalyzer& operator=(const TextBlobAnalyzer&);

  // TextBlob(text).sentiment for UTF-8 `text` (lone surrogates encoded as
  // "surrogatepass" are read as the uncased, non-space code points they are).
  TextBlobScores sentiment(std::string_view text) const;

  // TextBlob(text).sentiment_assessments: the same scores, and the
  // assessments in order.
  TextBlobScores assessments(std::string_view text, std::vector<TextBlobAssessment>& out) const;

  // The scores of many texts on up to `threads` threads (0: all cores); out[i]
  // belongs to texts[i] whatever the thread count.
  void score_batch(const std::vector<std::string_view>& texts, TextBlobScores* out,
                   unsigned threads = 0) const;

  // The lexicon entry of a lowered word, if any.
  std::optional<TextBlobWord> word(std::string_view lowered) const;
  std::size_t word_count() const noexcept;

  // pattern's word tokens of `text` before lowering (for tests and explain
  // views): find_tokens' sentences joined and split again.
  std::vector<std::string> tokens(std::string_view text) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// For tests: pattern's EMOTICONS as the engine holds them, (face, polarity)
// in its dict order.
std::vector<std::pair<std::string, double>> textblob_emoticons();

}  // namespace textgauge
