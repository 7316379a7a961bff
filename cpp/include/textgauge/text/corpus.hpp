#pragma once
// A corpus: documents, their units, and the vocabulary of their terms.
//
// Adding documents validates UTF-8 (with the chosen error policy), segments,
// normalises every token into a term and interns it. The batch is processed on
// several threads; term ids are assigned in order of first occurrence in the
// corpus, whatever the thread count.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "textgauge/text/clean.hpp"
#include "textgauge/text/normalize.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge {

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
// to the document. Valid until the corpus is modified.
struct UnitsView {
  std::span<const Span> paragraphs, sentences;
  std::span<const std::int32_t> sentence_paragraph;
  std::span<const Token> tokens;
  std::span<const std::int32_t> token_paragraph, token_sentence;
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

  std::size_t size() const noexcept { return texts_.size(); }
  // The analysed text: cleaned when the corpus cleans; the units' spans in
  // document() point into it.
  Document document(std::size_t i) const;
  const std::string& text(std::size_t i) const { return texts_.at(i); }
  // The text as given (after UTF-8 repair); the unit tables' offsets point into it.
  const std::string& original(std::size_t i) const {
    return options_.cleaner ? originals_.at(i) : texts_.at(i);
  }
  // All units of all documents back to back (indices inside are document-local),
  // and where each document starts in them (size() + 1 entries each).
  const Segmentation& units() const noexcept { return units_; }
  const std::vector<Vocabulary::id_type>& terms() const noexcept { return terms_; }
  const std::vector<std::size_t>& paragraph_begin() const noexcept { return para_begin_; }
  const std::vector<std::size_t>& sentence_begin() const noexcept { return sent_begin_; }
  const std::vector<std::size_t>& token_begin() const noexcept { return tok_begin_; }
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
  CorpusOptions options_;
  std::vector<std::string> texts_;
  std::vector<std::string> originals_;  // when cleaning: the texts as given
  std::vector<SpanMap> maps_;           // when cleaning: texts_[i] -> originals_[i]
  Segmentation units_;
  std::vector<Vocabulary::id_type> terms_;
  std::vector<std::size_t> para_begin_{0}, sent_begin_{0}, tok_begin_{0};
  Vocabulary vocab_;
};

}  // namespace textgauge
