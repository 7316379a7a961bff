// Paragraphs, sentences and tokens with ICU (see text.hpp for the model).
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstring>
#include <string>

#include "text/ascii_words.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// Whitespace, controls and format characters separate units and are not
// tokens. NUL, a stray ZWJ, a BOM or a soft hyphen standing alone count here.
bool is_separator(UChar32 c) {
  return u_isUWhiteSpace(c) || (U_GET_GC_MASK(c) & (U_GC_CC_MASK | U_GC_CF_MASK | U_GC_Z_MASK));
}

// Narrows [a, b) of UTF-8 `s` past separators at both ends; false when
// nothing else is left. Tokens and sentences are trimmed alike.
bool trim_separators(const std::uint8_t* s, std::int32_t& a, std::int32_t& b) {
  while (a < b) {
    std::int32_t k = a;
    UChar32 c;
    U8_NEXT_UNSAFE(s, k, c);
    if (!is_separator(c)) break;
    a = k;
  }
  while (b > a) {
    std::int32_t k = b;
    UChar32 c;
    U8_PREV_UNSAFE(s, k, c);
    if (!is_separator(c)) break;
    b = k;
  }
  return a < b;
}

TokenKind kind_from_category(UChar32 c) {
  const auto m = U_GET_GC_MASK(c);
  if (m & U_GC_L_MASK) return TokenKind::word;
  if (m & U_GC_N_MASK) return TokenKind::number;
  if (m & U_GC_P_MASK) return TokenKind::punctuation;
  return TokenKind::symbol;
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw Error(std::string("ICU error in ") + what + ": " + u_errorName(status));
}

// Code points up to a byte offset. Units arrive in text order, so the cost of
// all offset conversions in one text is a single pass over it.
class CodePointCursor {
 public:
  CodePointCursor(std::string_view text, std::int64_t cp_base) : text_(text), cp_(cp_base) {}
  std::int64_t at(std::int64_t byte) {
    cp_ += static_cast<std::int64_t>(count_code_points(
        text_.substr(static_cast<std::size_t>(byte_), static_cast<std::size_t>(byte - byte_))));
    byte_ = byte;
    return cp_;
  }

 private:
  std::string_view text_;
  std::int64_t byte_ = 0, cp_;
};

// Building a break iterator from ICU's rules costs far more than cloning one
// (the sentence iterator with abbreviation suppression most of all), so each
// kind is built once per process and cloned per Segmenter, on first use.
std::unique_ptr<icu::BreakIterator> clone_prototype(bool sentences) {
  static const std::unique_ptr<icu::BreakIterator> word = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    check(status, "createWordInstance");
    return bi;
  }();
  static const std::unique_ptr<icu::BreakIterator> sentence = [] {
    UErrorCode status = U_ZERO_ERROR;
    // "ss=standard" turns on ICU's list of abbreviations that do not end a
    // sentence ("Mr.", "U.S.", ...): news text is full of them.
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    check(status, "createSentenceInstance");
    return bi;
  }();
  // clone() is const and documented as safe to call concurrently.
  return std::unique_ptr<icu::BreakIterator>((sentences ? sentence : word)->clone());
}

}  // namespace

struct Segmenter::Icu {
  std::unique_ptr<icu::BreakIterator> words_, sentences_;
  UTextPtr utext{nullptr};
  std::string scratch;

  icu::BreakIterator& words() {
    if (!words_) words_ = clone_prototype(false);
    return *words_;
  }
  icu::BreakIterator& sentences() {
    if (!sentences_) sentences_ = clone_prototype(true);
    return *sentences_;
  }

  // Points `bi` at `text` without copying (indices are UTF-8 byte offsets).
  void set_text(icu::BreakIterator& bi, std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext.reset(utext_openUTF8(utext.release(), text.data(), static_cast<int64_t>(text.size()), &status));
    check(status, "utext_openUTF8");
    bi.setText(utext.get(), status);
    check(status, "BreakIterator::setText");
  }
};

Segmenter::Segmenter(SegmentOptions options) : options_(options), icu_(std::make_unique<Icu>()) {}
Segmenter::~Segmenter() = default;
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;

std::vector<Span> Segmenter::paragraphs(std::string_view text) const {
  std::vector<Span> out;
  append_paragraphs(text, out);
  return out;
}

