// The VADER engine. Each step mirrors one function of vaderSentiment 3.3.2;
// the comments name it and say where the port must copy a quirk.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <queue>
#include <unordered_map>
#include <unordered_set>

// The ASCII tokenizer is integer work only; GCC on x86-64 Linux compiles it
// twice, for any x86-64 and for x86-64-v3 (BMI1/2, LZCNT, POPCNT: one
// instruction for each ctz, clz, popcount and variable shift), and the
// loader picks the one the processor runs. Results cannot differ: no
// floating point is involved.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TEXTGAUGE_X86_CLONES __attribute__((target_clones("default", "arch=x86-64-v3")))
#else
#define TEXTGAUGE_X86_CLONES
#endif

#include "text/byte_masks.hpp"
#include "pystr/pycase.hpp"
#include "textgauge/error.hpp"
#include "textgauge/hash.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/sentiment/sentiment.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

using detail::append_utf8;
using detail::decode_utf8;
using detail::py_isspace;
using detail::PyCase;

// vaderSentiment's constants.
constexpr double B_INCR = 0.293;
constexpr double B_DECR = -0.293;
constexpr double C_INCR = 0.733;
constexpr double N_SCALAR = -0.74;

// Properties a lowered token can have; one hash lookup gives them all.
enum : std::uint32_t {
  kInLex = 1u << 0,    // a lexicon key
  kBooster = 1u << 1,  // a single-word BOOSTER_DICT key
  kNegate = 1u << 2,   // in NEGATE
  kNo = 1u << 3,
  kOrNor = 1u << 4,
  kKind = 1u << 5,
  kOf = 1u << 6,
  kSoThis = 1u << 7,
  kNever = 1u << 8,
  kWithout = 1u << 9,
  kDoubt = 1u << 10,
  kLeast = 1u << 11,
  kAtVery = 1u << 12,
  kBut = 1u << 13,
  kBoostDown = 1u << 14,  // a booster of value B_DECR (else B_INCR)
  // The tokens the per-token loop of valences() looks at; all others only
  // matter as neighbours of these.
  kVisit = kInLex | kBut,
};

const char* const kNegateWords[] = {
    "aint",     "arent",    "cannot",    "cant",    "couldnt", "darent",   "didnt",   "doesnt", "ain't",
    "aren't",   "can't",    "couldn't",  "daren't", "didn't",  "doesn't",  "dont",    "hadnt",  "hasnt",
    "havent",   "isnt",     "mightnt",   "mustnt",  "neither", "don't",    "hadn't",  "hasn't", "haven't",
    "isn't",    "mightn't", "mustn't",   "neednt",  "needn't", "never",    "none",    "nope",   "nor",
    "not",      "nothing",  "nowhere",   "oughtnt", "shant",   "shouldnt", "uhuh",    "wasnt",  "werent",
    "oughtn't", "shan't",   "shouldn't", "uh-uh",   "wasn't",  "weren't",  "without", "wont",   "wouldnt",
    "won't",    "wouldn't", "rarely",    "seldom",  "despite"};

struct Booster {
  const char* word;
  double value;
};
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

// Words of the multi-word keys of SPECIAL_CASES and BOOSTER_DICT. A token
// never holds U+0020, so "a b" equals a joined pair of lowered tokens exactly
// when each token equals its word: phrases are matched on word ids.
enum Word : std::uint8_t {
  wNone,
  wThe,
  wShit,
  wBomb,
  wBad,
  wAss,
  wBus,
  wStop,
  wYeah,
  wRight,
  wKiss,
  wOf,
  wDeath,
  wTo,
  wDie,
  wFor,
  wBeating,
  wHeart,
  wJust,
  wEnough,
  wKind,
  wSort,
  wCount
};
const char* const kWordText[wCount] = {"",        "the",   "shit", "bomb",   "bad",   "ass", "bus", "stop",
                                       "yeah",    "right", "kiss", "of",     "death", "to",  "die", "for",
                                       "beating", "heart", "just", "enough", "kind",  "sort"};

struct Phrase {
  std::uint8_t w[3];
  std::uint8_t n;
  double value;
};
// SPECIAL_CASES of 3.3.2 (master changed `beating heart` and added `broken
// heart`; the installed package is the reference). `badass` holds no space
// and can never match a sequence, so it is left out.
const Phrase kSpecial[] = {{{wThe, wShit, 0}, 2, 3.0},    {{wThe, wBomb, 0}, 2, 3.0},
                           {{wBad, wAss, 0}, 2, 1.5},     {{wBus, wStop, 0}, 2, 0.0},
                           {{wYeah, wRight, 0}, 2, -2.0}, {{wKiss, wOf, wDeath}, 3, -1.5},
                           {{wTo, wDie, wFor}, 3, 3.0},   {{wBeating, wHeart, 0}, 2, 3.5}};
const Phrase kBoosterPhrases[] = {
    {{wJust, wEnough, 0}, 2, B_DECR}, {{wKind, wOf, 0}, 2, B_DECR}, {{wSort, wOf, 0}, 2, B_DECR}};

// Flags hold the Word id of a phrase word in their top byte.
constexpr unsigned kWordShift = 24;
constexpr std::uint8_t word_of(std::uint32_t flags) noexcept {
  return static_cast<std::uint8_t>(flags >> kWordShift);
}
constexpr double booster_of(std::uint32_t flags) noexcept { return flags & kBoostDown ? B_DECR : B_INCR; }

// What a lowered token is: everything the rules need fits in 12 bytes.
struct Entry {
  double valence = 0;  // the lexicon value (0 when not kInLex)
  std::uint32_t flags = 0;
};

// A short lowered token as WordTable::short_key() builds it.
struct Key {
  std::uint64_t w0, w1;
};

// Open-addressing table from lowered token to Entry. The probe array holds
// 8-byte slots (a 32-bit hash tag and an entry index) so that it stays in
// cache; most tokens are misses and end at an empty slot.
class WordTable {
 public:
  // Reads the n bytes at s; the 8 bytes after s[n - 1] must be readable
  // (keys and token buffers are padded) and are masked off.
  static std::uint64_t load_tail(const char* s, std::size_t n) noexcept {
    std::uint64_t w;
    std::memcpy(&w, s, 8);
    return n >= 8 ? w : (n == 0 ? 0 : w & (~0ULL >> (64 - 8 * n)));
  }

  // The core's hash family (textgauge/hash.hpp): slots are picked by the low
  // bits, tags are the top half.
  static std::uint64_t hash(const char* s, std::size_t n) noexcept {
    std::uint64_t h = kHashSeed + n;
    while (n >= 8) {
      std::uint64_t w;
      std::memcpy(&w, s, 8);
      h = hash_combine(h, w);
      s += 8;
      n -= 8;
    }
    return hash_combine(h, load_tail(s, n));
  }

