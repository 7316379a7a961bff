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

}  // namespace

LexdivTable lexical_diversity(const UnitTerms& units, std::size_t vocab_size, const LexdivOptions& o) {
  if (o.mattr_window < 1 || o.msttr_segment < 1 || o.hdd_draws < 1)
    throw Error("MATTR window, MSTTR segment and HD-D draws must be positive");
  const std::size_t n_units = units.units();
  LexdivTable out;
  out.tokens.resize(n_units);
  out.types.resize(n_units);
  out.values.assign(o.measures.size(), std::vector<double>(n_units, kNaN));
  const double b = o.log_base;

  parallel_chunks(n_units, 256, o.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    Scratch s(vocab_size), aux(vocab_size);
    std::vector<std::int32_t> freqs;
    for (std::size_t u = begin; u < end; ++u) {
      const id_t* terms = units.terms.data() + units.begin[u];
      const auto n = static_cast<std::int64_t>(units.begin[u + 1] - units.begin[u]);
      s.clear();
      for (std::int64_t k = 0; k < n; ++k) s.add(terms[k]);
      const auto v = static_cast<std::int64_t>(s.touched.size());
      out.tokens[u] = n;
      out.types[u] = v;
      // Frequency spectrum as (frequency ascending) counts; integer sums are exact.
      freqs.clear();
      std::int64_t m2 = 0, pairs = 0;
      for (id_t t : s.touched) {
        const std::int64_t f = s.count[static_cast<std::size_t>(t)];
        freqs.push_back(static_cast<std::int32_t>(f));
        m2 += f * f;
        pairs += f * (f - 1);
      }
      std::sort(freqs.begin(), freqs.end());
      if (n == 0) continue;
      const double N = static_cast<double>(n), V = static_cast<double>(v);
      for (std::size_t k = 0; k < o.measures.size(); ++k) {
        double x = kNaN;
        switch (o.measures[k]) {
          case LexdivMeasure::TTR: x = V / N; break;
          case LexdivMeasure::C: x = log_in(V, b) / log_in(N, b); break;
          case LexdivMeasure::R: x = V / std::sqrt(N); break;
          case LexdivMeasure::CTTR: x = V / std::sqrt(2 * N); break;
          case LexdivMeasure::U: x = std::pow(log_in(N, b), 2.0) / (log_in(N, b) - log_in(V, b)); break;
          case LexdivMeasure::S: x = log_in(log_in(V, b), b) / log_in(log_in(N, b), b); break;
          case LexdivMeasure::K:
            x = 10000 * (static_cast<double>(m2) / static_cast<double>(n * n) - 1 / N);
            break;
          case LexdivMeasure::I:
            x = m2 == v ? 0.0 : static_cast<double>(v * v) / static_cast<double>(m2 - v);
            break;
          case LexdivMeasure::D: x = static_cast<double>(pairs) / static_cast<double>(n * (n - 1)); break;
          case LexdivMeasure::Vm: {
            double sum = 0.0;
            for (std::size_t i = 0; i < freqs.size();) {
              std::size_t j = i;
              while (j < freqs.size() && freqs[j] == freqs[i]) ++j;
              sum += static_cast<double>(j - i) * std::pow(freqs[i] / N, 2.0);
              i = j;
            }
            x = std::sqrt(sum - 1 / V);
            break;
          }
          case LexdivMeasure::Maas:
            x = std::sqrt((log_in(N, b) - log_in(V, b)) / std::pow(log_in(N, b), 2.0));
            break;
          case LexdivMeasure::lgV0:
            x = std::log10(V) / std::sqrt(1 - std::pow(std::log10(V) / std::log10(N), 2.0));
            break;
          case LexdivMeasure::lgeV0:
            x = std::log(V) / std::sqrt(1 - std::pow(std::log(V) / std::log(N), 2.0));
            break;
          case LexdivMeasure::MATTR: {
            const std::int64_t w = o.mattr_window;
            if (n < w) break;
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
            x = sum / static_cast<double>(n - w + 1);
            break;
          }
          case LexdivMeasure::MSTTR: {
            const std::int64_t seg = o.msttr_segment;
            const std::int64_t full = n / seg;  // an incomplete last segment is dropped
            if (full == 0) break;
            double sum = 0.0;
            for (std::int64_t g = 0; g < full; ++g) {
              aux.clear();
              for (std::int64_t i = g * seg; i < (g + 1) * seg; ++i) aux.add(terms[i]);
              sum += static_cast<double>(aux.touched.size()) / static_cast<double>(seg);
            }
            aux.clear();
            x = sum / static_cast<double>(full);
            break;
          }
          case LexdivMeasure::MTLD: {
            const double fwd = mtld_pass(terms, n, false, o.mtld_threshold, v, aux);
            const double bwd = mtld_pass(terms, n, true, o.mtld_threshold, v, aux);
            x = (fwd + bwd) / 2;
            break;
          }
          case LexdivMeasure::HDD: {
            const std::int64_t d = o.hdd_draws;
            if (n < d) break;
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
            x = sum;
            break;
          }
        }
        out.values[k][u] = x;
      }
    }
  });
  return out;
}

}  // namespace textgauge
