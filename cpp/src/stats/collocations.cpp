#include "textgauge/stats/collocations.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <utility>

#include "common/flat_map.hpp"
#include "common/partitioned_count.hpp"
#include "common/phase_timer.hpp"
#include "common/rank_partitions.hpp"
#include "stats/association.hpp"
#include "stats/collocation_order.hpp"
#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

namespace {

using id_t = Vocabulary::id_type;
using detail::i128;

// ---- counting ------------------------------------------------------------------

// Up to five term ids, unused slots -1.
using Gram = std::array<id_t, 5>;

// A gram no stream holds (ids are >= 0, unused slots -1) marks an empty slot.
struct GramTraits {
  static constexpr Gram empty() noexcept {
    constexpr id_t kNone = std::numeric_limits<id_t>::min();
    return {kNone, kNone, kNone, kNone, kNone};
  }
  static bool is_empty(const Gram& g) noexcept { return g[0] == std::numeric_limits<id_t>::min(); }
  static std::uint64_t hash(const Gram& g) noexcept { return hash_words(g.data(), g.size()); }
};

// n-gram counts: the core's flat map (common/flat_map.hpp), several times
// faster than std::unordered_map for the hundreds of thousands of distinct
// n-grams of a news corpus. for_each runs in slot order, which follows the
// hash: the rows made from it are sorted before output.
template <class Key>
class Counter {
 public:
  explicit Counter(std::size_t expected = 1024) : counts_(expected) {}
  void add(const Key& k, std::int64_t by = 1) { counts_[k] += by; }
  std::int64_t get(const Key& k) const {
    const std::int64_t* c = counts_.find(k);
    return c ? *c : 0;
  }
  template <class Fn>
  void for_each(Fn&& fn) const {
    counts_.for_each(std::forward<Fn>(fn));
  }
  std::size_t size() const noexcept { return counts_.size(); }

