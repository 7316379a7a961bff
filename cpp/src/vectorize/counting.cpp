// Counting: each chunk of documents analysed and counted on its own thread,
// into a table of the chunk's own (vectorize/tables.hpp).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/ascii_words.hpp"
#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/utf8.hpp"
#include "vectorize/dtm_internal.hpp"
#include "vectorize/tables.hpp"

namespace textgauge::dtm {

std::vector<std::size_t> chunk_bounds(const std::vector<std::string_view>& texts, unsigned& threads) {
  threads = resolve_threads(threads);
  const std::size_t n = texts.size();
  // One contiguous chunk per thread: every chunk's vocabulary is merged
  // afterwards (for word n-grams most of a chunk's terms are its own), so
  // fewer chunks cost less merging than they lose in balance; the per-chunk
  // maps stay few, so memory still follows the vocabulary.
  const std::size_t chunks = n < 64 ? std::min<std::size_t>(n, 1) : std::min<std::size_t>(n, threads);
  std::vector<std::size_t> bounds{0};
  if (chunks == 0) return bounds;
  // A document costs its bytes and a little more (its row, its call).
  constexpr std::size_t kPerDocument = 16;
  std::size_t total = 0;
  for (const std::string_view t : texts) total += t.size() + kPerDocument;
  // Each cut gives the chunk its share of what the chunks before it left
  // (after one huge document, the rest still spreads over the others).
  // Integer arithmetic: the same cuts on every machine.
  std::size_t seen = 0, before = 0;  // cost up to d; cost of the chunks cut
  for (std::size_t d = 0; d < n && bounds.size() < chunks; ++d) {
    seen += texts[d].size() + kPerDocument;
    const std::size_t left = chunks - (bounds.size() - 1);  // this chunk and those after it
    if ((seen - before) * left >= total - before) {
      bounds.push_back(d + 1);
      before = seen;
    }
  }
  bounds.push_back(n);
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  return bounds;
}

namespace {

// A word analyzer's tokens of one document at a time, as ids of a token
// table of its own (one per chunk): the one tokenizing loop of the word
// fits, whether they count as they go (count_documents) or keep the tokens
// for the partitioned count (tokenize_chunks).
class DocTokenizer {
 public:
  explicit DocTokenizer(Analyzer& analyzer) : analyzer_(analyzer), stops_(analyzer.has_stop_words()) {}

  // The tokens of texts[d] (stop words dropped) into `out`.
  void tokens(std::string_view text, bool ascii, std::vector<std::int32_t>& out) {
    out.clear();
    auto take = [&](std::int32_t id) {
      if (!stops_) {
        out.push_back(id);
        return;
      }
      if (static_cast<std::size_t>(id) == stop_.size())
        stop_.push_back(analyzer_.is_stop_word(tokens_.term(id)));
      if (!stop_[static_cast<std::size_t>(id)]) out.push_back(id);
    };
    if (ascii) {
      // ASCII texts skip the analyzer: their preprocessing is lowercasing at
      // most (NFKD accent stripping changes no ASCII), and their tokens are
      // runs of [A-Za-z0-9_], keyed straight from the text. All of the
      // document's keys first, each one's index slot prefetched, then the
      // lookups: rare words miss the cache, and this way their misses
      // overlap instead of queueing behind each other.
      ascii::copy_padded(text, analyzer_.options().lowercase, scratch_);
      std::size_t n_keys = 0;
      ascii::scan_python_words(text, [&](std::size_t start, std::size_t end) {
        // grown with the tokens found (a bound from the text's length would be
        // a third of its bytes in keys, for one long token too)
        if (n_keys == keys_.size()) keys_.resize(2 * keys_.size() + 64);
        ascii::key(scratch_, start, end, keys_[n_keys]);
        tokens_.prefetch(keys_[n_keys++]);
      });
      if (stops_) {
        for (std::size_t k = 0; k < n_keys; ++k) take(tokens_.intern(keys_[k]));
      } else {
        out.resize(n_keys);
        for (std::size_t k = 0; k < n_keys; ++k) out[k] = tokens_.intern(keys_[k]);
      }
    } else {
      for (auto t : analyzer_.word_tokens(text)) take(tokens_.intern(t));
    }
  }

