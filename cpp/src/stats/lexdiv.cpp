#include "textgauge/stats/lexdiv.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"

namespace textgauge {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using id_t = Vocabulary::id_type;

// Per-thread scratch: a count per vocabulary id, reset through the list of ids touched.
struct Scratch {
  std::vector<std::int32_t> count;
  std::vector<id_t> touched;
  explicit Scratch(std::size_t vocab) : count(vocab, 0) {}
  // Adds a token; returns true when its type is new.
  bool add(id_t t) {
    if (count[static_cast<std::size_t>(t)]++ == 0) {
      touched.push_back(t);
      return true;
    }
    return false;
  }
  void clear() {
    for (id_t t : touched) count[static_cast<std::size_t>(t)] = 0;
    touched.clear();
  }
};

// lexicalrichness's sub_mtld (McCarthy & Jarvis 2010) in one direction.
double mtld_pass(const id_t* terms, std::int64_t n, bool reverse, double threshold, std::int64_t types,
                 Scratch& s) {
  s.clear();
  std::int64_t word_counter = 0, distinct = 0;
  double factors = 0.0, ttr = 0.0;
  for (std::int64_t k = 0; k < n; ++k) {
    const id_t t = terms[reverse ? n - 1 - k : k];
    ++word_counter;
    if (s.add(t)) ++distinct;
    ttr = static_cast<double>(distinct) / static_cast<double>(word_counter);
    if (ttr <= threshold) {
      word_counter = 0;
      distinct = 0;
      s.clear();
      factors += 1;
    }
  }
  if (word_counter > 0) factors += (1 - ttr) / (1 - threshold);
  if (factors == 0) {  // the TTR never fell below the threshold
    const double whole = static_cast<double>(types) / static_cast<double>(n);
    factors += whole == 1 ? 1.0 : (1 - whole) / (1 - threshold);
  }
  s.clear();
  return static_cast<double>(n) / factors;
}

double log_in(double x, double base) {
  // R's log(x, base) uses log10 and log2 for those bases.
  if (base == 10.0) return std::log10(x);
  if (base == 2.0) return std::log2(x);
  if (base == std::exp(1.0)) return std::log(x);
  return std::log(x) / std::log(base);
}

// One unit's tokens and the counts the closed-form measures read.
struct UnitCounts {
  const id_t* terms = nullptr;
  std::int64_t n = 0, v = 0;        // tokens, types
  std::int64_t m2 = 0, pairs = 0;   // sum f^2 and sum f(f-1) over the types' frequencies f
  std::vector<std::int32_t> freqs;  // the types' frequencies, ascending (the spectrum)
};

// Counts the unit's tokens into `s` (left holding them, for HD-D) and fills
// the type count and spectrum; integer sums are exact.
void describe(const id_t* terms, std::int64_t n, Scratch& s, UnitCounts& u) {
  u.terms = terms;
  u.n = n;
  s.clear();
  for (std::int64_t k = 0; k < n; ++k) s.add(terms[k]);
  u.v = static_cast<std::int64_t>(s.touched.size());
  u.freqs.clear();
  u.m2 = u.pairs = 0;
  for (id_t t : s.touched) {
    const std::int64_t f = s.count[static_cast<std::size_t>(t)];
    u.freqs.push_back(static_cast<std::int32_t>(f));
    u.m2 += f * f;
    u.pairs += f * (f - 1);
  }
  std::sort(u.freqs.begin(), u.freqs.end());
}

// Vm's sum over the spectrum of V(i) (i/N)^2, one term per distinct frequency.
double spectrum_sum(const std::vector<std::int32_t>& freqs, double N) {
  double sum = 0.0;
  for (std::size_t i = 0; i < freqs.size();) {
    std::size_t j = i;
    while (j < freqs.size() && freqs[j] == freqs[i]) ++j;
    sum += static_cast<double>(j - i) * std::pow(freqs[i] / N, 2.0);
    i = j;
  }
  return sum;
}

// The measures that are formulas in N, V and the spectrum (TTR .. lgeV0), logarithms in base b.
double closed_form(LexdivMeasure m, const UnitCounts& u, double b) {
  const std::int64_t n = u.n, v = u.v, m2 = u.m2;
  const double N = static_cast<double>(n), V = static_cast<double>(v);
  switch (m) {
    case LexdivMeasure::TTR: return V / N;
    case LexdivMeasure::C: return log_in(V, b) / log_in(N, b);
    case LexdivMeasure::R: return V / std::sqrt(N);
    case LexdivMeasure::CTTR: return V / std::sqrt(2 * N);
    case LexdivMeasure::U: return std::pow(log_in(N, b), 2.0) / (log_in(N, b) - log_in(V, b));
    case LexdivMeasure::S: return log_in(log_in(V, b), b) / log_in(log_in(N, b), b);
    case LexdivMeasure::K: return 10000 * (static_cast<double>(m2) / static_cast<double>(n * n) - 1 / N);
    case LexdivMeasure::I: return m2 == v ? 0.0 : static_cast<double>(v * v) / static_cast<double>(m2 - v);
    case LexdivMeasure::D: return static_cast<double>(u.pairs) / static_cast<double>(n * (n - 1));
    case LexdivMeasure::Vm: return std::sqrt(spectrum_sum(u.freqs, N) - 1 / V);
    case LexdivMeasure::Maas: return std::sqrt((log_in(N, b) - log_in(V, b)) / std::pow(log_in(N, b), 2.0));
    case LexdivMeasure::lgV0:
      return std::log10(V) / std::sqrt(1 - std::pow(std::log10(V) / std::log10(N), 2.0));
    case LexdivMeasure::lgeV0: return std::log(V) / std::sqrt(1 - std::pow(std::log(V) / std::log(N), 2.0));
    default: return kNaN;
  }
}

// Mean TTR of every window of w tokens (NaN when the unit is shorter).
double mattr(const id_t* terms, std::int64_t n, std::int64_t w, Scratch& aux) {
  if (n < w) return kNaN;
  aux.clear();
  std::int64_t distinct = 0;
  for (std::int64_t i = 0; i < w; ++i) distinct += aux.add(terms[i]);
  double sum = static_cast<double>(distinct) / static_cast<double>(w);
  for (std::int64_t i = w; i < n; ++i) {
    if (--aux.count[static_cast<std::size_t>(terms[i - w])] == 0) --distinct;
    distinct += aux.add(terms[i]);
    sum += static_cast<double>(distinct) / static_cast<double>(w);
  }
  aux.clear();
  return sum / static_cast<double>(n - w + 1);
}

// Mean TTR of the consecutive segments of `seg` tokens; an incomplete last segment is dropped.
double msttr(const id_t* terms, std::int64_t n, std::int64_t seg, Scratch& aux) {
  const std::int64_t full = n / seg;
  if (full == 0) return kNaN;
  double sum = 0.0;
  for (std::int64_t g = 0; g < full; ++g) {
    aux.clear();
    for (std::int64_t i = g * seg; i < (g + 1) * seg; ++i) aux.add(terms[i]);
    sum += static_cast<double>(aux.touched.size()) / static_cast<double>(seg);
  }
  aux.clear();
  return sum / static_cast<double>(full);
}

// lexicalrichness's hdd: sum over the types counted in `s` of P(drawn at least once) / draws.
double hdd(const Scratch& s, std::int64_t n, std::int64_t d) {
  if (n < d) return kNaN;
  double sum = 0.0;
  for (id_t t : s.touched) {
    const std::int64_t f = s.count[static_cast<std::size_t>(t)];
    long double absent = 1.0L;  // P(no draw hits the type) = prod (n-f-k)/(n-k)
    if (n - f < d)
      absent = 0.0L;
    else
      for (std::int64_t k = 0; k < d; ++k)
        absent *= static_cast<long double>(n - f - k) / static_cast<long double>(n - k);
    sum += (1 - static_cast<double>(absent)) / static_cast<double>(d);
  }
  return sum;
}

// Measure m of a unit described in `u` whose types are counted in `s`; `aux` is scratch.
double measure(LexdivMeasure m, const UnitCounts& u, const Scratch& s, Scratch& aux, const LexdivOptions& o) {
  switch (m) {
    case LexdivMeasure::MATTR: return mattr(u.terms, u.n, o.mattr_window, aux);
    case LexdivMeasure::MSTTR: return msttr(u.terms, u.n, o.msttr_segment, aux);
    case LexdivMeasure::MTLD: {
      const double fwd = mtld_pass(u.terms, u.n, false, o.mtld_threshold, u.v, aux);
      const double bwd = mtld_pass(u.terms, u.n, true, o.mtld_threshold, u.v, aux);
      return (fwd + bwd) / 2;
    }
    case LexdivMeasure::HDD: return hdd(s, u.n, o.hdd_draws);
    default: return closed_form(m, u, o.log_base);
  }
}

}  // namespace

LexdivTable lexical_diversity(const UnitTerms& units, std::size_t vocab_size, const LexdivOptions& o) {
  if (o.mattr_window < 1 || o.msttr_segment < 1 || o.hdd_draws < 1)
    throw Error("MATTR window, MSTTR segment and HD-D draws must be positive");
  const std::size_t n_units = units.units();
  LexdivTable out;
  out.tokens.resize(n_units);
  out.types.resize(n_units);
  out.values.assign(o.measures.size(), std::vector<double>(n_units, kNaN));
  parallel_chunks(n_units, 256, o.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    Scratch s(vocab_size), aux(vocab_size);
    UnitCounts u;
    for (std::size_t unit = begin; unit < end; ++unit) {
      describe(units.terms.data() + units.begin[unit],
               static_cast<std::int64_t>(units.begin[unit + 1] - units.begin[unit]), s, u);
      out.tokens[unit] = u.n;
      out.types[unit] = u.v;
      if (u.n == 0) continue;  // every measure NaN
      for (std::size_t k = 0; k < o.measures.size(); ++k)
        out.values[k][unit] = measure(o.measures[k], u, s, aux, o);
    }
  });
  return out;
}

}  // namespace textgauge
