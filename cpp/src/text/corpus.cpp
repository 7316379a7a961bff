#include "textgauge/text/corpus.hpp"

#include <algorithm>

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

// Terms of one document's tokens.
void intern_terms(std::string_view text, const Segmentation& units, const Normalizer& normalizer,
                  Vocabulary& vocab, std::vector<Vocabulary::id_type>& terms, std::string& scratch) {
  for (const Token& t : units.tokens) terms.push_back(intern_token(text, t.span, normalizer, vocab, scratch));
}

// Room for `extra` more elements, growing geometrically so that many small
// add() calls stay linear (capacity never touched costs no resident memory).
template <class V>
void reserve_more(V& v, std::size_t extra) {
  const std::size_t need = v.size() + extra;
  if (need > v.capacity()) v.reserve(std::max(need, v.capacity() + v.capacity() / 2));
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// What one work item produces: its documents' units (compact, as the corpus
// keeps them) and terms back to back, with per-document end offsets relative
// to the item.
struct Chunk {
  CorpusUnits units;
  std::vector<Vocabulary::id_type> terms;
  std::vector<std::size_t> para_end, sent_end;  // after each document
  Vocabulary vocab;                             // item-local ids
};

// Appends one document's segmentation (wide, as the Segmenter gives it) to a
// chunk in the compact form.
void compact_append(std::string_view text, const Segmentation& seg, CorpusUnits& to) {
  append(to.paragraphs, seg.paragraphs);
  append(to.sentences, seg.sentences);
  append(to.sentence_paragraph, seg.sentence_paragraph);
  // token_sentence is non-decreasing (tokens and sentences are both in text
  // order), so each sentence's tokens are a contiguous range.
  std::size_t t = 0;
  for (std::size_t s = 0; s < seg.sentences.size(); ++s) {
    while (t < seg.tokens.size() && static_cast<std::size_t>(seg.token_sentence[t]) < s) ++t;
    to.sentence_token_begin.push_back(static_cast<std::uint32_t>(t));
  }
  to.tokens.add_document(text, seg.tokens);
}

}  // namespace

void Corpus::add(std::vector<std::string> texts, const std::vector<std::string>& sources, unsigned threads) {
  const std::size_t base = size();
  const std::vector<std::size_t> starts = chunk_starts(texts);
  const std::size_t chunks = starts.size() - 1;
  std::vector<Chunk> out(chunks);

  parallel_chunks(chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    Segmenter segmenter(options_.segment);
    const Normalizer normalizer(options_.normalize);
    Chunk& k = out[c];
    std::string scratch;
    Segmentation seg;  // one document's units, wide; reused
    std::size_t bytes = 0;
    for (std::size_t i = starts[c]; i < starts[c + 1]; ++i) bytes += texts[i].size();
    k.units.tokens.reserve(bytes / 5 + 16);  // news text: about one token per 5-6 bytes
    k.terms.reserve(bytes / 5 + 16);
    for (std::size_t i = starts[c]; i < starts[c + 1]; ++i) {
      std::string& text = texts[i];
      if (find_invalid_utf8(text) != std::string_view::npos)  // name the source only when needed
        text = ensure_utf8(std::move(text), options_.errors,
                           i < sources.size() ? sources[i] : "document " + std::to_string(base + i));
      seg.paragraphs.clear();
      seg.sentences.clear();
      seg.sentence_paragraph.clear();
      seg.tokens.clear();
      seg.token_paragraph.clear();
      seg.token_sentence.clear();
      segmenter.segment_append(text, seg);
      intern_terms(text, seg, normalizer, k.vocab, k.terms, scratch);
      compact_append(text, seg, k.units);
      k.para_end.push_back(k.units.paragraphs.size());
      k.sent_end.push_back(k.units.sentences.size());
    }
  });

  // Concatenate in item order, mapping item-local term ids to corpus ids
  // (see corpus.hpp: ids follow first occurrence whatever the thread count).
  std::size_t np = 0, ns = 0, nt = 0, nb = 0;
  for (const Chunk& k : out) {
    np += k.units.paragraphs.size();
    ns += k.units.sentences.size();
    nt += k.units.tokens.size();
  }
  for (const std::string& t : texts) nb += t.size();
  reserve_more(units_.paragraphs, np);
  reserve_more(units_.sentences, ns);
  reserve_more(units_.sentence_paragraph, ns);
  reserve_more(units_.sentence_token_begin, ns);
  units_.tokens.reserve(units_.tokens.size() + nt);
  reserve_more(terms_, nt);
  reserve_more(para_begin_, texts.size());
  reserve_more(sent_begin_, texts.size());
  for (std::size_t c = 0; c < chunks; ++c) {
    Chunk& k = out[c];
    const std::size_t p0 = units_.paragraphs.size(), s0 = units_.sentences.size();
    for (auto e : k.para_end) para_begin_.push_back(p0 + e);
    for (auto e : k.sent_end) sent_begin_.push_back(s0 + e);
    append(units_.paragraphs, k.units.paragraphs);
    append(units_.sentences, k.units.sentences);
    append(units_.sentence_paragraph, k.units.sentence_paragraph);
    append(units_.sentence_token_begin, k.units.sentence_token_begin);
    units_.tokens.append(k.units.tokens);
    const auto map = vocab_.merge(k.vocab);
    for (auto id : k.terms) terms_.push_back(map[static_cast<std::size_t>(id)]);
    k = Chunk{};  // release the item's memory as we go
  }
  // The texts, once, back to back.
  reserve_more(text_, nb);
  reserve_more(text_begin_, texts.size());
  for (std::string& t : texts) {
    text_.append(t);
    text_begin_.push_back(text_.size());
    std::string().swap(t);
  }
}

