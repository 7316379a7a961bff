#include "stats/collocation_order.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "textgauge/parallel.hpp"

namespace textgauge::detail {

namespace {

using id_t = Vocabulary::id_type;

struct SortKey {
  std::uint64_t key;  // what the next passes sort by
  std::uint64_t row;
};

}  // namespace

// With ranks, terms compare as integers, and the strings are compared once
// per call, not once per tie. The terms are ordered by their first eight bytes read as one big-endian
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

namespace {

// Unsigned bits that sort as the score descending, NaN last.
std::uint64_t ordered_bits(double v) {
  if (std::isnan(v)) return ~std::uint64_t(0);
  v = -v + 0.0;  // descending; -0.0 -> 0.0
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return (b >> 63) ? ~b : (b | (std::uint64_t(1) << 63));
}

// LSD radix sort on the keys, stable, 11 bits a pass: on the scores of the
// news paragraphs' 876k bigrams, six passes of 11 bits took 21 ms, four of
// 16 bits 30 and eight of 8 bits 28. A digit the same in every key is
// skipped. On one thread the histograms of every digit come from one read of
// the keys. On more, each pass is cut into slices, one a thread: each counts
// its slice's digits, then writes its items after those of the slices before
// it in each bucket, which keeps the sort stable (a slice's histograms are
// counted each pass, as every pass moves items between slices).
void radix_sort(std::vector<SortKey>& keys, std::vector<SortKey>& tmp, unsigned threads) {
  constexpr int kDigit = 11, kPasses = (64 + kDigit - 1) / kDigit;
  constexpr std::size_t kBuckets = std::size_t(1) << kDigit;
  constexpr std::uint64_t kMask = kBuckets - 1;
  const std::size_t n = keys.size();
  if (n < 2) return;
  // Slices of at least 64k keys: below that a thread costs more than it saves.
  const std::size_t slices = std::clamp<std::size_t>(n >> 16, 1, resolve_threads(threads));
  const std::size_t per = (n + slices - 1) / slices;
  std::vector<std::size_t> count(slices * kPasses * kBuckets, 0);  // [slice][pass][bucket]
  auto at = [&](std::size_t slice, int pass) {
    return &count[(slice * kPasses + static_cast<std::size_t>(pass)) * kBuckets];
  };
  auto histogram = [&](int first, int last) {  // passes [first, last)
    parallel_chunks(n, per, static_cast<unsigned>(slices), [&](std::size_t s, std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i)
        for (int p = first; p < last; ++p) ++at(s, p)[(keys[i].key >> (p * kDigit)) & kMask];
    });
  };
  if (slices == 1) histogram(0, kPasses);
  tmp.resize(n);
  for (int p = 0; p < kPasses; ++p) {
    const int shift = p * kDigit;
    if (slices > 1) histogram(p, p + 1);
    const std::size_t first_bucket = (keys[0].key >> shift) & kMask;
    std::size_t in_first = 0;
    for (std::size_t s = 0; s < slices; ++s) in_first += at(s, p)[first_bucket];
    if (in_first == n) continue;
    std::size_t sum = 0;
    for (std::size_t b = 0; b < kBuckets; ++b)
      for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t v = at(s, p)[b];
        at(s, p)[b] = sum;
        sum += v;
      }
    parallel_chunks(n, per, static_cast<unsigned>(slices), [&](std::size_t s, std::size_t b, std::size_t e) {
      std::size_t* c = at(s, p);
      for (std::size_t i = b; i < e; ++i) tmp[c[(keys[i].key >> shift) & kMask]++] = keys[i];
    });
    keys.swap(tmp);
  }
}

// The rows (keys[r].row = r) by their terms' bytewise ranks.
void sort_by_terms(const CollocationTable& t, const Vocabulary& vocab, std::vector<SortKey>& keys,
                   std::vector<SortKey>& tmp, unsigned threads) {
  const auto n = static_cast<std::size_t>(t.size);
  const std::vector<std::uint32_t> rank = bytewise_ranks(vocab);
  std::size_t bits = 1;
  while ((std::size_t(1) << bits) < vocab.size()) ++bits;
  const std::size_t per_sort = std::max<std::size_t>(1, 64 / bits);
  for (std::size_t end = n; end > 0;) {
    const std::size_t begin = end > per_sort ? end - per_sort : 0;
    for (SortKey& k : keys) {
      std::uint64_t key = 0;
      for (std::size_t j = begin; j < end; ++j)
        key = (key << bits) | rank[static_cast<std::size_t>(t.terms[k.row * n + j])];
      k.key = key;
    }
    radix_sort(keys, tmp, threads);
    end = begin;
  }
}

// The rows of `t` in output order: by score descending, then by the terms'
// bytewise ranks. Both are radix sorts, stable, so the terms are sorted
// first, last positions first, as many positions a sort as their ranks fit
// in 64 bits, and the score last: equal scores keep the
// terms' order. Sorting each run of equal scores afterwards instead (the
// news paragraphs' 876k bigrams have 449k distinct likelihood ratios) took
// 27 ms, as long as the score's sort, with or without each row's ranks read
// into its key first: the tied rows' terms are read at random.
// Rows given in term order (RowOrder::by_terms: bigrams, from count_pairs)
// skip the terms' sorts.
std::vector<std::size_t> sorted_rows(const CollocationTable& t, const Vocabulary& vocab, RowOrder given,
                                     unsigned threads) {
  const std::size_t rows = t.rows();
  constexpr std::size_t kBlock = 65536;  // rows a thread takes at a time in the loops below
  std::vector<SortKey> keys(rows), tmp;
  for (std::size_t r = 0; r < rows; ++r) keys[r].row = r;
  if (given == RowOrder::any) sort_by_terms(t, vocab, keys, tmp, threads);
  const std::vector<double>* score = t.scores.empty() ? nullptr : &t.scores[0];
  parallel_chunks(rows, kBlock, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const std::size_t r = keys[i].row;
      keys[i].key = ordered_bits(score ? (*score)[r] : static_cast<double>(t.count[r]));
    }
  });
  radix_sort(keys, tmp, threads);
  std::vector<std::size_t> order(rows);
  parallel_chunks(rows, kBlock, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) order[i] = keys[i].row;
  });
  return order;
}

}  // namespace

void sort_collocations(CollocationTable& t, const Vocabulary& vocab, RowOrder given, unsigned threads) {
  const std::vector<std::size_t> order = sorted_rows(t, vocab, given, threads);
  const auto n = static_cast<std::size_t>(t.size);
  const std::size_t rows = order.size();
  std::vector<id_t> terms(t.terms.size());
  std::vector<std::int64_t> count(rows);
  std::vector<std::vector<double>> scores(t.scores.size(), std::vector<double>(rows));
  parallel_chunks(rows, 65536, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const std::size_t r = order[i];
      for (std::size_t j = 0; j < n; ++j) terms[i * n + j] = t.terms[r * n + j];
      count[i] = t.count[r];
      for (std::size_t k = 0; k < t.scores.size(); ++k) scores[k][i] = t.scores[k][r];
    }
  });
  t.terms = std::move(terms);
  t.count = std::move(count);
  t.scores = std::move(scores);
}

}  // namespace textgauge::detail
