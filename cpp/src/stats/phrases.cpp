#include "textgauge/stats/phrases.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/flat_map.hpp"
#include "common/huge_pages.hpp"
#include "textgauge/error.hpp"

namespace textgauge {

namespace {

using id_type = Vocabulary::id_type;

void append_id(std::string& key, id_type id) {
  char b[sizeof(id_type)];
  std::memcpy(b, &id, sizeof id);
  key.append(b, sizeof b);
}

// A phrase occurrence: its key and the position of the token that ends it.
// Phrases are packed into the key (see Packing) where their connector run
// fits; the others have the top bit set over their id among those phrases
// (interned by their term ids).
struct Occurrence {
  std::uint64_t key;
  std::int64_t pos;
};
// The per-call buffers are tens of MiB: on 2 MiB pages they cost a few page
// faults instead of thousands (a third of the time on 4 KiB pages).
template <class T>
using Buffer = std::vector<T, HugePageAllocator<T>>;
constexpr std::uint64_t kLongPhrase = std::uint64_t(1) << 63;

// A distinct phrase: its first occurrence (the position of its last token),
// its count and its key (see Occurrence).
struct Run {
  std::int64_t first, count;
  std::uint64_t key;
};

// The runs of connector words inside phrases, interned as a trie: run r > 0
// is run parent[r] followed by the connector last[r] (run 0: none). A news
// corpus has a few hundred distinct runs, so a phrase with any number of
// connectors packs into one key (see Packing), and extending the run of a
// candidate by one connector is one lookup in a small table.
struct ConnectorRuns {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();  // ids ran out
  std::vector<std::uint32_t> parent{0};
  std::vector<id_type> last{-1};
  std::vector<std::uint32_t> single;             // connector id -> its run of one, 0 until seen
  FlatMap<std::uint64_t, std::uint32_t> longer;  // parent << 32 | connector -> run

