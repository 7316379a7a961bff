#include "textgauge/text/corpus.hpp"

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/terms.hpp"

namespace textgauge {

Corpus::Corpus(CorpusOptions options) : options_(options) {}

namespace {

// Work items are runs of consecutive documents of about this many bytes.
// Boundaries depend only on the texts, never on the thread count; each item
// interns into its own vocabulary, merged in item order afterwards.
constexpr std::size_t kChunkBytes = std::size_t(1) << 20;

std::vector<std::size_t> chunk_starts(const std::vector<std::string>& texts) {
  std::vector<std::size_t> starts{0};
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    bytes += texts[i].size() + 64;  // + a per-document cost
    if (bytes >= kChunkBytes && i + 1 < texts.size()) {
      starts.push_back(i + 1);
      bytes = 0;
    }
  }
  starts.push_back(texts.size());
  return starts;
}

// Terms of one document's tokens (those from `first_token` on).
void intern_terms(std::string_view text, const Segmentation& units, std::size_t first_token,
                  const Normalizer& normalizer, Vocabulary& vocab, std::vector<Vocabulary::id_type>& terms,
                  std::string& scratch) {
  for (std::size_t t = first_token; t < units.tokens.size(); ++t)
    terms.push_back(intern_token(text, units.tokens[t].span, normalizer, vocab, scratch));
}

}  // namespace

namespace {

// What one work item produces: its documents' units and terms back to back,
// with per-document start offsets relative to the item.
struct Chunk {
  Segmentation units;
  std::vector<Vocabulary::id_type> terms;
  std::vector<std::size_t> para_end, sent_end, tok_end;  // after each document
  Vocabulary vocab;                                      // item-local ids
  std::vector<std::string> originals;                    // when cleaning
  std::vector<SpanMap> maps;
};

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

void Corpus::add(std::vector<std::string> texts, const std::vector<std::string>& sources, unsigned threads) {
  const std::size_t base = texts_.size();
  const std::vector<std::size_t> starts = chunk_starts(texts);
  const std::size_t chunks = starts.size() - 1;
  std::vector<Chunk> out(chunks);

  parallel_chunks(chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    Segmenter segmenter(options_.segment);
    const Normalizer normalizer(options_.normalize);
    Chunk& k = out[c];
    std::string scratch;
    std::size_t bytes = 0;
    for (std::size_t i = starts[c]; i < starts[c + 1]; ++i) bytes += texts[i].size();
    k.units.tokens.reserve(bytes / 5 + 16);  // news text: about one token per 5-6 bytes
    k.terms.reserve(bytes / 5 + 16);
    for (std::size_t i = starts[c]; i < starts[c + 1]; ++i) {
      std::string& text = texts[i];
      if (find_invalid_utf8(text) != std::string_view::npos)  // name the source only when needed
        text = ensure_utf8(std::move(text), options_.errors,
                           i < sources.size() ? sources[i] : "document " + std::to_string(base + i));
      if (options_.cleaner) {
        Cleaned cleaned = options_.cleaner->clean(text);
        k.originals.push_back(std::move(text));
        k.maps.push_back(std::move(cleaned.map));
        text = std::move(cleaned.text);
      }
      const std::size_t first_token = k.units.tokens.size();
      segmenter.segment_append(text, k.units);
      intern_terms(text, k.units, first_token, normalizer, k.vocab, k.terms, scratch);
      k.para_end.push_back(k.units.paragraphs.size());
      k.sent_end.push_back(k.units.sentences.size());
      k.tok_end.push_back(k.units.tokens.size());
    }
  });

  // Concatenate in item order, mapping item-local term ids to corpus ids
  // (see corpus.hpp: ids follow first occurrence whatever the thread count).
  std::size_t np = 0, ns = 0, nt = 0;
  for (const Chunk& k : out) {
    np += k.units.paragraphs.size();
    ns += k.units.sentences.size();
    nt += k.units.tokens.size();
  }
  units_.paragraphs.reserve(units_.paragraphs.size() + np);
  units_.sentences.reserve(units_.sentences.size() + ns);
  units_.sentence_paragraph.reserve(units_.sentence_paragraph.size() + ns);
  units_.tokens.reserve(units_.tokens.size() + nt);
  units_.token_paragraph.reserve(units_.token_paragraph.size() + nt);
  units_.token_sentence.reserve(units_.token_sentence.size() + nt);
  terms_.reserve(terms_.size() + nt);
  for (std::size_t c = 0; c < chunks; ++c) {
    Chunk& k = out[c];
    const std::size_t p0 = units_.paragraphs.size(), s0 = units_.sentences.size(), t0 = units_.tokens.size();
    for (auto e : k.para_end) para_begin_.push_back(p0 + e);
    for (auto e : k.sent_end) sent_begin_.push_back(s0 + e);
    for (auto e : k.tok_end) tok_begin_.push_back(t0 + e);
    append(units_.paragraphs, k.units.paragraphs);
    append(units_.sentences, k.units.sentences);
    append(units_.sentence_paragraph, k.units.sentence_paragraph);
    append(units_.tokens, k.units.tokens);
    append(units_.token_paragraph, k.units.token_paragraph);
    append(units_.token_sentence, k.units.token_sentence);
    const auto map = vocab_.merge(k.vocab);
    for (auto id : k.terms) terms_.push_back(map[static_cast<std::size_t>(id)]);
    for (auto& o : k.originals) originals_.push_back(std::move(o));
    for (auto& m : k.maps) maps_.push_back(std::move(m));
    k = Chunk{};  // release the item's memory as we go
  }
  texts_.reserve(base + texts.size());
  for (auto& t : texts) texts_.push_back(std::move(t));
}

