#pragma once
// YAKE keyword candidates and scores as the `yake` package (0.7.3,
// yake/data/core.py, single_word.py, composed_word.py) computes them, from
// the sentences of tokens that its pre-processing (segtok's split_multi and
// web_tokenizer / split_contractions) gives.
//
// Per token: a token made only of ASCII punctuation ends a block (candidates
// and co-occurrences never cross it). Every other token is tagged ('d' a
// number, 'u' unusual: letters and digits mixed, neither, or more than one
// punctuation mark, 'a' all upper case, 'n' a capitalised word not first in
// its sentence, 'p' otherwise), counts for its term (the lower-cased token
// with a final "s" dropped when longer than three characters; the first
// spelling decides whether the term is a stop word: listed, or shorter than
// three characters once punctuation is removed), links to the previous
// `window` terms of its block in the co-occurrence graph (neither end 'u' or
// 'd'), and ends one candidate of each size 1..n within its block. The term
// score H, and each candidate's from its terms (stop words inside weighed by
// the bigram probabilities around them), follow the package's formulas in its
// float order; the mean and standard deviation of the non-stop terms'
// frequencies are summed pairwise as numpy does.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/text/clean.hpp"

namespace textgauge {

// What Python's str methods say of a token that is not ASCII (for ASCII
// tokens the C++ side works them out): its lower-cased form and its tag
// class, one of 'd', 'u', 'a', 'p', or 'N' ('n' when not first in its
// sentence, 'p' when first).
struct YakeTokenInfo {
  std::string lower;
  char cls = 'p';
};

struct YakeOptions {
  int n = 3;       // longest candidate, in tokens
  int window = 1;  // co-occurrence window
};

// Valid candidates (no 'u'/'d' token in some occurrence, no stop word at
// either end), sorted by score (ascending; ties keep first-occurrence order).
struct YakeResult {
  std::vector<std::string> keywords;  // first occurrence's spelling
  std::vector<std::string> unique;    // lower-cased
  std::vector<double> scores;
  bool failed = false;  // the package's scoring would divide by zero (it then returns nothing)
};

YakeResult yake_candidates(const std::vector<std::vector<std::string>>& sentences,
                           const std::unordered_map<std::string, YakeTokenInfo>& non_ascii,
                           const std::unordered_set<std::string>& stopwords, const YakeOptions& options);

// The package's sentences of `text` (UTF-8): its pre-filter (line breaks and
// tabs become spaces; "\n\n" before a text that starts with an ASCII capital
// after white space, else " "), then segtok_split_multi, blank ones dropped.
std::vector<std::string> yake_sentences(std::string_view text);

// The whole of `yake.KeywordExtractor(...).extract_keywords(text)`: the
// text's yake_sentences, each tokenized as the package does (segtok_tokens, then
// tokens starting with an ASCII quote dropped), tokens tagged with Python's
// str predicates of Unicode `unicode_major`.`unicode_minor` (PyStr),
// yake_candidates, then the package's de-duplication: walking the candidates
// best first, one is kept unless its similarity to a kept one exceeds
// dedup_lim, until `top` are kept (dedup_lim >= 1: the first `top`, in their
// lower-cased form).
enum class YakeDedup { seqm, jaro, levs };
template <>
struct OptionTable<YakeDedup> {
  static constexpr std::string_view label = "keyword dedup";
  static constexpr std::array<OptionName<YakeDedup>, 3> entries{{
      {YakeDedup::seqm, "seqm"},
      {YakeDedup::jaro, "jaro"},
      {YakeDedup::levs, "levs"},
  }};
};

struct YakeExtractOptions {
  YakeOptions candidates;
  double dedup_lim = 0.9;
  YakeDedup dedup = YakeDedup::seqm;
  int top = 20;
  int unicode_major = 14, unicode_minor = 0;
};

struct YakeKeywords {
  std::vector<std::string> keywords;
  std::vector<double> scores;
};

YakeKeywords yake_keywords(std::string_view text, const EntityTable& entities,
                           const std::unordered_set<std::string>& stopwords,
                           const YakeExtractOptions& options);

// The tag class of a token as YakeTokenInfo holds it, with Python's str
// predicates (isdigit, isalpha, isupper) and lower() of the given Unicode version.
YakeTokenInfo yake_token_info(std::string_view token, int unicode_major, int unicode_minor);

// The package's similarity of two lower-cased candidates, in [0, 1]:
// "seqm" (its length / character / word / trigram mix with pre-filters),
// "jaro", or "levs" (1 - edit distance / longer length), on code points.
double yake_similarity(std::string_view a, std::string_view b, YakeDedup how, int unicode_major = 14,
                       int unicode_minor = 0);

// numpy's pairwise summation (np.add.reduce over a contiguous float64 array).
double numpy_pairwise_sum(const double* a, std::size_t n);

}  // namespace textgauge
