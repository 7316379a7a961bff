#pragma once
// A corpus: documents, their units, and the vocabulary of their terms.
//
// Adding documents validates UTF-8 (with the chosen error policy), segments,
// normalises every token into a term and interns it. The batch is processed on
// several threads; term ids are assigned in order of first occurrence in the
// corpus, whatever the thread count.
//
// Memory: the texts are held once, back to back in one buffer; tokens in a
// TokenStore (3 bytes each, plus the 4-byte term id); the sentence and
// paragraph of a token are found from where each sentence's tokens begin. The
// wide per-unit tables (paragraph_table() ...) are built only when asked.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/text/clean.hpp"
#include "textgauge/text/normalize.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/token_store.hpp"
#include "textgauge/text/utf8.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge {

// The units a corpus's texts are read in: what the statistics count by and
// the scorers score (the option "level").
enum class Unit : std::uint8_t { document, paragraph, sentence };
template <>
struct OptionTable<Unit> {
  static constexpr std::string_view label = "level";
  static constexpr std::array<OptionName<Unit>, 3> entries{{
      {Unit::document, "document"},
      {Unit::paragraph, "paragraph"},
      {Unit::sentence, "sentence"},
  }};
};

struct CorpusOptions {
  SegmentOptions segment;
  NormalizeOptions normalize;
  DecodeErrors errors = DecodeErrors::strict;
  // Cleaning before segmentation (none when null). The corpus segments and
  // counts the cleaned text but keeps the original, and the unit tables give
  // offsets into the original (text/clean.hpp says which span a unit made of
  // replaced text gets).
  std::shared_ptr<const Cleaner> cleaner;
};

// A view of one document's units inside the corpus's flat arrays. Indices
// stored in it (sentence_paragraph, token_paragraph, token_sentence) are local
// to the document. Tokens and their paragraph and sentence are decoded on
// access (tokens.kind(k) is the cheap way to a kind). Valid until the corpus is
// modified; one view per thread (see TokenOwners).
struct UnitsView {
  SpanColumn paragraphs, sentences;
  std::span<const std::int32_t> sentence_paragraph;
  TokenColumn tokens;
  TokenOwners token_paragraph, token_sentence;
};
struct Document {
  std::string_view text;  // well-formed UTF-8 (repaired when errors == replace)
  UnitsView units;
  std::span<const Vocabulary::id_type> terms;  // one term id per token
};

// Flat, column-wise tables over all documents (what the Python API turns into
// DataFrames and term-statistics engines scan).
struct UnitTable {
  std::vector<std::int32_t> document, paragraph, sentence;  // sentence: -1 for paragraph rows
  std::vector<std::int64_t> byte_start, byte_end, cp_start, cp_end;
};
// All units of all documents back to back (indices inside are document-local).
struct CorpusUnits {
  std::vector<ByteRange> paragraphs, sentences;  // bytes from the document's start
  std::vector<std::int32_t> sentence_paragraph;
  std::vector<std::uint32_t> sentence_token_begin;  // document-local index of each sentence's first token
  TokenStore tokens;
};

struct TokenTable : UnitTable {
  std::vector<std::uint8_t> kind;
  std::vector<Vocabulary::id_type> term;
};

class Corpus {
 public:
  explicit Corpus(CorpusOptions options = {});

  // Appends documents. `sources` (may be empty) name them in decode errors,
  // e.g. a file path; otherwise "document N" is used. threads = 0: all cores.
  void add(std::vector<std::string> texts, const std::vector<std::string>& sources = {},
           unsigned threads = 0);

