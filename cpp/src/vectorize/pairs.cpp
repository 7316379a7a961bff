// Word (1, 2)- and (2, 2)-gram fits by radix-partitioned aggregation, as
// column stores run a large GROUP BY (see common/partitioned_count.hpp for
// the idea; this is its form for a matrix, whose rows must be rebuilt).
//
// Why: counting pairs in one table per chunk costs a cache miss per pair (a
// table of every distinct pair is tens of MiB), then a second miss per
// feature in the per-document counter, then a sort of every chunk's features
// by rank and a serial walk to merge the chunks. Instead:
//
//  1. tokenize: each chunk's documents become token ids of the chunk's own
//     table (tokenize_chunks), and the chunks' tokens are merged into one
//     sorted table (merge_tokens): a few hundred thousand strings at most.
//  2. scatter: each chunk writes every pair of every document as a key of
//     token ranks, (rank(a) + 1) << 32 | (rank(b) + 1), with its document, to
//     one of P partitions. The keys sort as the n-grams' strings do
//     (rank_orderable; a unigram's key would be (rank(a) + 1) << 32), so the
//     partitions are ranges of the first token's rank, cut where the tokens'
//     counts reach each 1/P of the total: partition p's terms all sort before
//     partition p + 1's, and the vocabulary is the partitions' sorted terms
//     end to end, with no k-way merge. Unigrams are not scattered: a token's
//     rank already is its key, so each document's distinct tokens are counted
//     in a small per-chunk table of the chunk's tokens (count_unigrams);
//     scattering and hashing them was half of the keys for nothing.
//  3. count: each partition on its own (threads take whole partitions), in a
//     table of about 1/P of the distinct n-grams, small enough for L2. Its
//     keys arrive in document order, so a document's entries are counted in
//     place (the last document each key was seen in). Then its few thousand
//     keys are sorted, the unigram keys of its tokens put in among them, and
//     each document's entries ordered by term.
//  4. prune (in parallel), and each partition's strings written on its own.
//  5. rows: a block of documents takes, partition by partition, the entries
//     of its documents: they come out in column order, so nothing is sorted;
//     each document's unigrams (in rank order, so in column order too) go
//     in among them.
//
// Every step is a function of the documents alone: the result is the same
// for any thread count (tests/cpp/vectorize/test_pairs.cpp).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/flat_map.hpp"
#include "common/huge_pages.hpp"
#include "common/phase_timer.hpp"
#include "common/radix_sort.hpp"
#include "common/rank_partitions.hpp"
#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "vectorize/dtm_internal.hpp"

