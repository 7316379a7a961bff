#pragma once
// The ASCII fast path of the word tokenizer: one scanner, used by
// tokenize_ascii (tokens with spans) and by TermExtractor (term ids, no
// token records).
//
// For text made of bytes < 0x80 the UAX #29 word rules, as tailored by ICU's
// root word.txt, reduce to a few classes:
//   letter  A-Z a-z @     digit 0-9        extend '_' (ExtendNumLet)
//   (ICU 72+ puts '@' with ALetter so that e-mail addresses and handles stay whole)
//   mid-letter-or-num  . '  (MidNumLet, Single_Quote; ICU drops ':' from MidLetter)
//   mid-num            , ;
//   space   ' ' runs join (WB3d); CR LF and other controls are breaks.
// Letters, digits and '_' all join each other (WB5, WB8-WB10, WB13a/b); a mid
// character joins when a letter is on both sides (WB6/7) or a digit on both
// sides (WB11/12). ICU's rule status, which gives the token kind, follows the
// last two classes of the token. tests/python and tests/cpp check that this
// equals the ICU path token for token, and Segmenter checks it once per process
// against the ICU it runs with (see ascii_fast_path_agrees_with_icu).
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "textgauge/terms.hpp"
#include "textgauge/text.hpp"
#include "textgauge/vocabulary.hpp"

namespace textgauge::ascii {

// Word-class values: the three that join into words come first, so that
// "is a word byte" is one comparison.
enum Cls : std::uint8_t { kLetter, kDigit, kExtend, kOther, kMidBoth, kMidNum, kSkip };

struct Tables {
  std::array<std::uint8_t, 128> cls{};
  std::array<TokenKind, 128> single{};  // kind of a one-character non-word token
  Tables();
};

const Tables& tables();

inline std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Bit 7 of each byte of `w` (eight ASCII bytes, the first in the low byte)
// set where the byte does not join words, that is, is not one of A-Z a-z 0-9
// _ (and @ when AtIsWord: ICU's word rules; Python's \w has no @). Byte-wise
// compares by adding to each byte: bytes below 0x80 never carry into their
// neighbour.
template <bool AtIsWord = true>
inline std::uint64_t nonword_bytes(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  const auto in = [](std::uint64_t x, std::uint64_t lo, std::uint64_t hi) {
    return (x + (0x80 - lo) * ones) & ~(x + (0x7f - hi) * ones);  // bit 7: lo <= x <= hi
  };
  const auto eq = [](std::uint64_t x, std::uint64_t c) { return ~((x ^ (c * ones)) + 0x7f * ones); };
  std::uint64_t word = in(w | (0x20 * ones), 'a', 'z') | in(w, '0', '9') | eq(w, '_');
  if constexpr (AtIsWord) word |= eq(w, '@');
  return ~word & high;
}

// The end of the run of word bytes (class <= kExtend) starting at i.
inline std::size_t word_run_end(const unsigned char* s, std::size_t i, std::size_t n) noexcept {
  for (; i + 8 <= n; i += 8)
    if (const std::uint64_t m = nonword_bytes(load64(s + i))) return i + (std::countr_zero(m) >> 3);
  const Tables& T = tables();
  while (i < n && T.cls[s[i]] <= kExtend) ++i;
  return i;
}

// Calls emit(start, end, kind) for every token of pure-ASCII `text`, in order
// (byte offsets relative to `text`).
template <class Emit>
inline void scan(std::string_view text, Emit&& emit) {
  const Tables& T = tables();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t c = T.cls[s[i]];
    if (c == kSkip) {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    TokenKind kind;
    if (c > kExtend) {
      kind = T.single[s[start]];
    } else {
      for (;;) {
        i = word_run_end(s, i, n);
        // A mid character joins letter.letter (. ') or digit.digit (. ' , ;).
        if (i + 1 < n) {
          const std::uint8_t d = T.cls[s[i]];
          if (d == kMidBoth || d == kMidNum) {
            const std::uint8_t prev = T.cls[s[i - 1]], next = T.cls[s[i + 1]];
            if ((d == kMidBoth && prev == kLetter && next == kLetter) || (prev == kDigit && next == kDigit)) {
              i += 2;
              continue;
            }
          }
        }
        break;
      }
      // ICU's rule status follows the last two classes of the token.
      const std::uint8_t last = T.cls[s[i - 1]];
      if (last == kLetter)
        kind = TokenKind::word;
      else if (last == kDigit)
        kind = TokenKind::number;
      else if (i - start == 1)
        kind = T.single['_'];  // a lone '_' has rule status "none"
      else
        kind = T.cls[s[i - 2]] == kDigit ? TokenKind::number : TokenKind::word;
    }
    emit(start, i, kind);  // one call site, so that the callback is inlined
  }
}

// Splits UTF-8 `text` into pieces that tokenize independently and calls
// piece(begin, end, is_ascii) for each, in order; together they cover the
// text. A cut is made before an ASCII character other than a space or a
// control that follows a space: UAX #29 always breaks there (no rule joins
// across a space except space runs, WB3d, and no rule looks further than the
// next character), so tokenizing each piece finds the tokens of the whole.
// Text with a few non-ASCII characters (curly quotes, accented names) thus
// leaves only the words around them to ICU.
template <class Piece>
inline void split_pieces(std::string_view text, Piece&& piece) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const auto cut_before = [&](std::size_t p) { return s[p - 1] == ' ' && s[p] > 0x20 && s[p] < 0x80; };
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j + 8 <= n && (load64(s + j) & 0x8080808080808080ULL) == 0) j += 8;
    while (j < n && s[j] < 0x80) ++j;
    if (j == n) {
      piece(i, n, true);
      return;
    }
    std::size_t a = j, b = j + 1;
    while (a > i && !cut_before(a)) --a;
    while (b < n && !cut_before(b)) ++b;
    if (a > i) piece(i, a, true);
    piece(a, b, false);
    i = b;
  }
}

