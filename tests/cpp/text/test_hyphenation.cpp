#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/hyphenation.hpp"

using namespace textgauge;

// Values worked out by hand from Liang's rule: every pattern matching a
// substring of ".word." raises the priorities it carries; odd ones break.
TEST_CASE("Liang patterns: highest priority wins, odd values break", "[hyphenation]") {
  const Hyphenation h("UTF-8\n% a comment\nLEFTHYPHENMIN 2\n1ba\nb1c\na2b\n0x0\n");
  CHECK(h.patterns() == 3);  // the all-zero pattern is dropped
  // ".abc.": a2b puts 2 before b (index 1); b1c puts 1 before c (index 2).
  CHECK(h.positions(U"abc", 1, 1) == std::vector<std::int32_t>{2});
  // ".bab.": 1ba -> 1 before b at 0 (dropped by left=1); a2b -> 2 before the second b.
  CHECK(h.positions(U"bab", 1, 1).empty());
  CHECK(h.positions(U"bab", 0, 0) == std::vector<std::int32_t>{0});
  // left/right bound the positions (pyphen's defaults 2 and 2).
  CHECK(h.positions(U"abcbc", 1, 1) == std::vector<std::int32_t>{2, 4});
  CHECK(h.positions(U"abcbc", 2, 2) == std::vector<std::int32_t>{2});
}

TEST_CASE("Liang patterns: escapes, alternatives, duplicates, dots", "[hyphenation]") {
  // ^^e9 is U+00E9; "c1k/k=k,1,1" counts as "c1k"; the later "b5d" replaces "b2d".
  const Hyphenation h("UTF-8\n^^e9t1\nc1k/k=k,1,1\nb2d\nb5d\n.ex3a\n");
  CHECK(h.positions(U"\u00e9ta", 1, 1) == std::vector<std::int32_t>{2});
  CHECK(h.positions(U"ack", 1, 1) == std::vector<std::int32_t>{2});
  CHECK(h.positions(U"abd", 1, 1) == std::vector<std::int32_t>{2});
  CHECK(h.positions(U"exam", 1, 1) == std::vector<std::int32_t>{2});  // only at the word's start
  CHECK(h.positions(U"bexam", 1, 1).empty());
}

TEST_CASE("a dictionary without patterns is an error", "[hyphenation]") {
  CHECK_THROWS_AS(Hyphenation("UTF-8\n% nothing\n"), Error);
}
