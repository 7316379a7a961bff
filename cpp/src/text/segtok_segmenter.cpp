// segtok's split_multi (see textgauge/text/segtok.hpp).
//
// segtok writes its rules as regular expressions; each is read here as the
// handful of character tests it amounts to. Most are anchored at one end of a
// span (`...$` searched, `^...` matched), and their optional and repeated
// parts are followed by characters they cannot take, so a match, if any, is
// found by walking back (or forward) over maximal runs. Where a pattern may
// match in two ways (an initial with or without a dotted first letter), both
// are tried. The tests compare the sentences with segtok's on the shared
// corpora and on hand-made edge cases.
#include <array>

#include "segtok_chars.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/segtok.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

using namespace segtok;
using View = std::u32string_view;

bool is_lu(char32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : cat_in(c, U_GC_LU_MASK); }
bool is_ll(char32_t c) { return c < 0x80 ? c >= 'a' && c <= 'z' : cat_in(c, U_GC_LL_MASK); }
bool is_lm(char32_t c) { return c >= 0x80 && cat_in(c, U_GC_LM_MASK); }
bool is_lu_lt(char32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : cat_in(c, U_GC_LU_MASK | U_GC_LT_MASK); }
bool is_letter(char32_t c) {
  return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : cat_in(c, U_GC_L_MASK);
}
bool is_closing(char32_t c) { return c == ')' || c == ']'; }

bool ends_with(View s, View tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}
bool starts_with(View s, View head) { return s.size() >= head.size() && s.substr(0, head.size()) == head; }

// The abbreviations that segtok never ends a sentence at, with its optional
// dots spelled out, and the lower-case ones also capitalized as segtok does
// (Python's str.capitalize: "z.B" also gives "Z.b").
constexpr std::array<View, 85> kAbbreviations = {
    U"Abr",  U"Approx", U"Apr",  U"Aug",      U"Capt", U"Cf",   U"Col",      U"Dec", U"Dez",  U"Dic",  U"Dr",
    U"Eg",   U"E.g",    U"E.U",  U"Ene",      U"Fe",   U"F.e",  U"Feb",      U"Fig", U"Figs", U"Gen",  U"Ie",
    U"I.e",  U"Iv",     U"I.v",  U"Jan",      U"Jul",  U"Jun",  U"J\u00E4n", U"Mag", U"Mar",  U"May",  U"Med",
    U"Mr",   U"Mrs",    U"Mt",   U"M\u00E4r", U"Nat",  U"No",   U"Nov",      U"Nr",  U"Oct",  U"Okt",  U"P.e",
    U"Phil", U"Prof",   U"Rer",  U"Sci",      U"Sep",  U"Sept", U"Sgt",      U"Sr",  U"Sra",  U"Srta", U"St",
    U"U.K",  U"U.S",    U"Univ", U"Vol",      U"Vs",   U"Z.b",  U"approx",   U"cf",  U"eg",   U"e.g",  U"fe",
    U"f.e",  U"fig",    U"figs", U"ie",       U"i.e",  U"iv",   U"i.v",      U"med", U"nat",  U"nr",   U"p.e",
    U"phil", U"prof",   U"rer",  U"sci",      U"univ", U"vol",  U"vs",       U"z.B"};

// Words before a space that make the following capital an initial of a name
// ("by J. Smith", "Doctor A. B."), spelled out from segtok's pattern.
constexpr std::array<View, 30> kNameTitles = {
    U"By",          U"by",          U"Captain",      U"captain",      U"Commander",     U"commander",
    U"Doctor",      U"doctor",      U"Doktor",       U"doktor",       U"General",       U"general",
    U"Mister",      U"mister",      U"Miss",         U"miss",         U"Magister",      U"magister",
    U"Magiss",      U"magiss",      U"Professor",    U"professor",    U"Se\u00F1or",    U"se\u00F1or",
    U"Se\u00F1ora", U"se\u00F1ora", U"Se\u00F1orit", U"se\u00F1orit", U"Se\u00F1orita", U"se\u00F1orita"};

// A word in `words` ends `s` at `end`, with a word boundary before it.
template <std::size_t N>
bool word_ends_at(View s, std::size_t end, const std::array<View, N>& words) {
  const View head = s.substr(0, end);
  for (View w : words)
    if (ends_with(head, w) && boundary(s, end - w.size())) return true;
  return false;
}

