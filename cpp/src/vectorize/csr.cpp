// The one CSR builder of the document-term matrices (see build_csr in
// vectorize/dtm_internal.hpp): fit, transform and hashing all hand it their
// row blocks.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "textgauge/parallel.hpp"
#include "vectorize/dtm_internal.hpp"

namespace textgauge::dtm {

namespace {

// Sorts entries [b, e) of a row by column. Integer values: the column and the
// value packed into one 64-bit key (values in [0, 2^32), as any real
// document's counts are), else through pairs.
template <class V>
void sort_row(OutputVector<std::int32_t>& idx, OutputVector<V>& val, std::size_t b, std::size_t e,
              std::vector<std::pair<std::int32_t, V>>& scratch) {
  if (e - b <= 32) {
    // Most rows (a paragraph's distinct terms) are short: insertion sort in
    // place, no packing. Columns within a row are distinct.
    std::int32_t* ix = idx.data();
    V* vx = val.data();
    for (std::size_t k = b + 1; k < e; ++k) {
      const std::int32_t c = ix[k];
      const V v = vx[k];
      std::size_t j = k;
      for (; j > b && ix[j - 1] > c; --j) {
        ix[j] = ix[j - 1];
        vx[j] = vx[j - 1];
      }
      ix[j] = c;
      vx[j] = v;
    }
    return;
  }
  if constexpr (std::is_integral_v<V>) {
    thread_local std::vector<std::uint64_t> keys;
    keys.clear();
    bool small = true;
    for (std::size_t k = b; k < e; ++k) {
      small = small && val[k] >= 0 && val[k] <= 0xFFFFFFFFll;
      keys.push_back((static_cast<std::uint64_t>(static_cast<std::uint32_t>(idx[k])) << 32) |
                     static_cast<std::uint32_t>(val[k]));
    }
    if (small) {
      std::sort(keys.begin(), keys.end());
      for (std::size_t k = b; k < e; ++k) {
        idx[k] = static_cast<std::int32_t>(keys[k - b] >> 32);
        val[k] = static_cast<V>(keys[k - b] & 0xFFFFFFFFu);
      }
      return;
    }
  }
  scratch.clear();
  for (std::size_t k = b; k < e; ++k) scratch.emplace_back(idx[k], val[k]);
  std::sort(scratch.begin(), scratch.end());
  for (std::size_t k = b; k < e; ++k) {
    idx[k] = scratch[k - b].first;
    val[k] = scratch[k - b].second;
  }
}

// What the plan does to the entries of one block.
template <class V>
struct EntryRule {
  const std::vector<std::int32_t>* columns;  // null: ids are columns
  bool binary;
  std::int32_t column(std::int32_t id) const noexcept {
    return columns ? (*columns)[static_cast<std::size_t>(id)] : id;
  }
  V value(V v) const noexcept { return binary ? V{1} : v; }
};

template <class V>
EntryRule<V> rule_of(const CsrPlan& plan, std::size_t block) {
  return {plan.columns ? &(*plan.columns)[block] : nullptr, plan.binary};
}

// One block: its rows become the output in place (remap, drop, sort), so the
// matrix is never held twice.
template <class V>
void build_in_place(RowBlock<V>& blk, const CsrPlan& plan, std::vector<std::int64_t>& indptr,
                    OutputVector<std::int32_t>& indices, OutputVector<V>& data) {
  const EntryRule<V> rule = rule_of<V>(plan, 0);
  std::vector<std::pair<std::int32_t, V>> scratch;
  std::size_t pos = 0;
  std::int64_t row_start = 0;
  for (std::size_t r = 0; r < blk.n_rows(); ++r) {
    const std::int64_t row_end = blk.indptr[r + 1];
    const std::size_t row_begin = pos;
    for (auto k = row_start; k < row_end; ++k) {
      const auto u = static_cast<std::size_t>(k);
      const std::int32_t col = rule.column(blk.ids[u]);
      if (col < 0) continue;
      blk.ids[pos] = col;
      blk.values[pos] = rule.value(blk.values[u]);
      ++pos;
    }
    if (plan.sort_rows) sort_row(blk.ids, blk.values, row_begin, pos, scratch);
    blk.indptr[r + 1] = static_cast<std::int64_t>(pos);
    row_start = row_end;
  }
  blk.ids.resize(pos);
  blk.values.resize(pos);
  indices = std::move(blk.ids);
  data = std::move(blk.values);
  indptr = std::move(blk.indptr);
  blk = RowBlock<V>();
}

// Several blocks on several threads: each writes its own range of the
// output (remap and count, then place). Holds the blocks and the output at
// once.
template <class V>
void build_parallel(std::vector<RowBlock<V>>& blocks, const CsrPlan& plan, std::vector<std::int64_t>& indptr,
                    OutputVector<std::int32_t>& indices, OutputVector<V>& data) {
  const std::size_t k = blocks.size();
  std::vector<std::size_t> kept(k, 0), first_row(k + 1, 0), first_entry(k + 1, 0);
  parallel_chunks(k, 1, plan.threads, [&](std::size_t c, std::size_t, std::size_t) {
    const EntryRule<V> rule = rule_of<V>(plan, c);
    for (auto& id : blocks[c].ids) {
      id = rule.column(id);
      kept[c] += id >= 0;
    }
  });
  for (std::size_t c = 0; c < k; ++c) {
    first_entry[c + 1] = first_entry[c] + kept[c];
    first_row[c + 1] = first_row[c] + blocks[c].n_rows();
  }
  // Not advised onto huge pages as the (1,2) rows are: measured here, the
  // copy then took twice as long on two threads (14 -> 30 ms on the news
  // paragraphs), each 2 MiB page zeroed at once and out of cache when written.
  indices.resize(first_entry.back());
  data.resize(first_entry.back());
  indptr.assign(first_row.back() + 1, 0);
  parallel_chunks(k, 1, plan.threads, [&](std::size_t c, std::size_t, std::size_t) {
    RowBlock<V>& blk = blocks[c];
    const EntryRule<V> rule = rule_of<V>(plan, c);
    std::vector<std::pair<std::int32_t, V>> scratch;
    std::size_t pos = first_entry[c];
    for (std::size_t r = 0; r < blk.n_rows(); ++r) {
      const std::size_t row_begin = pos;
      for (auto e = blk.indptr[r]; e < blk.indptr[r + 1]; ++e) {
        const std::int32_t col = blk.ids[static_cast<std::size_t>(e)];  // remapped above
        if (col < 0) continue;
        indices[pos] = col;
        data[pos] = rule.value(blk.values[static_cast<std::size_t>(e)]);
        ++pos;
      }
      if (plan.sort_rows) sort_row(indices, data, row_begin, pos, scratch);
      indptr[first_row[c] + r + 1] = static_cast<std::int64_t>(pos);
    }
    blk = RowBlock<V>();
  });
}

// Several blocks on one thread: appended one after the other, each released
// once copied (peak memory about one block above the output).
template <class V>
void build_serial(std::vector<RowBlock<V>>& blocks, const CsrPlan& plan, std::vector<std::int64_t>& indptr,
                  OutputVector<std::int32_t>& indices, OutputVector<V>& data) {
  std::size_t rows = 0, nnz = 0;
  for (const auto& blk : blocks) {
    rows += blk.n_rows();
    nnz += blk.ids.size();
  }
  indptr.assign(1, 0);
  indptr.reserve(rows + 1);
  indices.clear();
  data.clear();
  indices.reserve(nnz);
  data.reserve(nnz);
  std::vector<std::pair<std::int32_t, V>> scratch;
  for (std::size_t c = 0; c < blocks.size(); ++c) {
    RowBlock<V>& blk = blocks[c];
    const EntryRule<V> rule = rule_of<V>(plan, c);
    for (std::size_t r = 0; r < blk.n_rows(); ++r) {
      const std::size_t row_begin = indices.size();
      for (auto e = blk.indptr[r]; e < blk.indptr[r + 1]; ++e) {
        const std::int32_t col = rule.column(blk.ids[static_cast<std::size_t>(e)]);
        if (col < 0) continue;
        indices.push_back(col);
        data.push_back(rule.value(blk.values[static_cast<std::size_t>(e)]));
      }
      if (plan.sort_rows) sort_row(indices, data, row_begin, indices.size(), scratch);
      indptr.push_back(static_cast<std::int64_t>(indices.size()));
    }
    blk = RowBlock<V>();
  }
}

}  // namespace

template <class V>
void build_csr(std::vector<RowBlock<V>>& blocks, const CsrPlan& plan, std::vector<std::int64_t>& indptr,
               OutputVector<std::int32_t>& indices, OutputVector<V>& data) {
  if (plan.threads > 1 && blocks.size() > 1)
    build_parallel(blocks, plan, indptr, indices, data);
  else if (blocks.size() == 1)
    build_in_place(blocks[0], plan, indptr, indices, data);
  else
    build_serial(blocks, plan, indptr, indices, data);
}

template void build_csr<std::int64_t>(std::vector<RowBlock<std::int64_t>>&, const CsrPlan&,
                                      std::vector<std::int64_t>&, OutputVector<std::int32_t>&,
                                      OutputVector<std::int64_t>&);
template void build_csr<double>(std::vector<RowBlock<double>>&, const CsrPlan&, std::vector<std::int64_t>&,
                                OutputVector<std::int32_t>&, OutputVector<double>&);

}  // namespace textgauge::dtm
