#include "textgauge/stats/collocations.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <utility>

#include "common/flat_map.hpp"
#include "textgauge/error.hpp"
#include "textgauge/stats/hypergeom.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

namespace {

using id_t = Vocabulary::id_type;
__extension__ typedef __int128 i128;  // exact products of four counts (quadgram marginals)

constexpr double kSmall = 1e-20;  // nltk.metrics.association._SMALL

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

// ---- exact arithmetic in Python's manner -----------------------------------------

// int / int as Python's true division: the correctly rounded quotient.
double py_div(i128 a, i128 b) {
  const bool neg = (a < 0) != (b < 0);
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  constexpr i128 exact = i128(1) << 53;
  if (a < exact && b < exact) {
    const double q = static_cast<double>(a) / static_cast<double>(b);
    return neg ? -q : q;
  }
  if (a == 0) return neg ? -0.0 : 0.0;
  // Scale so that the integer quotient has 54..55 bits, then round half to even.
  int shift = 0;
  auto bits = [](i128 v) {  // bit length of a non-negative value
    const auto hi = static_cast<std::uint64_t>(v >> 64);
    const auto lo = static_cast<std::uint64_t>(v);
    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
  };
  shift = 55 - (bits(a) - bits(b));
  i128 num = a, den = b;
  if (shift > 0) {
    if (bits(a) + shift > 125) {  // would overflow: long double is close enough here
      const double q = static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b));
      return neg ? -q : q;
    }
    num <<= shift;
  } else {
    den <<= -shift;
  }
  i128 q = num / den, r = num % den;
  // Keep 53 significant bits of q, rounding on the dropped bits and the remainder.
  const int extra = bits(q) - 53;
  if (extra > 0) {
    const i128 dropped = q & ((i128(1) << extra) - 1);
    q >>= extra;
    const i128 half = i128(1) << (extra - 1);
    const bool sticky = r != 0;
    if (dropped > half || (dropped == half && (sticky || (q & 1)))) ++q;
    shift -= extra;
  } else if (2 * r > den || (2 * r == den && (q & 1))) {
    ++q;
  }
  const double v = std::ldexp(static_cast<double>(q), -shift);
  return neg ? -v : v;
}

i128 ipow(i128 b, int e) {
  i128 r = 1;
  while (e-- > 0) r *= b;
  return r;
}

// ---- NLTK's measures ------------------------------------------------------------

struct BigramCounts {
  double n_ii;  // count / (window - 1)
  std::int64_t n_ix, n_xi, n;
};

