// find_tokens of textblob/_text.py (pattern's tokenizer), as Sentiment.__call__
// uses it: `" ".join(find_tokens(s)).split()`.
//
// The reference rewrites the whole string several times (contractions, quotes,
// CRLF, line breaks, whitespace) and then splits it; here one pass over the
// text yields the same raw tokens, which then go through the punctuation
// split, the sentence split and, per sentence, the two substitutions.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/textblob/textblob_impl.hpp"
#include "text/byte_masks.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge::textblob {

namespace {

// PUNCTUATION without the period, which find_tokens handles on its own.
constexpr std::array<bool, 256> kPunct = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view(",;:!?()[]{}`'\"@#$^&*+-|=~_"))
    t[static_cast<unsigned char>(c)] = true;
  return t;
}();
constexpr bool is_punct(unsigned char c) noexcept { return kPunct[c]; }

// `t in replace`: the contractions table's keys. No token can be one (every
// apostrophe is a token of its own by then), but the reference tests it.
bool is_contraction(std::string_view t) noexcept {
  return t == "'d" || t == "'m" || t == "'s" || t == "'ll" || t == "'re" || t == "'ve" || t == "n't";
}

constexpr std::array<std::string_view, 36> kAbbreviations{
    "a.",   "adj.", "adv.", "al.",  "a.m.",  "c.",   "cf.",   "comp.", "conf.", "def.", "ed.", "e.g.",
    "esp.", "etc.", "ex.",  "f.",   "fig.",  "gen.", "id.",   "i.e.",  "int.",  "l.",   "m.",  "Med.",
    "Mil.", "Mr.",  "n.",   "n.q.", "orig.", "pl.",  "pred.", "pres.", "p.m.",  "ref.", "v.",  "vs."};

constexpr bool ascii_letter(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// A token ending in "." that keeps its period: ABBREVIATIONS, RE_ABBR1
// (^[A-Za-z]\.$), RE_ABBR2 (^([A-Za-z]\.)+$) or RE_ABBR3, which is
// ^[A-Z][b|c|d|...|z]+.$ -- the join put "|" into the class.
bool is_abbreviation(std::string_view t) noexcept {
  for (std::string_view a : kAbbreviations)
    if (t == a) return true;
  if (t.size() % 2 == 0) {
    bool pairs = true;
    for (std::size_t k = 0; k < t.size() && pairs; k += 2) pairs = ascii_letter(t[k]) && t[k + 1] == '.';
    if (pairs) return true;  // RE_ABBR1 is the one-pair case
  }
  if (t.size() >= 3 && t[0] >= 'A' && t[0] <= 'Z') {
    constexpr std::string_view cls = "bcdfghjklmnpqrstvwxz|";
    for (std::size_t k = 1; k + 1 < t.size(); ++k)
      if (cls.find(t[k]) == std::string_view::npos) return false;
    return true;  // the last character is the period, which `.` matches
  }
  return false;
}

// The loop of find_tokens over one whitespace-free token: leading
// punctuation, then trailing punctuation, "..." and periods.
void split_punctuation(std::string_view t, std::vector<std::string_view>& out,
                       std::vector<std::string_view>& tail) {
  const auto front = static_cast<unsigned char>(t.front()), back = static_cast<unsigned char>(t.back());
  if (!is_punct(front) && !is_punct(back) && back != '.') {  // most tokens
    out.push_back(t);
    return;
  }
  while (!t.empty() && is_punct(static_cast<unsigned char>(t.front())) && !is_contraction(t)) {
    out.push_back(t.substr(0, 1));
    t.remove_prefix(1);
  }
  tail.clear();
  auto push_tail = [&](std::string_view x) { tail.push_back(x); };
  while (!t.empty() && (is_punct(static_cast<unsigned char>(t.back())) || t.back() == '.') &&
         !is_contraction(t)) {
    if (is_punct(static_cast<unsigned char>(t.back()))) {
      push_tail(t.substr(t.size() - 1));
      t.remove_suffix(1);
    }
    if (t.ends_with("...")) {
      push_tail(t.substr(t.size() - 3));
      t.remove_suffix(3);
      while (!t.empty() && t.back() == '.') t.remove_suffix(1);
    }
    if (t.ends_with('.')) {
      if (is_abbreviation(t)) break;
      push_tail(t.substr(t.size() - 1));
      t.remove_suffix(1);
    }
  }
  if (!t.empty()) out.push_back(t);
  out.insert(out.end(), tail.rbegin(), tail.rend());
}

// Bytes the raw-token loop must look at: ASCII whitespace, the two ASCII
// quotes and every byte of a non-ASCII character.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c >= 0x80 || py_isspace(static_cast<char32_t>(c));
  t['\''] = t['"'] = true;
  return t;
}();

