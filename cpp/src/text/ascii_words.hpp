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
#include <vector>

#include "text/byte_masks.hpp"
#include "textgauge/text/terms.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/vocabulary.hpp"

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

using bytes::load64;
using bytes::lower8;

// Bit 7 of each byte of `w` (eight ASCII bytes) that is not Python's `\w`
// (A-Z a-z 0-9 _).
inline std::uint64_t non_python_word_bytes(std::uint64_t w) noexcept {
  using bytes::in;
  return ~(in(w | (0x20 * bytes::kOnes), 'a', 'z') | in(w, '0', '9') | in(w, '_', '_')) & bytes::kHigh;
}

// Byte classes of a 64-byte block as bit masks (bit j: byte j).
struct BlockClasses {
  std::uint64_t letter, digit, word, mid, midnum, skip;
};

// Classifies 64 ASCII bytes. The portable version is always compiled (and is
// what non-x86 builds run); a test checks the SSE2 one gives the same masks.
inline BlockClasses classify_portable(const unsigned char* p) noexcept {
  using bytes::gather;
  using bytes::in;
  BlockClasses c{};
  for (unsigned j = 0; j < 8; ++j) {
    const std::uint64_t w = load64(p + 8 * j);
    const std::uint64_t letter = in(w | (0x20 * bytes::kOnes), 'a', 'z') | in(w, '@', '@');
    const std::uint64_t digit = in(w, '0', '9');
    c.letter |= gather(letter, j);
    c.digit |= gather(digit, j);
    c.word |= gather(letter | digit | in(w, '_', '_'), j);
    c.mid |= gather(in(w, '.', '.') | in(w, '\'', '\''), j);
    c.midnum |= gather(in(w, ',', ',') | in(w, ';', ';'), j);
    c.skip |= gather(in(w, 0, 0x20) | in(w, 0x7f, 0x7f), j);
  }
  return c;
}

#if defined(__SSE2__)
inline BlockClasses classify_sse2(const unsigned char* p) noexcept {
  using bytes::eq;
  using bytes::gather;
  using bytes::in;
  BlockClasses c{};
  for (unsigned i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i letter = _mm_or_si128(in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z'), eq(v, '@'));
    const __m128i digit = in(v, '0', '9');
    c.letter |= gather(letter, i);
    c.digit |= gather(digit, i);
    c.word |= gather(_mm_or_si128(_mm_or_si128(letter, digit), eq(v, '_')), i);
    c.mid |= gather(_mm_or_si128(eq(v, '.'), eq(v, '\'')), i);
    c.midnum |= gather(_mm_or_si128(eq(v, ','), eq(v, ';')), i);
    c.skip |= gather(_mm_or_si128(in(v, 0, 0x20), eq(v, 0x7f)), i);
  }
  return c;
}
#endif

inline BlockClasses classify(const unsigned char* p) noexcept {
#if defined(__SSE2__) && !defined(TEXTGAUGE_NO_SSE2)
  return classify_sse2(p);
#else
  return classify_portable(p);
#endif
}

// Calls emit(start, end, kind) for every token of pure-ASCII `text`, in order
// (byte offsets relative to `text`).
//
// The rules above as bit masks, 64 bytes at a time: a byte joins a word when
// it is a word byte, or a mid character between two letters (. ') or two
// digits (. ' , ;); tokens are the runs of joined bytes and every other byte
// that is not skipped. Finding tokens with shifts and ctz costs a fixed few
// instructions per token instead of branches on every byte, which mispredict.
// `masks` is scratch space, reused from call to call.
template <class Emit>
inline void scan(std::string_view text, std::vector<std::uint64_t>& masks, Emit&& emit) {
  const Tables& T = tables();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (n == 0) return;
  // At least one byte of padding after the text (zero bytes: skipped), so
  // that every run of joined bytes ends inside the masks.
  const std::size_t blocks = n / 64 + 1;
  if (masks.size() < 2 * blocks) masks.resize(2 * blocks);  // per block: joined bytes, token starts
  unsigned char tail[64];
  const auto block_classes = [&](std::size_t k) {
    if (64 * k + 64 <= n) return classify(s + 64 * k);
    // The last, partial block, zero padded. Fixed-size copies only: a
    // variable-length memcpy is a libc call, once per text.
    std::memset(tail, 0, sizeof tail);
    const std::size_t from = 64 * k, rest = n > from ? n - from : 0;
    std::size_t i = 0;
    for (; i + 8 <= rest; i += 8) std::memcpy(tail + i, s + from + i, 8);
    for (; i < rest; ++i) tail[i] = s[from + i];
    return classify(tail);
  };
  BlockClasses cur = block_classes(0);
  std::uint64_t prev_letter = 0, prev_digit = 0, prev_joined = 0;
  for (std::size_t k = 0; k < blocks; ++k) {
    const BlockClasses next =
        k + 1 < blocks ? block_classes(k + 1) : BlockClasses{0, 0, 0, 0, 0, ~std::uint64_t{0}};
    const std::uint64_t letter_before = (cur.letter << 1) | (prev_letter >> 63);
    const std::uint64_t letter_after = (cur.letter >> 1) | (next.letter << 63);
    const std::uint64_t digit_before = (cur.digit << 1) | (prev_digit >> 63);
    const std::uint64_t digit_after = (cur.digit >> 1) | (next.digit << 63);
    const std::uint64_t joined = cur.word | (cur.mid & letter_before & letter_after) |
                                 ((cur.mid | cur.midnum) & digit_before & digit_after);
    const std::uint64_t run_starts = joined & ~((joined << 1) | (prev_joined >> 63));
    masks[2 * k] = joined;
    masks[2 * k + 1] = run_starts | (~joined & ~cur.skip);
    prev_letter = cur.letter;
    prev_digit = cur.digit;
    prev_joined = joined;
    cur = next;
  }
  for (std::size_t k = 0; k < blocks; ++k) {
    const std::uint64_t joined = masks[2 * k];
    for (std::uint64_t starts = masks[2 * k + 1]; starts; starts &= starts - 1) {
      const auto j = static_cast<unsigned>(std::countr_zero(starts));
      const std::size_t start = 64 * k + j;
      std::size_t end = start + 1;
      TokenKind kind;
      if (!((joined >> j) & 1)) {
        kind = T.single[s[start]];
      } else {
        // The run's end: the first byte after it that is not joined.
        if (const std::uint64_t rest = ~joined >> j; rest) {
          end = start + static_cast<std::size_t>(std::countr_zero(rest));
        } else {
          std::size_t kk = k + 1;
          while (masks[2 * kk] == ~std::uint64_t{0}) ++kk;
          end = 64 * kk + static_cast<std::size_t>(std::countr_zero(~masks[2 * kk]));
        }
        // ICU's rule status follows the last two classes of the token.
        const std::uint8_t last = T.cls[s[end - 1]];
        if (last == kLetter)
          kind = TokenKind::word;
        else if (last == kDigit)
          kind = TokenKind::number;
        else if (end - start == 1)
          kind = T.single['_'];  // a lone '_' has rule status "none"
        else
          kind = T.cls[s[end - 2]] == kDigit ? TokenKind::number : TokenKind::word;
      }
      emit(start, end, kind);  // one call site, so that the callback is inlined
    }
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
      if (const std::uint64_t m = non_python_word_bytes(load64(s + i))) {
        i += std::countr_zero(m) >> 3;
        break;
      }
    }
    if (i - start >= 2) emit(start, i);
  }
}