  // `key` needs no padding here: it is copied into the padded pool first.
  Entry& insert(std::string_view key) {
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

  // Entries are copied into the slots: a hit then reads no other cache line.
  struct alignas(64) Bucket {
    Key key[2] = {{0, ~0ULL}, {0, ~0ULL}};  // ~0: an empty slot (no length is 255)
    double valence[2] = {0, 0};
    std::uint32_t flags[2] = {0, 0};
  };

  // Buckets take the low bits, the bit filter the top ones: hash_combine
  // mixes every bit of the key into both.
  static std::uint64_t short_hash(const Key& k) noexcept {
    return hash_combine(hash_combine(kHashSeed, k.w0), k.w1);
  }

  // Keys of up to kShortKey bytes are indexed once more for the ASCII fast
  // path (build_short_index() after the last insert; entries must not move
  // then). Such a key is two little-endian words, zero-padded, with its length
  // in the top byte (see short_key()), so one two-word compare tests a slot.
  // A key sits in one of two buckets of two slots (cuckoo hashing), so a hit
  // reads at most two cache lines; a bit filter in L1 turns away most
  // tokens, which are no key, before any bucket is read.
  static constexpr std::size_t kShortKey = 15;
  void build_short_index();

  // w0, w1: the lowered token's bytes, zero past its end; n <= kShortKey.
  static Key short_key(std::uint64_t w0, std::uint64_t w1, std::size_t n) noexcept {
    return {w0, w1 | (std::uint64_t{n} << 56)};
  }

  // Whether the key with hash h may be in the table (false for most tokens).
  bool may_hold(std::uint64_t h) const noexcept {
    const std::uint64_t bits = bloom_bits(h);
    return (short_bloom_[bloom_word(h)] & bits) == bits;
  }

  // The lookup proper: all four slots are compared, with no branch on which
  // one holds the key (that varies from token to token and mispredicts).
  Entry find_short(const Key& k, std::uint64_t h) const noexcept {
    std::uint64_t valence = 0;  // the bits of the double
    std::uint32_t flags = 0;
    for (const std::size_t at : {h & short_mask_, (h >> 26) & short_mask_}) {
      const Bucket& b = short_buckets_[at];
      for (int j = 0; j < 2; ++j) {
        const std::uint64_t same = std::uint64_t{0} - ((b.key[j].w0 == k.w0) & (b.key[j].w1 == k.w1));
        valence |= std::bit_cast<std::uint64_t>(b.valence[j]) & same;
        flags |= b.flags[j] & static_cast<std::uint32_t>(same);
      }
    }
    return {std::bit_cast<double>(valence), flags};
  }

  // `key` must be followed by 8 readable bytes.
  const Entry* find_padded(const char* key, std::size_t n) const noexcept {
    const std::uint32_t idx = find_index(key, n, hash(key, n));
    return idx == kNone ? nullptr : &entries_[idx].entry;
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // A blocked bit filter: two bits in one of 2048 words (16 KB, stays in L1),
  // chosen by the top hash bits (buckets use the low ones); with VADER's
  // lexicon about 1% of the tokens that are no key pass.
  static constexpr std::size_t kShortBloomWords = 2048;
  static std::size_t bloom_word(std::uint64_t h) noexcept { return (h >> 53) & (kShortBloomWords - 1); }
  static std::uint64_t bloom_bits(std::uint64_t h) noexcept {
    return kBit[(h >> 41) & 63] | kBit[(h >> 47) & 63];  // a load: shifts by a variable cost more
  }
  static constexpr auto kBit = [] {
    std::array<std::uint64_t, 64> bit{};
    for (unsigned i = 0; i < 64; ++i) bit[i] = std::uint64_t{1} << i;
    return bit;
  }();
  bool place_short(Key k, Entry e);
  struct Stored {
    Entry entry;
    std::uint64_t hash = 0;
    std::uint32_t off = 0, len = 0;
  };

  bool equal(const Stored& e, const char* key, std::size_t n) const noexcept {
    if (e.len != n) return false;
    const char* k = pool_.data() + e.off;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t a, b;
      std::memcpy(&a, k + i, 8);
      std::memcpy(&b, key + i, 8);
      if (a != b) return false;
    }
    return load_tail(k + i, n - i) == load_tail(key + i, n - i);
  }

  std::uint32_t find_index(const char* key, std::size_t n, std::uint64_t h) const noexcept {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t tag = h >> 32;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      if ((slot >> 32) == tag) {
        const auto idx = static_cast<std::uint32_t>(slot) - 1;
        if (equal(entries_[idx], key, n)) return idx;
      }
    }
  }

  static void place(std::vector<std::uint64_t>& slots, std::uint64_t h, std::uint32_t idx) {
    const std::size_t mask = slots.size() - 1;
    std::size_t i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = ((h >> 32) << 32) | (std::uint64_t{idx} + 1);
  }

  void grow() {
    std::vector<std::uint64_t> bigger(std::max<std::size_t>(64, slots_.size() * 2), 0);
    for (std::uint32_t idx = 0; idx < entries_.size(); ++idx) place(bigger, entries_[idx].hash, idx);
    slots_.swap(bigger);
  }

  std::vector<std::uint64_t> slots_;
  std::vector<Stored> entries_;
  std::string pool_;
  std::vector<Bucket> short_buckets_;
  std::size_t short_mask_ = 0;
  std::uint64_t short_bloom_[kShortBloomWords] = {};
};

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

using bytes::kHigh;

// Byte-class bit masks of the ASCII fast path: bit j of masks[kind] tells
// whether byte j of a 64-byte block is of that kind. Tokens are then found
// and stripped with shifts and ctz, so a token costs a fixed number of
// instructions rather than branches on its bytes, which mispredict. (A
// token's case and apostrophes are read from its key words instead.)
enum MaskKind : std::uint8_t { mSpace, mPunct, mHigh, mBangQuest, mApos, kMaskKinds };
constexpr std::size_t kStoredMasks = mHigh + 1;  // `!` and `?` are counted, `'` only noticed

// Classifies the 64 bytes at p; returns masks[mHigh], the bytes of non-ASCII
// characters (of no other kind). Whitespace is str.split()'s ASCII set
// (0x09-0x0D, 0x1C-0x20), punctuation string.punctuation. The portable
// version is always compiled; with SSE2 the faster one is used and a test
// (byte_classifiers_agree) checks that both give the same masks. (Define
// TEXTGAUGE_NO_SSE2 to run the portable one on x86-64.)
inline std::uint64_t classify64_portable(const char* p, std::uint64_t (&masks)[kMaskKinds]) noexcept {
  for (auto& m : masks) m = 0;
  for (unsigned j = 0; j < 8; ++j) {
    std::uint64_t w;
    std::memcpy(&w, p + 8 * j, 8);
    const std::uint64_t high = w & kHigh;
    w &= ~((high >> 7) * 0xFF);  // bytes::in() needs ASCII: a non-ASCII byte becomes 0, of no kind
    auto bits = [j](std::uint64_t m) { return bytes::gather(m, j); };
    const std::uint64_t alnum = bytes::in(w, 'A', 'Z') | bytes::in(w, 'a', 'z') | bytes::in(w, '0', '9');
    masks[mSpace] |= bits(bytes::in(w, 0x09, 0x0D) | bytes::in(w, 0x1C, 0x20));
    masks[mPunct] |= bits(bytes::in(w, 0x21, 0x7E) & ~alnum);
    masks[mBangQuest] |= bits(bytes::in(w, '!', '!') | bytes::in(w, '?', '?'));
    masks[mApos] |= bits(bytes::in(w, '\'', '\''));
    masks[mHigh] |= bits(high);
  }
  return masks[mHigh];
}

