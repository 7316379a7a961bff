// Merging: the chunks' terms into one vocabulary sorted by bytes, with each
// chunk's local ids mapped to their place in it; and TermStats::merge.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/radix_sort.hpp"
#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "vectorize/dtm_internal.hpp"

namespace textgauge {

// ---------------------------------------------------------------- TermStats

void TermStats::merge(const TermStats& other) {
  TermStats out;
  out.n_docs = n_docs + other.n_docs;
  const std::size_t a = terms.size(), b = other.terms.size();
  out.term_count.reserve(std::max(a, b));
  out.doc_count.reserve(std::max(a, b));
  std::size_t i = 0, j = 0;
  while (i < a || j < b) {
    int cmp;
    if (i == a)
      cmp = 1;
    else if (j == b)
      cmp = -1;
    else
      cmp = terms[i].compare(other.terms[j]);
    if (cmp < 0) {
      out.terms.push(terms[i]);
      out.term_count.push_back(term_count[i]);
      out.doc_count.push_back(doc_count[i]);
      ++i;
    } else if (cmp > 0) {
      out.terms.push(other.terms[j]);
      out.term_count.push_back(other.term_count[j]);
      out.doc_count.push_back(other.doc_count[j]);
      ++j;
    } else {
      out.terms.push(terms[i]);
      out.term_count.push_back(term_count[i] + other.term_count[j]);
      out.doc_count.push_back(doc_count[i] + other.doc_count[j]);
      ++i;
      ++j;
    }
  }
  *this = std::move(out);
}

}  // namespace textgauge

namespace textgauge::dtm {

// Whether n-grams over `tokens` joined by `sep` sort as their token
// sequences do (see merge_by_rank): `sep` is one byte, below every byte of
// every token.
bool rank_orderable(const StringTable& tokens, std::string_view sep) {
  if (sep.size() != 1) return false;
  const auto floor = static_cast<unsigned char>(sep[0]);
  for (const char c : tokens.bytes)
    if (static_cast<unsigned char>(c) <= floor) return false;
  return true;
}

namespace {

// Sorts `a` by key (stable: equal keys keep their order), an LSD radix sort
// on 16-bit digits that skips digits equal in every key.
void radix_sort(std::vector<KeyItem>& a) {
  std::vector<KeyItem> b(a.size());
  std::vector<std::size_t> count(65537);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    bool all_same = true;
    const std::uint64_t first = a.empty() ? 0 : (a[0].key >> shift) & 0xFFFF;
    for (const KeyItem& it : a) {
      const auto digit = (it.key >> shift) & 0xFFFF;
      all_same = all_same && digit == first;
      ++count[digit + 1];
    }
    if (all_same) continue;  // this digit orders nothing
    for (std::size_t d = 1; d < count.size(); ++d) count[d] += count[d - 1];
    for (const KeyItem& it : a) b[count[(it.key >> shift) & 0xFFFF]++] = it;
    a.swap(b);
  }
}

// After radix_sort(a): sorts each run of equal keys in [b, e) with `less`
// (the keys told those items apart only in part).
template <class Less>
void sort_ties(std::vector<KeyItem>& a, Less&& less, std::size_t b = 0, std::size_t e = SIZE_MAX) {
  e = std::min(e, a.size());
  for (std::size_t i = b; i < e;) {
    std::size_t j = i + 1;
    while (j < e && a[j].key == a[i].key) ++j;
    if (j - i > 1)
      std::sort(a.begin() + static_cast<std::ptrdiff_t>(i), a.begin() + static_cast<std::ptrdiff_t>(j), less);
    i = j;
  }
}

}  // namespace

