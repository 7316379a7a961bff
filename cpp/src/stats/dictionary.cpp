// Dictionary lookup (textgauge/stats/dictionary.hpp, docs/dictionaries.md):
// patterns resolved against the vocabulary once, then one pass over the tokens.
#include "textgauge/stats/dictionary.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "common/flat_map.hpp"
#include "textgauge/error.hpp"
#include "textgauge/hash.hpp"
#include "textgauge/text/normalize.hpp"

namespace textgauge {

namespace {

using id_type = Vocabulary::id_type;

// Bytes of the UTF-8 code point starting with `lead`.
std::size_t cp_size(unsigned char lead) noexcept {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// CSR lists: list i is items[begin[i], begin[i+1]).
struct Lists {
  std::vector<std::int64_t> begin;
  std::vector<std::int32_t> items;
  std::span<const std::int32_t> operator[](std::size_t i) const noexcept {
    return {items.data() + begin[i], static_cast<std::size_t>(begin[i + 1] - begin[i])};
  }
};

// (term, value) pairs into per-term lists of distinct values, sorted.
Lists group_by_term(std::vector<std::pair<id_type, std::int32_t>>& pairs, std::size_t terms) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  Lists out;
  out.begin.assign(terms + 1, 0);
  for (const auto& [t, v] : pairs) ++out.begin[static_cast<std::size_t>(t) + 1];
  for (std::size_t i = 0; i < terms; ++i) out.begin[i + 1] += out.begin[i];
  out.items.reserve(pairs.size());
  for (const auto& pv : pairs) out.items.push_back(pv.second);
  return out;
}

void check_spec(const DictionarySpec& s, std::size_t vocab_size) {
  const std::size_t n = s.pattern_kind.size();
  if (s.pattern_text.size() != n || s.pattern_terms_begin.size() != n + 1 ||
      static_cast<std::size_t>(s.pattern_terms_begin.back()) != s.pattern_terms.size())
    throw Error("dictionary lookup: pattern arrays of different lengths");
  for (id_type t : s.pattern_terms)
    if (t < 0 || static_cast<std::size_t>(t) >= vocab_size)
      throw Error("dictionary lookup: term id out of range");
  if (s.entry_begin.size() != s.entry_category.size() + 1 ||
      static_cast<std::size_t>(s.entry_begin.back()) != s.entry_words.size())
    throw Error("dictionary lookup: entry arrays of different lengths");
  for (std::size_t e = 0; e < s.entry_category.size(); ++e)
    if (s.entry_begin[e + 1] <= s.entry_begin[e]) throw Error("dictionary lookup: an entry without words");
  for (std::int32_t c : s.entry_category)
    if (c < 0 || c >= s.categories) throw Error("dictionary lookup: category out of range");
  auto pattern_ok = [n](std::int32_t p) { return p >= 0 && static_cast<std::size_t>(p) < n; };
  if (!std::all_of(s.entry_words.begin(), s.entry_words.end(), pattern_ok) ||
      !std::all_of(s.negators.begin(), s.negators.end(), pattern_ok))
    throw Error("dictionary lookup: pattern index out of range");
  if (!s.negated.empty()) {
    if (s.negated.size() != static_cast<std::size_t>(s.categories))
      throw Error("dictionary lookup: one negated category per category expected");
    for (std::int32_t c : s.negated)
      if (c < 0 || c >= s.categories) throw Error("dictionary lookup: negated category out of range");
  }
}

// Globs by their literal prefix (the bytes before the first wildcard): a term
// is tested only against the globs whose prefix it starts with. `abc*` needs
// no test beyond the prefix. Globs that start with a wildcard are filed by
// their literal suffix instead (`?ord`, `*ing`); only those with neither
// (`*a*`, `?`) are tested against every term (the empty prefix).
struct GlobBucket {
  std::vector<std::int32_t> any_rest;                       // "abc*"
  std::vector<std::pair<std::string, std::int32_t>> globs;  // "abc?d*e": tested in full
};

// term id -> the patterns it matches.
Lists resolve_patterns(const DictionarySpec& spec, const Vocabulary& vocab, const Normalizer& norm) {
  const std::size_t n_terms = vocab.size();
  std::vector<std::pair<id_type, std::int32_t>> pairs;
  // The literal prefixes and suffixes interned (a lookup of a term's prefix
  // allocates nothing), each id indexing its bucket.
  Vocabulary prefix_ids, suffix_ids;
  std::vector<GlobBucket> buckets;
  std::vector<std::vector<std::pair<std::string, std::int32_t>>> suffixes;
  auto bucket = [](Vocabulary& ids, auto& of, std::string_view literal) -> auto& {
    const auto id = static_cast<std::size_t>(ids.intern(literal));
    if (id == of.size()) of.emplace_back();
    return of[id];
  };
  std::vector<std::size_t> prefix_sizes, suffix_sizes;
  for (std::size_t p = 0; p < spec.pattern_kind.size(); ++p) {
    const auto pi = static_cast<std::int32_t>(p);
    if (spec.pattern_kind[p] == PatternKind::terms) {
      for (auto k = spec.pattern_terms_begin[p]; k < spec.pattern_terms_begin[p + 1]; ++k)
        pairs.emplace_back(spec.pattern_terms[static_cast<std::size_t>(k)], pi);
      continue;
    }
    std::string text = norm(spec.pattern_text[p]);
    const std::size_t wild = text.find_first_of("*?");
    if (spec.pattern_kind[p] == PatternKind::fixed || wild == std::string::npos) {
      if (const id_type t = vocab.find(text); t != Vocabulary::npos) pairs.emplace_back(t, pi);
      continue;
    }
    if (wild == 0 && text.find_last_of("*?") + 1 < text.size()) {  // "?ord", "*ing": by the suffix
      const std::size_t tail = text.size() - text.find_last_of("*?") - 1;
      suffix_sizes.push_back(tail);
      bucket(suffix_ids, suffixes, std::string_view(text).substr(text.size() - tail)).emplace_back(text, pi);
      continue;
    }
    prefix_sizes.push_back(wild);
    GlobBucket& b = bucket(prefix_ids, buckets, std::string_view(text).substr(0, wild));
    if (wild + 1 == text.size() && text.back() == '*')
      b.any_rest.push_back(pi);
    else
      b.globs.emplace_back(std::move(text), pi);
  }
  for (auto* sizes : {&prefix_sizes, &suffix_sizes}) {
    std::sort(sizes->begin(), sizes->end());
    sizes->erase(std::unique(sizes->begin(), sizes->end()), sizes->end());
  }
  for (std::size_t t = 0; t < n_terms && !(buckets.empty() && suffixes.empty()); ++t) {
    const std::string_view term = vocab.term(static_cast<id_type>(t));
    for (std::size_t len : suffix_sizes) {
      if (len > term.size()) break;
      if (const id_type id = suffix_ids.find(term.substr(term.size() - len)); id != Vocabulary::npos)
        for (const auto& [g, p] : suffixes[static_cast<std::size_t>(id)])
          if (glob_match(g, term)) pairs.emplace_back(static_cast<id_type>(t), p);
    }
    for (std::size_t len : prefix_sizes) {
      if (len > term.size()) break;
      const id_type id = prefix_ids.find(term.substr(0, len));
      if (id == Vocabulary::npos) continue;
      const GlobBucket& b = buckets[static_cast<std::size_t>(id)];
      for (std::int32_t p : b.any_rest) pairs.emplace_back(static_cast<id_type>(t), p);
      for (const auto& [g, p] : b.globs)
        if (glob_match(g, term)) pairs.emplace_back(static_cast<id_type>(t), p);
    }
  }
  return group_by_term(pairs, n_terms);
}

// Multi-word entries as a trie over pattern ids, node 0 the root. Each node's
// children sit in one sorted run (pattern, node), found by binary search: a
// node past the first word has few children, and a token matches few patterns.
struct Trie {
  std::vector<std::int64_t> begin;  // node -> its run in `pattern` / `node`
  std::vector<std::int32_t> pattern, node;
  std::vector<std::vector<std::int32_t>> ends;  // categories of the entries ending at each node
  // A one-hash Bloom filter of the edges: most (node, pattern) pairs that a
  // walk tries have no edge, and one bit says so without the search.
  std::vector<std::uint64_t> bloom;
  std::uint64_t bloom_mask = 0;
  static std::uint64_t edge_hash(std::int32_t n, std::int32_t p) noexcept {
    return hash_mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(n)) << 32) |
                    static_cast<std::uint32_t>(p));
  }
  void add_to_bloom(std::int32_t n, std::int32_t p) noexcept {
    const std::uint64_t h = edge_hash(n, p) & bloom_mask;
    bloom[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
  bool may_have(std::int32_t n, std::int32_t p) const noexcept {
    const std::uint64_t h = edge_hash(n, p) & bloom_mask;
    return (bloom[h >> 6] >> (h & 63)) & 1;
  }
  std::int32_t child(std::int32_t n, std::int32_t p) const noexcept {
    if (!may_have(n, p)) return -1;
    const auto b = pattern.begin() + begin[static_cast<std::size_t>(n)];
    const auto e = pattern.begin() + begin[static_cast<std::size_t>(n) + 1];
    const auto it = std::lower_bound(b, e, p);
    return it != e && *it == p ? node[static_cast<std::size_t>(it - pattern.begin())] : -1;
  }
};

// Builds the trie of the entries of two words or more.
Trie build_trie(const DictionarySpec& spec) {
  FlatMap<std::uint64_t, std::int32_t> next;
  std::vector<std::tuple<std::int32_t, std::int32_t, std::int32_t>> edges;  // (node, pattern, child)
  Trie trie;
  trie.ends.emplace_back();
  for (std::size_t e = 0; e < spec.entry_category.size(); ++e) {
    const auto b = static_cast<std::size_t>(spec.entry_begin[e]);
    const auto end = static_cast<std::size_t>(spec.entry_begin[e + 1]);
    if (end - b < 2) continue;
    std::int32_t node = 0;
    for (std::size_t k = b; k < end; ++k) {
      const std::int32_t p = spec.entry_words[k];
      const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint32_t>(p);
      auto [child, added] = next.try_emplace(key, static_cast<std::int32_t>(trie.ends.size()));
      if (added) {
        trie.ends.emplace_back();
        edges.emplace_back(node, p, child);
      }
      node = child;
    }
    trie.ends[static_cast<std::size_t>(node)].push_back(spec.entry_category[e]);
  }
  for (auto& ends : trie.ends) {
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  }
  std::sort(edges.begin(), edges.end());
  trie.begin.assign(trie.ends.size() + 1, 0);
  for (const auto& [n, p, c] : edges) {
    ++trie.begin[static_cast<std::size_t>(n) + 1];
    trie.pattern.push_back(p);
    trie.node.push_back(c);
  }
  for (std::size_t n = 0; n + 1 < trie.begin.size(); ++n) trie.begin[n + 1] += trie.begin[n];
  std::size_t bits = 1024;  // 16 bits per edge at least: about 6% false positives
  while (bits < 16 * edges.size()) bits *= 2;
  trie.bloom.assign(bits / 64, 0);
  trie.bloom_mask = bits - 1;
  for (const auto& [n, p, c] : edges) trie.add_to_bloom(n, p);
  return trie;
}

// What the pass reads per term.
enum TermFlag : std::uint8_t { kNegator = 1, kStarts = 2, kSingle = 4 };
struct Compiled {
  Lists single;  // term -> categories of its single-word entries
  Lists multi;   // term -> its patterns that occur in multi-word entries
  Lists first;   // term -> the trie nodes it reaches from the root
  // term -> TermFlag bits: a negator; matches the first word of a multi-word
  // entry; has single-word categories. Most tokens read only this byte.
  std::vector<std::uint8_t> flags;
  Trie trie;
};

Compiled compile(const DictionarySpec& spec, const Vocabulary& vocab, const Normalizer& norm) {
  const Lists term_patterns = resolve_patterns(spec, vocab, norm);
  const std::size_t n_patterns = spec.pattern_kind.size(), n_terms = vocab.size();
  std::vector<std::vector<std::int32_t>> single_of(n_patterns);  // pattern -> categories
  std::vector<std::uint8_t> in_multi(n_patterns, 0), is_negator(n_patterns, 0);
  Compiled c;
  for (std::size_t e = 0; e < spec.entry_category.size(); ++e) {
    const auto b = static_cast<std::size_t>(spec.entry_begin[e]);
    const auto end = static_cast<std::size_t>(spec.entry_begin[e + 1]);
    if (end - b == 1)
      single_of[static_cast<std::size_t>(spec.entry_words[b])].push_back(spec.entry_category[e]);
    for (std::size_t k = b + 1; end - b > 1 && k < end; ++k)
      in_multi[static_cast<std::size_t>(spec.entry_words[k])] = 1;
  }
  c.trie = build_trie(spec);
  for (std::int32_t p : spec.negators) is_negator[static_cast<std::size_t>(p)] = 1;
  std::vector<std::pair<id_type, std::int32_t>> singles, multis, firsts;
  c.flags.assign(n_terms, 0);
  for (std::size_t t = 0; t < n_terms; ++t)
    for (std::int32_t p : term_patterns[t]) {
      const auto pu = static_cast<std::size_t>(p);
      for (std::int32_t cat : single_of[pu]) singles.emplace_back(static_cast<id_type>(t), cat);
      if (in_multi[pu]) multis.emplace_back(static_cast<id_type>(t), p);
      if (const std::int32_t node = c.trie.child(0, p); node >= 0) {
        firsts.emplace_back(static_cast<id_type>(t), node);
        c.flags[t] |= kStarts;
      }
      if (is_negator[pu]) c.flags[t] |= kNegator;
      if (!single_of[pu].empty()) c.flags[t] |= kSingle;
    }
  c.single = group_by_term(singles, n_terms);
  c.multi = group_by_term(multis, n_terms);
  c.first = group_by_term(firsts, n_terms);
  return c;
}

struct Match {
  std::int32_t span, start, category;
  bool operator<(const Match& o) const noexcept {  // longest first, then left to right
    if (span != o.span) return span > o.span;
    if (start != o.start) return start < o.start;
    return category < o.category;
  }
  bool operator==(const Match& o) const noexcept = default;
};

// Counts one segment: terms[0, n), all in one unit (a segment never crosses a
// sentence, so it lies in one document, paragraph and sentence).
class SegmentCounter {
 public:
  SegmentCounter(const Compiled& c, const DictionarySpec& spec, const LookupOptions& o, LookupResult& r)
      : c_(c), spec_(spec), o_(o), r_(r) {}

  void count(const id_type* terms, std::size_t n, std::size_t unit) {
    terms_ = terms;
    row_ = r_.counts.data() + unit;  // category c at row_[c * units]
    r_.tokens[unit] += static_cast<std::int64_t>(n);
    // Multi-word matches first: a segment without any (most) takes the
    // single-word path, where every hit counts (categories are distinct per
    // token) and a token is unmatched when its term has no category.
    matches_.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (c_.flags[static_cast<std::size_t>(terms[i])] & kStarts) walk(n, i);
    if (matches_.empty()) {
      for (std::size_t i = 0; i < n; ++i) {
        const auto t = static_cast<std::size_t>(terms[i]);
        if (!(c_.flags[t] & kSingle)) {
          unmatched(unit, terms[i]);
          continue;
        }
        for (std::int32_t cat : c_.single[t]) add(i, cat);
      }
      return;
    }
    matched_.assign(n, 0);
    take_nested();
    // The single-word hits come last in quanteda's order (the shortest span),
    // and only a token inside a counted multi-word match can lose one.
    for (std::size_t i = 0; i < n; ++i) {
      const auto t = static_cast<std::size_t>(terms[i]);
      if (!matched_[i]) {
        if (!(c_.flags[t] & kSingle)) {
          unmatched(unit, terms[i]);
          continue;
        }
        for (std::int32_t cat : c_.single[t]) add(i, cat);
        continue;
      }
      if (o_.scope == NestedScope::dictionary) continue;  // all its tokens (this one) are covered
      const auto at = static_cast<std::int32_t>(i);
      for (std::int32_t cat : c_.single[t]) {
        const bool covered = std::any_of(taken_.begin(), taken_.end(), [&](const Match& m) {
          return m.category == cat && m.start <= at && at < m.start + m.span;
        });
        if (!covered) add(i, cat);
      }
    }
  }

 private:
  void unmatched(std::size_t unit, id_type term) {
    ++r_.unmatched[unit];
    if (o_.keep_unmatched) {
      r_.unmatched_unit.push_back(static_cast<std::int64_t>(unit));
      r_.unmatched_term.push_back(term);
    }
  }

  // Multi-word matches starting at token i (those of 2 words or more).
  void walk(std::size_t n, std::size_t i) {
    const auto first = c_.first[static_cast<std::size_t>(terms_[i])];
    frontier_.assign(first.begin(), first.end());
    for (std::size_t j = i + 1; j < n && !frontier_.empty(); ++j) {
      const auto patterns = c_.multi[static_cast<std::size_t>(terms_[j])];
      if (patterns.empty()) break;
      next_.clear();
      for (std::int32_t node : frontier_)
        for (std::int32_t p : patterns)
          if (const std::int32_t child = c_.trie.child(node, p); child >= 0) next_.push_back(child);
      frontier_.swap(next_);
      for (std::int32_t node : frontier_)
        for (std::int32_t cat : c_.trie.ends[static_cast<std::size_t>(node)])
          matches_.push_back({static_cast<std::int32_t>(j - i + 1), static_cast<std::int32_t>(i), cat});
    }
  }

  // The multi-word matches in quanteda's order: longest span first, then left
  // to right; a match is dropped when a token of it is in a counted match of
  // its category, or (scope dictionary) when all its tokens are in counted
  // matches. Marks the tokens of counted matches in matched_.
  void take_nested() {
    std::sort(matches_.begin(), matches_.end());
    matches_.erase(std::unique(matches_.begin(), matches_.end()), matches_.end());
    taken_.clear();
    for (std::size_t g = 0; g < matches_.size();) {
      std::size_t h = g;
      while (h < matches_.size() && matches_[h].span == matches_[g].span &&
             matches_[h].start == matches_[g].start)
        ++h;
      const auto s = matched_.begin() + matches_[g].start, e = s + matches_[g].span;
      if (o_.scope == NestedScope::dictionary && std::all_of(s, e, [](std::uint8_t f) { return f != 0; })) {
        g = h;
        continue;
      }
      bool any = false;
      for (; g < h; ++g) {
        const Match& m = matches_[g];
        const bool overlaps = std::any_of(taken_.begin(), taken_.end(), [&](const Match& t) {
          return t.category == m.category && t.start < m.start + m.span && m.start < t.start + t.span;
        });
        if (overlaps) continue;
        taken_.push_back(m);
        add(static_cast<std::size_t>(m.start), m.category);
        any = true;
      }
      if (any) std::fill(s, e, 1);
    }
  }

  // Counts a hit of `cat` starting at token s, in the negated twin when a
  // negator precedes it within the window.
  void add(std::size_t s, std::int32_t cat) {
    if (o_.window > 0 && !spec_.negated.empty() && spec_.negated[static_cast<std::size_t>(cat)] != cat) {
      const std::size_t from =
          s > static_cast<std::size_t>(o_.window) ? s - static_cast<std::size_t>(o_.window) : 0;
      for (std::size_t k = from; k < s; ++k)
        if (c_.flags[static_cast<std::size_t>(terms_[k])] & kNegator) {
          cat = spec_.negated[static_cast<std::size_t>(cat)];
          break;
        }
    }
    ++row_[static_cast<std::size_t>(cat) * r_.units];
  }

  const Compiled& c_;
  const DictionarySpec& spec_;
  const LookupOptions& o_;
  LookupResult& r_;
  const id_type* terms_ = nullptr;
  std::int64_t* row_ = nullptr;
  std::vector<Match> matches_, taken_;
  std::vector<std::uint8_t> matched_;
  std::vector<std::int32_t> frontier_, next_;
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) noexcept {
  // Iterative matching with one backtrack point (the last `*`): linear in
  // practice, O(|pattern| |text|) at worst, never exponential.
  std::size_t p = 0, t = 0, star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = ++p;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == '?') {
      ++p;
      t += cp_size(static_cast<unsigned char>(text[t]));
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star;
      star_t += cp_size(static_cast<unsigned char>(text[star_t]));
      t = star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size() && t == text.size();
}

LookupResult dictionary_lookup(const Corpus& corpus, const DictionarySpec& spec,
                               const LookupOptions& options) {
  check_spec(spec, corpus.vocabulary().size());
  const Compiled compiled = compile(spec, corpus.vocabulary(), Normalizer(corpus.options().normalize));
  LookupResult r;
  r.categories = spec.categories;
  const auto& pb = corpus.paragraph_begin();
  const auto& sb = corpus.sentence_begin();
  r.units = options.unit == Unit::document    ? corpus.size()
            : options.unit == Unit::paragraph ? pb.back()
                                              : sb.back();
  r.counts.assign(r.units * static_cast<std::size_t>(r.categories), 0);
  r.tokens.assign(r.units, 0);
  r.unmatched.assign(r.units, 0);
  SegmentCounter counter(compiled, spec, options, r);
  // Segments: runs of tokens of the selected kinds within one sentence, read
  // from the corpus-wide arrays (kinds, terms, where each sentence's tokens
  // begin), sentence by sentence: no per-token lookup of its sentence.
  const CorpusUnits& units = corpus.units();
  const id_type* terms = corpus.terms().data();
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    corpus.for_each_sentence(d, [&](std::size_t s, std::size_t from, std::size_t to) {
      const std::size_t unit = options.unit == Unit::document ? d
                               : options.unit == Unit::paragraph
                                   ? pb[d] + static_cast<std::size_t>(units.sentence_paragraph[s])
                                   : s;
      for (std::size_t k = from; k < to;) {
        if (!(options.kinds & kind_bit(units.tokens.kind(k)))) {
          ++k;
          continue;
        }
        std::size_t e = k + 1;
        while (e < to && (options.kinds & kind_bit(units.tokens.kind(e)))) ++e;
        counter.count(terms + k, e - k, unit);
        k = e;
      }
    });
  }
  return r;
}

}  // namespace textgauge
