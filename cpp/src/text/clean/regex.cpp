// The machinery of the pattern steps: ICU regular expressions over UTF-8
// (byte offsets throughout), code-point substitution, strip.
#include <unicode/regex.h>
#include <unicode/utext.h>

#include "text/clean/steps.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge::clean_detail {

bool is_py_space(char32_t c) noexcept {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F);
  };
  if (b < 0x80) return len = 1, b;
  if (b < 0xE0) return len = 2, ((b & 0x1F) << 6) | cont(1);
  if (b < 0xF0) return len = 3, ((b & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  return len = 4, ((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

namespace {

struct UTextCloser {
  void operator()(UText* t) const noexcept { utext_close(t); }
};
}  // namespace

std::shared_ptr<const icu::RegexPattern> compile(std::string_view pattern, bool ignore_case, bool multiline) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  const auto text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  std::shared_ptr<const icu::RegexPattern> p(
      icu::RegexPattern::compile(text,
                                 static_cast<uint32_t>(ignore_case ? int(UREGEX_CASE_INSENSITIVE) : 0) |
                                     static_cast<uint32_t>(multiline ? int(UREGEX_MULTILINE) : 0),
                                 where, status));
  if (U_FAILURE(status) || !p)
    throw Error("cleaning pattern does not compile at offset " + std::to_string(where.offset) + ": " +
                u_errorName(status));
  return p;
}

std::int64_t Match::group_start(int g) const {
  UErrorCode status = U_ZERO_ERROR;
  return matcher.start64(g, status);
}
std::int64_t Match::group_end(int g) const {
  UErrorCode status = U_ZERO_ERROR;
  return matcher.end64(g, status);
}

bool regex_sub(const icu::RegexPattern& pattern, std::string_view in, std::string& out, SpanMap& map,
               const OnMatch& on_match) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> text(
      utext_openUTF8(nullptr, in.data(), static_cast<std::int64_t>(in.size()), &status));
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(status));
  if (U_FAILURE(status)) throw Error(std::string("cleaning: ") + u_errorName(status));
  m->reset(text.get());
  out.clear();
  map = SpanMap();
  std::int64_t pos = 0;
  bool any = false;
  while (m->find(status) && U_SUCCESS(status)) {
    const std::int64_t s = m->start64(status), e = m->end64(status);
    out.append(in.substr(static_cast<std::size_t>(pos), static_cast<std::size_t>(s - pos)));
    map.copy(s - pos);
    on_match(Match{*m, s, e}, in, out, map);
    pos = e;
    any = true;
  }
  if (U_FAILURE(status)) throw Error(std::string("cleaning: ") + u_errorName(status));
  if (!any) return false;
  out.append(in.substr(static_cast<std::size_t>(pos)));
  map.copy(static_cast<std::int64_t>(in.size()) - pos);
  return true;
}

bool regex_sub(const icu::RegexPattern& pattern, std::string_view in, std::string& out, SpanMap& map,
               std::string_view repl) {
  bool changed = false;
  const bool any =
      regex_sub(pattern, in, out, map, [&](const Match& m, std::string_view s, std::string& o, SpanMap& mp) {
        const std::string_view matched =
            s.substr(static_cast<std::size_t>(m.start), static_cast<std::size_t>(m.end - m.start));
        o.append(repl);
        if (matched == repl) {
          mp.copy(m.end - m.start);
        } else {
          mp.replace(m.end - m.start, static_cast<std::int64_t>(repl.size()));
          changed = true;
        }
      });
  return any && changed;
}

bool code_point_sub(std::string_view in, std::string& out, SpanMap& map,
                    const std::function<bool(char32_t, std::string&)>& repl) {
  out.clear();
  map = SpanMap();
  bool any = false;
  std::size_t copied = 0;  // start of the pending copy
  std::string r;
  for (std::size_t i = 0, len = 0; i < in.size(); i += len) {
    const char32_t c = decode_at(in, i, len);
    r.clear();
    if (!repl(c, r)) continue;
    out.append(in.substr(copied, i - copied));
    map.copy(static_cast<std::int64_t>(i - copied));
    out += r;
    map.replace(static_cast<std::int64_t>(len), static_cast<std::int64_t>(r.size()));
    copied = i + len;
    any = true;
  }
  if (!any) return false;
  out.append(in.substr(copied));
  map.copy(static_cast<std::int64_t>(in.size() - copied));
  return true;
}

bool strip(std::string_view in, std::string& out, SpanMap& map) {
  std::size_t b = 0, e = in.size(), len = 0;
  while (b < e && is_py_space(decode_at(in, b, len))) b += len;
  while (e > b) {
    std::size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(in[k]) & 0xC0) == 0x80) --k;
    if (!is_py_space(decode_at(in, k, len))) break;
    e = k;
  }
  if (b == 0 && e == in.size()) return false;
  out.assign(in.substr(b, e - b));
  map = SpanMap();
  map.replace(static_cast<std::int64_t>(b), 0);
  map.copy(static_cast<std::int64_t>(e - b));
  map.replace(static_cast<std::int64_t>(in.size() - e), 0);
  return true;
}

}  // namespace textgauge::clean_detail