void Segmenter::append_paragraphs(std::string_view text, std::vector<Span>& out) const {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int64_t>(text.size());
  std::int64_t i = 0, cp = 0;                                    // byte offset and code points before it
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {  // skip a BOM
    i = 3;
    cp = 1;
  }
  bool open = false;  // inside a paragraph
  Span cur{};
  // Scan line by line. A line is blank when it holds only separators.
  // The next LF is remembered: text with CR-only line ends (old Mac files)
  // would otherwise search to the end of the text for every line, O(n^2).
  std::int64_t next_lf = -1;
  while (i < n) {
    // The line ends at the first LF or CR (memchr: news text is mostly long lines).
    if (next_lf < i) {
      const auto* lf =
          static_cast<const std::uint8_t*>(std::memchr(s + i, '\n', static_cast<std::size_t>(n - i)));
      next_lf = lf ? lf - s : n;
    }
    std::int64_t j = next_lf;
    if (const void* cr = std::memchr(s + i, '\r', static_cast<std::size_t>(j - i)))
      j = static_cast<const std::uint8_t*>(cr) - s;
    std::int64_t first = -1, last_end = -1, first_cp = 0, last_end_cp = 0, jcp = cp;
    const std::string_view line(text.data() + i, static_cast<std::size_t>(j - i));
    if (is_ascii(line)) {  // is_separator() for ASCII: controls, space and DEL
      auto sep = [](std::uint8_t c) { return c <= 0x20 || c == 0x7f; };
      std::int64_t a = i, b = j;
      while (a < b && sep(s[a])) ++a;
      while (b > a && sep(s[b - 1])) --b;
      if (a < b) {
        first = a;
        last_end = b;
        first_cp = cp + (a - i);
        last_end_cp = cp + (b - i);
      }
      jcp = cp + (j - i);
    } else {
      for (std::int64_t k = i; k < j;) {
        const std::int64_t start = k;
        UChar32 c;
        U8_NEXT_UNSAFE(s, k, c);
        if (!is_separator(c)) {
          if (first < 0) {
            first = start;
            first_cp = jcp;
          }
          last_end = k;
          last_end_cp = jcp + 1;
        }
        ++jcp;
      }
    }
    // j is at the line end (or n); consume CRLF, CR or LF.
    std::int64_t next = j;
    if (next < n) next += (s[next] == '\r' && next + 1 < n && s[next + 1] == '\n') ? 2 : 1;
    const std::int64_t next_cp = jcp + (next - j);
    if (first >= 0) {
      if (open && options_.paragraphs == ParagraphMode::blank_lines) {
        cur.byte_end = last_end;
        cur.cp_end = last_end_cp;
      } else {
        if (open) out.push_back(cur);
        cur = Span{first, last_end, first_cp, last_end_cp};
        open = true;
      }
    } else if (open) {
      out.push_back(cur);
      open = false;
    }
    i = next;
    cp = next_cp;
  }
  if (open) out.push_back(cur);
}

void Segmenter::tokenize(std::string_view text, std::vector<Token>& out, std::int64_t byte_base,
                         std::int64_t cp_base, bool use_icu) {
  if (use_icu || !options_.ascii_fast_path || !ascii_fast_path_agrees_with_icu()) {
    tokenize_icu(text, out, byte_base, cp_base);
    return;
  }
  // Code points before each piece: one pass over the text in all.
  std::size_t counted = 0;
  ascii::split_pieces(text, [&](std::size_t b, std::size_t e, bool ascii) {
    cp_base += static_cast<std::int64_t>(count_code_points(text.substr(counted, b - counted)));
    counted = b;
    const std::string_view piece = text.substr(b, e - b);
    const auto byte_at = byte_base + static_cast<std::int64_t>(b);
    if (ascii)
      tokenize_ascii(piece, out, byte_at, cp_base);
    else
      tokenize_icu(piece, out, byte_at, cp_base);
  });
}

void Segmenter::tokenize_icu(std::string_view text, std::vector<Token>& out, std::int64_t byte_base,
                             std::int64_t cp_base) {
  auto& bi = icu_->words();
  icu_->set_text(bi, text);
  CodePointCursor cursor(text, cp_base);
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  std::int32_t start = bi.first();
  for (std::int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    // Trim separators at both ends, as sentences are trimmed: ICU attaches a
    // format character to its neighbour (WB4: "abc<SHY>", "x<ZWJ>") and lets a
    // ZWJ lead an emoji sequence even after a separator (WB3c), so an untrimmed
    // token could start or end outside its (trimmed) sentence.
    std::int32_t a = start, b = end;
    if (!trim_separators(s, a, b)) continue;  // whitespace and lone separators are not tokens
    std::int32_t k = a;
    UChar32 first;
    U8_NEXT_UNSAFE(s, k, first);
    const std::int32_t status = bi.getRuleStatus();
    TokenKind kind;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
      kind = TokenKind::number;
    } else if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) {
      kind = TokenKind::word;
    } else {
      kind = kind_from_category(first);  // status "none": punctuation, symbols, emoji sequences
    }
    const std::int64_t cs = cursor.at(a);
    const std::int64_t ce = cursor.at(b);
    out.push_back(Token{Span{byte_base + a, byte_base + b, cs, ce}, kind});
  }
}

