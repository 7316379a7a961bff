// See ascii_words.hpp for the rules.
#include <unicode/uchar.h>

#include "text/ascii_words.hpp"

namespace textgauge {

namespace ascii {

Tables::Tables() {
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

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace ascii

bool ascii_classifiers_agree(const char* block) noexcept {
#if defined(__SSE2__)
  const auto* p = reinterpret_cast<const unsigned char*>(block);
  const ascii::BlockClasses a = ascii::classify_sse2(p), b = ascii::classify_portable(p);
  return a.letter == b.letter && a.digit == b.digit && a.word == b.word && a.mid == b.mid &&
         a.midnum == b.midnum && a.skip == b.skip;
#else
  (void)block;
  return true;  // only the portable classifier exists here
#endif
}

void tokenize_ascii(std::string_view text, std::vector<Token>& out, std::int64_t byte_base,
                    std::int64_t cp_base) {
  const std::int64_t shift = cp_base - byte_base;  // ASCII: code points == bytes
  // Per thread: this is the Segmenter's path, one call per paragraph.
  thread_local std::vector<std::uint64_t> masks;
  ascii::scan(text, masks, [&](std::size_t start, std::size_t end, TokenKind kind) {
    const std::int64_t b = byte_base + static_cast<std::int64_t>(start);
    const std::int64_t e = byte_base + static_cast<std::int64_t>(end);
    out.push_back(Token{Span{b, e, b + shift, e + shift}, kind});
  });
}

}  // namespace textgauge