  std::size_t size() const noexcept { return units_.tokens.documents(); }
  // The analysed text: cleaned when the corpus cleans; the units' spans in
  // document() point into it.
  Document document(std::size_t i) const;
  std::string_view text(std::size_t i) const;
  // The text as given (after UTF-8 repair); the unit tables' offsets point into it.
  std::string_view original(std::size_t i) const {
    return options_.cleaner ? std::string_view(originals_.at(i)) : text(i);
  }
  // All units of all documents back to back (indices inside are document-local),
  // and where each document starts in them (size() + 1 entries each).
  const CorpusUnits& units() const noexcept { return units_; }
  const std::vector<Vocabulary::id_type>& terms() const noexcept { return terms_; }
  const std::vector<std::size_t>& paragraph_begin() const noexcept { return para_begin_; }
  const std::vector<std::size_t>& sentence_begin() const noexcept { return sent_begin_; }
  const std::vector<std::size_t>& token_begin() const noexcept { return units_.tokens.token_begin(); }
  // The tokens of document d sentence by sentence: f(s, first, last) for each
  // of its sentences s (corpus-wide index), in order, with that sentence's
  // tokens [first, last) (corpus-wide token indices). A sentence's tokens run
  // to the next sentence's first token, the last sentence's to the document's
  // end. Every token is in one: the segmenter gives every paragraph a
  // sentence and each token the sentence holding its first byte, so a
  // document's first sentence starts at its first token.
  template <class F>
  void for_each_sentence(std::size_t d, F&& f) const {
    const std::size_t tb = token_begin()[d], te = token_begin()[d + 1];
    const std::size_t sb = sent_begin_[d], se = sent_begin_[d + 1];
    for (std::size_t s = sb; s < se; ++s)
      f(s, tb + units_.sentence_token_begin[s], s + 1 < se ? tb + units_.sentence_token_begin[s + 1] : te);
  }
  // The analysed text of each unit (document, paragraph or sentence) of every
  // document, in order, or of document d alone: views into the corpus.
  std::vector<std::string_view> unit_texts(Unit unit) const;
  std::vector<std::string_view> unit_texts(Unit unit, std::size_t d) const;
  // Span of token k (corpus-wide index) of document d, decoded.
  Span token_span(std::size_t d, std::size_t k) const { return units_.tokens.span(d, text(d), k); }
  // Span of a paragraph or sentence of document d (an entry of units().paragraphs
  // or units().sentences), decoded.
  Span unit_span(std::size_t d, const ByteRange& r) const {
    const std::string_view t = text(d);
    return Span{r.start, r.end, units_.tokens.code_point(d, t, r.start),
                units_.tokens.code_point(d, t, r.end)};
  }
  // Bytes held by the texts, units and terms (capacities; not the vocabulary;
  // with the originals and span maps when the corpus cleans).
  std::size_t memory_bytes() const noexcept;
  const Vocabulary& vocabulary() const noexcept { return vocab_; }
  const CorpusOptions& options() const noexcept { return options_; }

  // A copy in which every run of tokens of one sentence whose terms spell one
  // of `expressions` (each a sequence of terms) is one token: its span covers
  // the run, its kind is word, its term the run's terms joined by `delimiter`
  // (quanteda's tokens_compound). Leftmost-longest matching, no overlaps;
  // expressions of fewer than two terms, or with a term that never occurs, are
  // left out. The copy's term ids follow first occurrence again.
  // `matches` (optional) receives the number of runs joined per expression.
  // Defined in compound.cpp.
  Corpus compound(const std::vector<std::vector<std::string>>& expressions, std::string_view delimiter,
                  std::vector<std::int64_t>* matches = nullptr) const;

  // Offsets into the analysed text (document(i).text, the default: what C++
  // code that slices units reads) or into the original (original(i), what
  // users see; the same unless the corpus cleans).
  enum class Offsets { analysed, original };
  UnitTable paragraph_table(Offsets where = Offsets::analysed) const;
  UnitTable sentence_table(Offsets where = Offsets::analysed) const;
  TokenTable token_table(Offsets where = Offsets::analysed) const;

 private:
  class Batch;  // one add() call's steps (corpus.cpp)
  std::size_t cleaning_bytes() const noexcept;
  void append_unit_texts(Unit unit, std::size_t d, std::vector<std::string_view>& out) const;
  CorpusOptions options_;
  std::string text_;  // every document's (analysed) text, back to back (where each starts: the token store)
  std::vector<std::string> originals_;  // only when cleaning: the texts as given
  std::vector<SpanMap> maps_;           // only when cleaning: text(i) -> originals_[i]
  CorpusUnits units_;
  std::vector<Vocabulary::id_type> terms_;
  std::vector<std::size_t> para_begin_{0}, sent_begin_{0};
  Vocabulary vocab_;
};

}  // namespace textgauge
