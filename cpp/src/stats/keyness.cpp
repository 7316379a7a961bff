#include "textgauge/stats/keyness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "textgauge/error.hpp"
#include "textgauge/stats/hypergeom.hpp"

namespace textgauge {

GroupedCounts grouped_term_counts(const Corpus& corpus, std::uint8_t kinds,
                                  const std::vector<std::int32_t>& doc_group, std::int32_t groups) {
  if (doc_group.size() != corpus.size()) throw Error("one group per document is needed");
  const std::size_t vocab = corpus.vocabulary().size();
  GroupedCounts out;
  out.group_tokens.assign(static_cast<std::size_t>(std::max(groups, 0)), 0);
  // Documents of each group, in order; then one dense count array per group at a time.
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(std::max(groups, 0)));
  for (std::size_t d = 0; d < doc_group.size(); ++d) {
    const std::int32_t g = doc_group[d];
    if (g < -1 || g >= groups) throw Error("document group out of range");
    if (g >= 0) members[static_cast<std::size_t>(g)].push_back(d);
  }
  std::vector<std::int64_t> freq(vocab, 0), df(vocab, 0);
  std::vector<std::int32_t> seen_in(vocab, -1);  // last document that counted a term's docfreq
  std::vector<std::int32_t> touched;
  for (std::int32_t g = 0; g < groups; ++g) {
    touched.clear();
    for (std::size_t d : members[static_cast<std::size_t>(g)]) {
      const Document& doc = corpus.document(d);
      for (std::size_t k = 0; k < doc.units.tokens.size(); ++k) {
        if (!(kinds & kind_bit(doc.units.tokens.kind(k)))) continue;
        const auto t = static_cast<std::size_t>(doc.terms[k]);
        if (freq[t]++ == 0) touched.push_back(static_cast<std::int32_t>(t));
        if (seen_in[t] != static_cast<std::int32_t>(d)) {
          seen_in[t] = static_cast<std::int32_t>(d);
          ++df[t];
        }
        ++out.group_tokens[static_cast<std::size_t>(g)];
      }
    }
    std::sort(touched.begin(), touched.end());
    for (std::int32_t t : touched) {
      out.group.push_back(g);
      out.term.push_back(t);
      out.frequency.push_back(freq[static_cast<std::size_t>(t)]);
      out.docfreq.push_back(df[static_cast<std::size_t>(t)]);
      freq[static_cast<std::size_t>(t)] = 0;
      df[static_cast<std::size_t>(t)] = 0;
      seen_in[static_cast<std::size_t>(t)] = -1;
    }
  }
  return out;
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double chi_sq_sf1(double x) { return std::erfc(std::sqrt(x / 2)); }  // P(chi2 with 1 df > x)

double williams_q(double a, double b, double c, double d) {
  const double N = a + b + c + d;
  if (a * b * c * d == 0) return 1.0;
  return 1 + (N / (a + b) + N / (c + d) - 1) * (N / (a + c) + N / (b + d) - 1) / (6 * N);
}

// Yates' continuity correction: 0.5 when |ad - bc| >= N/2 and an expected cell is below 5.
double yates_delta(double a, double b, double c, double d, double N, const double* e) {
  if (std::fabs(a * d - b * c) >= N / 2 && (e[0] < 5 || e[1] < 5 || e[2] < 5 || e[3] < 5)) return 0.5;
  return 0.0;
}

// G2's sum of o ln(o/e) over the four cells; Yates moves each observed count
// delta toward its expected count first.
double g2_sum(const double* o, const double* e, double delta) {
  double g = 0.0;
  for (int k = 0; k < 4; ++k) {
    const double ok = o[k] > e[k] ? o[k] - delta : o[k] < e[k] ? o[k] + delta : o[k];
    if (ok > 0) g += ok * std::log(ok / e[k]);
  }
  return g;
}

struct Keyness {
  double statistic, p;
};

// The statistic and p of one term's table: a, b the term in target and
// reference, c, d the other tokens.
Keyness keyness_of(double a, double b, double c, double d, KeynessMeasure measure,
                   KeynessCorrection correction) {
  const double N = a + b + c + d;
  const double E = (a + b) * (a + c) / N;
  const double sign = a > E ? 1.0 : -1.0;
  // Expected counts of the four cells, for the Yates condition and G2.
  const double e[4] = {E, (a + b) * (b + d) / N, (c + d) * (a + c) / N, (c + d) * (b + d) / N};
  const double o[4] = {a, b, c, d};
  const double delta = correction == KeynessCorrection::yates ? yates_delta(a, b, c, d, N, e) : 0.0;
  const double q = correction == KeynessCorrection::williams ? williams_q(a, b, c, d) : 1.0;
  switch (measure) {
    case KeynessMeasure::chi2: {
      const double stat = sign * N * std::pow(std::fabs(a * d - b * c) - N * delta, 2.0) /
                          ((a + b) * (c + d) * (a + c) * (b + d)) / q;
      return {stat, chi_sq_sf1(std::fabs(stat))};
    }
    case KeynessMeasure::lr: {
      const double stat = sign * 2 * g2_sum(o, e, delta) / q;
      return {stat, chi_sq_sf1(std::fabs(stat))};
    }
    case KeynessMeasure::pmi: {
      const double stat = std::log(a / E);
      return {stat, chi_sq_sf1(std::fabs(stat))};
    }
    case KeynessMeasure::exact:
      return {(b > 0 && c > 0) ? a * d / (b * c) : std::numeric_limits<double>::infinity(),
              fisher_two_sided(static_cast<std::int64_t>(a), static_cast<std::int64_t>(b),
                               static_cast<std::int64_t>(c), static_cast<std::int64_t>(d))};
  }
  return {kNaN, kNaN};
}
}  // namespace

KeynessResult keyness(const std::vector<double>& av, const std::vector<double>& bv, double T, double R,
                      KeynessMeasure measure, KeynessCorrection correction) {
  if (av.size() != bv.size()) throw Error("target and reference counts differ in length");
  const std::size_t n = av.size();
  KeynessResult r;
  r.statistic.resize(n);
  r.p.resize(n);
  r.log_ratio.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double a = av[i], b = bv[i];
    const Keyness k = keyness_of(a, b, T - a, R - b, measure, correction);
    r.statistic[i] = k.statistic;
    r.p[i] = k.p;
    r.log_ratio[i] = std::log2(((a > 0 ? a : 0.5) / T) / ((b > 0 ? b : 0.5) / R));
  }
  return r;
}

}  // namespace textgauge