Segmentation Segmenter::segment(std::string_view text) {
  Segmentation seg;
  seg.tokens.reserve(text.size() / 5 + 4);  // news text: about one token per 5-6 bytes
  segment_append(text, seg);
  return seg;
}

void Segmenter::segment_append(std::string_view text, Segmentation& seg) {
  const std::size_t first_paragraph = seg.paragraphs.size();
  const std::size_t doc_first_sentence = seg.sentences.size();
  append_paragraphs(text, seg.paragraphs);
  for (std::size_t p = first_paragraph; p < seg.paragraphs.size(); ++p) {
    const Span ps = seg.paragraphs[p];
    const std::string_view ptext = text.substr(static_cast<std::size_t>(ps.byte_start),
                                               static_cast<std::size_t>(ps.byte_end - ps.byte_start));
    const std::size_t first_token = seg.tokens.size();
    if (options_.tokens) tokenize(ptext, seg.tokens, ps.byte_start, ps.cp_start);
    const auto pi = static_cast<std::int32_t>(p - first_paragraph);  // indices are document-local
    seg.token_paragraph.resize(seg.tokens.size(), pi);

    const std::size_t first_sentence = seg.sentences.size();
    if (options_.sentences) {
      // Line ends inside a paragraph are read as spaces: hard-wrapped text
      // must not end a sentence at every line. Same byte length, so offsets hold.
      std::string& flat = icu_->scratch;
      flat.assign(ptext);
      for (char& ch : flat)
        if (ch == '\n' || ch == '\r') ch = ' ';
      auto& bi = icu_->sentences();
      icu_->set_text(bi, flat);
      CodePointCursor cursor(ptext, ps.cp_start);
      const auto* s = reinterpret_cast<const std::uint8_t*>(flat.data());
      std::int32_t start = bi.first();
      for (std::int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
        // Trim separators at both ends; skip a sentence that is only separators.
        std::int32_t a = start, b = end;
        if (!trim_separators(s, a, b)) continue;
        const std::int64_t ca = cursor.at(a), cb = cursor.at(b);
        seg.sentences.push_back(Span{ps.byte_start + a, ps.byte_start + b, ca, cb});
      }
      icu_->set_text(bi, std::string_view());  // the scratch buffer is reused
    }
    if (seg.sentences.size() == first_sentence) seg.sentences.push_back(ps);
    seg.sentence_paragraph.resize(seg.sentences.size(), pi);

    // Each token belongs to the sentence holding its first byte.
    std::size_t si = first_sentence;
    for (std::size_t t = first_token; t < seg.tokens.size(); ++t) {
      const auto b = seg.tokens[t].span.byte_start;
      while (si + 1 < seg.sentences.size() && seg.sentences[si + 1].byte_start <= b) ++si;
      seg.token_sentence.push_back(static_cast<std::int32_t>(si - doc_first_sentence));
    }
  }
}

bool ascii_fast_path_agrees_with_icu() {
  static const bool agrees = [] {
    // Every ASCII character between (and next to) representatives of each class.
    const char context[] = {'a', 'Z', '1', '_', '.', '\'', ',', ';', ':', '@', ' ', '-'};
    std::string probe;
    for (int c = 0; c < 128; ++c)
      for (char x : context)
        for (char y : context) {
          probe += x;
          probe += static_cast<char>(c);
          probe += y;
          probe += static_cast<char>(c);
          probe += static_cast<char>(c);
          probe += "\n";
        }
    Segmenter icu_only(SegmentOptions{ParagraphMode::lines, false, false});
    std::vector<Token> a, b;
    icu_only.tokenize(probe, a, 0, 0, true);
    tokenize_ascii(probe, b);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].span.byte_start != b[i].span.byte_start || a[i].span.byte_end != b[i].span.byte_end ||
          a[i].kind != b[i].kind)
        return false;
    return true;
  }();
  return agrees;
}

std::size_t raw_word_boundaries(const std::vector<std::string_view>& texts) {
  auto bi = clone_prototype(false);
  UErrorCode status = U_ZERO_ERROR;
  UTextPtr ut{nullptr};
  std::size_t n = 0;
  for (const auto& text : texts) {
    ut.reset(utext_openUTF8(ut.release(), text.data(), static_cast<int64_t>(text.size()), &status));
    bi->setText(ut.get(), status);
    check(status, "BreakIterator::setText");
    for (std::int32_t b = bi->first(); b != icu::BreakIterator::DONE; b = bi->next()) ++n;
  }
  return n;
}

}  // namespace textgauge