 private:
  FlatMap<Key, std::int64_t, GramTraits> counts_;
};

inline std::uint64_t dense_pair_key(id_t a, id_t b, int id_bits) {
  return (static_cast<std::uint64_t>(a) << id_bits) | static_cast<std::uint64_t>(b);
}

// LSD radix sort of keys below 2^bits, 16 bits a pass.
void radix_sort(std::vector<std::uint64_t>& keys, int bits) {
  constexpr int kDigit = 16;
  std::vector<std::uint64_t> tmp(keys.size());
  std::vector<std::size_t> count(std::size_t(1) << kDigit);
  for (int shift = 0; shift < bits; shift += kDigit) {
    std::fill(count.begin(), count.end(), 0);
    const std::uint64_t mask = (std::uint64_t(1) << kDigit) - 1;
    for (std::uint64_t k : keys) ++count[(k >> shift) & mask];
    std::size_t sum = 0;
    for (auto& c : count) {
      const std::size_t v = c;
      c = sum;
      sum += v;
    }
    for (std::uint64_t k : keys) tmp[count[(k >> shift) & mask]++] = k;
    keys.swap(tmp);
  }
}

// Occurrences of a gapped pattern: at every start p whose window [p, p+len)
// lies inside one segment, the key holds the terms at p+i for each bit i of
// `mask` (in order).
Counter<Gram> count_pattern(const TermStream& s, unsigned mask, int len) {
  Counter<Gram> c(s.terms.size() / 2 + 16);
  int pos[5];
  int k = 0;
  for (int i = 0; i < len; ++i)
    if (mask & (1u << i)) pos[k++] = i;
  for (std::size_t g = 0; g < s.segments(); ++g) {
    const std::size_t b = s.seg_begin[g], e = s.seg_begin[g + 1];
    for (std::size_t p = b; p + static_cast<std::size_t>(len) <= e; ++p) {
      Gram key;
      key.fill(-1);
      for (int j = 0; j < k; ++j)
        key[static_cast<std::size_t>(j)] = s.terms[p + static_cast<std::size_t>(pos[j])];
      c.add(key);
    }
  }
  return c;
}

// Key of the sub-pattern `mask` of an n-gram.
Gram sub_key(const id_t* gram, int n, unsigned mask) {
  Gram key;
  key.fill(-1);
  std::size_t j = 0;
  for (int i = 0; i < n; ++i)
    if (mask & (1u << i)) key[j++] = gram[i];
  return key;
}

// ---- options -------------------------------------------------------------------

// The checked options: n-gram size, window, and which families of measures
// are wanted (their marginals differ).
struct Plan {
  int n = 2, window = 2;
  bool nltk = false;    // some of NLTK's measures are wanted
  bool lambda = false;  // quanteda's lambda or z is wanted
};

// Throws Error for a size, window or measure that NLTK or quanteda do not define.
Plan plan_for(const CollocationOptions& o) {
  Plan p;
  p.n = o.size;
  if (p.n < 2 || p.n > 5) throw Error("collocation size must be 2..5, got " + std::to_string(p.n));
  p.window = o.window == 0 ? p.n : o.window;
  if (p.window < p.n) throw Error("window must be at least size");
  if (p.n > 2 && p.window != p.n) throw Error("a window wider than the n-gram is supported for bigrams only");
  for (AssocMeasure m : o.measures) {
    if (detail::nltk_measure(m)) {
      p.nltk = true;
      if (p.n == 5)
        throw Error(std::string("NLTK has no 5-gram measures; '") + option_name(m) +
                    "' needs size 2..4 (lambda and z work for 5)");
      if (p.n > 2 && detail::bigram_only(m))
        throw Error(std::string("'") + option_name(m) + "' is a bigram measure in NLTK");
    } else {
      p.lambda = true;
      if (p.window != p.n) throw Error("lambda and z count contiguous n-grams: use window = size");
    }
  }
  return p;
}

// ---- candidates ----------------------------------------------------------------

// The pairs at distance < window seen min_count times or more, into
// out.terms and out.count, ascending by their terms' bytewise ranks (`rank`).
// Radix-partitioned counting (common/partitioned_count.hpp): each thread
// scatters the pair keys of its segments, (rank(a) + 1) << 32 | (rank(b) + 1),
// into partitions that are ranges of the keys (common/rank_partitions.hpp,
// weighed by each term's count), then each partition is counted in a table
// that stays in cache and its few thousand keys sorted there. The partitions
// end to end are the rows in term order, whatever the threads: the rank sort
// of every row that sort_collocations would need otherwise (a quarter of a
// call on the news paragraphs) is not done.
void count_pairs(const TermStream& stream, const std::vector<std::uint32_t>& rank,
                 const std::vector<std::int64_t>& term_count, int window, std::int64_t min_count,
                 unsigned threads, CollocationTable& out) {
  const std::size_t n_seg = stream.segments();
  const auto w = static_cast<std::size_t>(window);
  threads = resolve_threads(threads);
  // Pairs a token starts, at most: a window wider than every segment (any
  // int is accepted) must not size the buffers or the plan.
  std::size_t longest = 0;
  for (std::size_t g = 0; g < n_seg; ++g)
    longest = std::max(longest, stream.seg_begin[g + 1] - stream.seg_begin[g]);
  const std::size_t per_token = std::min(w, std::max<std::size_t>(longest, 1)) - 1;
  const std::size_t n_terms = rank.size();
  std::vector<id_t> id_of_rank(n_terms);
  std::vector<std::int64_t> weight(n_terms);  // a term's pairs as first term, at most
  for (std::size_t id = 0; id < n_terms; ++id) {
    id_of_rank[rank[id]] = static_cast<id_t>(id);
    weight[rank[id]] = term_count[id] * static_cast<std::int64_t>(per_token);
  }
  const RankPartitions plan = plan_rank_partitions(weight);
  // Per term id, what its keys need, together.
  std::vector<RankPartitions::Token> term(n_terms);
  for (std::size_t id = 0; id < n_terms; ++id) term[id] = plan.token(rank[id]);
  // Whole segments per producer; the counts do not depend on the split.
  const std::size_t producers = n_seg < 256 ? 1 : threads;
  const std::size_t per = (n_seg + producers - 1) / producers;
  PartitionedCounter counter(producers, plan.n_parts);
  parallel_chunks(n_seg, std::max<std::size_t>(per, 1), threads,
                  [&](std::size_t c, std::size_t sb, std::size_t se) {
                    counter.reserve(c, (stream.seg_begin[se] - stream.seg_begin[sb]) * per_token);
                    for (std::size_t g = sb; g < se; ++g) {
                      const std::size_t b = stream.seg_begin[g], e = stream.seg_begin[g + 1];
                      for (std::size_t p = b; p < e; ++p) {
                        const RankPartitions::Token& a = term[static_cast<std::size_t>(stream.terms[p])];
                        for (std::size_t q = p + 1; q < e && q < p + w; ++q) {
                          const std::uint64_t second = term[static_cast<std::size_t>(stream.terms[q])].r1;
                          counter.add(c, plan.part(a, second), RankPartitions::key(a, second));
                        }
                      }
                    }
                  });
  const std::vector<std::vector<KeyCount>> parts = counter.count(threads, min_count);
  // Each partition's pairs straight into the rows, at its offset (no
  // concatenated copy first).
  std::vector<std::size_t> at(parts.size() + 1, 0);
  for (std::size_t q = 0; q < parts.size(); ++q) at[q + 1] = at[q] + parts[q].size();
  out.terms.resize(2 * at.back());
  out.count.resize(at.back());
  parallel_chunks(parts.size(), 1, threads, [&](std::size_t q, std::size_t, std::size_t) {
    for (std::size_t i = 0, r = at[q]; i < parts[q].size(); ++i, ++r) {
      out.terms[2 * r] = id_of_rank[(parts[q][i].key >> 32) - 1];
      out.terms[2 * r + 1] = id_of_rank[(parts[q][i].key & 0xFFFFFFFFu) - 1];
      out.count[r] = parts[q][i].count;
    }
  });
}

// The n-grams of `grams` (the counter of the full pattern) seen min_count
// times or more, appended to out.terms and out.count.
void take_ngrams(const Counter<Gram>& grams, int n, std::int64_t min_count, CollocationTable& out) {
  grams.for_each([&](const Gram& g, std::int64_t c) {
    if (c < min_count) return;
    for (int i = 0; i < n; ++i) out.terms.push_back(g[static_cast<std::size_t>(i)]);
    out.count.push_back(c);
  });
}

// ---- marginals -----------------------------------------------------------------

// The counts an n-gram's scores need besides its own: its terms' counts, the
// gapped sub-patterns NLTK's finders keep, every positional sub-pattern for
// lambda and z, and the number of n-gram positions. Each pattern is counted
// once per call; after prepare() the lookups only read, from any thread.
class Marginals {
 public:
  Marginals(const TermStream& stream, std::size_t vocab_size, int n)
      : stream_(stream), n_(n), unigram_(vocab_size, 0) {
    for (id_t t : stream.terms) ++unigram_[static_cast<std::size_t>(t)];
    for (std::size_t g = 0; g < stream.segments(); ++g) {
      const auto len = static_cast<std::int64_t>(stream.seg_begin[g + 1] - stream.seg_begin[g]);
      windows_ += std::max<std::int64_t>(0, len - n + 1);
    }
  }

