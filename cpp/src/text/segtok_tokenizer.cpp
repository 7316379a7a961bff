// segtok's web_tokenizer and split_contractions (see textgauge/text/segtok.hpp).
//
// segtok's patterns are regular expressions (the `regex` module) whose
// backtracking never changes where a match ends: each optional or repeated
// part is followed by a character it cannot itself take. So every pattern is
// read here left to right with maximal runs, and the tests compare with
// segtok on real and generated text.
#include <unicode/uchar.h>

#include "segtok_chars.hpp"
#include "textgauge/text/segtok.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

using namespace segtok;
using Str = std::u32string;
using View = std::u32string_view;

// segtok's LETTER (Ll Lm Lt Lu), NUMBER (Nd Nl) and ALNUM (either).
bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return cat_in(c, U_GC_LU_MASK | U_GC_LL_MASK | U_GC_LT_MASK | U_GC_LM_MASK);
}
bool is_number(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return cat_in(c, U_GC_ND_MASK | U_GC_NL_MASK);
}
bool is_alnum(char32_t c) { return is_letter(c) || is_number(c); }

// segtok's APOSTROPHE: the apostrophe-like marks other than the ASCII quote.
bool is_apo(char32_t c) { return c == 0x00B4 || c == 0x02B9 || c == 0x02BC || c == 0x2019 || c == 0x2032; }
bool is_any_apostrophe(char32_t c) { return c == '\'' || is_apo(c); }

bool is_power(char32_t c) { return c == 0x00B9 || c == 0x00B2 || c == 0x00B3; }
bool is_subdigit(char32_t c) { return c >= 0x2080 && c <= 0x2089; }
bool is_size_prefix(char32_t c) {
  return c == 0x00B5 || (c < 0x80 && std::u32string_view(U"yzafpnmcdhkMGTPEZY").find(c) != View::npos);
}

// A unit with a power at the end of `t` from `p` ("km²", "m⁻³"): its length or 0.
std::size_t unit_power(View t, std::size_t p) {
  const std::size_t n = t.size();
  if (n <= p || !is_power(t[n - 1])) return 0;
  std::size_t q = n - 1;
  if (q > p && t[q - 1] == 0x207B) --q;
  auto letters = [&](std::size_t a) {
    if (q <= a || q - a > 3) return false;
    for (std::size_t i = a; i < q; ++i)
      if (!is_letter(t[i])) return false;
    return true;
  };
  return letters(p) || (is_size_prefix(t[p]) && letters(p + 1)) ? n - p : 0;
}

// A chemical formula fragment with subscript counts at `p` ("H₂", "SO₄²⁻"): its length or 0.
std::size_t formula(View t, std::size_t p) {
  const std::size_t n = t.size();
  std::size_t q = p;
  while (q < n) {
    if (t[q] >= 'A' && t[q] <= 'Z') {
      ++q;
      if (q < n && t[q] >= 'a' && t[q] <= 'z') ++q;
    } else if (t[q] == ')' || t[q] == ']') {
      ++q;
    } else {
      break;
    }
  }
  if (q == p || q >= n || !is_subdigit(t[q])) return 0;
  while (q < n && is_subdigit(t[q])) ++q;
  auto charge = [](char32_t c) { return c == 0x207A || c == 0x207B; };
  if (q + 1 < n && (t[q] == 0x00B2 || t[q] == 0x00B3) && charge(t[q + 1]))
    q += 2;
  else if (q < n && charge(t[q]))
    ++q;
  return q - p;
}

// One step of the word pattern at `p` of the white-space-free piece `t`:
// the length of the first alternative that matches there, or 0.
std::size_t word_step(View t, std::size_t p) {
  const std::size_t n = t.size();
  auto at = [&](std::size_t i) -> char32_t { return i < n ? t[i] : 0; };
  const char32_t c = t[p];
  const bool an = is_alnum(c);
  if (an && at(p + 1) == '.' && !(at(p + 2) == '.' && at(p + 3) == '.')) return 2;
  if (an && at(p + 1) == ',' && p + 2 < n && is_alnum(t[p + 2])) return 2;
  if (is_number(c) && at(p + 1) == ':' && p + 2 < n && is_number(t[p + 2])) return 2;
  if (an) {
    if (p + 3 < n && is_apo(t[p + 1]) && is_hyphen(t[p + 2]) && is_alnum(t[p + 3])) return 3;
    if (p + 2 < n && is_hyphen(t[p + 1]) && is_alnum(t[p + 2])) return 2;
  }
  if (is_apo(c) && !is_apo(at(p + 1))) return 1;
  if (an && at(p + 1) == '\'' && p + 2 < n && is_alnum(t[p + 2])) return 2;
  if (c == 's' && at(p + 1) == '\'' && p + 2 == n) return 2;
  if (boundary(t, p)) {
    if (std::size_t k = unit_power(t, p)) return k;
    if (std::size_t k = formula(t, p)) return k;
  }
  return an ? 1 : 0;
}

