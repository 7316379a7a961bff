// TextBlobAnalyzer, the public face of the TextBlob engine: one text,
// assessments, batches on threads. The pieces are in textblob_impl.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/textblob/textblob_impl.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

struct TextBlobAnalyzer::Impl {
  textblob::WordTable table;
  const PyStr* py;

  Impl(const std::vector<TextBlobLexiconEntry>& entries, const TextBlobOptions& o)
      : table(textblob::build_word_table(entries)), py(&PyStr::get(o.unicode_major, o.unicode_minor)) {}

  TextBlobScores run(std::string_view text, textblob::Scratch& s) const {
    textblob::Assessor<false> rules(table, s);
    textblob::find_words(text, py, s, rules);
    return rules.scores();
  }
};

TextBlobAnalyzer::TextBlobAnalyzer(const std::vector<TextBlobLexiconEntry>& entries, TextBlobOptions options)
    : impl_(std::make_shared<const Impl>(entries, options)) {}
TextBlobAnalyzer::~TextBlobAnalyzer() = default;
TextBlobAnalyzer::TextBlobAnalyzer(const TextBlobAnalyzer&) = default;
TextBlobAnalyzer& TextBlobAnalyzer::operator=(const TextBlobAnalyzer&) = default;

TextBlobScores TextBlobAnalyzer::sentiment(std::string_view text) const {
  textblob::Scratch s;
  return impl_->run(text, s);
}

TextBlobScores TextBlobAnalyzer::assessments(std::string_view text,
                                             std::vector<TextBlobAssessment>& out) const {
  textblob::Scratch s;
  textblob::Assessor<true> rules(impl_->table, s);
  textblob::find_words(text, impl_->py, s, rules);
  out = textblob::collect(impl_->table, s);
  return rules.scores();
}

void TextBlobAnalyzer::score_batch(const std::vector<std::string_view>& texts, TextBlobScores* out,
                                   unsigned threads) const {
  const Impl& impl = *impl_;
  // Each text is scored on its own: the chunking decides only who scores it.
  parallel_chunks(texts.size(), 256, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    textblob::Scratch s;
    for (std::size_t i = b; i < e; ++i) {
      if (i + 4 < e) prefetch_text(texts[i + 4]);
      out[i] = impl.run(texts[i], s);
    }
  });
}

std::optional<TextBlobWord> TextBlobAnalyzer::word(std::string_view lowered) const {
  const textblob::Entry* e = impl_->table.find(lowered);
  if (!e) return std::nullopt;
  return TextBlobWord{e->polarity, e->subjectivity, e->intensity, e->adverb, impl_->table.labels[e->label]};
}

std::size_t TextBlobAnalyzer::word_count() const noexcept { return impl_->table.size(); }

std::vector<std::string> TextBlobAnalyzer::tokens(std::string_view text) const {
  textblob::Scratch s;
  textblob::WordList list;
  textblob::find_words(text, nullptr, s, list);
  return std::move(list.words);
}

std::vector<std::pair<std::string, double>> textblob_emoticons() { return textblob::emoticon_table(); }

}  // namespace textgauge
