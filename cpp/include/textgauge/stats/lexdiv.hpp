#pragma once
// Lexical diversity per unit (document, paragraph or sentence).
//
// The measures of quanteda.textstats::textstat_lexdiv (formulas transcribed
// from R/textstat_lexdiv.R, logarithms in `log_base`, default 10), plus MTLD
// and HD-D as the `lexicalrichness` package defines them:
//   N tokens, V types, V(i) = number of types seen i times
//   TTR = V/N            C = log V / log N       R = V/sqrt(N)      CTTR = V/sqrt(2N)
//   U = (log N)^2 / (log N - log V)              S = log(log V) / log(log N)
//   K = 10^4 (sum V(i) (i/N)^2 - 1/N)            I = V^2 / (M2 - V), M2 = sum i^2 V(i) (0 when M2 = V)
//   D = sum V(i) (i/N) ((i-1)/(N-1))             Vm = sqrt(sum V(i) (i/N)^2 - 1/V)
//   Maas = sqrt((log N - log V) / (log N)^2)
//   lgV0 = log10 V / sqrt(1 - (log10 V / log10 N)^2), lgeV0 the same with ln
//   MATTR: mean TTR of every window of `mattr_window` tokens (NaN when N < window)
//   MSTTR: mean TTR of consecutive segments of `msttr_segment` tokens, the rest dropped
//   MTLD:  McCarthy & Jarvis, forward and backward factor counts at `mtld_threshold`, averaged
//   HDD:   sum over types of (1 - P(type absent from `hdd_draws` draws)) / draws (NaN when N < draws)
// A measure undefined for a unit (no tokens, log of 1, ...) is NaN or +-inf as the formula gives.
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/stats/termstats.hpp"

namespace textgauge {

enum class LexdivMeasure {
  TTR,
  C,
  R,
  CTTR,
  U,
  S,
  K,
  I,
  D,
  Vm,
  Maas,
  lgV0,
  lgeV0,
  MATTR,
  MSTTR,
  MTLD,
  HDD,
};

template <>
struct OptionTable<LexdivMeasure> {
  static constexpr std::string_view label = "lexical diversity measure";
  static constexpr std::array<OptionName<LexdivMeasure>, 17> entries{{
      {LexdivMeasure::TTR, "TTR"},
      {LexdivMeasure::C, "C"},
      {LexdivMeasure::R, "R"},
      {LexdivMeasure::CTTR, "CTTR"},
      {LexdivMeasure::U, "U"},
      {LexdivMeasure::S, "S"},
      {LexdivMeasure::K, "K"},
      {LexdivMeasure::I, "I"},
      {LexdivMeasure::D, "D"},
      {LexdivMeasure::Vm, "Vm"},
      {LexdivMeasure::Maas, "Maas"},
      {LexdivMeasure::lgV0, "lgV0"},
      {LexdivMeasure::lgeV0, "lgeV0"},
      {LexdivMeasure::MATTR, "MATTR"},
      {LexdivMeasure::MSTTR, "MSTTR"},
      {LexdivMeasure::MTLD, "MTLD"},
      {LexdivMeasure::HDD, "HDD"},
  }};
};

struct LexdivOptions {
  std::vector<LexdivMeasure> measures;
  double log_base = 10.0;
  std::int64_t mattr_window = 100, msttr_segment = 100, hdd_draws = 42;
  double mtld_threshold = 0.72;
  unsigned threads = 0;
};

struct LexdivTable {
  std::vector<std::int64_t> tokens, types;  // per unit
  std::vector<std::vector<double>> values;  // one column per measure
};

LexdivTable lexical_diversity(const UnitTerms& units, std::size_t vocab_size, const LexdivOptions& options);

}  // namespace textgauge