// Sorts `a` by key, stably, as radix_sort does, on `threads` threads: one
// pass scatters the items into up to 256 ranges of keys (by the top bits of
// the largest key; stable, each thread writing its own slice's places), then
// each range is sorted on its own by an LSD radix sort on 8-bit digits (a
// range is small: its passes stay in cache). Returns the ranges' bounds:
// equal keys never straddle two ranges, so the ranges can be walked in
// parallel afterwards.
std::vector<std::size_t> sort_by_ranges(std::vector<KeyItem>& a, unsigned threads) {
  const std::size_t n = a.size();
  std::uint64_t max_key = 0;
  for (const KeyItem& it : a) max_key = std::max(max_key, it.key);
  const int top = max_key == 0 ? 0 : 64 - __builtin_clzll(max_key);  // bits in use
  const int range_bits = n < (std::size_t{1} << 14) ? 0 : std::min(8, top);
  const int shift = top - range_bits;
  const std::size_t ranges = std::size_t{1} << range_bits;
  auto range_of = [&](const KeyItem& it) {
    return range_bits == 0 ? 0 : static_cast<std::size_t>(it.key >> shift);
  };
  // Stable scatter: slice t's items go after those of slices < t in each range.
  const std::size_t slices = std::max<std::size_t>(1, std::min<std::size_t>(threads, n / 4096 + 1));
  const std::size_t per = (n + slices - 1) / slices;
  std::vector<std::vector<std::size_t>> hist(slices, std::vector<std::size_t>(ranges, 0));
  parallel_chunks(n, per, threads, [&](std::size_t t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) ++hist[t][range_of(a[i])];
  });
  std::vector<std::size_t> bounds(ranges + 1, 0);
  std::size_t at = 0;
  for (std::size_t r = 0; r < ranges; ++r) {
    bounds[r] = at;
    for (std::size_t t = 0; t < slices; ++t) {
      const std::size_t c = hist[t][r];
      hist[t][r] = at;
      at += c;
    }
  }
  bounds[ranges] = at;
  std::vector<KeyItem> out(n);
  parallel_chunks(n, per, threads, [&](std::size_t t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) out[hist[t][range_of(a[i])]++] = a[i];
  });
  a.swap(out);
  // Each range by the remaining bits (common/radix_sort.hpp: 8 at a time,
  // skipping digits equal in every key of the range); `out` is the scratch
  // space.
  parallel_chunks(ranges, 1, threads, [&](std::size_t r, std::size_t, std::size_t) {
    radix_sort_small(a.data() + bounds[r], out.data() + bounds[r], bounds[r + 1] - bounds[r]);
  });
  return bounds;
}