// segtok's `(?<! \b[\p{Lu}<comma>]\p{Lm}? )` at `p`: true when no such letter
// (or, with `comma`, a comma) stands just before `p`.
bool not_after_capital(View s, std::size_t p, bool comma) {
  auto capital_at = [&](std::size_t i) { return is_lu(s[i]) || (comma && s[i] == ','); };
  if (p >= 1 && capital_at(p - 1) && boundary(s, p - 1)) return false;
  if (p >= 2 && is_lm(s[p - 1]) && capital_at(p - 2) && boundary(s, p - 2)) return false;
  return true;
}

// `[\p{Lu}\p{Lt}]\p{Lm}?` ending at `end`: where it starts, or npos.
std::size_t capital_before(View s, std::size_t end) {
  if (end >= 1 && is_lu_lt(s[end - 1])) return end - 1;
  if (end >= 2 && is_lm(s[end - 1]) && is_lu_lt(s[end - 2])) return end - 2;
  return View::npos;
}

// What segtok accepts just before initials starting at `at`: a title word and
// a space, a list separator (", ", ", and ", " and ") not after a lone
// capital, or an opening bracket.
bool initials_context(View s, std::size_t at) {
  if (at == 0) return false;
  if (s[at - 1] == '(' || s[at - 1] == '[') return true;
  if (!re_space(s[at - 1])) return false;
  if (word_ends_at(s, at - 1, kNameTitles)) return true;
  if (at >= 2 && s[at - 2] == ',' && not_after_capital(s, at - 2, false)) return true;
  const std::size_t q = at - 1;  // the space after a possible " and"
  if (q >= 4 && s.substr(q - 3, 3) == U"and" && re_space(s[q - 4])) {
    if (q >= 5 && s[q - 5] == ',' && not_after_capital(s, q - 5, false)) return true;
    if (not_after_capital(s, q - 4, true)) return true;
  }
  return false;
}

// segtok's ABBREVIATIONS.search(span): the span before a dot ends with a known
// abbreviation, is a single non-space character or a number, or ends with
// name initials ("A", "A.B", "A.-B") in a context that makes them initials.
bool abbreviation_end(View s) {
  const std::size_t n = s.size();
  if (word_ends_at(s, n, kAbbreviations)) return true;
  if (n == 1 && !re_space(s[0])) return true;
  if (n >= 1) {
    bool digits = true;
    for (char32_t c : s) digits = digits && re_digit(c);
    if (digits) return true;
  }
  const std::size_t last = capital_before(s, n);
  if (last == View::npos) return false;
  if (initials_context(s, last)) return true;
  std::size_t q = last;
  if (q >= 1 && is_hyphen(s[q - 1])) --q;
  if (q >= 1 && s[q - 1] == '.') {
    const std::size_t first = capital_before(s, q - 1);
    if (first != View::npos && initials_context(s, first)) return true;
  }
  return false;
}

// segtok's LONE_WORD.match: a lower-case word, with digits or hyphens after
// its first letter, is the whole span (`$` also before a final newline).
bool lone_word(View s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (s.empty() || !is_ll(s[0])) return false;
  for (char32_t c : s)
    if (!(is_ll(c) || re_digit(c) || is_hyphen(c))) return false;
  return true;
}

// segtok's ENDS_IN_DATE_DIGITS.search: a one- or two-digit day ends the span.
bool ends_in_day(View s) {
  const std::size_t n = s.size();
  auto ascii_digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  if (n == 0 || !ascii_digit(s[n - 1])) return false;
  if (boundary(s, n - 1)) return true;
  return n >= 2 && s[n - 2] >= '0' && s[n - 2] <= '3' && boundary(s, n - 2);
}

// segtok's MONTH.match: the span starts with a month's name or number.
bool starts_with_month(View s) {
  static constexpr std::array<View, 20> kMonths = {
      U"J\u00E4n", U"Jan", U"Ene", U"Feb", U"M\u00E4r", U"Mar", U"Apr", U"Abr", U"May", U"Jun",
      U"Jul",      U"Aug", U"Sep", U"Oct", U"Okt",      U"Nov", U"Dec", U"Dez", U"Dic", U"Diz"};
  if (s.empty()) return false;
  if (s[0] >= '1' && s[0] <= '9') return true;
  if (s[0] == '0' && s.size() >= 2 && s[1] >= '1' && s[1] <= '9') return true;
  for (View m : kMonths)
    if (starts_with(s, m)) return true;
  return false;
}

// segtok's MIDDLE_INITIAL_END.search: "Word X" ends the span (a capitalized
// word, non-word characters, one capital).
bool middle_initial_end(View s) {
  std::size_t q = s.size();
  if (q == 0 || !is_lu(s[q - 1])) return false;
  --q;
  const std::size_t gap = q;
  while (q > 0 && !re_word(s[q - 1])) --q;
  if (q == gap) return false;
  const std::size_t word_end = q;
  while (q > 0 && is_ll(s[q - 1])) --q;
  if (q == word_end || q == 0 || !is_lu(s[q - 1])) return false;
  return boundary(s, q - 1);
}

