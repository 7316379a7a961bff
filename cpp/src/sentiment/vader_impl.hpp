#pragma once
// The VADER engine, piece by piece. Each piece mirrors a part of
// vaderSentiment 3.3.2's SentimentIntensityAnalyzer; the comments at each
// function name the reference function and say where the port must copy a
// quirk. The pieces and their files:
//
//   word table  word_table.hpp/.cpp  lowered token -> lexicon valence and the
//                                    flags of VADER's word lists (NEGATE,
//                                    BOOSTER_DICT, the rule words)
//   tokenizer   tokenize.cpp         emoji substitution and SentiText (split,
//                                    strip punctuation, case, lookup)
//               tokenize_ascii.cpp   the same for most texts, without a branch
//                                    per byte (the fast path)
//   rules       rules.cpp            sentiment_valence's rules and _but_check
//   scoring     score.cpp            score_valence, one text from start to
//                                    end (Python's round() is inline below)
//   the API     vader.cpp            SentimentAnalyzer: batches, corpora, explain
//
// Scratch carries one text through them; its buffers are reused across the
// texts of a batch, so a text allocates nothing once they have grown.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/flat_map.hpp"
#include "sentiment/word_table.hpp"
#include "text/byte_masks.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"

namespace textgauge::vader {

// vaderSentiment's constants.
constexpr double B_INCR = 0.293;
constexpr double B_DECR = -0.293;
constexpr double C_INCR = 0.733;
constexpr double N_SCALAR = -0.74;

// Properties a lowered token can have (Entry::flags); one lookup gives them all.
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

// Flags hold the Word id of a phrase word in their top byte.
constexpr unsigned kWordShift = 24;
constexpr std::uint8_t word_of(std::uint32_t flags) noexcept {
  return static_cast<std::uint8_t>(flags >> kWordShift);
}
constexpr double booster_of(std::uint32_t flags) noexcept { return flags & kBoostDown ? B_DECR : B_INCR; }

// The word table of a lexicon: its words with their valences, and VADER's
// word lists with their flags (word_table.cpp).
void build_word_table(const Lexicon& lexicon, WordTable& words);

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
  // _but_check's index: value bits -> number of its heap of positions in
  // but_heaps (see but_check).
  FlatMap<std::uint64_t, std::uint32_t> but_index;
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

// Step 1 and 2 of polarity_scores: emoji substitution and SentiText.
class Tokenizer {
 public:
  Tokenizer(const Lexicon& lexicon, const SentimentOptions& options);

  // Whether tokenize_ascii() may be tried: no emoji key can match inside
  // pure ASCII text.
  bool ascii_fast() const noexcept { return ascii_fast_; }

  // polarity_scores' first loop: the text VADER goes on with, `text` itself
  // when nothing changes (else it lives in s.text).
  std::string_view substitute(std::string_view text, Scratch& s) const;

  // SentiText of the substituted text: s.toks, and s.visit (the tokens with
  // a kVisit flag, in order).
  void tokenize(std::string_view text, Scratch& s) const;

  // substitute() + tokenize() for most texts (see tokenize_ascii.cpp).
  // Returns false, before any token is added, for the others. Also counts
  // `!` (ep) and `?` (qm) for the amplifier.
  bool tokenize_ascii(std::string_view text, Scratch& s, std::size_t& ep, std::size_t& qm) const;

  // tokenize_ascii() without the word table, for a caller with its own
  // lookup (textgauge's scorer): the same tokens and counts, but a token of
  // at most WordTable::kShortKey ASCII bytes gets only its range (begin, end;
  // case_known false, the rest unset) and s.padded holds the text followed by
  // at least 64 spaces, so that 16 bytes can be read at any token. Tokens of
  // the generic kind are made whole (case_known true), as tokenize() makes them.
  bool split_ascii(std::string_view text, Scratch& s, std::size_t& ep, std::size_t& qm) const;

  // Token offsets are 32-bit: a bigger text is refused rather than misread.
  static void check_size(std::string_view text);

 private:
  friend struct AsciiPasses;  // tokenize_ascii()'s passes, in tokenize_ascii.cpp
  bool fixed() const noexcept { return mode_ == SentimentMode::fixed; }
  std::string_view substitute_fixed(std::string_view text, Scratch& s) const;
  Tok make_token(const char* base, const char* b, const char* e, bool ascii, std::string& lw) const;
  static void unify_apostrophes(std::string& lw);
  bool plain_non_ascii(std::string_view text) const;

  SentimentMode mode_;
  const PyStr* pystr_;
  WordTable words_;
  // Emoji keys of exactly one code point (all VADER can match) ...
  std::unordered_map<char32_t, std::string> emoji_one_;
  char32_t emoji_min_ = 0x110000;  // smallest such code point: ASCII text skips the scan when >= 0x80
  // ... and every key, for the longest match of SentimentMode::fixed.
  std::unordered_map<std::string, std::string> emoji_all_;
  std::unordered_set<char32_t> emoji_first_;  // first code points of multi-code-point keys
  std::size_t emoji_max_bytes_ = 0;
  bool ascii_fast_ = true;
};

// Step 3 and 4: sentiment_valence's rules over the tokens (s.sent and
// s.nonzero; with kExplain also s.rules), then _but_check (rules.cpp).
template <bool kExplain>
void valences(Scratch& s, bool fixed);
template <bool kExplain>
void but_check(Scratch& s, bool fixed);

// Step 5: _punctuation_emphasis from the counts of `!` and `?`, or of a text,
// and score_valence (score.cpp). `sum_out`, when not null, receives the sum
// of valences after the amplifier.
double amplifier(std::size_t ep, std::size_t qm);
double amplifier(std::string_view text);
SentimentScores score_valence(const Scratch& s, double amp, double* sum_out);

// Python's round(x, digits). x * 10^digits is exact enough to decide every
// case that is not within 1e-6 of a tie; those few go through the decimal
// conversion that glibc rounds exactly (half-even), as CPython's dtoa does.
// Inline: it runs four times per text.
[[gnu::noinline]] double round_by_decimal(double x, int digits) noexcept;
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

// polarity_scores' rounding of its four scores.
inline SentimentScores rounded(SentimentScores r) {
  r.neg = round_impl(r.neg, 3);
  r.neu = round_impl(r.neu, 3);
  r.pos = round_impl(r.pos, 3);
  r.compound = round_impl(r.compound, 4);
  return r;
}

}  // namespace textgauge::vader

namespace textgauge {

struct SentimentAnalyzer::Impl {
  Impl(const Lexicon& lexicon, SentimentOptions o) : options(o), tokenizer(lexicon, o) {}
  bool fixed() const noexcept { return options.mode == SentimentMode::fixed; }
  // The scores of one text (unrounded), its token count in *tokens when not null.
  SentimentScores run(std::string_view input, vader::Scratch& s, std::uint32_t* tokens) const;

  SentimentOptions options;
  vader::Tokenizer tokenizer;
};

}  // namespace textgauge
