#include "textgauge/text/hyphenation.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "common/flat_map.hpp"
#include "textgauge/error.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// Python's str.strip(): str.isspace() characters at both ends.
std::u32string_view strip(std::u32string_view s) {
  while (!s.empty() && py_isspace(s.front())) s.remove_prefix(1);
  while (!s.empty() && py_isspace(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with(std::u32string_view s, std::string_view ascii) {
  if (s.size() < ascii.size()) return false;
  for (std::size_t i = 0; i < ascii.size(); ++i)
    if (s[i] != static_cast<char32_t>(static_cast<unsigned char>(ascii[i]))) return false;
  return true;
}

bool ignored(std::u32string_view line) {
  for (std::string_view k :
       {"%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN"})
    if (starts_with(line, k)) return true;
  return false;
}

int hex_digit(char32_t c) {  // pyphen's "^^hh" takes lower-case hex digits only
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'a' && c <= U'f') return static_cast<int>(c - U'a') + 10;
  return -1;
}

std::u32string unescape(std::u32string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U'^' && i + 3 < s.size() && s[i + 1] == U'^' && hex_digit(s[i + 2]) >= 0 &&
        hex_digit(s[i + 3]) >= 0) {
      out.push_back(static_cast<char32_t>(hex_digit(s[i + 2]) * 16 + hex_digit(s[i + 3])));
      i += 3;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

struct Hyphenation::Trie {
  struct Node {
    std::int32_t offset = -1;  // where the values start, relative to the match; -1: no pattern ends here
    std::vector<std::uint8_t> values;
  };
  // The child of (node, c) is children[node << 21 | c] (code points take 21 bits).
  FlatMap<std::uint64_t, std::int32_t> children;
  std::vector<Node> nodes{Node{}};
  std::size_t patterns = 0;

  std::int32_t child(std::int32_t node, char32_t c) const noexcept {
    const std::int32_t* next = children.find(static_cast<std::uint64_t>(node) << 21 | c);
    return next ? *next : -1;
  }

  void insert(std::u32string_view letters, std::int32_t offset, std::vector<std::uint8_t> values) {
    std::int32_t node = 0;
    for (const char32_t c : letters) {
      auto [next, inserted] = children.try_emplace(static_cast<std::uint64_t>(node) << 21 | c,
                                                   static_cast<std::int32_t>(nodes.size()));
      if (inserted) nodes.emplace_back();
      node = next;
    }
    Node& n = nodes[static_cast<std::size_t>(node)];
    if (n.offset < 0) ++patterns;
    n.offset = offset;  // a later duplicate replaces the earlier one
    n.values = std::move(values);
  }
};

std::size_t Hyphenation::patterns() const noexcept { return trie_->patterns; }

Hyphenation::Hyphenation(std::string_view patterns) {
  auto trie = std::make_shared<Trie>();
  const std::u32string text = decode_utf8(patterns);
  std::u32string_view rest = text;
  bool first = true;
  while (!rest.empty() || first) {
    const std::size_t nl = rest.find(U'\n');
    const std::u32string_view raw = rest.substr(0, nl);
    rest = nl == std::u32string_view::npos ? std::u32string_view{} : rest.substr(nl + 1);
    if (first) {  // the encoding line
      first = false;
      continue;
    }
    const std::u32string_view line = strip(raw);
    if (line.empty() || ignored(line)) continue;
    std::u32string pattern = unescape(line);
    if (const std::size_t slash = pattern.find(U'/');
        slash != std::u32string::npos && pattern.find(U'=') != std::u32string::npos)
      pattern.resize(slash);
    // Pairs (optional digit, optional non-digit) up to the end, then one empty
    // pair: the letters are the non-digits, the values the digits (0 if absent).
    std::u32string letters;
    std::vector<std::uint8_t> values;
    std::size_t i = 0;
    while (i < pattern.size()) {
      std::uint8_t v = 0;
      if (u_isdigit(static_cast<UChar32>(pattern[i]))) {
        v = static_cast<std::uint8_t>(u_charDigitValue(static_cast<UChar32>(pattern[i])));
        ++i;
      }
      if (i < pattern.size() && !u_isdigit(static_cast<UChar32>(pattern[i]))) letters.push_back(pattern[i++]);
      values.push_back(v);
    }
    values.push_back(0);
    const auto nonzero = [](std::uint8_t v) { return v != 0; };
    const auto first_nz = std::find_if(values.begin(), values.end(), nonzero);
    if (first_nz == values.end()) continue;
    const auto last_nz = std::find_if(values.rbegin(), values.rend(), nonzero).base();
    trie->insert(letters, static_cast<std::int32_t>(first_nz - values.begin()),
                 std::vector<std::uint8_t>(first_nz, last_nz));
  }
  if (trie->patterns == 0) throw Error("hyphenation: no patterns in the dictionary");
  trie_ = std::move(trie);
}

std::vector<std::int32_t> Hyphenation::positions(std::u32string_view word, int left, int right) const {
  std::u32string pointed;
  pointed.reserve(word.size() + 2);
  pointed.push_back(U'.');
  pointed.append(word);
  pointed.push_back(U'.');
  const std::size_t n = pointed.size();
  std::vector<std::uint8_t> refs(n + 1, 0);
  for (std::size_t i = 0; i + 1 < n; ++i) {  // pyphen starts no match at the final '.'
    std::int32_t node = 0;
    for (std::size_t j = i; j < n; ++j) {
      node = trie_->child(node, pointed[j]);
      if (node < 0) break;
      const Trie::Node& m = trie_->nodes[static_cast<std::size_t>(node)];
      if (m.offset < 0) continue;
      const std::size_t at = i + static_cast<std::size_t>(m.offset);
      for (std::size_t k = 0; k < m.values.size() && at + k < refs.size(); ++k)
        refs[at + k] = std::max(refs[at + k], m.values[k]);
    }
  }
  std::vector<std::int32_t> out;
  const auto last = static_cast<std::int64_t>(word.size()) - right;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto p = static_cast<std::int64_t>(i) - 1;
    if ((refs[i] & 1) && p >= left && p <= last) out.push_back(static_cast<std::int32_t>(p));
  }
  return out;
}

}  // namespace textgauge