  // Occurrences of the pattern `mask` over windows of `len` tokens, counted on first use.
  const Counter<Gram>& pattern(unsigned mask, int len) {
    auto it = patterns_.find({mask, len});
    if (it == patterns_.end())
      it = patterns_.emplace(std::make_pair(mask, len), count_pattern(stream_, mask, len)).first;
    return it->second;
  }

  // Counts the patterns the wanted measures look up, then finds each
  // sub-pattern's counter once here rather than per row.
  void prepare(const Plan& p) {
    if (p.nltk && n_ > 2) {  // NLTK's marginals: normalised gapped sub-patterns
      for (unsigned mask : {0b11u, 0b101u, 0b111u, 0b1101u, 0b1011u, 0b1001u})
        if ((mask >> (n_)) == 0 && (n_ == 4 || mask < 0b1000u)) pattern(mask, 32 - __builtin_clz(mask));
    }
    if (p.lambda)
      for (unsigned mask = 1; mask < (1u << n_); ++mask) pattern(mask, n_);
    for (unsigned mask = 1; mask < (1u << n_); ++mask) {
      const unsigned m = mask >> __builtin_ctz(mask);
      if (auto it = patterns_.find({m, 32 - __builtin_clz(m)}); it != patterns_.end())
        by_normalised_[mask] = &it->second;
      if (auto it = patterns_.find({mask, n_}); it != patterns_.end()) by_position_[mask] = &it->second;
    }
  }

