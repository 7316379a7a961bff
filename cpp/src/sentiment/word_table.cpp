// The word table (word_table.hpp) and the VADER words that go into it.
#include "sentiment/word_table.hpp"

#include <utility>

#include "sentiment/vader_impl.hpp"

namespace textgauge::vader {

namespace {

const char* const kNegateWords[] = {
    "aint",     "arent",    "cannot",    "cant",    "couldnt", "darent",   "didnt",   "doesnt", "ain't",
    "aren't",   "can't",    "couldn't",  "daren't", "didn't",  "doesn't",  "dont",    "hadnt",  "hasnt",
    "havent",   "isnt",     "mightnt",   "mustnt",  "neither", "don't",    "hadn't",  "hasn't", "haven't",
    "isn't",    "mightn't", "mustn't",   "neednt",  "needn't", "never",    "none",    "nope",   "nor",
    "not",      "nothing",  "nowhere",   "oughtnt", "shant",   "shouldnt", "uhuh",    "wasnt",  "werent",
    "oughtn't", "shan't",   "shouldn't", "uh-uh",   "wasn't",  "weren't",  "without", "wont",   "wouldnt",
    "won't",    "wouldn't", "rarely",    "seldom",  "despite"};

const Booster kBoosters[] = {
    {"absolutely", B_INCR},    {"amazingly", B_INCR},    {"awfully", B_INCR},       {"completely", B_INCR},
    {"considerable", B_INCR},  {"considerably", B_INCR}, {"decidedly", B_INCR},     {"deeply", B_INCR},
    {"effing", B_INCR},        {"enormous", B_INCR},     {"enormously", B_INCR},    {"entirely", B_INCR},
    {"especially", B_INCR},    {"exceptional", B_INCR},  {"exceptionally", B_INCR}, {"extreme", B_INCR},
    {"extremely", B_INCR},     {"fabulously", B_INCR},   {"flipping", B_INCR},      {"flippin", B_INCR},
    {"frackin", B_INCR},       {"fracking", B_INCR},     {"fricking", B_INCR},      {"frickin", B_INCR},
    {"frigging", B_INCR},      {"friggin", B_INCR},      {"fully", B_INCR},         {"fuckin", B_INCR},
    {"fucking", B_INCR},       {"fuggin", B_INCR},       {"fugging", B_INCR},       {"greatly", B_INCR},
    {"hella", B_INCR},         {"highly", B_INCR},       {"hugely", B_INCR},        {"incredible", B_INCR},
    {"incredibly", B_INCR},    {"intensely", B_INCR},    {"major", B_INCR},         {"majorly", B_INCR},
    {"more", B_INCR},          {"most", B_INCR},         {"particularly", B_INCR},  {"purely", B_INCR},
    {"quite", B_INCR},         {"really", B_INCR},       {"remarkably", B_INCR},    {"so", B_INCR},
    {"substantially", B_INCR}, {"thoroughly", B_INCR},   {"total", B_INCR},         {"totally", B_INCR},
    {"tremendous", B_INCR},    {"tremendously", B_INCR}, {"uber", B_INCR},          {"unbelievably", B_INCR},
    {"unusually", B_INCR},     {"utter", B_INCR},        {"utterly", B_INCR},       {"very", B_INCR},
    {"almost", B_DECR},        {"barely", B_DECR},       {"hardly", B_DECR},        {"kinda", B_DECR},
    {"kindof", B_DECR},        {"kind-of", B_DECR},      {"less", B_DECR},          {"little", B_DECR},
    {"marginal", B_DECR},      {"marginally", B_DECR},   {"occasional", B_DECR},    {"occasionally", B_DECR},
    {"partly", B_DECR},        {"scarce", B_DECR},       {"scarcely", B_DECR},      {"slight", B_DECR},
    {"slightly", B_DECR},      {"somewhat", B_DECR},     {"sorta", B_DECR},         {"sortof", B_DECR},
    {"sort-of", B_DECR}};

// The text of each Word id (phrases are matched on ids: see Word).
const char* const kWordText[wCount] = {"",        "the",   "shit", "bomb",   "bad",   "ass", "bus", "stop",
                                       "yeah",    "right", "kiss", "of",     "death", "to",  "die", "for",
                                       "beating", "heart", "just", "enough", "kind",  "sort"};

}  // namespace

std::span<const char* const> negate_words() noexcept { return kNegateWords; }
std::span<const Booster> booster_words() noexcept { return kBoosters; }

void build_word_table(const Lexicon& lexicon, WordTable& words) {
  for (const auto& [k, v] : lexicon.words()) {
    Entry& e = words.insert(k);
    e.valence = v;
    e.flags |= kInLex;
  }
  for (const char* w : kNegateWords) words.insert(w).flags |= kNegate;
  for (const Booster& b : kBoosters) {
    words.insert(b.word).flags |= kBooster | (b.value < 0 ? std::uint32_t{kBoostDown} : 0u);
  }
  const std::pair<const char*, std::uint32_t> rule_words[] = {
      {"no", kNo},       {"or", kOrNor},    {"nor", kOrNor},   {"kind", kKind},       {"of", kOf},
      {"so", kSoThis},   {"this", kSoThis}, {"never", kNever}, {"without", kWithout}, {"doubt", kDoubt},
      {"least", kLeast}, {"at", kAtVery},   {"very", kAtVery}, {"but", kBut}};
  for (const auto& [w, f] : rule_words) words.insert(w).flags |= f;
  for (int w = 1; w < wCount; ++w) {
    words.insert(kWordText[w]).flags |= static_cast<std::uint32_t>(w) << kWordShift;
  }
  words.build_short_index();
}

Entry& WordTable::insert(std::string_view key) {
  std::string padded(key);
  padded.append(8, '\0');
  const std::uint64_t h = hash(padded.data(), key.size());
  if (const std::uint32_t idx = find_index(padded.data(), key.size(), h); idx != kNone)
    return entries_[idx].entry;
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  Stored e;
  e.off = static_cast<std::uint32_t>(pool_.size());
  e.len = static_cast<std::uint32_t>(key.size());
  e.hash = h;
  pool_.append(padded);
  entries_.push_back(e);
  place(slots_, h, static_cast<std::uint32_t>(entries_.size() - 1));
  return entries_.back().entry;
}

void WordTable::place(std::vector<std::uint64_t>& slots, std::uint64_t h, std::uint32_t idx) {
  const std::size_t mask = slots.size() - 1;
  std::size_t i = h & mask;
  while (slots[i] != 0) i = (i + 1) & mask;
  slots[i] = ((h >> 32) << 32) | (std::uint64_t{idx} + 1);
}

void WordTable::grow() {
  std::vector<std::uint64_t> bigger(std::max<std::size_t>(64, slots_.size() * 2), 0);
  for (std::uint32_t idx = 0; idx < entries_.size(); ++idx) place(bigger, entries_[idx].hash, idx);
  slots_.swap(bigger);
}

bool WordTable::place_short(Key k, Entry e) {
  // Cuckoo insertion: take a free slot of either bucket, else evict a slot
  // and move its key to that key's other bucket, a bounded number of times.
  const std::size_t mask = short_mask_;
  std::uint64_t rng = 0x2545F4914F6CDD1DULL;
  std::size_t at = short_hash(k) & mask;
  for (int kick = 0; kick < 512; ++kick) {
    const std::uint64_t h = short_hash(k);
    for (const std::size_t b : {h & mask, (h >> 26) & mask}) {
      for (int j = 0; j < 2; ++j) {
        Bucket& bk = short_buckets_[b];
        if (bk.key[j].w1 == ~0ULL) {
          bk.key[j] = k;
          bk.valence[j] = e.valence;
          bk.flags[j] = e.flags;
          return true;
        }
      }
    }
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    Bucket& bk = short_buckets_[at];
    const int j = static_cast<int>(rng & 1);
    std::swap(k, bk.key[j]);
    std::swap(e.valence, bk.valence[j]);
    std::swap(e.flags, bk.flags[j]);
    const std::uint64_t hv = short_hash(k);  // the evicted key goes to its other bucket
    at = (hv & mask) == at ? (hv >> 26) & mask : hv & mask;
  }
  return false;
}

void WordTable::build_short_index() {
  std::size_t count = 0;
  for (const Stored& s : entries_) count += s.len <= kShortKey;
  // At most half the slots in use: two-bucket cuckoo tables fill reliably below that.
  for (std::size_t buckets = std::bit_ceil(std::max<std::size_t>(count, 4));; buckets *= 2) {
    short_buckets_.assign(buckets, Bucket{});
    short_mask_ = buckets - 1;
    std::fill(std::begin(short_bloom_), std::end(short_bloom_), 0);
    bool ok = true;
    for (const Stored& s : entries_) {
      if (s.len > kShortKey) continue;
      std::uint64_t w[2] = {0, 0};
      std::memcpy(w, pool_.data() + s.off, s.len);
      const Key k = short_key(w[0], w[1], s.len);
      short_bloom_[bloom_word(short_hash(k))] |= bloom_bits(short_hash(k));
      if (!place_short(k, s.entry)) {
        ok = false;
        break;
      }
    }
    if (ok) return;
  }
}

}  // namespace textgauge::vader