#if defined(__SSE2__)
inline std::uint64_t classify64_sse2(const char* p, std::uint64_t (&masks)[kMaskKinds]) noexcept {
  for (auto& m : masks) m = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    using bytes::in;
    auto bits = [i](__m128i x) { return bytes::gather(x, i); };
    // Letters of both cases: setting bit 5 maps exactly A-Z onto a-z.
    const __m128i letter = in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    const __m128i alnum = _mm_or_si128(letter, in(v, '0', '9'));
    masks[mSpace] |= bits(_mm_or_si128(in(v, 0x09, 0x0D), in(v, 0x1C, 0x20)));
    masks[mPunct] |= bits(_mm_andnot_si128(alnum, in(v, 0x21, 0x7E)));
    masks[mBangQuest] |=
        bits(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
    masks[mApos] |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    masks[mHigh] |= bits(v);
  }
  return masks[mHigh];
}
#endif

inline std::uint64_t classify64(const char* p, std::uint64_t (&masks)[kMaskKinds]) noexcept {
#if defined(__SSE2__) && !defined(TEXTGAUGE_NO_SSE2)
  return classify64_sse2(p, masks);
#else
  return classify64_portable(p, masks);
#endif
}

// Appends at + the position of each set bit of `bits` to out[count], ...,
// kListChunk at a time: a loop that ends after a fixed number of steps
// mispredicts far less often than one that ends with the bits. Up to
// kListChunk - 1 slots past the new count are overwritten.
constexpr std::size_t kListChunk = 8;
inline void list_bits(std::uint64_t bits, std::uint32_t at, std::uint32_t* out, std::size_t& count) noexcept {
  const auto n = static_cast<std::size_t>(std::popcount(bits));
  std::uint32_t* o = out + count;
  for (std::size_t done = 0; done < n; done += kListChunk) {
    for (std::size_t j = 0; j < kListChunk; ++j) {
      o[done + j] = at + static_cast<std::uint32_t>(std::countr_zero(bits));
      bits &= bits - 1;
    }
  }
  count += n;
}

// A token that may be in the word table: its key, the key's hash, its index.
struct Candidate {
  Key key;
  std::uint64_t hash;
  std::uint32_t tok;
};

struct Tok {
  Tok() noexcept {}          // left uninitialised: vectors of them are resized per text
  std::uint32_t begin, end;  // bytes of the working text
  double valence;            // the entry's
  std::uint32_t flags;       // the entry's
  bool upper;
  bool negated;     // negated([token]): in NEGATE or holding "n't"
  bool case_known;  // `upper` is set; the ASCII path leaves it to tokens with flags
};

// A Tok of the ASCII fast path before its lookup, written as three 8-byte
// words: begin and end, a zero valence, and the flags word (flags 0, upper
// and case_known false, `negated` in byte 5).
static_assert(sizeof(Tok) == 24 && offsetof(Tok, valence) == 8 && offsetof(Tok, flags) == 16 &&
              offsetof(Tok, upper) == 20 && offsetof(Tok, negated) == 21 && offsetof(Tok, case_known) == 22);
inline void store_plain(Tok& t, std::uint32_t begin, std::uint32_t end, bool negated) noexcept {
  const std::uint64_t range = begin | (std::uint64_t{end} << 32), zero = 0,
                      rest = std::uint64_t{negated} << (8 * (offsetof(Tok, negated) - 16));
  char* const at = reinterpret_cast<char*>(&t);
  std::memcpy(at, &range, 8);
  std::memcpy(at + 8, &zero, 8);
  std::memcpy(at + 16, &rest, 8);
}

// Per-call buffers, reused across the texts of a batch chunk.
struct Scratch {
  std::string text;                   // the text after emoji substitution, when it changed
  std::string padded;                 // the ASCII path's copy of the text, padded with spaces
  std::vector<std::uint64_t> masks;   // its byte-class masks
  std::vector<std::uint32_t> starts;  // its token starts
  std::vector<Candidate> cands;       // and the tokens to look up
  std::vector<std::uint32_t> visit;   // tokens with a kVisit flag, in order
  std::string lower;                  // one lowered token
  std::vector<Tok> toks;
  // Non-zero valences only (most tokens are 0): positions, in order, and values.
  std::vector<std::uint32_t> nonzero;
  std::vector<double> sent;
  std::size_t first_but = 0;  // position of the first `but`, or the token count
  std::vector<std::uint32_t> rules;
  // _but_check's index: value bits -> heap of positions (see but_check).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> but_slots;
  std::vector<std::vector<std::uint32_t>> but_heaps;
};

// The n <= 16 ASCII bytes at p (16 bytes there must be readable) as two
// little-endian words, zero past n.
inline void load16(const char* p, std::size_t n, std::uint64_t& w0, std::uint64_t& w1) noexcept {
  std::memcpy(&w0, p, 8);
  std::memcpy(&w1, p + 8, 8);
  w0 &= ~0ULL >> (64 - 8 * std::min<std::size_t>(n, 8));
  w1 = n > 8 ? w1 & (~0ULL >> (128 - 8 * n)) : 0;
}

// str.isupper() of n <= 16 ASCII bytes at p (16 bytes readable): an
// upper-case letter and no lower-case one. No loop: its trip count would
// vary from token to token and mispredict.
inline bool ascii_isupper(const char* p, std::size_t n) noexcept {
  std::uint64_t w0, w1;
  load16(p, n, w0, w1);
  const std::uint64_t upper = bytes::in(w0, 'A', 'Z') | bytes::in(w1, 'A', 'Z');
  const std::uint64_t lower = bytes::in(w0, 'a', 'z') | bytes::in(w1, 'a', 'z');
  return upper && !lower;
}

// "n't" in the ASCII-lowered bytes (negated()'s substring test).
inline bool has_nt(const unsigned char* b, std::size_t n) noexcept {
  for (std::size_t k = 0; k + 3 <= n; ++k)
    if ((b[k] | 0x20) == 'n' && b[k + 1] == '\'' && (b[k + 2] | 0x20) == 't') return true;
  return false;
}

inline bool is_ascii_punct(unsigned char c) noexcept {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// Python's round(x, digits). x * 10^digits is exact enough to decide every
// case that is not within 1e-6 of a tie; those few go through the decimal
// conversion that glibc rounds exactly (half-even), as CPython's dtoa does.
[[gnu::noinline]] double round_by_decimal(double x, int digits) noexcept {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return std::strtod(buf, nullptr);
}

// Inline: it runs four times per text.
inline double round_impl(double x, int digits) noexcept {
  static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  if (digits >= 0 && digits <= 6 && std::fabs(x) < 1e6) {
    const double scale = kScale[digits];
    const double y = x * scale;
    // floor(y) without a libm call (|y| < 1e12 fits an int64 exactly).
    double fl = static_cast<double>(static_cast<std::int64_t>(y));
    if (fl > y) fl -= 1;
    const double frac = y - fl;
    if (std::fabs(frac - 0.5) > 1e-6) {
      const double r = frac < 0.5 ? fl : fl + 1;
      // r / scale is the double nearest the decimal r/10^digits, as strtod gives.
      return r == 0 ? std::copysign(0.0, x) : r / scale;
    }
  }
  return round_by_decimal(x, digits);
}

}  // namespace

double python_round(double x, int digits) noexcept { return round_impl(x, digits); }

bool byte_classifiers_agree(const char* block) noexcept {
#if defined(__SSE2__)
  std::uint64_t a[kMaskKinds], b[kMaskKinds];
  const std::uint64_t ha = classify64_sse2(block, a), hb = classify64_portable(block, b);
  return ha == hb && std::equal(std::begin(a), std::end(a), std::begin(b));
#else
  (void)block;
  return true;  // only the portable classifier exists here
#endif
}

