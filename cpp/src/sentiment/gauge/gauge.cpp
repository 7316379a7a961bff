// textgauge's own scorer: the token pass (textgauge.scorer's reference
// token_rows, kept in tests/python/scorer_reference.py) and the model
// (scorer.contributions / finish). Tokens come from VADER's tokenizer
// (substitute + tokenize: the same split, strip and case as SentiText);
// lowering, \w and case tests follow the emulated Python through PyStr.
// Float operations keep the order of the numpy reference; sums follow
// numpy's pairwise summation so that results match it to the last bit
// where libm's pow agrees with numpy's.
#include "textgauge/sentiment/gauge.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "sentiment/vader_impl.hpp"
#include "sentiment/word_table.hpp"
#include "text/byte_masks.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// Flags of a lowered word (its role in the rules).
enum : std::uint32_t {
  gBooster = 1u << 0,
  gNegate = 1u << 1,
  gNo = 1u << 2,
  gOrNor = 1u << 3,
  gKind = 1u << 4,
  gOf = 1u << 5,
  gSoThis = 1u << 6,
  gNever = 1u << 7,
  gWithout = 1u << 8,
  gDoubt = 1u << 9,
  gLeast = 1u << 10,
  gAtVery = 1u << 11,
  gBut = 1u << 12,
  gLikeVerbBefore = 1u << 13,
  gAllow = 1u << 14,
  gWellBefore = 1u << 15,
  gAs = 1u << 16,
  gTo = 1u << 17,
  gLike = 1u << 18,
  gWell = 1u << 19,
  gComparative = 1u << 20,
};

constexpr double kCIncr = 0.733;  // VADER's C_INCR (its booster increments come with the words)
constexpr double kLexScale[3] = {1.0, 4.0, 0.8};

// VADER's word lists (vaderSentiment 3.3.2) and the news rules' words.
constexpr const char* kLikeVerbBefore[] = {
    "me",     "i'd",    "we",      "they'd",  "you'll",   "we'll",      "they",  "not",   "dont",
    "don't",  "didn't", "doesn't", "would",   "i",        "ya",         "y'all", "you",   "do",
    "does",   "did",    "really",  "also",    "just",     "to",         "will",  "may",   "might",
    "should", "could",  "i'll",    "we'd",    "you'd",    "people",     "who",   "still", "didnt",
    "doesnt", "u",      "i'm",     "totally", "actually", "definitely", "so",    "and"};
constexpr const char* kAllow[] = {"allow", "allows", "allowed", "allowing"};
// Comparatives after which `no` is a degree word ("no closer", "no longer",
// "no more"): before a noun ("no picture", "no idea") it keeps its value.
constexpr const char* kComparative[] = {"more",   "less",   "longer", "closer", "further", "farther",
                                        "better", "worse",  "sooner", "later",  "greater", "smaller",
                                        "bigger", "higher", "lower",  "fewer"};
constexpr const char* kWellBefore[] = {"over",   "above", "below", "under", "into", "beyond",
                                       "before", "after", "ahead", "past",  "short"};

struct Word {
  double v = 0, tb = 0, subj = 0, af = 0;
  double powed[3] = {0, 0, 0};  // per lexicon: sign(x) * |x/2|**gamma * 2 of its scaled value x
  bool known = false;           // a key of any lexicon
  bool in_vader = false;        // a key of VADER's
  std::uint32_t flags = 0;
  double boost = 0;
};

struct SvHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// numpy's pairwise summation (pairwise_sum in loops_utils.h) of n values
// `stride` apart, as np.sum gives it for a 1-d float64 array or view
// (C.sum() and C[:, li].sum() of the reference).
double np_pairwise(const double* a, std::size_t n, std::size_t stride) {
  if (n < 8) {
    double res = 0.;
    for (std::size_t i = 0; i < n; ++i) res += a[i * stride];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = a[j * stride];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (std::size_t j = 0; j < 8; ++j) r[j] += a[(i + j) * stride];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i * stride];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return np_pairwise(a, n2, stride) + np_pairwise(a + n2 * stride, n - n2, stride);
}

// Whether a lowered ASCII token of n <= 15 bytes, given as two words (zero
// past n), holds three equal bytes in a row: a run that _ELONG may match.
inline bool ascii_run3(std::uint64_t w0, std::uint64_t w1, std::size_t n) noexcept {
  // Byte k of d (k >= 2) is zero exactly when bytes k, k - 1 and k - 2 are
  // equal; the shifts carry bytes from w0 into w1.
  const std::uint64_t d0 = (w0 ^ (w0 << 8)) | (w0 ^ (w0 << 16));
  const std::uint64_t d1 = (w1 ^ ((w1 << 8) | (w0 >> 56))) | (w1 ^ ((w1 << 16) | (w0 >> 48)));
  constexpr std::uint64_t kLow7 = ~bytes::kHigh;
  auto zero_bytes = [](std::uint64_t v) { return ~(((v & kLow7) + kLow7) | v) & bytes::kHigh; };
  // bytes [2, n) of the 16
  const std::uint64_t in0 = (n >= 8 ? ~0ULL : (std::uint64_t{1} << (8 * n)) - 1) & ~std::uint64_t{0xFFFF};
  const std::uint64_t in1 = n > 8 ? (std::uint64_t{1} << (8 * (n - 8))) - 1 : 0;
  return ((zero_bytes(d0) & in0) | (zero_bytes(d1) & in1)) != 0;
}

}  // namespace

