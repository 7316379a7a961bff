#include "textgauge/stats/readability.hpp"

#include "textgauge/error.hpp"

namespace textgauge {

ReadabilityCounts readability_counts(const Corpus& corpus, Unit unit, std::uint8_t kinds,
                                     const TermProperties& p) {
  const std::size_t vocab = corpus.vocabulary().size();
  if (p.syllables.size() < vocab || p.letters.size() < vocab || p.easy.size() < vocab)
    throw Error("term properties must cover the whole vocabulary");
  if (unit == Unit::sentence) throw Error("readability is computed per document or paragraph");
  ReadabilityCounts r;
  auto open_unit = [&](std::int32_t d, std::int32_t para) {
    r.document.push_back(d);
    r.paragraph.push_back(para);
    for (auto* v : {&r.words, &r.sentences, &r.syllables, &r.letters, &r.monosyllables, &r.polysyllables,
                    &r.difficult, &r.long_words})
      v->push_back(0);
  };
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    const Document& doc = corpus.document(d);
    const auto& toks = doc.units.tokens;
    const std::size_t n_units = unit == Unit::document ? 1 : doc.units.paragraphs.size();
    const std::size_t first = r.words.size();
    for (std::size_t i = 0; i < n_units; ++i)
      open_unit(static_cast<std::int32_t>(d), unit == Unit::document ? -1 : static_cast<std::int32_t>(i));
    std::int32_t last_sentence = -1;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      if (!(kinds & kind_bit(toks.kind(k)))) continue;
      const std::size_t u =
          first + (unit == Unit::document ? 0 : static_cast<std::size_t>(doc.units.token_paragraph[k]));
      const auto t = static_cast<std::size_t>(doc.terms[k]);
      if (doc.units.token_sentence[k] != last_sentence) {
        last_sentence = doc.units.token_sentence[k];
        ++r.sentences[u];  // sentences never span paragraphs
      }
      const std::int32_t syl = p.syllables[t];
      ++r.words[u];
      r.syllables[u] += syl;
      r.letters[u] += p.letters[t];
      r.monosyllables[u] += syl == 1;
      r.polysyllables[u] += syl >= 3;
      r.difficult[u] += !p.easy[t];
      r.long_words[u] += p.letters[t] >= 7;
    }
  }
  return r;
}

}  // namespace textgauge
