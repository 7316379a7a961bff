#pragma once
// Per-unit counts behind the readability formulas (Flesch, Fog, SMOG, ...).
//
// A word is a token of the selected kinds (default: words and numbers). The
// caller supplies per-term properties indexed by term id (syllables, letters,
// whether the term is on the Dale-Chall list of easy words), so that the scan
// over tokens is pure integer work; the formulas themselves are arithmetic on
// the counts (python/textgauge/readability.py).
#include <cstdint>
#include <vector>

#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

namespace textgauge {

struct TermProperties {
  std::vector<std::int32_t> syllables;  // per term id
  std::vector<std::int32_t> letters;    // per term id: letters and digits
  std::vector<std::uint8_t> easy;       // per term id: on the Dale-Chall easy-word list
};

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