Document Corpus::document(std::size_t i) const {
  if (i >= size()) throw Error("document index " + std::to_string(i) + " out of range");
  auto sub = [](const auto& v, std::size_t b, std::size_t e) { return std::span(v.data() + b, e - b); };
  const std::size_t pb = para_begin_[i], pe = para_begin_[i + 1];
  const std::size_t sb = sent_begin_[i], se = sent_begin_[i + 1];
  const std::size_t tb = tok_begin_[i], te = tok_begin_[i + 1];
  return Document{texts_[i],
                  UnitsView{sub(units_.paragraphs, pb, pe), sub(units_.sentences, sb, se),
                            sub(units_.sentence_paragraph, sb, se), sub(units_.tokens, tb, te),
                            sub(units_.token_paragraph, tb, te), sub(units_.token_sentence, tb, te)},
                  sub(terms_, tb, te)};
}

namespace {
// Spans of one document's units as the tables give them: into the original
// text when the corpus cleans (mapped back through the span map, code points
// counted in the original), as they are otherwise.
class OriginalSpans {
 public:
  OriginalSpans(const SpanMap* map, std::string_view original)
      : map_(map), starts_(original), ends_(original) {}
  Span operator()(const Span& s) {
    if (!map_) return s;
    Span o;
    o.byte_start = map_->original_start(s.byte_start);
    o.byte_end = s.byte_end > s.byte_start ? map_->original_end(s.byte_end) : o.byte_start;
    o.cp_start = starts_(o.byte_start);
    o.cp_end = ends_(o.byte_end);
    return o;
  }

 private:
  const SpanMap* map_;
  CodePointCounter starts_, ends_;
};

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

UnitTable Corpus::paragraph_table(Offsets where) const {
  UnitTable t;
  for (std::size_t d = 0; d < size(); ++d) {
    OriginalSpans to(options_.cleaner && where == Offsets::original ? &maps_[d] : nullptr, original(d));
    for (std::size_t p = para_begin_[d]; p < para_begin_[d + 1]; ++p)
      push_span(t, to(units_.paragraphs[p]), static_cast<std::int32_t>(d),
                static_cast<std::int32_t>(p - para_begin_[d]), -1);
  }
  return t;
}

UnitTable Corpus::sentence_table(Offsets where) const {
  UnitTable t;
  for (std::size_t d = 0; d < size(); ++d) {
    OriginalSpans to(options_.cleaner && where == Offsets::original ? &maps_[d] : nullptr, original(d));
    for (std::size_t s = sent_begin_[d]; s < sent_begin_[d + 1]; ++s)
      push_span(t, to(units_.sentences[s]), static_cast<std::int32_t>(d), units_.sentence_paragraph[s],
                static_cast<std::int32_t>(s - sent_begin_[d]));
  }
  return t;
}

TokenTable Corpus::token_table(Offsets where) const {
  TokenTable t;
  const std::size_t total = units_.tokens.size();
  t.kind.reserve(total);
  t.term = terms_;
  for (std::size_t d = 0; d < size(); ++d) {
    OriginalSpans to(options_.cleaner && where == Offsets::original ? &maps_[d] : nullptr, original(d));
    for (std::size_t k = tok_begin_[d]; k < tok_begin_[d + 1]; ++k) {
      push_span(t, to(units_.tokens[k].span), static_cast<std::int32_t>(d), units_.token_paragraph[k],
                units_.token_sentence[k]);
      t.kind.push_back(static_cast<std::uint8_t>(units_.tokens[k].kind));
    }
  }
  return t;
}

}  // namespace textgauge