namespace {

// Term ids sorted by their bytes (Python's code point order). A radix sort
// on the first 8 bytes (big-endian, zero-padded) orders almost every pair;
// runs that share those 8 bytes are then sorted on the full strings.
std::vector<std::int32_t> sorted_ids(const StringTable& keys) {
  const std::size_t n = keys.size();
  std::vector<KeyItem> a(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view s = keys[i];
    std::uint64_t prefix = 0;
    for (std::size_t k = 0; k < 8; ++k)
      prefix = (prefix << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0u);
    a[i] = {prefix, static_cast<std::int32_t>(i)};
  }
  radix_sort(a);
  sort_ties(a, [&](const KeyItem& x, const KeyItem& y) {
    return keys[static_cast<std::size_t>(x.id)] < keys[static_cast<std::size_t>(y.id)];
  });
  std::vector<std::int32_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = a[i].id;
  return ids;
}

// The feature strings of a chunk in token form.
void strings_from_grams(ChunkCounts& cc) {
  if (cc.width == 0) return;
  StringTable out;
  std::string buf;
  for (std::size_t f = 0; f * cc.width < cc.grams.size(); ++f) {
    buf.clear();
    for (std::size_t k = 0; k < cc.width; ++k) {
      const std::int32_t t = cc.grams[f * cc.width + k];
      if (t < 0) break;
      if (k) buf.append(cc.separator);
      buf.append(cc.tokens[static_cast<std::size_t>(t)]);
    }
    out.push(buf);
  }
  cc.features = std::move(out);
  cc.tokens = StringTable();
  cc.grams = {};
  cc.width = 0;
}

// The strings of several tables in sorted order, each distinct one once.
// Each table is sorted on its own (in parallel), then the sorted lists are
// merged: no string is hashed again, and equal strings of different tables
// meet at the merge front. For each distinct string, in order: term(s), then
// entry(c, local) for every table c holding it at `local`. Before that,
// ahead(c, local) names the entry table c reaches 16 steps later: the entries
// are visited in no order in memory, and fetching ahead saves a miss each.
template <class Term, class Entry, class Ahead>
void merge_sorted(const std::vector<const StringTable*>& tables, unsigned threads, Term&& term, Entry&& entry,
                  Ahead&& ahead) {
  const std::size_t k = tables.size();
  std::vector<std::vector<std::int32_t>> order(k);
  parallel_chunks(k, 1, threads,
                  [&](std::size_t c, std::size_t, std::size_t) { order[c] = sorted_ids(*tables[c]); });
  std::vector<std::size_t> head(k, 0);
  std::vector<std::size_t> at_min;
  for (;;) {
    // the smallest current string over the tables (k is the thread count: small)
    at_min.clear();
    std::string_view best;
    for (std::size_t c = 0; c < k; ++c) {
      const std::vector<std::int32_t>& o = order[c];
      const std::size_t at = head[c];
      if (at == o.size()) continue;
      const StringTable& t = *tables[c];
      if (at + 32 < o.size()) __builtin_prefetch(&t.offsets[static_cast<std::size_t>(o[at + 32])]);
      if (at + 16 < o.size()) {
        const auto later = static_cast<std::size_t>(o[at + 16]);
        __builtin_prefetch(t.bytes.data() + t.offsets[later]);
        ahead(c, later);
      }
      const std::string_view s = t[static_cast<std::size_t>(o[at])];
      if (at_min.empty() || s < best) {
        at_min.assign(1, c);
        best = s;
      } else if (s == best) {
        at_min.push_back(c);
      }
    }
    if (at_min.empty()) return;
    term(best);
    for (std::size_t c : at_min) entry(c, static_cast<std::size_t>(order[c][head[c]++]));
  }
}

}  // namespace

StringTable merge_tokens(const std::vector<const StringTable*>& tables,
                         std::vector<std::vector<std::uint32_t>>& rank, unsigned threads) {
  StringTable tokens;
  rank.assign(tables.size(), {});
  for (std::size_t c = 0; c < tables.size(); ++c) rank[c].resize(tables[c]->size());
  merge_sorted(
      tables, threads, [&](std::string_view t) { tokens.push(t); },
      [&](std::size_t c, std::size_t local) {
        rank[c][local] = static_cast<std::uint32_t>(tokens.size() - 1);
      },
      [](std::size_t, std::size_t) {});
  return tokens;
}

