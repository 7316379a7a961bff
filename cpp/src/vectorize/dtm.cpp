#include "textgauge/vectorize/dtm.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "text/ascii_words.hpp"
#include "common/flat_map.hpp"
#include "common/huge_pages.hpp"
#include "textgauge/error.hpp"
#include "textgauge/vectorize/hashing.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

// ---------------------------------------------------------------- TermStats

void TermStats::merge(const TermStats& other) {
  TermStats out;
  out.n_docs = n_docs + other.n_docs;
  const std::size_t a = terms.size(), b = other.terms.size();
  out.term_count.reserve(std::max(a, b));
  out.doc_count.reserve(std::max(a, b));
  std::size_t i = 0, j = 0;
  while (i < a || j < b) {
    int cmp;
    if (i == a)
      cmp = 1;
    else if (j == b)
      cmp = -1;
    else
      cmp = terms[i].compare(other.terms[j]);
    if (cmp < 0) {
      out.terms.push(terms[i]);
      out.term_count.push_back(term_count[i]);
      out.doc_count.push_back(doc_count[i]);
      ++i;
    } else if (cmp > 0) {
      out.terms.push(other.terms[j]);
      out.term_count.push_back(other.term_count[j]);
      out.doc_count.push_back(other.doc_count[j]);
      ++j;
    } else {
      out.terms.push(terms[i]);
      out.term_count.push_back(term_count[i] + other.term_count[j]);
      out.doc_count.push_back(doc_count[i] + other.doc_count[j]);
      ++i;
      ++j;
    }
  }
  *this = std::move(out);
}

// ---------------------------------------------------------------- pruning

std::vector<std::int64_t> prune(const TermStats& stats, const PruneOptions& o) {
  const std::size_t n = stats.terms.size();
  std::vector<std::int64_t> kept;
  kept.reserve(n);
  for (std::size_t t = 0; t < n; ++t) {
    const auto df = static_cast<double>(stats.doc_count[t]);
    if (df <= o.high && df >= o.low) kept.push_back(static_cast<std::int64_t>(t));
  }
  if (o.max_features >= 0 && kept.size() > static_cast<std::size_t>(o.max_features)) {
    const auto& tfs = o.binary ? stats.doc_count : stats.term_count;
    // sklearn keeps the first max_features of an (unstable) argsort of -tf;
    // ties at the cut go here to the term first in vocabulary order.
    std::stable_sort(kept.begin(), kept.end(), [&](std::int64_t x, std::int64_t y) {
      return tfs[static_cast<std::size_t>(x)] > tfs[static_cast<std::size_t>(y)];
    });
    kept.resize(static_cast<std::size_t>(o.max_features));
    std::sort(kept.begin(), kept.end());
  }
  if (kept.empty()) throw Error("After pruning, no terms remain. Try a lower min_df or a higher max_df.");
  return kept;
}

namespace {

// 64-bit keys with an id: what the radix sorts below order.
struct KeyItem {
  std::uint64_t key;
  std::int32_t id;
};

// Sorts `a` by key (stable: equal keys keep their order), an LSD radix sort
// on 16-bit digits that skips digits equal in every key.
void radix_sort(std::vector<KeyItem>& a) {
  std::vector<KeyItem> b(a.size());
  std::vector<std::size_t> count(65537);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    bool all_same = true;
    const std::uint64_t first = a.empty() ? 0 : (a[0].key >> shift) & 0xFFFF;
    for (const KeyItem& it : a) {
      const auto digit = (it.key >> shift) & 0xFFFF;
      all_same = all_same && digit == first;
      ++count[digit + 1];
    }
    if (all_same) continue;  // this digit orders nothing
    for (std::size_t d = 1; d < count.size(); ++d) count[d] += count[d - 1];
    for (const KeyItem& it : a) b[count[(it.key >> shift) & 0xFFFF]++] = it;
    a.swap(b);
  }
}

// After radix_sort(a): sorts each run of equal keys with `less` (the keys
// told those items apart only in part).
template <class Less>
void sort_ties(std::vector<KeyItem>& a, Less&& less) {
  for (std::size_t i = 0; i < a.size();) {
    std::size_t j = i + 1;
    while (j < a.size() && a[j].key == a[i].key) ++j;
    if (j - i > 1)
      std::sort(a.begin() + static_cast<std::ptrdiff_t>(i), a.begin() + static_cast<std::ptrdiff_t>(j), less);
    i = j;
  }
}

// Term ids sorted by their bytes (Python's code point order). A radix sort
// on the first 8 bytes (big-endian, zero-padded) orders almost every pair;
// runs that share those 8 bytes are then sorted on the full strings.
std::vector<std::int32_t> sorted_ids(const StringTable& keys) {
  const std::size_t n = keys.size();
  std::vector<KeyItem> a(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view s = keys[i];
    std::uint64_t prefix = 0;
    for (std::size_t k = 0; k < 8; ++k)
      prefix = (prefix << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0u);
    a[i] = {prefix, static_cast<std::int32_t>(i)};
  }
  radix_sort(a);
  sort_ties(a, [&](const KeyItem& x, const KeyItem& y) {
    return keys[static_cast<std::size_t>(x.id)] < keys[static_cast<std::size_t>(y.id)];
  });
  std::vector<std::int32_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = a[i].id;
  return ids;
}

// Counts of the documents of one chunk, on the chunk's own feature ids;
// `features` holds the feature strings once the chunk is done.
struct ChunkCounts {
  StringTable features;
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int32_t> ids;
  std::vector<std::int64_t> counts;  // int64: becomes the output's data in place
  std::vector<std::int64_t> tf, df;
  // Word n-grams may come as token sequences instead of strings (width > 0):
  // `width` ids of `tokens` per feature, -1 past its last token, joined by
  // `separator` (see merge_by_rank).
  StringTable tokens;
  std::vector<std::int32_t> grams;
  std::size_t width = 0;
  std::string separator;
};