struct GaugeScorer::Impl {
  Impl(const GaugeTables& t, const std::vector<double>& params, int um, int un)
      : tokenizer(t.vader, make_options(um, un)), pystr(&PyStr::get(um, un)) {
    if (params.size() != kParams)
      throw std::invalid_argument("the scorer takes " + std::to_string(kParams) + " parameters, got " +
                                  std::to_string(params.size()));
    std::copy(params.begin(), params.end(), p.begin());
    for (const auto& [w, v] : t.vader.words()) {
      Word& e = words[w];
      e.v = v;
      e.known = e.in_vader = true;
    }
    for (const auto& [w, ps] : t.textblob) {
      Word& e = words[w];
      e.tb = ps[0];
      e.subj = ps[1];
      e.known = true;
    }
    for (const auto& [w, v] : t.afinn) {
      Word& e = words[w];
      e.af = v;
      e.known = true;
    }
    auto flag = [&](const char* w, std::uint32_t f) { words[w].flags |= f; };
    // VADER's own lists (sentiment/word_table.cpp): the scorer applies VADER's rules.
    for (const vader::Booster& b : vader::booster_words()) {
      flag(b.word, gBooster);
      words[b.word].boost = b.value;
    }
    for (const char* w : vader::negate_words()) flag(w, gNegate);
    for (const char* w : kLikeVerbBefore) flag(w, gLikeVerbBefore);
    for (const char* w : kAllow) flag(w, gAllow);
    for (const char* w : kWellBefore) flag(w, gWellBefore);
    for (const char* w : kComparative) flag(w, gComparative);
    flag("no", gNo);
    flag("or", gOrNor);
    flag("nor", gOrNor);
    flag("kind", gKind);
    flag("of", gOf);
    flag("so", gSoThis);
    flag("this", gSoThis);
    flag("never", gNever);
    flag("without", gWithout);
    flag("doubt", gDoubt);
    flag("least", gLeast);
    flag("at", gAtVery);
    flag("very", gAtVery);
    flag("but", gBut);
    flag("as", gAs);
    flag("to", gTo);
    flag("like", gLike);
    flag("well", gWell);
    // The open-addressing index that find() probes (load <= 1/2, 4-byte
    // slots: with the lexicons of the packages it fits in L2).
    if (words.size() >= kEmpty) throw std::length_error("the scorer's lexicons hold too many words");
    std::size_t cap = 64;
    while (cap < 2 * words.size()) cap *= 2;
    mask = cap - 1;
    slots.assign(cap, Slot{});
    keys.reserve(words.size());
    key_words.reserve(words.size());
    entries.reserve(words.size());
    for (const auto& [w, e] : words) {
      const std::uint64_t h = hash(w);
      std::size_t at = h & mask;
      while (slots[at].idx != kEmpty) at = (at + 1) & mask;
      slots[at] = {static_cast<std::uint16_t>(keys.size()), static_cast<std::uint16_t>(h >> 48)};
      filter[(h >> 26) & (kFilterBits / 64 - 1)] |= std::uint64_t{1} << ((h >> 20) & 63);
      keys.push_back(w);
      key_words.push_back(short_key(w));
      entries.push_back(e);
    }
    words.clear();
    // What contributions() raises to powers depends on the word or on small
    // counts only: computed here once, with the same std::pow calls.
    for (Word& e : entries) {
      const double vals[3] = {e.v, e.tb, e.af};
      for (std::size_t li = 0; li < 3; ++li) {
        const double v = vals[li] * kLexScale[li];
        const double sg = v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
        e.powed[li] = sg * std::pow(std::fabs(v / 2), p[18]) * 2;
      }
    }
    for (std::size_t k = 0; k < kPowCache; ++k) {
      neg_pow[k] = std::pow(p[10], static_cast<double>(k));
      so_pow[k] = std::pow(1.25, static_cast<double>(k));
    }
  }