  std::int64_t unigram(id_t t) const { return unigram_[static_cast<std::size_t>(t)]; }
  // Every term's count, by id.
  const std::vector<std::int64_t>& unigrams() const { return unigram_; }
  // Number of n-gram positions (quanteda's total).
  std::int64_t windows() const { return windows_; }
  // Count of the n-gram's terms at the positions in `mask`, wherever they
  // occur with the same gaps (NLTK's marginals).
  std::int64_t normalised(const id_t* gram, unsigned mask) const {
    const int lo = __builtin_ctz(mask);
    return by_normalised_[mask]->get(sub_key(gram + lo, n_ - lo, mask >> lo));
  }
  // Number of n-gram positions whose terms at the positions in `mask` are the n-gram's.
  std::int64_t positional(const id_t* gram, unsigned mask) const {
    return by_position_[mask]->get(sub_key(gram, n_, mask));
  }

 private:
  const TermStream& stream_;
  int n_;
  std::vector<std::int64_t> unigram_;
  std::int64_t windows_ = 0;
  std::map<std::pair<unsigned, int>, Counter<Gram>> patterns_;  // (mask, window length)
  std::array<const Counter<Gram>*, 32> by_normalised_{}, by_position_{};
};

// ---- scores --------------------------------------------------------------------

// NLTK's contingency table of a trigram or quadgram.
std::vector<i128> nltk_contingency(const Marginals& m, const id_t* g, int n, std::int64_t count,
                                   const std::int64_t* uni, std::int64_t N) {
  if (n == 3) {
    const std::int64_t p2[3] = {m.normalised(g, 0b011), m.normalised(g, 0b101), m.normalised(g, 0b110)};
    return detail::trigram_contingency(count, p2, uni, N);
  }
  const std::int64_t p3[4] = {m.normalised(g, 0b0111), m.normalised(g, 0b1011), m.normalised(g, 0b1101),
                              m.normalised(g, 0b1110)};
  // (n_iixx, n_ixix, n_ixxi, n_xixi, n_xxii, n_xiix): bit i = position i
  const std::int64_t p2[6] = {m.normalised(g, 0b0011), m.normalised(g, 0b0101), m.normalised(g, 0b1001),
                              m.normalised(g, 0b1010), m.normalised(g, 0b1100), m.normalised(g, 0b0110)};
  return detail::quadgram_contingency(count, p3, p2, uni, N);
}

// quanteda's 2^n cells of an n-gram, smoothed: g(S), the positions that match
// the n-gram at every position in S, for each subset S; Moebius inversion
// gives the cells.
void lambda_cells(const Marginals& m, const id_t* g, int n, double smoothing, std::vector<double>& cells) {
  const unsigned full = 1u << n;
  std::vector<std::int64_t> gs(full);
  gs[0] = m.windows();
  for (unsigned s = 1; s < full; ++s) gs[s] = m.positional(g, s);
  cells.assign(full, 0.0);
  for (unsigned b = 0; b < full; ++b) {
    std::int64_t c = 0;
    for (unsigned t = b;; t = (t + 1) | b) {
      if (t >= full) break;
      c += (__builtin_popcount(t ^ b) & 1) ? -gs[t] : gs[t];
    }
    cells[b] = static_cast<double>(c) + smoothing;
  }
}

// One column per measure for the rows of `out`. The marginals are all
// counted by now; scoring only reads them.
void score_rows(CollocationTable& out, const Marginals& marg, const Plan& p, const CollocationOptions& o) {
  const int n = p.n;
  const std::int64_t N = out.n_tokens;
  out.scores.assign(o.measures.size(), std::vector<double>(out.rows()));
  parallel_chunks(out.rows(), 4096, o.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    std::vector<double> cells;
    for (std::size_t r = begin; r < end; ++r) {
      const id_t* g = &out.terms[r * static_cast<std::size_t>(n)];
      const std::int64_t count = out.count[r];
      std::int64_t uni[5];
      for (int i = 0; i < n; ++i) uni[i] = marg.unigram(g[i]);
      std::vector<i128> cont;
      if (p.nltk && n > 2) cont = nltk_contingency(marg, g, n, count, uni, N);
      if (p.lambda) lambda_cells(marg, g, n, o.smoothing, cells);
      for (std::size_t k = 0; k < o.measures.size(); ++k) {
        const AssocMeasure m = o.measures[k];
        double v;
        if (!detail::nltk_measure(m))
          v = detail::lambda_score(m, n, cells);
        else if (n == 2)
          v = detail::bigram_score(m, {static_cast<double>(count) / (p.window - 1.0), uni[0], uni[1], N});
        else
          v = detail::ngram_score(m, n, count, cont, uni, N);
        out.scores[k][r] = v;
      }
    }
  });
}

}  // namespace