// Whether n-grams over `tokens` joined by `sep` sort as their token
// sequences do (see merge_by_rank): `sep` is one byte, below every byte of
// every token.
bool rank_orderable(const StringTable& tokens, std::string_view sep) {
  if (sep.size() != 1) return false;
  const auto floor = static_cast<unsigned char>(sep[0]);
  for (const char c : tokens.bytes)
    if (static_cast<unsigned char>(c) <= floor) return false;
  return true;
}

// The feature strings of a chunk in token form.
void strings_from_grams(ChunkCounts& cc) {
  if (cc.width == 0) return;
  StringTable out;
  std::string buf;
  for (std::size_t f = 0; f * cc.width < cc.grams.size(); ++f) {
    buf.clear();
    for (std::size_t k = 0; k < cc.width; ++k) {
      const std::int32_t t = cc.grams[f * cc.width + k];
      if (t < 0) break;
      if (k) buf.append(cc.separator);
      buf.append(cc.tokens[static_cast<std::size_t>(t)]);
    }
    out.push(buf);
  }
  cc.features = std::move(out);
  cc.tokens = StringTable();
  cc.grams = {};
  cc.width = 0;
}

// Open-addressing map from sequences of token ids (word n-grams) to dense
// ids: n-grams are counted without building their strings, which are made
// once per distinct n-gram at the end.
class SeqMap {
 public:
  SeqMap() : slots_(1024, 0), mask_(1023) {}
  // Slots are picked by the low bits, tags are the top half.
  static std::uint64_t hash(const std::int32_t* seq, std::size_t n) noexcept { return hash_words(seq, n); }
  std::int32_t intern(const std::int32_t* seq, std::size_t n) {
    const std::uint64_t h = hash(seq, n);
    const std::uint64_t tag = h >> 32;
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const std::uint64_t slot = slots_[i];
      if (!slot) break;
      if ((slot >> 32) == tag) {
        const auto id = static_cast<std::size_t>((slot & 0xFFFFFFFFu) - 1);
        if (offsets_[id + 1] - offsets_[id] == n &&
            std::memcmp(arena_.data() + offsets_[id], seq, n * sizeof(std::int32_t)) == 0)
          return static_cast<std::int32_t>(id);
      }
    }
    const auto id = static_cast<std::int32_t>(offsets_.size() - 1);
    arena_.insert(arena_.end(), seq, seq + n);
    offsets_.push_back(arena_.size());
    slots_[i] = (tag << 32) | static_cast<std::uint64_t>(id + 1);
    if ((offsets_.size() - 1) * 2 > slots_.size()) grow();
    return id;
  }
  std::size_t size() const noexcept { return offsets_.size() - 1; }
  const std::int32_t* seq(std::size_t id, std::size_t& n) const noexcept {
    n = offsets_[id + 1] - offsets_[id];
    return arena_.data() + offsets_[id];
  }

 private:
  void grow() {
    std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> old(slots_.size() * 2, 0);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (std::uint64_t slot : old) {
      if (!slot) continue;
      const auto id = static_cast<std::size_t>((slot & 0xFFFFFFFFu) - 1);
      const std::uint64_t h = hash(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
      std::size_t i = h & mask_;
      while (slots_[i]) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }
  std::vector<std::int32_t> arena_;
  std::vector<std::size_t> offsets_{0};
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> slots_;
  std::size_t mask_;
};

// Bigrams (the common case) keyed by the two token ids packed into 64 bits
// (pair_key) and stored in the slot: one probe, no arena. Ids are
// non-negative, so no pair is FlatMap's empty key.
using PairMap = FlatMap<std::uint64_t, std::int32_t, FlatMapTraits<std::uint64_t>, HugePageAllocator>;
inline std::uint64_t pair_key(std::int32_t a, std::int32_t b) noexcept {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
}

// Per-document counting with a dense array over the feature ids holding each
// feature's last document, count there, and totals (24 bytes per feature:
// small next to the features' own tables, even for word n-grams). A
// document's features come out in the order of their first occurrence in it,
// whatever the chunking, so rows need no sort to be independent of the thread
// count; sorting them by column is finish_fit's option.
#if defined(__GNUC__)
#define TG_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define TG_ALWAYS_INLINE inline
#endif

constexpr std::size_t kCountAhead = 8;  // tokens: how far ahead DocCounter::prefetch looks

class DocCounter {
 public:
  void begin() {
    n_ = 0;
    ++doc_;
  }
  TG_ALWAYS_INLINE void add(std::int32_t id) {
    const auto u = static_cast<std::size_t>(id);
    if (u >= seen_.size()) seen_.resize(std::max<std::size_t>(u + 1, seen_.size() * 2));
    Seen& e = seen_[u];
    if (e.doc != doc_) {
      e.doc = doc_;
      e.count = 0;
      if (n_ == ids_.size()) ids_.resize(2 * n_ + 64);
      ids_[n_++] = id;
    }
    ++e.count;
  }
  // Starts loading the entry of a feature that add() will see shortly.
  void prefetch(std::int32_t id) const noexcept {
    const auto u = static_cast<std::size_t>(id);
    if (u < seen_.size()) __builtin_prefetch(&seen_[u]);
  }
  // Ends the document: adds its counts to the totals and, with `rows`, its
  // features and counts as the next row of `ids`/`counts`.
  void end(bool rows, std::vector<std::int32_t>& ids, std::vector<std::int64_t>& counts) {
    for (std::size_t k = 0; k < n_; ++k) {
      Seen& e = seen_[static_cast<std::size_t>(ids_[k])];
      e.tf += e.count;
      e.df += 1;
    }
    if (!rows) return;
    const std::size_t at = ids.size();
    ids.resize(at + n_);
    counts.resize(at + n_);
    for (std::size_t k = 0; k < n_; ++k) {
      ids[at + k] = ids_[k];
      counts[at + k] = seen_[static_cast<std::size_t>(ids_[k])].count;
    }
  }
  // Each feature's total count and document count, for features [0, n).
  void totals(std::size_t n, std::vector<std::int64_t>& tf, std::vector<std::int64_t>& df) const {
    tf.assign(n, 0);
    df.assign(n, 0);
    for (std::size_t u = 0; u < std::min(n, seen_.size()); ++u) {
      tf[u] = seen_[u].tf;
      df[u] = seen_[u].df;
    }
  }

 private:
  // All a feature's numbers side by side: one cache line per feature, which
  // for the rare ones is a miss.
  struct Seen {
    std::uint32_t doc = 0;   // the last document it was seen in
    std::int32_t count = 0;  // its count there
    std::int64_t tf = 0, df = 0;
  };
  std::uint32_t doc_ = 0;
  std::size_t n_ = 0;
  std::vector<std::int32_t> ids_;  // the first n_ are this document's
  std::vector<Seen, HugePageAllocator<Seen>> seen_;
};

unsigned chunk_plan(std::size_t n, unsigned threads, std::size_t& chunk) {
  threads = resolve_threads(threads);
  // One contiguous chunk per thread: every chunk's vocabulary is merged
  // serially afterwards (for word n-grams most of a chunk's terms are its
  // own), so fewer chunks cost less merging than they lose in balance; the
  // per-chunk maps stay few, so memory still follows the vocabulary.
  const std::size_t chunks = n < 64 ? 1 : std::min<std::size_t>(n, threads);
  chunk = (n + chunks - 1) / std::max<std::size_t>(chunks, 1);
  return threads;
}

// The features of each document, as ids of a chunk-local table, handed to
// `row(ids, counts)`; afterwards `features` receives the strings.
constexpr std::int32_t kPairFeature = std::numeric_limits<std::int32_t>::min();

// Word n-gram features over token ids: unigrams through a direct array,
// bigrams through PairMap, longer n-grams through SeqMap; one dense feature
// id space in order of first occurrence. Strings are made at the end.
class NgramFeatures {
 public:
  NgramFeatures(int min_n, int max_n, int skip) : min_n_(min_n), max_n_(max_n), skip_(skip) {}

  // Calls add(feature id) for every n-gram of `toks`.
  template <class Add>
  void features(const std::vector<std::int32_t>& toks, Add&& add) {
    if (max_n_ == 1) {  // unigrams: no n-gram enumeration
      for (const std::int32_t tok : toks) add(unigram(tok));
      return;
    }
    if (max_n_ == 2 && skip_ == 0) {  // (1, 2) and (2, 2), in for_each_ngram's order
      if (min_n_ == 1)
        for (const std::int32_t tok : toks) add(unigram(tok));
      if (toks.size() < 2) return;
      // The pairs' keys first, each one's slot prefetched, then the lookups
      // (most pairs are rare: their slots miss the cache).
      const std::size_t m = toks.size() - 1;
      pair_keys_.resize(m);
      for (std::size_t k = 0; k < m; ++k) {
        pair_keys_[k] = pair_key(toks[k], toks[k + 1]);
        pairs_.prefetch(pair_keys_[k]);
      }
      for (std::size_t k = 0; k < m; ++k) add(pair(pair_keys_[k]));
      return;
    }
    for_each_ngram(toks.size(), min_n_, max_n_, skip_, [&](const std::size_t* pos, std::size_t n) {
      const auto next = static_cast<std::int32_t>(kind_.size());
      if (n == 1) {
        add(unigram(toks[pos[0]]));
      } else if (n == 2) {
        add(pair(pair_key(toks[pos[0]], toks[pos[1]])));
      } else {
        seq_.resize(n);
        for (std::size_t k = 0; k < n; ++k) seq_[k] = toks[pos[k]];
        const std::int32_t g = ngrams_.intern(seq_.data(), n);
        if (static_cast<std::size_t>(g) == ngram_feature_.size()) {
          ngram_feature_.push_back(next);
          kind_.push_back(-1 - g);
        }
        add(ngram_feature_[static_cast<std::size_t>(g)]);
      }
    });
  }

  // The feature id of a unigram and of a token pair (pair_key), made
  // when new.
  std::int32_t unigram(std::int32_t tok) {
    const auto t = static_cast<std::size_t>(tok);
    if (t >= unigram_.size()) unigram_.resize(std::max(t + 1, unigram_.size() * 2), -1);
    std::int32_t& u = unigram_[t];
    if (u < 0) {
      u = static_cast<std::int32_t>(kind_.size());
      kind_.push_back(tok);
    }
    return u;
  }
  std::int32_t pair(std::uint64_t key) {
    const auto next = static_cast<std::int32_t>(kind_.size());
    const std::int32_t fid = pairs_.try_emplace(key, next).first;
    if (fid == next) {
      kind_.push_back(kPairFeature);
      pair_of_.push_back(key);
    }
    return fid;
  }

  // Hands the features to `cc` in token form: max_n ids of `tokens` each,
  // -1 padded, joined by `sep` (merge_chunks makes the strings).
  void to_chunk(const StringTable& tokens, std::string_view sep, ChunkCounts& cc) const {
    const auto width = static_cast<std::size_t>(max_n_);
    cc.width = width;
    cc.tokens = tokens;
    cc.separator = std::string(sep);
    cc.grams.assign(kind_.size() * width, -1);
    std::size_t next_pair = 0;
    for (std::size_t f = 0; f < kind_.size(); ++f) {
      std::int32_t* g = cc.grams.data() + f * width;
      const std::int32_t k = kind_[f];
      if (k >= 0) {
        g[0] = k;
      } else if (k == kPairFeature) {
        const std::uint64_t p = pair_of_[next_pair++];
        g[0] = static_cast<std::int32_t>(p >> 32);
        g[1] = static_cast<std::int32_t>(p & 0xFFFFFFFFu);
      } else {
        std::size_t n = 0;
        const std::int32_t* q = ngrams_.seq(static_cast<std::size_t>(-1 - k), n);
        std::copy(q, q + n, g);
      }
    }
  }

 private:
  int min_n_, max_n_, skip_;
  std::vector<std::int32_t> unigram_;        // token id -> feature id, -1 when none yet
  PairMap pairs_{512};                       // n == 2
  SeqMap ngrams_;                            // n >= 3
  std::vector<std::int32_t> ngram_feature_;  // SeqMap id -> feature id
  std::vector<std::int32_t> kind_;      // feature id -> token id (n = 1), kPairFeature, or -1 - SeqMap id
  std::vector<std::uint64_t> pair_of_;  // packed token pairs of the n == 2 features, in id order
  std::vector<std::int32_t> seq_;
  std::vector<std::uint64_t> pair_keys_;  // one document's, for prefetching
};

// Counts the features of documents [b, e) into `cc`, as ids of a table of
// the chunk's own: their totals, the strings, and with `rows` one row per
// document.
void count_documents(const std::vector<std::string_view>& texts, const std::vector<std::uint8_t>* ascii,
                     std::size_t b, std::size_t e, Analyzer& analyzer, ChunkCounts& cc, bool rows) {
  DocCounter counter;
  auto end_row = [&] {
    counter.end(rows, cc.ids, cc.counts);
    if (rows) cc.indptr.push_back(static_cast<std::int64_t>(cc.ids.size()));
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
  Vocabulary tokens;
  std::vector<std::uint8_t> stop;  // per token id
  NgramFeatures ngrams(o.min_n, o.max_n, o.skip);
  std::vector<std::int32_t> doc_tokens, doc_features;
  const bool stops = analyzer.has_stop_words();
  const bool unigrams = o.max_n == 1 && !stops;
  // ASCII texts skip the analyzer: their preprocessing is lowercasing at
  // most (NFKD accent stripping changes no ASCII), and their tokens are runs
  // of [A-Za-z0-9_], keyed straight from the text.
  std::string scratch;
  std::vector<Vocabulary::Key> keys;
  for (std::size_t d = b; d < e; ++d) {
    if (d + 2 < e) prefetch_text(texts[d + 2]);
    doc_tokens.clear();
    auto take = [&](std::int32_t id) {
      if (!stops) {
        doc_tokens.push_back(id);
        return;
      }
      if (static_cast<std::size_t>(id) == stop.size()) stop.push_back(analyzer.is_stop_word(tokens.term(id)));
      if (!stop[static_cast<std::size_t>(id)]) doc_tokens.push_back(id);
    };
    if (ascii ? (*ascii)[d] != 0 : is_ascii(texts[d])) {
      // All of the document's keys first, each one's index slot prefetched,
      // then the lookups: rare words miss the cache, and this way their
      // misses overlap instead of queueing behind each other.
      ascii::copy_padded(texts[d], o.lowercase, scratch);
      std::size_t n_keys = 0;
      ascii::scan_python_words(texts[d], [&](std::size_t start, std::size_t end) {
        // grown with the tokens found (a bound from the text's length would be
        // a third of its bytes in keys, for one long token too)
        if (n_keys == keys.size()) keys.resize(2 * keys.size() + 64);
        ascii::key(scratch, start, end, keys[n_keys]);
        tokens.prefetch(keys[n_keys++]);
      });
      if (stops) {
        for (std::size_t k = 0; k < n_keys; ++k) take(tokens.intern(keys[k]));
      } else {
        doc_tokens.resize(n_keys);
        for (std::size_t k = 0; k < n_keys; ++k) doc_tokens[k] = tokens.intern(keys[k]);
      }
    } else {
      for (auto t : analyzer.word_tokens(texts[d])) take(tokens.intern(t));
    }
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
    cc.features = tokens.table();
    counter.totals(cc.features.size(), cc.tf, cc.df);
  } else {
    ngrams.to_chunk(tokens.table(), " ", cc);
    counter.totals(cc.grams.size() / cc.width, cc.tf, cc.df);
  }
}

std::vector<ChunkCounts> count_chunks(const std::vector<std::string_view>& texts, const AnalyzerOptions& opts,
                                      unsigned threads, bool keep_rows,
                                      const std::vector<std::uint8_t>* ascii) {
  if (ascii && ascii->size() != texts.size()) throw Error("one ASCII flag per text is needed");
  std::size_t chunk = 1;
  threads = chunk_plan(texts.size(), threads, chunk);
  const std::size_t n_chunks = texts.empty() ? 0 : (texts.size() + chunk - 1) / chunk;
  std::vector<ChunkCounts> chunks(n_chunks);
  const Analyzer prototype(opts);  // validates options once
  parallel_chunks(texts.size(), chunk, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
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
      cc.ids.reserve(bound);
      cc.counts.reserve(bound);
      cc.indptr.reserve(e - b + 1);
    }
    count_documents(texts, ascii, b, e, analyzer, cc, keep_rows);
  });
  return chunks;
}