  StringTable table() const { return tokens_.table(); }

 private:
  Analyzer& analyzer_;
  bool stops_;
  Vocabulary tokens_;
  std::vector<std::uint8_t> stop_;  // per token id
  std::string scratch_;
  std::vector<Vocabulary::Key> keys_;
};

bool text_is_ascii(const std::vector<std::string_view>& texts, const std::vector<std::uint8_t>* ascii,
                   std::size_t d) {
  return ascii ? (*ascii)[d] != 0 : is_ascii(texts[d]);
}

// Counts the features of documents [b, e) into `cc`, as ids of a table of
// the chunk's own: their totals, the strings, and with `rows` one row per
// document.
void count_documents(const std::vector<std::string_view>& texts, const std::vector<std::uint8_t>* ascii,
                     std::size_t b, std::size_t e, Analyzer& analyzer, ChunkCounts& cc, bool rows) {
  DocCounter counter;
  auto end_row = [&] {
    counter.end(rows, cc.rows.ids, cc.rows.values);
    if (rows) cc.rows.indptr.push_back(static_cast<std::int64_t>(cc.rows.ids.size()));
  };
  const AnalyzerOptions& o = analyzer.options();
  if (o.kind != AnalyzerKind::word) {
    Vocabulary map;
    FeatureList feats;
    for (std::size_t d = b; d < e; ++d) {
      analyzer.analyze(texts[d], feats);
      counter.begin();
      for (std::size_t k = 0; k < feats.size(); ++k) counter.add(map.intern(feats[k]));
      end_row();
    }
    cc.features = map.table();
    counter.totals(cc.features.size(), cc.tf, cc.df);
    return;
  }
  DocTokenizer tokenizer(analyzer);
  NgramFeatures ngrams(o.min_n, o.max_n, o.skip);
  std::vector<std::int32_t> doc_tokens, doc_features;
  const bool unigrams = o.max_n == 1 && !analyzer.has_stop_words();
  for (std::size_t d = b; d < e; ++d) {
    if (d + 2 < e) prefetch_text(texts[d + 2]);
    tokenizer.tokens(texts[d], text_is_ascii(texts, ascii, d), doc_tokens);
    // Unigrams without stop words: the features are the tokens themselves.
    const std::vector<std::int32_t>* fids = &doc_tokens;
    if (!unigrams) {
      doc_features.clear();
      ngrams.features(doc_tokens, [&](std::int32_t fid) { doc_features.push_back(fid); });
      fids = &doc_features;
    }
    counter.begin();
    const std::size_t n = fids->size();
    for (std::size_t k = 0; k < n; ++k) {
      if (k + kCountAhead < n) counter.prefetch((*fids)[k + kCountAhead]);
      counter.add((*fids)[k]);
    }
    end_row();
  }
  if (unigrams) {
    cc.features = tokenizer.table();
    counter.totals(cc.features.size(), cc.tf, cc.df);
  } else {
    ngrams.to_chunk(tokenizer.table(), " ", cc);
    counter.totals(cc.grams.size() / cc.width, cc.tf, cc.df);
  }
}

}  // namespace

std::vector<ChunkCounts> count_chunks(const std::vector<std::string_view>& texts, const AnalyzerOptions& opts,
                                      unsigned threads, bool keep_rows,
                                      const std::vector<std::uint8_t>* ascii) {
  if (ascii && ascii->size() != texts.size()) throw Error("one ASCII flag per text is needed");
  const std::vector<std::size_t> bounds = chunk_bounds(texts, threads);
  const std::size_t n_chunks = bounds.size() - 1;
  std::vector<ChunkCounts> chunks(n_chunks);
  const Analyzer prototype(opts);  // validates options once
  parallel_chunks(n_chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    const std::size_t b = bounds[c], e = bounds[c + 1];
    Analyzer analyzer(prototype);
    ChunkCounts& cc = chunks[c];
    if (keep_rows) {
      // An upper bound of the chunk's entries: reserving it costs address
      // space only (pages are resident once written), and spares the copies
      // and the up-to-2x slack of growing vectors.
      std::size_t bound = 0;
      for (std::size_t d = b; d < e; ++d) {
        const std::size_t len = texts[d].size();
        const std::size_t orders = static_cast<std::size_t>(opts.max_n - opts.min_n + 1);
        bound +=
            opts.kind == AnalyzerKind::word ? (len / 3 + 1) * orders * (opts.skip + 1u) : (len + 2) * orders;
      }
      cc.rows.ids.reserve(bound);
      cc.rows.values.reserve(bound);
      cc.rows.indptr.reserve(e - b + 1);
    }
    count_documents(texts, ascii, b, e, analyzer, cc, keep_rows);
  });
  return chunks;
}

}  // namespace textgauge::dtm

