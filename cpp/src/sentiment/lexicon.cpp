#include "textgauge/sentiment/lexicon.hpp"

#include <charconv>
#include <cmath>

#include "textgauge/error.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// Python's str.strip(): whitespace as str.isspace() defines it, at both ends.
std::string_view py_strip(std::string_view s) {
  const char* b = s.data();
  const char* e = b + s.size();
  while (b < e) {
    const char* p = b;
    if (!py_isspace(decode_utf8(p, e))) break;
    b = p;
  }
  while (e > b) {
    const char* start = e - 1;
    while (start > b && (static_cast<unsigned char>(*start) & 0xC0) == 0x80) --start;
    const char* p = start;
    if (!py_isspace(decode_utf8(p, e))) break;
    e = start;
  }
  return {b, static_cast<std::size_t>(e - b)};
}

[[noreturn]] void bad_line(const std::string& source, std::size_t line, const std::string& why) {
  throw Error(source + ":" + std::to_string(line) + ": " + why);
}

// Python's float() on a lexicon field, minus the spellings a lexicon has no
// use for: hexadecimal, digit separators and non-finite values are refused.
bool parse_valence(std::string_view field, double& out) {
  field = py_strip(field);
  if (!field.empty() && field.front() == '+') {
    field.remove_prefix(1);
    if (!field.empty() && field.front() == '-') return false;
  }
  if (field.empty()) return false;
  const char* b = field.data();
  const char* e = b + field.size();
  auto [ptr, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && ptr == e && std::isfinite(out);
}

// Calls fn(line_number, line) for each line of Python's text.rstrip('\n').split('\n').
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::size_t number = 1, pos = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    fn(number, line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++number;
  }
}

}  // namespace

void Lexicon::load_words(std::string_view text, const std::string& source) {
  for_each_line(text, [&](std::size_t number, std::string_view line) {
    if (line.empty()) return;
    const std::string_view s = py_strip(line);
    const std::size_t tab = s.find('\t');
    if (tab == std::string_view::npos) bad_line(source, number, "expected 'word<TAB>valence'");
    const std::size_t tab2 = s.find('\t', tab + 1);
    const std::string_view measure =
        s.substr(tab + 1, tab2 == std::string_view::npos ? std::string_view::npos : tab2 - tab - 1);
    double v = 0;
    if (!parse_valence(measure, v))
      bad_line(source, number, "valence '" + std::string(measure) + "' is not a finite number");
    set_word(s.substr(0, tab), v);
  });
}

void Lexicon::load_emoji(std::string_view text, const std::string& source) {
  for_each_line(text, [&](std::size_t number, std::string_view line) {
    const std::string_view s = py_strip(line);
    const std::size_t tab = s.find('\t');
    if (tab == std::string_view::npos) bad_line(source, number, "expected 'emoji<TAB>description'");
    const std::size_t tab2 = s.find('\t', tab + 1);
    const std::string_view desc =
        s.substr(tab + 1, tab2 == std::string_view::npos ? std::string_view::npos : tab2 - tab - 1);
    if (tab == 0) bad_line(source, number, "empty emoji");
    set_emoji(s.substr(0, tab), desc);
  });
}

void Lexicon::set_word(std::string_view word, double valence) {
  if (!std::isfinite(valence)) throw Error("valence of '" + std::string(word) + "' is not finite");
  auto it = word_index_.find(word);
  if (it != word_index_.end()) {
    word_entries_[it->second].second = valence;
    return;
  }
  word_index_.emplace(std::string(word), word_entries_.size());
  word_entries_.emplace_back(std::string(word), valence);
  word_live_.push_back(true);
}

void Lexicon::set_emoji(std::string_view emoji, std::string_view description) {
  if (emoji.empty()) throw Error("an emoji key cannot be empty");
  auto it = emoji_index_.find(emoji);
  if (it != emoji_index_.end()) {
    emoji_entries_[it->second].second = std::string(description);
    return;
  }
  emoji_index_.emplace(std::string(emoji), emoji_entries_.size());
  emoji_entries_.emplace_back(std::string(emoji), std::string(description));
  emoji_live_.push_back(true);
}

bool Lexicon::erase_word(std::string_view word) {
  auto it = word_index_.find(word);
  if (it == word_index_.end()) return false;
  word_live_[it->second] = false;
  word_index_.erase(it);
  return true;
}

bool Lexicon::erase_emoji(std::string_view emoji) {
  auto it = emoji_index_.find(emoji);
  if (it == emoji_index_.end()) return false;
  emoji_live_[it->second] = false;
  emoji_index_.erase(it);
  return true;
}

const double* Lexicon::find_word(std::string_view word) const {
  auto it = word_index_.find(word);
  return it == word_index_.end() ? nullptr : &word_entries_[it->second].second;
}

const std::string* Lexicon::find_emoji(std::string_view emoji) const {
  auto it = emoji_index_.find(emoji);
  return it == emoji_index_.end() ? nullptr : &emoji_entries_[it->second].second;
}

std::vector<std::pair<std::string, double>> Lexicon::words() const {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(word_index_.size());
  for (std::size_t i = 0; i < word_entries_.size(); ++i)
    if (word_live_[i]) out.push_back(word_entries_[i]);
  return out;
}

std::vector<std::pair<std::string, std::string>> Lexicon::emoji() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(emoji_index_.size());
  for (std::size_t i = 0; i < emoji_entries_.size(); ++i)
    if (emoji_live_[i]) out.push_back(emoji_entries_[i]);
  return out;
}

}  // namespace textgauge
