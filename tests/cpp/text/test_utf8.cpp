#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

using namespace textgauge;

TEST_CASE("find_invalid_utf8 locates the first bad byte", "[utf8]") {
  CHECK(find_invalid_utf8("plain ascii text, long enough for the 8-byte path") == std::string_view::npos);
  CHECK(find_invalid_utf8("caf\xC3\xA9") == std::string_view::npos);
  CHECK(find_invalid_utf8("abcdefghij\xA3z") == 10);                                // stray cp1252 pound sign
  CHECK(find_invalid_utf8("ab\xED\xA0\x80") == 2);                                  // UTF-8 encoded surrogate
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);                                        // overlong '/'
  CHECK(find_invalid_utf8("x\xF4\x90\x80\x80") == 1);                               // above U+10FFFF
  CHECK(find_invalid_utf8("\xE2\x82") == 0);                                        // truncated
  CHECK(find_invalid_utf8(std::string_view("a\0b", 3)) == std::string_view::npos);  // NUL is valid
}

TEST_CASE("strict policy throws DecodeError with offset and source", "[utf8]") {
  try {
    ensure_utf8("abc\xFF", DecodeErrors::strict, "sport/199.txt");
    FAIL("no exception");
  } catch (const DecodeError& e) {
    CHECK(e.byte_offset() == 3);
    CHECK(e.source() == "sport/199.txt");
    CHECK(std::string(e.what()) == "invalid UTF-8 in sport/199.txt at byte offset 3");
  }
}

TEST_CASE("replace policy substitutes U+FFFD per maximal subpart, as Python does", "[utf8]") {
  // Expected values from Python: bytes.decode("utf-8", "replace").encode()
  CHECK(ensure_utf8("a\xFF"
                    "b",
                    DecodeErrors::replace) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(ensure_utf8("\xE2\x82z", DecodeErrors::replace) == "\xEF\xBF\xBDz");  // one FFFD for E2 82
  CHECK(ensure_utf8("\xED\xA0\x80", DecodeErrors::replace) ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate: three
  CHECK(ensure_utf8("ok", DecodeErrors::replace) == "ok");
}

TEST_CASE("code points and ASCII detection", "[utf8]") {
  CHECK(count_code_points("h\xC3\xA9llo \xF0\x9F\x91\x8D") == 7);
  CHECK(is_ascii("hello world, this is long ascii text"));
  CHECK_FALSE(is_ascii("hello world, this is long ascii text\xC3\xA9"));
  CHECK(is_ascii(""));
}
