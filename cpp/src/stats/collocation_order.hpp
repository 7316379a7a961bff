#pragma once
// The row order of a collocation table, as NLTK's score_ngrams sorts.
#include "textgauge/stats/collocations.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge::detail {

// Reorders the rows of `table` (terms, count, scores together): by the first
// measure descending, NaN last (by count when there is no measure), ties by
// the terms in bytewise order.
void sort_collocations(CollocationTable& table, const Vocabulary& vocab);

}  // namespace textgauge::detail