double bigram_score(AssocMeasure m, const BigramCounts& b) {
  const double n_ii = b.n_ii;
  const double nf = static_cast<double>(b.n);
  // _contingency: (n_ii, n_oi, n_io, n_oo)
  const double c0 = n_ii, c1 = static_cast<double>(b.n_xi) - n_ii, c2 = static_cast<double>(b.n_ix) - n_ii;
  const double c3 = nf - n_ii - c1 - c2;
  const i128 uni = i128(b.n_ix) * b.n_xi;
  auto phi_sq = [&] {
    // NLTK unpacks the contingency as (n_ii, n_io, n_oi, n_oo): keep its order.
    const double a = c0, bb = c1, c = c2, d = c3;
    return std::pow(a * d - bb * c, 2.0) / ((a + bb) * (a + c) * (bb + d) * (c + d));
  };
  switch (m) {
    case AssocMeasure::raw_freq: return n_ii / nf;
    case AssocMeasure::student_t: return (n_ii - py_div(uni, b.n)) / std::pow(n_ii + kSmall, 0.5);
    case AssocMeasure::chi_sq: return nf * phi_sq();
    case AssocMeasure::phi_sq: return phi_sq();
    case AssocMeasure::mi_like: return std::pow(n_ii, 3.0) / static_cast<double>(uni);
    case AssocMeasure::pmi: return std::log2(n_ii * nf) - std::log2(static_cast<double>(uni));
    case AssocMeasure::likelihood_ratio: {
      const double c[4] = {c0, c1, c2, c3};
      const double n_xx = c0 + c1 + c2 + c3;
      double s = 0.0;
      for (int i = 0; i < 4; ++i) {
        const double e = (c[i] + c[i ^ 1]) * (c[i] + c[i ^ 2]) / n_xx;
        s += c[i] * std::log(c[i] / (e + kSmall) + kSmall);
      }
      return 2 * s;
    }
    case AssocMeasure::poisson_stirling: {
      const double e = py_div(uni, b.n);
      return n_ii * (std::log2(n_ii / e) - 1);
    }
    case AssocMeasure::jaccard: return c0 / (c0 + c1 + c2);
    case AssocMeasure::dice: return 2 * n_ii / static_cast<double>(b.n_ix + b.n_xi);
    case AssocMeasure::fisher: {
      // scipy converts the table to int64 (truncating the scaled counts) and
      // answers 1 when a row or column is empty.
      const auto t00 = static_cast<std::int64_t>(c0), t01 = static_cast<std::int64_t>(c1);
      const auto t10 = static_cast<std::int64_t>(c2), t11 = static_cast<std::int64_t>(c3);
      if (t00 + t01 == 0 || t10 + t11 == 0 || t00 + t10 == 0 || t01 + t11 == 0) return 1.0;
      return hypergeom_cdf(t00, t00 + t01 + t10 + t11, t00 + t01, t00 + t10);
    }
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

// NLTK's _contingency for trigrams and quadgrams, from the marginals in the
// order its finders pass them (n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), N).
std::vector<i128> trigram_contingency(std::int64_t n_iii, const std::int64_t* p2, const std::int64_t* p1,
                                      std::int64_t n_xxx) {
  const i128 n_iix = p2[0], n_ixi = p2[1], n_xii = p2[2];
  const i128 n_ixx = p1[0], n_xix = p1[1], n_xxi = p1[2];
  const i128 n_oii = n_xii - n_iii;
  const i128 n_ioi = n_ixi - n_iii;
  const i128 n_iio = n_iix - n_iii;
  const i128 n_ooi = n_xxi - n_iii - n_oii - n_ioi;
  const i128 n_oio = n_xix - n_iii - n_oii - n_iio;
  const i128 n_ioo = n_ixx - n_iii - n_ioi - n_iio;
  const i128 n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo;
  return {n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo};
}

// (n_iiii, (n_iiix, n_iixi, n_ixii, n_xiii), (n_iixx, n_ixix, n_ixxi, n_xixi, n_xxii, n_xiix),
//  (n_ixxx, n_xixx, n_xxix, n_xxxi), N)
std::vector<i128> quadgram_contingency(std::int64_t n_iiii, const std::int64_t* p3, const std::int64_t* p2,
                                       const std::int64_t* p1, std::int64_t n_xxxx) {
  const i128 n_iiix = p3[0], n_iixi = p3[1], n_ixii = p3[2], n_xiii = p3[3];
  const i128 n_iixx = p2[0], n_ixix = p2[1], n_ixxi = p2[2], n_xixi = p2[3], n_xxii = p2[4], n_xiix = p2[5];
  const i128 n_ixxx = p1[0], n_xixx = p1[1], n_xxix = p1[2], n_xxxi = p1[3];
  const i128 n_oiii = n_xiii - n_iiii;
  const i128 n_ioii = n_ixii - n_iiii;
  const i128 n_iioi = n_iixi - n_iiii;
  const i128 n_ooii = n_xxii - n_iiii - n_oiii - n_ioii;
  const i128 n_oioi = n_xixi - n_iiii - n_oiii - n_iioi;
  const i128 n_iooi = n_ixxi - n_iiii - n_ioii - n_iioi;
  const i128 n_oooi = n_xxxi - n_iiii - n_oiii - n_ioii - n_iioi - n_ooii - n_iooi - n_oioi;
  const i128 n_iiio = n_iiix - n_iiii;
  const i128 n_oiio = n_xiix - n_iiii - n_oiii - n_iiio;
  const i128 n_ioio = n_ixix - n_iiii - n_ioii - n_iiio;
  const i128 n_ooio = n_xxix - n_iiii - n_oiii - n_ioii - n_iiio - n_ooii - n_ioio - n_oiio;
  const i128 n_iioo = n_iixx - n_iiii - n_iioi - n_iiio;
  const i128 n_oioo = n_xixx - n_iiii - n_oiii - n_iioi - n_iiio - n_oioi - n_oiio - n_iioo;
  const i128 n_iooo = n_ixxx - n_iiii - n_ioii - n_iioi - n_iiio - n_iooi - n_iioo - n_ioio;
  const i128 n_oooo = n_xxxx - n_iiii - n_oiii - n_ioii - n_iioi - n_ooii - n_oioi - n_iooi - n_oooi -
                      n_iiio - n_oiio - n_ioio - n_ooio - n_iioo - n_oioo - n_iooo;
  return {n_iiii, n_oiii, n_ioii, n_ooii, n_iioi, n_oioi, n_iooi, n_oooi,
          n_iiio, n_oiio, n_ioio, n_ooio, n_iioo, n_oioo, n_iooo, n_oooo};
}

// NgramAssocMeasures (the generic class) for n = 3, 4 on integer marginals.
double ngram_score(AssocMeasure m, int n, std::int64_t count, const std::vector<i128>& cont,
                   const std::int64_t* unigrams, std::int64_t total) {
  i128 uni = 1;
  for (int i = 0; i < n; ++i) uni *= unigrams[i];
  const i128 total_pow = ipow(total, n - 1);
  const i128 n_all_pow = ipow(std::accumulate(cont.begin(), cont.end(), i128(0)), n - 1);
  auto expected = [&](std::size_t i) {
    i128 prod = 1;
    for (int b = 0; b < n; ++b) {
      const std::size_t j = std::size_t(1) << b;
      i128 s = 0;
      for (std::size_t x = 0; x < cont.size(); ++x)
        if ((x & j) == (i & j)) s += cont[x];
      prod *= s;
    }
    return py_div(prod, n_all_pow);
  };
  const double cf = static_cast<double>(count);
  switch (m) {
    case AssocMeasure::raw_freq: return py_div(count, total);
    case AssocMeasure::student_t: return (cf - py_div(uni, total_pow)) / std::pow(cf + kSmall, 0.5);
    case AssocMeasure::chi_sq: {
      double s = 0.0;
      for (std::size_t i = 0; i < cont.size(); ++i) {
        const double e = expected(i);
        s += std::pow(static_cast<double>(cont[i]) - e, 2.0) / (e + kSmall);
      }
      return s;
    }
    case AssocMeasure::mi_like: return py_div(ipow(count, 3), uni);
    case AssocMeasure::pmi:
      return std::log2(static_cast<double>(i128(count) * total_pow)) - std::log2(static_cast<double>(uni));
    case AssocMeasure::likelihood_ratio: {
      double s = 0.0;
      for (std::size_t i = 0; i < cont.size(); ++i) {
        const double o = static_cast<double>(cont[i]);
        s += o * std::log(o / (expected(i) + kSmall) + kSmall);
      }
      return 2 * s;
    }
    case AssocMeasure::poisson_stirling: {
      const double e = py_div(uni, total_pow);
      return cf * (std::log2(cf / e) - 1);
    }
    case AssocMeasure::jaccard: {
      const i128 s = std::accumulate(cont.begin(), cont.end() - 1, i128(0));
      return py_div(cont[0], s);
    }
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

bool nltk_measure(AssocMeasure m) { return m != AssocMeasure::lambda && m != AssocMeasure::z; }
bool bigram_only(AssocMeasure m) {
  return m == AssocMeasure::dice || m == AssocMeasure::fisher || m == AssocMeasure::phi_sq;
}

constexpr std::array<const char*, 13> kNames = {
    "raw_freq",         "pmi",     "likelihood_ratio", "chi_sq", "student_t", "dice", "jaccard",
    "poisson_stirling", "mi_like", "fisher",           "phi_sq", "lambda",    "z"};

}  // namespace

AssocMeasure assoc_measure(const std::string& name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<AssocMeasure>(i);
  throw Error("unknown association measure '" + name + "'");
}

const char* assoc_measure_name(AssocMeasure m) noexcept { return kNames[static_cast<std::size_t>(m)]; }

CollocationTable collocations(const TermStream& stream, const Vocabulary& vocab,
                              const CollocationOptions& o) {
  const int n = o.size;
  if (n < 2 || n > 5) throw Error("collocation size must be 2..5, got " + std::to_string(n));
  const int window = o.window == 0 ? n : o.window;
  if (window < n) throw Error("window must be at least size");
  if (n > 2 && window != n) throw Error("a window wider than the n-gram is supported for bigrams only");
  bool want_nltk = false, want_lambda = false;
  for (AssocMeasure m : o.measures) {
    if (nltk_measure(m)) {
      want_nltk = true;
      if (n == 5)
        throw Error(std::string("NLTK has no 5-gram measures; '") + assoc_measure_name(m) +
                    "' needs size 2..4 (lambda and z work for 5)");
      if (n > 2 && bigram_only(m))
        throw Error(std::string("'") + assoc_measure_name(m) + "' is a bigram measure in NLTK");
    } else {
      want_lambda = true;
      if (window != n) throw Error("lambda and z count contiguous n-grams: use window = size");
    }
  }

  CollocationTable out;
  out.size = n;
  out.n_tokens = static_cast<std::int64_t>(stream.terms.size());
  const std::int64_t N = out.n_tokens;

  std::vector<std::int64_t> unigram(vocab.size(), 0);
  for (id_t t : stream.terms) ++unigram[static_cast<std::size_t>(t)];

  // Candidates and the pattern counters their marginals come from.
  std::vector<id_t> terms;
  std::vector<std::int64_t> counts;
  std::map<std::pair<unsigned, int>, Counter<Gram>> patterns;  // (mask, window length)
  auto pattern = [&](unsigned mask, int len) -> const Counter<Gram>& {
    auto it = patterns.find({mask, len});
    if (it == patterns.end())
      it = patterns.emplace(std::make_pair(mask, len), count_pattern(stream, mask, len)).first;
    return it->second;
  };

  int id_bits = 1;
  while ((std::size_t(1) << id_bits) < vocab.size()) ++id_bits;
  if (n == 2) {
    // Every pair key once, radix-sorted, then run-length counted: a sequential
    // pass instead of a cache miss per pair in a hash table.
    std::vector<std::uint64_t> keys;
    keys.reserve(stream.terms.size() * static_cast<std::size_t>(window - 1));
    for (std::size_t g = 0; g < stream.segments(); ++g) {
      const std::size_t b = stream.seg_begin[g], e = stream.seg_begin[g + 1];
      for (std::size_t p = b; p < e; ++p)
        for (std::size_t q = p + 1; q < e && q < p + static_cast<std::size_t>(window); ++q)
          keys.push_back(dense_pair_key(stream.terms[p], stream.terms[q], id_bits));
    }
    radix_sort(keys, 2 * id_bits);
    const std::uint64_t low = (std::uint64_t(1) << id_bits) - 1;
    for (std::size_t i = 0; i < keys.size();) {
      std::size_t j = i + 1;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      const auto c = static_cast<std::int64_t>(j - i);
      if (c >= o.min_count) {
        terms.push_back(static_cast<id_t>(keys[i] >> id_bits));
        terms.push_back(static_cast<id_t>(keys[i] & low));
        counts.push_back(c);
      }
      i = j;
    }
  } else {
    pattern((1u << n) - 1, n).for_each([&](const Gram& g, std::int64_t c) {
      if (c < o.min_count) return;
      for (int i = 0; i < n; ++i) terms.push_back(g[static_cast<std::size_t>(i)]);
      counts.push_back(c);
    });
    if (want_nltk) {  // NLTK's marginals: normalised gapped sub-patterns
      for (unsigned mask : {0b11u, 0b101u, 0b111u, 0b1101u, 0b1011u, 0b1001u})
        if ((mask >> (n)) == 0 && (n == 4 || mask < 0b1000u)) pattern(mask, 32 - __builtin_clz(mask));
    }
  }
  if (want_lambda)
    for (unsigned mask = 1; mask < (1u << n); ++mask) pattern(mask, n);
  std::int64_t windows = 0;  // number of n-gram positions (quanteda's total)
  for (std::size_t g = 0; g < stream.segments(); ++g) {
    const auto len = static_cast<std::int64_t>(stream.seg_begin[g + 1] - stream.seg_begin[g]);
    windows += std::max<std::int64_t>(0, len - n + 1);
  }

  const std::size_t rows = counts.size();
  out.scores.assign(o.measures.size(), std::vector<double>(rows));
  // Counter of each sub-pattern, looked up once here rather than per row.
  std::array<const Counter<Gram>*, 32> by_normalised{}, by_position{};
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    const unsigned m = mask >> __builtin_ctz(mask);
    if (auto it = patterns.find({m, 32 - __builtin_clz(m)}); it != patterns.end())
      by_normalised[mask] = &it->second;
    if (auto it = patterns.find({mask, n}); it != patterns.end()) by_position[mask] = &it->second;
  }
  auto normalised = [&](const id_t* gram, unsigned mask) {
    const int lo = __builtin_ctz(mask);
    return by_normalised[mask]->get(sub_key(gram + lo, n - lo, mask >> lo));
  };
  // All counters exist now; scoring only reads them.
  parallel_chunks(rows, 4096, o.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    std::vector<double> cells;
    for (std::size_t r = begin; r < end; ++r) {
      const id_t* g = &terms[r * static_cast<std::size_t>(n)];
      std::int64_t uni[5];
      for (int i = 0; i < n; ++i) uni[i] = unigram[static_cast<std::size_t>(g[i])];
      std::vector<i128> cont;
      if (want_nltk && n == 3) {
        const std::int64_t p2[3] = {normalised(g, 0b011), normalised(g, 0b101), normalised(g, 0b110)};
        cont = trigram_contingency(counts[r], p2, uni, N);
      } else if (want_nltk && n == 4) {
        const std::int64_t p3[4] = {normalised(g, 0b0111), normalised(g, 0b1011), normalised(g, 0b1101),
                                    normalised(g, 0b1110)};
        // (n_iixx, n_ixix, n_ixxi, n_xixi, n_xxii, n_xiix): bit i = position i
        const std::int64_t p2[6] = {normalised(g, 0b0011), normalised(g, 0b0101), normalised(g, 0b1001),
                                    normalised(g, 0b1010), normalised(g, 0b1100), normalised(g, 0b0110)};
        cont = quadgram_contingency(counts[r], p3, p2, uni, N);
      }
      if (want_lambda) {
        // g(S) for every subset S of positions; Moebius inversion gives the cells.
        const unsigned full = 1u << n;
        std::vector<std::int64_t> gs(full);
        gs[0] = windows;
        for (unsigned s = 1; s < full; ++s) gs[s] = by_position[s]->get(sub_key(g, n, s));
        cells.assign(full, 0.0);
        for (unsigned b = 0; b < full; ++b) {
          std::int64_t c = 0;
          for (unsigned t = b;; t = (t + 1) | b) {
            if (t >= full) break;
            c += (__builtin_popcount(t ^ b) & 1) ? -gs[t] : gs[t];
          }
          cells[b] = static_cast<double>(c) + o.smoothing;
        }
      }
      for (std::size_t k = 0; k < o.measures.size(); ++k) {
        const AssocMeasure m = o.measures[k];
        double v;
        if (m == AssocMeasure::lambda || m == AssocMeasure::z) {
          double lambda = 0.0, var = 0.0;
          for (unsigned b = 0; b < cells.size(); ++b) {
            const double l = std::log(cells[b]);
            lambda += ((n - __builtin_popcount(b)) & 1) ? -l : l;
            var += 1.0 / cells[b];
          }
          v = m == AssocMeasure::lambda ? lambda : lambda / std::sqrt(var);
        } else if (n == 2) {
          v = bigram_score(m, {static_cast<double>(counts[r]) / (window - 1.0), uni[0], uni[1], N});
        } else {
          v = ngram_score(m, n, counts[r], cont, uni, N);
        }
        out.scores[k][r] = v;
      }
    }
  });

  // Sort: first measure descending (NaN last), then the terms bytewise. Terms
  // compare through their rank in bytewise order, computed once per call.
  std::vector<std::uint32_t> rank(vocab.size());
  {
    std::vector<id_t> ids(vocab.size());
    std::iota(ids.begin(), ids.end(), 0);
    std::sort(ids.begin(), ids.end(), [&](id_t a, id_t b) { return vocab.term(a) < vocab.term(b); });
    for (std::size_t i = 0; i < ids.size(); ++i)
      rank[static_cast<std::size_t>(ids[i])] = static_cast<std::uint32_t>(i);
  }
  // LSD radix sort on the score bits that vary, then comparison sorts of the
  // runs of equal scores by the terms' ranks (short runs, except the many
  // hapax bigrams that share a score).
  struct SortKey {
    std::uint64_t score;  // order-preserving bits of -score; NaN after everything
    std::uint64_t row;
  };
  std::vector<SortKey> keys(rows), tmp(rows);
  const std::vector<double>* key = o.measures.empty() ? nullptr : &out.scores[0];
  auto ordered_bits = [](double v) {
    if (std::isnan(v)) return ~std::uint64_t(0);
    v = -v + 0.0;  // descending; -0.0 -> 0.0
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return (b >> 63) ? ~b : (b | (std::uint64_t(1) << 63));
  };
  std::uint64_t varying = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    keys[r] = {ordered_bits(key ? (*key)[r] : static_cast<double>(counts[r])), r};
    varying |= keys[r].score ^ keys[0].score;
  }
  {
    constexpr int kDigit = 16;
    std::vector<std::size_t> count(std::size_t(1) << kDigit);
    const std::uint64_t mask = (std::uint64_t(1) << kDigit) - 1;
    for (int shift = 0; shift < 64; shift += kDigit) {
      if (((varying >> shift) & mask) == 0) continue;
      std::fill(count.begin(), count.end(), 0);
      for (const auto& k : keys) ++count[(k.score >> shift) & mask];
      std::size_t sum = 0;
      for (auto& c : count) {
        const std::size_t v = c;
        c = sum;
        sum += v;
      }
      for (const auto& k : keys) tmp[count[(k.score >> shift) & mask]++] = k;
      keys.swap(tmp);
    }
  }
  auto terms_less = [&](const SortKey& a, const SortKey& b) {
    for (int i = 0; i < n; ++i) {
      const auto x = rank[static_cast<std::size_t>(
          terms[a.row * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)])];
      const auto y = rank[static_cast<std::size_t>(
          terms[b.row * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)])];
      if (x != y) return x < y;
    }
    return false;
  };
  for (std::size_t i = 0; i < rows;) {
    std::size_t j = i + 1;
    while (j < rows && keys[j].score == keys[i].score) ++j;
    if (j - i > 1)
      std::sort(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(j),
                terms_less);
    i = j;
  }
  std::vector<std::size_t> order(rows);
  for (std::size_t i = 0; i < rows; ++i) order[i] = keys[i].row;
  out.terms.resize(terms.size());
  out.count.resize(rows);
  std::vector<std::vector<double>> sorted(o.measures.size(), std::vector<double>(rows));
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t r = order[i];
    for (int j = 0; j < n; ++j)
      out.terms[i * static_cast<std::size_t>(n) + static_cast<std::size_t>(j)] =
          terms[r * static_cast<std::size_t>(n) + static_cast<std::size_t>(j)];
    out.count[i] = counts[r];
    for (std::size_t k = 0; k < o.measures.size(); ++k) sorted[k][i] = out.scores[k][r];
  }
  out.scores = std::move(sorted);
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
    if (!nltk_measure(m))
      throw Error(std::string("'") + assoc_measure_name(m) +
                  "' needs positional counts, not only n-gram counts");
  std::vector<std::vector<double>> out(measures.size(), std::vector<double>(count.size()));
  for (std::size_t r = 0; r < count.size(); ++r)
    for (std::size_t k = 0; k < measures.size(); ++k)
      out[k][r] = bigram_score(measures[k],
                               {static_cast<double>(count[r]) / (window - 1.0), n_ix[r], n_xi[r], n_tokens});
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
                      std::vector<std::int64_t>& offsets) {
  const auto n = static_cast<std::size_t>(t.size);
  data.clear();
  offsets.assign(1, 0);
  offsets.reserve(t.rows() + 1);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    for (std::size_t j = 0; j < n; ++j) {
      if (j) data.push_back(' ');
      data += vocab.term(t.terms[r * n + j]);
    }
    offsets.push_back(static_cast<std::int64_t>(data.size()));
  }
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
