#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/clean.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {
std::string original_of(const Cleaned& c, std::string_view original, std::int64_t start, std::int64_t end) {
  const std::int64_t s = c.map.original_start(start), e = c.map.original_end(end);
  return std::string(original.substr(static_cast<std::size_t>(s), static_cast<std::size_t>(e - s)));
}

Cleaner make(std::vector<CleanStep> steps) {
  CleanOptions o;
  o.steps = std::move(steps);
  auto t = std::make_shared<EntityTable>();
  t->named = {{"amp;", "&"}, {"amp", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}};
  o.entities = t;
  return Cleaner(std::move(o));
}
}  // namespace

TEST_CASE("span maps compose and map a range to the whole replaced text", "[clean]") {
  // "a&amp;b" -> "a&b" (the entity replaced), then "a&b" -> "a&b!" (an insertion at the end).
  SpanMap first;
  first.copy(1);
  first.replace(5, 1);
  first.copy(1);
  SpanMap second;
  second.copy(3);
  second.replace(0, 1);
  const SpanMap both = first.then(second);
  CHECK(both.clean_size() == 4);
  CHECK(both.orig_size() == 7);
  CHECK(both.original_start(1) == 1);  // '&' starts where "&amp;" does
  CHECK(both.original_end(2) == 6);    // ... and ends where it ends
  CHECK(both.original_start(2) == 6);  // 'b' is a copy
  CHECK(both.original_end(3) == 7);
  CHECK(both.original_end(4) == 7);  // the inserted '!' stands at the end

  // A deletion inside a copied run: "exam-\nple" -> "example".
  SpanMap join;
  join.copy(4);
  join.replace(2, 0);
  join.copy(3);
  CHECK(join.original_start(0) == 0);
  CHECK(join.original_end(7) == 9);
  CHECK(join.original_end(4) == 4);
  CHECK(join.original_start(4) == 6);
}

TEST_CASE("the cleaner keeps the way back to the original", "[clean]") {
  const Cleaner c =
      make({CleanStep::html_entities, CleanStep::html_tags, CleanStep::spaces, CleanStep::quotes});
  const std::string text = "  Wall Street #39;s &lt;b&gt;best&lt;/b&gt;  day\xE2\x80\x99s &amp;#39;x ";
  const Cleaned r = c.clean(text);
  CHECK(r.text == "Wall Street's best day's 'x");
  CHECK(original_of(r, text, 5, 13) == "Street #39;s");
  CHECK(original_of(r, text, 14, 18) == "best");  // the tags (made of entities) are deleted pieces
  CHECK(original_of(r, text, 13, 19) == " &lt;b&gt;best&lt;/b&gt;  ");
  CHECK(original_of(r, text, 18, 19) == "  ");
  CHECK(original_of(r, text, 22, 23) == "\xE2\x80\x99");
  CHECK(original_of(r, text, 25, 26) == "&amp;#39;");
}

TEST_CASE("html_tags then html_entities decode each run of text between tags", "[clean]") {
  // As HTMLParser: "&amp" and "lt;" are two runs, so no "&lt;" forms across the tag.
  const std::string text = "x &amp<b>lt; y</>z";
  const Cleaned r = make({CleanStep::html_tags, CleanStep::html_entities}).clean(text);
  CHECK(r.text == "x &lt; yz");
  CHECK(original_of(r, text, 2, 3) == "&amp");
  CHECK(original_of(r, text, 3, 6) == "lt;");
  CHECK(original_of(r, text, 8, 9) == "z");
  // The other order decodes first, so the decoded "<b>" is a tag.
  CHECK(make({CleanStep::html_entities, CleanStep::html_tags}).clean("&lt;b&gt;x").text == "x");
}

TEST_CASE("a cleaning corpus analyses the cleaned text and reports original offsets", "[clean]") {
  CorpusOptions o;
  o.cleaner = std::make_shared<Cleaner>(make({CleanStep::html_entities}));
  Corpus corpus(o);
  corpus.add({"AT&amp;T rose"});
  CHECK(corpus.text(0) == "AT&T rose");
  CHECK(corpus.original(0) == "AT&amp;T rose");
  const TokenTable t = corpus.token_table(Corpus::Offsets::original);
  REQUIRE(t.byte_start.size() == 4);
  CHECK(t.byte_start == std::vector<std::int64_t>{0, 2, 7, 9});
  CHECK(t.byte_end == std::vector<std::int64_t>{2, 7, 8, 13});
  CHECK(corpus.token_table().byte_start == std::vector<std::int64_t>{0, 2, 3, 5});  // the analysed text's
  CHECK(corpus.vocabulary().term(t.term[1]) == "&");
}

