#pragma once
// Features of a text, the way scikit-learn's CountVectorizer.build_analyzer()
// makes them (sklearn 1.x, default token_pattern):
//
//   preprocess  str.lower() when `lowercase`, then strip_accents ('ascii':
//               NFKD and drop non-ASCII; 'unicode': NFKD and drop combining
//               marks, pure-ASCII text untouched);
//   word        tokens are maximal runs of Python `\w` of two or more code
//               points (that is `(?u)\b\w\w+\b`), stop words are dropped
//               (exact match on the preprocessed token), then the n-grams for
//               n = min_n..max_n are emitted, all unigrams first, joined by one
//               space; with `skip` > 0, quanteda-style skip-grams: consecutive
//               tokens of an n-gram may be up to `skip` tokens apart;
//   char        runs of two or more `\s` become one space, then every n-gram
//               of code points over the whole text, n = min_n..max_n;
//   char_wb     the words of str.split(), each padded with one space on both
//               sides; a padded word no longer than n is emitted once and ends
//               that word's n loop (sklearn's `if offset == 0: break`).
//
// Python semantics (which characters are `\w`, `\s`, their lowercase, accent
// stripping) come from PyStr for the Unicode version of the emulated CPython.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/pystr/pystr.hpp"

namespace textgauge {

enum class AnalyzerKind { word, char_ngrams, char_wb };
template <>
struct OptionTable<AnalyzerKind> {
  static constexpr std::string_view label = "analyzer";
  static constexpr std::array<OptionName<AnalyzerKind>, 3> entries{{
      {AnalyzerKind::word, "word"},
      {AnalyzerKind::char_ngrams, "char"},
      {AnalyzerKind::char_wb, "char_wb"},
  }};
};

struct AnalyzerOptions {
  AnalyzerKind kind = AnalyzerKind::word;
  bool lowercase = true;
  StripAccents strip_accents = StripAccents::none;
  int min_n = 1, max_n = 1;
  int skip = 0;                         // word only; 0 = contiguous n-grams (sklearn)
  std::vector<std::string> stop_words;  // word only; compared with preprocessed tokens
  int unicode_major = 14, unicode_minor = 0;
};

// Features of one text, stored back to back: feature i is
// bytes[ends[i-1] .. ends[i]).
struct FeatureList {
  std::string bytes;
  std::vector<std::uint32_t> ends;
  std::size_t size() const noexcept { return ends.size(); }
  std::string_view operator[](std::size_t i) const noexcept {
    const std::uint32_t b = i ? ends[i - 1] : 0;
    return {bytes.data() + b, ends[i] - b};
  }
  void clear() noexcept {
    bytes.clear();
    ends.clear();
  }
  void push(std::string_view s) {
    bytes.append(s);
    ends.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
};

// Calls emit(const std::size_t* positions, std::size_t n) for every word
// n-gram of `count` tokens, n = min_n..max_n (min_n >= 1), in sklearn's order
// (all n-grams of one n before the next n); with skip > 0, every choice of
// gaps 0..skip between consecutive positions, in lexicographic order.
template <class Emit>
void for_each_ngram(std::size_t count, int min_n, int max_n, int skip, Emit&& emit) {
  std::vector<std::size_t> idx;
  for (int ni = min_n; ni <= max_n; ++ni) {
    const auto n = static_cast<std::size_t>(ni);
    if (n > count) break;
    if (skip == 0 || n == 1) {
      idx.resize(n);
      for (std::size_t i = 0; i + n <= count; ++i) {
        for (std::size_t k = 0; k < n; ++k) idx[k] = i + k;
        emit(idx.data(), n);
      }
      continue;
    }
    const auto gap = static_cast<std::size_t>(skip);
    for (std::size_t i = 0; i < count; ++i) {
      // Odometer over the gaps: extend while possible, else advance the last
      // position, else backtrack.
      idx.assign(1, i);
      for (;;) {
        if (idx.size() == n) {
          emit(idx.data(), n);
        } else if (idx.back() + 1 < count) {
          idx.push_back(idx.back() + 1);
          continue;
        }
        while (idx.size() > 1) {
          const std::size_t prev = idx[idx.size() - 2];
          if (idx.back() + 1 < count && idx.back() - prev < gap + 1) {
            ++idx.back();
            break;
          }
          idx.pop_back();
        }
        if (idx.size() == 1) break;
      }
    }
  }
}

// Holds scratch buffers: use one Analyzer per thread (copies are cheap).
// Texts must be well-formed UTF-8.
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});

  // Features of `text` in sklearn's order (replaces the content of `out`).
  void analyze(std::string_view text, FeatureList& out);
  // The preprocessed text (lowercase, strip_accents).
  void preprocess(std::string_view text, std::string& out) const;
  // `(?u)\b\w\w+\b` over an already preprocessed text.
  void tokenize(std::string_view text, std::vector<std::string_view>& tokens) const;
  // Preprocessed tokens of `text` (stop words still in), viewing a buffer of
  // this Analyzer that the next call overwrites.
  const std::vector<std::string_view>& word_tokens(std::string_view text);
  bool is_stop_word(std::string_view token) const { return !stop_.empty() && stop_.count(token) != 0; }
  bool has_stop_words() const noexcept { return !stop_.empty(); }

  const AnalyzerOptions& options() const noexcept { return options_; }

 private:
  void word_features(std::string_view pre, FeatureList& out);
  void char_features(std::string_view pre, FeatureList& out);
  void char_wb_features(std::string_view pre, FeatureList& out);

  AnalyzerOptions options_;
  const PyStr* unicode_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> stop_;
  std::string pre_, tmp_;
  std::vector<std::string_view> tokens_;
  std::vector<std::uint32_t> cp_offsets_;
};

}  // namespace textgauge
