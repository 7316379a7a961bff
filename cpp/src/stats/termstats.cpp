#include "textgauge/stats/termstats.hpp"

namespace textgauge {

TermStream term_stream(const Corpus& corpus, const StreamOptions& options) {
  TermStream s;
  std::size_t total = 0;
  for (std::size_t d = 0; d < corpus.size(); ++d) total += corpus.document(d).terms.size();
  s.terms.reserve(total);
  s.seg_begin.push_back(0);
  auto close = [&] {
    if (s.terms.size() > s.seg_begin.back()) s.seg_begin.push_back(s.terms.size());
  };
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    const Document& doc = corpus.document(d);
    const auto& toks = doc.units.tokens;
    std::int32_t sentence = -1;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      if (options.break_at_sentences && doc.units.token_sentence[k] != sentence) {
        close();
        sentence = doc.units.token_sentence[k];
      }
      if (options.kinds & kind_bit(toks.kind(k)))
        s.terms.push_back(doc.terms[k]);
      else if (options.break_at_excluded)
        close();
    }
    close();
  }
  return s;
}

UnitTerms unit_terms(const Corpus& corpus, Unit unit, std::uint8_t kinds) {
  UnitTerms u;
  u.begin.push_back(0);
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    const Document& doc = corpus.document(d);
    const auto& toks = doc.units.tokens;
    const std::size_t n_units = unit == Unit::document    ? 1
                                : unit == Unit::paragraph ? doc.units.paragraphs.size()
                                                          : doc.units.sentences.size();
    const auto& owner = unit == Unit::paragraph ? doc.units.token_paragraph : doc.units.token_sentence;
    std::size_t k = 0;
    for (std::size_t i = 0; i < n_units; ++i) {
      for (; k < toks.size() && (unit == Unit::document || static_cast<std::size_t>(owner[k]) == i); ++k)
        if (kinds & kind_bit(toks.kind(k))) u.terms.push_back(doc.terms[k]);
      u.begin.push_back(u.terms.size());
      u.document.push_back(static_cast<std::int32_t>(d));
      u.paragraph.push_back(unit == Unit::document    ? -1
                            : unit == Unit::paragraph ? static_cast<std::int32_t>(i)
                                                      : doc.units.sentence_paragraph[i]);
    }
  }
  return u;
}

}  // namespace textgauge
