// Fitting: the counted chunks merged into a vocabulary, pruned as sklearn
// prunes, and the matrix written through the CSR builder.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/phase_timer.hpp"
#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "vectorize/dtm_internal.hpp"
#include "vectorize/tables.hpp"

namespace textgauge {

// ---------------------------------------------------------------- pruning

std::vector<std::int64_t> prune(const TermStats& stats, const PruneOptions& o, unsigned threads) {
  const std::size_t n = stats.doc_count.size();
  // The terms within [low, high] documents: blocks counted in parallel, then
  // each written at its place.
  constexpr std::size_t kBlock = 65536;
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  auto in_range = [&](std::size_t t) {
    const auto df = static_cast<double>(stats.doc_count[t]);
    return df <= o.high && df >= o.low;
  };
  std::vector<std::size_t> at(blocks + 1, 0);
  parallel_chunks(n, kBlock, threads, [&](std::size_t blk, std::size_t b, std::size_t e) {
    std::size_t c = 0;
    for (std::size_t t = b; t < e; ++t) c += in_range(t);
    at[blk + 1] = c;
  });
  for (std::size_t blk = 0; blk < blocks; ++blk) at[blk + 1] += at[blk];
  std::vector<std::int64_t> kept(at[blocks]);
  parallel_chunks(n, kBlock, threads, [&](std::size_t blk, std::size_t b, std::size_t e) {
    std::size_t k = at[blk];
    for (std::size_t t = b; t < e; ++t)
      if (in_range(t)) kept[k++] = static_cast<std::int64_t>(t);
  });
  if (o.max_features >= 0 && kept.size() > static_cast<std::size_t>(o.max_features)) {
    const auto& tfs = o.binary ? stats.doc_count : stats.term_count;
    const auto m = static_cast<std::size_t>(o.max_features);
    // sklearn keeps the first max_features of an (unstable) argsort of -tf;
    // ties at the cut go here to the terms first in vocabulary order, as a
    // stable sort by -tf would: every term above the m-th largest count,
    // then the first of those at it. No sort: one selection, one pass.
    std::vector<std::int64_t> kept_m;
    if (m > 0) {
      std::vector<std::int64_t> counts(kept.size());
      for (std::size_t k = 0; k < kept.size(); ++k) counts[k] = tfs[static_cast<std::size_t>(kept[k])];
      std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(m - 1), counts.end(),
                       std::greater<>());
      const std::int64_t cut = counts[m - 1];
      std::size_t at_cut = m;
      for (const std::int64_t c : counts) at_cut -= c > cut;
      kept_m.reserve(m);
      for (const std::int64_t t : kept) {
        const std::int64_t c = tfs[static_cast<std::size_t>(t)];
        if (c > cut || (c == cut && at_cut > 0 && at_cut--)) kept_m.push_back(t);
      }
    }
    kept.swap(kept_m);
  }
  if (kept.empty()) throw Error("After pruning, no terms remain. Try a lower min_df or a higher max_df.");
  return kept;
}

}  // namespace textgauge

namespace textgauge::dtm {

// The strings of `from` at `kept`, in that order: their places are known
// from the lengths, so the copying runs on every thread.
StringTable gather_terms(const StringTable& from, const std::vector<std::int64_t>& kept, unsigned threads) {
  StringTable out;
  out.offsets.resize(kept.size() + 1);
  out.offsets[0] = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const auto t = static_cast<std::size_t>(kept[k]);
    out.offsets[k + 1] = out.offsets[k] + (from.offsets[t + 1] - from.offsets[t]);
  }
  out.bytes.resize(static_cast<std::size_t>(out.offsets.back()));
  parallel_chunks(kept.size(), 16384, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      const std::string_view s = from[static_cast<std::size_t>(kept[k])];
      std::copy(s.begin(), s.end(), out.bytes.begin() + out.offsets[k]);
    }
  });
  return out;
}

namespace {

// The chunks' terms merged into result.stats and pruned into
// result.vocabulary; returns, per chunk, the output column of each local id
// (-1: pruned).
std::vector<std::vector<std::int32_t>> fit_vocabulary(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                                                      const PruneOptions& prune_options, unsigned threads,
                                                      bool keep_stats, FitResult& result, PhaseTimer& timer) {
  std::vector<std::vector<std::int32_t>> to_sorted;
  result.stats = merge_chunks(chunks, n_docs, to_sorted, threads);
  timer.mark("merge");
  for (auto& cc : chunks) {  // the strings now live in the stats
    cc.features = StringTable();
    cc.tokens = StringTable();
    cc.grams = {};
  }
  prune_vocabulary(to_sorted, prune_options, threads, keep_stats, result);
  timer.mark("prune+strings");
  return to_sorted;
}

}  // namespace

