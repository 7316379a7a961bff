// The Cleaner: the steps' patterns, compiled once, and the pipeline that runs
// them and composes their span maps.
//
// The patterns say what textacy.preprocessing's regular expressions say (see
// docs/cleaning.md), in ICU syntax with Python's `re` semantics spelled out:
//   W  = Python's \w (str.isalnum() or '_'):     [\p{L}\p{N}_]
//   S  = Python's \s (str.isspace()):             kPySpace
//   $  = Python's $ without MULTILINE:            (?=\n?\z)
//   \b = a change between W and not W:            (?:(?<=W)(?!W)|(?<!W)(?=W))
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>

#include <string>

#include "text/clean/steps.hpp"
#include "textgauge/error.hpp"

namespace textgauge {

using namespace clean_detail;

namespace {

std::string expand(std::string_view pattern) {
  // {W} {S} {$} {B} stand for the pieces above.
  const std::string w = "\\p{L}\\p{N}_";
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      const char k = pattern[i + 1];
      if (k == 'W')
        out += w;
      else if (k == 'S')
        out += kPySpace;
      else if (k == '$')
        out += "(?=\\n?\\z)";
      else if (k == 'B')
        out += "(?:(?<=[" + w + "])(?![" + w + "])|(?<![" + w + "])(?=[" + w + "]))";
      else
        out.append(pattern.substr(i, 3));
      if (k == 'W' || k == 'S' || k == '$' || k == 'B') {
        i += 2;
        continue;
      }
      i += 2;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

std::shared_ptr<const icu::RegexPattern> pattern(std::string_view p, bool ignore_case,
                                                 bool multiline = false) {
  return compile(expand(p), ignore_case, multiline);
}

}  // namespace

struct Cleaner::Patterns {
  std::shared_ptr<const icu::RegexPattern> url, short_url, email, phone, number, hashtag, user;
  std::shared_ptr<const icu::RegexPattern> zwsp, linebreak, nbsp;
  std::shared_ptr<const icu::RegexPattern> curly, square, round;
  std::shared_ptr<const icu::RegexPattern> dateline, byline, read_more;
};

namespace {

std::unique_ptr<const Cleaner::Patterns> compile_patterns(const std::vector<CleanStep>& steps) {
  auto p = std::make_unique<Cleaner::Patterns>();
  auto has = [&](CleanStep s) { return std::find(steps.begin(), steps.end(), s) != steps.end(); };
  const char* host = "[a-z\\x{a1}-\\x{ffff}0-9]";
  if (has(CleanStep::urls)) {
    p->url = pattern(
        std::string("(?:\\A|(?<![{W}/.]))(?:https?://|ftp://|www\\d{0,3}\\.)(?:[^{S}]+(?::[^{S}]*)?@)?(?:"
                    "(?!(?:10|127)(?:\\.\\d{1,3}){3})(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})"
                    "(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})"
                    "(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}"
                    "(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))|") +
            "(?:(?:" + host + "-?)*" + host + ")(?:\\.(?:" + host + "-?)*" + host +
            ")*(?:\\.(?:[a-z\\x{a1}-\\x{ffff}]{2,})))(?::\\d{2,5})?(?:/[^{S}]*)?(?:{$}|(?![{W}?!+&/]))",
        true);
    p->short_url = pattern(
        "(?:\\A|(?<![{W}/.]))(?:(?:https?://)?)(?:[{W}]-?)*?[{W}]+(?:\\.[a-z]{2,12}){1,3}/"
        "[^{S}.,?!'\"|+]{2,12}(?:{$}|(?![{W}?!+&/]))",
        true);
  }
  if (has(CleanStep::emails))
    p->email = pattern(
        "(?:mailto:)?(?:\\A|(?<=[^{W}@.)]))(?:[{W}+\\-](?:\\.(?!\\.))?)*?[{W}+\\-]@(?:[{W}]-?)*?[{W}]+"
        "(?:\\.(?:[a-z]{2,})){1,3}(?:{$}|{B})",
        true);
  if (has(CleanStep::phone_numbers))
    p->phone = pattern(
        "(?:\\A|(?<=[^{W})]))(?:\\+?1[ .\\-]?)?(?:\\(?\\d{3}\\)?[ .\\-]?)?(?:\\d{3}[ .\\-]?\\d{4})"
        "(?:[{S}]?(?:ext\\.?|[#x\\-])[{S}]?\\d{2,6})?(?:{$}|(?=[^{W}]))",
        true);
  if (has(CleanStep::numbers))
    p->number = pattern(
        "(?:\\A|(?<=[^{W},.]))[+\\x{2013}\\-]?(?:(?:[1-9]\\d{0,2}(?:,\\d{3})+(?:\\.\\d*)?)|"
        "(?:[1-9]\\d{0,2}(?:[ .]\\d{3})+(?:,\\d*)?)|(?:\\d*?[.,]\\d+)|\\d+)(?:{$}|{B})",
        false);
  if (has(CleanStep::hashtags))
    p->hashtag = pattern("(?:\\A|(?<![{W}#\\x{FF03}.]))(?:#|\\x{FF03})(?!\\d)[{W}]+", true);
  if (has(CleanStep::user_handles)) p->user = pattern("(?:\\A|(?<![{W}@.]))@[{W}]+", true);
  if (has(CleanStep::whitespace) || has(CleanStep::spaces)) {
    p->zwsp = pattern("[\\x{200B}\\x{2060}\\x{FEFF}]+", false);
    p->linebreak = pattern("(?:\\r\\n|[\\n\\x{0B}])+", false);
    p->nbsp = pattern(
        "[\\t\\f\\r\\x{1C}-\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
        "\\x{202F}\\x{205F}\\x{3000}]+",
        false);
  }
  if (has(CleanStep::brackets)) {
    p->curly = pattern("\\{[^{}]*?\\}", false);
    p->square = pattern("\\[[^\\[\\]]*?\\]", false);
    p->round = pattern("\\([^()]*?\\)", false);
  }
  if (has(CleanStep::boilerplate)) {
    p->dateline = pattern(
        "^[ \\t]*\\p{Lu}[\\p{Lu} .'/&\\-]*(?:,[^\\n(]{1,40})?[ \\t]*\\((?:Reuters|AP|AFP|UPI|Bloomberg|dpa|"
        "Xinhua|IFR|Reuters Health)\\)[ \\t]*(?:-{1,2}|\\x{2013}|\\x{2014})[ \\t]*",
        false, true);
    p->byline = pattern(
        "^[ \\t]*By[ \\t]+\\p{Lu}[\\p{L}.'\\-]*(?:[ \\t]+(?:\\p{Lu}[\\p{L}.'\\-]*|and|de|van|von)){0,5}"
        "(?:,[ \\t]*[\\p{L} .]{1,40})?[ \\t]*(?:\\r?\\n|\\z)",
        false, true);
    p->read_more = pattern(
        "^[ \\t]*(?:Read more|Read the full (?:story|article)|Continue reading|Click "
        "here)\\b[^\\n]*(?:\\r?\\n|\\z)",
        true, true);
  }
  return p;
}

}  // namespace

std::array<std::string, kCleanSteps> CleanOptions::default_placeholders() {
  std::array<std::string, kCleanSteps> p{};
  auto set = [&](CleanStep s, const char* v) { p[static_cast<std::size_t>(s)] = v; };
  set(CleanStep::urls, "_URL_");
  set(CleanStep::emails, "_EMAIL_");
  set(CleanStep::phone_numbers, "_PHONE_");
  set(CleanStep::numbers, "_NUMBER_");
  set(CleanStep::currency_symbols, "_CUR_");
  set(CleanStep::emojis, "_EMOJI_");
  set(CleanStep::hashtags, "_TAG_");
  set(CleanStep::user_handles, "_USER_");
  return p;
}

Cleaner::Cleaner(CleanOptions options) : options_(std::move(options)) {
  for (CleanStep s : options_.steps)
    if (s == CleanStep::html_entities && !options_.entities)
      throw Error("the html_entities step needs the table of HTML character references");
  patterns_ = compile_patterns(options_.steps);
}
Cleaner::~Cleaner() = default;
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;

namespace {

bool is_currency(char32_t c) {
  switch (c) {
    case U'$':
    case U'¢':
    case U'£':
    case U'¤':
    case U'¥':
    case U'ƒ':
    case U'֏':
    case U'؋':
    case U'৲':
    case U'৳':
    case U'૱':
    case U'௹':
    case U'฿':
    case U'៛':
    case U'ℳ':
    case U'元':
    case U'円':
    case U'圆':
    case U'圓':
    case U'﷼': return true;
    default: return c >= 0x20A0 && c <= 0x20C0;
  }
}

// Whether a URL of RE_URL can start in `s`: it needs http:// https:// ftp://
// or www, in any case.
bool may_hold_url(std::string_view s) {
  for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
    const char c = static_cast<char>(s[i] | 0x20);
    if ((c == 'h' || c == 'f' || c == 'w') && s.size() - i >= 3) {
      const char a = static_cast<char>(s[i + 1] | 0x20), b = static_cast<char>(s[i + 2] | 0x20);
      if ((c == 'h' && a == 't' && b == 't') || (c == 'f' && a == 't' && b == 'p') ||
          (c == 'w' && a == 'w' && b == 'w'))
        return true;
    }
  }
  return false;
}

bool is_emoji(char32_t c) {
  return (c >= 0x2600 && c <= 0x27BF) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F680 && c <= 0x1F6FF) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x1FA70 && c <= 0x1FAFF);
}

