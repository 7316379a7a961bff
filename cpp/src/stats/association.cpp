#include "stats/association.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "textgauge/stats/hypergeom.hpp"

namespace textgauge::detail {

namespace {

constexpr double kSmall = 1e-20;  // nltk.metrics.association._SMALL

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

}  // namespace

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

double lambda_score(AssocMeasure m, int n, const std::vector<double>& cells) {
  double lambda = 0.0, var = 0.0;
  for (unsigned b = 0; b < cells.size(); ++b) {
    const double l = std::log(cells[b]);
    lambda += ((n - __builtin_popcount(b)) & 1) ? -l : l;
    var += 1.0 / cells[b];
  }
  return m == AssocMeasure::lambda ? lambda : lambda / std::sqrt(var);
}

}  // namespace textgauge::detail