namespace textgauge::dtm {

bool pairs_apply(const AnalyzerOptions& o) {
  return o.kind == AnalyzerKind::word && o.max_n == 2 && o.min_n >= 1 && o.skip == 0;
}

namespace {

constexpr std::size_t kRowBlock = 2048;  // documents per block of rows written together

// One producer's keys for one partition, with the document of each.
struct Scatter {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> docs;
};

// Each document's unigrams, counted while the chunks are scattered (they
// need no table: a token's rank is its key): per document its distinct
// tokens' ranks, ascending, and their counts, at [begin[d], end[d]) of one
// buffer in which chunk c writes from the first token of its documents on.
// An entry is rank << 32 | count: one word to sort a document's by rank.
struct Unigrams {
  std::vector<std::uint64_t> begin, end;  // per document
  std::vector<std::uint64_t> entry;
  std::vector<std::int64_t> tf, df;  // per token rank: occurrences, documents
  static std::uint32_t rank(std::uint64_t e) { return static_cast<std::uint32_t>(e >> 32); }
  static std::int32_t count(std::uint64_t e) { return static_cast<std::int32_t>(e & 0xFFFFFFFFu); }
};

// A partition once counted: its terms ascending by key, and its entries in
// document order (each document's by term).
struct Partition {
  std::vector<std::uint64_t> keys;
  std::vector<std::int64_t> tf, df;
  std::vector<std::uint32_t> doc;   // entries: the document,
  std::vector<std::int32_t> term;   //   the term's index here (then its output column, -1: pruned),
  std::vector<std::int32_t> count;  //   its count in the document
  // The first entry of each block of kRowBlock documents (one past the last block too).
  std::vector<std::uint32_t> block_start;
  // With unigrams: the term index here of the unigram of each token rank the
  // partition holds, from its first (-1: a token that never occurs).
  std::vector<std::int32_t> unigram_term;
};

// Per distinct key while a partition is counted, in its table slot (16
// bytes with the key, as an int32 alone would take): its index here and the
// last document it was seen in. Its totals are summed from the entries
// afterwards, so the loop over the keys touches nothing else at random.
struct KeySlot {
  std::int32_t id = 0;
  std::uint32_t last_doc = 0;
};

// A partition's terms in key order (the order of their strings) into
// out.keys, with, when `unigrams` is given, the unigram terms of token ranks
// [rank_begin, rank_end) among them; returns each pair key's place there.
std::vector<std::int32_t> order_terms(const std::vector<std::uint64_t>& keys, const Unigrams* unigrams,
                                      std::uint32_t rank_begin, std::uint32_t rank_end, Partition& out) {
  // By a radix sort (a comparison sort of a few thousand keys per partition
  // was half of the counting) of the keys recoded to the bits that can
  // differ here (common/radix_sort.hpp), which order them as the full keys
  // do in fewer passes.
  const PairKeyCode coder(keys, [](std::uint64_t k) { return k; });
  std::vector<KeyItem> order(keys.size());
  for (std::size_t l = 0; l < keys.size(); ++l)
    order[l] = {coder.code(keys[l]), static_cast<std::int32_t>(l)};
  sort_by_ranges(order, 1);
  // With unigrams, the unigram keys of the partition's token ranks, (rank +
  // 1) << 32, go in among the sorted pair keys: each before its token's pairs.
  const std::size_t n_uni = unigrams ? rank_end - rank_begin : 0;
  const std::size_t n_terms = keys.size() + n_uni;
  std::vector<std::int32_t> position(keys.size());
  out.keys.resize(n_terms);
  out.tf.assign(n_terms, 0);
  out.df.assign(n_terms, 0);
  out.unigram_term.resize(n_uni);
  std::size_t u = 0, at = 0;
  auto put_unigram = [&] {  // a token of the table that never occurs (a stop word) is no term
    const std::size_t r = rank_begin + u;
    if (unigrams->tf[r] == 0) {
      out.unigram_term[u++] = -1;
      return;
    }
    out.keys[at] = (std::uint64_t{r} + 1) << 32;
    out.tf[at] = unigrams->tf[r];
    out.df[at] = unigrams->df[r];
    out.unigram_term[u++] = static_cast<std::int32_t>(at++);
  };
  for (std::size_t j = 0; j < order.size(); ++j) {
    const auto l = static_cast<std::size_t>(order[j].id);
    while (u < n_uni && ((std::uint64_t{rank_begin + u} + 1) << 32) < keys[l]) put_unigram();
    position[l] = static_cast<std::int32_t>(at);
    out.keys[at++] = keys[l];
  }
  while (u < n_uni) put_unigram();
  out.keys.resize(at);
  out.tf.resize(at);
  out.df.resize(at);
  return position;
}

// Counts partition `p` from every producer's scatter (in producer order, so
// in document order), releasing them; with `unigrams`, the unigram terms of
// token ranks [rank_begin, rank_end) are its terms too (their counts from
// `unigrams`, their entries kept there). `table` and `last_entry` are the
// thread's, reused from partition to partition.
void count_partition(std::vector<std::vector<Scatter>>& scatters, std::size_t p, std::size_t n_docs,
                     const Unigrams* unigrams, std::uint32_t rank_begin, std::uint32_t rank_end,
                     FlatMap<std::uint64_t, KeySlot>& table, std::vector<std::uint32_t>& last_entry,
                     Partition& out) {
  std::vector<std::uint64_t> keys;  // in order of first sight
  last_entry.clear();               // per key: its entry in the last document it was seen in
  std::size_t n = 0;
  for (auto& per_producer : scatters) n += per_producer[p].keys.size();
  table.reserve(n / 2 + 16);
  out.doc.reserve(n);
  out.term.reserve(n);
  out.count.reserve(n);
  for (auto& per_producer : scatters) {
    Scatter& s = per_producer[p];
    const std::size_t m = s.keys.size();
    constexpr std::size_t kAhead = 8;  // the table is in L2 at best: hide its latency
    for (std::size_t i = 0; i < m; ++i) {
      if (i + kAhead < m) table.prefetch(s.keys[i + kAhead]);
      const KeySlot fresh_slot{static_cast<std::int32_t>(keys.size()),
                               std::numeric_limits<std::uint32_t>::max()};
      const auto [k, fresh] = table.try_emplace(s.keys[i], fresh_slot);
      if (fresh) {
        keys.push_back(s.keys[i]);
        last_entry.push_back(0);
      }
      const std::uint32_t d = s.docs[i];
      const auto l = static_cast<std::size_t>(k.id);
      if (k.last_doc != d) {
        k.last_doc = d;
        last_entry[l] = static_cast<std::uint32_t>(out.doc.size());
        out.doc.push_back(d);
        out.term.push_back(k.id);
        out.count.push_back(1);
      } else {
        ++out.count[last_entry[l]];
      }
    }
    std::vector<std::uint64_t>().swap(s.keys);  // released as soon as counted
    std::vector<std::uint32_t>().swap(s.docs);
  }
  table.clear_keys(keys);
  const std::vector<std::int32_t> position = order_terms(keys, unigrams, rank_begin, rank_end, out);
  // Each document's entries by term: a few per partition, sorted in place.
  const std::size_t e = out.doc.size();
  for (std::size_t i = 0; i < e;) {
    std::size_t j = i;
    for (; j < e && out.doc[j] == out.doc[i]; ++j) {
      const auto t = static_cast<std::size_t>(position[static_cast<std::size_t>(out.term[j])]);
      out.term[j] = static_cast<std::int32_t>(t);
      out.tf[t] += out.count[j];
      ++out.df[t];
    }
    std::int32_t* term = out.term.data() + i;
    std::int32_t* count = out.count.data() + i;
    for (std::int32_t* a = term + 1; a < out.term.data() + j; ++a) {
      const std::int32_t t = *a, c = count[a - term];
      std::int32_t* b = a;
      for (; b != term && b[-1] > t; --b) {
        *b = b[-1];
        count[b - term] = count[b - 1 - term];
      }
      *b = t;
      count[b - term] = c;
    }
    i = j;
  }
  // Where each block of rows starts here, for write_rows.
  const std::size_t blocks = (n_docs + kRowBlock - 1) / kRowBlock;
  out.block_start.assign(blocks + 1, static_cast<std::uint32_t>(e));
  std::size_t blk = 0;
  for (std::size_t i = 0; i < e; ++i)
    while (blk <= out.doc[i] / kRowBlock) out.block_start[blk++] = static_cast<std::uint32_t>(i);
}

// The strings of the terms of every partition (with `column`, only those
// whose column is >= 0), end to end. Each partition first measures its terms,
// then writes them at its place in the output: one pass over the bytes, on
// every thread (writing each partition into a string of its own and copying
// those into the output cost a second pass and the strings' regrowth).
StringTable write_terms(const std::vector<Partition>& parts, const std::vector<std::size_t>& base,
                        const std::vector<std::int32_t>* column, const StringTable& tokens,
                        unsigned threads) {
  const std::size_t n_parts = parts.size();
  auto token = [&](std::uint64_t rank1) { return tokens[static_cast<std::size_t>(rank1 - 1)]; };
  auto kept = [&](std::size_t p, std::size_t j) { return !column || (*column)[base[p] + j] >= 0; };
  std::vector<std::size_t> term_at(n_parts + 1, 0), byte_at(n_parts + 1, 0);
  parallel_chunks(n_parts, 1, threads, [&](std::size_t p, std::size_t, std::size_t) {
    std::size_t terms = 0, bytes = 0;
    for (std::size_t j = 0; j < parts[p].keys.size(); ++j) {
      if (!kept(p, j)) continue;
      const std::uint64_t k = parts[p].keys[j];
      bytes += token(k >> 32).size();
      if (const std::uint64_t second = k & 0xFFFFFFFFu; second != 0) bytes += 1 + token(second).size();
      ++terms;
    }
    term_at[p + 1] = terms;
    byte_at[p + 1] = bytes;
  });
  for (std::size_t p = 0; p < n_parts; ++p) {
    term_at[p + 1] += term_at[p];
    byte_at[p + 1] += byte_at[p];
  }
  StringTable out;
  out.offsets.resize(term_at[n_parts] + 1);
  out.offsets[0] = 0;
  out.bytes.resize(byte_at[n_parts]);
  parallel_chunks(n_parts, 1, threads, [&](std::size_t p, std::size_t, std::size_t) {
    char* const bytes = out.bytes.data();
    std::size_t at = byte_at[p], t = term_at[p];
    auto put = [&](std::uint64_t rank1) {
      const std::string_view t = token(rank1);
      std::memcpy(bytes + at, t.data(), t.size());
      at += t.size();
    };
    for (std::size_t j = 0; j < parts[p].keys.size(); ++j) {
      if (!kept(p, j)) continue;
      const std::uint64_t k = parts[p].keys[j];
      put(k >> 32);
      if (const std::uint64_t second = k & 0xFFFFFFFFu; second != 0) {
        bytes[at++] = ' ';
        put(second);
      }
      out.offsets[++t] = static_cast<std::int64_t>(at);
    }
  });
  return out;
}

// The matrix from the partitions' entries: partition p's term t is column
// `base[p] + t`, or column[base[p] + t] when `column` is given (-1: pruned).
// Each block of documents takes its entries from every partition in turn,
// which puts each row in column order. The first pass counts each row's
// entries and, when pruning, turns terms into columns in place, so that the
// second pass reads every entry once more and looks nothing up. With
// `unigrams`, each document's unigrams (column unigram_column[rank], -1:
// pruned) go in among its pair entries, each before the first entry of a
// later column: both are in column order already.
void write_rows(std::vector<Partition>& parts, const std::vector<std::size_t>& base,
                const std::vector<std::int32_t>* column, const Unigrams* unigrams,
                const std::vector<std::int32_t>& unigram_column, std::size_t n_docs, bool binary,
                unsigned threads, Csr& m) {
  const std::size_t n_parts = parts.size();
  m.indptr.assign(n_docs + 1, 0);
  parallel_chunks(n_docs, kRowBlock, threads, [&](std::size_t blk, std::size_t b, std::size_t e) {
    if (unigrams)
      for (std::size_t d = b; d < e; ++d) {
        if (!column) {  // nothing pruned: every unigram of the document
          m.indptr[d + 1] += static_cast<std::int64_t>(unigrams->end[d] - unigrams->begin[d]);
          continue;
        }
        for (std::uint64_t u = unigrams->begin[d]; u < unigrams->end[d]; ++u)
          m.indptr[d + 1] += unigram_column[Unigrams::rank(unigrams->entry[u])] >= 0;
      }
    for (std::size_t p = 0; p < n_parts; ++p) {
      Partition& part = parts[p];
      const std::size_t pb = part.block_start[blk], pe = part.block_start[blk + 1];
      if (!column) {
        for (std::size_t i = pb; i < pe; ++i) ++m.indptr[part.doc[i] + 1];
        continue;
      }
      const std::int32_t* col = column->data() + base[p];
      for (std::size_t i = pb; i < pe; ++i) {
        const std::int32_t c = col[part.term[i]];
        part.term[i] = c;
        m.indptr[part.doc[i] + 1] += c >= 0;
      }
    }
  });
  for (std::size_t d = 0; d < n_docs; ++d) m.indptr[d + 1] += m.indptr[d];
  const auto nnz = static_cast<std::size_t>(m.indptr[n_docs]);
  m.indices.reserve(nnz);
  m.data.reserve(nnz);
  advise_huge_pages(m.indices.data(), nnz);
  advise_huge_pages(m.data.data(), nnz);
  m.indices.resize(nnz);  // not zeroed (OutputVector): the threads below write each entry
  m.data.resize(nnz);
  parallel_chunks(n_docs, kRowBlock, threads, [&](std::size_t blk, std::size_t b, std::size_t e) {
    std::vector<std::int64_t> at(m.indptr.begin() + static_cast<std::ptrdiff_t>(b),
                                 m.indptr.begin() + static_cast<std::ptrdiff_t>(e));
    // Per document of the block: its next unigram not pruned, and that one's
    // column (the largest int64 when none is left), so that each pair entry
    // costs one comparison with it.
    std::vector<std::uint64_t> next(e - b);
    std::vector<std::int64_t> next_column(e - b, std::numeric_limits<std::int64_t>::max());
    auto advance = [&](std::size_t d) {
      std::uint64_t& u = next[d - b];
      for (; u < unigrams->end[d]; ++u)
        if (const std::int32_t c = unigram_column[Unigrams::rank(unigrams->entry[u])]; c >= 0) {
          next_column[d - b] = c;
          return;
        }
      next_column[d - b] = std::numeric_limits<std::int64_t>::max();
    };
    auto unigrams_before = [&](std::size_t d, std::int64_t below) {
      while (next_column[d - b] < below) {
        const auto pos = static_cast<std::size_t>(at[d - b]++);
        m.indices[pos] = static_cast<std::int32_t>(next_column[d - b]);
        m.data[pos] = binary ? 1 : Unigrams::count(unigrams->entry[next[d - b]]);
        ++next[d - b];
        advance(d);
      }
    };
    if (unigrams)
      for (std::size_t d = b; d < e; ++d) {
        next[d - b] = unigrams->begin[d];
        advance(d);
      }
    for (std::size_t p = 0; p < n_parts; ++p) {
      const Partition& part = parts[p];
      const auto offset = column ? 0 : static_cast<std::int32_t>(base[p]);
      for (std::size_t i = part.block_start[blk]; i < part.block_start[blk + 1]; ++i) {
        if (part.term[i] < 0) continue;
        const std::int32_t c = part.term[i] + offset;
        const std::size_t d = part.doc[i];
        if (c > next_column[d - b]) unigrams_before(d, c);
        const auto pos = static_cast<std::size_t>(at[d - b]++);
        m.indices[pos] = c;
        m.data[pos] = binary ? 1 : part.count[i];
      }
    }
    if (unigrams)
      for (std::size_t d = b; d < e; ++d) unigrams_before(d, std::numeric_limits<std::int64_t>::max());
  });
}

// Each token's occurrences over the chunks, by rank: the partitions' weights,
// and the unigrams' term counts.
std::vector<std::int64_t> token_counts(const std::vector<TokenChunk>& chunks,
                                       const std::vector<std::vector<std::uint32_t>>& rank,
                                       std::size_t n_token_ranks) {
  std::vector<std::int64_t> count(n_token_ranks, 0);
  for (std::size_t c = 0; c < chunks.size(); ++c)
    for (std::size_t l = 0; l < chunks[c].tf.size(); ++l) count[rank[c][l]] += chunks[c].tf[l];
  return count;
}

// Each document's distinct tokens of chunk `tc`, by rank, with their counts,
// written into `u` from `at` on; the chunk's document counts per local id
// go to `df`. Per local id, its rank, the last document it was seen in and
// its entry there sit together (one cache miss per token: they come in no
// order), instead of a hash of every occurrence.
void count_unigrams(const TokenChunk& tc, const std::vector<std::uint32_t>& rank, std::uint64_t at,
                    Unigrams& u, std::vector<std::int64_t>& df) {
  // last_doc: its index in the chunk + 1; entry: counted from the document's first.
  struct Token {
    std::uint32_t rank, last_doc, entry, df;
  };
  std::vector<Token> token(tc.tokens.size());
  for (std::size_t l = 0; l < token.size(); ++l) token[l] = {rank[l], 0, 0, 0};
  std::uint64_t* entries = u.entry.data();
  std::size_t k = 0;
  for (std::size_t i = 0; i < tc.ends.size(); ++i) {
    const std::size_t d = tc.first_doc + i;
    const auto mark = static_cast<std::uint32_t>(i + 1);
    const std::uint64_t first = at;
    for (const auto end = static_cast<std::size_t>(tc.ends[i]); k < end; ++k) {
      Token& t = token[static_cast<std::size_t>(tc.ids[k])];
      if (t.last_doc == mark) {
        ++entries[first + t.entry];  // the count, in the low half
        continue;
      }
      t.last_doc = mark;
      t.entry = static_cast<std::uint32_t>(at - first);
      ++t.df;
      entries[at++] = (std::uint64_t{t.rank} << 32) | 1;
    }
    // Then in rank order (ranks differ: the words order as the ranks do). A
    // paragraph has a few dozen distinct tokens, which an insertion sort
    // orders fastest; a long document, thousands: a quadratic sort would hang.
    if (at - first > 64) {
      std::sort(entries + first, entries + at);
    } else {
      for (std::uint64_t j = first + 1; j < at; ++j) {
        const std::uint64_t v = entries[j];
        std::uint64_t x = j;
        for (; x > first && entries[x - 1] > v; --x) entries[x] = entries[x - 1];
        entries[x] = v;
      }
    }
    u.begin[d] = first;
    u.end[d] = at;
  }
  df.resize(token.size());
  for (std::size_t l = 0; l < token.size(); ++l) df[l] = token[l].df;
}

// Scatter: each chunk's keys (rank + 1 of the first token in the high half,
// of the second in the low half) into its own buffers, one per partition;
// with `unigrams`, each document's unigrams are counted first (count_unigrams).
// The chunks are released as they are done.
std::vector<std::vector<Scatter>> scatter_keys(std::vector<TokenChunk>& chunks,
                                               const std::vector<std::vector<std::uint32_t>>& rank,
                                               const RankPartitions& plan, Unigrams* unigrams,
                                               unsigned threads) {
  const std::size_t n_parts = plan.n_parts;
  std::vector<std::vector<Scatter>> scatters(chunks.size(), std::vector<Scatter>(n_parts));
  std::vector<std::size_t> token_base(chunks.size() + 1, 0);  // where each chunk's unigrams start
  for (std::size_t c = 0; c < chunks.size(); ++c) token_base[c + 1] = token_base[c] + chunks[c].ids.size();
  std::vector<std::vector<std::int64_t>> df(chunks.size());
  if (unigrams) {
    std::size_t n_docs = 0;
    for (const TokenChunk& tc : chunks) n_docs += tc.ends.size();
    unigrams->begin.resize(n_docs);
    unigrams->end.resize(n_docs);
    unigrams->entry.resize(token_base.back());
  }
  parallel_chunks(chunks.size(), 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    TokenChunk& tc = chunks[c];
    if (unigrams) count_unigrams(tc, rank[c], token_base[c], *unigrams, df[c]);
    std::vector<Scatter>& out = scatters[c];
    const std::size_t each = tc.ids.size() / n_parts * 9 / 8 + 16;
    for (Scatter& s : out) {
      s.keys.reserve(each);
      s.docs.reserve(each);
    }
    // Per local id, what its keys need, together.
    std::vector<RankPartitions::Token> token(tc.tokens.size());
    for (std::size_t l = 0; l < token.size(); ++l) token[l] = plan.token(rank[c][l]);
    auto put = [&](std::size_t p, std::uint64_t key, std::uint32_t doc) {
      out[p].keys.push_back(key);
      out[p].docs.push_back(doc);
    };
    std::int64_t at = 0;
    for (std::size_t i = 0; i < tc.ends.size(); ++i) {
      const auto doc = static_cast<std::uint32_t>(tc.first_doc + i);
      const auto end = static_cast<std::size_t>(tc.ends[i]);
      for (auto k = static_cast<std::size_t>(at); k + 1 < end; ++k) {
        const RankPartitions::Token& a = token[static_cast<std::size_t>(tc.ids[k])];
        const std::uint64_t second = token[static_cast<std::size_t>(tc.ids[k + 1])].r1;
        put(plan.part(a, second), RankPartitions::key(a, second), doc);
      }
      at = tc.ends[i];
    }
    tc = TokenChunk();
  });
  if (unigrams)  // each token's documents, over the chunks
    for (std::size_t c = 0; c < chunks.size(); ++c)
      for (std::size_t l = 0; l < df[c].size(); ++l) unigrams->df[rank[c][l]] += df[c][l];
  return scatters;
}

}  // namespace

