// Step 5 of polarity_scores: score_valence (the rounding of the scores is
// inline in vader_impl.hpp); and one text through all the steps
// (SentimentAnalyzer::Impl::run).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "sentiment/vader_impl.hpp"

namespace textgauge {

double python_round(double x, int digits) noexcept { return vader::round_impl(x, digits); }

namespace vader {

// The rare case of round_impl() (vader_impl.hpp): out of line, so that the
// inline part stays small.
double round_by_decimal(double x, int digits) noexcept {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return std::strtod(buf, nullptr);
}

double amplifier(std::string_view text) {
  std::size_t ep = 0, qm = 0;
  for (char c : text) {
    ep += c == '!';
    qm += c == '?';
  }
  return amplifier(ep, qm);
}

// _punctuation_emphasis from the counts of `!` and `?` in the text.
double amplifier(std::size_t ep, std::size_t qm) {
  const double ep_amp = static_cast<double>(std::min<std::size_t>(ep, 4)) * 0.292;
  double qm_amp = 0;
  if (qm > 1) qm_amp = qm <= 3 ? static_cast<double>(qm) * 0.18 : 0.96;
  return ep_amp + qm_amp;
}

namespace {

// score_valence's body, inline in run() (once per text).
inline SentimentScores score(const Scratch& s, double amp, double* sum_out) {
  SentimentScores r;
  const std::vector<double>& sent = s.sent;
  if (s.toks.empty()) return r;
  double sum_s = 0.0;
  for (const double x : sent) sum_s += x;
  if (sum_s > 0)
    sum_s += amp;
  else if (sum_s < 0)
    sum_s -= amp;
  if (sum_out) *sum_out = sum_s;
  double compound = sum_s / std::sqrt((sum_s * sum_s) + 15);
  if (compound < -1.0) compound = -1.0;
  if (compound > 1.0) compound = 1.0;
  double pos_sum = 0.0, neg_sum = 0.0;
  const std::size_t neu_count = s.toks.size() - sent.size();
  for (const double x : sent) {
    if (x > 0) pos_sum += (x + 1);
    if (x < 0) neg_sum += (x - 1);
  }
  if (pos_sum > std::fabs(neg_sum))
    pos_sum += amp;
  else if (pos_sum < std::fabs(neg_sum))
    neg_sum -= amp;
  const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
  r.pos = std::fabs(pos_sum / total);
  r.neg = std::fabs(neg_sum / total);
  r.neu = std::fabs(static_cast<double>(neu_count) / total);
  r.compound = compound;
  return r;
}

}  // namespace

SentimentScores score_valence(const Scratch& s, double amp, double* sum_out) {
  return score(s, amp, sum_out);
}

}  // namespace vader

SentimentScores SentimentAnalyzer::Impl::run(std::string_view input, vader::Scratch& s,
                                             std::uint32_t* tokens) const {
  double amp;
  std::size_t ep, qm;
  if (tokenizer.ascii_fast() && tokenizer.tokenize_ascii(input, s, ep, qm)) {
    amp = vader::amplifier(ep, qm);
  } else {
    const std::string_view text = tokenizer.substitute(input, s);
    tokenizer.tokenize(text, s);
    amp = vader::amplifier(text);
  }
  vader::valences<false>(s, fixed());
  vader::but_check<false>(s, fixed());
  if (tokens) *tokens = static_cast<std::uint32_t>(s.toks.size());
  return vader::score(s, amp, nullptr);
}

}  // namespace textgauge
