// HTML character references and tags.
//
// html_entities decodes references as Python's html.unescape does (which is
// what textacy's html_tags applies to the text between tags): `&#NN;`,
// `&#xHH;` (the `;` optional), and named references, the longest known
// prefix of up to 32 characters. It also repairs the two broken forms news
// feeds are full of (docs/cleaning.md): a reference escaped twice
// (`&amp;#39;`, `&amp;quot;`), and one whose `&` became a space
// (`it #39;s`, ` quot;`).
#include "text/clean/steps.hpp"

namespace textgauge::clean_detail {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_hex(char c) noexcept { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool is_alpha(char c) noexcept { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The text of numeric reference `num` as html.unescape makes it.
void numeric_text(std::uint64_t num, const EntityTable& t, std::string& out) {
  if (num <= 0x10FFFF) {
    const auto c = static_cast<std::uint32_t>(num);
    if (auto it = t.numeric.find(c); it != t.numeric.end()) return void(out += it->second);
    if (c >= 0xD800 && c <= 0xDFFF) return append_utf8(out, 0xFFFD);
    if (t.invalid.count(c)) return;
    return append_utf8(out, c);
  }
  append_utf8(out, 0xFFFD);
}

// A numeric reference body at `i` (just after '&'): "#123;" or "#x7b" ...; its
// length (0: none) and its text. `need_semicolon` for the broken forms.
std::size_t numeric_ref(std::string_view s, std::size_t i, const EntityTable& t, std::string& text,
                        bool need_semicolon) {
  if (i >= s.size() || s[i] != '#') return 0;
  std::size_t j = i + 1;
  const bool hex = j + 1 < s.size() && (s[j] == 'x' || s[j] == 'X') && is_hex(s[j + 1]);
  if (hex) ++j;
  const std::size_t digits = j;
  std::uint64_t num = 0;
  for (; j < s.size() && (hex ? is_hex(s[j]) : is_digit(s[j])); ++j) {
    const char c = s[j];
    const std::uint64_t d = is_digit(c) ? std::uint64_t(c - '0') : std::uint64_t((c | 0x20) - 'a' + 10);
    num = num > 0x10FFFF ? num : num * (hex ? 16 : 10) + d;  // saturates above the code point range
  }
  if (j == digits) return 0;
  const bool semi = j < s.size() && s[j] == ';';
  if (need_semicolon && !semi) return 0;
  numeric_text(num, t, text);
  return j + (semi ? 1 : 0) - i;
}

bool name_char(char c) noexcept {
  return c != '\t' && c != '\n' && c != '\f' && c != ' ' && c != '<' && c != '&' && c != '#' && c != ';';
}

// A named reference body at `i` as html.unescape reads it: up to 32 code
// points, then an optional ';'; the whole name or, failing that, its longest
// known prefix of 2 or more code points. Returns the bytes consumed (0: none).
std::size_t named_ref(std::string_view s, std::size_t i, const EntityTable& t, std::string& text) {
  std::size_t j = i, cps = 0;
  std::vector<std::size_t> ends;  // byte end of each code point
  while (j < s.size() && cps < 32 && name_char(s[j])) {
    ++j;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    ++cps;
    ends.push_back(j);
  }
  if (cps == 0) return 0;
  if (j < s.size() && s[j] == ';') ends.push_back(++j);
  const std::string whole(s.substr(i, j - i));
  if (auto it = t.named.find(whole); it != t.named.end()) return text += it->second, j - i;
  for (std::size_t x = ends.size() - 1; x >= 2; --x) {  // prefixes of x code points, longest first
    const std::string prefix(s.substr(i, ends[x - 1] - i));
    if (auto it = t.named.find(prefix); it != t.named.end()) return text += it->second, ends[x - 1] - i;
  }
  return 0;
}

// The broken form at `i` (a space, or the start of the text before '#' or a
// name): its length including the space that is dropped, and its text.
std::size_t broken_ref(std::string_view s, std::size_t i, const EntityTable& t, std::string& text) {
  const bool space = s[i] == ' ';
  const std::size_t b = space ? i + 1 : i;
  if (b < s.size() && s[b] == '#') {
    std::size_t digits = b + 1;
    while (digits < s.size() && is_digit(s[digits])) ++digits;
    if (digits - b - 1 < 2 || digits - b - 1 > 5) return 0;
    const std::size_t n = numeric_ref(s, b, t, text, true);
    if (n == 0) return 0;
    // "it #39;s" was "it&#39;s": the space stood for the '&' and goes with it
    // when the reference is an apostrophe; otherwise it stays a space.
    if (space && text != "'" && text != "\u2019") text = std::string(" ") + text;
    return b + n - i;
  }
  for (std::string_view name : {"quot;", "amp;", "lt;", "gt;", "apos;", "nbsp;"}) {
    if (s.substr(b, name.size()) != name) continue;
    if (space) text += name == "apos;" ? "" : " ";
    text += t.named.at(std::string(name));
    return b + name.size() - i;
  }
  return 0;
}

}  // namespace

bool html_entities(std::string_view in, std::string& out, SpanMap& map, const EntityTable& t,
                   bool starts_text) {
  out.clear();
  map = SpanMap();
  std::size_t copied = 0;
  bool any = false;
  std::string text;
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    std::size_t n = 0;
    text.clear();
    if (c == '&') {
      // `&amp;` + a whole reference with its ';': escaped twice.
      if (in.substr(i + 1, 4) == "amp;" && (n = numeric_ref(in, i + 5, t, text, true)) == 0) {
        const std::size_t k = named_ref(in, i + 5, t, text);
        if (k > 0 && in[i + 5 + k - 1] == ';')
          n = k;
        else
          text.clear();
      }
      if (n) {
        n += 5;  // "&amp;"
      } else {
        if ((n = numeric_ref(in, i + 1, t, text, false)) == 0) n = named_ref(in, i + 1, t, text);
        if (n) ++n;  // the '&'
      }
    } else if ((c == ' ' && i + 1 < in.size() && (in[i + 1] == '#' || is_alpha(in[i + 1]))) ||
               (i == 0 && starts_text && (c == '#' || is_alpha(c)))) {
      n = broken_ref(in, i, t, text);
    }
    if (n == 0) {
      ++i;
      continue;
    }
    out.append(in.substr(copied, i - copied));
    map.copy(static_cast<std::int64_t>(i - copied));
    out += text;
    map.replace(static_cast<std::int64_t>(n), static_cast<std::int64_t>(text.size()));
    i += n;
    copied = i;
    any = true;
  }
  if (!any) return false;
  out.append(in.substr(copied));
  map.copy(static_cast<std::int64_t>(in.size() - copied));
  return true;
}

namespace {

// The end of the tag-like construct at `i` ('<'), or 0 if it is data there.
std::size_t tag_end(std::string_view s, std::size_t i) {
  auto until = [&](std::string_view close, std::size_t from) -> std::size_t {
    const std::size_t k = s.find(close, from);
    return k == std::string_view::npos ? 0 : k + close.size();
  };
  if (i + 1 >= s.size()) return 0;
  const char c = s[i + 1];
  if (s.substr(i, 4) == "<!--") return until("-->", i + 4);
  if (c == '!' || c == '?') return until(">", i + 2);
  // An end tag, "</>" and a bogus comment ("</" and no letter) all end at the next '>'.
  if (c == '/') return until(">", i + 2);
  if (!is_alpha(c)) return 0;
  // A start tag: attribute values in quotes may hold '>'.
  for (std::size_t j = i + 2; j < s.size(); ++j) {
    if (s[j] == '>') return j + 1;
    if ((s[j] == '"' || s[j] == '\'') && s[j - 1] == '=') {
      const std::size_t q = s.find(s[j], j + 1);
      if (q == std::string_view::npos) return 0;
      j = q;
    }
  }
  return 0;
}

}  // namespace

bool html_tags(std::string_view in, std::string& out, SpanMap& map, const EntityTable* decode) {
  out.clear();
  map = SpanMap();
  std::size_t copied = 0;
  bool any = false;
  std::string run_text;
  SpanMap run_map;
  // The text before a tag: copied, or decoded on its own (HTMLParser decodes
  // each run of text between tags, so a reference never spans a tag).
  auto text_run = [&](std::size_t end) {
    const std::string_view run = in.substr(copied, end - copied);
    if (decode && html_entities(run, run_text, run_map, *decode, copied == 0)) {
      out += run_text;
      for (const CleanPiece& p : run_map.pieces())
        p.copy ? map.copy(p.clean_len) : map.replace(p.orig_len, p.clean_len);
      any = true;
    } else {
      out.append(run);
      map.copy(static_cast<std::int64_t>(run.size()));
    }
  };
  for (std::size_t i = in.find('<'); i != std::string_view::npos && i < in.size(); i = in.find('<', i)) {
    const std::size_t e = tag_end(in, i);
    if (e == 0) {
      ++i;
      continue;
    }
    text_run(i);
    map.replace(static_cast<std::int64_t>(e - i), 0);
    copied = i = e;
    any = true;
  }
  std::string tags_removed;
  SpanMap first;
  if (copied > 0 || decode) text_run(in.size());
  if (any) {
    tags_removed.swap(out);
    first = std::move(map);
  }
  // textacy strips what is left (HTMLTextExtractor.get_text).
  const std::string_view rest = any ? std::string_view(tags_removed) : in;
  SpanMap second;
  const bool stripped = strip(rest, out, second);
  if (!stripped) {
    if (!any) return false;
    out.swap(tags_removed);
    map = std::move(first);
    return true;
  }
  map = any ? first.then(second) : std::move(second);
  return true;
}

}  // namespace textgauge::clean_detail