  std::uint32_t step(std::uint32_t run, id_type t) {
    if (run == kNone || parent.size() >= kNone) return kNone;
    const auto next = static_cast<std::uint32_t>(parent.size());
    std::uint32_t r;
    if (run == 0) {
      std::uint32_t& slot = single[static_cast<std::size_t>(t)];
      if (slot == 0) slot = next;
      r = slot;
    } else {
      r = longer.try_emplace(static_cast<std::uint64_t>(run) << 32 | static_cast<std::uint32_t>(t), next)
              .first;
    }
    if (r == next) {
      parent.push_back(run);
      last.push_back(t);
    }
    return r;
  }
  // Appends the connectors of `run` to `out`, in text order.
  void append(std::uint32_t run, std::vector<id_type>& out) const {
    const std::size_t from = out.size();
    for (; run != 0; run = parent[run]) out.push_back(last[run]);
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
  }
};

// The distinct unigrams and phrases of a stream with their counts and first
// occurrence, each list in order of first occurrence. Events are numbered
// 2 * token + (0 for the token, 1 for the phrase it ends), the order in which
// gensim's loop inserts them into its dict.
struct IdCounts {
  std::vector<id_type> unigram;  // term id
  std::vector<std::int64_t> unigram_count, unigram_event;
  Buffer<Run> phrases;          // in no particular order
  Buffer<std::int32_t> run_at;  // by position: the phrase first ending there, or -1
  Vocabulary long_phrases;      // keys: the term ids of a phrase with connectors, as bytes
  ConnectorRuns connector_runs;
  std::int64_t words = 0;
  unsigned bits = 32, run_bits = 0;  // see Packing
};

// How phrase keys pack into 64 bits: with term ids of `bits` bits (at most
// 31), a phrase from word a to word b over the connector run `run` (0 for
// none, see ConnectorRuns) is (run << 2 bits | a << bits | b) where the run
// fits the 63 - 2 bits left (`run_bits`, fewer in tests); the top bit stays
// for interned phrases (kLongPhrase | id).
struct Packing {
  unsigned bits, run_bits;
  bool fits(std::uint32_t run) const noexcept {
    return run != ConnectorRuns::kNone && (run_bits >= 32 || run < (std::uint64_t(1) << run_bits));
  }
  std::uint64_t key(std::uint32_t run, id_type a, id_type b) const noexcept {
    return static_cast<std::uint64_t>(run) << (2 * bits) | static_cast<std::uint64_t>(a) << bits |
           static_cast<std::uint32_t>(b);
  }
  id_type a(std::uint64_t key) const noexcept { return static_cast<id_type>((key >> bits) & mask()); }
  id_type b(std::uint64_t key) const noexcept { return static_cast<id_type>(key & mask()); }
  std::uint32_t run(std::uint64_t key) const noexcept {
    return static_cast<std::uint32_t>(key >> (2 * bits));
  }
  std::uint64_t mask() const noexcept { return (std::uint64_t(1) << bits) - 1; }
};

// The occurrences of phrases of two words. Where the keys pack into
// a << bits | b and positions fit 32 bits (see count_phrases), only where each
// ends (its words are the stream's terms there and just before) and how many
// start with each word (`per_first`, by word + 1); otherwise as Occurrences.
struct TwoWords {
  bool bucketed = false;
  Buffer<std::uint32_t> end;
  std::vector<std::uint32_t> per_first;
  Buffer<Occurrence> occ;
  std::size_t size() const noexcept { return bucketed ? end.size() : occ.size(); }
};

// Bucketed phrases of two words: scattered by their first word a in one
// stable pass, then counted per bucket through a table indexed by the second
// word b, which stays in cache. Within a bucket occurrences are in text order,
// so the first seen is the first occurrence.
void count_two(TwoWords& two, const std::vector<id_type>& terms, unsigned bits, std::size_t n_terms,
               Buffer<Run>& runs) {
  std::vector<std::uint32_t>& begin = two.per_first;  // counts, then where each bucket begins
  for (std::size_t a = 0; a < n_terms; ++a) begin[a + 1] += begin[a];
  struct Second {
    std::uint32_t b, pos;
  };
  Buffer<Second> by_first(two.end.size());
  {
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (const std::uint32_t k : two.end) {
      const auto a = static_cast<std::size_t>(terms[k - 1]);
      by_first[fill[a]++] = {static_cast<std::uint32_t>(terms[k]), k};
    }
  }
  std::vector<std::int64_t> run_of(n_terms, -1);  // b -> its run in the current bucket
  for (std::size_t a = 0; a < n_terms; ++a) {
    for (std::size_t i = begin[a]; i < begin[a + 1]; ++i) {
      const std::size_t b = by_first[i].b;
      if (run_of[b] < 0) {
        run_of[b] = static_cast<std::int64_t>(runs.size());
        runs.push_back({by_first[i].pos, 0, static_cast<std::uint64_t>(a) << bits | b});
      }
      ++runs[static_cast<std::size_t>(run_of[b])].count;
    }
    for (std::size_t i = begin[a]; i < begin[a + 1]; ++i) run_of[by_first[i].b] = -1;
  }
}

// The distinct keys of `occ` (in text order) as runs, each with its first
// occurrence: through a hash table, each slot prefetched a few occurrences
// ahead (a news corpus has about one distinct phrase per three tokens, so
// the table outgrows the cache where these are phrases of two words).
void count_hashed(const Buffer<Occurrence>& occ, Buffer<Run>& runs) {
  FlatMap<std::uint64_t, std::uint32_t, FlatMapTraits<std::uint64_t>, HugePageAllocator> run_of(occ.size() /
                                                                                                2);
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < occ.size(); ++i) {
    if (i + kAhead < occ.size()) run_of.prefetch(occ[i + kAhead].key);
    auto [r, added] = run_of.try_emplace(occ[i].key, static_cast<std::uint32_t>(runs.size()));
    if (added) runs.push_back({occ[i].pos, 0, occ[i].key});
    ++runs[r].count;
  }
}

// `more` holds the phrases of more than two words.
void count_phrases(TwoWords& two, Buffer<Occurrence>& more, const TermStream& stream, std::size_t n_terms,
                   IdCounts& c) {
  Buffer<Run> runs;
  runs.reserve((two.size() + more.size()) / 2);
  if (two.bucketed)
    count_two(two, stream.terms, c.bits, n_terms, runs);
  else
    count_hashed(two.occ, runs);
  count_hashed(more, runs);
  // Their order of first occurrence, read by position (each position ends at
  // most one phrase).
  c.run_at.assign(static_cast<std::size_t>(c.words), -1);  // runs < 2^31
  for (std::size_t r = 0; r < runs.size(); ++r)
    c.run_at[static_cast<std::size_t>(runs[r].first)] = static_cast<std::int32_t>(r);
  c.phrases = std::move(runs);
}

IdCounts count_ids(const TermStream& stream, std::size_t n_terms, const std::vector<std::uint8_t>& connector,
                   unsigned max_run_bits) {
  IdCounts c;
  c.bits = std::max<unsigned>(1, static_cast<unsigned>(std::bit_width(n_terms)));
  c.run_bits = std::min(63 - 2 * c.bits, max_run_bits);
  const Packing pack{c.bits, c.run_bits};
  ConnectorRuns& runs = c.connector_runs;
  runs.single.assign(std::min(connector.size(), n_terms), 0);
  std::vector<std::int64_t> count(n_terms, 0), first(n_terms, -1);
  TwoWords two;
  // Buckets by first word while the vocabulary is under 2^20 terms (beyond,
  // most buckets of count_two would be empty) and positions fit 32 bits.
  two.bucketed = 3 * c.bits <= 62 && stream.terms.size() < (std::size_t(1) << 32);
  if (two.bucketed) {
    two.end.reserve(stream.terms.size());
    two.per_first.assign(n_terms + 1, 0);
  } else {
    two.occ.reserve(stream.terms.size());
  }
  Buffer<Occurrence> more;
  std::string key;  // the ids of a candidate with connectors, when interned
  // Positions are indices into stream.terms (its segments are back to back).
  for (std::size_t s = 0; s < stream.segments(); ++s) {
    id_type start = -1;
    std::size_t connectors = 0;
    std::uint32_t run = 0;  // of the connectors since start
    for (std::size_t k = stream.seg_begin[s]; k < stream.seg_begin[s + 1]; ++k) {
      const id_type t = stream.terms[k];
      const auto ut = static_cast<std::size_t>(t);
      if (ut < connector.size() && connector[ut]) {
        if (start < 0) continue;
        ++connectors;  // a connector inside a candidate
        run = runs.step(run, t);
        continue;
      }
      const auto pos = static_cast<std::int64_t>(k);
      if (count[ut]++ == 0) first[ut] = pos;
      if (start >= 0) {
        if (connectors == 0 && two.bucketed) {
          two.end.push_back(static_cast<std::uint32_t>(k));  // start is terms[k - 1]
          ++two.per_first[static_cast<std::size_t>(start) + 1];
        } else if (connectors == 0) {
          two.occ.push_back({pack.key(0, start, t), pos});
        } else if (pack.fits(run)) {
          more.push_back({pack.key(run, start, t), pos});
        } else {
          key.clear();
          for (std::size_t j = k - connectors - 1; j <= k; ++j) append_id(key, stream.terms[j]);
          more.push_back({kLongPhrase | static_cast<std::uint64_t>(c.long_phrases.intern(key)), pos});
        }
      }
      start = t;  // the word ends one candidate and starts the next
      connectors = 0;
      run = 0;
    }
  }
  c.words = static_cast<std::int64_t>(stream.terms.size());
  for (std::size_t t = 0; t < n_terms; ++t)
    if (count[t]) c.unigram.push_back(static_cast<id_type>(t));
  std::sort(c.unigram.begin(), c.unigram.end(), [&](id_type a, id_type b) {
    return first[static_cast<std::size_t>(a)] < first[static_cast<std::size_t>(b)];
  });
  for (id_type t : c.unigram) {
    c.unigram_count.push_back(count[static_cast<std::size_t>(t)]);
    c.unigram_event.push_back(2 * first[static_cast<std::size_t>(t)]);
  }
  count_phrases(two, more, stream, n_terms, c);
  return c;
}

// Adds `count` to `key`. Without an index every key is new (the caller knows).
void add_key(Vocabulary* index, PhraseVocab& out, std::string_view key, std::int64_t count) {
  if (!index) {
    out.keys.push(key);
    out.counts.push_back(count);
    return;
  }
  const auto id = static_cast<std::size_t>(index->intern(key));
  if (id == out.counts.size()) out.counts.push_back(0);
  out.counts[id] += count;
}

PhraseVocab finish(const Vocabulary* index, PhraseVocab out) {
  if (index) out.keys = index->table();
  return out;
}

// Python's str.split(delimiter): the first and the last part (the same
// non-overlapping matches from the left); false when there is one part.
bool first_last(std::string_view key, std::string_view delim, std::string_view& first,
                std::string_view& last) {
  std::size_t at = key.find(delim);
  if (at == std::string_view::npos) return false;
  first = key.substr(0, at);
  std::size_t rest = at + delim.size();
  while ((at = key.find(delim, rest)) != std::string_view::npos) rest = at + delim.size();
  last = key.substr(rest);
  return true;
}

}  // namespace

