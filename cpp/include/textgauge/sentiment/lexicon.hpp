#pragma once
// A sentiment lexicon in VADER's format: word valences and emoji descriptions.
//
// VADER reads two tab-separated files. `vader_lexicon.txt` holds
// `word <TAB> valence [<TAB> sd <TAB> ratings]`; only the first two columns are
// used. `emoji_utf8_lexicon.txt` holds `emoji <TAB> description`. A key that
// appears twice keeps its LAST value, as Python's `dict[key] = value` does
// (vader_lexicon.txt has 14 such keys: `lol` is 2.9 then 1.8, and 1.8 is what
// VADER uses).
//
// Keys are stored as written. Lookups lower-case the token, not the key, so a
// key with capitals (`:D`) is never matched; this is VADER's behaviour too.
//
// textgauge does not ship the files: the Python package reads them from the
// installed vaderSentiment distribution and hands their text to load_words()
// and load_emoji().
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace textgauge {

class Lexicon {
 public:
  // Parses VADER-format word lines from `text` (UTF-8): empty lines are
  // skipped; every other line, stripped of whitespace at both ends, must hold
  // a key, a tab and a finite number. A bad line throws Error naming `source`
  // and the 1-based line number.
  void load_words(std::string_view text, const std::string& source = "<words>");
  // Parses `emoji <TAB> description` lines; a line without a tab (an empty
  // line included, which VADER itself cannot read) throws Error.
  void load_emoji(std::string_view text, const std::string& source = "<emoji>");

  // Adds or replaces one entry. Throws Error on an empty key or a non-finite valence.
  void set_word(std::string_view word, double valence);
  void set_emoji(std::string_view emoji, std::string_view description);
  bool erase_word(std::string_view word);
  bool erase_emoji(std::string_view emoji);

  // The valence of `word` as stored (no lower-casing); nullptr when absent.
  const double* find_word(std::string_view word) const;
  const std::string* find_emoji(std::string_view emoji) const;

  // Entries in insertion order (a replaced key keeps its first position, as in a Python dict).
  std::vector<std::pair<std::string, double>> words() const;
  std::vector<std::pair<std::string, std::string>> emoji() const;
  std::size_t word_count() const noexcept { return word_index_.size(); }
  std::size_t emoji_count() const noexcept { return emoji_index_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  // Insertion-ordered maps: entries plus an index; erased entries leave a tombstone.
  std::vector<std::pair<std::string, double>> word_entries_;
  std::vector<bool> word_live_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> word_index_;
  std::vector<std::pair<std::string, std::string>> emoji_entries_;
  std::vector<bool> emoji_live_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> emoji_index_;
};

}  // namespace textgauge
