#pragma once
// What the cleaning steps share (private to cpp/src/text/clean/). Every step
// reads `in` and writes `out` (cleared first) and `map` (out -> in); it returns
// false when it changed nothing (then `out` and `map` are left unspecified).
#include <unicode/regex.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "textgauge/text/clean.hpp"

namespace textgauge::clean_detail {

// Python's str.isspace() characters, as the contents of an ICU set: `\s` of
// Python's `re` (ICU's `\s` lacks U+001C..U+001F).
inline constexpr std::string_view kPySpace =
    "\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
    "\\x{202F}\\x{205F}\\x{3000}";
bool is_py_space(char32_t c) noexcept;

// A compiled pattern (Python `re` semantics written out in ICU syntax).
std::shared_ptr<const icu::RegexPattern> compile(std::string_view pattern, bool ignore_case,
                                                 bool multiline = false);

// One match: its byte range and the byte ranges of its groups (-1 if unset).
struct Match {
  const icu::RegexMatcher& matcher;
  std::int64_t start, end;
  std::int64_t group_start(int g) const;
  std::int64_t group_end(int g) const;
};
// What to write for a match: append to out and record in map (the bytes before
// the match are already copied).
using OnMatch = std::function<void(const Match&, std::string_view in, std::string& out, SpanMap& map)>;

// Python's re.sub over `in`: every non-overlapping match, leftmost first.
bool regex_sub(const icu::RegexPattern& pattern, std::string_view in, std::string& out, SpanMap& map,
               const OnMatch& on_match);
// The same with a fixed replacement (a match equal to it is recorded as a copy).
bool regex_sub(const icu::RegexPattern& pattern, std::string_view in, std::string& out, SpanMap& map,
               std::string_view repl);

// Each code point for which `repl` returns true is replaced by what it wrote.
bool code_point_sub(std::string_view in, std::string& out, SpanMap& map,
                    const std::function<bool(char32_t, std::string&)>& repl);

// Leading and trailing Python whitespace removed (str.strip()).
bool strip(std::string_view in, std::string& out, SpanMap& map);

// The HTML steps (html.cpp).
// `starts_text`: `in` is the start of the text (a broken ` #39;` form may stand
// at its start without the space).
bool html_entities(std::string_view in, std::string& out, SpanMap& map, const EntityTable& table,
                   bool starts_text = true);
// `decode`: also decode the references in each run of text between tags (the
// steps html_tags, html_entities together: textacy's remove.html_tags).
bool html_tags(std::string_view in, std::string& out, SpanMap& map, const EntityTable* decode = nullptr);

void append_utf8(std::string& out, char32_t c);
// The code point at byte `i` of well-formed UTF-8, and its length in bytes.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len);

}  // namespace textgauge::clean_detail