char quote_of(char32_t c) {
  switch (c) {
    case 0x02BC:
    case 0x2018:
    case 0x2019:
    case 0x00B4:
    case 0x0060: return '\'';
    case 0x201C:
    case 0x201D: return '"';
    default: return 0;
  }
}

bool is_dash(char32_t c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

bool is_punctuation(char32_t c) {
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_DASH_PUNCTUATION || t == U_START_PUNCTUATION || t == U_END_PUNCTUATION ||
         t == U_CONNECTOR_PUNCTUATION || t == U_OTHER_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
         t == U_FINAL_PUNCTUATION;
}

// `spaces` after the zero-width spaces: each run of whitespace becomes one
// blank line when it holds two or more line breaks (\n, \v, \r\n or a lone
// \r... as textacy's whitespace reads them: \r\n, \n and \v, a lone \r is a
// space), one line break when it holds one, one space otherwise. One scan; a
// run that is already what it becomes is left as it is (a copy).
bool space_runs(std::string_view in, std::string& out, SpanMap& map) {
  out.clear();
  map = SpanMap();
  std::size_t copied = 0, len = 0;
  bool any = false;
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b > 0x20 && b < 0x80) {  // the common case: not whitespace
      ++i;
      continue;
    }
    if (!is_py_space(decode_at(in, i, len))) {
      i += len;
      continue;
    }
    std::size_t j = i;
    int breaks = 0;
    while (j < in.size() && is_py_space(decode_at(in, j, len))) {
      const char c = in[j];
      if (c == '\n' || c == '\v') ++breaks;
      if (c == '\r' && j + 1 < in.size() && in[j + 1] == '\n') {
        ++breaks;
        len = 2;
      }
      j += len;
    }
    const std::string_view repl = breaks >= 2 ? "\n\n" : breaks == 1 ? "\n" : " ";
    if (in.substr(i, j - i) != repl) {
      out.append(in.substr(copied, i - copied));
      map.copy(static_cast<std::int64_t>(i - copied));
      out += repl;
      map.replace(static_cast<std::int64_t>(j - i), static_cast<std::int64_t>(repl.size()));
      copied = j;
      any = true;
    }
    i = j;
  }
  if (!any) return false;
  out.append(in.substr(copied));
  map.copy(static_cast<std::int64_t>(in.size() - copied));
  return true;
}

