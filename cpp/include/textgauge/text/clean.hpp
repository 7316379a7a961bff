#pragma once
// Cleaning of raw (news) text that keeps the way back to the original.
//
// A Cleaner runs a list of steps over a UTF-8 text, in the order given, and
// returns the cleaned text together with a SpanMap from the cleaned text back
// to the text it was given. Where textacy.preprocessing has the same step, the
// cleaned text is textacy's output, character for character (docs/cleaning.md
// lists the steps, the textacy function each reproduces and the documented
// differences); the regular expressions are run with ICU, with Python's `re`
// semantics written out (`\w`, `\s`, `\b`, `$`) where ICU's differ.
//
// The span map. Cleaning copies most bytes and replaces a few runs: an entity
// `&amp;` becomes `&`, a URL becomes `_URL_`, a run of spaces becomes one, a
// tag becomes nothing. The map is the sequence of these pieces, each either a
// copy (byte i of the piece in the cleaned text is byte i of it in the
// original) or a replacement (the piece's cleaned bytes stand, as a whole, for
// its original bytes). Pieces tile both texts in order. The original span of a
// cleaned range [start, end) is: from the start of `start` (its exact byte in a
// copy, the first byte of the whole replaced run otherwise) to the end of
// `end - 1` (likewise, the end of the whole replaced run). So a token that
// holds any part of a replacement maps to the whole replaced text (`&`, from
// `&amp;`, maps back to `&amp;`; `example` joined from `exam-\nple` maps back
// to `exam-\nple`), and original spans of successive tokens never decrease.
// Maps compose: each step maps its output to its input, and `then` gives the
// map from the last output to the first input.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "textgauge/options.hpp"

namespace textgauge {

enum class CleanStep : std::uint8_t {
  html_entities,     // &amp; &#39; &#x27; (html.unescape), and the broken ` #39;` `&amp;#39;` forms
  html_tags,         // <b>, </a>, <!-- -->, <!DOCTYPE>, <?x?> removed, then strip (textacy html_tags)
  urls,              // textacy replace.urls
  emails,            // textacy replace.emails
  phone_numbers,     // textacy replace.phone_numbers
  numbers,           // textacy replace.numbers
  currency_symbols,  // textacy replace.currency_symbols
  emojis,            // textacy replace.emojis
  hashtags,          // textacy replace.hashtags
  user_handles,      // textacy replace.user_handles
  hyphenated_words,  // textacy normalize.hyphenated_words (exam-\nple -> example)
  whitespace,        // textacy normalize.whitespace (line breaks collapse to one)
  spaces,            // whitespace that keeps paragraphs: a blank line stays one blank line
  quotes,            // textacy normalize.quotation_marks
  dashes,            // ‐ ‑ ‒ – — ― − ﹘ ﹣ － -> -
  punctuation,       // textacy remove.punctuation (each P* character -> space)
  brackets,          // textacy remove.brackets (curly, square, then round)
  boilerplate,       // news datelines, bylines, "Read more" lines
  unicode,           // textacy normalize.unicode (NFC)
  accents,           // textacy remove.accents (NFKD, combining marks dropped)
};
template <>
struct OptionTable<CleanStep> {
  static constexpr std::string_view label = "cleaning step";
  static constexpr std::array<OptionName<CleanStep>, 20> entries{{
      {CleanStep::html_entities, "html_entities"},
      {CleanStep::html_tags, "html_tags"},
      {CleanStep::urls, "urls"},
      {CleanStep::emails, "emails"},
      {CleanStep::phone_numbers, "phone_numbers"},
      {CleanStep::numbers, "numbers"},
      {CleanStep::currency_symbols, "currency_symbols"},
      {CleanStep::emojis, "emojis"},
      {CleanStep::hashtags, "hashtags"},
      {CleanStep::user_handles, "user_handles"},
      {CleanStep::hyphenated_words, "hyphenated_words"},
      {CleanStep::whitespace, "whitespace"},
      {CleanStep::spaces, "spaces"},
      {CleanStep::quotes, "quotes"},
      {CleanStep::dashes, "dashes"},
      {CleanStep::punctuation, "punctuation"},
      {CleanStep::brackets, "brackets"},
      {CleanStep::boilerplate, "boilerplate"},
      {CleanStep::unicode, "unicode"},
      {CleanStep::accents, "accents"},
  }};
};
inline constexpr std::size_t kCleanSteps = OptionTable<CleanStep>::entries.size();

// One piece of a span map (see the top of this header). Offsets in bytes.
struct CleanPiece {
  std::int64_t clean_begin, clean_len, orig_begin, orig_len;
  bool copy;  // copy: clean_len == orig_len, byte for byte
};

class SpanMap {
 public:
  SpanMap() = default;
  // The map of an unchanged text of `size` bytes.
  static SpanMap identity(std::int64_t size);

