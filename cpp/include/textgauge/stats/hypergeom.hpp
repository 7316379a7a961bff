#pragma once
// The hypergeometric distribution, for Fisher's exact test (NLTK's `fisher`
// collocation measure, keyness "exact") and HD-D. The pmf uses Loader's
// saddle-point decomposition into binomial densities (as R's dhyper), tails
// are summed outward from their largest term, so values keep ~1e-14 relative
// accuracy where scipy.stats.hypergeom (Boost) does.
#include <cstdint>

namespace textgauge {

// X ~ Hypergeometric(total, successes, draws): scipy.stats.hypergeom(M=total, n=successes, N=draws).
double hypergeom_pmf(std::int64_t x, std::int64_t total, std::int64_t successes, std::int64_t draws);
double hypergeom_cdf(std::int64_t k, std::int64_t total, std::int64_t successes,
                     std::int64_t draws);  // P(X <= k)
double hypergeom_sf(std::int64_t k, std::int64_t total, std::int64_t successes,
                    std::int64_t draws);  // P(X > k)

// Two-sided p-value of Fisher's exact test on [[a, b], [c, d]], with
// scipy.stats.fisher_exact's rule for tables as likely as the observed one
// (relative tolerance 1e-14).
double fisher_two_sided(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

}  // namespace textgauge
