#pragma once
// Normalisation of token text into terms (the strings that term statistics
// count). Each step is an option; the defaults suit news text:
// NFC, full case folding, accents kept, typographic quotes unified.
#include <string>
#include <string_view>

#include "textgauge/options.hpp"

namespace textgauge {

enum class NormalForm { nfc, nfkc };
template <>
struct OptionTable<NormalForm> {
  static constexpr std::string_view label = "form";
  static constexpr std::array<OptionName<NormalForm>, 2> entries{{
      {NormalForm::nfc, "NFC"},
      {NormalForm::nfkc, "NFKC"},
  }};
};

struct NormalizeOptions {
  NormalForm form = NormalForm::nfc;
  bool casefold = true;        // Unicode full case folding (Straße -> strasse)
  bool strip_accents = false;  // decompose, drop non-spacing marks, recompose (café -> cafe)
  bool unify_quotes = true;    // ‘ ’ ‚ ‛ -> '   “ ” „ ‟ -> "
};

// Stateless apart from its options and thread-safe.
class Normalizer {
 public:
  explicit Normalizer(NormalizeOptions options = {});
  // Writes the normalised form of UTF-8 `token` into `out` (replacing it).
  void apply(std::string_view token, std::string& out) const;
  std::string operator()(std::string_view token) const {
    std::string out;
    apply(token, out);
    return out;
  }
  const NormalizeOptions& options() const noexcept { return options_; }

 private:
  NormalizeOptions options_;
};

}  // namespace textgauge