namespace {

// Global terms of all chunks, sorted; `to_sorted[c][local id]` = position.
// Word n-grams merged through token ranks instead of their strings. With a
// one-byte separator below every byte of every token (rank_orderable), "a b"
// sorts before "c d" exactly when (a, b) sorts before (c, d) in token order,
// and a sequence before its extensions ("a" < "a b" < "ab"). So the n-grams
// sort as their sequences of token ranks (rank + 1 each, 0 past the end):
// integer keys, radix sorted, after which each term's string is written once,
// in order, from the small token table. Making every n-gram's string first
// and sorting the strings costs several times more.
TermStats merge_by_rank(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                        std::vector<std::vector<std::int32_t>>& to_sorted, unsigned threads) {
  const std::size_t k = chunks.size();
  const std::size_t width = chunks[0].width;
  const std::string sep = chunks[0].separator;
  // Every chunk's tokens ranked in one sorted table.
  std::vector<const StringTable*> tables(k);
  for (std::size_t c = 0; c < k; ++c) tables[c] = &chunks[c].tokens;
  std::vector<std::vector<std::uint32_t>> rank;
  const StringTable tokens = merge_tokens(tables, rank, threads);
  // One key per feature of every chunk; id = its global index.
  std::vector<std::size_t> first(k + 1, 0);
  for (std::size_t c = 0; c < k; ++c) first[c + 1] = first[c] + chunks[c].grams.size() / width;
  const std::size_t total = first[k];
  if (total > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error("too many distinct n-grams (more than 2^31)");
  auto chunk_of = [&](std::size_t id) {
    return static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), id) - first.begin()) - 1;
  };
  auto word = [&](std::size_t c, std::size_t local, std::size_t j) -> std::uint64_t {
    const std::int32_t t = chunks[c].grams[local * width + j];
    return t < 0 ? 0 : std::uint64_t{rank[c][static_cast<std::size_t>(t)]} + 1;
  };
  std::vector<KeyItem> items(total);
  parallel_chunks(k, 1, threads, [&](std::size_t c, std::size_t, std::size_t) {
    for (std::size_t l = 0; first[c] + l < first[c + 1]; ++l)
      items[first[c] + l] = {(word(c, l, 0) << 32) | (width > 1 ? word(c, l, 1) : 0),
                             static_cast<std::int32_t>(first[c] + l)};
  });
  const std::vector<std::size_t> bounds = sort_by_ranges(items, threads);
  const std::size_t ranges = bounds.size() - 1;
  // Keys tell the first two tokens apart; longer n-grams compare the rest.
  auto rest_less = [&](const KeyItem& x, const KeyItem& y) {
    const auto xi = static_cast<std::size_t>(x.id), yi = static_cast<std::size_t>(y.id);
    const std::size_t cx = chunk_of(xi), cy = chunk_of(yi);
    for (std::size_t j = 2; j < width; ++j) {
      const std::uint64_t a = word(cx, xi - first[cx], j), b = word(cy, yi - first[cy], j);
      if (a != b) return a < b;
    }
    return false;
  };
  auto starts_term = [&](std::size_t i, std::size_t b) {
    return i == b || items[i].key != items[i - 1].key || (width > 2 && rest_less(items[i - 1], items[i]));
  };
  // Each range of keys on its own (no n-gram spans two): its ties sorted, its
  // distinct n-grams counted, then, once every range knows where its terms
  // start, its strings and totals written. The walk that was serial runs on
  // every thread; the ranges' strings are joined at the end.
  std::vector<std::size_t> term_base(ranges + 1, 0);
  parallel_chunks(ranges, 1, threads, [&](std::size_t r, std::size_t, std::size_t) {
    if (width > 2) sort_ties(items, rest_less, bounds[r], bounds[r + 1]);
    std::size_t n = 0;
    for (std::size_t i = bounds[r]; i < bounds[r + 1]; ++i) n += starts_term(i, bounds[r]);
    term_base[r + 1] = n;
  });
  for (std::size_t r = 0; r < ranges; ++r) term_base[r + 1] += term_base[r];
  const std::size_t n_terms = term_base[ranges];
  TermStats stats;
  stats.n_docs = static_cast<std::int64_t>(n_docs);
  stats.term_count.assign(n_terms, 0);
  stats.doc_count.assign(n_terms, 0);
  stats.terms.offsets.assign(n_terms + 1, 0);
  to_sorted.assign(k, {});
  for (std::size_t c = 0; c < k; ++c) to_sorted[c].resize(first[c + 1] - first[c]);
  std::vector<std::string> range_bytes(ranges);
  parallel_chunks(ranges, 1, threads, [&](std::size_t rg, std::size_t, std::size_t) {
    const std::size_t b = bounds[rg], e = bounds[rg + 1];
    std::string& bytes = range_bytes[rg];
    auto r = static_cast<std::int64_t>(term_base[rg]) - 1;
    for (std::size_t i = b; i < e; ++i) {
      if (i + 16 < e) {  // the chunk numbers are read in no order in memory: fetch ahead
        const auto ahead = static_cast<std::size_t>(items[i + 16].id);
        const std::size_t ca = chunk_of(ahead);
        __builtin_prefetch(&chunks[ca].tf[ahead - first[ca]]);
        __builtin_prefetch(&chunks[ca].df[ahead - first[ca]]);
        __builtin_prefetch(&to_sorted[ca][ahead - first[ca]]);
        __builtin_prefetch(&chunks[ca].grams[(ahead - first[ca]) * width]);
      }
      const auto id = static_cast<std::size_t>(items[i].id);
      const std::size_t c = chunk_of(id), l = id - first[c];
      if (starts_term(i, b)) {
        ++r;
        for (std::size_t j = 0; j < width; ++j) {
          const std::uint64_t w = word(c, l, j);
          if (w == 0) break;
          if (j) bytes.append(sep);
          bytes.append(tokens[static_cast<std::size_t>(w - 1)]);
        }
        // for now relative to the range's first byte
        stats.terms.offsets[static_cast<std::size_t>(r) + 1] = static_cast<std::int64_t>(bytes.size());
      }
      stats.term_count[static_cast<std::size_t>(r)] += chunks[c].tf[l];
      stats.doc_count[static_cast<std::size_t>(r)] += chunks[c].df[l];
      to_sorted[c][l] = static_cast<std::int32_t>(r);
    }
  });
  // The ranges' strings end to end, each range's offsets moved by the bytes before it.
  std::vector<std::size_t> byte_base(ranges + 1, 0);
  for (std::size_t rg = 0; rg < ranges; ++rg) byte_base[rg + 1] = byte_base[rg] + range_bytes[rg].size();
  stats.terms.bytes.resize(byte_base[ranges]);
  parallel_chunks(ranges, 1, threads, [&](std::size_t rg, std::size_t, std::size_t) {
    std::copy(range_bytes[rg].begin(), range_bytes[rg].end(),
              stats.terms.bytes.begin() + static_cast<std::ptrdiff_t>(byte_base[rg]));
    for (std::size_t t = term_base[rg]; t < term_base[rg + 1]; ++t)
      stats.terms.offsets[t + 1] += static_cast<std::int64_t>(byte_base[rg]);
    std::string().swap(range_bytes[rg]);
  });
  return stats;
}

}  // namespace