// textacy's normalize.unicode (unicodedata.normalize) and remove.accents
// (NFKD, then every character with a combining class other than 0 dropped),
// one stretch at a time: the text is cut where the normal form has a boundary
// before a character, so each stretch normalises on its own (and is a copy
// when it is already normal, a replacement otherwise). A lone ASCII character
// is its own normal form.
bool normalize(std::string_view in, std::string& out, SpanMap& map, const icu::Normalizer2& form,
               bool drop_marks) {
  if (!drop_marks) {  // most text is already normal: one quick check
    UErrorCode status = U_ZERO_ERROR;
    if (form.isNormalizedUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), status) &&
        U_SUCCESS(status))
      return false;
  }
  out.clear();
  map = SpanMap();
  bool any = false;
  std::size_t copied = 0, len = 0;
  std::string piece;
  auto flush = [&](std::size_t a, std::size_t b) {
    if (b == a || (b == a + 1 && static_cast<unsigned char>(in[a]) < 0x80)) return;
    UErrorCode status = U_ZERO_ERROR;
    const auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data() + a, static_cast<int32_t>(b - a)));
    icu::UnicodeString n = form.normalize(u, status);
    if (U_FAILURE(status)) throw Error(std::string("cleaning: ") + u_errorName(status));
    if (drop_marks) {
      icu::UnicodeString kept;
      for (int32_t k = 0; k < n.length();) {
        const UChar32 c = n.char32At(k);
        if (u_getCombiningClass(c) == 0) kept.append(c);
        k += U16_LENGTH(c);
      }
      n = kept;
    }
    piece.clear();
    n.toUTF8String(piece);
    if (piece == in.substr(a, b - a)) return;
    out.append(in.substr(copied, a - copied));
    map.copy(static_cast<std::int64_t>(a - copied));
    out += piece;
    map.replace(static_cast<std::int64_t>(b - a), static_cast<std::int64_t>(piece.size()));
    copied = b;
    any = true;
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < in.size(); i += len) {
    const char32_t c = decode_at(in, i, len);
    if (i > start && form.hasBoundaryBefore(static_cast<UChar32>(c))) {
      flush(start, i);
      start = i;
    }
  }
  flush(start, in.size());
  if (!any) return false;
  out.append(in.substr(copied));
  map.copy(static_cast<std::int64_t>(in.size() - copied));
  return true;
}