PhraseVocab phrase_vocab(const TermStream& stream, const Vocabulary& vocabulary,
                         const std::vector<std::uint8_t>& connector, std::string_view delimiter,
                         unsigned max_run_bits) {
  IdCounts c = count_ids(stream, vocabulary.size(), connector, max_run_bits);
  // The string keys, unigrams and phrases merged by first event (each list is
  // in event order already); colliding strings add up, as in gensim's dict.
  // Joined strings can only collide with each other or with a unigram when
  // some word holds the delimiter, or when the delimiter is longer than one
  // code point (its occurrences may then straddle a word and a delimiter);
  // otherwise no index is needed.
  std::size_t code_points = 0;
  for (char ch : delimiter) code_points += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  bool collide = code_points != 1;
  auto holds = [&](std::size_t t) {
    return vocabulary.term(static_cast<id_type>(t)).find(delimiter) != std::string_view::npos;
  };
  for (id_type t : c.unigram) collide = collide || holds(static_cast<std::size_t>(t));
  for (std::size_t t = 0; t < connector.size() && t < vocabulary.size(); ++t)
    collide = collide || (connector[t] && holds(t));
  Vocabulary index;
  PhraseVocab out;
  out.words = c.words;
  const std::size_t n_keys = c.unigram.size() + c.phrases.size();
  out.counts.reserve(n_keys);
  if (!collide) {
    // The keys stay term ids (strings are made only for what is asked: see key()).
    out.terms = vocabulary.table();
    out.delimiter = std::string(delimiter);
    out.ids.reserve(n_keys * 2);
    out.id_begin.reserve(n_keys + 1);
  }
  std::string joined;
  auto emit = [&](const id_type* seq, std::size_t n, std::int64_t count) {
    if (collide) {
      joined.clear();
      for (std::size_t i = 0; i < n; ++i) {
        if (i) joined.append(delimiter);
        joined.append(vocabulary.term(seq[i]));
      }
      add_key(&index, out, joined, count);
      return;
    }
    out.ids.insert(out.ids.end(), seq, seq + n);
    out.id_begin.push_back(static_cast<std::int64_t>(out.ids.size()));
    out.counts.push_back(count);
  };
  std::vector<id_type> seq;
  const Packing pack{c.bits, c.run_bits};
  std::size_t u = 0;
  const std::size_t nu = c.unigram.size();
  for (std::size_t k = 0; k < c.run_at.size(); ++k) {
    if (c.run_at[k] < 0) continue;
    // A unigram first seen at k comes before the phrase ending there.
    for (; u < nu && c.unigram_event[u] <= static_cast<std::int64_t>(2 * k); ++u)
      emit(&c.unigram[u], 1, c.unigram_count[u]);
    const Run& r = c.phrases[static_cast<std::size_t>(c.run_at[k])];
    seq.clear();
    if (r.key & kLongPhrase) {
      const std::string_view bytes = c.long_phrases.term(static_cast<id_type>(r.key & ~kLongPhrase));
      seq.resize(bytes.size() / sizeof(id_type));
      std::memcpy(seq.data(), bytes.data(), bytes.size());
    } else {
      seq.push_back(pack.a(r.key));
      c.connector_runs.append(pack.run(r.key), seq);
      seq.push_back(pack.b(r.key));
    }
    emit(seq.data(), seq.size(), r.count);
  }
  for (; u < nu; ++u) emit(&c.unigram[u], 1, c.unigram_count[u]);
  if (collide) out.keys = index.table();
  return out;
}

