#pragma once
// Term extraction without keeping units: text in, term ids out. This is the
// hot path of counting engines (document-term matrices, frequencies), which
// need neither spans nor sentences; a Corpus keeps both.
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/text/normalize.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge {

// ASCII tokens up to this length are lowercased in a fixed buffer.
inline constexpr std::size_t kShortTerm = 64;

class TermExtractor {
 public:
  explicit TermExtractor(SegmentOptions segment = {}, NormalizeOptions normalize = {});

  // Appends the term id of every token of well-formed UTF-8 `text` to `out`,
  // interning new terms into `vocab`. The same tokens and terms as a Corpus
  // with the same options (paragraph and sentence structure aside).
  // `ascii` = the caller knows the text is pure ASCII (Python does, for free),
  // which spares a pass over it.
  void extract(std::string_view text, Vocabulary& vocab, std::vector<Vocabulary::id_type>& out,
               bool ascii = false);
  // extract() of every text in turn; offsets receives, after each text, the
  // size of `out`. ascii[i] (optional, empty = unknown) as extract's `ascii`.
  void extract_all(const std::vector<std::string_view>& texts, const std::vector<std::uint8_t>& ascii,
                   Vocabulary& vocab, std::vector<Vocabulary::id_type>& out,
                   std::vector<std::int64_t>& offsets);

 private:
  void icu_terms(std::string_view text, std::string_view piece, std::int64_t byte_base, Vocabulary& vocab,
                 std::vector<Vocabulary::id_type>& out);
  void scan_ascii_terms(std::string_view text, Vocabulary& vocab, std::vector<Vocabulary::id_type>& out);
  Segmenter segmenter_;
  Normalizer normalizer_;
  std::vector<Span> paragraphs_;
  std::vector<Token> tokens_;
  std::vector<std::uint64_t> masks_;  // the ASCII scanner's
  std::string scratch_;
};

// The term id of the token at `span` of `text`: its normalised form, interned.
// `scratch` is a reusable buffer. Corpus and TermExtractor both use this.
Vocabulary::id_type intern_token(std::string_view text, const Span& span, const Normalizer& normalizer,
                                 Vocabulary& vocab, std::string& scratch);

// The term id of an ASCII token (`raw`): itself, lowercased when `casefold`.
Vocabulary::id_type intern_ascii(std::string_view raw, bool casefold, Vocabulary& vocab,
                                 std::string& scratch);

// Lowercases ASCII letters of `in` into `out` (resized). Shared by the ASCII
// fast paths of term extraction.
void ascii_lower(std::string_view in, std::string& out);

}  // namespace textgauge