// The length of the word pattern's match at `p` (0: none).
std::size_t word_match(View t, std::size_t p) {
  std::size_t q = p;
  while (q < t.size())
    if (std::size_t k = word_step(t, q))
      q += k;
    else
      break;
  return q - p;
}

// `alnum hyphen [spaces] line break [spaces] alnum` -> `alnum hyphen alnum`.
Str join_hyphenated_lines(View s) {
  auto space = [](char32_t c) { return c == '\t' || cat_in(c, U_GC_ZS_MASK); };
  Str out;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 1 < n && is_alnum(s[i]) && is_hyphen(s[i + 1])) {
      std::size_t j = i + 2;
      while (j < n && space(s[j])) ++j;
      std::size_t k = j;
      if (k + 1 < n && s[k] == '\r' && s[k + 1] == '\n')
        k += 2;
      else if (k < n && (s[k] == '\n' || s[k] == '\r' || s[k] == 0x2028))
        ++k;
      if (k > j) {
        while (k < n && space(s[k])) ++k;
        if (k < n && is_alnum(s[k])) {
          out += s[i];
          out += s[i + 1];
          out += s[k];
          i = k + 1;
          continue;
        }
      }
    }
    out += s[i++];
  }
  return out;
}

// segtok's word_tokenizer of one span, appended to `tokens`.
void word_tokenize(View sentence, std::vector<Str>& tokens) {
  const std::size_t first = tokens.size();
  const Str s = join_hyphenated_lines(sentence);
  const std::size_t n = s.size();
  for (std::size_t a = 0; a < n;) {
    while (a < n && re_space(s[a])) ++a;
    std::size_t b = a;
    while (b < n && !re_space(s[b])) ++b;
    if (b == a) break;
    const View piece = View(s).substr(a, b - a);
    std::size_t last = 0;
    for (std::size_t p = 0; p < piece.size();) {
      const std::size_t m = word_match(piece, p);
      if (m == 0) {
        ++p;
        continue;
      }
      if (p > last) tokens.emplace_back(piece.substr(last, p - last));
      tokens.emplace_back(piece.substr(p, m));
      p += m;
      last = p;
    }
    if (last < piece.size()) tokens.emplace_back(piece.substr(last));
    a = b;
  }
  // The sentence terminal: off the first of the last three tokens (from the
  // end) that is a word (not starting with an apostrophe) or holds a terminal.
  const std::size_t count = tokens.size() - first;
  for (std::size_t back = 1; back <= std::min<std::size_t>(3, count); ++back) {
    const std::size_t at = tokens.size() - back;
    const Str word = tokens[at];
    bool holds = false;
    for (char32_t c : word) holds = holds || is_terminal(c);
    if (!((word_match(word, 0) > 0 && !is_apo(word[0])) || holds)) continue;
    if (word.size() == 1 || word == U"...") break;
    if (is_terminal(word.back())) {
      tokens[at] = word.substr(0, word.size() - 1);
      tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(at + 1), word.substr(word.size() - 1));
    } else if (is_terminal(word.front())) {
      tokens[at] = word.substr(0, 1);
      tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(at + 1), word.substr(1));
    }
    break;
  }
  // Dangling commas, semicolons and colons: each its own token, in order.
  std::vector<Str> out;
  for (std::size_t i = first; i < tokens.size(); ++i) {
    Str& w = tokens[i];
    std::size_t keep = w.size();
    while (keep > 1 && (w[keep - 1] == ',' || w[keep - 1] == ';' || w[keep - 1] == ':')) --keep;
    if (keep == w.size()) {
      out.push_back(std::move(w));
      continue;
    }
    Str tail = w.substr(keep);
    w.resize(keep);
    out.push_back(std::move(w));
    for (char32_t c : tail) out.emplace_back(1, c);
  }
  tokens.resize(first);
  for (auto& w : out) tokens.push_back(std::move(w));
}

// The visual borders around a URI or e-mail address.
bool border_before(char32_t c) {
  return re_space(c) || c == '<' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '{';
}
bool border_after(char32_t c) {
  return re_space(c) || c == '>' || c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
}

// A host `(?:[\w-]+\.)+\w+` at `h`: its end, or npos. Whatever may follow a
// host is not one of its characters, so it ends where that run ends.
std::size_t host_end(View s, std::size_t h) {
  std::size_t q = h, dots = 0;
  bool piece = false, dash = false;  // the current piece is non-empty; holds a '-'
  for (; q < s.size(); ++q) {
    const char32_t c = s[q];
    if (c == '.') {
      if (!piece) return View::npos;
      ++dots;
      piece = dash = false;
    } else if (c == '-' || re_word(c)) {
      piece = true;
      dash = dash || c == '-';
    } else {
      break;
    }
  }
  return dots > 0 && piece && !dash ? q : View::npos;
}

