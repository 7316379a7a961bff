#include "textgauge/stats/termstats.hpp"

namespace textgauge {

TermStream term_stream(const Corpus& corpus, const StreamOptions& options) {
  // Over the corpus-wide arrays (kinds, terms, where each sentence's tokens
  // begin) rather than per-document views: one pass with no decoding.
  const CorpusUnits& units = corpus.units();
  const auto& terms = corpus.terms();
  const auto& tok_begin = corpus.token_begin();
  TermStream s;
  s.terms.reserve(terms.size());
  s.seg_begin.push_back(0);
  auto close = [&] {
    if (s.terms.size() > s.seg_begin.back()) s.seg_begin.push_back(s.terms.size());
  };
  // Tokens [from, to) (corpus-wide), one segment at most before the breaks at excluded tokens.
  auto scan = [&](std::size_t from, std::size_t to) {
    for (std::size_t t = from; t < to; ++t) {
      if (options.kinds & kind_bit(units.tokens.kind(t)))
        s.terms.push_back(terms[t]);
      else if (options.break_at_excluded)
        close();
    }
    close();
  };
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    const std::size_t first = tok_begin[d], last = tok_begin[d + 1];
    if (!options.break_at_sentences) {
      scan(first, last);
      continue;
    }
    corpus.for_each_sentence(d, [&](std::size_t, std::size_t from, std::size_t to) { scan(from, to); });
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