// Whether `s` holds a byte >= 0x80 (code-point steps that map only non-ASCII
// characters have nothing to do otherwise).
bool has_non_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// Python's \w and \d.
bool is_py_word(char32_t c) {
  if (c == '_') return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER: return true;
    default: return false;
  }
}
bool is_py_digit(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER; }

// textacy's hyphenated_words, `(\w{2,}(?<!\d))-\s+((?!\d)\w{2,})` -> `\1\2`,
// as one pass: every match ends at a '-', so the scan goes from hyphen to
// hyphen. Group 1 is the run of word characters before the '-' (never
// reaching back into the previous match), group 2 the run after the
// whitespace. The hyphen and the whitespace are deleted; both parts are copies.
bool join_hyphenated(std::string_view in, std::string& out, SpanMap& map) {
  out.clear();
  map = SpanMap();
  std::size_t copied = 0, floor = 0;
  bool any = false;
  auto prev_start = [&](std::size_t j) {
    do --j;
    while (j > 0 && (static_cast<unsigned char>(in[j]) & 0xC0) == 0x80);
    return j;
  };
  for (std::size_t i = in.find('-'); i != std::string_view::npos; i = in.find('-', i + 1)) {
    std::size_t j = i, before = 0, len = 0;
    char32_t last = 0;
    while (j > floor) {
      const std::size_t k = prev_start(j);
      const char32_t c = decode_at(in, k, len);
      if (!is_py_word(c)) break;
      if (j == i) last = c;
      j = k;
      ++before;
    }
    if (before < 2 || is_py_digit(last)) continue;
    std::size_t k = i + 1;
    while (k < in.size() && is_py_space(decode_at(in, k, len))) k += len;
    if (k == i + 1 || k >= in.size()) continue;
    std::size_t m = k, after = 0;
    if (is_py_digit(decode_at(in, k, len))) continue;
    while (m < in.size()) {
      const char32_t c = decode_at(in, m, len);
      if (!is_py_word(c)) break;
      m += len;
      ++after;
    }
    if (after < 2) continue;
    out.append(in.substr(copied, i - copied));
    map.copy(static_cast<std::int64_t>(i - copied));
    map.replace(static_cast<std::int64_t>(k - i), 0);
    copied = k;
    floor = m;
    i = m - 1;
    any = true;
  }
  if (!any) return false;
  out.append(in.substr(copied));
  map.copy(static_cast<std::int64_t>(in.size() - copied));
  return true;
}