  // Eight bytes at a time (a word takes one or two multiplications), then a final mix.
  static std::uint64_t hash(std::string_view w) noexcept {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0xcbf29ce484222325ULL ^ w.size();
    const char* p = w.data();
    std::size_t n = w.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t x;
      std::memcpy(&x, p, 8);
      h = (h ^ x) * kMul;
      h ^= h >> 32;
    }
    std::uint64_t x = 0;  // the tail, byte by byte (a memcpy of variable size is a call)
    for (std::size_t k = 0; k < n; ++k) x |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    h = (h ^ x) * kMul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
  }

  // hash() of a key of at most 15 bytes given as two little-endian words,
  // zero past its end (the same value, without a loop).
  static std::uint64_t hash_words(std::uint64_t w0, std::uint64_t w1, std::size_t n) noexcept {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0xcbf29ce484222325ULL ^ n;
    std::uint64_t x = w0;
    if (n >= 8) {
      h = (h ^ w0) * kMul;
      h ^= h >> 32;
      x = w1;
    }
    h = (h ^ x) * kMul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
  }

  // A key of at most kShortKey bytes as two words with its length in the top
  // byte (which such a key leaves zero), so that one two-word compare tests
  // an entry; longer keys get one that no short key equals.
  static constexpr std::size_t kShortKey = vader::WordTable::kShortKey;
  static vader::Key short_key(std::string_view w) noexcept {
    if (w.size() > kShortKey) return {0, ~0ULL};
    char buf[16] = {};
    std::memcpy(buf, w.data(), w.size());
    std::uint64_t w0, w1;
    std::memcpy(&w0, buf, 8);
    std::memcpy(&w1, buf + 8, 8);
    return {w0, w1 | (std::uint64_t{w.size()} << 56)};
  }

  static SentimentOptions make_options(int um, int un) {
    SentimentOptions o;
    o.unicode_major = um;
    o.unicode_minor = un;
    return o;
  }

  const Word* find(std::string_view w) const {
    const std::uint64_t h = hash(w);
    // Most tokens are in no lexicon and no list: a bit of an L1-sized filter tells.
    if (!((filter[(h >> 26) & (kFilterBits / 64 - 1)] >> ((h >> 20) & 63)) & 1)) return &none;
    const auto tag = static_cast<std::uint16_t>(h >> 48);
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      const Slot sl = slots[at];
      if (sl.idx == kEmpty) return &none;
      if (sl.tag == tag && keys[sl.idx] == w) return &entries[sl.idx];
    }
  }

  // find() of a lowered key of n <= kShortKey bytes, given as words (zero past n).
  const Word* find_short(std::uint64_t w0, std::uint64_t w1, std::size_t n) const {
    const std::uint64_t h = hash_words(w0, w1, n);
    if (!((filter[(h >> 26) & (kFilterBits / 64 - 1)] >> ((h >> 20) & 63)) & 1)) return &none;
    const auto tag = static_cast<std::uint16_t>(h >> 48);
    const std::uint64_t k1 = w1 | (std::uint64_t{n} << 56);
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      const Slot sl = slots[at];
      if (sl.idx == kEmpty) return &none;
      if (sl.tag == tag && key_words[sl.idx].w0 == w0 && key_words[sl.idx].w1 == k1) return &entries[sl.idx];
    }
  }

  // Per-call buffers, reused across a chunk's texts.
  struct Scratch {
    vader::Scratch v;
    std::string low;                    // lowered tokens, one after another
    std::string tmp;                    // one lowered token
    std::vector<std::string_view> lw;   // each token lowered: in the text, `low` or `rewrites`
    std::vector<std::string> rewrites;  // collapsed elongations (reserved per text: views stay valid)
    std::vector<const Word*> ent;
    std::vector<std::uint8_t> in_vader, title, upper, elong;
    std::vector<char32_t> cps;
    std::string cand;
    std::vector<GaugeRow> rows;
    std::vector<double> contrib;
    std::vector<double> powed;  // per row and lexicon: the word's cached power
    std::vector<Span> pars;     // the text's lines
  };

  std::string_view lw(const Scratch& s, std::size_t i) const { return s.lw[i]; }

  bool is_title(std::string_view tok) const {
    // len(x) > 1 and x[0].isupper() and x[1:].islower()
    const char* p = tok.data();
    const char* end = p + tok.size();
    if (p == end) return false;
    const char32_t c0 = decode_utf8(p, end);
    if (p == end) return false;
    if (!(pystr->flags(c0) & PyStr::kUpper)) return false;
    bool lower = false;
    while (p < end) {
      const std::uint8_t f = pystr->flags(decode_utf8(p, end));
      if (f & (PyStr::kUpper | PyStr::kTitle)) return false;
      if (f & PyStr::kLower) lower = true;
    }
    return lower;
  }

  // _RUN2.sub(r"\1\1" or r"\1", w): runs of >= 3 of one \w code point cut to `keep`.
  // Returns false when `w` has no such run (_ELONG does not match).
  bool collapse(std::string_view w, std::size_t keep, Scratch& s) const {
    bool ascii = true, run3 = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      ascii &= static_cast<unsigned char>(w[i]) < 0x80;
      run3 |= i >= 2 && w[i] == w[i - 1] && w[i] == w[i - 2];
    }
    if (ascii && !run3) return false;  // no three equal code points in a row
    s.cps.clear();
    for (const char* p = w.data(); p < w.data() + w.size();)
      s.cps.push_back(decode_utf8(p, w.data() + w.size()));
    s.cand.clear();
    bool any = false;
    for (std::size_t i = 0; i < s.cps.size();) {
      std::size_t j = i;
      while (j < s.cps.size() && s.cps[j] == s.cps[i]) ++j;
      std::size_t count = j - i;
      if (count >= 3 && pystr->is_word(s.cps[i])) {
        any = true;
        count = keep;
      }
      for (std::size_t k = 0; k < count; ++k) append_utf8(s.cand, s.cps[i]);
      i = j;
    }
    return any;
  }

  // The token pass: s.rows, the amplifier and the working text.
  std::string_view token_pass(std::string_view input, Scratch& s, double& amp, std::size_t& n_out) const {
    std::size_t bang = 0, q = 0;
    bool fast = false;
    const std::string_view t = split(input, s, fast, bang, q);
    const std::size_t n = s.v.toks.size();
    n_out = n;
    const Cases cases = tokens(t, fast, s);
    s.rows.clear();
    s.powed.clear();
    QuestionScan question{t};
    for (std::size_t i = 0; i < n; ++i) {
      if (!s.ent[i]->known && s.elong[i]) unelongate(i, s);
      const Word& w = *s.ent[i];
      if (w.v == 0 && w.tb == 0 && w.af == 0) continue;
      if (!counts(i, s)) continue;
      add_row(i, t, cases, s, question);
    }
    const double ep = static_cast<double>(std::min<std::size_t>(bang, 4)) * 0.292;
    const double qm = q <= 1 ? 0.0 : (q <= 3 ? static_cast<double>(q) * 0.18 : 0.96);
    amp = ep + qm;
    return t;
  }

  // The working text, split into s.v.toks, and its `!`/`?` counts. VADER's
  // ASCII split when it applies (`fast`: no emoji can match, the text is
  // unchanged and its `!`/`?` counted): short ASCII tokens come with their
  // range only, as this scorer looks words up in its own table. Else
  // substitute() + tokenize().
  std::string_view split(std::string_view input, Scratch& s, bool& fast, std::size_t& bang,
                         std::size_t& q) const {
    vader::Tokenizer::check_size(input);
    std::string_view t = input;
    fast = tokenizer.ascii_fast() && tokenizer.split_ascii(input, s.v, bang, q);
    if (!fast) {
      t = tokenizer.substitute(input, s.v);
      tokenizer.tokenize(t, s.v);
      bang = q = 0;  // split_ascii() may have counted before it gave up
      for (const char c : t) {
        bang += c == '!';
        q += c == '?';
      }
    }
    return t;
  }

  // What the rows of a text need from all its tokens at once.
  struct Cases {
    bool cap_diff;      // some tokens are upper-case, not all (VADER's is_cap_diff)
    bool mostly_title;  // title-case tokens are 40% or more: no token is then a name
    std::size_t bi;     // the first `but`, n when none
  };

  // Each token lowered (s.lw), looked up (s.ent, s.in_vader) and its case
  // and possible elongation noted (s.upper, s.title, s.elong).
  Cases tokens(std::string_view t, bool fast, Scratch& s) const {
    const auto& toks = s.v.toks;
    const std::size_t n = toks.size();
    // Lowered tokens are written one after another into `low`: str.lower() at
    // most doubles a token's UTF-8 bytes, and a short token is written as 16
    // bytes, so it never outgrows this.
    if (s.low.size() < 2 * t.size() + 32) s.low.resize(2 * t.size() + 32);
    std::size_t used = 0;
    s.rewrites.clear();
    s.rewrites.reserve(n);
    s.lw.resize(n);
    s.ent.resize(n);
    s.in_vader.resize(n);
    s.title.resize(n);
    s.upper.resize(n);
    s.elong.resize(n);
    std::size_t n_upper = 0, n_title = 0, bi = n;
    for (std::size_t i = 0; i < n; ++i) {
      const Word* e = fast && !toks[i].case_known
                          ? short_ascii_token(i, s, used)
                          : any_token(t.substr(toks[i].begin, toks[i].end - toks[i].begin), i, s, used);
      n_upper += s.upper[i];
      n_title += s.title[i];
      s.ent[i] = e;
      s.in_vader[i] = e->in_vader;
      if (bi == n && (e->flags & gBut)) bi = i;
    }
    return Cases{n_upper < n && n - n_upper < n,  // 0 < n - n_upper < n
                 static_cast<double>(n_title) >= 0.4 * static_cast<double>(n), bi};
  }

  // Token i of the ASCII split, of at most kShortKey ASCII bytes, read as two
  // words (s.v.padded is readable past every token): case, lowering, runs and
  // the key without a loop over the bytes. Its entry.
  const Word* short_ascii_token(std::size_t i, Scratch& s, std::size_t& used) const {
    const vader::Tok& tok = s.v.toks[i];
    const std::size_t len = tok.end - tok.begin;
    std::uint64_t w0, w1;
    vader::load16(s.v.padded.data() + tok.begin, len, w0, w1);
    const std::uint64_t up0 = bytes::in(w0, 'A', 'Z'), up1 = bytes::in(w1, 'A', 'Z');
    const bool any_lower = (bytes::in(w0, 'a', 'z') | bytes::in(w1, 'a', 'z')) != 0;
    const bool any_upper = (up0 | up1) != 0;
    w0 = bytes::lower8(w0);
    w1 = bytes::lower8(w1);
    char* const low = s.low.data() + used;
    std::memcpy(low, &w0, 8);
    std::memcpy(low + 8, &w1, 8);
    s.lw[i] = std::string_view(low, len);
    used += len;
    s.elong[i] = ascii_run3(w0, w1, len);
    s.upper[i] = any_upper && !any_lower;
    // is_title: an upper-case first letter, lower-case letters after it and no upper-case one.
    s.title[i] = (up0 & 0x80) && !((up0 & ~std::uint64_t{0x80}) | up1) && any_lower;
    return find_short(w0, w1, len);
  }

  // Token i in general (any length, any script), `tok` its text. Its entry.
  const Word* any_token(std::string_view tok, std::size_t i, Scratch& s, std::size_t& used) const {
    bool ascii = true, has_upper = false, has_lower = false, run3 = false;
    for (std::size_t k = 0; k < tok.size(); ++k) {
      const char c = tok[k];
      ascii &= static_cast<unsigned char>(c) < 0x80;
      has_upper |= c >= 'A' && c <= 'Z';
      has_lower |= c >= 'a' && c <= 'z';
      // three equal bytes in a row, case aside (lowering keeps ASCII runs)
      run3 |= k >= 2 && ((c ^ tok[k - 1]) & 0xDF) == 0 && ((c ^ tok[k - 2]) & 0xDF) == 0;
    }
    s.elong[i] = !ascii || run3;  // may hold an _ELONG run
    if (ascii && !has_upper) {
      s.lw[i] = tok;  // already lower
    } else {
      s.tmp.clear();
      if (ascii) {
        for (char c : tok) s.tmp.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      } else {
        pystr->lower(tok, s.tmp);
      }
      char* const low = s.low.data() + used;
      std::memcpy(low, s.tmp.data(), s.tmp.size());
      s.lw[i] = std::string_view(low, s.tmp.size());
      used += s.tmp.size();
    }
    // str.isupper(): by the bytes for ASCII, from the tokenizer otherwise.
    s.upper[i] = ascii ? has_upper && !has_lower : s.v.toks[i].upper;
    s.title[i] = !tok.empty() &&
                 (static_cast<unsigned char>(tok[0]) >= 0x80 || (tok[0] >= 'A' && tok[0] <= 'Z')) &&
                 is_title(tok);
    return find(lw(s, i));
  }

  // A token in no lexicon that may be elongated ("goooood"): the reference's
  // _ELONG rewrite, its runs cut to two code points, then to one, and the
  // first form that a lexicon knows replaces it.
  void unelongate(std::size_t i, Scratch& s) const {
    const std::string_view w = lw(s, i);
    // _ELONG matches exactly when the first collapse changes something.
    if (!collapse(w, 2, s)) return;
    for (const std::size_t keep : {std::size_t{2}, std::size_t{1}}) {
      if (keep == 1) collapse(w, 1, s);
      const Word* e = find(s.cand);
      if (e->known) {
        s.lw[i] = s.rewrites.emplace_back(s.cand);
        s.ent[i] = e;
        break;
      }
    }
  }

  bool has(const Scratch& s, std::size_t j, std::uint32_t f) const { return (s.ent[j]->flags & f) != 0; }
  bool negated(const Scratch& s, std::size_t j) const {
    return has(s, j, gNegate) || lw(s, j).find("n't") != std::string_view::npos;
  }

  // Whether a word with a value gets a row: VADER's boosters, `kind of` and
  // `no` before a VADER word are modifiers, not sentiment.
  bool counts(std::size_t i, const Scratch& s) const {
    const std::size_t n = s.ent.size();
    const Word& w = *s.ent[i];
    if ((w.flags & gBooster) || ((w.flags & gKind) && i + 1 < n && has(s, i + 1, gOf))) return false;
    return !((w.flags & gNo) && i + 1 < n && s.in_vader[i + 1]);
  }

  // The news rule that marks token i as not sentiment (1 like-preposition,
  // 2 well-function-word, 3 no-determiner, 4 allow-to, 5 lexicons that
  // disagree in sign), 0 when none does.
  int news_rule(std::size_t i, const Scratch& s) const {
    const std::size_t n = s.ent.size();
    const Word& w = *s.ent[i];
    int rule = 0;
    if ((w.flags & gLike) && !(i > 0 && (has(s, i - 1, gLikeVerbBefore) || lw(s, i - 1).ends_with("n't")))) {
      rule = 1;
    } else if ((w.flags & gWell) && ((i > 0 && has(s, i - 1, gAs) && i + 1 < n && has(s, i + 1, gAs)) ||
                                     (i + 1 < n && has(s, i + 1, gWellBefore)))) {
      rule = 2;
    } else if ((w.flags & gNo) && i + 1 < n && has(s, i + 1, gComparative)) {
      rule = 3;
    } else if (w.flags & gAllow) {
      for (std::size_t j = i + 1; j < std::min(n, i + 5); ++j)
        if (has(s, j, gTo)) {
          rule = 4;
          break;
        }
    }
    // Lexicons that give the word opposite signs read different senses of it
    // (`escape`: VADER +0.7, AFINN -1): which one the text means, no lexicon
    // tells, so the word counts nothing.
    if (rule == 0 && ((w.v > 0 || w.tb > 0 || w.af > 0) && (w.v < 0 || w.tb < 0 || w.af < 0))) rule = 5;
    return rule;
  }

  // VADER's window of three tokens before token i: the boosters' sum `b`
  // (scaled by distance), the negations and the `never so` emphases.
  void window(std::size_t i, const Scratch& s, bool cap_diff, double& b, int& nneg, int& so) const {
    if ((i > 0 && has(s, i - 1, gNo)) || (i > 1 && has(s, i - 2, gNo)) ||
        (i > 2 && has(s, i - 3, gNo) && has(s, i - 1, gOrNor)))
      ++nneg;
    static constexpr double kDist[3] = {1.0, 0.95, 0.9};
    for (std::size_t k = 0; k < 3; ++k) {
      if (i < k + 1) continue;
      const std::size_t j = i - k - 1;
      if (s.in_vader[j]) continue;
      if (has(s, j, gBooster)) {
        double sc = s.ent[j]->boost;
        if (s.upper[j] && cap_diff) sc += sc > 0 ? kCIncr : -kCIncr;
        b += sc * kDist[k];
      }
      if (k == 0) {
        if (negated(s, j)) ++nneg;
      } else if (k == 1) {
        if (has(s, j, gNever) && has(s, j + 1, gSoThis)) {
          ++so;
        } else if (has(s, j, gWithout) && has(s, j + 1, gDoubt)) {
        } else if (negated(s, j)) {
          ++nneg;
        }
      } else {
        if (has(s, j, gNever) && (has(s, j + 1, gSoThis) || has(s, j + 2, gSoThis))) {
          ++so;
        } else if (has(s, j, gWithout) && (has(s, j + 1, gDoubt) || has(s, j + 2, gDoubt))) {
        } else if (negated(s, j)) {
          ++nneg;
        }
      }
    }
  }

  // Whether token i starts a sentence: it is the first, or follows a
  // whitespace-split word that ends in one of .!?:;"' . The token may have had
  // that punctuation stripped ("November." -> "November"), so the word's last
  // byte is the last of the ASCII punctuation that follows the token.
  static bool sentence_start(std::string_view t, const std::vector<vader::Tok>& toks, std::size_t i) {
    if (i == 0) return true;
    std::size_t e = toks[i - 1].end;
    while (e < toks[i].begin && is_ascii_punct(t[e])) ++e;
    const char last = t[e - 1];
    return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == '"' ||
           last == '\'';
  }

  // The run of .!? that ends the sentence after a token (the first one from
  // its second byte on; a line break ends a sentence without one): qa..qb,
  // reused while tokens begin before it. Each byte is scanned once.
  struct QuestionScan {
    std::string_view t;
    std::size_t qa = 0, qb = 0;
    bool qseen = false, qflag = false;
    // Whether the sentence of the token that begins at `begin` is a question.
    bool operator()(std::size_t begin) {
      const std::size_t from = begin + 1;
      if (qseen && from <= qa) return qflag;
      std::size_t k = std::max(from, qb);
      if (qseen && from < qb) k = from;  // from lies inside the last run: it ends there
      while (k < t.size() && t[k] != '.' && t[k] != '!' && t[k] != '?' && t[k] != '\n') ++k;
      qa = qb = k;
      qflag = false;
      while (qb < t.size() && (t[qb] == '.' || t[qb] == '!' || t[qb] == '?')) qflag |= t[qb++] == '?';
      qseen = true;
      return qflag;
    }
  };

  // Token i's row (ROW_COLUMNS) and its word's cached powers.
  void add_row(std::size_t i, std::string_view t, const Cases& c, Scratch& s, QuestionScan& question) const {
    const auto& toks = s.v.toks;
    const std::size_t n = toks.size();
    const Word& w = *s.ent[i];
    const int rule = news_rule(i, s);
    int nneg = 0, so = 0;
    double b = 0.0;
    window(i, s, c.cap_diff, b, nneg, so);
    const int caps = s.upper[i] && c.cap_diff ? 1 : 0;
    const int least = (i > 0 && has(s, i - 1, gLeast) && !(i > 1 && has(s, i - 2, gAtVery))) ? 1 : 0;
    const int butpos = c.bi == n ? 0 : (i < c.bi ? -1 : (i > c.bi ? 1 : 0));
    // A title-case token next to another one, not at a sentence start, in a
    // text not mostly in title case, is a name ("United States").
    const int name = (!c.mostly_title && s.title[i] && !sentence_start(t, toks, i) &&
                      ((i > 0 && s.title[i - 1]) || (i + 1 < n && s.title[i + 1])))
                         ? 1
                         : 0;
    const int lexicons = (w.v != 0) + (w.tb != 0) + (w.af != 0);
    s.powed.push_back(w.powed[0]);
    s.powed.push_back(w.powed[1]);
    s.powed.push_back(w.powed[2]);
    s.rows.push_back(GaugeRow{w.v, w.tb, w.af, b, double(caps), double(nneg), double(so), double(least),
                              double(butpos), w.subj, double(lexicons), double(rule), double(i), double(n),
                              double(name), question(toks[i].begin) ? 1.0 : 0.0});
  }

  // string.punctuation
  static bool is_ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
  }

  // scorer.contributions for each row into s.contrib (rows x 3), in numpy's operation order.
  void contributions(Scratch& s) const {
    const std::size_t m = s.rows.size();
    s.contrib.resize(m * 3);
    const double caps = p[9], neg = p[10], bb = p[11], ba = p[12], sig = p[17];
    for (std::size_t r = 0; r < m; ++r) {
      const GaugeRow& R = s.rows[r];
      const double bfac = R[8] < 0 ? bb : (R[8] > 0 ? ba : 1.0);
      const auto ne = static_cast<std::size_t>(R[5] + R[7]), so = static_cast<std::size_t>(R[6]);
      double mult = (ne < kPowCache ? neg_pow[ne] : std::pow(neg, R[5] + R[7])) *
                    (so < kPowCache ? so_pow[so] : std::pow(1.25, R[6])) * bfac;
      const int pat = (R[0] != 0) * 1 + (R[1] != 0) * 2 + (R[2] != 0) * 4;
      const double pw = pat == 0 ? 1.0 : p[19 + pat - 1];
      // a name keeps 1 - p[26] of its value (fitted in [0, 1]); a word a news rule marks counts nothing
      mult = mult * pw * (1 - p[26] * R[14]) * (R[11] == 0 ? 1.0 : 0.0);
      // a question asserts nothing: its words keep p[27] of their value (fitted in [0, 1])
      if (R[15] != 0) mult = mult * p[27];
      for (std::size_t li = 0; li < 3; ++li) {
        double v = R[li] * kLexScale[li];
        const double sg = v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
        v = s.powed[r * 3 + li];  // sg * pow(|v / 2|, gamma) * 2, cached per word
        if (li == 1) v = v * (1 - sig + sig * R[9]);
        const double vv = (v + sg * (R[3] + caps * R[4]) * p[6 + li]) * mult;
        s.contrib[r * 3 + li] = (v > 0 ? p[2 * li] : p[2 * li + 1]) * vv;
      }
    }
  }

  // scorer.finish for one text.
  double finish(double total, double amp, std::size_t n) const {
    const double wamp = p[13], c = std::fabs(p[14]) + 1, e = std::fabs(p[15]), alpha = p[16];
    const double sg = total > 0 ? 1.0 : (total < 0 ? -1.0 : 0.0);
    double z = total + wamp * amp * sg;
    z = z / std::pow(1 + static_cast<double>(n) / c, e);
    return z / std::sqrt(z * z + alpha * alpha);
  }

  // The units score() averages: the text's non-blank lines (a Corpus's
  // paragraphs with paragraphs="line"), or the whole text when it has at most
  // one. Lines, not blank-line paragraphs: a paragraph of several lines is then
  // the mean of its lines, so that the mean over paragraphs gives the same
  // document score whichever way a Corpus splits them.
  void units(std::string_view text, std::vector<Span>& out) const {
    out.clear();
    if (text.find_first_of("\n\r") != std::string_view::npos) segmenter.append_paragraphs(text, out);
    if (out.size() <= 1) {
      out.clear();
      out.push_back(Span{0, static_cast<std::int64_t>(text.size()), 0, 0});
    }
  }

  // A text's score: the token-weighted mean of its lines' scores (one line:
  // its own score), so that a document's polarity is the mean of its
  // paragraphs' and a long text does not saturate.
  GaugeScore score(std::string_view text, Scratch& s) const {
    units(text, s.pars);
    if (s.pars.size() == 1) return score_unit(text, s).first;
    GaugeScore acc;
    double weight = 0;
    for (const Span& sp : s.pars) {
      const auto [one, n] = score_unit(text.substr(static_cast<std::size_t>(sp.byte_start),
                                                   static_cast<std::size_t>(sp.byte_end - sp.byte_start)),
                                       s);
      const auto w = static_cast<double>(n);
      acc.polarity += w * one.polarity;
      acc.vader_sum += w * one.vader_sum;
      acc.textblob_sum += w * one.textblob_sum;
      acc.afinn_sum += w * one.afinn_sum;
      weight += w;
    }
    if (weight == 0) return GaugeScore{};
    return GaugeScore{acc.polarity / weight, acc.vader_sum / weight, acc.textblob_sum / weight,
                      acc.afinn_sum / weight};
  }

  // One paragraph's score and its token count.
  std::pair<GaugeScore, std::size_t> score_unit(std::string_view text, Scratch& s) const {
    double amp = 0;
    std::size_t n = 0;
    token_pass(text, s, amp, n);
    contributions(s);
    const std::size_t m = s.rows.size();
    GaugeScore out;
    const double total = np_pairwise(s.contrib.data(), m * 3, 1);
    out.vader_sum = np_pairwise(s.contrib.data(), m, 3);
    out.textblob_sum = np_pairwise(s.contrib.data() + 1, m, 3);
    out.afinn_sum = np_pairwise(s.contrib.data() + 2, m, 3);
    out.polarity = finish(total, amp, n);
    return {out, n};
  }

  vader::Tokenizer tokenizer;
  Segmenter segmenter{SegmentOptions{ParagraphMode::lines}};  // lines only: no ICU call
  const PyStr* pystr;
  std::array<double, kParams> p{};
  static constexpr std::size_t kPowCache = 8;
  double neg_pow[kPowCache], so_pow[kPowCache];                          // p[10]**k and 1.25**k
  std::unordered_map<std::string, Word, SvHash, std::equal_to<>> words;  // while building
  static constexpr std::uint16_t kEmpty = 0xFFFF;
  struct Slot {
    std::uint16_t idx = kEmpty, tag = 0;
  };
  std::vector<Slot> slots;
  static constexpr std::size_t kFilterBits = std::size_t{1} << 17;
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(kFilterBits / 64);
  std::size_t mask = 0;
  std::vector<std::string> keys;
  std::vector<vader::Key> key_words;  // short_key() of each key
  std::vector<Word> entries;
  Word none;
};