// The strings of several tables in sorted order, each distinct one once.
// Each table is sorted on its own (in parallel), then the sorted lists are
// merged: no string is hashed again, and equal strings of different tables
// meet at the merge front. For each distinct string, in order: term(s), then
// entry(c, local) for every table c holding it at `local`. Before that,
// ahead(c, local) names the entry table c reaches 16 steps later: the entries
// are visited in no order in memory, and fetching ahead saves a miss each.
template <class Term, class Entry, class Ahead>
void merge_sorted(const std::vector<const StringTable*>& tables, unsigned threads, Term&& term, Entry&& entry,
                  Ahead&& ahead) {
  const std::size_t k = tables.size();
  std::vector<std::vector<std::int32_t>> order(k);
  parallel_chunks(k, 1, threads,
                  [&](std::size_t c, std::size_t, std::size_t) { order[c] = sorted_ids(*tables[c]); });
  std::vector<std::size_t> head(k, 0);
  std::vector<std::size_t> at_min;
  for (;;) {
    // the smallest current string over the tables (k is the thread count: small)
    at_min.clear();
    std::string_view best;
    for (std::size_t c = 0; c < k; ++c) {
      const std::vector<std::int32_t>& o = order[c];
      const std::size_t at = head[c];
      if (at == o.size()) continue;
      const StringTable& t = *tables[c];
      if (at + 32 < o.size()) __builtin_prefetch(&t.offsets[static_cast<std::size_t>(o[at + 32])]);
      if (at + 16 < o.size()) {
        const auto later = static_cast<std::size_t>(o[at + 16]);
        __builtin_prefetch(t.bytes.data() + t.offsets[later]);
        ahead(c, later);
      }
      const std::string_view s = t[static_cast<std::size_t>(o[at])];
      if (at_min.empty() || s < best) {
        at_min.assign(1, c);
        best = s;
      } else if (s == best) {
        at_min.push_back(c);
      }
    }
    if (at_min.empty()) return;
    term(best);
    for (std::size_t c : at_min) entry(c, static_cast<std::size_t>(order[c][head[c]++]));
  }
}