namespace textgauge::dtm {

std::vector<TokenChunk> tokenize_chunks(const std::vector<std::string_view>& texts,
                                        const AnalyzerOptions& opts, unsigned threads,
                                        const std::vector<std::uint8_t>* ascii) {
  if (ascii && ascii->size() != texts.size()) throw Error("one ASCII flag per text is needed");
  if (opts.kind != AnalyzerKind::word) throw Error("tokenize_chunks needs the word analyzer");
  const std::vector<std::size_t> bounds = chunk_bounds(texts, threads);
  const std::size_t n_chunks = bounds.size() - 1;
  std::vector<TokenChunk> chunks(n_chunks);
  const Analyzer prototype(opts);
  parallel_chunks(n_chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    const std::size_t b = bounds[c], e = bounds[c + 1];
    Analyzer analyzer(prototype);
    DocTokenizer tokenizer(analyzer);
    TokenChunk& tc = chunks[c];
    tc.first_doc = b;
    std::size_t bytes = 0;
    for (std::size_t d = b; d < e; ++d) bytes += texts[d].size();
    tc.ids.reserve(bytes / 5 + 16);  // about a token per 5-6 bytes of prose
    tc.ends.reserve(e - b);
    std::vector<std::int32_t> doc;
    for (std::size_t d = b; d < e; ++d) {
      if (d + 2 < e) prefetch_text(texts[d + 2]);
      tokenizer.tokens(texts[d], text_is_ascii(texts, ascii, d), doc);
      tc.ids.insert(tc.ids.end(), doc.begin(), doc.end());
      tc.ends.push_back(static_cast<std::int64_t>(tc.ids.size()));
    }
    tc.tokens = tokenizer.table();
    tc.tf.assign(tc.tokens.size(), 0);
    for (const std::int32_t t : tc.ids) ++tc.tf[static_cast<std::size_t>(t)];
  });
  return chunks;
}

ChunkCounts count_token_chunk(const TokenChunk& tc, const AnalyzerOptions& opts) {
  ChunkCounts cc;
  NgramFeatures ngrams(opts.min_n, opts.max_n, opts.skip);
  DocCounter counter;
  std::vector<std::int32_t> toks;
  std::int64_t at = 0;
  for (const std::int64_t end : tc.ends) {
    toks.assign(tc.ids.begin() + at, tc.ids.begin() + end);
    at = end;
    counter.begin();
    ngrams.features(toks, [&](std::int32_t fid) { counter.add(fid); });
    counter.end(true, cc.rows.ids, cc.rows.values);
    cc.rows.indptr.push_back(static_cast<std::int64_t>(cc.rows.ids.size()));
  }
  ngrams.to_chunk(tc.tokens, " ", cc);
  counter.totals(cc.grams.size() / cc.width, cc.tf, cc.df);
  return cc;
}

}  // namespace textgauge::dtm