namespace {
constexpr std::size_t kPrefetchAhead = 4;  // texts
}  // namespace

struct SentimentAnalyzer::Impl {
  SentimentOptions options;
  const PyCase* pycase = nullptr;
  WordTable words;
  // Emoji keys of exactly one code point (all VADER can match) ...
  std::unordered_map<char32_t, std::string> emoji_one;
  char32_t emoji_min = 0x110000;  // smallest such code point: ASCII text skips the scan when >= 0x80
  // ... and every key, for the longest match of SentimentMode::fixed.
  std::unordered_map<std::string, std::string> emoji_all;
  std::unordered_set<char32_t> emoji_first;  // first code points of multi-code-point keys
  std::size_t emoji_max_bytes = 0;
  bool ascii_fast = true;  // no emoji key can match inside pure ASCII text

  Impl(const Lexicon& lexicon, SentimentOptions o) : options(o) {
    pycase = &PyCase::get(o.unicode_major, o.unicode_minor);
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

    for (const auto& [k, d] : lexicon.emoji()) {
      const char* p = k.data();
      const char* end = p + k.size();
      const char32_t first = decode_utf8(p, end);
      if (p == end) {
        emoji_one[first] = d;
        emoji_min = std::min(emoji_min, first);
      } else {
        emoji_first.insert(first);
      }
      emoji_all[k] = d;
      emoji_max_bytes = std::max(emoji_max_bytes, k.size());
      if (is_ascii(k) && (p == end || o.mode == SentimentMode::fixed)) ascii_fast = false;
    }
  }

  bool fixed() const noexcept { return options.mode == SentimentMode::fixed; }

  // --- 1. emoji substitution (polarity_scores' first loop) -------------------
  // Returns the text VADER goes on with: `text` itself when nothing changes.
  std::string_view substitute(std::string_view text, Scratch& s) const {
    if (emoji_all.empty()) return text;
    if (fixed()) return substitute_fixed(text, s);
    const char* p = text.data();
    const char* end = p + text.size();
    std::size_t i = 0;
    if (emoji_min >= 0x80) {  // skip the ASCII prefix: no key can start there
      while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
      if (i == text.size()) return text;
    }
    // prev_space only matters at the first substitution; find it lazily.
    bool changed = false;
    bool prev_space = i == 0 ? true : text[i - 1] == ' ';
    p += i;
    while (p < end) {
      const char* at = p;
      const char32_t c = decode_utf8(p, end);
      const std::string* desc = nullptr;
      if (c >= emoji_min) {
        auto it = emoji_one.find(c);
        if (it != emoji_one.end()) desc = &it->second;
      }
      if (desc) {
        if (!changed) {
          s.text.assign(text.data(), static_cast<std::size_t>(at - text.data()));
          changed = true;
        }
        if (!prev_space) s.text.push_back(' ');
        s.text.append(*desc);
        prev_space = false;
      } else {
        if (changed) s.text.append(at, static_cast<std::size_t>(p - at));
        prev_space = c == ' ';  // only U+0020 counts, not a tab or newline
      }
    }
    return changed ? std::string_view(s.text) : text;
  }

  // Fixed mode: at each position the longest emoji key wins (ZWJ sequences,
  // skin tones, flags, keycaps), a VS16 left over after a match is dropped,
  // and descriptions are kept apart from neighbouring text on both sides.
  std::string_view substitute_fixed(std::string_view text, Scratch& s) const {
    const char* p = text.data();
    const char* end = p + text.size();
    s.text.clear();
    bool changed = false;
    bool prev_space = true;
    while (p < end) {
      const char* at = p;
      const char32_t c = decode_utf8(p, end);
      const std::string* desc = nullptr;
      const char* match_end = p;
      // An ASCII key start (# * 0-9 of keycaps) needs a non-ASCII code point after it.
      const bool candidate =
          c >= 0x80 || (p < end && static_cast<unsigned char>(*p) >= 0x80) || emoji_min < 0x80;
      if (candidate) {
        if (emoji_first.count(c)) {
          // Try code-point boundaries from the longest candidate down.
          const char* limit = std::min(end, at + emoji_max_bytes);
          std::vector<const char*> bounds;
          for (const char* q = p; q <= limit;) {
            bounds.push_back(q);
            if (q == limit) break;
            decode_utf8(q, end);
            if (q > limit) break;
          }
          for (auto b = bounds.rbegin(); b != bounds.rend() && !desc; ++b) {
            auto it = emoji_all.find(std::string(at, static_cast<std::size_t>(*b - at)));
            if (it != emoji_all.end()) {
              desc = &it->second;
              match_end = *b;
            }
          }
        } else {
          auto it = emoji_one.find(c);
          if (it != emoji_one.end()) desc = &it->second;
        }
      }
      if (desc) {
        changed = true;
        p = match_end;
        if (p + 3 <= end && std::memcmp(p, "\xEF\xB8\x8F", 3) == 0) p += 3;  // VS16
        if (!prev_space) s.text.push_back(' ');
        s.text.append(*desc);
        if (p < end) {
          const char* q = p;
          if (!py_isspace(decode_utf8(q, end))) s.text.push_back(' ');
        }
        prev_space = true;
      } else {
        s.text.append(at, static_cast<std::size_t>(p - at));
        prev_space = py_isspace(c);
      }
    }
    return changed ? std::string_view(s.text) : text;
  }

  // --- 2. SentiText: split, strip punctuation, classify ----------------------
  // Token offsets are 32-bit: a bigger text is refused rather than misread.
  static void check_size(std::string_view text) {
    if (text.size() > 0xFFFFFFFFu)
      throw Error("a text of " + std::to_string(text.size()) +
                  " bytes (after emoji substitution) is over the 4 GiB that sentiment scoring supports");
  }

  void tokenize(std::string_view text, Scratch& s) const {
    check_size(text);
    s.toks.clear();
    s.visit.clear();
    const char* base = text.data();
    const char* p = base;
    const char* end = p + text.size();
    while (p < end) {
      // skip whitespace
      const char* start = p;
      {
        const char* q = p;
        const char32_t c = decode_utf8(q, end);
        if (py_isspace(c)) {
          p = q;
          continue;
        }
      }
      // token runs to the next whitespace
      bool ascii = true;
      const char* q = p;
      while (q < end) {
        const unsigned char b = static_cast<unsigned char>(*q);
        if (b < 0x80) {
          if ((b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20)) break;
          ++q;
        } else {
          const char* r = q;
          if (py_isspace(decode_utf8(r, end))) break;
          ascii = false;
          q = r;
        }
      }
      const Tok t = make_token(base, start, q, ascii, s.lower);
      if (t.flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(s.toks.size()));
      s.toks.push_back(t);
      p = q;
    }
  }