// Global terms of all chunks, sorted; `to_sorted[c][local id]` = position.
// Word n-grams merged through token ranks instead of their strings. With a
// one-byte separator below every byte of every token (rank_orderable), "a b"
// sorts before "c d" exactly when (a, b) sorts before (c, d) in token order,
// and a sequence before its extensions ("a" < "a b" < "ab"). So the n-grams
// sort as their sequences of token ranks (rank + 1 each, 0 past the end):
// integer keys, radix sorted, after which each term's string is written once,
// in order, from the small token table. Making every n-gram's string first
// and sorting the strings costs several times more.
TermStats merge_by_rank(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                        std::vector<std::vector<std::int32_t>>& to_sorted, unsigned threads) {
  const std::size_t k = chunks.size();
  const std::size_t width = chunks[0].width;
  const std::string sep = chunks[0].separator;
  // Every chunk's tokens ranked in one sorted table.
  StringTable tokens;
  std::vector<std::vector<std::uint32_t>> rank(k);
  std::vector<const StringTable*> tables(k);
  for (std::size_t c = 0; c < k; ++c) {
    rank[c].resize(chunks[c].tokens.size());
    tables[c] = &chunks[c].tokens;
  }
  merge_sorted(
      tables, threads, [&](std::string_view t) { tokens.push(t); },
      [&](std::size_t c, std::size_t local) {
        rank[c][local] = static_cast<std::uint32_t>(tokens.size() - 1);
      },
      [](std::size_t, std::size_t) {});
  // One key per feature of every chunk; id = its global index.
  std::vector<std::size_t> first(k + 1, 0);
  for (std::size_t c = 0; c < k; ++c) first[c + 1] = first[c] + chunks[c].grams.size() / width;
  const std::size_t total = first[k];
  if (total > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error("too many distinct n-grams (more than 2^31)");
  auto chunk_of = [&](std::size_t id) {
    return static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), id) - first.begin()) - 1;
  };
  auto word = [&](std::size_t c, std::size_t local, std::size_t j) -> std::uint64_t {
    const std::int32_t t = chunks[c].grams[local * width + j];
    return t < 0 ? 0 : std::uint64_t{rank[c][static_cast<std::size_t>(t)]} + 1;
  };
  std::vector<KeyItem> items(total);
  parallel_chunks(k, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    for (std::size_t l = 0; first[c] + l < first[c + 1]; ++l)
      items[first[c] + l] = {(word(c, l, 0) << 32) | (width > 1 ? word(c, l, 1) : 0),
                             static_cast<std::int32_t>(first[c] + l)};
  });
  radix_sort(items);
  // Keys tell the first two tokens apart; longer n-grams compare the rest.
  auto rest_less = [&](const KeyItem& x, const KeyItem& y) {
    const auto xi = static_cast<std::size_t>(x.id), yi = static_cast<std::size_t>(y.id);
    const std::size_t cx = chunk_of(xi), cy = chunk_of(yi);
    for (std::size_t j = 2; j < width; ++j) {
      const std::uint64_t a = word(cx, xi - first[cx], j), b = word(cy, yi - first[cy], j);
      if (a != b) return a < b;
    }
    return false;
  };
  if (width > 2) sort_ties(items, rest_less);
  TermStats stats;
  stats.n_docs = static_cast<std::int64_t>(n_docs);
  to_sorted.assign(k, {});
  for (std::size_t c = 0; c < k; ++c) to_sorted[c].resize(first[c + 1] - first[c]);
  std::string buf;
  std::int32_t r = -1;
  for (std::size_t i = 0; i < total; ++i) {
    if (i + 16 < total) {  // the chunk numbers are read in no order in memory: fetch ahead
      const auto ahead = static_cast<std::size_t>(items[i + 16].id);
      const std::size_t ca = chunk_of(ahead);
      __builtin_prefetch(&chunks[ca].tf[ahead - first[ca]]);
      __builtin_prefetch(&chunks[ca].df[ahead - first[ca]]);
      __builtin_prefetch(&to_sorted[ca][ahead - first[ca]]);
      __builtin_prefetch(&chunks[ca].grams[(ahead - first[ca]) * width]);
    }
    const auto id = static_cast<std::size_t>(items[i].id);
    const std::size_t c = chunk_of(id), l = id - first[c];
    if (i == 0 || items[i].key != items[i - 1].key || (width > 2 && rest_less(items[i - 1], items[i]))) {
      buf.clear();
      for (std::size_t j = 0; j < width; ++j) {
        const std::uint64_t w = word(c, l, j);
        if (w == 0) break;
        if (j) buf.append(sep);
        buf.append(tokens[static_cast<std::size_t>(w - 1)]);
      }
      stats.terms.push(buf);
      stats.term_count.push_back(0);
      stats.doc_count.push_back(0);
      ++r;
    }
    stats.term_count.back() += chunks[c].tf[l];
    stats.doc_count.back() += chunks[c].df[l];
    to_sorted[c][l] = r;
  }
  return stats;
}

