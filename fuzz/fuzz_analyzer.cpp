// The sklearn-mode analyzer (word n-grams and skip-grams, char, char_wb) on
// repaired UTF-8. The first two input bytes pick the options.
//
// Invariants: features are non-empty, well-formed UTF-8; a word n-gram holds
// n tokens (n - 1 spaces, min_n <= n <= max_n) and no stop word when n = 1;
// char n-grams hold min_n..max_n code points; analysing twice gives the
// same features (scratch buffers do not leak between calls); a fit of the
// text counts exactly those features.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"
#include "textgauge/vectorize/analyzer.hpp"
#include "textgauge/vectorize/dtm.hpp"

using namespace textgauge;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t a = data[0], b = data[1];
  AnalyzerOptions o;
  o.kind = a % 3 == 0 ? AnalyzerKind::word : a % 3 == 1 ? AnalyzerKind::char_ngrams : AnalyzerKind::char_wb;
  o.lowercase = (a & 4) != 0;
  o.strip_accents = (a >> 3) % 3 == 0   ? StripAccents::none
                    : (a >> 3) % 3 == 1 ? StripAccents::ascii
                                        : StripAccents::unicode;
  o.min_n = 1 + b % 3;
  o.max_n = o.min_n + (b >> 2) % 3;
  if (o.kind == AnalyzerKind::word) {
    o.skip = (b >> 4) % 3;
    if (b & 0x40) o.stop_words = {"the", "and", "\xC3\xA9t\xC3\xA9"};  // été
  }
  const std::string text =
      ensure_utf8(std::string(reinterpret_cast<const char*>(data) + 2, size - 2), DecodeErrors::replace);

  Analyzer an(o);
  FeatureList f, g;
  an.analyze(text, f);
  an.analyze("warm up the scratch buffers with something else", g);
  an.analyze(text, g);
  FUZZ_CHECK(f.bytes == g.bytes && f.ends == g.ends);

  for (std::size_t i = 0; i < f.size(); ++i) {
    const std::string_view feat = f[i];
    FUZZ_CHECK(!feat.empty() && find_invalid_utf8(feat) == std::string_view::npos);
    if (o.kind == AnalyzerKind::word) {
      long spaces = 0;
      for (char c : feat) spaces += c == ' ';
      FUZZ_CHECK(spaces + 1 >= o.min_n && spaces + 1 <= o.max_n);
      if (spaces == 0) FUZZ_CHECK(!an.is_stop_word(feat));
    } else {
      const auto cps = static_cast<long>(count_code_points(feat));
      // char_wb emits a padded word shorter than n whole.
      FUZZ_CHECK(cps <= o.max_n && (o.kind == AnalyzerKind::char_wb || cps >= o.min_n));
    }
  }

  // A fit counts exactly the analyzer's features (its ASCII path tokenizes
  // without the analyzer): same terms, same total count, unsorted rows or not.
  std::vector<std::string> want;
  for (std::size_t i = 0; i < f.size(); ++i) want.emplace_back(f[i]);
  std::sort(want.begin(), want.end());
  const auto total = static_cast<std::int64_t>(want.size());
  want.erase(std::unique(want.begin(), want.end()), want.end());
  try {
    const FitResult r = fit_counts({text, text}, o, PruneOptions{}, 1, false, (b & 0x80) != 0);
    FUZZ_CHECK(r.vocabulary.size() == want.size());
    for (std::size_t i = 0; i < want.size() && i < r.vocabulary.size(); ++i)
      FUZZ_CHECK(r.vocabulary[i] == want[i]);
    std::int64_t sum = 0;
    for (std::int64_t v : r.matrix.data) sum += v;
    FUZZ_CHECK(sum == 2 * total);
  } catch (const Error&) {
    FUZZ_CHECK(want.empty());  // "empty vocabulary"
  }
  return 0;
}