// One clean() call's current text, its map to the input, and the buffers a
// step writes into: each step runs a transformation of the current text and,
// if it changed it, its output becomes the current text.
class Pipeline {
 public:
  explicit Pipeline(std::string_view text)
      : result_{std::string(text), SpanMap::identity(static_cast<std::int64_t>(text.size()))} {}

  template <class Transform>
  void run(Transform&& transform) {
    if (!transform(std::string_view(result_.text), out_, map_)) return;
    result_.map = result_.map.then(map_);
    result_.text.swap(out_);
  }
  void sub(const icu::RegexPattern& pat, std::string_view repl) {
    run([&](std::string_view in, std::string& o, SpanMap& m) { return regex_sub(pat, in, o, m, repl); });
  }
  // The same, only where the text holds what every match must hold (patterns
  // are costly to run; the check is exact, never a heuristic).
  void sub_if(bool possible, const icu::RegexPattern& pat, std::string_view repl) {
    if (possible) sub(pat, repl);
  }
  template <class Repl>
  void each(Repl&& repl) {
    run([&](std::string_view in, std::string& o, SpanMap& m) { return code_point_sub(in, o, m, repl); });
  }
  bool holds(std::string_view needle) const { return result_.text.find(needle) != std::string::npos; }
  bool has_zwsp() const { return holds("\u200B") || holds("\u2060") || holds("\uFEFF"); }
  bool ascii_only() const { return !has_non_ascii(result_.text); }
  const std::string& text() const { return result_.text; }
  Cleaned take() { return std::move(result_); }

 private:
  Cleaned result_;
  std::string out_;
  SpanMap map_;
};

// The steps that put their placeholder `ph` where they match.
void placeholder_step(Pipeline& pipe, const Cleaner::Patterns& p, CleanStep step, const std::string& ph) {
  auto to = [&](bool hit, std::string& o) {
    if (hit) o += ph;
    return hit;
  };
  switch (step) {
    case CleanStep::urls:
      pipe.sub_if(may_hold_url(pipe.text()), *p.url, ph);
      pipe.sub_if(pipe.holds("/"), *p.short_url, ph);
      break;
    case CleanStep::emails: pipe.sub_if(pipe.holds("@"), *p.email, ph); break;
    case CleanStep::phone_numbers: pipe.sub(*p.phone, ph); break;
    case CleanStep::numbers: pipe.sub(*p.number, ph); break;
    case CleanStep::hashtags: pipe.sub_if(pipe.holds("#") || pipe.holds("\uFF03"), *p.hashtag, ph); break;
    case CleanStep::user_handles: pipe.sub_if(pipe.holds("@"), *p.user, ph); break;
    case CleanStep::currency_symbols:
      if (pipe.holds("$") || !pipe.ascii_only())
        pipe.each([&](char32_t c, std::string& o) { return to(is_currency(c), o); });
      break;
    case CleanStep::emojis:
      if (!pipe.ascii_only()) pipe.each([&](char32_t c, std::string& o) { return to(is_emoji(c), o); });
      break;
    default: break;
  }
}