void prune_vocabulary(std::vector<std::vector<std::int32_t>>& to_sorted, const PruneOptions& prune_options,
                      unsigned threads, bool keep_stats, FitResult& result) {
  if (result.stats.doc_count.empty())
    throw Error("empty vocabulary; perhaps the documents only contain stop words");
  result.kept = prune(result.stats, prune_options, threads);
  const std::vector<std::int64_t>& kept = result.kept;
  const std::size_t n_terms = result.stats.term_count.size();
  std::vector<std::int32_t> column(n_terms, -1);
  for (std::size_t k = 0; k < kept.size(); ++k)
    column[static_cast<std::size_t>(kept[k])] = static_cast<std::int32_t>(k);
  // From here on to_sorted[c] maps a chunk's local ids straight to output
  // columns (-1: pruned): one lookup per matrix entry instead of two.
  parallel_chunks(to_sorted.size(), 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    for (auto& id : to_sorted[c]) id = column[static_cast<std::size_t>(id)];
  });
  if (!keep_stats && kept.size() == n_terms) {
    result.vocabulary = std::move(result.stats.terms);  // nothing pruned: the same table
  } else {
    result.vocabulary = gather_terms(result.stats.terms, kept, threads);
  }
  if (!keep_stats) result.stats.terms = StringTable();
}

FitResult finish_fit(std::vector<ChunkCounts>& chunks, std::size_t n_docs, const PruneOptions& prune_options,
                     unsigned threads, bool keep_stats, bool sorted_rows, PhaseTimer* timer) {
  std::optional<PhaseTimer> own;
  PhaseTimer& t = timer ? *timer : own.emplace("fit");
  FitResult result;
  const std::vector<std::vector<std::int32_t>> columns =
      fit_vocabulary(chunks, n_docs, prune_options, threads, keep_stats, result, t);
  std::vector<RowBlock<std::int64_t>> blocks;
  blocks.reserve(chunks.size());
  for (ChunkCounts& cc : chunks) blocks.push_back(std::move(cc.rows));
  chunks.clear();  // their totals: merged into the stats already
  Csr& m = result.matrix;
  m.n_cols = static_cast<std::int64_t>(result.vocabulary.size());
  m.sorted = sorted_rows;
  CsrPlan plan;
  plan.columns = &columns;
  plan.binary = prune_options.binary;
  plan.sort_rows = sorted_rows;
  plan.threads = threads;
  build_csr(blocks, plan, m.indptr, m.indices, m.data);
  t.mark("csr");
  return result;
}

}  // namespace textgauge::dtm

namespace textgauge {

using dtm::ChunkCounts;
using dtm::DocCounter;
using dtm::NgramFeatures;

FitResult fit_counts(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                     const PruneOptions& prune_options, unsigned threads, bool keep_stats, bool sorted_rows,
                     const std::vector<std::uint8_t>* ascii) {
  if (dtm::pairs_apply(analyzer))
    return dtm::fit_pairs(texts, analyzer, prune_options, threads, keep_stats, ascii);
  PhaseTimer timer("fit");
  std::vector<ChunkCounts> chunks = dtm::count_chunks(texts, analyzer, threads, true, ascii);
  timer.mark("count");
  return dtm::finish_fit(chunks, texts.size(), prune_options, resolve_threads(threads), keep_stats,
                         sorted_rows, &timer);
}

FitResult fit_counts_from_ids(const std::vector<std::int64_t>& token_row,
                              const std::vector<std::int32_t>& token_term, std::size_t n_rows,
                              const StringTable& terms, const std::vector<std::uint8_t>& drop, int min_n,
                              int max_n, int skip, std::string_view separator,
                              const PruneOptions& prune_options) {
  if (token_row.size() != token_term.size()) throw Error("token_row and token_term differ in length");
  if (min_n < 1 || max_n < min_n) throw Error("ngram_range must satisfy 1 <= min_n <= max_n");
  if (skip < 0) throw Error("skip must be >= 0");
  std::vector<ChunkCounts> chunks(1);
  ChunkCounts& cc = chunks[0];
  NgramFeatures ngrams(min_n, max_n, skip);
  DocCounter counter;
  std::vector<std::int32_t> toks;
  std::size_t k = 0;
  for (std::size_t r = 0; r < n_rows; ++r) {
    toks.clear();
    for (; k < token_row.size() && token_row[k] == static_cast<std::int64_t>(r); ++k) {
      const std::int32_t t = token_term[k];
      if (t < 0 || static_cast<std::size_t>(t) >= terms.size()) throw Error("term id out of range");
      if (static_cast<std::size_t>(t) < drop.size() && drop[static_cast<std::size_t>(t)]) continue;
      toks.push_back(t);
    }
    if (k < token_row.size() && token_row[k] < static_cast<std::int64_t>(r))
      throw Error("token rows must be sorted and below n_rows");
    counter.begin();
    ngrams.features(toks, [&](std::int32_t fid) { counter.add(fid); });
    counter.end(true, cc.rows.ids, cc.rows.values);
    cc.rows.indptr.push_back(static_cast<std::int64_t>(cc.rows.ids.size()));
  }
  if (k != token_row.size()) throw Error("token rows must be sorted and below n_rows");
  ngrams.to_chunk(terms, separator, cc);
  counter.totals(cc.grams.size() / cc.width, cc.tf, cc.df);
  return dtm::finish_fit(chunks, n_rows, prune_options);
}

TermStats count_stats(const std::vector<std::string_view>& texts, const AnalyzerOptions& analyzer,
                      unsigned threads, const std::vector<std::uint8_t>* ascii) {
  std::vector<ChunkCounts> chunks = dtm::count_chunks(texts, analyzer, threads, false, ascii);
  std::vector<std::vector<std::int32_t>> to_sorted;
  return dtm::merge_chunks(chunks, texts.size(), to_sorted, resolve_threads(threads));
}

}  // namespace textgauge
