#include "stats/collocation_order.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace textgauge::detail {

namespace {

using id_t = Vocabulary::id_type;

struct SortKey {
  std::uint64_t score;  // order-preserving bits of -score; NaN after everything
  std::uint64_t row;
};

// Rank of each term id in bytewise order of the terms: terms then compare as
// integers, and the strings are compared once per call, not once per tie.
// The terms are ordered by their first eight bytes read as one big-endian
// integer (zero-padded, so a shorter term sorts first, as memcmp and
// string_view order them), and only terms that share those eight bytes are
// compared as strings: sorting the vocabulary by string comparisons alone
// was a tenth of a collocations call on the news paragraphs.
std::vector<std::uint32_t> bytewise_ranks(const Vocabulary& vocab) {
  struct Item {
    std::uint64_t prefix;
    id_t id;
  };
  const std::size_t n = vocab.size();
  std::vector<Item> items(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view t = vocab.term(static_cast<id_t>(i));
    std::uint64_t prefix = 0;
    for (std::size_t k = 0; k < 8; ++k)
      prefix = (prefix << 8) | (k < t.size() ? static_cast<unsigned char>(t[k]) : 0u);
    items[i] = {prefix, static_cast<id_t>(i)};
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.prefix < b.prefix; });
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && items[j].prefix == items[i].prefix) ++j;
    if (j - i > 1)
      std::sort(items.begin() + static_cast<std::ptrdiff_t>(i),
                items.begin() + static_cast<std::ptrdiff_t>(j),
                [&](const Item& a, const Item& b) { return vocab.term(a.id) < vocab.term(b.id); });
    i = j;
  }
  std::vector<std::uint32_t> rank(n);
  for (std::size_t i = 0; i < n; ++i)
    rank[static_cast<std::size_t>(items[i].id)] = static_cast<std::uint32_t>(i);
  return rank;
}

// Unsigned bits that sort as the score descending, NaN last.
std::uint64_t ordered_bits(double v) {
  if (std::isnan(v)) return ~std::uint64_t(0);
  v = -v + 0.0;  // descending; -0.0 -> 0.0
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return (b >> 63) ? ~b : (b | (std::uint64_t(1) << 63));
}

// LSD radix sort on the score, 16 bits a pass, skipping the digits that are
// the same in every key (stable, so equal scores keep their row order).
void radix_sort_scores(std::vector<SortKey>& keys, std::uint64_t varying) {
  constexpr int kDigit = 16;
  std::vector<SortKey> tmp(keys.size());
  std::vector<std::size_t> count(std::size_t(1) << kDigit);
  const std::uint64_t mask = (std::uint64_t(1) << kDigit) - 1;
  for (int shift = 0; shift < 64; shift += kDigit) {
    if (((varying >> shift) & mask) == 0) continue;
    std::fill(count.begin(), count.end(), 0);
    for (const auto& k : keys) ++count[(k.score >> shift) & mask];
    std::size_t sum = 0;
    for (auto& c : count) {
      const std::size_t v = c;
      c = sum;
      sum += v;
    }
    for (const auto& k : keys) tmp[count[(k.score >> shift) & mask]++] = k;
    keys.swap(tmp);
  }
}

// Sorts each run of equal scores by the terms' ranks: short runs, except the
// many hapax bigrams that share a score.
void sort_ties(std::vector<SortKey>& keys, const std::vector<id_t>& terms, int n,
               const std::vector<std::uint32_t>& rank) {
  auto terms_less = [&](const SortKey& a, const SortKey& b) {
    for (int i = 0; i < n; ++i) {
      const auto x = rank[static_cast<std::size_t>(
          terms[a.row * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)])];
      const auto y = rank[static_cast<std::size_t>(
          terms[b.row * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)])];
      if (x != y) return x < y;
    }
    return false;
  };
  const std::size_t rows = keys.size();
  for (std::size_t i = 0; i < rows;) {
    std::size_t j = i + 1;
    while (j < rows && keys[j].score == keys[i].score) ++j;
    if (j - i > 1)
      std::sort(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(j),
                terms_less);
    i = j;
  }
}

// The rows of `t` in output order.
std::vector<std::size_t> sorted_rows(const CollocationTable& t, const Vocabulary& vocab) {
  const std::size_t rows = t.rows();
  const std::vector<double>* key = t.scores.empty() ? nullptr : &t.scores[0];
  std::vector<SortKey> keys(rows);
  std::uint64_t varying = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    keys[r] = {ordered_bits(key ? (*key)[r] : static_cast<double>(t.count[r])), r};
    varying |= keys[r].score ^ keys[0].score;
  }
  radix_sort_scores(keys, varying);
  sort_ties(keys, t.terms, t.size, bytewise_ranks(vocab));
  std::vector<std::size_t> order(rows);
  for (std::size_t i = 0; i < rows; ++i) order[i] = keys[i].row;
  return order;
}

}  // namespace

void sort_collocations(CollocationTable& t, const Vocabulary& vocab) {
  const std::vector<std::size_t> order = sorted_rows(t, vocab);
  const auto n = static_cast<std::size_t>(t.size);
  const std::size_t rows = order.size();
  std::vector<id_t> terms(t.terms.size());
  std::vector<std::int64_t> count(rows);
  std::vector<std::vector<double>> scores(t.scores.size(), std::vector<double>(rows));
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t r = order[i];
    for (std::size_t j = 0; j < n; ++j) terms[i * n + j] = t.terms[r * n + j];
    count[i] = t.count[r];
    for (std::size_t k = 0; k < t.scores.size(); ++k) scores[k][i] = t.scores[k][r];
  }
  t.terms = std::move(terms);
  t.count = std::move(count);
  t.scores = std::move(scores);
}

}  // namespace textgauge::detail
