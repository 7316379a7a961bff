#pragma once
// A corpus: documents, their units, and the vocabulary of their terms.
//
// Adding documents validates UTF-8 (with the chosen error policy), segments,
// normalises every token into a term and interns it. The batch is processed on
// several threads; term ids are assigned in order of first occurrence in the
// corpus, whatever the thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/normalize.hpp"
#include "textgauge/text.hpp"
#include "textgauge/utf8.hpp"
#include "textgauge/vocabulary.hpp"

namespace textgauge {

struct CorpusOptions {
  SegmentOptions segment;
  NormalizeOptions normalize;
  DecodeErrors errors = DecodeErrors::strict;
};

struct Document {
  std::string text;  // well-formed UTF-8 (repaired when errors == replace)
  Segmentation units;
  std::vector<Vocabulary::id_type> terms;  // one term id per token
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

  std::size_t size() const noexcept { return docs_.size(); }
  const Document& document(std::size_t i) const { return docs_.at(i); }
  const Vocabulary& vocabulary() const noexcept { return vocab_; }
  const CorpusOptions& options() const noexcept { return options_; }

  UnitTable paragraph_table() const;
  UnitTable sentence_table() const;
  TokenTable token_table() const;

 private:
  CorpusOptions options_;
  std::vector<Document> docs_;
  Vocabulary vocab_;
};

}  // namespace textgauge