bool is_terminal(std::string_view t) noexcept {
  switch (t[0]) {  // tokens are never empty
    case '.': return t == "." || t == "...";
    case '!':
    case '?': return t.size() == 1;
    case 'E': return t == kEndOfSentence;
    default: return false;
  }
}

// What may follow a sentence's end and still belong to it.
bool is_trailing(std::string_view t) noexcept {
  return is_terminal(t) || t == "'" || t == "\"" || t == ")" || t == "\u201d" || t == "\u2019";
}

bool is_quote(char32_t c) noexcept {
  return c == '\'' || c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

// `word` lowered with str.lower() when `py` is given (Final_Sigma looks
// within the word only, as Python's lower() of the word does): the word
// itself when lowering does not change it (most words), else a view of `buf`.
std::string_view lowered(std::string_view word, const PyStr* py, std::string& buf) {
  if (!py) return word;
  // Which bytes occur, 8 at a time: the word in words of 8 bytes, the last
  // one overlapping (4-byte halves below 8 bytes, single bytes below 4).
  const char* p = word.data();
  const std::size_t n = word.size();
  std::uint64_t high = 0, upper = 0;
  auto look = [&](std::uint64_t x, std::uint64_t ones) {
    // Per byte b < 0x80: b + 0x3F has its top bit from 'A' on, b + 0x25 from
    // '[' on; bytes >= 0x80 go to the full mapping whatever this says.
    high |= x & (ones * 0x80);
    upper |= (x + ones * 0x3F) & ~(x + ones * 0x25) & (ones * 0x80);
  };
  constexpr std::uint64_t k8 = 0x0101010101010101u;
  if (n >= 8) {
    for (std::size_t k = 0; k + 8 < n; k += 8) look(bytes::load64(p + k), k8);
    look(bytes::load64(p + n - 8), k8);
  } else if (n >= 4) {
    look(std::uint64_t{bytes::load32(p)} << 32 | bytes::load32(p + n - 4), k8);
  } else {
    for (std::size_t k = 0; k < n; ++k) look(static_cast<unsigned char>(p[k]), 1);
  }
  if (high) {  // not ASCII: Python's full mapping
    buf.clear();
    py->lower(word, buf);
    return buf;
  }
  if (!upper) return word;
  buf.assign(word);
  for (char& c : buf) c = static_cast<char>(c + ((static_cast<unsigned>(c - 'A') < 26u) << 5));
  return buf;
}

// One word to the sink, lowered.
template <class Sink>
void emit_word(Scratch& s, const PyStr* py, Sink& sink, std::string_view word) {
  if (word.empty()) return;  // str.split() drops empty strings
  sink.word(lowered(word, py, s.lowered));
}

// One sentence: its tokens joined with spaces (less END-OF-SENTENCE when
// `drop_eos`), the two substitutions, and its words appended to s.words.
// Most sentences hold nothing either substitution could change
// (may_substitute, not asked when no sentence of the text can:
// text_may_change): their words are their tokens.
template <class Sink>
void emit_sentence(Scratch& s, const PyStr* py, Sink& sink, std::size_t begin, std::size_t end, bool drop_eos,
                   bool text_may_change) {
  s.sentence.clear();
  const std::string_view eos = drop_eos ? kEndOfSentence : std::string_view();
  if (!text_may_change || !may_substitute(s.tokens, begin, end, eos)) {
    for (std::size_t k = begin; k < end; ++k)
      if (!drop_eos || s.tokens[k] != kEndOfSentence) emit_word(s, py, sink, s.tokens[k]);
    return;
  }
  for (std::size_t k = begin; k < end; ++k) {
    const std::string_view t = s.tokens[k];
    if (drop_eos && t == kEndOfSentence) continue;
    if (!s.sentence.empty()) s.sentence.push_back(' ');
    s.sentence.append(t);
  }
  if (s.sentence.empty()) return;  // `if len(s) > 0`
  const std::string_view g = substitute_sentence(s.sentence, s.sarcasm, s.glued);
  // Tokens hold no space and the two substitutions keep one space between
  // tokens, so each space ends a word.
  std::size_t start = 0;
  for (std::size_t at = g.find(' '); at != std::string_view::npos; at = g.find(' ', start)) {
    emit_word(s, py, sink, g.substr(start, at - start));
    start = at + 1;
  }
  emit_word(s, py, sink, g.substr(start));
}

}  // namespace

