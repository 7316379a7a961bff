#pragma once
// AFINN sentiment, match for match.
//
// AfinnScorer reproduces `afinn.Afinn(language, emoticons).score(text)` and
// `.scores(text)` / `.find_all(text)` of afinn 0.1 for every input. The
// reference compiles its word list into one regular expression,
//     (\b(?:w1|w2|...)\b)                       emoticons=False
//     (\b(?:w1|w2|...)\b|(?:e1|e2|...))         emoticons=True
// with the entries sorted longest first, and runs `findall` over the text
// after `re.sub(r"\s+", " ", text)` and `str.lower()`. What that means, and
// what this class does without a regular expression:
//   - the text is lowercased as Python's str.lower() does it (full mapping,
//     Final_Sigma) in the Unicode version of the emulated Python, and every
//     run of Python whitespace (str.isspace) counts as one ASCII space, so
//     multi-word entries ("does not work") match across any whitespace run;
//   - entries are compared with the lowered text byte for byte: an entry with
//     an upper-case letter (":D", ":-P") can never match;
//   - the scan goes left to right. At a position where `\b` holds (the code
//     points on either side differ in re's `\w`: str.isalnum() or '_'), the
//     longest word entry that starts there and ends where `\b` holds again
//     matches. Longest first is the alternation order, and of two entries
//     that both match at one position one is a prefix of the other, so the
//     first alternative that succeeds is always the longest that does;
//   - with emoticons, a position where no word entry matches tries the
//     emoticons, longest first, with no boundary condition;
//   - after a match the scan continues at its end, otherwise at the next
//     code point; matches never overlap.
// Scores are the entries' integer values; score() is their sum as a double
// (the reference's float(sum(...))).
//
// A scorer is immutable after construction and safe to share between threads.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace textgauge {

struct AfinnOptions {
  // afinn's word_boundary: false drops the `\b` around word entries (the
  // reference honours it only without emoticons; Afinn(emoticons=True)
  // always uses boundaries, and so does the caller that builds it).
  bool word_boundary = true;
  // The Unicode version of the Python whose afinn is emulated
  // (`unicodedata.unidata_version`): it decides str.lower(), `\w` and `\b`.
  int unicode_major = 14, unicode_minor = 0;
};

// One entry of a word list: the key as written in the file and its value.
struct AfinnEntry {
  std::string key;
  std::int64_t value = 0;
};

class AfinnScorer {
 public:
  // `words` and `emoticons` as the reference's dicts hold them (one entry
  // per key, values after emoticons override words of the same key; the
  // caller parses the files). Entries with an empty key never match (the
  // reference's empty alternative matches the empty string, which a word
  // list never holds). Throws Error on a key that is not valid UTF-8.
  AfinnScorer(std::vector<AfinnEntry> words, std::vector<AfinnEntry> emoticons, AfinnOptions options = {});
  ~AfinnScorer();
  AfinnScorer(const AfinnScorer&);
  AfinnScorer& operator=(const AfinnScorer&);

  // Entry ids of the matches in text order: ids below word_count() are word
  // entries, the others emoticons (id - word_count()). `find_all` of the
  // reference is the keys of these ids, `scores` their values.
  // `clean_whitespace` false: whitespace runs are kept as they are (afinn's
  // find_all(text, clean_whitespace=False)).
  void find(std::string_view text, std::vector<std::uint32_t>& ids, bool clean_whitespace = true) const;
  // The reference's score(): float(sum of the matches' values).
  double score(std::string_view text) const;

  // score() of many texts on up to `threads` threads (0: all cores); out[i]
  // belongs to texts[i] whatever the thread count. `matches` (optional)
  // receives the number of matches of each text.
  void score_batch(const std::vector<std::string_view>& texts, double* out, unsigned threads = 0,
                   std::uint32_t* matches = nullptr) const;
  // find() of many texts: the ids of text i are ids[offsets[i]..offsets[i+1]).
  void find_batch(const std::vector<std::string_view>& texts, std::vector<std::uint64_t>& offsets,
                  std::vector<std::uint32_t>& ids, unsigned threads = 0, bool clean_whitespace = true) const;

  std::size_t word_count() const noexcept;
  std::size_t emoticon_count() const noexcept;
  // The value of entry `id` (as numbered by find()).
  std::int64_t value(std::uint32_t id) const;
  const AfinnOptions& options() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace textgauge
