#pragma once
// What the term statistics count: the term ids of selected token kinds, cut
// into segments that no n-gram, window or unit crosses.
//
// Every statistic in textgauge (collocations, frequency, keyness, lexical
// diversity) reads a corpus through a TermStream, so "which tokens count" is
// decided in one place:
//   - `kinds` selects the token kinds that participate (default: words and
//     numbers, the tokens a reader counts as words);
//   - tokens of other kinds are dropped (NLTK's usual word-list filtering,
//     `[w for w in words if w.isalnum()]`) or, with `break_at_excluded`, end a
//     segment (so "London, Paris" is not the bigram "london paris");
//   - a segment never crosses a document; with `break_at_sentences` it never
//     crosses a sentence, with unit = paragraph never a paragraph.
#include <cstdint>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/text.hpp"

namespace textgauge {

// Bit i selects TokenKind(i).
constexpr std::uint8_t kind_bit(TokenKind k) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
}
constexpr std::uint8_t default_kinds = kind_bit(TokenKind::word) | kind_bit(TokenKind::number);

struct StreamOptions {
  std::uint8_t kinds = default_kinds;
  bool break_at_excluded = false;
  bool break_at_sentences = false;
};

// The selected terms of a corpus, in text order, with segment boundaries.
// segment k is terms[seg_begin[k], seg_begin[k+1]).
struct TermStream {
  std::vector<Vocabulary::id_type> terms;
  std::vector<std::size_t> seg_begin;  // size = segments + 1
  std::size_t segments() const noexcept { return seg_begin.empty() ? 0 : seg_begin.size() - 1; }
};

TermStream term_stream(const Corpus& corpus, const StreamOptions& options);

// The selected terms grouped by unit (a document, paragraph or sentence each):
// unit k is terms[begin[k], begin[k+1]). Units with no selected token are kept
// (empty), so the unit index matches the corpus's unit tables.
struct UnitTerms {
  std::vector<Vocabulary::id_type> terms;
  std::vector<std::size_t> begin;
  std::vector<std::int32_t> document, paragraph;  // per unit; paragraph -1 for documents
  std::size_t units() const noexcept { return begin.empty() ? 0 : begin.size() - 1; }
};

UnitTerms unit_terms(const Corpus& corpus, Unit unit, std::uint8_t kinds);

}  // namespace textgauge
