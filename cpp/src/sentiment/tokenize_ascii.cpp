// The fast path of step 1 and 2 (Tokenizer::tokenize_ascii): the same tokens
// as substitute() + tokenize() when no emoji key is ASCII (VADER's lexicon)
// and the text is ASCII or plain_non_ascii(), found with bit masks rather
// than a branch per byte. Tokens holding a non-ASCII character, and long
// ones, go through make_token().
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>

#include "sentiment/vader_impl.hpp"
#include "text/byte_masks.hpp"

// The ASCII tokenizer is integer work only; GCC on x86-64 Linux compiles it
// twice, for any x86-64 and for x86-64-v3 (BMI1/2, LZCNT, POPCNT: one
// instruction for each ctz, clz, popcount and variable shift), and the
// loader picks the one the processor runs. Results cannot differ: no
// floating point is involved. Its pieces below are forced inline, so that
// each clone gets its own copy of them. Not in sanitizer builds: the clones'
// IFUNC resolver runs while the loader relocates the extension, before its
// calls into the sanitizer runtime are bound, and an instrumented resolver
// crashes there (make test-tsan). Those builds check the generic clone, which
// computes the same results.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#define TEXTGAUGE_X86_CLONES __attribute__((target_clones("default", "arch=x86-64-v3")))
#else
#define TEXTGAUGE_X86_CLONES
#endif
#define TEXTGAUGE_PIECE __attribute__((always_inline))

namespace textgauge::vader {

namespace {

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

// "n't" in the ASCII-lowered bytes (negated()'s substring test).
inline bool has_nt(const unsigned char* b, std::size_t n) noexcept {
  for (std::size_t k = 0; k + 3 <= n; ++k)
    if ((b[k] | 0x20) == 'n' && b[k + 1] == '\'' && (b[k + 2] | 0x20) == 't') return true;
  return false;
}

// AsciiPasses::bits() gives bits [q, q + 57) of a mask (more when q % 8 > 0)
// with one unaligned load.
constexpr unsigned kReach = 57;
constexpr std::uint64_t kReachMask = (std::uint64_t{1} << kReach) - 1;

}  // namespace

// The passes of tokenize_ascii() over one text, each a separate loop: one
// token's work is a long chain of dependent steps (mask, key bytes, hash,
// filter, bucket), and with less work per token in a loop the processor
// overlaps the chains of more tokens. Forced inline, so that each clone of
// tokenize_ascii() gets its own copy.
struct AsciiPasses {
  const Tokenizer& tk;
  Scratch& s;
  std::size_t blocks = 0;    // 64-byte blocks of s.padded and of each kind of s.masks
  std::size_t n_starts = 0;  // tokens, starting at s.starts[0..n_starts)
  bool apostrophes = false;  // an ASCII apostrophe anywhere

  // Bits [q, q + kReach) of the masks of `kind` (see kReach).
  TEXTGAUGE_PIECE std::uint64_t bits(unsigned kind, std::size_t q) const noexcept {
    std::uint64_t w;
    std::memcpy(&w, reinterpret_cast<const char*>(s.masks.data() + kind * blocks) + (q >> 3), 8);
    return w >> (q & 7);
  }