TermStats merge_chunks(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                       std::vector<std::vector<std::int32_t>>& to_sorted, unsigned threads = 1) {
  // Chunks of word n-grams (token form) merge by token ranks when their
  // strings sort as the token sequences do; otherwise, they become strings.
  const bool by_rank =
      !chunks.empty() && std::all_of(chunks.begin(), chunks.end(), [&](const ChunkCounts& cc) {
        return cc.width > 0 && cc.width == chunks[0].width && cc.separator == chunks[0].separator &&
               rank_orderable(cc.tokens, cc.separator);
      });
  if (by_rank) return merge_by_rank(chunks, n_docs, to_sorted, threads);
  for (auto& cc : chunks) strings_from_grams(cc);
  const std::size_t k = chunks.size();
  std::size_t total_terms = 0, total_bytes = 0;
  std::vector<const StringTable*> tables(k);
  to_sorted.assign(k, {});
  for (std::size_t c = 0; c < k; ++c) {
    total_terms += chunks[c].features.size();
    total_bytes += chunks[c].features.bytes.size();
    tables[c] = &chunks[c].features;
    to_sorted[c].resize(chunks[c].features.size());
  }
  TermStats stats;
  stats.n_docs = static_cast<std::int64_t>(n_docs);
  stats.terms.bytes.reserve(k == 1 ? total_bytes : total_bytes / 2);
  stats.terms.offsets.reserve((k == 1 ? total_terms : total_terms / 2) + 1);
  merge_sorted(
      tables, threads,
      [&](std::string_view t) {
        stats.terms.push(t);
        stats.term_count.push_back(0);
        stats.doc_count.push_back(0);
      },
      [&](std::size_t c, std::size_t local) {
        to_sorted[c][local] = static_cast<std::int32_t>(stats.terms.size() - 1);
        stats.term_count.back() += chunks[c].tf[local];
        stats.doc_count.back() += chunks[c].df[local];
      },
      [&](std::size_t c, std::size_t local) {
        __builtin_prefetch(&chunks[c].tf[local]);
        __builtin_prefetch(&chunks[c].df[local]);
        __builtin_prefetch(&to_sorted[c][local]);
      });
  return stats;
}

