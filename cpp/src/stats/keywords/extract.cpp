// yake_keywords: the package's extract_keywords (see textgauge/stats/yake.hpp):
// split into sentences, tokenize, tag, score, de-duplicate.
#include <unicode/uchar.h>

#include "textgauge/pystr/pystr.hpp"
#include "textgauge/stats/yake.hpp"
#include "textgauge/text/segtok.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// str.isdigit() / str.isalpha() of one code point (Numeric_Type Decimal or
// Digit; a letter category), for the code points the emulated Python knows.
bool py_isdigit(const PyStr& py, char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  if (!py.known(c)) return false;
  const auto t = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NUMERIC_TYPE);
  return t == U_NT_DECIMAL || t == U_NT_DIGIT;
}
bool py_isalpha(const PyStr& py, char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return py.known(c) && (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}
bool ascii_punct(char32_t c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

}  // namespace

YakeTokenInfo yake_token_info(std::string_view token, int unicode_major, int unicode_minor) {
  const PyStr& py = PyStr::get(unicode_major, unicode_minor);
  YakeTokenInfo info;
  py.lower(token, info.lower);
  const std::u32string w = decode_utf8(token);
  std::u32string bare;
  for (char32_t c : w)
    if (c != ',') bare.push_back(c);
  auto all_digits = [&](const std::u32string& s) {
    if (s.empty()) return false;
    for (char32_t c : s)
      if (!py_isdigit(py, c)) return false;
    return true;
  };
  bool number = all_digits(bare);
  if (!number) {
    if (auto dot = bare.find(U'.'); dot != std::u32string::npos) bare.erase(dot, 1);
    number = all_digits(bare);
  }
  if (number) return info.cls = 'd', info;
  int digits = 0, letters = 0, marks = 0, upper = 0;
  for (char32_t c : w) {
    digits += py_isdigit(py, c);
    letters += py_isalpha(py, c);
    marks += ascii_punct(c);
    upper += (py.flags(c) & PyStr::kUpper) != 0;
  }
  if ((digits && letters) || (!digits && !letters) || marks > 1)
    info.cls = 'u';
  else if (py.isupper(token))
    info.cls = 'a';
  else if (w.size() > 1 && (py.flags(w[0]) & PyStr::kUpper) && upper == 1)
    info.cls = 'N';
  else
    info.cls = 'p';
  return info;
}

std::vector<std::string> yake_sentences(std::string_view text) {
  std::vector<std::string> sentences;
  if (text.empty()) return sentences;  // extract_keywords returns early
  // extract_keywords turns line breaks into spaces, so pre_filter sees one
  // line: it marks a paragraph start ("\n\n") when the line starts with an
  // ASCII capital after white space (Python's `re` `\s`: str.isspace).
  const char* p = text.data();
  const char* const end = p + text.size();
  char32_t first = 0;
  while (p < end) {
    first = decode_utf8(p, end);
    if (!py_isspace(first)) break;
    first = 0;
  }
  const bool capital = first >= 'A' && first <= 'Z';
  std::string prepared = capital ? "\n\n" : " ";
  prepared.reserve(text.size() + 2);
  for (char c : text) prepared.push_back(c == '\n' || c == '\t' ? ' ' : c);
  segtok_split_multi(prepared, sentences);
  std::erase_if(sentences, [](const std::string& s) { return s.empty(); });  // already stripped
  return sentences;
}

YakeKeywords yake_keywords(std::string_view text, const EntityTable& entities,
                           const std::unordered_set<std::string>& stopwords,
                           const YakeExtractOptions& options) {
  const std::vector<std::string> sentences = yake_sentences(text);
  std::vector<std::vector<std::string>> tokens(sentences.size());
  std::unordered_map<std::string, YakeTokenInfo> non_ascii;
  std::vector<std::string> raw;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    raw.clear();
    segtok_tokens(sentences[s], entities, true, raw);
    for (std::string& t : raw) {
      if (t.empty() || (t.size() > 1 && t[0] == '\'')) continue;  // the package drops these
      if (!is_ascii(t) && non_ascii.find(t) == non_ascii.end())
        non_ascii.emplace(t, yake_token_info(t, options.unicode_major, options.unicode_minor));
      tokens[s].push_back(std::move(t));
    }
  }
  YakeKeywords out;
  YakeResult found = yake_candidates(tokens, non_ascii, stopwords, options.candidates);
  if (found.failed) return out;  // the package's scoring raised ZeroDivisionError, caught: nothing
  const std::size_t top = static_cast<std::size_t>(std::max(options.top, 1));
  if (options.dedup_lim >= 1.0) {  // no de-duplication; the package then gives the lower-cased form
    const std::size_t k = std::min(top, found.unique.size());
    out.keywords.assign(found.unique.begin(), found.unique.begin() + static_cast<std::ptrdiff_t>(k));
    out.scores.assign(found.scores.begin(), found.scores.begin() + static_cast<std::ptrdiff_t>(k));
    return out;
  }
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < found.unique.size() && kept.size() < top; ++i) {
    bool distinct = true;
    for (std::size_t j : kept)
      if (yake_similarity(found.unique[i], found.unique[j], options.dedup, options.unicode_major,
                          options.unicode_minor) > options.dedup_lim) {
        distinct = false;
        break;
      }
    if (!distinct) continue;
    kept.push_back(i);
    out.keywords.push_back(std::move(found.keywords[i]));
    out.scores.push_back(found.scores[i]);
  }
  return out;
}

}  // namespace textgauge
