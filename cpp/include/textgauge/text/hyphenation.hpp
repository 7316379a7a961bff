#pragma once
// Liang's hyphenation patterns, as in the hyph_*.dic files of Hunspell and
// LibreOffice (the files pyphen ships), with pyphen's reading of them.
//
// A pattern such as "1tio" or ".ex3a" interleaves letters with digits: the
// digit before a letter is the priority of a break there. For a word, every
// pattern matching a substring of ".word." contributes its digits; each
// position keeps the highest; an odd value allows a break. textgauge counts
// syllables as the number of such breaks plus one (the readability measures),
// so the rules below are pyphen's to the letter:
//   - lines starting with '%', '#', or a LEFTHYPHENMIN-like keyword are not
//     patterns; "^^hh" stands for the character U+00hh;
//   - a nonstandard alternative after '/' ("c1k/k=k,1,1") changes how a word
//     is split, not where: only the part before '/' counts here;
//   - a pattern whose digits are all 0 is dropped; a later duplicate replaces
//     an earlier one;
//   - breaks closer than `left` code points to the start or `right` to the end
//     are dropped (pyphen's defaults are 2 and 2, not the file's minima).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace textgauge {

class Hyphenation {
 public:
  // `patterns`: the text of a .dic file decoded to UTF-8, encoding line included
  // (it is skipped, as pyphen does).
  explicit Hyphenation(std::string_view patterns);

  // Break positions in `word` (code point indices in 1..size-1, ascending),
  // `word` being lower-case already.
  std::vector<std::int32_t> positions(std::u32string_view word, int left = 2, int right = 2) const;

  std::size_t patterns() const noexcept;

 private:
  struct Trie;  // the patterns as a trie over code points (hyphenation.cpp)
  std::shared_ptr<const Trie> trie_;
};

}  // namespace textgauge