  // The token at [b, e) of the text at base; `lw` is scratch space.
  Tok make_token(const char* base, const char* b, const char* e, bool ascii, std::string& lw) const {
    // _strip_punc_if_word: strip ASCII punctuation; keep the token when at
    // most 2 code points would remain.
    const char* sb = b;
    const char* se = e;
    while (sb < se && is_ascii_punct(static_cast<unsigned char>(*sb))) ++sb;
    while (se > sb && is_ascii_punct(static_cast<unsigned char>(se[-1]))) --se;
    std::size_t len = 0;
    for (const char* q = sb; q < se && len <= 2; ++q) len += (static_cast<unsigned char>(*q) & 0xC0) != 0x80;
    if (len > 2) {
      b = sb;
      e = se;
    }
    Tok t;
    t.case_known = true;
    t.begin = static_cast<std::uint32_t>(b - base);
    t.end = static_cast<std::uint32_t>(e - base);
    lw.clear();
    if (ascii) {
      bool has_upper = false, has_lower = false;
      for (const char* q = b; q < e; ++q) {
        char c = *q;
        if (c >= 'A' && c <= 'Z') {
          has_upper = true;
          c = static_cast<char>(c + 32);
        } else if (c >= 'a' && c <= 'z') {
          has_lower = true;
        }
        lw.push_back(c);
      }
      t.upper = has_upper && !has_lower;
    } else {
      const std::string_view tok(b, static_cast<std::size_t>(e - b));
      t.upper = pycase->isupper(tok);
      pycase->lower(tok, lw);
      if (fixed()) unify_apostrophes(lw);
    }
    const std::size_t n = lw.size();
    lw.append(8, '\0');  // find_padded reads whole words
    const Entry* found = words.find_padded(lw.data(), n);
    lw.resize(n);
    t.valence = found ? found->valence : 0.0;
    t.flags = found ? found->flags : 0;
    t.negated = (t.flags & kNegate) || lw.find("n't") != std::string::npos;
    return t;
  }