  // Pass 1: copies the text into s.padded, padded with spaces, so that whole
  // words can be read anywhere and the padding ends the last token;
  // classifies its bytes into s.masks (covering the text and at least 64
  // bytes of padding, so that bits() reads within them); lists the token
  // starts as positions in s.starts; counts `!` and `?`. Listing the starts
  // first takes the token-to-token dependency (find the end, then the next
  // start) out of the per-token work of the passes after it. False when the
  // text needs the generic path.
  TEXTGAUGE_PIECE bool scan(std::string_view text, std::size_t& ep, std::size_t& qm) {
    const std::size_t n = text.size();
    blocks = n / 64 + 2;
    if (s.padded.size() < blocks * 64) {
      s.padded.resize(blocks * 64);
      s.masks.resize(blocks * kStoredMasks);
      s.starts.resize(blocks * 32 + kListChunk);
    }
    char* const base = s.padded.data();
    std::memcpy(base, text.data(), n);
    std::memset(base + n, ' ', blocks * 64 - n);
    std::uint64_t* const masks = s.masks.data();  // kind-major: `blocks` words per kind
    std::uint32_t* const starts = s.starts.data();
    std::uint64_t space_before = 1;  // the text starts after whitespace
    std::uint64_t apos = 0;
    std::uint64_t non_ascii = 0;
    ep = qm = 0;
    for (std::size_t k = 0; k + 1 < blocks; ++k) {
      std::uint64_t m[kMaskKinds];
      non_ascii |= classify64(base + 64 * k, m);
      for (std::size_t kind = 0; kind < kStoredMasks; ++kind) masks[kind * blocks + k] = m[kind];
      apos |= m[mApos];
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
    if (non_ascii && !tk.plain_non_ascii(text)) return false;
    // The last block is padding, whitespace only (block n / 64 already holds
    // the space at n that ends the last token).
    for (std::size_t kind = 0; kind < kStoredMasks; ++kind)
      masks[kind * blocks + blocks - 1] = kind == mSpace ? ~0ULL : 0;
    apostrophes = apos != 0;
    return true;
  }

  // Pass 2: each token's range, case and key. Tokens of the generic kind
  // (long, or holding non-ASCII characters) are made whole here; the others
  // are stored without valence and flags, and those that the word table's
  // filter does not rule out are listed in s.cands. Returns the number listed.
  // Without kLookup only the ranges of the others are stored (see
  // Tokenizer::split_ascii) and none is listed.
  template <bool kLookup>
  TEXTGAUGE_PIECE std::size_t key_tokens() {
    const char* const base = s.padded.data();
    const std::uint32_t* const starts = s.starts.data();
    s.visit.clear();
    s.toks.resize(n_starts);  // one token per start
    Tok* const toks = s.toks.data();
    if (s.cands.size() < n_starts + 1) s.cands.resize(n_starts + 1);
    Candidate* const cands = s.cands.data();
    std::size_t n_cands = 0;
    auto generic = [&](std::size_t i, std::size_t b, std::size_t e, bool ascii) {
      toks[i] = tk.make_token(base, base + b, base + e, ascii, s.lower);
      if (toks[i].flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(i));
    };
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
        generic(i, p, e, plain);
        continue;
      }
      const auto len = static_cast<unsigned>(std::countr_zero(space));
      const std::uint64_t in_token = (std::uint64_t{1} << len) - 1;
      if (bits(mHigh, p) & in_token) {  // Python's case rules, and a strip that counts code points
        generic(i, p, p + len, false);
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
        generic(i, p, p + len, true);
        continue;
      }
      if constexpr (!kLookup) {
        store_plain(toks[i], static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b + n_key), false);
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
      n_cands += tk.words_.may_hold(c.hash);
      // Valence and flags 0, case unknown (no other token's case matters but
      // through allcap_differential): three whole-word stores, not seven.
      store_plain(toks[i], static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b + n_key), negated);
    }
    return n_cands;
  }

  // Pass 3: the lookups of the listed tokens, and s.visit in token order.
  TEXTGAUGE_PIECE void look_up(std::size_t n_cands) {
    const char* const base = s.padded.data();
    const Candidate* const cands = s.cands.data();
    const std::size_t long_visits = s.visit.size();  // from make_token()
    s.visit.resize(long_visits + n_cands);
    std::uint32_t* visit = s.visit.data() + long_visits;
    for (std::size_t i = 0; i < n_cands; ++i) {
      const Entry f = tk.words_.find_short(cands[i].key, cands[i].hash);
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
  }
};

TEXTGAUGE_X86_CLONES bool Tokenizer::tokenize_ascii(std::string_view text, Scratch& s, std::size_t& ep,
                                                    std::size_t& qm) const {
  check_size(text);
  AsciiPasses passes{*this, s};
  if (!passes.scan(text, ep, qm)) return false;
  passes.look_up(passes.key_tokens<true>());
  return true;
}

TEXTGAUGE_X86_CLONES bool Tokenizer::split_ascii(std::string_view text, Scratch& s, std::size_t& ep,
                                                 std::size_t& qm) const {
  check_size(text);
  AsciiPasses passes{*this, s};
  if (!passes.scan(text, ep, qm)) return false;
  passes.key_tokens<false>();
  return true;
}

}  // namespace textgauge::vader

namespace textgauge {

bool byte_classifiers_agree(const char* block) noexcept {
#if defined(__SSE2__)
  using namespace vader;
  std::uint64_t a[kMaskKinds], b[kMaskKinds];
  const std::uint64_t ha = classify64_sse2(block, a), hb = classify64_portable(block, b);
  return ha == hb && std::equal(std::begin(a), std::end(a), std::begin(b));
#else
  (void)block;
  return true;  // only the portable classifier exists here
#endif
}

}  // namespace textgauge
