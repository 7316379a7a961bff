#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/terms.hpp"
#include "textgauge/text/utf8.hpp"
#include "textgauge/text/vocabulary.hpp"

using namespace textgauge;

TEST_CASE("vocabulary: ids in first-occurrence order, terms of every length", "[vocabulary]") {
  Vocabulary v;
  // Terms that share their first 8 bytes, differ only in length, hold NUL
  // bytes or end in zero bytes: the slot compares prefix and length, longer
  // terms their remaining bytes.
  const std::vector<std::string> terms = {"a",
                                          "ab",
                                          std::string("ab\0", 3),
                                          std::string("\0", 1),
                                          "",
                                          "abcdefgh",
                                          "abcdefghi",
                                          "abcdefghj",
                                          "abcdefgh12345678",
                                          "abcdefgh12345679",
                                          "abcdefgh12345678x",
                                          std::string(300, 'z'),
                                          std::string(299, 'z') + "y",
                                          std::string(300, 'z') + "y"};
  for (std::size_t i = 0; i < terms.size(); ++i)
    CHECK(v.intern(terms[i]) == static_cast<Vocabulary::id_type>(i));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    CHECK(v.intern(terms[i]) == static_cast<Vocabulary::id_type>(i));
    CHECK(v.find(terms[i]) == static_cast<Vocabulary::id_type>(i));
    CHECK(v.term(static_cast<Vocabulary::id_type>(i)) == terms[i]);
  }
  CHECK(v.find("abcdefgh1234567") == Vocabulary::npos);
  CHECK(v.find(std::string(301, 'z')) == Vocabulary::npos);
  CHECK(v.size() == terms.size());
}

TEST_CASE("vocabulary: growth keeps every id; short keys from registers equal string keys", "[vocabulary]") {
  Vocabulary v;
  // (std::string("t").append(...): GCC 12 warns falsely about "t" + std::string.)
  const auto name = [](int i) { return std::string("t").append(std::to_string(i)); };
  for (int i = 0; i < 100000; ++i) CHECK(v.intern(name(i)) == i);
  for (int i = 0; i < 100000; i += 997) CHECK(v.find(name(i)) == i);
  std::uint64_t bytes = 0;
  std::memcpy(&bytes, "t42", 3);
  CHECK(v.intern(Vocabulary::Key::short_term(bytes, 3)) == 42);
  CHECK(Vocabulary::Key::short_term(bytes, 3).hash == Vocabulary::Key("t42").hash);
}

TEST_CASE("vocabulary: serialised form round-trips; bad forms raise", "[vocabulary]") {
  Vocabulary v;
  for (const char* t : {"alpha", "beta", "a much longer term than eight bytes", ""}) v.intern(t);
  Vocabulary w = Vocabulary::from_buffer(v.buffer(), v.offsets());
  REQUIRE(w.size() == 4);
  CHECK(w.find("a much longer term than eight bytes") == 2);
  CHECK(w.find("") == 3);
  CHECK_THROWS_AS(Vocabulary::from_buffer("abab", {0, 2, 4}), Error);   // duplicate
  CHECK_THROWS_AS(Vocabulary::from_buffer("ab", {0, 3}), Error);        // past the buffer
  CHECK_THROWS_AS(Vocabulary::from_buffer("ab", {0, 2, 1, 2}), Error);  // decreasing
  Vocabulary copy = v;
  CHECK(copy.intern("gamma") == 4);
  CHECK(v.find("gamma") == Vocabulary::npos);
}

TEST_CASE("term extraction: ASCII, mixed and ICU paths give the same terms", "[vocabulary][ascii]") {
  // (Literals are split where a hex escape is followed by a hex digit.)
  const std::string text =
      "The U.S. Senate's vote: 1,000.5 ballots\xE2\x80\x94"
      "an ABSOLUTELY-extraordinary count (caf\xC3\xA9, "
      "don\xE2\x80\x99t, Stra\xC3\x9F"
      "e)!\n\nInternationalisation internationalisation A a";
  SegmentOptions fast, icu;
  fast.sentences = icu.sentences = false;
  icu.ascii_fast_path = false;
  Vocabulary v1, v2;
  std::vector<Vocabulary::id_type> ids1, ids2;
  TermExtractor(fast).extract(text, v1, ids1);
  TermExtractor(icu).extract(text, v2, ids2);
  REQUIRE(find_invalid_utf8(text) == std::string::npos);
  REQUIRE(ids1 == ids2);
  REQUIRE(v1.buffer() == v2.buffer());
  CHECK(v1.find("internationalisation") == ids1[ids1.size() - 4]);
  CHECK(v1.find("absolutely") >= 0);
  CHECK(v1.find("don't") >= 0);    // quotes unified
  CHECK(v1.find("strasse") >= 0);  // full case folding
  CHECK(v1.find("a") == ids1.back());
}