std::size_t PhraseVocab::size() const noexcept { return counts.size(); }

bool PhraseVocab::as_ids() const noexcept {
  return id_begin.size() == counts.size() + 1 && keys.size() != counts.size();
}

void PhraseVocab::key(std::size_t i, std::string& out) const {
  out.clear();
  if (!as_ids()) {
    out.append(keys[i]);
    return;
  }
  for (auto j = id_begin[i]; j < id_begin[i + 1]; ++j) {
    if (j > id_begin[i]) out.append(delimiter);
    out.append(terms[static_cast<std::size_t>(ids[static_cast<std::size_t>(j)])]);
  }
}

StringTable PhraseVocab::key_table() const {
  if (!as_ids()) return keys;
  StringTable t;
  std::string k;
  for (std::size_t i = 0; i < size(); ++i) {
    key(i, k);
    t.push(k);
  }
  return t;
}

PhraseVocab merge_phrase_vocab(const PhraseVocab& a, const PhraseVocab& b) {
  Vocabulary index;
  PhraseVocab out;
  out.words = a.words + b.words;
  for (const PhraseVocab* v : {&a, &b}) {
    const StringTable keys = v->key_table();
    for (std::size_t i = 0; i < keys.size(); ++i) add_key(&index, out, keys[i], v->counts[i]);
  }
  return finish(&index, std::move(out));
}