// The steps that map single characters (or, for hyphenated words, delete a
// hyphen and the whitespace after it) and the Unicode normal forms.
void character_step(Pipeline& pipe, CleanStep step) {
  switch (step) {
    case CleanStep::hyphenated_words:
      pipe.run([&](std::string_view in, std::string& o, SpanMap& m) { return join_hyphenated(in, o, m); });
      break;
    case CleanStep::quotes:
      if (pipe.holds("`") || !pipe.ascii_only())
        pipe.each([](char32_t c, std::string& o) {
          const char q = quote_of(c);
          if (q) o += q;
          return q != 0;
        });
      break;
    case CleanStep::dashes:
      if (!pipe.ascii_only())
        pipe.each([](char32_t c, std::string& o) {
          if (is_dash(c)) o += '-';
          return is_dash(c);
        });
      break;
    case CleanStep::punctuation:
      pipe.each([](char32_t c, std::string& o) {
        if (is_punctuation(c)) o += ' ';
        return is_punctuation(c);
      });
      break;
    case CleanStep::unicode:
    case CleanStep::accents:
      if (!pipe.ascii_only()) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* form = step == CleanStep::unicode ? icu::Normalizer2::getNFCInstance(status)
                                                                  : icu::Normalizer2::getNFKDInstance(status);
        if (U_FAILURE(status)) throw Error(std::string("cleaning: ") + u_errorName(status));
        pipe.run([&](std::string_view in, std::string& o, SpanMap& m) {
          return normalize(in, o, m, *form, step == CleanStep::accents);
        });
      }
      break;
    default: break;
  }
}

// The steps that remove stretches of text or reshape the whitespace.
void layout_step(Pipeline& pipe, const Cleaner::Patterns& p, CleanStep step) {
  switch (step) {
    case CleanStep::whitespace:
      pipe.sub_if(pipe.has_zwsp(), *p.zwsp, "");
      pipe.sub(*p.linebreak, "\n");
      pipe.sub(*p.nbsp, " ");
      pipe.run([&](std::string_view in, std::string& o, SpanMap& m) { return strip(in, o, m); });
      break;
    case CleanStep::spaces:
      pipe.sub_if(pipe.has_zwsp(), *p.zwsp, "");
      pipe.run([&](std::string_view in, std::string& o, SpanMap& m) { return space_runs(in, o, m); });
      pipe.run([&](std::string_view in, std::string& o, SpanMap& m) { return strip(in, o, m); });
      break;
    case CleanStep::brackets:
      pipe.sub_if(pipe.holds("{"), *p.curly, "");
      pipe.sub_if(pipe.holds("["), *p.square, "");
      pipe.sub_if(pipe.holds("("), *p.round, "");
      break;
    case CleanStep::boilerplate:
      pipe.sub(*p.dateline, "");
      pipe.sub(*p.byline, "");
      pipe.sub(*p.read_more, "");
      break;
    default: break;
  }
}

}  // namespace

Cleaned Cleaner::clean(std::string_view text) const {
  Pipeline pipe(text);
  const Patterns& p = *patterns_;
  const std::vector<CleanStep>& steps = options_.steps;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const CleanStep step = steps[k];
    switch (step) {
      case CleanStep::html_entities:
        pipe.run([&](std::string_view in, std::string& o, SpanMap& m) {
          return html_entities(in, o, m, *options_.entities);
        });
        break;
      case CleanStep::html_tags:
        // Followed by html_entities: one pass, each run of text between tags
        // decoded on its own, as textacy's remove.html_tags does.
        if (k + 1 < steps.size() && steps[k + 1] == CleanStep::html_entities) {
          pipe.run([&](std::string_view in, std::string& o, SpanMap& m) {
            return html_tags(in, o, m, options_.entities.get());
          });
          ++k;
        } else {
          pipe.run([&](std::string_view in, std::string& o, SpanMap& m) { return html_tags(in, o, m); });
        }
        break;
      case CleanStep::urls:
      case CleanStep::emails:
      case CleanStep::phone_numbers:
      case CleanStep::numbers:
      case CleanStep::hashtags:
      case CleanStep::user_handles:
      case CleanStep::currency_symbols:
      case CleanStep::emojis:
        placeholder_step(pipe, p, step, options_.placeholders[static_cast<std::size_t>(step)]);
        break;
      case CleanStep::whitespace:
      case CleanStep::spaces:
      case CleanStep::brackets:
      case CleanStep::boilerplate: layout_step(pipe, p, step); break;
      case CleanStep::hyphenated_words:
      case CleanStep::quotes:
      case CleanStep::dashes:
      case CleanStep::punctuation:
      case CleanStep::unicode:
      case CleanStep::accents: character_step(pipe, step); break;
    }
  }
  return pipe.take();
}

}  // namespace textgauge
