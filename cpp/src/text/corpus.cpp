#include "textgauge/text/corpus.hpp"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

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
  std::vector<std::string> originals;           // when cleaning
  std::vector<SpanMap> maps;
};

// Appends one document's segmentation (wide, as the Segmenter gives it) to a
// chunk in the compact form.
void compact_append(std::string_view text, const Segmentation& seg, CorpusUnits& to) {
  for (const Span& p : seg.paragraphs)
    to.paragraphs.push_back(
        ByteRange{static_cast<std::uint32_t>(p.byte_start), static_cast<std::uint32_t>(p.byte_end)});
  for (const Span& s : seg.sentences)
    to.sentences.push_back(
        ByteRange{static_cast<std::uint32_t>(s.byte_start), static_cast<std::uint32_t>(s.byte_end)});
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

// One add() call: the batch's texts cut into work items, what the corpus held
// before it (to take back on failure) and the hand-over of finished items. A
// nested class, so that its steps reach the corpus's members.
class Corpus::Batch {
 public:
  Batch(Corpus& corpus, std::vector<std::string>& texts, const std::vector<std::string>& sources,
        unsigned threads)
      : c_(corpus),
        texts_(texts),
        sources_(sources),
        threads_(threads),
        base_(corpus.size()),
        starts_(chunk_starts(texts)),
        chunks_(starts_.size() - 1),
        p_old_(corpus.units_.paragraphs.size()),
        s_old_(corpus.units_.sentences.size()),
        t_old_(corpus.terms_.size()),
        b_old_(corpus.text_.size()),
        v_old_(corpus.vocab_.size()) {}

  // Validate (and repair) first: bad input leaves the corpus as it was.
  void validate() {
    parallel_chunks(chunks_, 1, threads_, [&](std::size_t c, std::size_t, std::size_t) {
      for (std::size_t i = starts_[c]; i < starts_[c + 1]; ++i) {
        std::string& text = texts_[i];
        if (find_invalid_utf8(text) != std::string_view::npos)  // name the source only when needed
          text = ensure_utf8(std::move(text), c_.options_.errors,
                             i < sources_.size() ? sources_[i] : "document " + std::to_string(base_ + i));
        if (text.size() > std::numeric_limits<std::uint32_t>::max())
          throw Error((i < sources_.size() ? sources_[i] : "document " + std::to_string(base_ + i)) + ": " +
                      std::to_string(text.size()) +
                      " bytes; a Corpus holds documents of less than 4 GiB (split it into several)");
      }
    });
    for (const std::string& t : texts_) nb_ += t.size();
  }

  // Segment items on all threads; each finished item is appended to the
  // corpus as soon as every item before it has been (in item order, mapping
  // item-local term ids to corpus ids: see corpus.hpp, ids follow first
  // occurrence whatever the thread count), and its buffers and input texts are
  // freed then. So only the items in flight exist twice, never the batch.
  void run() {
    out_.resize(chunks_);
    done_.assign(chunks_, 0);
    window_ = resolve_threads(threads_) + 1;
    parallel_chunks(chunks_, 1, threads_, [&](std::size_t c, std::size_t, std::size_t) {
      {
        // At most `window` items past the next one to append: a thread that
        // runs ahead waits rather than piling up finished items (the memory
        // they take stays with the allocator after the batch). The thread
        // holding item `next` never waits, so this cannot deadlock.
        std::unique_lock<std::mutex> lock(merging_);
        turn_.wait(lock, [&] { return c < next_ + window_ || failed_; });
        if (failed_) return;
      }
      try {
        segment(c);
        // Append this item and any finished ones after it whose turn it is.
        // Other threads keep segmenting meanwhile.
        std::lock_guard<std::mutex> lock(merging_);
        done_[c] = 1;
        for (; next_ < chunks_ && done_[next_]; ++next_) append_item(next_);
        turn_.notify_all();
      } catch (...) {
        {
          std::lock_guard<std::mutex> lock(merging_);
          failed_ = true;  // threads waiting for their turn stop
        }
        turn_.notify_all();
        throw;
      }
    });
  }

  // Take back what the items appended so far added (documents, units, terms
  // and the vocabulary's new terms): the corpus is as it was.
  void roll_back() {
    const std::size_t d_old = base_;
    c_.units_.paragraphs.resize(p_old_);
    c_.units_.sentences.resize(s_old_);
    c_.units_.sentence_paragraph.resize(s_old_);
    c_.units_.sentence_token_begin.resize(s_old_);
    c_.units_.tokens.truncate(d_old);
    c_.terms_.resize(t_old_);
    c_.para_begin_.resize(d_old + 1);
    c_.sent_begin_.resize(d_old + 1);
    c_.text_.resize(b_old_);
    c_.originals_.resize(std::min(c_.originals_.size(), d_old));
    c_.maps_.resize(std::min(c_.maps_.size(), d_old));
    if (c_.vocab_.size() > v_old_) {
      StringTable table = c_.vocab_.table();
      table.offsets.resize(v_old_ + 1);
      table.bytes.resize(static_cast<std::size_t>(table.offsets.back()));
      c_.vocab_ = Vocabulary::from_table(std::move(table));
    }
  }

  std::size_t bytes() const noexcept { return nb_; }

 private:
  // Item c's documents: cleaned (when the corpus cleans), segmented and
  // interned into out_[c]. Runs on any thread, touching only that item.
  void segment(std::size_t c) {
    Segmenter segmenter(c_.options_.segment);
    const Normalizer normalizer(c_.options_.normalize);
    Chunk& k = out_[c];
    std::string scratch;
    Segmentation seg;  // one document's units, wide; reused
    std::size_t bytes = 0;
    for (std::size_t i = starts_[c]; i < starts_[c + 1]; ++i) bytes += texts_[i].size();
    k.units.tokens.reserve(bytes / 5 + 16);  // news text: about one token per 5-6 bytes
    k.terms.reserve(bytes / 5 + 16);
    for (std::size_t i = starts_[c]; i < starts_[c + 1]; ++i) {
      std::string& text = texts_[i];
      if (c_.options_.cleaner) {
        // The corpus keeps the analysed (cleaned) text in texts[i], the
        // original and the map beside it.
        Cleaned cleaned = c_.options_.cleaner->clean(text);
        k.originals.push_back(std::move(text));
        k.maps.push_back(std::move(cleaned.map));
        text = std::move(cleaned.text);
      }
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
  }

  // Reserve for the whole batch from the first item's proportions (+15%);
  // capacity never written costs no resident memory.
  void reserve(const Chunk& k) {
    std::size_t bytes = 1;
    for (std::size_t i = starts_[0]; i < starts_[1]; ++i) bytes += texts_[i].size();
    const double scale = 1.15 * static_cast<double>(nb_ + 1) / static_cast<double>(bytes);
    auto estimate = [&](std::size_t n) {
      return static_cast<std::size_t>(static_cast<double>(n) * scale) + 16;
    };
    CorpusUnits& units = c_.units_;
    reserve_more(units.paragraphs, estimate(k.units.paragraphs.size()));
    reserve_more(units.sentence_paragraph, estimate(k.units.sentences.size()));
    reserve_more(units.sentences, estimate(k.units.sentences.size()));
    reserve_more(units.sentence_token_begin, estimate(k.units.sentences.size()));
    units.tokens.reserve(units.tokens.size() + estimate(k.units.tokens.size()));
    reserve_more(c_.terms_, estimate(k.terms.size()));
    reserve_more(c_.para_begin_, texts_.size());
    reserve_more(c_.sent_begin_, texts_.size());
    reserve_more(c_.text_, nb_);
  }

  // Appends item c to the corpus (under the lock, in item order) and frees
  // its buffers and input texts.
  void append_item(std::size_t c) {
    Chunk& k = out_[c];
    if (c == 0) reserve(k);
    CorpusUnits& units = c_.units_;
    const std::size_t p0 = units.paragraphs.size(), s0 = units.sentences.size();
    for (auto e : k.para_end) c_.para_begin_.push_back(p0 + e);
    for (auto e : k.sent_end) c_.sent_begin_.push_back(s0 + e);
    append(units.paragraphs, k.units.paragraphs);
    append(units.sentences, k.units.sentences);
    append(units.sentence_paragraph, k.units.sentence_paragraph);
    append(units.sentence_token_begin, k.units.sentence_token_begin);
    units.tokens.append(k.units.tokens);
    const auto map = c_.vocab_.merge(k.vocab);
    for (auto id : k.terms) c_.terms_.push_back(map[static_cast<std::size_t>(id)]);
    for (auto& o : k.originals) c_.originals_.push_back(std::move(o));
    for (auto& m : k.maps) c_.maps_.push_back(std::move(m));
    k = Chunk{};
    for (std::size_t i = starts_[c]; i < starts_[c + 1]; ++i) {
      c_.text_.append(texts_[i]);
      std::string().swap(texts_[i]);
    }
  }

  Corpus& c_;
  std::vector<std::string>& texts_;
  const std::vector<std::string>& sources_;
  const unsigned threads_;
  const std::size_t base_;  // documents before the batch
  const std::vector<std::size_t> starts_;
  const std::size_t chunks_;
  std::size_t nb_ = 0;  // the batch's bytes, once valid
  std::vector<Chunk> out_;
  std::vector<char> done_;
  std::size_t next_ = 0;  // the next item to append
  std::mutex merging_;
  std::condition_variable turn_;
  bool failed_ = false;
  std::size_t window_ = 0;
  const std::size_t p_old_, s_old_, t_old_, b_old_, v_old_;  // the corpus's sizes before the batch
};

void Corpus::add(std::vector<std::string> texts, const std::vector<std::string>& sources, unsigned threads) {
  Batch batch(*this, texts, sources, threads);
  batch.validate();
  try {
    batch.run();
  } catch (...) {
    batch.roll_back();
    throw;
  }
  std::vector<std::string>().swap(texts);
#if defined(__GLIBC__)
  // The batch's input texts and the items' buffers have been freed, in
  // pieces, across the allocator's arenas (one per thread); glibc keeps such
  // memory resident unless asked to return it (for news paragraphs, half as
  // much again as the corpus itself). Once per large batch: it costs a walk
  // over the free lists, about a millisecond.
  if (batch.bytes() >= kChunkBytes) malloc_trim(0);
#endif
}

std::string_view Corpus::text(std::size_t i) const {
  if (i >= size()) throw Error("document index " + std::to_string(i) + " out of range");
  const auto b = static_cast<std::size_t>(units_.tokens.document_begin(i));
  return std::string_view(text_).substr(b, static_cast<std::size_t>(units_.tokens.document_begin(i + 1)) - b);
}

std::size_t Corpus::memory_bytes() const noexcept {
  return text_.capacity() + (units_.paragraphs.capacity() + units_.sentences.capacity()) * sizeof(ByteRange) +
         (units_.sentence_paragraph.capacity() + units_.sentence_token_begin.capacity()) * 4 +
         units_.tokens.memory_bytes() + terms_.capacity() * sizeof(Vocabulary::id_type) +
         (para_begin_.capacity() + sent_begin_.capacity()) * sizeof(std::size_t) + cleaning_bytes();
}

std::size_t Corpus::cleaning_bytes() const noexcept {
  std::size_t n = originals_.capacity() * sizeof(std::string) + maps_.capacity() * sizeof(SpanMap);
  for (const std::string& o : originals_) n += o.capacity();
  for (const SpanMap& m : maps_) n += m.pieces().capacity() * sizeof(CleanPiece);
  return n;
}

void Corpus::append_unit_texts(Unit unit, std::size_t d, std::vector<std::string_view>& out) const {
  const std::string_view text = this->text(d);
  if (unit == Unit::document) {
    out.push_back(text);
    return;
  }
  const bool paragraphs = unit == Unit::paragraph;
  const auto& begin = paragraphs ? para_begin_ : sent_begin_;
  const std::vector<ByteRange>& ranges = paragraphs ? units_.paragraphs : units_.sentences;
  for (std::size_t k = begin[d]; k < begin[d + 1]; ++k)
    out.push_back(text.substr(ranges[k].start, ranges[k].end - ranges[k].start));
}

std::vector<std::string_view> Corpus::unit_texts(Unit unit, std::size_t d) const {
  std::vector<std::string_view> out;
  append_unit_texts(unit, d, out);
  return out;
}

std::vector<std::string_view> Corpus::unit_texts(Unit unit) const {
  std::vector<std::string_view> out;
  out.reserve(unit == Unit::document ? size() : (unit == Unit::paragraph ? para_begin_ : sent_begin_).back());
  for (std::size_t d = 0; d < size(); ++d) append_unit_texts(unit, d, out);
  return out;
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
                  UnitsView{SpanColumn(sub(units_.paragraphs, pb, pe), units_.tokens, i, text),
                            SpanColumn(sub(units_.sentences, sb, se), units_.tokens, i, text),
                            sentence_paragraph, TokenColumn(units_.tokens, i, text),
                            TokenOwners(sentence_token_begin, sentence_paragraph, te - tb),
                            TokenOwners(sentence_token_begin, {}, te - tb)},
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
      push_span(t, to(unit_span(d, units_.paragraphs[p])), static_cast<std::int32_t>(d),
                static_cast<std::int32_t>(p - para_begin_[d]), -1);
  }
  return t;
}

UnitTable Corpus::sentence_table(Offsets where) const {
  UnitTable t;
  for (std::size_t d = 0; d < size(); ++d) {
    OriginalSpans to(options_.cleaner && where == Offsets::original ? &maps_[d] : nullptr, original(d));
    for (std::size_t s = sent_begin_[d]; s < sent_begin_[d + 1]; ++s)
      push_span(t, to(unit_span(d, units_.sentences[s])), static_cast<std::int32_t>(d),
                units_.sentence_paragraph[s], static_cast<std::int32_t>(s - sent_begin_[d]));
  }
  return t;
}

TokenTable Corpus::token_table(Offsets where) const {
  TokenTable t;
  const std::size_t total = units_.tokens.size();
  for (auto* v : {&t.document, &t.paragraph, &t.sentence}) v->reserve(total);
  for (auto* v : {&t.byte_start, &t.byte_end, &t.cp_start, &t.cp_end}) v->reserve(total);
  t.kind.reserve(total);
  t.term = terms_;
  for (std::size_t d = 0; d < size(); ++d) {
    OriginalSpans to(options_.cleaner && where == Offsets::original ? &maps_[d] : nullptr, original(d));
    const std::string_view text = this->text(d);
    const std::size_t sb = sent_begin_[d];
    for_each_sentence(d, [&](std::size_t s, std::size_t first, std::size_t last) {
      for (std::size_t k = first; k < last; ++k) {
        push_span(t, to(units_.tokens.span(d, text, k)), static_cast<std::int32_t>(d),
                  units_.sentence_paragraph[s], static_cast<std::int32_t>(s - sb));
        t.kind.push_back(static_cast<std::uint8_t>(units_.tokens.kind(k)));
      }
    });
  }
  return t;
}

}  // namespace textgauge