double phrase_score(PhraseScoring scoring, std::int64_t count_a, std::int64_t count_b, std::int64_t count_ab,
                    std::int64_t len_vocab, double min_count, std::int64_t words) {
  constexpr double neg_inf = -std::numeric_limits<double>::infinity();
  if (scoring == PhraseScoring::original) {
    // (bigram_count - min_count) / float(denom) * len_vocab, in that order.
    const std::int64_t denom = count_a * count_b;
    if (denom == 0) return neg_inf;
    return (static_cast<double>(count_ab) - min_count) / static_cast<double>(denom) *
           static_cast<double>(len_vocab);
  }
  if (!(static_cast<double>(count_ab) >= min_count)) return neg_inf;
  const double n = static_cast<double>(words);
  const double pa = static_cast<double>(count_a) / n, pb = static_cast<double>(count_b) / n;
  const double pab = static_cast<double>(count_ab) / n;
  const double den = -std::log(pab);
  if (den == 0.0) return neg_inf;  // Python's ZeroDivisionError, which gensim turns into -inf
  return std::log(pab / (pa * pb)) / den;
}

PhraseTable export_phrases(const PhraseVocab& vocab, const PhraseOptions& o) {
  if (!(o.min_count > 0)) throw Error("min_count should be at least 1");
  if (o.scoring == PhraseScoring::original && !(o.threshold > 0))
    throw Error("threshold should be positive for default scoring");
  if (o.scoring == PhraseScoring::npmi && !(o.threshold >= -1 && o.threshold <= 1))
    throw Error("threshold should be between -1 and 1 for npmi scoring");
  if (o.delimiter.empty()) throw Error("delimiter must not be empty");
  const auto len_vocab = static_cast<std::int64_t>(vocab.size());
  PhraseTable t;
  auto keep = [&](std::size_t i, std::int64_t ca, std::int64_t cb) {
    if (ca <= 0 || cb <= 0 || vocab.counts[i] <= 0) return;
    const double s = phrase_score(o.scoring, ca, cb, vocab.counts[i], len_vocab, o.min_count, vocab.words);
    if (s <= o.threshold) return;
    t.key.push_back(static_cast<std::int64_t>(i));
    t.score.push_back(s);
  };
  if (vocab.as_ids()) {
    // No key holds the delimiter but between words (see phrase_vocab): a
    // phrase's parts are the unigram keys of its first and last term.
    std::vector<std::int64_t> key_of(vocab.terms.size(), -1);
    auto term_at = [&](std::int64_t j) {
      return static_cast<std::size_t>(vocab.ids[static_cast<std::size_t>(j)]);
    };
    for (std::size_t i = 0; i < vocab.size(); ++i)
      if (vocab.id_begin[i + 1] - vocab.id_begin[i] == 1)
        key_of[term_at(vocab.id_begin[i])] = static_cast<std::int64_t>(i);
    for (std::size_t i = 0; i < vocab.size(); ++i) {
      if (vocab.id_begin[i + 1] - vocab.id_begin[i] < 2) continue;
      const std::int64_t a = key_of[term_at(vocab.id_begin[i])],
                         b = key_of[term_at(vocab.id_begin[i + 1] - 1)];
      if (a < 0 || b < 0) continue;  // not from phrase_vocab (its words are unigram keys)
      keep(i, vocab.counts[static_cast<std::size_t>(a)], vocab.counts[static_cast<std::size_t>(b)]);
    }
    return t;
  }
  // The parts looked up never hold the delimiter: index only such keys.
  const StringTable keys = vocab.key_table();
  Vocabulary index;
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].find(o.delimiter) == std::string_view::npos) {
      index.intern(keys[i]);
      at.push_back(i);
    }
  std::string_view first, last;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!first_last(keys[i], o.delimiter, first, last)) continue;
    const id_type a = index.find(first), b = index.find(last);
    if (a < 0 || b < 0) continue;
    const std::int64_t ca = vocab.counts[at[static_cast<std::size_t>(a)]];
    const std::int64_t cb = vocab.counts[at[static_cast<std::size_t>(b)]];
    keep(i, ca, cb);
  }
  return t;
}

}  // namespace textgauge