TermStats merge_chunks(std::vector<ChunkCounts>& chunks, std::size_t n_docs,
                       std::vector<std::vector<std::int32_t>>& to_sorted, unsigned threads) {
  // Chunks of word n-grams (token form) merge by token ranks when their
  // strings sort as the token sequences do; otherwise, they become strings.
  const bool by_rank =
      !chunks.empty() && std::all_of(chunks.begin(), chunks.end(), [&](const ChunkCounts& cc) {
        return cc.width > 0 && cc.width == chunks[0].width && cc.separator == chunks[0].separator &&
               rank_orderable(cc.tokens, cc.separator);
      });
  if (by_rank) return merge_by_rank(chunks, n_docs, to_sorted, threads);
  for (auto& cc : chunks) strings_from_grams(cc);
  const std::size_t k = chunks.size();
  std::size_t total_terms = 0, total_bytes = 0;
  std::vector<const StringTable*> tables(k);
  to_sorted.assign(k, {});
  for (std::size_t c = 0; c < k; ++c) {
    total_terms += chunks[c].features.size();
    total_bytes += chunks[c].features.bytes.size();
    tables[c] = &chunks[c].features;
    to_sorted[c].resize(chunks[c].features.size());
  }
  TermStats stats;
  stats.n_docs = static_cast<std::int64_t>(n_docs);
  stats.terms.bytes.reserve(k == 1 ? total_bytes : total_bytes / 2);
  stats.terms.offsets.reserve((k == 1 ? total_terms : total_terms / 2) + 1);
  merge_sorted(
      tables, threads,
      [&](std::string_view t) {
        stats.terms.push(t);
        stats.term_count.push_back(0);
        stats.doc_count.push_back(0);
      },
      [&](std::size_t c, std::size_t local) {
        to_sorted[c][local] = static_cast<std::int32_t>(stats.terms.size() - 1);
        stats.term_count.back() += chunks[c].tf[local];
        stats.doc_count.back() += chunks[c].df[local];
      },
      [&](std::size_t c, std::size_t local) {
        __builtin_prefetch(&chunks[c].tf[local]);
        __builtin_prefetch(&chunks[c].df[local]);
        __builtin_prefetch(&to_sorted[c][local]);
      });
  return stats;
}

}  // namespace textgauge::dtm