// segtok's UPPER_WORD_START.match: the span starts with a capitalized word.
bool upper_word_start(View s) {
  if (s.empty() || !is_lu(s[0])) return false;
  std::size_t q = 1;
  while (q < s.size() && is_ll(s[q])) ++q;
  return q > 1 && boundary(s, q);
}

// The start of the white space (regex `\s`) that ends `s`.
std::size_t trailing_space(View s) {
  std::size_t q = s.size();
  while (q > 0 && re_space(s[q - 1])) --q;
  return q;
}

// segtok's BEFORE_LOWER.match: the span ends, before its trailing spaces, in
// a terminal and a closing quote or brackets, "spp.", or a one- or two-letter
// abbreviation ("L.", "Ll.").
bool before_lower(View s) {
  const std::size_t q = trailing_space(s);
  if (q == s.size()) return false;
  std::size_t r = q;
  while (r > 0 && is_closing(s[r - 1])) --r;
  if (r >= 2 && s[r - 1] == '"' && is_terminal(s[r - 2])) return true;
  if (r < q && r >= 1 && is_terminal(s[r - 1])) return true;
  if (q >= 4 && s.substr(q - 4, 4) == U"spp." && boundary(s, q - 4)) return true;
  if (q >= 2 && s[q - 1] == '.') {
    if (is_letter(s[q - 2]) && boundary(s, q - 2)) return true;
    if (q >= 3 && is_ll(s[q - 2]) && is_letter(s[q - 3]) && boundary(s, q - 3)) return true;
  }
  return false;
}

// segtok's LOWER_WORD.match: the span starts with a lower-case word.
bool lower_word(View s) {
  if (s.empty() || !is_ll(s[0])) return false;
  std::size_t q = 1;
  while (q < s.size() && is_ll(s[q])) ++q;
  // `\p{Ll}+[hyphen]?\p{Ll}*\b`: no hyphen is a word character, so the
  // boundary after the first run decides.
  return boundary(s, q);
}

// segtok's UPPER_CASE_END.search: a capitalized word, a dot and spaces end the span.
bool upper_case_end(View s) {
  const std::size_t q = trailing_space(s);
  if (q == s.size() || q < 2 || s[q - 1] != '.') return false;
  std::size_t a = q - 1;
  while (a > 0 && is_letter(s[a - 1])) --a;
  return a < q - 1 && is_lu_lt(s[a]) && boundary(s, a);
}

// segtok's UPPER_CASE_START.match: the span starts with a capitalized word or
// a number (after an optional "(1999) "), then . , or : and spaces.
bool upper_case_start(View s) {
  const std::size_t n = s.size();
  std::size_t q = 0;
  if (n >= 7 && s[0] == '(' && s[5] == ')' && re_space(s[6]) && re_digit(s[1]) && re_digit(s[2]) &&
      re_digit(s[3]) && re_digit(s[4]))
    q = 7;
  std::size_t p = q;
  if (p < n && is_lu_lt(s[p])) {
    ++p;
    while (p < n && is_letter(s[p])) ++p;
  } else if (q == 0) {
    while (p < n && re_digit(s[p])) ++p;
    if (p == 0) return false;
  } else {
    return false;
  }
  return p + 1 < n && (s[p] == '.' || s[p] == ',' || s[p] == ':') && re_space(s[p + 1]);
}

// segtok's CONTINUATIONS.match: the span starts with a word that rarely starts a sentence.
bool continuation(View s) {
  static constexpr std::array<View, 18> kWords = {
      U"and", U"are",  U"between", U"by",      U"from", U"has", U"into", U"is",      U"of",
      U"or",  U"than", U"that",    U"through", U"via",  U"was", U"were", U"whether", U"with"};
  for (View w : kWords)
    if (starts_with(s, w) && boundary(s, w.size())) return true;
  return false;
}

// The bracket depth that segtok's _is_open computes: from the first opener
// on, openers count up and closers down (closers before it are ignored).
// Kept as a running state, since a sentence grows by whole spans.
struct Depth {
  bool opened = false;
  long depth = 0;
  void add(View s, char32_t open, char32_t close) {
    for (char32_t c : s) {
      if (c == open) {
        opened = true;
        ++depth;
      } else if (c == close && opened) {
        --depth;
      }
    }
  }
};