// Python's `\w` on ASCII: A-Z a-z 0-9 _.
inline bool python_word_byte(unsigned char c) noexcept {
  return static_cast<unsigned>((c | 0x20) - 'a') < 26u || static_cast<unsigned>(c - '0') < 10u || c == '_';
}

// Calls emit(start, end) for every match of scikit-learn's default
// token_pattern `(?u)\b\w\w+\b` in pure-ASCII `text`: the runs of two or
// more word bytes, in order.
template <class Emit>
inline void scan_python_words(std::string_view text, Emit&& emit) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!python_word_byte(s[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    for (;; i += 8) {
      if (i + 8 > n) {
        while (i < n && python_word_byte(s[i])) ++i;
        break;
      }
      if (const std::uint64_t m = nonword_bytes<false>(load64(s + i))) {
        i += std::countr_zero(m) >> 3;
        break;
      }
    }
    if (i - start >= 2) emit(start, i);
  }
}

// Lowercases eight ASCII bytes: sets bit 5 of every byte in 'A'..'Z'.
inline std::uint64_t lower8(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  const std::uint64_t ge_a = (w + (0x80 - 'A') * ones) & high;
  const std::uint64_t gt_z = (w + (0x80 - 'Z' - 1) * ones) & high;
  return w | ((ge_a & ~gt_z) >> 2);
}

// The id of ASCII token text[start, end), lowercased when `fold`. Tokens of up
// to 16 bytes are keyed from one or two 8-byte loads, in registers. Always
// inlined into the scanning loops: a call per token costs a tenth of the path.
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline Vocabulary::id_type intern(Vocabulary& vocab, std::string_view text, std::size_t start,
                                  std::size_t end, bool fold, std::string& scratch) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = end - start;
  if (size <= 8 && start + 8 <= text.size()) {
    std::uint64_t w = load64(s + start);
    if (fold) w = lower8(w);
    if (size < 8) w &= (std::uint64_t{1} << (8 * size)) - 1;
    return vocab.intern(Vocabulary::Key::short_term(w, size));
  }
  if (size >= 8 && size <= 16) {  // two loads, the second overlapping
    std::uint64_t w0 = load64(s + start), w1 = load64(s + end - 8);
    if (fold) {
      w0 = lower8(w0);
      w1 = lower8(w1);
    }
    char buf[16];
    std::memcpy(buf, &w0, 8);
    std::memcpy(buf + size - 8, &w1, 8);
    return vocab.intern(Vocabulary::Key(std::string_view(buf, size)));
  }
  return intern_ascii(text.substr(start, size), fold, vocab, scratch);
}

}  // namespace textgauge::ascii