GaugeScorer::GaugeScorer(const GaugeTables& tables, const std::vector<double>& params, int unicode_major,
                         int unicode_minor)
    : impl_(std::make_unique<Impl>(tables, params, unicode_major, unicode_minor)) {}
GaugeScorer::~GaugeScorer() = default;

GaugeScore GaugeScorer::score(std::string_view text) const {
  Impl::Scratch s;
  return impl_->score(text, s);
}

void GaugeScorer::score_batch(const std::vector<std::string_view>& texts, GaugeScore* out,
                              unsigned threads) const {
  // Each text's score depends on that text only: chunks write disjoint slots.
  parallel_chunks(texts.size(), 256, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    Impl::Scratch s;
    for (std::size_t i = b; i < e; ++i) {
      if (i + 4 < e) prefetch_text(texts[i + 4]);  // the first read of a text misses the cache
      out[i] = impl_->score(texts[i], s);
    }
  });
}

std::vector<std::pair<std::size_t, std::size_t>> GaugeScorer::paragraphs(std::string_view text) const {
  std::vector<Span> sp;
  impl_->units(text, sp);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const Span& p : sp) out.emplace_back(p.byte_start, p.byte_end);
  return out;
}

GaugeRows GaugeScorer::rows(std::string_view text) const {
  Impl::Scratch s;
  GaugeRows r;
  const std::string_view t = impl_->token_pass(text, s, r.amp, r.tokens);
  r.rows = s.rows;
  r.text = std::string(t);
  for (const auto& tok : s.v.toks) r.spans.emplace_back(tok.begin, tok.end);
  return r;
}

}  // namespace textgauge
