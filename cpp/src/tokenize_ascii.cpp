// The ASCII fast path of the word tokenizer.
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
#include <unicode/uchar.h>

#include <array>

#include "textgauge/text.hpp"

namespace textgauge {

namespace {

enum Cls : std::uint8_t { kOther, kLetter, kDigit, kExtend, kMidBoth, kMidNum, kSkip };

struct AsciiTables {
  std::array<std::uint8_t, 128> cls{};
  std::array<TokenKind, 128> single{};  // kind of a one-character non-word token
  AsciiTables() {
    for (int c = 0; c < 128; ++c) {
      std::uint8_t k = kOther;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@')
        k = kLetter;
      else if (c >= '0' && c <= '9')
        k = kDigit;
      else if (c == '_')
        k = kExtend;
      else if (c == '.' || c == '\'')
        k = kMidBoth;
      else if (c == ',' || c == ';')
        k = kMidNum;
      // Whitespace and controls separate tokens and are never tokens themselves,
      // exactly as in the ICU path (which asks ICU for the general category).
      else if (c < 0x20 || c == ' ' || c == 0x7f)
        k = kSkip;
      cls[c] = k;
      // Punctuation vs symbol from ICU's own general category, so that both
      // paths agree by construction.
      single[c] = (U_GET_GC_MASK(c) & U_GC_P_MASK) ? TokenKind::punctuation : TokenKind::symbol;
    }
  }
};

const AsciiTables& tables() {
  static const AsciiTables t;
  return t;
}

}  // namespace

void tokenize_ascii(std::string_view text, std::vector<Token>& out, std::int64_t byte_base,
                    std::int64_t cp_base) {
  const auto& T = tables();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::int64_t shift = cp_base - byte_base;  // ASCII: code points == bytes
  auto is_word = [&](std::size_t k) {
    const std::uint8_t c = T.cls[s[k]];
    return c == kLetter || c == kDigit || c == kExtend;
  };
  auto emit = [&](std::size_t start, std::size_t end, TokenKind kind) {
    const std::int64_t b = byte_base + static_cast<std::int64_t>(start);
    const std::int64_t e = byte_base + static_cast<std::int64_t>(end);
    out.push_back(Token{Span{b, e, b + shift, e + shift}, kind});
  };
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t c = T.cls[s[i]];
    if (c == kSkip) {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    if (c != kLetter && c != kDigit && c != kExtend) {
      emit(start, i, T.single[s[start]]);
      continue;
    }
    for (;;) {
      while (i < n && is_word(i)) ++i;
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
    TokenKind kind;
    if (last == kLetter)
      kind = TokenKind::word;
    else if (last == kDigit)
      kind = TokenKind::number;
    else if (i - start == 1)
      kind = T.single['_'];  // a lone '_' has rule status "none"
    else
      kind = T.cls[s[i - 2]] == kDigit ? TokenKind::number : TokenKind::word;
    emit(start, i, kind);
  }
}

}  // namespace textgauge