// segtok's _is_not_opened: up to the last closer, closers outnumber openers.
bool not_opened(View s, char32_t open, char32_t close) {
  const std::size_t last = s.rfind(close);
  if (last == View::npos) return false;
  long depth = 0;
  for (std::size_t i = 0; i <= last; ++i) depth += (s[i] == close) - (s[i] == open);
  return depth > 0;
}

View strip(View s) {
  while (!s.empty() && py_isspace(s.front())) s.remove_prefix(1);
  while (!s.empty() && py_isspace(s.back())) s.remove_suffix(1);
  return s;
}

// segtok's "may cross one line" split: where a terminal, an optional closing
// quote, closing brackets and spaces end, or at two or more newlines. Returns
// the (start, end) of each terminal sequence.
void find_terminals(View t, std::vector<std::pair<std::size_t, std::size_t>>& marks) {
  const std::size_t n = t.size();
  std::size_t p = 0;
  while (p < n) {
    const char32_t c = t[p];
    std::size_t q = p + 1;
    if (is_terminal(c)) {
      if (q < n && (t[q] == '\'' || t[q] == '"' || t[q] == 0x2019 || t[q] == 0x201D)) ++q;
      while (q < n && is_closing(t[q])) ++q;
      if (q < n && re_space(t[q])) {
        while (q < n && re_space(t[q])) ++q;
        marks.emplace_back(p, q);
        p = q;
        continue;
      }
    } else if (c == '\n' && q < n && t[q] == '\n') {
      while (q < n && t[q] == '\n') ++q;
      marks.emplace_back(p, q);
      p = q;
      continue;
    }
    ++p;
  }
}

}  // namespace

void segtok_split_multi(std::string_view text, std::vector<std::string>& sentences) {
  const std::u32string decoded = decode_utf8(text);
  const View t(decoded);
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  find_terminals(t, marks);

  // segtok's _abbreviation_joiner: the spans end at the terminal sequences
  // that do not follow an abbreviation, an initial, a day before a month...
  std::vector<std::size_t> ends;
  std::size_t seg_start = 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const View prev = t.substr(seg_start, marks[i].first - seg_start);
    const std::size_t next_end = i + 1 < marks.size() ? marks[i + 1].first : t.size();
    const View next = t.substr(marks[i].second, next_end - marks[i].second);
    seg_start = marks[i].second;
    bool join = !prev.empty() && py_isspace(prev.back());
    if (!join && t[marks[i].first] == '.') {
      join = abbreviation_end(prev) ||
             (!next.empty() && (lone_word(next) || (ends_in_day(prev) && starts_with_month(next)) ||
                                (middle_initial_end(prev) && upper_word_start(next))));
    }
    if (!join) ends.push_back(marks[i].second);
  }
  ends.push_back(t.size());

  // segtok's _sentences: join a span to the sentence before it when it starts
  // in lower case after an abbreviation-like end, continues an open bracket,
  // or starts with a continuation word.
  constexpr std::size_t kShort = 55;  // segtok's SHORT_SENTENCE_LENGTH
  std::size_t last_start = 0, last_end = ends[0];
  Depth round, square;
  round.add(t.substr(0, last_end), '(', ')');
  square.add(t.substr(0, last_end), '[', ']');
  auto emit = [&](View s) {
    std::string out;
    for (char32_t c : strip(s)) append_utf8(out, c);
    sentences.push_back(std::move(out));
  };
  for (std::size_t k = 1; k < ends.size(); ++k) {
    const View last = t.substr(last_start, last_end - last_start);
    const View current = t.substr(last_end, ends[k] - last_end);
    const bool short_one = current.size() < kShort || last.size() < kShort;
    bool join = before_lower(last) && lower_word(current);
    auto bracketed = [&](const Depth& d, char32_t open, char32_t close) {
      return short_one && d.opened && d.depth > 0 &&
             (not_opened(current, open, close) || ends_with(last, U" et al. ") ||
              (upper_case_end(last) && upper_case_start(current)));
    };
    join = join || bracketed(round, '(', ')') || bracketed(square, '[', ']') || continuation(current);
    if (join) {
      last_end = ends[k];
    } else {
      emit(last);
      last_start = last_end;
      last_end = ends[k];
      round = Depth{};
      square = Depth{};
    }
    round.add(current, '(', ')');
    square.add(current, '[', ']');
  }
  emit(t.substr(last_start, last_end - last_start));
}

std::vector<std::string> segtok_split_multi(std::string_view text) {
  std::vector<std::string> out;
  segtok_split_multi(text, out);
  return out;
}

}  // namespace textgauge
