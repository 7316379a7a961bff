// pattern's emoticons (EMOTICONS of textblob/_text.py): the substitutions
// find_tokens makes on each sentence (RE_SARCASM, RE_EMOTICONS) and the
// lookup of Sentiment.assessments.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/textblob/textblob_impl.hpp"
#include "text/byte_masks.hpp"

namespace textgauge::textblob {

namespace {

struct Mood {
  double polarity;
  std::vector<std::string_view> faces;
};

// EMOTICONS in its dict order (love, grin, taunt, smile, wink, gasp, worry,
// frown, cry). Within a class the reference iterates a set, whose order
// changes with the hash seed; no face is a prefix of another of its class
// (tests/python/test_textblob_parity.py checks), so that order never changes
// a match and the class order decides: ":c)" and ":o)" (taunt) win over
// ":c" (frown) and ":o" (gasp).
const std::vector<Mood>& moods() {
  static const std::vector<Mood> table{
      {+1.00, {"<3", "\u2665"}},
      {+1.00, {">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D"}},
      {+0.75, {">:P", ":-P", ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)"}},
      {+0.50, {">:)", ":-)", ":)", "=)", "=]", ":]", ":}", ":>", ":3", "8)", "8-)"}},
      {+0.25, {">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)"}},
      {+0.05, {">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "\u00b0O\u00b0", "\u00b0o\u00b0"}},
      {-0.25, {">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>"}},
      {-0.75, {">:[", ":-(", ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/"}},
      {-1.00, {":'(", ":'''(", ";'("}},
  };
  return table;
}

// A face as RE_EMOTICONS matches it: its characters (UTF-8 pieces), between
// which one optional space may stand.
struct Pattern {
  std::vector<std::string_view> chars;
  std::string_view face;
};

struct Patterns {
  std::vector<Pattern> all;  // in alternation order
  // Per first byte, the patterns that start with it (in alternation order)
  // and the bytes their second character starts with.
  std::array<std::vector<const Pattern*>, 256> by_first;
  std::array<bool, 256> first{};  // by_first[b] is not empty
  // Byte pairs (b0 << 8 | b1) that may start a substitution: a face's first
  // byte and its second character's first byte; "(" and anything; the lead
  // bytes of U+00B0 and U+2665 and their second bytes. 8 KiB.
  std::array<std::uint64_t, 1024> pairs{};
  std::array<std::array<bool, 256>, 256> second{};
};

const Patterns& patterns() {
  static const Patterns table = [] {
    Patterns t;
    for (const Mood& m : moods())
      for (std::string_view f : m.faces) {
        Pattern p{{}, f};
        for (std::size_t k = 0; k < f.size();) {
          const auto b = static_cast<unsigned char>(f[k]);
          const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
          p.chars.push_back(f.substr(k, len));
          k += len;
        }
        t.all.push_back(std::move(p));
      }
    for (const Pattern& p : t.all) {
      const auto b0 = static_cast<unsigned char>(p.chars[0][0]);
      t.by_first[b0].push_back(&p);
      t.first[b0] = true;
      // a one-byte lead is all of the first character; faces of more than
      // one character only (every face has two or more)
      t.second[b0][static_cast<unsigned char>(p.chars.size() > 1 ? p.chars[1][0] : ' ')] = true;
    }
    auto set_pair = [&](unsigned b0, unsigned b1) {
      const unsigned k = b0 << 8 | b1;
      t.pairs[k >> 6] |= std::uint64_t{1} << (k & 63);
    };
    for (unsigned b0 = 0; b0 < 256; ++b0)
      for (unsigned b1 = 0; b1 < 256; ++b1)
        if (b0 == '(' || (t.first[b0] && (b0 >= 0x80 || t.second[b0][b1]))) set_pair(b0, b1);
    return t;
  }();
  return table;
}

// Where pattern `p` ends when it matches at `at`, or npos.
std::size_t match_at(const Pattern& p, std::string_view s, std::size_t at) {
  std::size_t q = at;
  for (std::size_t k = 0; k < p.chars.size(); ++k) {
    const std::string_view c = p.chars[k];
    // " ?" is greedy, but the next character is never a space: taking the
    // space is the only way on when one is there.
    if (k > 0 && q < s.size() && s[q] == ' ') ++q;
    if (s.compare(q, c.size(), c) != 0) return std::string_view::npos;
    q += c.size();
  }
  return q;
}

struct Lookup {
  std::vector<std::pair<std::string, double>> faces;  // lowered, first class wins
  // per first byte, the faces that start with it
  std::array<std::vector<std::pair<std::string, double>>, 256> by_first;
  std::size_t longest = 0;
};

// assessments() asks `w.isalpha() is False and len(w) <= 5 and w not in
// PUNCTUATION` (a substring test) and then whether w is a lowered face. Both
// are about w == face.lower(), so they are decided here once per face: only
// "XD"/"xD" ("xd", alphabetic) drop out. The non-ASCII characters of the faces
// (U+2665, U+00B0) are symbols, neither letters nor cased.
const Lookup& lookup() {
  static const Lookup table = [] {
    constexpr std::string_view kPunctuation = ".,;:!?()[]{}`''\"@#$^&*+-|=~_";
    Lookup t;
    for (const Mood& m : moods())
      for (std::string_view f : m.faces) {
        std::string low(f);
        bool alpha = true;
        std::size_t chars = 0;
        for (char& c : low) {
          const auto b = static_cast<unsigned char>(c);
          if (b >= 'A' && b <= 'Z') c = static_cast<char>(b + 32);
          alpha &= (c >= 'a' && c <= 'z');
          chars += (b & 0xC0) != 0x80;
        }
        if (alpha || chars > 5 || kPunctuation.find(low) != std::string_view::npos) continue;
        bool seen = false;
        for (const auto& [face, _] : t.faces) seen |= face == low;
        if (seen) continue;
        t.longest = std::max(t.longest, low.size());
        t.faces.emplace_back(std::move(low), m.polarity);
      }
    for (const auto& f : t.faces) t.by_first[static_cast<unsigned char>(f.first[0])].push_back(f);
    return t;
  }();
  return table;
}

// Whether a token of 4 bytes or more is ASCII letters only, none of them a
// 'D': no two of its bytes in a row can start a face ("XD" and "xD" are the
// only faces that begin with two letters) or RE_SARCASM's "(". Read 8 bytes
// at a time, the last read overlapping (two halves of 4 below 8 bytes);
// shorter tokens take the pair test.
bool letters_without_d(std::string_view t) noexcept {
  const char* p = t.data();
  const std::size_t n = t.size();
  if (n < 4) return false;
  constexpr std::uint64_t ones = 0x0101010101010101u, tops = ones * 0x80;
  std::uint64_t bad = 0;
  auto look = [&](std::uint64_t x) {
    // Per byte b < 0x80, c = b | 0x20 is in 'a'..'z' exactly for letters:
    // c + 0x1F has its top bit from 'a' on, c + 0x05 from '{' on.
    const std::uint64_t c = x | ones * 0x20;
    const std::uint64_t letter = (c + ones * 0x1F) & ~(c + ones * 0x05);
    const std::uint64_t d = x ^ ones * 'D';  // a zero byte where x holds 'D'
    bad |= (x & tops) | (~letter & tops) | ((d - ones) & ~d & tops);
  };
  if (n < 8) {
    look(std::uint64_t{bytes::load32(p)} << 32 | bytes::load32(p + n - 4));
  } else {
    for (std::size_t k = 0; k + 8 < n; k += 8) look(bytes::load64(p + k));
    look(bytes::load64(p + n - 8));
  }
  return bad == 0;
}

}  // namespace

bool may_substitute(const std::vector<std::string_view>& tokens, std::size_t begin, std::size_t end,
                    std::string_view skip) noexcept {
  const Patterns& pats = patterns();
  for (std::size_t k = begin; k < end; ++k) {
    const std::string_view t = tokens[k];
    if (!skip.empty() && t == skip) continue;
    // Within the token: nothing to test in a plain word (most tokens), else
    // one test per byte pair, or-ed together and tested once per token (a
    // branch per byte on the first byte alone mispredicts on every 'o' and
    // 'x'; one per pair costs more than the test).
    if (!letters_without_d(t)) {
      std::uint64_t any = 0;
      for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        const unsigned key = static_cast<unsigned>(static_cast<unsigned char>(t[i])) << 8 |
                             static_cast<unsigned char>(t[i + 1]);
        any |= pats.pairs[key >> 6] >> (key & 63);
      }
      if (any & 1) return true;
    }
    // Its last byte, followed in the sentence string by a space and the next
    // token's first byte.
    const auto b0 = static_cast<unsigned char>(t.back());
    if (b0 == '(') return true;
    if (!pats.first[b0]) continue;
    if (b0 >= 0x80) return true;
    for (std::size_t j = k + 1; j < end; ++j)
      if (skip.empty() || tokens[j] != skip) {
        if (pats.second[b0][static_cast<unsigned char>(tokens[j][0])]) return true;
        break;
      }
  }
  return false;
}

bool text_may_substitute(std::string_view text) noexcept {
  // A sentence string is tokens joined by single spaces, and tokens are the
  // text's bytes in order less whitespace (and less periods before a "...",
  // which leave a period in their place): every byte pair may_substitute
  // tests is a byte and the next non-whitespace byte of the text, unless a
  // token is not from the text (END-OF-SENTENCE, which starts no face and
  // is no face's second character) or non-ASCII whitespace joins two tokens
  // (any non-ASCII byte answers true). So each byte that starts a face, or
  // "(", is tested with the next non-whitespace byte.
  static constexpr std::array<bool, 256> kSpace = [] {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < 0x80; ++c) t[c] = py_isspace(static_cast<char32_t>(c));
    return t;
  }();
  const Patterns& pats = patterns();
  const char* const p = text.data();
  const std::size_t n = text.size();
  auto pair_at = [&](std::size_t j) {
    const unsigned b0 = static_cast<unsigned char>(p[j]);
    std::size_t k = j + 1;
    while (k < n && kSpace[static_cast<unsigned char>(p[k])]) ++k;
    if (k == n) return b0 == '(';  // "(" ends a token: may_substitute's test
    const unsigned key = b0 << 8 | static_cast<unsigned char>(p[k]);
    return (pats.pairs[key >> 6] >> (key & 63) & 1) != 0;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: any non-ASCII byte, else the positions of the
  // ASCII bytes that start a face (": ; < = >", "X x", "8", "*", "o") or
  // are "(" ('(' | 2 == '*'), each tested as above: an 'o' or two a text.
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(x)) return true;
    const __m128i starts = _mm_or_si128(
        _mm_or_si128(bytes::in(x, ':', '>'), bytes::eq(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'x')),
        _mm_or_si128(_mm_or_si128(bytes::eq(x, '8'), bytes::eq(x, 'o')),
                     bytes::eq(_mm_or_si128(x, _mm_set1_epi8(0x02)), '*')));
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(starts)); m; m &= m - 1)
      if (pair_at(i + static_cast<unsigned>(__builtin_ctz(m)))) return true;
  }
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) return true;
    if ((pats.first[c] || c == '(') && pair_at(i)) return true;
  }
  return false;
}