// Sorts entries [b, e) of a row by column: the column and the count packed
// into one 64-bit key (counts below 2^32, as any real document's are), else
// through pairs.
void sort_row(std::vector<std::int32_t>& idx, std::vector<std::int64_t>& val, std::size_t b, std::size_t e,
              std::vector<std::pair<std::int32_t, std::int64_t>>& scratch) {
  if (e - b <= 32) {
    // Most rows (a paragraph's distinct terms) are short: insertion sort in
    // place, no packing. Columns within a row are distinct.
    std::int32_t* ix = idx.data();
    std::int64_t* vx = val.data();
    for (std::size_t k = b + 1; k < e; ++k) {
      const std::int32_t c = ix[k];
      const std::int64_t v = vx[k];
      std::size_t j = k;
      for (; j > b && ix[j - 1] > c; --j) {
        ix[j] = ix[j - 1];
        vx[j] = vx[j - 1];
      }
      ix[j] = c;
      vx[j] = v;
    }
    return;
  }
  thread_local std::vector<std::uint64_t> keys;
  keys.clear();
  bool small = true;
  for (std::size_t k = b; k < e; ++k) {
    small = small && val[k] >= 0 && val[k] <= 0xFFFFFFFFll;
    keys.push_back((static_cast<std::uint64_t>(static_cast<std::uint32_t>(idx[k])) << 32) |
                   static_cast<std::uint32_t>(val[k]));
  }
  if (small) {
    std::sort(keys.begin(), keys.end());
    for (std::size_t k = b; k < e; ++k) {
      idx[k] = static_cast<std::int32_t>(keys[k - b] >> 32);
      val[k] = static_cast<std::int64_t>(keys[k - b] & 0xFFFFFFFFu);
    }
    return;
  }
  scratch.clear();
  for (std::size_t k = b; k < e; ++k) scratch.emplace_back(idx[k], val[k]);
  std::sort(scratch.begin(), scratch.end());
  for (std::size_t k = b; k < e; ++k) {
    idx[k] = scratch[k - b].first;
    val[k] = scratch[k - b].second;
  }
}

}  // namespace