// The rest of a URI after the scheme (and user) at `h`: its end, or npos.
std::size_t uri_rest(View s, std::size_t h) {
  const std::size_t n = s.size();
  std::size_t q = host_end(s, h);
  if (q == View::npos) return q;
  if (q < n && s[q] == ':') {
    std::size_t d = q + 1;
    while (d < n && re_digit(s[d])) ++d;
    if (d == q + 1) return View::npos;
    q = d;
  }
  // path: up to ? # or a border; query: up to # or a border; fragment: up to a border.
  if (q < n && s[q] == '/')
    for (++q; q < n && s[q] != '?' && s[q] != '#' && !border_after(s[q]);) ++q;
  if (q < n && s[q] == '?') {
    std::size_t d = q + 1;
    while (d < n && s[d] != '#' && !border_after(s[d])) ++d;
    if (d > q + 1) q = d;
  }
  if (q < n && s[q] == '#') {
    std::size_t d = q + 1;
    while (d < n && !border_after(s[d])) ++d;
    if (d > q + 1) q = d;
  }
  return q == n || border_after(s[q]) ? q : View::npos;
}

// A URI or e-mail address starting at `i` (after a border): its end, or npos.
std::size_t web_match(View s, std::size_t i) {
  const std::size_t n = s.size();
  std::size_t j = i;
  while (j < n && s[j] >= 'A' && s[j] <= 'z') ++j;  // [A-z]: letters and [\]^_`
  if (j > i && s.substr(j, 3) == U"://") {
    j += 3;
    std::size_t at = j;
    while (at < n && s[at] != '@') ++at;
    if (at > j && at < n)
      if (std::size_t e = uri_rest(s, at + 1); e != View::npos) return e;
    if (std::size_t e = uri_rest(s, j); e != View::npos) return e;
  }
  auto local = [](char32_t c) {
    return re_word(c) || (c < 0x80 && View(U".#$%&'*+/=!?^`{|}~-").find(c) != View::npos);
  };
  j = i;
  while (j < n && local(s[j])) ++j;
  if (j == i || j >= n || s[j] != '@') return View::npos;
  const std::size_t e = host_end(s, j + 1);
  if (e == View::npos || !(e == n || border_after(s[e]))) return View::npos;
  return e;
}

void unescaped_words(View span, const EntityTable& entities, std::vector<Str>& tokens) {
  if (span.find('&') == View::npos) return word_tokenize(span, tokens);
  std::string utf8;
  for (char32_t c : span) append_utf8(utf8, c);
  word_tokenize(decode_utf8(html_unescape(utf8, entities)), tokens);
}

// split_contractions of one token.
void split_contraction(Str& token, std::vector<Str>& out) {
  const std::size_t n = token.size();
  std::size_t q = 0;
  while (q < n && is_alnum(token[q])) ++q;
  if (q == 0) return out.push_back(std::move(token));
  while (q + 1 < n && is_hyphen(token[q]) && is_alnum(token[q + 1])) {
    ++q;
    while (q < n && is_alnum(token[q])) ++q;
  }
  if (q >= n || !is_any_apostrophe(token[q])) return out.push_back(std::move(token));
  const View suffix = View(token).substr(q + 1);
  if (suffix != U"d" && suffix != U"ll" && suffix != U"m" && suffix != U"re" && suffix != U"s" &&
      suffix != U"t" && suffix != U"ve")
    return out.push_back(std::move(token));
  std::size_t pos = q;
  if (n > 2 && pos + 2 == n && token[n - 1] == 't' && token[pos - 1] == 'n') --pos;  // "n't" stays whole
  out.push_back(token.substr(0, pos));
  out.push_back(token.substr(pos));
}

}  // namespace

void segtok_tokens(std::string_view sentence, const EntityTable& entities, bool contractions,
                   std::vector<std::string>& tokens) {
  const Str s = decode_utf8(sentence);
  std::vector<Str> words;
  std::size_t last = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && !border_before(s[i - 1])) continue;
    const std::size_t e = web_match(s, i);
    if (e == View::npos) continue;
    unescaped_words(View(s).substr(last, i - last), entities, words);
    words.emplace_back(s.substr(i, e - i));
    last = e;
    i = e - 1;
  }
  unescaped_words(View(s).substr(last), entities, words);
  if (contractions) {
    std::vector<Str> split;
    split.reserve(words.size() + 4);
    for (Str& w : words) split_contraction(w, split);
    words = std::move(split);
  }
  for (const Str& w : words) {
    std::string& t = tokens.emplace_back();
    for (char32_t c : w) append_utf8(t, c);
  }
}

}  // namespace textgauge