std::string_view substitute_sentence(std::string_view sentence, std::string& tmp, std::string& glued) {
  // RE_SARCASM: "\( ?\! ?\)" -> "(!)".
  std::string_view s = sentence;
  std::size_t i = s.find('(');
  if (i != std::string_view::npos) {
    tmp.clear();
    std::size_t copied = 0;
    for (; i < s.size(); i = s.find('(', i)) {
      std::size_t q = i + 1;
      if (q < s.size() && s[q] == ' ') ++q;
      if (q < s.size() && s[q] == '!') {
        ++q;
        if (q < s.size() && s[q] == ' ') ++q;
        if (q < s.size() && s[q] == ')') {
          tmp.append(s.substr(copied, i - copied));
          tmp.append("(!)");
          copied = i = q + 1;
          continue;
        }
      }
      ++i;
    }
    if (copied) {
      tmp.append(s.substr(copied));
      s = tmp;
    }
  }
  // RE_EMOTICONS: "(face1|face2|...)($|\s)", each face with " ?" between its
  // characters; the match loses its inner spaces. The alternation takes the
  // first face (in table order) that matches at the leftmost position.
  const Patterns& pats = patterns();
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t at = 0; at < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[at]);
    const std::vector<const Pattern*>& candidates = pats.by_first[b0];
    if (candidates.empty()) {
      ++at;
      continue;
    }
    // The byte after the first character (after one space, if any) must start
    // some face's second character; a multi-byte first character (U+00B0,
    // U+2665) goes to the full match.
    if (b0 < 0x80) {
      std::size_t k = at + 1;
      if (k < s.size() && s[k] == ' ') ++k;
      if (k >= s.size() || !pats.second[b0][static_cast<unsigned char>(s[k])]) {
        ++at;
        continue;
      }
    }
    std::size_t q = std::string_view::npos;
    const Pattern* hit = nullptr;
    for (const Pattern* p : candidates) {
      q = match_at(*p, s, at);
      if (q != std::string_view::npos && (q == s.size() || s[q] == ' ')) {
        hit = p;
        break;
      }
    }
    if (!hit) {
      ++at;
      continue;
    }
    if (q - at == hit->face.size()) {  // written without spaces: nothing to change
      at = q < s.size() ? q + 1 : q;
      continue;
    }
    if (!changed) glued.clear();
    changed = true;
    glued.append(s.substr(copied, at - copied));
    glued.append(hit->face);
    at = copied = q < s.size() ? q + 1 : q;  // the \s of ($|\s) stays
    if (q < s.size()) glued.push_back(' ');
  }
  if (!changed) return s;
  glued.append(s.substr(copied));
  return glued;
}

const double* emoticon_polarity(std::string_view w) noexcept {
  const Lookup& t = lookup();
  if (w.empty() || w.size() > t.longest) return nullptr;
  for (const auto& [face, polarity] : t.by_first[static_cast<unsigned char>(w[0])])
    if (face == w) return &polarity;
  return nullptr;
}

std::vector<std::pair<std::string, double>> emoticon_table() {
  std::vector<std::pair<std::string, double>> out;
  for (const Mood& m : moods())
    for (std::string_view f : m.faces) out.emplace_back(std::string(f), m.polarity);
  return out;
}

}  // namespace textgauge::textblob
