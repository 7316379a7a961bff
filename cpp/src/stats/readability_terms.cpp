// The per-term properties behind readability_counts (syllables, letters, easy).
#include <string>

#include "textgauge/parallel.hpp"
#include "textgauge/stats/readability.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

bool starts_with(std::u32string_view s, std::size_t at, std::u32string_view prefix) {
  return s.size() - at >= prefix.size() && s.substr(at, prefix.size()) == prefix;
}

bool is_ascii(std::string_view s) noexcept {
  for (const unsigned char b : s)
    if (b >= 0x80) return false;
  return true;
}

// An apostrophe stays when a contraction follows it (textstat's
// "'(?![tsd]|ve|ll|re)"), and so do word characters and white space.
std::u32string textstat_code_points(std::string_view word, const PyStr& py) {
  std::string lowered;
  if (is_ascii(word)) {  // most terms: lower() is the ASCII mapping
    lowered.assign(word);
    for (char& c : lowered)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  } else {
    py.lower(word, lowered);
  }
  const std::u32string w = decode_utf8(lowered);
  std::u32string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    if (c == U'\'') {
      const bool contraction = starts_with(w, i + 1, U"t") || starts_with(w, i + 1, U"s") ||
                               starts_with(w, i + 1, U"d") || starts_with(w, i + 1, U"ve") ||
                               starts_with(w, i + 1, U"ll") || starts_with(w, i + 1, U"re");
      if (contraction) out.push_back(c);
    } else if (py.is_word(c) || PyStr::is_space(c)) {
      out.push_back(c);
    }
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (const char32_t c : s) append_utf8(out, c);
  return out;
}

bool all_ascii(std::u32string_view s) noexcept {
  for (const char32_t c : s)
    if (c >= 0x80) return false;
  return true;
}

std::int32_t syllables_of_form(std::u32string_view form, const Hyphenation& hyphenation, const PyStr& py) {
  // pyphen lower-cases the word once more before matching; lower() is not
  // idempotent for every string (Final_Sigma after a removed character), but
  // it is for ASCII, which is lower-case already here.
  std::u32string lowered;
  if (!all_ascii(form)) {
    std::string again;
    py.lower(encode(form), again);
    lowered = decode_utf8(again);
  }
  // The break positions are bounded by the length of the word pyphen was given.
  const auto breaks = hyphenation.positions(all_ascii(form) ? form : std::u32string_view(lowered), 2, 2);
  std::int32_t n = 0;
  const auto last = static_cast<std::int64_t>(form.size()) - 2;
  for (const std::int32_t p : breaks) n += p <= last;
  return n + 1;
}

}  // namespace

std::string textstat_form(std::string_view word, const PyStr& py) {
  return encode(textstat_code_points(word, py));
}

std::int32_t syllable_count(std::string_view word, const Hyphenation& hyphenation, const PyStr& py) {
  return syllables_of_form(textstat_code_points(word, py), hyphenation, py);
}

TermProperties term_properties(const Vocabulary& vocabulary, const Hyphenation& hyphenation,
                               const std::unordered_set<std::string>& easy_words, const PyStr& py,
                               unsigned threads) {
  const std::size_t n = vocabulary.size();
  TermProperties p;
  p.syllables.resize(n);
  p.letters.resize(n);
  p.easy.resize(n);
  // Each term writes only its own slots: no ordering to merge.
  parallel_chunks(n, 4096, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t t = begin; t < end; ++t) {
      const std::string_view term = vocabulary.term(static_cast<Vocabulary::id_type>(t));
      const std::u32string form = textstat_code_points(term, py);
      p.syllables[t] = syllables_of_form(form, hyphenation, py);
      std::int32_t letters = 0;
      const char* q = term.data();
      const char* e = q + term.size();
      while (q < e) letters += py.is_word(decode_utf8(q, e));  // isalnum() or '_' is re's \w
      p.letters[t] = letters;
      p.easy[t] = easy_words.count(encode(form)) != 0;
    }
  });
  return p;
}

}  // namespace textgauge