  static void unify_apostrophes(std::string& lw) {
    std::string out;
    out.reserve(lw.size());
    for (std::size_t i = 0; i < lw.size();) {
      if (i + 3 <= lw.size() && static_cast<unsigned char>(lw[i]) == 0xE2 &&
          static_cast<unsigned char>(lw[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(lw[i + 2]) == 0x99 || static_cast<unsigned char>(lw[i + 2]) == 0x98)) {
        out.push_back('\'');  // U+2019, U+2018
        i += 3;
      } else if (i + 2 <= lw.size() && static_cast<unsigned char>(lw[i]) == 0xCA &&
                 static_cast<unsigned char>(lw[i + 1]) == 0xBC) {
        out.push_back('\'');  // U+02BC modifier letter apostrophe
        i += 2;
      } else {
        out.push_back(lw[i++]);
      }
    }
    lw.swap(out);
  }

  // --- 3. the per-token loop (polarity_scores + sentiment_valence) ------------
  template <bool kExplain>
  void valences(Scratch& s) const {
    const std::vector<Tok>& t = s.toks;
    const std::size_t L = t.size();
    s.sent.clear();
    s.nonzero.clear();
    if (kExplain) s.rules.assign(L, 0);
    s.first_but = L;
    // allcap_differential, counted the first time an ALL-CAPS word needs it
    // (most texts have none in a place where it matters).
    int cap_diff = -1;
    auto caps = [&] {
      if (cap_diff < 0) {
        std::size_t n_upper = 0;
        // (tokens of unknown case are the ASCII path's short keys: <= 15 bytes)
        for (const Tok& tok : t)
          n_upper +=
              tok.case_known ? tok.upper : ascii_isupper(s.padded.data() + tok.begin, tok.end - tok.begin);
        cap_diff = L - n_upper > 0 && L - n_upper < L;
      }
      return cap_diff == 1;
    };
    auto has = [&](std::size_t j, std::uint32_t f) { return (t[j].flags & f) != 0; };
    auto in_lex = [&](std::size_t j) { return (t[j].flags & kInLex) != 0; };

    for (const std::size_t i : s.visit) {
      const std::uint32_t flags = t[i].flags;
      if ((flags & kBut) && s.first_but == L) s.first_but = i;
      if (!(flags & kInLex) || (flags & kBooster)) continue;
      if (i + 1 < L && (flags & kKind) && has(i + 1, kOf)) continue;
      std::uint32_t rules = 0;
      double v = t[i].valence;
      // "no" as a determiner of the next lexicon word
      if ((flags & kNo) && i != L - 1 && in_lex(i + 1)) v = 0.0;
      if ((i > 0 && has(i - 1, kNo)) || (i > 1 && has(i - 2, kNo)) ||
          (i > 2 && has(i - 3, kNo) && has(i - 1, kOrNor))) {
        v = t[i].valence * N_SCALAR;  // replaces the 0.0 above: `no no` is positive
        rules |= rule_negation;
      }
      if (t[i].upper && caps()) {
        if (v > 0)
          v += C_INCR;
        else
          v -= C_INCR;  // a zeroed `no` lands here too
        rules |= rule_caps;
      }
      for (std::size_t k = 0; k < 3; ++k) {
        // A lexicon word at this distance skips the whole step.
        if (!(i > k && !in_lex(i - k - 1))) continue;
        const Tok& w = t[i - k - 1];
        double sc = 0.0;  // scalar_inc_dec
        if (w.flags & kBooster) {
          sc = booster_of(w.flags);
          if (v < 0) sc *= -1;
          if (w.upper && caps()) {
            if (v > 0)
              sc += C_INCR;
            else
              sc -= C_INCR;
          }
        }
        if (k == 1 && sc != 0) sc = sc * 0.95;
        if (k == 2 && sc != 0) sc = sc * 0.9;
        v = v + sc;
        if (kExplain && sc != 0) rules |= rule_booster;
        v = negation_check<kExplain>(v, k, i, t, rules);
        if (k == 2) v = idioms_check<kExplain>(v, i, t, rules);
      }
      // _least_check
      if (i > 1 && !in_lex(i - 1) && has(i - 1, kLeast)) {
        if (!has(i - 2, kAtVery)) {
          v = v * N_SCALAR;
          rules |= rule_least;
        }
      } else if (i > 0 && !in_lex(i - 1) && has(i - 1, kLeast)) {
        v = v * N_SCALAR;
        rules |= rule_least;
      }
      // Zeros never change the sums (the running sum is never -0.0) nor the
      // `but` rule (0 * factor == 0): later steps visit only the others.
      if (v != 0) {
        s.nonzero.push_back(static_cast<std::uint32_t>(i));
        s.sent.push_back(v);
      }
      if (kExplain) s.rules[i] = rules;
    }
  }

  template <bool kExplain>
  double negation_check(double v, std::size_t k, std::size_t i, const std::vector<Tok>& t,
                        std::uint32_t& rules) const {
    auto has = [&](std::size_t j, std::uint32_t f) { return (t[j].flags & f) != 0; };
    if (k == 0) {
      if (t[i - 1].negated) {
        v = v * N_SCALAR;
        rules |= rule_negation;
      }
    } else if (k == 1) {
      if (has(i - 2, kNever) && has(i - 1, kSoThis)) {
        v = v * 1.25;
        rules |= rule_intensifier;
      } else if (has(i - 2, kWithout) && has(i - 1, kDoubt)) {
      } else if (t[i - 2].negated) {
        v = v * N_SCALAR;
        rules |= rule_negation;
      }
    } else {
      // The reference's `a and b or c` binds as `(a and b) or c`: `so`/`this`
      // just before the word multiplies by 1.25 with no `never` at all.
      const bool never_so = fixed() ? has(i - 3, kNever) && (has(i - 2, kSoThis) || has(i - 1, kSoThis))
                                    : (has(i - 3, kNever) && has(i - 2, kSoThis)) || has(i - 1, kSoThis);
      if (never_so) {
        v = v * 1.25;
        rules |= rule_intensifier;
      } else if (has(i - 3, kWithout) && (has(i - 2, kDoubt) || has(i - 1, kDoubt))) {
      } else if (t[i - 3].negated) {
        v = v * N_SCALAR;
        rules |= rule_negation;
      }
    }
    return v;
  }

  static const Phrase* match(const Phrase* begin, const Phrase* end, std::uint8_t a, std::uint8_t b,
                             std::uint8_t c, std::uint8_t n) {
    for (const Phrase* ph = begin; ph != end; ++ph)
      if (ph->n == n && ph->w[0] == a && ph->w[1] == b && (n == 2 || ph->w[2] == c)) return ph;
    return nullptr;
  }

  // _special_idioms_check (called at distance 3 only, so i >= 3).
  template <bool kExplain>
  double idioms_check(double v, std::size_t i, const std::vector<Tok>& t, std::uint32_t& rules) const {
    const std::size_t L = t.size();
    auto id = [&](std::size_t j) -> std::uint8_t {
      return j < L ? word_of(t[j].flags) : std::uint8_t{wNone};
    };
    const std::uint8_t w3 = id(i - 3), w2 = id(i - 2), w1 = id(i - 1), w0 = id(i), p1 = id(i + 1),
                       p2 = id(i + 2);
    if (!(w3 | w2 | w1 | w0 | p1 | p2)) return v;  // no token of any phrase around: nothing can match
    auto special = [&](std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t n) -> const Phrase* {
      if (!a || !b || (n == 3 && !c)) return nullptr;
      return match(std::begin(kSpecial), std::end(kSpecial), a, b, c, n);
    };
    const Phrase* found = nullptr;
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first hit wins.
    if (!(found = special(w1, w0, 0, 2)) && !(found = special(w2, w1, w0, 3)) &&
        !(found = special(w2, w1, 0, 2)) && !(found = special(w3, w2, w1, 3)))
      found = special(w3, w2, 0, 2);
    if (found) {
      v = found->value;  // replaces negation, caps and boosters applied so far
      rules |= rule_idiom;
    }
    if (i + 1 < L) {
      if (const Phrase* ph = special(w0, p1, 0, 2)) {
        v = ph->value;
        rules |= rule_idiom;
      }
    }
    if (i + 2 < L) {
      if (const Phrase* ph = special(w0, p1, p2, 3)) {
        v = ph->value;
        rules |= rule_idiom;
      }
    }
    // Booster n-grams: threetwoone (never a 2-word key), threetwo, twoone.
    const std::pair<std::uint8_t, std::uint8_t> grams[] = {{w3, w2}, {w2, w1}};
    for (const auto& [a, b] : grams) {
      if (!a || !b) continue;
      if (const Phrase* ph = match(std::begin(kBoosterPhrases), std::end(kBoosterPhrases), a, b, 0, 2)) {
        // The reference adds -0.293 whatever the sign, so `kind of bad` gets worse.
        double inc = ph->value;
        if (fixed() && v < 0) inc *= -1;
        v = v + inc;
        rules |= rule_booster;
      }
    }
    return v;
  }

  // --- 4. _but_check ------------------------------------------------------------
  template <bool kExplain>
  void but_check(Scratch& s) const {
    const std::size_t L = s.toks.size();
    const std::size_t bi = s.first_but;
    if (bi == L) return;
    // Slots index the non-zero valences; their order is the positions' order.
    std::vector<double>& v = s.sent;
    const std::vector<std::uint32_t>& pos = s.nonzero;
    auto scale = [&](std::size_t slot, double x) {
      const std::size_t j = pos[slot];
      if (j < bi) {
        v[slot] = x * 0.5;
        if (kExplain) s.rules[j] |= rule_but;
      } else if (j > bi) {
        v[slot] = x * 1.5;
        if (kExplain) s.rules[j] |= rule_but;
      }
    };
    if (fixed()) {
      for (std::size_t m = 0; m < v.size(); ++m) scale(m, v[m]);
      return;
    }
    // The reference: `for x in s: j = s.index(x); s[j] = x * factor(j)`. At
    // step k, s[k] still holds its original value (only positions <= the
    // current one are ever written), and s.index(x) is the smallest position
    // < k whose CURRENT value equals x, or k itself. Each value therefore
    // keeps a min-heap of the processed positions holding it; a position is
    // only ever written when it is the top of its heap. Zeros stay zero and
    // are skipped (0 * factor == 0 compares equal to 0).
    // The heaps are found through an open-addressing index over the value's
    // bits, at most half full, rebuilt per text; their vectors are reused
    // across texts, so a text allocates nothing once the scratch has grown.
    const std::size_t cap = std::bit_ceil(4 * v.size() + 4);
    const int shift = 64 - std::countr_zero(cap);
    s.but_slots.assign(cap, {0, 0});
    std::size_t used = 0;
    auto heap_of = [&](double x, bool create) -> std::vector<std::uint32_t>* {
      const auto bits = std::bit_cast<std::uint64_t>(x);
      for (std::size_t i = (bits * 0x9E3779B97F4A7C15ull) >> shift;; i = (i + 1) & (cap - 1)) {
        auto& slot = s.but_slots[i];  // (value bits, heap number + 1; 0: empty)
        if (slot.second == 0) {
          if (!create) return nullptr;
          if (used == s.but_heaps.size()) s.but_heaps.emplace_back();
          s.but_heaps[used].clear();
          slot = {bits, static_cast<std::uint32_t>(++used)};
          return &s.but_heaps[used - 1];
        }
        if (slot.first == bits) return &s.but_heaps[slot.second - 1];
      }
    };
    auto push = [&](std::size_t j) {
      auto& h = *heap_of(v[j], true);
      h.push_back(static_cast<std::uint32_t>(j));
      std::push_heap(h.begin(), h.end(), std::greater<>());
    };
    for (std::size_t k = 0; k < v.size(); ++k) {
      const double x = v[k];
      std::size_t j = k;
      if (auto* h = heap_of(x, false); h && !h->empty()) {
        j = h->front();
        std::pop_heap(h->begin(), h->end(), std::greater<>());
        h->pop_back();
      }
      scale(j, x);
      if (j != k) push(j);
      push(k);
    }
  }

  // --- 5. score_valence -----------------------------------------------------------
  static double amplifier(std::string_view text) {
    std::size_t ep = 0, qm = 0;
    for (char c : text) {
      ep += c == '!';
      qm += c == '?';
    }
    return amplifier(ep, qm);
  }

  // _punctuation_emphasis from the counts of `!` and `?` in the text.
  static double amplifier(std::size_t ep, std::size_t qm) {
    const double ep_amp = static_cast<double>(std::min<std::size_t>(ep, 4)) * 0.292;
    double qm_amp = 0;
    if (qm > 1) qm_amp = qm <= 3 ? static_cast<double>(qm) * 0.18 : 0.96;
    return ep_amp + qm_amp;
  }

  static SentimentScores score_valence(const Scratch& s, double amp, double* sum_out) {
    SentimentScores r;
    const std::vector<double>& sent = s.sent;
    if (s.toks.empty()) return r;
    double sum_s = 0.0;
    for (const double x : sent) sum_s += x;
    if (sum_s > 0)
      sum_s += amp;
    else if (sum_s < 0)
      sum_s -= amp;
    if (sum_out) *sum_out = sum_s;
    double compound = sum_s / std::sqrt((sum_s * sum_s) + 15);
    if (compound < -1.0) compound = -1.0;
    if (compound > 1.0) compound = 1.0;
    double pos_sum = 0.0, neg_sum = 0.0;
    const std::size_t neu_count = s.toks.size() - sent.size();
    for (const double x : sent) {
      if (x > 0) pos_sum += (x + 1);
      if (x < 0) neg_sum += (x - 1);
    }
    if (pos_sum > std::fabs(neg_sum))
      pos_sum += amp;
    else if (pos_sum < std::fabs(neg_sum))
      neg_sum -= amp;
    const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
    r.pos = std::fabs(pos_sum / total);
    r.neg = std::fabs(neg_sum / total);
    r.neu = std::fabs(static_cast<double>(neu_count) / total);
    r.compound = compound;
    return r;
  }

  // Whether a text with non-ASCII characters tokenizes like an ASCII one: it
  // is well-formed UTF-8 (as every str is; the generic path copes with
  // anything), emoji substitution would not change it, and none of its
  // non-ASCII characters is whitespace, so ASCII whitespace alone splits it.
  bool plain_non_ascii(std::string_view text) const {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
      const auto b0 = static_cast<unsigned char>(*p);
      if (b0 < 0x80) {
        ++p;
        continue;
      }
      const std::ptrdiff_t more = b0 >= 0xF8 ? -1 : b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
      if (more < 0 || end - p <= more) return false;
      for (std::ptrdiff_t k = 1; k <= more; ++k)
        if ((static_cast<unsigned char>(p[k]) & 0xC0) != 0x80) return false;
      const char32_t c = decode_utf8(p, end);
      if (py_isspace(c) || (c >= emoji_min && emoji_one.count(c)) || (fixed() && emoji_first.count(c)))
        return false;
    }
    return true;
  }

