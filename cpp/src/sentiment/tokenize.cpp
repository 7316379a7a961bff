// Step 1 and 2 of polarity_scores, for any text: emoji substitution and
// SentiText (split, strip punctuation, case, lookup). Most texts take
// tokenize_ascii.cpp instead, which gives the same tokens.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "sentiment/vader_impl.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge::vader {

namespace {

inline bool is_ascii_punct(unsigned char c) noexcept {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

}  // namespace

Tokenizer::Tokenizer(const Lexicon& lexicon, const SentimentOptions& o)
    : mode_(o.mode), pystr_(&PyStr::get(o.unicode_major, o.unicode_minor)) {
  build_word_table(lexicon, words_);
  for (const auto& [k, d] : lexicon.emoji()) {
    const char* p = k.data();
    const char* end = p + k.size();
    const char32_t first = decode_utf8(p, end);
    if (p == end) {
      emoji_one_[first] = d;
      emoji_min_ = std::min(emoji_min_, first);
    } else {
      emoji_first_.insert(first);
    }
    emoji_all_[k] = d;
    emoji_max_bytes_ = std::max(emoji_max_bytes_, k.size());
    if (is_ascii(k) && (p == end || o.mode == SentimentMode::fixed)) ascii_fast_ = false;
  }
}

// --- 1. emoji substitution (polarity_scores' first loop) -------------------
std::string_view Tokenizer::substitute(std::string_view text, Scratch& s) const {
  if (emoji_all_.empty()) return text;
  if (fixed()) return substitute_fixed(text, s);
  const char* p = text.data();
  const char* end = p + text.size();
  std::size_t i = 0;
  if (emoji_min_ >= 0x80) {  // skip the ASCII prefix: no key can start there
    while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
    if (i == text.size()) return text;
  }
  // prev_space only matters at the first substitution; find it lazily.
  bool changed = false;
  bool prev_space = i == 0 ? true : text[i - 1] == ' ';
  p += i;
  while (p < end) {
    const char* at = p;
    const char32_t c = decode_utf8(p, end);
    const std::string* desc = nullptr;
    if (c >= emoji_min_) {
      auto it = emoji_one_.find(c);
      if (it != emoji_one_.end()) desc = &it->second;
    }
    if (desc) {
      if (!changed) {
        s.text.assign(text.data(), static_cast<std::size_t>(at - text.data()));
        changed = true;
      }
      if (!prev_space) s.text.push_back(' ');
      s.text.append(*desc);
      prev_space = false;
    } else {
      if (changed) s.text.append(at, static_cast<std::size_t>(p - at));
      prev_space = c == ' ';  // only U+0020 counts, not a tab or newline
    }
  }
  return changed ? std::string_view(s.text) : text;
}

// Fixed mode: at each position the longest emoji key wins (ZWJ sequences,
// skin tones, flags, keycaps), a VS16 left over after a match is dropped,
// and descriptions are kept apart from neighbouring text on both sides.
std::string_view Tokenizer::substitute_fixed(std::string_view text, Scratch& s) const {
  const char* p = text.data();
  const char* end = p + text.size();
  s.text.clear();
  bool changed = false;
  bool prev_space = true;
  while (p < end) {
    const char* at = p;
    const char32_t c = decode_utf8(p, end);
    const std::string* desc = nullptr;
    const char* match_end = p;
    // An ASCII key start (# * 0-9 of keycaps) needs a non-ASCII code point after it.
    const bool candidate =
        c >= 0x80 || (p < end && static_cast<unsigned char>(*p) >= 0x80) || emoji_min_ < 0x80;
    if (candidate) {
      if (emoji_first_.count(c)) {
        // Try code-point boundaries from the longest candidate down.
        const char* limit = std::min(end, at + emoji_max_bytes_);
        std::vector<const char*> bounds;
        for (const char* q = p; q <= limit;) {
          bounds.push_back(q);
          if (q == limit) break;
          decode_utf8(q, end);
          if (q > limit) break;
        }
        for (auto b = bounds.rbegin(); b != bounds.rend() && !desc; ++b) {
          auto it = emoji_all_.find(std::string(at, static_cast<std::size_t>(*b - at)));
          if (it != emoji_all_.end()) {
            desc = &it->second;
            match_end = *b;
          }
        }
      } else {
        auto it = emoji_one_.find(c);
        if (it != emoji_one_.end()) desc = &it->second;
      }
    }
    if (desc) {
      changed = true;
      p = match_end;
      if (p + 3 <= end && std::memcmp(p, "\xEF\xB8\x8F", 3) == 0) p += 3;  // VS16
      if (!prev_space) s.text.push_back(' ');
      s.text.append(*desc);
      if (p < end) {
        const char* q = p;
        if (!py_isspace(decode_utf8(q, end))) s.text.push_back(' ');
      }
      prev_space = true;
    } else {
      s.text.append(at, static_cast<std::size_t>(p - at));
      prev_space = py_isspace(c);
    }
  }
  return changed ? std::string_view(s.text) : text;
}

// --- 2. SentiText: split, strip punctuation, classify ----------------------
void Tokenizer::check_size(std::string_view text) {
  if (text.size() > 0xFFFFFFFFu)
    throw Error("a text of " + std::to_string(text.size()) +
                " bytes (after emoji substitution) is over the 4 GiB that sentiment scoring supports");
}

void Tokenizer::tokenize(std::string_view text, Scratch& s) const {
  check_size(text);
  s.toks.clear();
  s.visit.clear();
  const char* base = text.data();
  const char* p = base;
  const char* end = p + text.size();
  while (p < end) {
    // skip whitespace
    const char* start = p;
    {
      const char* q = p;
      const char32_t c = decode_utf8(q, end);
      if (py_isspace(c)) {
        p = q;
        continue;
      }
    }
    // token runs to the next whitespace
    bool ascii = true;
    const char* q = p;
    while (q < end) {
      const unsigned char b = static_cast<unsigned char>(*q);
      if (b < 0x80) {
        if ((b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20)) break;
        ++q;
      } else {
        const char* r = q;
        if (py_isspace(decode_utf8(r, end))) break;
        ascii = false;
        q = r;
      }
    }
    const Tok t = make_token(base, start, q, ascii, s.lower);
    if (t.flags & kVisit) s.visit.push_back(static_cast<std::uint32_t>(s.toks.size()));
    s.toks.push_back(t);
    p = q;
  }
}

// The token at [b, e) of the text at base; `lw` is scratch space.
Tok Tokenizer::make_token(const char* base, const char* b, const char* e, bool ascii, std::string& lw) const {
  // _strip_punc_if_word: strip ASCII punctuation; keep the token when at
  // most 2 code points would remain.
  const char* sb = b;
  const char* se = e;
  while (sb < se && is_ascii_punct(static_cast<unsigned char>(*sb))) ++sb;
  while (se > sb && is_ascii_punct(static_cast<unsigned char>(se[-1]))) --se;
  std::size_t len = 0;
  for (const char* q = sb; q < se && len <= 2; ++q) len += (static_cast<unsigned char>(*q) & 0xC0) != 0x80;
  if (len > 2) {
    b = sb;
    e = se;
  }
  Tok t;
  t.case_known = true;
  t.begin = static_cast<std::uint32_t>(b - base);
  t.end = static_cast<std::uint32_t>(e - base);
  lw.clear();
  if (ascii) {
    bool has_upper = false, has_lower = false;
    for (const char* q = b; q < e; ++q) {
      char c = *q;
      if (c >= 'A' && c <= 'Z') {
        has_upper = true;
        c = static_cast<char>(c + 32);
      } else if (c >= 'a' && c <= 'z') {
        has_lower = true;
      }
      lw.push_back(c);
    }
    t.upper = has_upper && !has_lower;
  } else {
    const std::string_view tok(b, static_cast<std::size_t>(e - b));
    t.upper = pystr_->isupper(tok);
    pystr_->lower(tok, lw);
    if (fixed()) unify_apostrophes(lw);
  }
  const std::size_t n = lw.size();
  lw.append(8, '\0');  // find_padded reads whole words
  const Entry* found = words_.find_padded(lw.data(), n);
  lw.resize(n);
  t.valence = found ? found->valence : 0.0;
  t.flags = found ? found->flags : 0;
  t.negated = (t.flags & kNegate) || lw.find("n't") != std::string::npos;
  return t;
}

void Tokenizer::unify_apostrophes(std::string& lw) {
  std::string out;
  out.reserve(lw.size());
  for (std::size_t i = 0; i < lw.size();) {
    if (i + 3 <= lw.size() && static_cast<unsigned char>(lw[i]) == 0xE2 &&
        static_cast<unsigned char>(lw[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(lw[i + 2]) == 0x99 || static_cast<unsigned char>(lw[i + 2]) == 0x98)) {
      out.push_back('\'');  // U+2019, U+2018
      i += 3;
    } else if (i + 2 <= lw.size() && static_cast<unsigned char>(lw[i]) == 0xCA &&
               static_cast<unsigned char>(lw[i + 1]) == 0xBC) {
      out.push_back('\'');  // U+02BC modifier letter apostrophe
      i += 2;
    } else {
      out.push_back(lw[i++]);
    }
  }
  lw.swap(out);
}

// Whether a text with non-ASCII characters tokenizes like an ASCII one: it
// is well-formed UTF-8 (as every str is; the generic path copes with
// anything), emoji substitution would not change it, and none of its
// non-ASCII characters is whitespace, so ASCII whitespace alone splits it.
bool Tokenizer::plain_non_ascii(std::string_view text) const {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const auto b0 = static_cast<unsigned char>(*p);
    if (b0 < 0x80) {
      ++p;
      continue;
    }
    const std::ptrdiff_t more = b0 >= 0xF8 ? -1 : b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
    if (more < 0 || end - p <= more) return false;
    for (std::ptrdiff_t k = 1; k <= more; ++k)
      if ((static_cast<unsigned char>(p[k]) & 0xC0) != 0x80) return false;
    const char32_t c = decode_utf8(p, end);
    if (py_isspace(c) || (c >= emoji_min_ && emoji_one_.count(c)) || (fixed() && emoji_first_.count(c)))
      return false;
  }
  return true;
}

}  // namespace textgauge::vader
