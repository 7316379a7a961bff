#pragma once
// Per-unit counts behind the readability formulas (Flesch, Fog, SMOG, ...).
//
// A word is a token of the selected kinds (default: words and numbers). The
// caller supplies per-term properties indexed by term id (syllables, letters,
// whether the term is on the Dale-Chall list of easy words), so that the scan
// over tokens is pure integer work; the formulas themselves are arithmetic on
// the counts (python/textgauge/readability.py).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "textgauge/pystr/pystr.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/hyphenation.hpp"

namespace textgauge {

struct TermProperties {
  std::vector<std::int32_t> syllables;  // per term id
  std::vector<std::int32_t> letters;    // per term id: letters and digits
  std::vector<std::uint8_t> easy;       // per term id: on the Dale-Chall easy-word list
};

// The properties of each term as textstat-style readability counts them (the
// values are textgauge's documented counter, python/textgauge/readability.py):
//   syllables - break points of the word's "textstat form" + 1, with pyphen's
//               defaults (left 2, right 2);
//   letters   - code points of the term that are alphanumeric in Python's
//               sense (str.isalnum) or '_';
//   easy      - the textstat form is one of `easy_words`.
// The textstat form is the term lower-cased (full case mapping), without
// apostrophes other than those of contractions ('t 's 'd 've 'll 're), and
// without characters that are neither word characters, white space nor
// apostrophes (Python's [^\w\s']). Terms are independent: split over threads.
// Python's str semantics are those of `py` (the running Python's Unicode version).
TermProperties term_properties(const Vocabulary& vocabulary, const Hyphenation& hyphenation,
                               const std::unordered_set<std::string>& easy_words, const PyStr& py,
                               unsigned threads = 0);

// The textstat form of one word (UTF-8), as above.
std::string textstat_form(std::string_view word, const PyStr& py);

// Syllables of one word (UTF-8): breaks of its textstat form + 1.
std::int32_t syllable_count(std::string_view word, const Hyphenation& hyphenation, const PyStr& py);

struct ReadabilityCounts {
  std::vector<std::int32_t> document, paragraph;  // per unit (paragraph -1 at document level)
  std::vector<std::int64_t> words, sentences, syllables, letters;
  std::vector<std::int64_t> monosyllables;  // words of 1 syllable
  std::vector<std::int64_t> polysyllables;  // words of 3 syllables or more
  std::vector<std::int64_t> difficult;      // words not on the easy list
  std::vector<std::int64_t> long_words;     // words of 7 letters or more (LIX, RIX)
};

// Sentences count when they hold at least one word; unit is document or paragraph.
ReadabilityCounts readability_counts(const Corpus& corpus, Unit unit, std::uint8_t kinds,
                                     const TermProperties& props);

}  // namespace textgauge