TEST_CASE("an unknown cleaning step names the choices", "[clean]") {
  try {
    parse_option<CleanStep>("html");
    FAIL("no exception");
  } catch (const OptionError& e) {
    CHECK(std::string(e.what()).find("cleaning step must be one of 'html_entities', 'html_tags'") == 0);
  }
  CleanOptions o;
  o.steps = {CleanStep::html_entities};
  CHECK_THROWS_AS(Cleaner(o), Error);  // no reference table
}

TEST_CASE("a cleaning corpus keeps originals and maps in step over many items and in compound", "[clean]") {
  CorpusOptions o;
  o.cleaner = std::make_shared<Cleaner>(make({CleanStep::html_entities}));
  Corpus corpus(o);
  std::vector<std::string> batch{"AT&amp;T rose"};
  for (int i = 0; i < 40000; ++i)  // several work items (about 1 MB each), appended as they finish
    batch.push_back("Filler &lt;" + std::to_string(i) + "&gt; text, here.");
  batch.push_back("New &amp; AT&amp;T fell");
  corpus.add(std::move(batch), {}, 2);
  REQUIRE(corpus.size() == 40002);
  CHECK(corpus.text(40001) == "New & AT&T fell");
  CHECK(corpus.original(40001) == "New &amp; AT&amp;T fell");
  CHECK(corpus.original(40000) == "Filler &lt;39999&gt; text, here.");
  CHECK(corpus.text(40000) == "Filler <39999> text, here.");
  const TokenTable t = corpus.token_table(Corpus::Offsets::original);
  const std::size_t last = corpus.token_begin()[40001];
  REQUIRE(t.byte_start.size() == corpus.token_begin().back());
  CHECK(std::vector<std::int64_t>(t.byte_start.begin() + static_cast<std::ptrdiff_t>(last),
                                  t.byte_start.end()) == std::vector<std::int64_t>{0, 4, 10, 12, 17, 19});
  CHECK(std::vector<std::int64_t>(t.byte_end.begin() + static_cast<std::ptrdiff_t>(last), t.byte_end.end()) ==
        std::vector<std::int64_t>{3, 9, 12, 17, 18, 23});

  // AT & T as one token: its span in the original covers the entity.
  const auto& v = corpus.vocabulary();
  std::vector<std::int64_t> matches;
  const Corpus joined = corpus.compound(
      {{std::string(v.term(t.term[0])), std::string(v.term(t.term[1])), std::string(v.term(t.term[2]))}}, "_",
      &matches);
  CHECK(matches == std::vector<std::int64_t>{2});
  REQUIRE(joined.size() == corpus.size());
  CHECK(joined.original(40001) == corpus.original(40001));
  CHECK(joined.text(0) == "AT&T rose");
  const TokenTable j = joined.token_table(Corpus::Offsets::original);
  CHECK(joined.token_begin()[1] == 2);
  CHECK(std::vector<std::int64_t>(j.byte_start.begin(), j.byte_start.begin() + 2) ==
        std::vector<std::int64_t>{0, 9});
  CHECK(std::vector<std::int64_t>(j.byte_end.begin(), j.byte_end.begin() + 2) ==
        std::vector<std::int64_t>{8, 13});
  const std::size_t jl = joined.token_begin()[40001];
  CHECK(std::vector<std::int64_t>(j.byte_start.begin() + static_cast<std::ptrdiff_t>(jl),
                                  j.byte_start.end()) == std::vector<std::int64_t>{0, 4, 10, 19});
  CHECK(std::vector<std::int64_t>(j.byte_end.begin() + static_cast<std::ptrdiff_t>(jl), j.byte_end.end()) ==
        std::vector<std::int64_t>{3, 9, 18, 23});
  CHECK(j.sentence.size() == j.byte_start.size());
}