template <class Sink>
void find_words(std::string_view text, const PyStr* py, Scratch& s, Sink& sink) {
  s.tokens.clear();
  // 1. Raw tokens: the text split on whitespace (str.isspace), with " n't"
  //    and every quote split off as find_tokens' replacements do, and
  //    END-OF-SENTENCE where \n{2,} was after "\r\n" -> "\n".
  const char* const base = text.data();
  const char* p = base;
  const char* const end = base + text.size();
  const char* start = nullptr;  // of the raw token being read
  int line_feeds = 0;           // in the current run of whitespace
  auto flush = [&](const char* at) {
    if (start)
      split_punctuation(std::string_view(start, static_cast<std::size_t>(at - start)), s.tokens, s.tail);
    start = nullptr;
  };
  auto end_whitespace = [&] {
    if (line_feeds >= 2) s.tokens.push_back(kEndOfSentence);
    line_feeds = 0;
  };
  while (p < end) {
    if (!kSpecial[static_cast<unsigned char>(*p)]) {  // inside or at the start of a raw token
      if (!start) start = p;
      while (++p < end && !kSpecial[static_cast<unsigned char>(*p)]) {
      }
      if (line_feeds) end_whitespace();
      continue;
    }
    const char* here = p;
    const auto b = static_cast<unsigned char>(*p);
    char32_t c;
    if (b < 0x80) {
      c = b;
      ++p;
    } else {
      c = decode_utf8(p, end);
    }
    if (py_isspace(c)) {
      flush(here);
      if (c == '\n') {
        ++line_feeds;
      } else if (c == '\r' && p < end && *p == '\n') {
        ++p;
        ++line_feeds;
      } else {
        end_whitespace();
      }
      continue;
    }
    end_whitespace();
    if (is_quote(c)) {
      // " n't": the 'n' before an ASCII "'t" starts a token of its own (an
      // 'n' in the token being read: tokens are split only here).
      if (c == '\'' && start && here - start >= 2 && here[-1] == 'n' && p < end && *p == 't') {
        flush(here - 1);
        start = here - 1;
      }
      flush(here);
      split_punctuation(std::string_view(here, static_cast<std::size_t>(p - here)), s.tokens, s.tail);
      continue;
    }
    if (!start) start = here;
  }
  flush(end);
  end_whitespace();

  // 2. Sentences, as find_tokens' loop makes them. The quote test counts in
  //    the sentence being built, which is still empty then, so a quote always
  //    stops the run of trailing tokens.
  const std::vector<std::string_view>& tok = s.tokens;
  const std::size_t n = tok.size();
  const bool text_may_change = text_may_substitute(text);
  std::size_t i = 0, j = 0;
  while (j < n) {
    if (is_terminal(tok[j])) {
      while (j < n && is_trailing(tok[j])) {
        if (tok[j] == "'" || tok[j] == "\"") break;
        ++j;
      }
      emit_sentence(s, py, sink, i, j, true, text_may_change);
      i = j;
    }
    ++j;
  }
  emit_sentence(s, py, sink, i, std::min(j, n), false, text_may_change);
}

template void find_words(std::string_view, const PyStr*, Scratch&, Assessor<false>&);
template void find_words(std::string_view, const PyStr*, Scratch&, Assessor<true>&);
template void find_words(std::string_view, const PyStr*, Scratch&, WordList&);

}  // namespace textgauge::textblob
