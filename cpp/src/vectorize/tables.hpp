#pragma once
// The counting tables of the document-term matrix (internal to the core):
// SeqMap and PairMap intern word n-grams as token-id sequences, DocCounter
// counts one document's features, NgramFeatures enumerates a document's
// n-grams into one feature id space. Header-only: the counting loops inline
// them.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

#include "common/flat_map.hpp"
#include "common/huge_pages.hpp"
#include "textgauge/hash.hpp"
#include "vectorize/dtm_internal.hpp"

namespace textgauge::dtm {

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
  void end(bool rows, OutputVector<std::int32_t>& ids, OutputVector<std::int64_t>& counts) {
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

// kind_ of a bigram feature (NgramFeatures): no token id is this.
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

}  // namespace textgauge::dtm
