#include "textgauge/stats/hypergeom.hpp"

#include <algorithm>
#include <cmath>

namespace textgauge {

namespace {

// ---- hypergeometric distribution (Loader's saddle-point pmf) ---------------------

const double kLnSqrt2Pi = 0.918938533204672741780329736406;

double stirlerr(double n) {
  // lgamma(n+1) - (n+1/2) ln n + n - ln sqrt(2 pi): series beyond 15, long double below.
  if (n <= 15.0) {
    const long double x = n;
    return static_cast<double>(std::lgamma(x + 1.0L) - (x + 0.5L) * std::log(x) + x -
                               0.918938533204672741780329736406L);
  }
  const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680, S4 = 1.0 / 1188;
  const double nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

// x ln(x/np) + np - x, without cancellation when x is close to np.
double bd0(double x, double np) {
  if (std::fabs(x - np) < 0.1 * (x + np)) {
    double v = (x - np) / (x + np);
    double s = (x - np) * v;
    double ej = 2 * x * v;
    v *= v;
    for (int j = 1; j < 1000; ++j) {
      ej *= v;
      const double s1 = s + ej / (2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
  }
  return x * std::log(x / np) + np - x;
}

// ln of the binomial pmf at x (n trials, probability p, q = 1 - p).
double log_dbinom(double x, double n, double p, double q) {
  if (x == 0) return n == 0 ? 0.0 : (p < 0.1 ? -bd0(n, n * q) - n * p : n * std::log(q));
  if (x == n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * std::log(p);
  const double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const double lf = 2 * kLnSqrt2Pi + std::log(x) + std::log1p(-x / n);
  return lc - 0.5 * lf;
}

// pmf of drawing x successes; R's dhyper decomposition into three binomials.
double pmf_impl(std::int64_t x, std::int64_t total, std::int64_t successes, std::int64_t draws) {
  const std::int64_t lo = std::max<std::int64_t>(0, draws - (total - successes)),
                     hi = std::min(draws, successes);
  if (x < lo || x > hi) return 0.0;
  const double p = static_cast<double>(draws) / static_cast<double>(total);
  const double q = static_cast<double>(total - draws) / static_cast<double>(total);
  const double l1 = log_dbinom(static_cast<double>(x), static_cast<double>(successes), p, q);
  const double l2 = log_dbinom(static_cast<double>(draws - x), static_cast<double>(total - successes), p, q);
  const double l3 = log_dbinom(static_cast<double>(draws), static_cast<double>(total), p, q);
  return std::exp(l1 + l2 - l3);
}

struct Support {
  std::int64_t lo, hi;
  double mode;
};

Support support(std::int64_t total, std::int64_t successes, std::int64_t draws) {
  return {std::max<std::int64_t>(0, draws - (total - successes)), std::min(draws, successes),
          std::floor((static_cast<double>(draws) + 1) * (static_cast<double>(successes) + 1) /
                     (static_cast<double>(total) + 2))};
}

// Sum of pmf(x) for x = from, from-1, ... (down) or from, from+1, ... (up),
// starting from one saddle-point pmf and stepping with the rational ratio of
// neighbouring terms. Call it on the side of `from` away from the mode.
double tail(std::int64_t from, bool up, std::int64_t total, std::int64_t successes, std::int64_t draws) {
  const Support s = support(total, successes, draws);
  const std::int64_t failures = total - successes;
  if (from < s.lo) from = s.lo;
  if (from > s.hi) from = s.hi;
  double term = pmf_impl(from, total, successes, draws), sum = 0.0;
  for (std::int64_t x = from; x >= s.lo && x <= s.hi && term > 0;) {
    sum += term;
    if (term < sum * 1e-18) break;
    if (up) {
      term *= static_cast<double>(successes - x) * static_cast<double>(draws - x) /
              (static_cast<double>(x + 1) * static_cast<double>(failures - draws + x + 1));
      ++x;
    } else {
      term *= static_cast<double>(x) * static_cast<double>(failures - draws + x) /
              (static_cast<double>(successes - x + 1) * static_cast<double>(draws - x + 1));
      --x;
    }
  }
  return sum;
}

}  // namespace

double hypergeom_pmf(std::int64_t x, std::int64_t total, std::int64_t successes, std::int64_t draws) {
  return pmf_impl(x, total, successes, draws);
}

double hypergeom_cdf(std::int64_t k, std::int64_t total, std::int64_t successes, std::int64_t draws) {
  const Support s = support(total, successes, draws);
  if (k < s.lo) return 0.0;
  if (k >= s.hi) return 1.0;
  if (static_cast<double>(k) < s.mode) return tail(k, false, total, successes, draws);
  return 1.0 - tail(k + 1, true, total, successes, draws);
}

double hypergeom_sf(std::int64_t k, std::int64_t total, std::int64_t successes, std::int64_t draws) {
  const Support s = support(total, successes, draws);
  if (k < s.lo) return 1.0;
  if (k >= s.hi) return 0.0;
  if (static_cast<double>(k + 1) > s.mode) return tail(k + 1, true, total, successes, draws);
  return 1.0 - tail(k, false, total, successes, draws);
}

double fisher_two_sided(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) return 1.0;
  const std::int64_t n1 = a + b, n2 = c + d, n = a + c, total = n1 + n2;
  const auto mode = static_cast<std::int64_t>(static_cast<double>(n + 1) * static_cast<double>(n1 + 1) /
                                              static_cast<double>(total + 2));
  const double pexact = pmf_impl(a, total, n1, n), pmode = pmf_impl(mode, total, n1, n);
  const double epsilon = 1e-14, gamma = 1 + epsilon;
  if (std::fabs(pexact - pmode) / std::max(pexact, pmode) <= epsilon) return 1.0;
  double p;
  if (a < mode) {
    const double plower = hypergeom_cdf(a, total, n1, n);
    if (pmf_impl(n, total, n1, n) > pexact * gamma) return plower;
    // Last x in [mode, n] with pmf(x) >= pexact * gamma; add P(X > x).
    std::int64_t lo = mode, hi = n;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo + 1) / 2;
      if (pmf_impl(mid, total, n1, n) >= pexact * gamma)
        lo = mid;
      else
        hi = mid - 1;
    }
    p = plower + hypergeom_sf(lo, total, n1, n);
  } else {
    const double pupper = hypergeom_sf(a - 1, total, n1, n);
    if (pmf_impl(0, total, n1, n) > pexact * gamma) return pupper;
    // Last x in [0, mode] with pmf(x) <= pexact * gamma; add P(X <= x).
    std::int64_t lo = 0, hi = mode;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo + 1) / 2;
      if (pmf_impl(mid, total, n1, n) <= pexact * gamma)
        lo = mid;
      else
        hi = mid - 1;
    }
    p = pupper + hypergeom_cdf(lo, total, n1, n);
  }
  return std::min(p, 1.0);
}

}  // namespace textgauge