CollocationTable collocations(const TermStream& stream, const Vocabulary& vocab,
                              const CollocationOptions& o) {
  const Plan p = plan_for(o);
  PhaseTimer timer("collocations");
  CollocationTable out;
  out.size = p.n;
  out.n_tokens = static_cast<std::int64_t>(stream.terms.size());
  Marginals marginals(stream, vocab.size(), p.n);
  detail::RowOrder given = detail::RowOrder::any;
  if (p.n == 2) {
    count_pairs(stream, detail::bytewise_ranks(vocab), marginals.unigrams(), p.window, o.min_count, o.threads,
                out);
    given = detail::RowOrder::by_terms;
  } else {  // the n-grams' counter doubles as the marginal of every position
    take_ngrams(marginals.pattern((1u << p.n) - 1, p.n), p.n, o.min_count, out);
  }
  timer.mark("count");
  marginals.prepare(p);
  timer.mark("marginals");
  score_rows(out, marginals, p, o);
  timer.mark("score");
  detail::sort_collocations(out, vocab, given, o.threads);
  timer.mark("sort");
  return out;
}

std::vector<std::vector<double>> bigram_scores(const std::vector<std::int64_t>& count,
                                               const std::vector<std::int64_t>& n_ix,
                                               const std::vector<std::int64_t>& n_xi, std::int64_t n_tokens,
                                               int window, const std::vector<AssocMeasure>& measures) {
  if (window < 2) throw Error("window must be at least 2");
  if (n_ix.size() != count.size() || n_xi.size() != count.size())
    throw Error("bigram counts and marginals must have one entry per bigram");
  for (AssocMeasure m : measures)
    if (!detail::nltk_measure(m))
      throw Error(std::string("'") + option_name(m) + "' needs positional counts, not only n-gram counts");
  std::vector<std::vector<double>> out(measures.size(), std::vector<double>(count.size()));
  for (std::size_t r = 0; r < count.size(); ++r)
    for (std::size_t k = 0; k < measures.size(); ++k)
      out[k][r] = detail::bigram_score(
          measures[k], {static_cast<double>(count[r]) / (window - 1.0), n_ix[r], n_xi[r], n_tokens});
  return out;
}

std::vector<std::string> collocation_strings(const CollocationTable& t, const Vocabulary& vocab) {
  std::vector<std::string> out(t.rows());
  const auto n = static_cast<std::size_t>(t.size);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::string& s = out[r];
    for (std::size_t j = 0; j < n; ++j) {
      if (j) s.push_back(' ');
      s += vocab.term(t.terms[r * n + j]);
    }
  }
  return out;
}