  // Building, in text order: `len` bytes copied; `orig_len` bytes replaced by
  // `clean_len` bytes (either may be 0: an insertion or a deletion).
  void copy(std::int64_t len);
  void replace(std::int64_t orig_len, std::int64_t clean_len);

  // This map (cleaned -> original) after `next` (cleaner -> cleaned): the
  // map cleaner -> original.
  SpanMap then(const SpanMap& next) const;

  // The original byte span of the cleaned byte range [start, end), start < end.
  std::int64_t original_start(std::int64_t start) const;
  std::int64_t original_end(std::int64_t end) const;

  const std::vector<CleanPiece>& pieces() const noexcept { return pieces_; }
  std::int64_t clean_size() const noexcept { return clean_size_; }
  std::int64_t orig_size() const noexcept { return orig_size_; }
  bool is_identity() const noexcept;

 private:
  void push(CleanPiece p);
  const CleanPiece& piece_at(std::int64_t clean_byte) const;  // holds it, clean_len > 0
  std::vector<CleanPiece> pieces_;
  std::int64_t clean_size_ = 0, orig_size_ = 0;
};

// The HTML character references, read at run time from where the caller has
// them (Python's html.entities.html5 and html's tables for numeric
// references): no copy of the table lives in textgauge.
struct EntityTable {
  std::unordered_map<std::string, std::string> named;      // "amp;" and legacy "amp" -> "&"
  std::unordered_map<std::uint32_t, std::string> numeric;  // replacements (0x80 -> €, 0 -> U+FFFD)
  std::unordered_set<std::uint32_t> invalid;               // code points that decode to nothing
  std::size_t longest_name = 32;
};

// Python's html.unescape of UTF-8 `in`: numeric and named references only
// (none of html_entities' repairs of broken forms).
std::string html_unescape(std::string_view in, const EntityTable& entities);

struct CleanOptions {
  std::vector<CleanStep> steps;
  // The text that replaces each match of urls, emails, phone_numbers, numbers,
  // currency_symbols, emojis, hashtags, user_handles ("" removes it).
  std::array<std::string, kCleanSteps> placeholders = default_placeholders();
  std::shared_ptr<const EntityTable> entities;                         // required by html_entities
  static std::array<std::string, kCleanSteps> default_placeholders();  // textacy's: _URL_ ...
};

struct Cleaned {
  std::string text;
  SpanMap map;  // text -> the input
};

// Compiles the steps' patterns once; const and thread-safe (every call makes
// its own matchers).
class Cleaner {
 public:
  explicit Cleaner(CleanOptions options);
  ~Cleaner();
  Cleaner(Cleaner&&) noexcept;
  Cleaner& operator=(Cleaner&&) noexcept;

  // `text` must be well-formed UTF-8.
  Cleaned clean(std::string_view text) const;
  std::string clean_text(std::string_view text) const { return clean(text).text; }
  const CleanOptions& options() const noexcept { return options_; }

  struct Patterns;

 private:
  CleanOptions options_;
  std::unique_ptr<const Patterns> patterns_;
};

// For each code point of `cleaned` (made from `original` through `map`), the
// original span of that code point alone, in code points of `original`:
// starts[i], ends[i] (what Python slices with).
void code_point_origins(std::string_view original, std::string_view cleaned, const SpanMap& map,
                        std::vector<std::int64_t>& starts, std::vector<std::int64_t>& ends);

// Code-point offsets of byte offsets in a UTF-8 text, for offsets that mostly
// increase (each conversion continues from the last one).
class CodePointCounter {
 public:
  explicit CodePointCounter(std::string_view text) : text_(text) {}
  std::int64_t operator()(std::int64_t byte);

 private:
  std::string_view text_;
  std::int64_t byte_ = 0, cp_ = 0;
};

}  // namespace textgauge