namespace {

FitResult finish_fit(std::vector<ChunkCounts>& chunks, std::size_t n_docs, const PruneOptions& prune_options,
                     unsigned threads = 1, bool keep_stats = true, bool sorted_rows = true) {
  std::vector<std::vector<std::int32_t>> to_sorted;
  FitResult result;
  result.stats = merge_chunks(chunks, n_docs, to_sorted, threads);
  for (auto& cc : chunks) {  // the strings now live in the stats
    cc.features = StringTable();
    cc.tokens = StringTable();
    cc.grams = {};
  }
  if (result.stats.terms.size() == 0)
    throw Error("empty vocabulary; perhaps the documents only contain stop words");
  const std::vector<std::int64_t> kept = prune(result.stats, prune_options);
  std::vector<std::int32_t> column(result.stats.terms.size(), -1);
  for (std::size_t k = 0; k < kept.size(); ++k)
    column[static_cast<std::size_t>(kept[k])] = static_cast<std::int32_t>(k);
  // From here on to_sorted[c] maps a chunk's local ids straight to output
  // columns (-1: pruned): one lookup per matrix entry instead of two.
  for (auto& map : to_sorted)
    for (auto& id : map) id = column[static_cast<std::size_t>(id)];
  if (!keep_stats && kept.size() == result.stats.terms.size()) {
    result.vocabulary = std::move(result.stats.terms);  // nothing pruned: the same table
  } else {
    for (std::int64_t t : kept) result.vocabulary.push(result.stats.terms[static_cast<std::size_t>(t)]);
  }
  if (!keep_stats) result.stats.terms = StringTable();
  Csr& m = result.matrix;
  m.n_cols = static_cast<std::int64_t>(kept.size());
  m.sorted = sorted_rows;
  if (threads > 1 && chunks.size() > 1) {
    // Each chunk writes its own range of the output: remap and count, then
    // place. Costs the chunks' rows and the output at once (the one-thread
    // path below releases chunks as it goes).
    std::vector<std::size_t> kept_nnz(chunks.size(), 0), first_row(chunks.size() + 1, 0);
    parallel_chunks(chunks.size(), 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
      ChunkCounts& cc = chunks[c];
      const auto& map = to_sorted[c];
      for (auto& id : cc.ids) {
        id = map[static_cast<std::size_t>(id)];
        kept_nnz[c] += id >= 0;
      }
    });
    std::vector<std::size_t> first_entry(chunks.size() + 1, 0);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      first_entry[c + 1] = first_entry[c] + kept_nnz[c];
      first_row[c + 1] = first_row[c] + chunks[c].indptr.size() - 1;
    }
    m.indices.resize(first_entry.back());
    m.data.resize(first_entry.back());
    m.indptr.assign(n_docs + 1, 0);
    parallel_chunks(chunks.size(), 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
      ChunkCounts& cc = chunks[c];
      std::vector<std::pair<std::int32_t, std::int64_t>> scratch;
      std::size_t pos = first_entry[c];
      for (std::size_t r = 0; r + 1 < cc.indptr.size(); ++r) {
        const std::size_t row_begin = pos;
        for (auto k = cc.indptr[r]; k < cc.indptr[r + 1]; ++k) {
          const std::int32_t col = cc.ids[static_cast<std::size_t>(k)];
          if (col < 0) continue;
          m.indices[pos] = col;
          m.data[pos] = prune_options.binary ? 1 : cc.counts[static_cast<std::size_t>(k)];
          ++pos;
        }
        if (sorted_rows) sort_row(m.indices, m.data, row_begin, pos, scratch);
        m.indptr[first_row[c] + r + 1] = static_cast<std::int64_t>(pos);
      }
      cc = ChunkCounts();
    });
    return result;
  }
  if (chunks.size() == 1) {
    // One chunk: its rows become the output in place (remap, drop pruned
    // columns, sort each row), so the matrix is never held twice.
    ChunkCounts& cc = chunks[0];
    const auto& map = to_sorted[0];
    std::vector<std::pair<std::int32_t, std::int64_t>> scratch;
    std::size_t pos = 0;
    std::int64_t row_start = 0;
    for (std::size_t r = 0; r + 1 < cc.indptr.size(); ++r) {
      const std::int64_t row_end = cc.indptr[r + 1];
      const std::size_t row_begin = pos;
      for (auto k = row_start; k < row_end; ++k) {
        const auto u = static_cast<std::size_t>(k);
        const std::int32_t col = map[static_cast<std::size_t>(cc.ids[u])];
        if (col < 0) continue;
        cc.ids[pos] = col;
        cc.counts[pos] = prune_options.binary ? 1 : cc.counts[u];
        ++pos;
      }
      if (sorted_rows) sort_row(cc.ids, cc.counts, row_begin, pos, scratch);
      cc.indptr[r + 1] = static_cast<std::int64_t>(pos);
      row_start = row_end;
    }
    cc.ids.resize(pos);
    cc.counts.resize(pos);
    m.indices = std::move(cc.ids);
    m.data = std::move(cc.counts);
    m.indptr = std::move(cc.indptr);
    return result;
  }
  m.indptr.reserve(n_docs + 1);
  std::size_t nnz = 0;
  for (const auto& cc : chunks) nnz += cc.ids.size();
  m.indices.reserve(nnz);
  m.data.reserve(nnz);
  std::vector<std::pair<std::int32_t, std::int64_t>> scratch;
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    ChunkCounts& cc = chunks[c];
    const auto& map = to_sorted[c];
    for (std::size_t r = 0; r + 1 < cc.indptr.size(); ++r) {
      const std::size_t row_begin = m.indices.size();
      for (auto k = cc.indptr[r]; k < cc.indptr[r + 1]; ++k) {
        const std::int32_t col = map[static_cast<std::size_t>(cc.ids[k])];
        if (col < 0) continue;
        m.indices.push_back(col);
        m.data.push_back(prune_options.binary ? 1 : cc.counts[k]);
      }
      if (sorted_rows) sort_row(m.indices, m.data, row_begin, m.indices.size(), scratch);
      m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
    }
    cc = ChunkCounts();  // release as we go: peak memory ~ one chunk above the output
  }
  return result;
}

}  // namespace

FitResult fit_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const PruneOptions& prune_options, unsigned threads, bool keep_stats, bool sorted_rows,
                     const std::vector<std::uint8_t>* ascii) {
  std::vector<ChunkCounts> chunks = count_chunks(texts, analyzer, threads, true, ascii);
  return finish_fit(chunks, texts.size(), prune_options, resolve_threads(threads), keep_stats, sorted_rows);
}

FitResult fit_counts_from_ids(const std::vector<std::int64_t>& token_row,
                              const std::vector<std::int32_t>& token_term, std::size_t n_rows,
                              const StringTable& terms, const std::vector<std::uint8_t>& drop, int min_n,
                              int max_n, int skip, std::string_view separator,
                              const PruneOptions& prune_options) {
  if (token_row.size() != token_term.size()) throw Error("token_row and token_term differ in length");
  if (min_n < 1 || max_n < min_n) throw Error("ngram_range must satisfy 1 <= min_n <= max_n");
  if (skip < 0) throw Error("skip must be >= 0");
  std::vector<ChunkCounts> chunks(1);
  ChunkCounts& cc = chunks[0];
  NgramFeatures ngrams(min_n, max_n, skip);
  DocCounter counter;
  std::vector<std::int32_t> toks;
  std::size_t k = 0;
  for (std::size_t r = 0; r < n_rows; ++r) {
    toks.clear();
    for (; k < token_row.size() && token_row[k] == static_cast<std::int64_t>(r); ++k) {
      const std::int32_t t = token_term[k];
      if (t < 0 || static_cast<std::size_t>(t) >= terms.size()) throw Error("term id out of range");
      if (static_cast<std::size_t>(t) < drop.size() && drop[static_cast<std::size_t>(t)]) continue;
      toks.push_back(t);
    }
    if (k < token_row.size() && token_row[k] < static_cast<std::int64_t>(r))
      throw Error("token rows must be sorted and below n_rows");
    counter.begin();
    ngrams.features(toks, [&](std::int32_t fid) { counter.add(fid); });
    counter.end(true, cc.ids, cc.counts);
    cc.indptr.push_back(static_cast<std::int64_t>(cc.ids.size()));
  }
  if (k != token_row.size()) throw Error("token rows must be sorted and below n_rows");
  ngrams.to_chunk(terms, separator, cc);
  counter.totals(cc.grams.size() / cc.width, cc.tf, cc.df);
  return finish_fit(chunks, n_rows, prune_options);
}

