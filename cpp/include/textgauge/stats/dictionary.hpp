#pragma once
// Dictionary lookup: counts of dictionary categories (quanteda's "keys") per
// document, paragraph or sentence, as quanteda's tokens_lookup() counts them
// (docs/dictionaries.md).
//
// A dictionary arrives compiled into word patterns and entries:
//   - a word pattern matches one term: `fixed` (equal after the corpus's own
//     normalisation: case folding, NFC/NFKC, quotes, accents), `glob` (`*` any
//     run of code points, `?` one code point, anchored at both ends; the
//     pattern is normalised as the terms are) or `terms` (the term ids that
//     the caller resolved, e.g. Python's `re` for regex entries);
//   - an entry is a category and one or more word patterns, matched on
//     consecutive tokens ("united states", "not good*").
// Patterns are resolved against the corpus's vocabulary once (term id ->
// the patterns it matches: a hash lookup for fixed words, a table of literal
// prefixes for `abc*`, the glob matcher for the rest), then one pass over the
// tokens looks up each term's single-word categories in an array and walks a
// trie over pattern ids for multi-word entries.
//
// Matching runs inside segments: a segment is a run of tokens of the selected
// kinds within one sentence, so no multi-word match crosses a sentence or a
// token of another kind (punctuation by default). Within a segment, the
// matches are taken as quanteda takes them: longest span first, then left to
// right; a match of category k is dropped when one of its tokens is already in
// a match of k (nested_scope = key), and with nested_scope = dictionary also
// when all of its tokens are already in matches of any category (the longer
// match of another category wins). A token matched by several entries of one
// category counts once for it; a token matched by several categories counts
// for each. A match is counted in the unit of its first token.
//
// Negation (window > 0): a counted match of category k whose `window`
// preceding tokens of its segment hold a negator term counts for
// negated[k] instead (the Lexicoder Sentiment Dictionary's NEG_POSITIVE /
// NEG_NEGATIVE use); negated[k] == k leaves k as it is.
#include <cstdint>
#include <string>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

namespace textgauge {

enum class PatternKind { fixed, glob, terms };
template <>
struct OptionTable<PatternKind> {
  static constexpr std::string_view label = "pattern kind";
  static constexpr std::array<OptionName<PatternKind>, 3> entries{{
      {PatternKind::fixed, "fixed"},
      {PatternKind::glob, "glob"},
      {PatternKind::terms, "terms"},
  }};
};

enum class NestedScope { key, dictionary };
template <>
struct OptionTable<NestedScope> {
  static constexpr std::string_view label = "nested_scope";
  static constexpr std::array<OptionName<NestedScope>, 2> entries{{
      {NestedScope::key, "key"},
      {NestedScope::dictionary, "dictionary"},
  }};
};

struct DictionarySpec {
  // Word patterns: kind and text (fixed, glob), or the matching term ids
  // (terms: pattern_terms[pattern_terms_begin[p], pattern_terms_begin[p+1]),
  // an empty range for the other kinds).
  std::vector<PatternKind> pattern_kind;
  std::vector<std::string> pattern_text;
  std::vector<std::int64_t> pattern_terms_begin{0};
  std::vector<Vocabulary::id_type> pattern_terms;
  // Entry e: category entry_category[e], its words entry_words[entry_begin[e],
  // entry_begin[e+1]) (pattern indices).
  std::vector<std::int32_t> entry_category;
  std::vector<std::int64_t> entry_begin{0};
  std::vector<std::int32_t> entry_words;
  std::int32_t categories = 0;
  // Negation: patterns whose terms are negators, and each category's twin.
  std::vector<std::int32_t> negators;
  std::vector<std::int32_t> negated;  // empty: no negation
};

struct LookupOptions {
  Unit unit = Unit::document;
  std::uint8_t kinds = default_kinds;
  NestedScope scope = NestedScope::key;
  int window = 0;               // negation window in tokens; 0: off
  bool keep_unmatched = false;  // report each unmatched token (exclusive = FALSE)
};

struct LookupResult {
  std::size_t units = 0;
  std::int32_t categories = 0;
  std::vector<std::int64_t> counts;     // categories x units: category c of unit u at c * units + u
  std::vector<std::int64_t> tokens;     // per unit: tokens of the selected kinds
  std::vector<std::int64_t> unmatched;  // per unit: of those, tokens in no counted match
  // keep_unmatched: one (unit, term) pair per unmatched token, in text order.
  std::vector<std::int64_t> unmatched_unit;
  std::vector<Vocabulary::id_type> unmatched_term;
};

// Whether UTF-8 `text` matches glob `pattern` (`*`: any run of code points,
// `?`: one code point, all else literal; the whole text).
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

// Counts `spec`'s categories over `corpus`. Throws textgauge::Error for an
// inconsistent spec (an index out of range). Single-threaded: the pass is one
// array read per token.
LookupResult dictionary_lookup(const Corpus& corpus, const DictionarySpec& spec,
                               const LookupOptions& options);

}  // namespace textgauge
