#pragma once
// The text model: a UTF-8 text splits into paragraphs, sentences and tokens.
//
// Every unit carries a byte span and a code-point span into the text it came
// from, so that Python's `text[cp_start:cp_end]` returns the unit. Whitespace
// and control/format characters (NUL, ZWJ standing alone, ...) separate tokens
// and are never tokens themselves.
//
// Segmentation follows ICU: sentences from the sentence BreakIterator (run
// within a paragraph, with line ends inside a paragraph read as spaces so that
// hard-wrapped text is not cut at every line), tokens from the word
// BreakIterator (UAX #29 with ICU's dictionaries for CJK and Thai). Paragraphs
// made only of bytes < 0x80 take an ASCII fast path that yields exactly the
// tokens, kinds and offsets of the ICU path (a test runs both over the shared
// corpora); in other paragraphs only the words around non-ASCII characters go
// to ICU.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

enum class TokenKind : std::uint8_t {
  word = 0,         // letters, possibly with digits, ' . : _ inside (don't, U.S., a_b)
  number = 1,       // digits, possibly with , . inside (1,000.5)
  punctuation = 2,  // a general-category P* character (. , ! “ — ...)
  symbol = 3,       // symbols and emoji, including ZWJ sequences (€ + 👍🏽 👨‍👩‍👧)
};

template <>
struct OptionTable<TokenKind> {
  static constexpr std::string_view label = "token kind";
  static constexpr std::array<OptionName<TokenKind>, 4> entries{{
      {TokenKind::word, "word"},
      {TokenKind::number, "number"},
      {TokenKind::punctuation, "punctuation"},
      {TokenKind::symbol, "symbol"},
  }};
};
inline const char* kind_name(TokenKind kind) noexcept { return option_name(kind); }

struct Span {
  std::int64_t byte_start = 0, byte_end = 0;  // [start, end) in bytes of the UTF-8 text
  std::int64_t cp_start = 0, cp_end = 0;      // [start, end) in code points
};

struct Token {
  Span span;
  TokenKind kind;
};

enum class ParagraphMode {
  blank_lines,  // paragraphs are separated by one or more blank (whitespace-only) lines
  lines,        // every non-blank line is a paragraph
};
template <>
struct OptionTable<ParagraphMode> {
  static constexpr std::string_view label = "paragraphs";
  static constexpr std::array<OptionName<ParagraphMode>, 2> entries{{
      {ParagraphMode::blank_lines, "blank"},
      {ParagraphMode::lines, "line"},
  }};
};

struct SegmentOptions {
  ParagraphMode paragraphs = ParagraphMode::blank_lines;
  bool sentences = true;        // run the sentence BreakIterator
  bool tokens = true;           // run the word BreakIterator (off: paragraphs and sentences only)
  bool ascii_fast_path = true;  // off: every paragraph goes through ICU (for tests and benchmarks)
};

// Units of one text. Sentences and tokens are in text order; each records the
// index of the paragraph (and, for tokens, of the sentence) that holds it.
// When sentences are not computed, each paragraph counts as one sentence.
struct Segmentation {
  std::vector<Span> paragraphs;
  std::vector<Span> sentences;
  std::vector<std::int32_t> sentence_paragraph;
  std::vector<Token> tokens;
  std::vector<std::int32_t> token_paragraph;
  std::vector<std::int32_t> token_sentence;
};

// Splits well-formed UTF-8 into units (validate with ensure_utf8 first). A
// leading byte-order mark is skipped; CRLF and CR line ends are understood.
// A Segmenter owns ICU break iterators: create one per thread and reuse it.
class Segmenter {
 public:
  explicit Segmenter(SegmentOptions options = {});
  ~Segmenter();
  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;

  Segmentation segment(std::string_view text);
  // The same, appended to `out` (which may hold other texts' units): indices
  // stored in it (paragraph of a sentence, paragraph and sentence of a token)
  // are local to this text. Lets a corpus keep all units in flat arrays.
  void segment_append(std::string_view text, Segmentation& out);

  // Paragraph spans only.
  std::vector<Span> paragraphs(std::string_view text) const;
  void append_paragraphs(std::string_view text, std::vector<Span>& out) const;

  // Tokens of `text` appended to `out`, offsets relative to `text` plus the
  // given bases. `use_icu` forces the ICU path for ASCII text.
  void tokenize(std::string_view text, std::vector<Token>& out, std::int64_t byte_base = 0,
                std::int64_t cp_base = 0, bool use_icu = false);
  // The ICU path alone.
  void tokenize_icu(std::string_view text, std::vector<Token>& out, std::int64_t byte_base = 0,
                    std::int64_t cp_base = 0);

  const SegmentOptions& options() const noexcept { return options_; }

 private:
  struct Icu;
  SegmentOptions options_;
  std::unique_ptr<Icu> icu_;
};

// The ASCII fast path on its own (text must be pure ASCII). Exposed so tests
// and benchmarks can compare it with the ICU path.
void tokenize_ascii(std::string_view text, std::vector<Token>& out, std::int64_t byte_base = 0,
                    std::int64_t cp_base = 0);

// Whether the ASCII fast path gives the ICU path's tokens on a probe set that
// exercises every ASCII character between each class (computed once). A
// Segmenter only uses the fast path when it does, so a future ICU whose word
// rules change for ASCII costs speed, never correctness.
bool ascii_fast_path_agrees_with_icu();

// For tests: whether the fast path's SSE2 and portable byte classifiers give
// the same class masks for the 64 ASCII bytes at `block` (the portable one
// runs where SSE2 is missing; true where it is the only one built).
bool ascii_classifiers_agree(const char* block) noexcept;

// Benchmark baseline: the number of boundaries a bare ICU word BreakIterator
// loop finds in `texts` (no kinds, no offsets, no interning).
std::size_t raw_word_boundaries(const std::vector<std::string_view>& texts);

}  // namespace textgauge