TermStats count_stats(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                      unsigned threads, const std::vector<std::uint8_t>* ascii) {
  std::vector<ChunkCounts> chunks = count_chunks(texts, analyzer, threads, false, ascii);
  std::vector<std::vector<std::int32_t>> to_sorted;
  return merge_chunks(chunks, texts.size(), to_sorted, resolve_threads(threads));
}

FixedVocabulary::FixedVocabulary(const StringTable& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (map_.intern(terms[i]) != static_cast<std::int32_t>(i))
      throw Error("duplicate term in vocabulary: '" + std::string(terms[i]) + "'");
  }
}

Csr transform_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const FixedVocabulary& vocabulary, bool binary, unsigned threads) {
  std::size_t chunk = 1;
  threads = chunk_plan(texts.size(), threads, chunk);
  const std::size_t n_chunks = texts.empty() ? 0 : (texts.size() + chunk - 1) / chunk;
  std::vector<Csr> parts(n_chunks);
  const Analyzer prototype(analyzer);
  parallel_chunks(texts.size(), chunk, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
    Analyzer an(prototype);
    FeatureList feats;
    DocCounter counter;
    std::vector<std::pair<std::int32_t, std::int64_t>> scratch;
    Csr& part = parts[c];
    for (std::size_t d = b; d < e; ++d) {
      an.analyze(texts[d], feats);
      counter.begin();
      for (std::size_t k = 0; k < feats.size(); ++k) {
        const std::int32_t col = vocabulary.column(feats[k]);
        if (col >= 0) counter.add(col);
      }
      const std::size_t row_begin = part.indices.size();
      counter.end(true, part.indices, part.data);
      if (binary) std::fill(part.data.begin() + static_cast<std::ptrdiff_t>(row_begin), part.data.end(), 1);
      sort_row(part.indices, part.data, row_begin, part.indices.size(), scratch);
      part.indptr.push_back(static_cast<std::int64_t>(part.indices.size()));
    }
  });
  Csr out;
  out.n_cols = static_cast<std::int64_t>(vocabulary.size());
  std::size_t nnz = 0;
  for (const auto& p : parts) nnz += p.indices.size();
  out.indices.reserve(nnz);
  out.data.reserve(nnz);
  out.indptr.reserve(texts.size() + 1);
  for (auto& p : parts) {
    const auto base = static_cast<std::int64_t>(out.indices.size());
    for (std::size_t r = 1; r < p.indptr.size(); ++r) out.indptr.push_back(base + p.indptr[r]);
    out.indices.insert(out.indices.end(), p.indices.begin(), p.indices.end());
    out.data.insert(out.data.end(), p.data.begin(), p.data.end());
    p = Csr();
  }
  return out;
}

HashedCsr hash_features(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                        std::int64_t n_features, bool alternate_sign, unsigned threads) {
  if (n_features < 1 || n_features > 0x7FFFFFFF) throw Error("n_features must be in [1, 2^31 - 1]");
  std::size_t chunk = 1;
  threads = chunk_plan(texts.size(), threads, chunk);
  const std::size_t n_chunks = texts.empty() ? 0 : (texts.size() + chunk - 1) / chunk;
  std::vector<HashedCsr> parts(n_chunks);
  const Analyzer prototype(analyzer);
  parallel_chunks(texts.size(), chunk, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
    Analyzer an(prototype);
    FeatureList feats;
    std::vector<std::pair<std::int32_t, double>> row;
    HashedCsr& part = parts[c];
    for (std::size_t d = b; d < e; ++d) {
      an.analyze(texts[d], feats);
      row.clear();
      for (std::size_t k = 0; k < feats.size(); ++k) {
        const std::int32_t h = murmurhash3_x86_32_signed(feats[k], 0);
        std::int64_t col;
        if (h == INT32_MIN)  // sklearn's definition of abs(-2^31) % n_features
          col = (2147483647 - (n_features - 1)) % n_features;
        else
          col = (h < 0 ? -static_cast<std::int64_t>(h) : h) % n_features;
        row.emplace_back(static_cast<std::int32_t>(col), alternate_sign && h < 0 ? -1.0 : 1.0);
      }
      std::stable_sort(row.begin(), row.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      for (std::size_t k = 0; k < row.size();) {
        std::size_t j = k;
        double sum = 0.0;
        for (; j < row.size() && row[j].first == row[k].first; ++j) sum += row[j].second;
        part.indices.push_back(row[k].first);
        part.data.push_back(sum);
        k = j;
      }
      part.indptr.push_back(static_cast<std::int64_t>(part.indices.size()));
    }
  });
  HashedCsr out;
  for (auto& p : parts) {
    const auto base = static_cast<std::int64_t>(out.indices.size());
    for (std::size_t r = 1; r < p.indptr.size(); ++r) out.indptr.push_back(base + p.indptr[r]);
    out.indices.insert(out.indices.end(), p.indices.begin(), p.indices.end());
    out.data.insert(out.data.end(), p.data.begin(), p.data.end());
    p = HashedCsr();
  }
  return out;
}

}  // namespace textgauge
