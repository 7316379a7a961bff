#pragma once
// The row order of a collocation table, as NLTK's score_ngrams sorts.
#include <cstdint>
#include <vector>

#include "textgauge/stats/collocations.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge::detail {

// Rank of each term id in bytewise order of the terms: n-grams of ranks
// compare as their terms do, position by position.
std::vector<std::uint32_t> bytewise_ranks(const Vocabulary& vocab);

// How the rows stand before sort_collocations: in any order, or already
// ascending by their terms' bytewise ranks (position by position).
enum class RowOrder { any, by_terms };

// Reorders the rows of `table` (terms, count, scores together): by the first
// measure descending, NaN last (by count when there is no measure), ties by
// the terms in bytewise order. On up to `threads` threads; the order does
// not depend on them.
void sort_collocations(CollocationTable& table, const Vocabulary& vocab, RowOrder given, unsigned threads);

}  // namespace textgauge::detail