  // The same as substitute() + tokenize() when no emoji key is ASCII (VADER's
  // lexicon) and the text is ASCII or plain_non_ascii(); tokens holding a
  // non-ASCII character go through make_token(). Returns false, before any
  // token is added, for other texts. Also counts `!` and `?` for the
  // amplifier: here they can only sit inside tokens.
  TEXTGAUGE_X86_CLONES bool tokenize_ascii(std::string_view text, Scratch& s, std::size_t& ep,
                                           std::size_t& qm) const {
    check_size(text);
    const std::size_t n = text.size();
    // A copy padded with spaces, so that whole words can be read anywhere and
    // the padding ends the last token. The masks cover the text and at least
    // 64 bytes of padding, so that bits() reads within them.
    const std::size_t blocks = n / 64 + 2;
    if (s.padded.size() < blocks * 64) {
      s.padded.resize(blocks * 64);
      s.masks.resize(blocks * kStoredMasks);
      s.starts.resize(blocks * 32 + kListChunk);
    }
    char* const base = s.padded.data();
    std::memcpy(base, text.data(), n);
    std::memset(base + n, ' ', blocks * 64 - n);
    std::uint64_t* const masks = s.masks.data();  // kind-major: `blocks` words per kind
    // Token starts as positions. Listing them first takes the token-to-token
    // dependency (find the end, then the next start) out of the per-token
    // work below.
    std::uint32_t* const starts = s.starts.data();
    std::size_t n_starts = 0;
    std::uint64_t space_before = 1;  // the text starts after whitespace
    std::uint64_t apostrophes = 0;
    std::uint64_t non_ascii = 0;
    ep = qm = 0;
    for (std::size_t k = 0; k + 1 < blocks; ++k) {
      std::uint64_t m[kMaskKinds];
      non_ascii |= classify64(base + 64 * k, m);
      for (std::size_t kind = 0; kind < kStoredMasks; ++kind) masks[kind * blocks + k] = m[kind];
      apostrophes |= m[mApos];
      for (std::uint64_t bq = m[mBangQuest]; bq; bq &= bq - 1) {
        const bool bang = base[64 * k + static_cast<std::size_t>(std::countr_zero(bq))] == '!';
        ep += bang;
        qm += !bang;
      }
      const std::uint64_t after_space = (m[mSpace] << 1) | space_before;
      space_before = m[mSpace] >> 63;
      const auto at = static_cast<std::uint32_t>(64 * k);
      list_bits(~m[mSpace] & after_space, at, starts, n_starts);
    }
    if (non_ascii && !plain_non_ascii(text)) return false;
    // The last block is padding, whitespace only (block n / 64 already holds
    // the space at n that ends the last token).
    for (std::size_t kind = 0; kind < kStoredMasks; ++kind)
      masks[kind * blocks + blocks - 1] = kind == mSpace ? ~0ULL : 0;
    // Bits [q, q + 57) of a mask (more when q % 8 > 0) with one unaligned load.
    auto bits = [masks, blocks](MaskKind kind, std::size_t q) {
      std::uint64_t w;
      std::memcpy(&w, reinterpret_cast<const char*>(masks + kind * blocks) + (q >> 3), 8);
      return w >> (q & 7);
    };
    constexpr unsigned kReach = 57;
    constexpr std::uint64_t kReachMask = (std::uint64_t{1} << kReach) - 1;

    // Then each token's range, case and key, and then the lookups, in two
    // loops: one token's work is a long chain of dependent steps (mask, key
    // bytes, hash, filter, bucket), and with less work per token in a loop
    // the processor overlaps the chains of more tokens.
    s.visit.clear();
    s.toks.resize(n_starts);  // one token per start
    Tok* const toks = s.toks.data();
    if (s.cands.size() < n_starts + 1) s.cands.resize(n_starts + 1);
    Candidate* const cands = s.cands.data();
    std::size_t n_cands = 0;
    for (std::size_t i = 0; i < n_starts; ++i) {
      const std::size_t p = starts[i];
      const std::uint64_t space = bits(mSpace, p) & kReachMask;
      if (space == 0) {  // longer than one load reaches: the generic path
        std::size_t e = p + kReach;
        while (!(bits(mSpace, e) & kReachMask)) e += kReach;
        e += static_cast<std::size_t>(std::countr_zero(bits(mSpace, e)));
        // It may hold non-ASCII characters too (then Python's case rules and,
        // in fixed mode, apostrophe unification apply).
        const bool plain =
            std::none_of(base + p, base + e, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        toks[i] = make_token(base, base + p, base + e, plain, s.lower);
        if (toks[i].flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(i));
        continue;
      }
      const auto len = static_cast<unsigned>(std::countr_zero(space));
      const std::uint64_t in_token = (std::uint64_t{1} << len) - 1;
      if (bits(mHigh, p) & in_token) {  // Python's case rules, and a strip that counts code points
        toks[i] = make_token(base, base + p, base + p + len, false, s.lower);
        if (toks[i].flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(i));
        continue;
      }
      // _strip_punc_if_word: strip the punctuation at both ends when more
      // than 2 bytes would remain (all punctuation: first 63, stop 1).
      const std::uint64_t kept = ~bits(mPunct, p) & in_token;
      const auto first = static_cast<unsigned>(std::countr_zero(kept | (std::uint64_t{1} << 63)));
      const auto stop = static_cast<unsigned>(64 - std::countl_zero(kept | 1));
      // Selected with a mask, not a branch that would mispredict on every other word.
      const std::size_t strip = std::size_t{0} - (stop > first + 2);
      const std::size_t b = p + (first & strip);
      const std::size_t n_key = len ^ ((len ^ (stop - first)) & strip);
      if (n_key > WordTable::kShortKey) {  // longer than all but a few keys: the generic path
        toks[i] = make_token(base, base + p, base + p + len, true, s.lower);
        if (toks[i].flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(i));
        continue;
      }
      // The token's bytes, zero past its end, lowered eight bytes at a time.
      std::uint64_t w0, w1;
      const char* const key = base + b;
      load16(key, n_key, w0, w1);
      const bool negated = apostrophes && (bytes::in(w0, '\'', '\'') | bytes::in(w1, '\'', '\'')) &&
                           has_nt(reinterpret_cast<const unsigned char*>(key), n_key);
      w0 = bytes::lower8(w0);
      w1 = bytes::lower8(w1);
      // Tokens the filter does not rule out are listed for the lookup below,
      // without a branch: whether one passes is as good as random.
      Candidate& c = cands[n_cands];
      c.key = WordTable::short_key(w0, w1, n_key);
      c.hash = WordTable::short_hash(c.key);
      c.tok = static_cast<std::uint32_t>(i);
      n_cands += words.may_hold(c.hash);
      // Valence and flags 0, case unknown (no other token's case matters but
      // through allcap_differential): three whole-word stores, not seven.
      store_plain(toks[i], static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b + n_key), negated);
    }
    const std::size_t long_visits = s.visit.size();  // from make_token()
    s.visit.resize(long_visits + n_cands);
    std::uint32_t* visit = s.visit.data() + long_visits;
    for (std::size_t i = 0; i < n_cands; ++i) {
      const Entry f = words.find_short(cands[i].key, cands[i].hash);
      Tok& t = s.toks[cands[i].tok];
      t.valence = f.valence;
      t.flags = f.flags;
      t.upper = ascii_isupper(base + t.begin, t.end - t.begin);
      t.case_known = true;
      t.negated |= (f.flags & kNegate) != 0;
      *visit = cands[i].tok;
      visit += (f.flags & kVisit) != 0;
    }
    s.visit.resize(static_cast<std::size_t>(visit - s.visit.data()));
    if (long_visits) std::inplace_merge(s.visit.begin(), s.visit.begin() + long_visits, s.visit.end());
    return true;
  }

