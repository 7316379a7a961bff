#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/text/segtok.hpp"

using namespace textgauge;

// Expected values: segtok 1.5's split_multi on the same text
// (tests/python/test_segtok.py compares with it on the shared corpora).
TEST_CASE("segtok split_multi: abbreviations, initials, brackets, quotes, dates", "[segtok]") {
  using V = std::vector<std::string>;
  CHECK(segtok_split_multi("Dr. Smith arrived. He met Mr. Jones e.g. at noon. Then i.e. nothing happened.") ==
        V{"Dr. Smith arrived.", "He met Mr. Jones e.g. at noon.", "Then i.e. nothing happened."});
  CHECK(segtok_split_multi("Written by J. R. R. Tolkien. Read it (see Fig. 3. Or not.) now. \"Stop!\" she "
                           "said.\n\nNew one") == V{"Written by J. R. R. Tolkien.",
                                                    "Read it (see Fig. 3. Or not.) now.",
                                                    "\"Stop!\" she said.", "New one"});
  CHECK(segtok_split_multi("On 3. Mar the vote. On 4. Then.") == V{"On 3. Mar the vote.", "On 4.", "Then."});
  CHECK(segtok_split_multi("") == V{""});
  CHECK(segtok_split_multi("Hello. ") == V{"Hello.", ""});
}