void collocation_text(const CollocationTable& t, const Vocabulary& vocab, std::string& data,
                      std::vector<std::int64_t>& offsets, unsigned threads) {
  // Each row's length first, then every row written at its place, in blocks
  // on every thread: appending to one growing string cost several times more.
  const auto n = static_cast<std::size_t>(t.size);
  const std::size_t rows = t.rows();
  constexpr std::size_t kBlock = 16384;
  threads = resolve_threads(threads);
  offsets.assign(rows + 1, 0);
  parallel_chunks(rows, kBlock, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t r = b; r < e; ++r) {
      std::int64_t length = static_cast<std::int64_t>(n) - 1;  // the spaces
      for (std::size_t j = 0; j < n; ++j)
        length += static_cast<std::int64_t>(vocab.term(t.terms[r * n + j]).size());
      offsets[r + 1] = length;
    }
  });
  for (std::size_t r = 0; r < rows; ++r) offsets[r + 1] += offsets[r];
  data.resize(static_cast<std::size_t>(offsets[rows]));
  parallel_chunks(rows, kBlock, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    char* out = data.data() + offsets[b];
    for (std::size_t r = b; r < e; ++r)
      for (std::size_t j = 0; j < n; ++j) {
        if (j) *out++ = ' ';
        const std::string_view term = vocab.term(t.terms[r * n + j]);
        std::memcpy(out, term.data(), term.size());
        out += term.size();
      }
  });
}

CooccurrencePairs window_cooccurrence(const UnitTerms& units, std::size_t vocab_size, int window,
                                      CooccurrenceCount count) {
  if (window < 1 || window > 255) throw Error("window must be 1..255");
  int id_bits = 1;
  while ((std::size_t(1) << id_bits) < vocab_size) ++id_bits;
  if (2 * id_bits + 8 > 64) throw Error("vocabulary too large for window co-occurrence");
  // Key: first term, second term, distance (8 bits); radix-sorted so equal
  // pairs are adjacent, distances ascending within a pair.
  std::vector<std::uint64_t> keys, doc_keys;
  for (std::size_t u = 0; u < units.units(); ++u) {
    const std::size_t b = units.begin[u], e = units.begin[u + 1];
    doc_keys.clear();
    for (std::size_t p = b; p < e; ++p)
      for (std::size_t q = p + 1; q < e && q <= p + static_cast<std::size_t>(window); ++q) {
        // Unordered: the matrix is symmetric, and "boolean" counts a pair once per unit.
        const auto lo = std::min(units.terms[p], units.terms[q]),
                   hi = std::max(units.terms[p], units.terms[q]);
        const std::uint64_t pair = dense_pair_key(lo, hi, id_bits);
        doc_keys.push_back(count == CooccurrenceCount::boolean ? pair << 8 : (pair << 8) | (q - p));
      }
    if (count == CooccurrenceCount::boolean) {
      std::sort(doc_keys.begin(), doc_keys.end());
      doc_keys.erase(std::unique(doc_keys.begin(), doc_keys.end()), doc_keys.end());
    }
    keys.insert(keys.end(), doc_keys.begin(), doc_keys.end());
  }
  radix_sort(keys, 2 * id_bits + 8);
  CooccurrencePairs out;
  const std::uint64_t low = (std::uint64_t(1) << id_bits) - 1;
  for (std::size_t i = 0; i < keys.size();) {
    const std::uint64_t pair = keys[i] >> 8;
    double v = 0.0;
    std::size_t j = i;
    for (; j < keys.size() && (keys[j] >> 8) == pair; ++j)
      v += count == CooccurrenceCount::weighted ? 1.0 / static_cast<double>(keys[j] & 0xff) : 1.0;
    out.first.push_back(static_cast<Vocabulary::id_type>(pair >> id_bits));
    out.second.push_back(static_cast<Vocabulary::id_type>(pair & low));
    out.value.push_back(v);
    i = j;
  }
  return out;
}

}  // namespace textgauge