FitResult fit_pairs(const std::vector<std::string_view>& texts, const AnalyzerOptions& opts,
                    const PruneOptions& prune_options, unsigned threads, bool keep_stats,
                    const std::vector<std::uint8_t>* ascii) {
  if (texts.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error("too many documents for one fit (more than 2^32)");
  PhaseTimer timer("fit(1,2)");
  threads = resolve_threads(threads);
  std::vector<TokenChunk> chunks = tokenize_chunks(texts, opts, threads, ascii);
  timer.mark("tokenize");
  const std::size_t n_chunks = chunks.size();
  std::vector<const StringTable*> tables(n_chunks);
  for (std::size_t c = 0; c < n_chunks; ++c) tables[c] = &chunks[c].tokens;
  std::vector<std::vector<std::uint32_t>> rank;
  const StringTable tokens = merge_tokens(tables, rank, threads);
  if (!rank_orderable(tokens, " ")) {
    // A token holds a space or a control byte: the ranks do not order the
    // strings. The chunks are counted as count_chunks counts them.
    std::vector<ChunkCounts> counted(n_chunks);
    parallel_chunks(n_chunks, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
      counted[c] = count_token_chunk(chunks[c], opts);
      chunks[c] = TokenChunk();
    });
    return finish_fit(counted, texts.size(), prune_options, threads, keep_stats, true);
  }
  const bool unigrams = opts.min_n == 1;
  std::vector<std::int64_t> token_count = token_counts(chunks, rank, tokens.size());
  const RankPartitions plan = plan_rank_partitions(token_count);
  const std::size_t n_parts = plan.n_parts;
  timer.mark("merge tokens");
  Unigrams uni;
  if (unigrams) {
    uni.tf = std::move(token_count);
    uni.df.assign(tokens.size(), 0);
  }
  std::vector<std::vector<Scatter>> scatters =
      scatter_keys(chunks, rank, plan, unigrams ? &uni : nullptr, threads);
  timer.mark("scatter");
  // Count: whole partitions per thread, a few at a time so that the big
  // ones (a frequent first word) spread over the threads.
  std::vector<Partition> parts(n_parts);
  const std::size_t per = std::max<std::size_t>(1, n_parts / (8 * std::size_t{threads}));
  parallel_chunks(n_parts, per, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    FlatMap<std::uint64_t, KeySlot> table(1024);
    std::vector<std::uint32_t> last_entry;
    for (std::size_t p = b; p < e; ++p)
      count_partition(scatters, p, texts.size(), unigrams ? &uni : nullptr, plan.rank_begin[p],
                      plan.rank_end[p], table, last_entry, parts[p]);
  });
  scatters.clear();
  timer.mark("count");
  // The term statistics: the partitions' end to end.
  std::vector<std::size_t> base(n_parts + 1, 0);
  for (std::size_t p = 0; p < n_parts; ++p) base[p + 1] = base[p] + parts[p].keys.size();
  const std::size_t n_terms = base[n_parts];
  if (n_terms == 0) throw Error("empty vocabulary; perhaps the documents only contain stop words");
  if (n_terms > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error("too many distinct n-grams (more than 2^31)");
  FitResult result;
  TermStats& stats = result.stats;
  stats.n_docs = static_cast<std::int64_t>(texts.size());
  stats.term_count.resize(n_terms);
  stats.doc_count.resize(n_terms);
  parallel_chunks(n_parts, 1, threads, [&](std::size_t p, std::size_t, std::size_t) {
    std::copy(parts[p].tf.begin(), parts[p].tf.end(),
              stats.term_count.begin() + static_cast<std::ptrdiff_t>(base[p]));
    std::copy(parts[p].df.begin(), parts[p].df.end(),
              stats.doc_count.begin() + static_cast<std::ptrdiff_t>(base[p]));
  });
  result.kept = prune(stats, prune_options, threads);
  const std::vector<std::int64_t>& kept = result.kept;
  std::vector<std::int32_t> column(n_terms, -1);
  parallel_chunks(kept.size(), 65536, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k)
      column[static_cast<std::size_t>(kept[k])] = static_cast<std::int32_t>(k);
  });
  timer.mark("prune");
  if (keep_stats) {
    // Every term's string once; the vocabulary copies the kept ones, which
    // reads one table in order instead of two tokens per term at random.
    stats.terms = write_terms(parts, base, nullptr, tokens, threads);
    result.vocabulary = kept.size() == n_terms ? stats.terms : gather_terms(stats.terms, kept, threads);
  } else {
    result.vocabulary = write_terms(parts, base, &column, tokens, threads);
  }
  timer.mark("strings");
  for (Partition& part : parts) {
    part.keys = {};
    part.tf = {};
    part.df = {};
  }
  result.matrix.n_cols = static_cast<std::int64_t>(kept.size());
  result.matrix.sorted = true;
  // Nothing pruned: partition p's terms are columns base[p] onwards.
  // Each unigram's column: its term's place, pruned as the terms are.
  std::vector<std::int32_t> unigram_column(unigrams ? tokens.size() : 0);
  parallel_chunks(unigram_column.size(), 65536, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t r = b; r < e; ++r) {
      const std::size_t p = plan.first_part[r];
      const std::int32_t term = parts[p].unigram_term[r - plan.rank_begin[p]];
      const std::size_t t = base[p] + static_cast<std::size_t>(term);
      unigram_column[r] = term < 0 ? -1 : kept.size() == n_terms ? static_cast<std::int32_t>(t) : column[t];
    }
  });
  write_rows(parts, base, kept.size() == n_terms ? nullptr : &column, unigrams ? &uni : nullptr,
             unigram_column, texts.size(), prune_options.binary, threads, result.matrix);
  timer.mark("rows");
  return result;
}

}  // namespace textgauge::dtm
