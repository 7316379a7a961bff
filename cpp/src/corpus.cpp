#include "textgauge/corpus.hpp"

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

Corpus::Corpus(CorpusOptions options) : options_(options) {}

namespace {

// Documents per work item: small enough to balance threads on short texts.
constexpr std::size_t kChunk = 64;

struct ChunkResult {
  Vocabulary vocab;  // local ids, in order of first occurrence within the chunk
};

}  // namespace

void Corpus::add(std::vector<std::string> texts, const std::vector<std::string>& sources, unsigned threads) {
  const std::size_t base = docs_.size();
  const std::size_t n = texts.size();
  std::vector<Document> docs(n);
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<ChunkResult> results(chunks);

  parallel_chunks(n, kChunk, threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    Segmenter segmenter(options_.segment);
    const Normalizer normalizer(options_.normalize);
    Vocabulary& local = results[c].vocab;
    std::string term;
    for (std::size_t i = begin; i < end; ++i) {
      const std::string source = i < sources.size() ? sources[i] : "document " + std::to_string(base + i);
      Document& d = docs[i];
      d.text = ensure_utf8(std::move(texts[i]), options_.errors, source);
      d.units = segmenter.segment(d.text);
      d.terms.resize(d.units.tokens.size());
      for (std::size_t t = 0; t < d.units.tokens.size(); ++t) {
        const Span& s = d.units.tokens[t].span;
        normalizer.apply(std::string_view(d.text).substr(static_cast<std::size_t>(s.byte_start),
                                                         static_cast<std::size_t>(s.byte_end - s.byte_start)),
                         term);
        d.terms[t] = local.intern(term);
      }
    }
  });

  // Map chunk-local ids to corpus ids in chunk order (see corpus.hpp).
  for (std::size_t c = 0; c < chunks; ++c) {
    const auto map = vocab_.merge(results[c].vocab);
    const std::size_t end = std::min(n, (c + 1) * kChunk);
    for (std::size_t i = c * kChunk; i < end; ++i)
      for (auto& id : docs[i].terms) id = map[static_cast<std::size_t>(id)];
  }
  docs_.reserve(base + n);
  for (auto& d : docs) docs_.push_back(std::move(d));
}

namespace {
void push_span(UnitTable& t, const Span& s, std::int32_t doc, std::int32_t para, std::int32_t sent) {
  t.document.push_back(doc);
  t.paragraph.push_back(para);
  t.sentence.push_back(sent);
  t.byte_start.push_back(s.byte_start);
  t.byte_end.push_back(s.byte_end);
  t.cp_start.push_back(s.cp_start);
  t.cp_end.push_back(s.cp_end);
}
}  // namespace

UnitTable Corpus::paragraph_table() const {
  UnitTable t;
  for (std::size_t d = 0; d < docs_.size(); ++d) {
    const auto& ps = docs_[d].units.paragraphs;
    for (std::size_t p = 0; p < ps.size(); ++p)
      push_span(t, ps[p], static_cast<std::int32_t>(d), static_cast<std::int32_t>(p), -1);
  }
  return t;
}

UnitTable Corpus::sentence_table() const {
  UnitTable t;
  for (std::size_t d = 0; d < docs_.size(); ++d) {
    const auto& u = docs_[d].units;
    for (std::size_t s = 0; s < u.sentences.size(); ++s)
      push_span(t, u.sentences[s], static_cast<std::int32_t>(d), u.sentence_paragraph[s],
                static_cast<std::int32_t>(s));
  }
  return t;
}

TokenTable Corpus::token_table() const {
  TokenTable t;
  std::size_t total = 0;
  for (const auto& d : docs_) total += d.units.tokens.size();
  t.kind.reserve(total);
  t.term.reserve(total);
  for (std::size_t d = 0; d < docs_.size(); ++d) {
    const auto& u = docs_[d].units;
    for (std::size_t k = 0; k < u.tokens.size(); ++k) {
      push_span(t, u.tokens[k].span, static_cast<std::int32_t>(d), u.token_paragraph[k], u.token_sentence[k]);
      t.kind.push_back(static_cast<std::uint8_t>(u.tokens[k].kind));
      t.term.push_back(docs_[d].terms[k]);
    }
  }
  return t;
}

}  // namespace textgauge