std::string_view Corpus::text(std::size_t i) const {
  if (i >= size()) throw Error("document index " + std::to_string(i) + " out of range");
  return std::string_view(text_).substr(text_begin_[i], text_begin_[i + 1] - text_begin_[i]);
}

std::size_t Corpus::memory_bytes() const noexcept {
  return text_.capacity() + text_begin_.capacity() * sizeof(std::size_t) +
         units_.paragraphs.capacity() * sizeof(Span) + units_.sentences.capacity() * sizeof(Span) +
         (units_.sentence_paragraph.capacity() + units_.sentence_token_begin.capacity()) * 4 +
         units_.tokens.memory_bytes() + terms_.capacity() * sizeof(Vocabulary::id_type) +
         (para_begin_.capacity() + sent_begin_.capacity()) * sizeof(std::size_t);
}

Document Corpus::document(std::size_t i) const {
  const std::string_view text = this->text(i);
  auto sub = [](const auto& v, std::size_t b, std::size_t e) { return std::span(v.data() + b, e - b); };
  const std::size_t pb = para_begin_[i], pe = para_begin_[i + 1];
  const std::size_t sb = sent_begin_[i], se = sent_begin_[i + 1];
  const std::size_t tb = token_begin()[i], te = token_begin()[i + 1];
  const auto sentence_paragraph = sub(units_.sentence_paragraph, sb, se);
  const auto sentence_token_begin = sub(units_.sentence_token_begin, sb, se);
  return Document{text,
                  UnitsView{sub(units_.paragraphs, pb, pe), sub(units_.sentences, sb, se), sentence_paragraph,
                            TokenColumn(units_.tokens, i, text),
                            TokenOwners(sentence_token_begin, sentence_paragraph, te - tb),
                            TokenOwners(sentence_token_begin, {}, te - tb)},
                  sub(terms_, tb, te)};
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
  for (std::size_t d = 0; d < size(); ++d)
    for (std::size_t p = para_begin_[d]; p < para_begin_[d + 1]; ++p)
      push_span(t, units_.paragraphs[p], static_cast<std::int32_t>(d),
                static_cast<std::int32_t>(p - para_begin_[d]), -1);
  return t;
}

UnitTable Corpus::sentence_table() const {
  UnitTable t;
  for (std::size_t d = 0; d < size(); ++d)
    for (std::size_t s = sent_begin_[d]; s < sent_begin_[d + 1]; ++s)
      push_span(t, units_.sentences[s], static_cast<std::int32_t>(d), units_.sentence_paragraph[s],
                static_cast<std::int32_t>(s - sent_begin_[d]));
  return t;
}

TokenTable Corpus::token_table() const {
  TokenTable t;
  const std::size_t total = units_.tokens.size();
  for (auto* v : {&t.document, &t.paragraph, &t.sentence}) v->reserve(total);
  for (auto* v : {&t.byte_start, &t.byte_end, &t.cp_start, &t.cp_end}) v->reserve(total);
  t.kind.reserve(total);
  t.term = terms_;
  for (std::size_t d = 0; d < size(); ++d) {
    const std::string_view text = this->text(d);
    const std::size_t tb = token_begin()[d], te = token_begin()[d + 1];
    const std::size_t sb = sent_begin_[d], se = sent_begin_[d + 1];
    // Tokens sentence by sentence: sentence s holds [its first token, the next one's).
    for (std::size_t s = sb; s < se; ++s) {
      const std::size_t first = tb + units_.sentence_token_begin[s];
      const std::size_t last = s + 1 < se ? tb + units_.sentence_token_begin[s + 1] : te;
      for (std::size_t k = first; k < last; ++k) {
        push_span(t, units_.tokens.span(d, text, k), static_cast<std::int32_t>(d),
                  units_.sentence_paragraph[s], static_cast<std::int32_t>(s - sb));
        t.kind.push_back(static_cast<std::uint8_t>(units_.tokens.kind(k)));
      }
    }
  }
  return t;
}

}  // namespace textgauge