  SentimentScores run(std::string_view input, Scratch& s, std::uint32_t* tokens) const {
    double amp;
    std::size_t ep, qm;
    if (ascii_fast && tokenize_ascii(input, s, ep, qm)) {
      amp = amplifier(ep, qm);
    } else {
      const std::string_view text = substitute(input, s);
      tokenize(text, s);
      amp = amplifier(text);
    }
    valences<false>(s);
    but_check<false>(s);
    if (tokens) *tokens = static_cast<std::uint32_t>(s.toks.size());
    return score_valence(s, amp, nullptr);
  }

  static SentimentScores rounded(SentimentScores r) {
    r.neg = round_impl(r.neg, 3);
    r.neu = round_impl(r.neu, 3);
    r.pos = round_impl(r.pos, 3);
    r.compound = round_impl(r.compound, 4);
    return r;
  }
};

SentimentAnalyzer::SentimentAnalyzer(const Lexicon& lexicon, SentimentOptions options)
    : impl_(std::make_shared<const Impl>(lexicon, options)) {}
SentimentAnalyzer::~SentimentAnalyzer() = default;
SentimentAnalyzer::SentimentAnalyzer(const SentimentAnalyzer&) = default;
SentimentAnalyzer& SentimentAnalyzer::operator=(const SentimentAnalyzer&) = default;

const SentimentOptions& SentimentAnalyzer::options() const noexcept { return impl_->options; }

SentimentScores SentimentAnalyzer::raw_scores(std::string_view text, std::uint32_t* tokens) const {
  Scratch s;
  return impl_->run(text, s, tokens);
}

SentimentScores SentimentAnalyzer::polarity_scores(std::string_view text) const {
  return Impl::rounded(raw_scores(text));
}

void SentimentAnalyzer::score_batch(const std::vector<std::string_view>& texts, SentimentScores* out,
                                    bool round, unsigned threads, std::uint32_t* tokens) const {
  const Impl& impl = *impl_;
  parallel_chunks(texts.size(), 512, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    Scratch s;
    for (std::size_t i = b; i < e; ++i) {
      // Texts from Python are scattered over the heap: fetch the next ones'
      // first lines while this one is scored.
      if (i + kPrefetchAhead < e) {
        const std::string_view next = texts[i + kPrefetchAhead];
        for (std::size_t off = 0; off < std::min<std::size_t>(next.size(), 256); off += 64)
          __builtin_prefetch(next.data() + off);
      }
      const SentimentScores r = impl.run(texts[i], s, tokens ? tokens + i : nullptr);
      out[i] = round ? Impl::rounded(r) : r;
    }
  });
}

std::vector<SentimentScores> SentimentAnalyzer::score_corpus(const Corpus& corpus, SentimentLevel level,
                                                             bool round, unsigned threads,
                                                             std::vector<std::uint32_t>* tokens) const {
  std::vector<std::string_view> views;
  if (level == SentimentLevel::document) {
    views.reserve(corpus.size());
    for (std::size_t d = 0; d < corpus.size(); ++d) views.emplace_back(corpus.document(d).text);
  } else {
    const UnitTable units =
        level == SentimentLevel::paragraph ? corpus.paragraph_table() : corpus.sentence_table();
    views.resize(units.document.size());
    for (std::size_t r = 0; r < views.size(); ++r) {
      const std::string_view text = corpus.document(static_cast<std::size_t>(units.document[r])).text;
      views[r] = text.substr(static_cast<std::size_t>(units.byte_start[r]),
                             static_cast<std::size_t>(units.byte_end[r] - units.byte_start[r]));
    }
  }
  std::vector<SentimentScores> out(views.size());
  if (tokens) tokens->assign(views.size(), 0);
  score_batch(views, out.data(), round, threads, tokens ? tokens->data() : nullptr);
  return out;
}

Explanation SentimentAnalyzer::explain(std::string_view input) const {
  const Impl& impl = *impl_;
  Scratch s;
  Explanation ex;
  const std::string_view text = impl.substitute(input, s);
  ex.text.assign(text);
  impl.tokenize(text, s);
  impl.valences<true>(s);
  impl.but_check<true>(s);
  ex.punctuation_amplifier = Impl::amplifier(text);
  ex.scores = Impl::rounded(Impl::score_valence(s, ex.punctuation_amplifier, &ex.sum));
  ex.tokens.reserve(s.toks.size());
  for (std::size_t i = 0; i < s.toks.size(); ++i) {
    const Tok& t = s.toks[i];
    TokenExplanation te;
    te.token.assign(text.substr(t.begin, t.end - t.begin));
    te.in_lexicon = (t.flags & kInLex) != 0;
    te.lexicon_valence = te.in_lexicon ? t.valence : 0.0;
    te.valence = 0.0;
    te.rules = s.rules[i];
    if (ex.punctuation_amplifier != 0 && te.token.find_first_of("!?") != std::string::npos)
      te.rules |= rule_punctuation;
    ex.tokens.push_back(std::move(te));
  }
  for (std::size_t m = 0; m < s.nonzero.size(); ++m) ex.tokens[s.nonzero[m]].valence = s.sent[m];
  return ex;
}

}  // namespace textgauge
