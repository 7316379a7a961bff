#pragma once
// What the files of the document-term matrix share (internal to the core):
// counting.cpp counts the documents chunk by chunk into ChunkCounts,
// merging.cpp merges the chunks' terms into one sorted vocabulary,
// fitting.cpp prunes it and makes the matrix, transforming.cpp counts against
// a fixed vocabulary or hashes, csr.cpp stacks the rows of every path into
// its CSR output. The counting tables are in vectorize/tables.hpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/text/vocabulary.hpp"
#include "textgauge/vectorize/analyzer.hpp"
#include "textgauge/vectorize/dtm.hpp"

namespace textgauge {
class PhaseTimer;
}

namespace textgauge::dtm {

// Rows made chunk by chunk: row r is entries [indptr[r], indptr[r + 1]) of
// `ids` (feature ids of the chunk, or columns) and `values`.
template <class V>
struct RowBlock {
  std::vector<std::int64_t> indptr{0};
  OutputVector<std::int32_t> ids;
  OutputVector<V> values;
  std::size_t n_rows() const noexcept { return indptr.size() - 1; }
};

// Counts of the documents of one chunk, on the chunk's own feature ids;
// `features` holds the feature strings once the chunk is done.
struct ChunkCounts {
  StringTable features;
  RowBlock<std::int64_t> rows;  // int64 counts: they become the output's data in place
  std::vector<std::int64_t> tf, df;
  // Word n-grams may come as token sequences instead of strings (width > 0):
  // `width` ids of `tokens` per feature, -1 past its last token, joined by
  // `separator` (see merge_by_rank).
  StringTable tokens;
  std::vector<std::int32_t> grams;
  std::size_t width = 0;
  std::string separator;
};

// How build_csr turns row blocks into the output.
struct CsrPlan {
  // Per block: its ids' output columns (-1: the entry is dropped); null: the
  // ids are the columns already.
  const std::vector<std::vector<std::int32_t>>* columns = nullptr;
  bool binary = false;     // every kept value becomes 1
  bool sort_rows = false;  // each row's entries by column
  unsigned threads = 1;    // > 1 with several blocks: the blocks are placed in parallel
};

// The one CSR builder: stacks the rows of `blocks`, in order, into (indptr,
// indices, data), and empties the blocks. One block becomes the output in
// place (the matrix is never held twice); several are copied, in parallel
// with threads, else one after the other, each released once copied. The
// result is the same on every path.
template <class V>
void build_csr(std::vector<RowBlock<V>>& blocks, const CsrPlan& plan, std::vector<std::int64_t>& indptr,
               OutputVector<std::int32_t>& indices, OutputVector<V>& data);
extern template void build_csr<std::int64_t>(std::vector<RowBlock<std::int64_t>>&, const CsrPlan&,
                                             std::vector<std::int64_t>&, OutputVector<std::int32_t>&,
                                             OutputVector<std::int64_t>&);
extern template void build_csr<double>(std::vector<RowBlock<double>>&, const CsrPlan&,
                                       std::vector<std::int64_t>&, OutputVector<std::int32_t>&,
                                       OutputVector<double>&);

// Contiguous chunks of `texts`, one per thread, cut so that each holds
// about the same number of bytes (the work is per byte, and documents grow
// and shrink along a file: the second half of the news paragraphs has a
// third more bytes than the first). Chunk c is texts [bounds[c],
// bounds[c + 1]); `threads` becomes the resolved thread count.
std::vector<std::size_t> chunk_bounds(const std::vector<std::string_view>& texts, unsigned& threads);

// Counts `texts` on `threads` threads, one ChunkCounts per chunk; with
// `keep_rows`, each document's row too. `ascii`: one flag per text, known
// ASCII (else tested here).
std::vector<ChunkCounts> count_chunks(const std::vector<std::string_view>& texts, const AnalyzerOptions& opts,
                                      unsigned threads, bool keep_rows,
                                      const std::vector<std::uint8_t>* ascii);

// The first pass of the partitioned word n-gram fit (pairs.cpp): one chunk's
// documents as token ids of the chunk's own table, end to end.
struct TokenChunk {
  std::size_t first_doc = 0;
  StringTable tokens;              // local id -> token
  std::vector<std::int32_t> ids;   // the documents' tokens (stop words dropped), end to end
  std::vector<std::int64_t> ends;  // per document: the end of its tokens in `ids`
  std::vector<std::int64_t> tf;    // per local id: its occurrences
};

// The word analyzer's tokens of `texts`, one TokenChunk per chunk (as count_chunks cuts them).
std::vector<TokenChunk> tokenize_chunks(const std::vector<std::string_view>& texts,
                                        const AnalyzerOptions& opts, unsigned threads,
                                        const std::vector<std::uint8_t>* ascii);

// A TokenChunk counted as count_chunks counts its documents (the partitioned
// fit's fallback when the token ranks cannot order the n-grams).
ChunkCounts count_token_chunk(const TokenChunk& chunk, const AnalyzerOptions& opts);

// The tokens of several tables in one sorted table; rank[c][local] = the
// position of table c's token `local` in it.
StringTable merge_tokens(const std::vector<const StringTable*>& tables,
                         std::vector<std::vector<std::uint32_t>>& rank, unsigned threads);

// Whether n-grams over `tokens` joined by `sep` sort as their token
// sequences do: `sep` is one byte, below every byte of every token.
bool rank_orderable(const StringTable& tokens, std::string_view sep);

// Whether fit_pairs handles these options: words, n-grams (1, 2) or (2, 2)
// without skips.
bool pairs_apply(const AnalyzerOptions& opts);

// fit_counts for pairs_apply options, by radix-partitioned aggregation (pairs.cpp).
FitResult fit_pairs(const std::vector<std::string_view>& texts, const AnalyzerOptions& opts,
                    const PruneOptions& prune_options, unsigned threads, bool keep_stats,
                    const std::vector<std::uint8_t>* ascii);

// 64-bit keys with an id: what the radix sorts of merging.cpp order.
struct KeyItem {
  std::uint64_t key;
  std::int32_t id;
};

// Sorts `a` by key, stably, on `threads` threads (an LSD radix sort of the
// key bits that vary, within ranges of the top bits); returns the ranges'
// bounds: equal keys never straddle two ranges.
std::vector<std::size_t> sort_by_ranges(std::vector<KeyItem>& a, unsigned threads);

// The strings of `from` at `kept`, in that order (on `threads` threads).
StringTable gather_terms(const StringTable& from, const std::vector<std::int64_t>& kept, unsigned threads);

// The second half of every fit: `result.stats` (merged, sorted) pruned into
// result.vocabulary; `to_sorted[c][local]` (positions in the stats) becomes
// the output column of each local id (-1: pruned).
void prune_vocabulary(std::vector<std::vector<std::int32_t>>& to_sorted, const PruneOptions& prune_options,
                      unsigned threads, bool keep_stats, FitResult& result);

// The terms of all chunks merged, sorted by bytes, with their totals;
// `to_sorted[c][local id]` = the term's position among them.
TermStats merge_chunks(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                       std::vector<std::vector<std::int32_t>>& to_sorted, unsigned threads = 1);

// Merge, prune, and the matrix of the chunks' rows (which it consumes).
FitResult finish_fit(std::vector<ChunkCounts>& chunks, std::size_t n_docs, const PruneOptions& prune_options,
                     unsigned threads = 1, bool keep_stats = true, bool sorted_rows = true,
                     PhaseTimer* timer = nullptr);

}  // namespace textgauge::dtm