// A copy of ASCII `text` in `out`, lowercased when `fold`, followed by 8 zero
// bytes (so that key() may load 8 bytes anywhere in it).
inline void copy_padded(std::string_view text, bool fold, std::string& out) {
  const std::size_t n = text.size();
  out.resize(n + 8);
  char* o = out.data();
  std::size_t i = 0;
  if (fold) {
    for (; i + 8 <= n; i += 8) {
      const std::uint64_t w = lower8(load64(text.data() + i));
      std::memcpy(o + i, &w, 8);
    }
    for (; i < n; ++i) o[i] = static_cast<char>(lower8(static_cast<unsigned char>(text[i])));
  } else {
    std::memcpy(o, text.data(), n);
  }
  std::memset(o + n, 0, 8);
}

// The key of token [start, end) of a copy_padded() buffer, written in place
// (a Key returned by value goes through the stack, and reading it back in
// wider loads than it was written with stalls).
inline void key(const std::string& padded, std::size_t start, std::size_t end,
                Vocabulary::Key& out) noexcept {
  const std::size_t size = end - start;
  if (size <= 8) {
    const std::uint64_t w = load64(padded.data() + start);
    out.prefix = size < 8 ? w & ((std::uint64_t{1} << (8 * size)) - 1) : w;
    out.hash = Vocabulary::Key::short_hash(out.prefix, size);
    out.data = nullptr;
    out.size = size;
    return;
  }
  out = Vocabulary::Key(std::string_view(padded.data() + start, size));
}

// The id of ASCII token text[start, end), lowercased when `fold`. Tokens of up
// to 16 bytes are keyed from one or two 8-byte loads, in registers. Always
// inlined into the scanning loops: a call per token costs a tenth of the path.
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline Vocabulary::id_type
intern(Vocabulary& vocab, std::string_view text, std::size_t start, std::size_t end, bool fold,
       std::string& scratch) {
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
