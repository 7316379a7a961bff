// Dictionary lookup (textgauge/stats/dictionary.hpp, docs/dictionaries.md):
// patterns resolved against the vocabulary once, then one pass over the tokens.
#include "textgauge/stats/dictionary.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "common/flat_map.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/normalize.hpp"

namespace textgauge {

namespace {

using id_type = Vocabulary::id_type;

// Bytes of the UTF-8 code point starting with `lead`.
std::size_t cp_size(unsigned char lead) noexcept {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

bool has_wildcard(std::string_view s) noexcept { return s.find_first_of("*?") != std::string_view::npos; }

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

// term id -> the patterns it matches.
Lists resolve_patterns(const DictionarySpec& spec, const Vocabulary& vocab, const Normalizer& norm) {
  const std::size_t n_terms = vocab.size();
  std::vector<std::pair<id_type, std::int32_t>> pairs;
  std::unordered_map<std::string, std::vector<std::int32_t>> prefixes;  // "abc*" by "abc"
  std::vector<std::size_t> prefix_sizes;
  std::vector<std::pair<std::string, std::int32_t>> globs;  // the other globs
  for (std::size_t p = 0; p < spec.pattern_kind.size(); ++p) {
    const auto pi = static_cast<std::int32_t>(p);
    if (spec.pattern_kind[p] == PatternKind::terms) {
      for (auto k = spec.pattern_terms_begin[p]; k < spec.pattern_terms_begin[p + 1]; ++k)
        pairs.emplace_back(spec.pattern_terms[static_cast<std::size_t>(k)], pi);
      continue;
    }
    std::string text = norm(spec.pattern_text[p]);
    if (spec.pattern_kind[p] == PatternKind::fixed || !has_wildcard(text)) {
      if (const id_type t = vocab.find(text); t != Vocabulary::npos) pairs.emplace_back(t, pi);
    } else if (text.size() > 1 && text.back() == '*' &&
               !has_wildcard(std::string_view(text).substr(0, text.size() - 1))) {
      text.pop_back();
      prefix_sizes.push_back(text.size());
      prefixes[std::move(text)].push_back(pi);
    } else {
      globs.emplace_back(std::move(text), pi);
    }
  }
  std::sort(prefix_sizes.begin(), prefix_sizes.end());
  prefix_sizes.erase(std::unique(prefix_sizes.begin(), prefix_sizes.end()), prefix_sizes.end());
  std::string key;
  for (std::size_t t = 0; t < n_terms && (!prefixes.empty() || !globs.empty()); ++t) {
    const std::string_view term = vocab.term(static_cast<id_type>(t));
    for (std::size_t len : prefix_sizes) {
      if (len > term.size()) break;
      key.assign(term.substr(0, len));
      if (auto it = prefixes.find(key); it != prefixes.end())
        for (std::int32_t p : it->second) pairs.emplace_back(static_cast<id_type>(t), p);
    }
    for (const auto& [g, p] : globs)
      if (glob_match(g, term)) pairs.emplace_back(static_cast<id_type>(t), p);
  }
  return group_by_term(pairs, n_terms);
}

// Multi-word entries as a trie over pattern ids: node 0 is the root; a child
// is found by (node << 32 | pattern).
struct Trie {
  FlatMap<std::uint64_t, std::int32_t> next;
  std::vector<std::vector<std::int32_t>> ends{{}};  // categories of the entries ending at each node
  std::int32_t child(std::int32_t node, std::int32_t pattern) const noexcept {
    const std::int32_t* c = next.find(key(node, pattern));
    return c ? *c : -1;
  }
  static std::uint64_t key(std::int32_t node, std::int32_t pattern) noexcept {
    return (static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint32_t>(pattern);
  }
};

// What the pass reads per term.
struct Compiled {
  Lists single;                       // term -> categories of its single-word entries
  Lists multi;                        // term -> its patterns that occur in multi-word entries
  std::vector<std::uint8_t> negator;  // term -> is a negator
  Trie trie;
  bool has_multi = false;
};

Compiled compile(const DictionarySpec& spec, const Vocabulary& vocab, const Normalizer& norm) {
  const Lists term_patterns = resolve_patterns(spec, vocab, norm);
  const std::size_t n_patterns = spec.pattern_kind.size(), n_terms = vocab.size();
  std::vector<std::vector<std::int32_t>> single_of(n_patterns);  // pattern -> categories
  std::vector<std::uint8_t> in_multi(n_patterns, 0), is_negator(n_patterns, 0);
  Compiled c;
  for (std::size_t e = 0; e < spec.entry_category.size(); ++e) {
    const auto b = static_cast<std::size_t>(spec.entry_begin[e]),
               end = static_cast<std::size_t>(spec.entry_begin[e + 1]);
    if (end - b == 1) {
      single_of[static_cast<std::size_t>(spec.entry_words[b])].push_back(spec.entry_category[e]);
      continue;
    }
    c.has_multi = true;
    std::int32_t node = 0;
    for (std::size_t k = b; k < end; ++k) {
      const std::int32_t p = spec.entry_words[k];
      in_multi[static_cast<std::size_t>(p)] = 1;
      auto [child, added] =
          c.trie.next.try_emplace(Trie::key(node, p), static_cast<std::int32_t>(c.trie.ends.size()));
      if (added) c.trie.ends.emplace_back();
      node = child;
    }
    c.trie.ends[static_cast<std::size_t>(node)].push_back(spec.entry_category[e]);
  }
  for (auto& ends : c.trie.ends) {
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  }
  for (std::int32_t p : spec.negators) is_negator[static_cast<std::size_t>(p)] = 1;
  std::vector<std::pair<id_type, std::int32_t>> singles, multis;
  c.negator.assign(n_terms, 0);
  for (std::size_t t = 0; t < n_terms; ++t)
    for (std::int32_t p : term_patterns[t]) {
      const auto pu = static_cast<std::size_t>(p);
      for (std::int32_t cat : single_of[pu]) singles.emplace_back(static_cast<id_type>(t), cat);
      if (in_multi[pu]) multis.emplace_back(static_cast<id_type>(t), p);
      if (is_negator[pu]) c.negator[t] = 1;
    }
  c.single = group_by_term(singles, n_terms);
  c.multi = group_by_term(multis, n_terms);
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

// Counts one segment: terms[0, n) with the unit of each token.
class SegmentCounter {
 public:
  SegmentCounter(const Compiled& c, const DictionarySpec& spec, const LookupOptions& o, LookupResult& r)
      : c_(c), spec_(spec), o_(o), r_(r) {}

  void count(std::span<const id_type> terms, std::span<const std::int64_t> units) {
    const std::size_t n = terms.size();
    matches_.clear();
    bool multi = false;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::int32_t cat : c_.single[static_cast<std::size_t>(terms[i])])
        matches_.push_back({1, static_cast<std::int32_t>(i), cat});
      if (c_.has_multi && !c_.multi[static_cast<std::size_t>(terms[i])].empty()) multi |= walk(terms, i);
    }
    matched_.assign(n, 0);
    if (!multi) {  // single tokens only: every match counts (categories are distinct per token)
      for (const Match& m : matches_) add(m, terms, units);
    } else {
      take_nested(terms, units);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto u = static_cast<std::size_t>(units[i]);
      ++r_.tokens[u];
      if (matched_[i]) continue;
      ++r_.unmatched[u];
      if (o_.keep_unmatched) {
        r_.unmatched_unit.push_back(units[i]);
        r_.unmatched_term.push_back(terms[i]);
      }
    }
  }

 private:
  // Multi-word matches starting at token i (those of 2 words or more).
  bool walk(std::span<const id_type> terms, std::size_t i) {
    bool found = false;
    frontier_.assign(1, 0);
    for (std::size_t j = i; j < terms.size() && !frontier_.empty(); ++j) {
      next_.clear();
      for (std::int32_t node : frontier_)
        for (std::int32_t p : c_.multi[static_cast<std::size_t>(terms[j])])
          if (const std::int32_t child = c_.trie.child(node, p); child >= 0) next_.push_back(child);
      frontier_.swap(next_);
      if (j == i) continue;  // one-word "entries" of the trie do not exist
      for (std::int32_t node : frontier_)
        for (std::int32_t cat : c_.trie.ends[static_cast<std::size_t>(node)]) {
          matches_.push_back({static_cast<std::int32_t>(j - i + 1), static_cast<std::int32_t>(i), cat});
          found = true;
        }
    }
    return found;
  }

  // quanteda's order: longest span first, then left to right; a match is
  // dropped when a token of it is in a counted match of its category, or (scope
  // dictionary) when all its tokens are in counted matches.
  void take_nested(std::span<const id_type> terms, std::span<const std::int64_t> units) {
    std::sort(matches_.begin(), matches_.end());
    matches_.erase(std::unique(matches_.begin(), matches_.end()), matches_.end());
    taken_.clear();
    for (std::size_t g = 0; g < matches_.size();) {
      std::size_t h = g;
      while (h < matches_.size() && matches_[h].span == matches_[g].span &&
             matches_[h].start == matches_[g].start)
        ++h;
      const auto s = static_cast<std::size_t>(matches_[g].start),
                 e = s + static_cast<std::size_t>(matches_[g].span);
      const bool covered =
          std::all_of(matched_.begin() + static_cast<std::ptrdiff_t>(s),
                      matched_.begin() + static_cast<std::ptrdiff_t>(e), [](std::uint8_t f) { return f; });
      if (o_.scope == NestedScope::dictionary && covered) {
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
        add(m, terms, units);
        any = true;
      }
      if (any)
        std::fill(matched_.begin() + static_cast<std::ptrdiff_t>(s),
                  matched_.begin() + static_cast<std::ptrdiff_t>(e), 1);
    }
  }

  void add(const Match& m, std::span<const id_type> terms, std::span<const std::int64_t> units) {
    const auto s = static_cast<std::size_t>(m.start);
    std::int32_t cat = m.category;
    if (o_.window > 0 && !spec_.negated.empty() && spec_.negated[static_cast<std::size_t>(cat)] != cat) {
      const std::size_t from =
          s > static_cast<std::size_t>(o_.window) ? s - static_cast<std::size_t>(o_.window) : 0;
      for (std::size_t k = from; k < s; ++k)
        if (c_.negator[static_cast<std::size_t>(terms[k])]) {
          cat = spec_.negated[static_cast<std::size_t>(cat)];
          break;
        }
    }
    ++r_.counts[static_cast<std::size_t>(units[s]) * static_cast<std::size_t>(r_.categories) +
                static_cast<std::size_t>(cat)];
    std::fill(matched_.begin() + m.start, matched_.begin() + m.start + m.span, 1);
  }

  const Compiled& c_;
  const DictionarySpec& spec_;
  const LookupOptions& o_;
  LookupResult& r_;
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
  const auto& toks = corpus.units().tokens;
  const auto& tok_par = corpus.units().token_paragraph;
  const auto& tok_sent = corpus.units().token_sentence;
  const auto& terms = corpus.terms();
  std::vector<id_type> seg;
  std::vector<std::int64_t> seg_units;
  auto flush = [&] {
    if (!seg.empty()) counter.count(seg, seg_units);
    seg.clear();
    seg_units.clear();
  };
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    std::int32_t sentence = -1;
    for (std::size_t k = corpus.token_begin()[d]; k < corpus.token_begin()[d + 1]; ++k) {
      if (tok_sent[k] != sentence) {
        flush();
        sentence = tok_sent[k];
      }
      if (!(options.kinds & kind_bit(toks[k].kind))) {
        flush();
        continue;
      }
      seg.push_back(terms[k]);
      seg_units.push_back(options.unit == Unit::document    ? static_cast<std::int64_t>(d)
                          : options.unit == Unit::paragraph ? static_cast<std::int64_t>(pb[d]) + tok_par[k]
                                                            : static_cast<std::int64_t>(sb[d]) + tok_sent[k]);
    }
    flush();
  }
  return r;
}

}  // namespace textgauge
