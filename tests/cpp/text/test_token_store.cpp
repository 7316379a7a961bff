// The compact token store a Corpus keeps: every span decodes to exactly what
// the Segmenter produced (ASCII and non-ASCII documents, tokens longer than
// the packed length field, tokens far from their block's base offset,
// documents past several code-point checkpoints),
// and a token's sentence and paragraph come back from the per-sentence ranges.
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/token_store.hpp"

using namespace textgauge;

namespace {

bool same(const Span& a, const Span& b) {
  return a.byte_start == b.byte_start && a.byte_end == b.byte_end && a.cp_start == b.cp_start &&
         a.cp_end == b.cp_end;
}

std::vector<std::string> sample_documents() {
  const std::string long_word(70, 'x');                                    // 70 bytes: overflow table
  const std::string url = "https://example.org/" + std::string(300, 'a');  // longer still
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "Caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D. ";
  return {
      "Plain ASCII text. Two sentences here!\n\nA second paragraph, with 1,000.5 numbers.",
      "",
      accents,  // non-ASCII, well past many 64-byte checkpoints
      "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE6\x9C\xAC and \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD emoji " +
          long_word + ".\n\n\xC3\x89t\xC3\xA9 " + url + " \xC3\xA9" + long_word + "\xC3\xA9 end.",
      long_word + " " + url,                               // ASCII with long tokens
      "start" + std::string(70000, ' ') + "end \xC3\xA9",  // a token 64 KiB past its block's first
      std::string(70000, ' ') + "after a long gap",        // so is this document's first token
  };
}

}  // namespace

TEST_CASE("token store: spans and kinds round trip", "[token_store]") {
  const auto docs = sample_documents();
  Segmenter seg;
  TokenStore store;
  std::vector<Segmentation> wide;
  for (const auto& d : docs) {
    wide.push_back(seg.segment(d));
    store.add_document(d, wide.back().tokens);
  }
  REQUIRE(store.documents() == docs.size());
  CHECK(store.ascii(0));
  CHECK(store.ascii(1));
  CHECK_FALSE(store.ascii(2));
  CHECK_FALSE(store.ascii(3));
  CHECK(store.ascii(4));
  CHECK_FALSE(store.ascii(5));
  CHECK(store.ascii(6));
  std::size_t long_tokens = 0;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const auto& tokens = wide[d].tokens;
    REQUIRE(store.token_begin()[d + 1] - store.token_begin()[d] == tokens.size());
    const TokenColumn column(store, d, docs[d]);
    REQUIRE(column.size() == tokens.size());
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const std::size_t t = store.token_begin()[d] + k;
      CHECK(same(store.span(d, docs[d], t), tokens[k].span));
      CHECK(same(column[k].span, tokens[k].span));
      CHECK(column.kind(k) == tokens[k].kind);
      long_tokens += tokens[k].span.byte_end - tokens[k].span.byte_start >= TokenStore::kLongLength;
    }
  }
  CHECK(long_tokens >= 5);  // the overflow table was exercised, in ASCII and non-ASCII documents

  SECTION("appended after another store, and truncated") {
    TokenStore both;
    both.add_document(docs[3], wide[3].tokens);
    both.append(store);
    REQUIRE(both.documents() == docs.size() + 1);
    for (std::size_t d = 0; d < docs.size(); ++d)
      for (std::size_t k = 0; k < wide[d].tokens.size(); ++k)
        CHECK(same(both.span(d + 1, docs[d], both.token_begin()[d + 1] + k), wide[d].tokens[k].span));
    both.truncate(4);
    REQUIRE(both.documents() == 4);
    REQUIRE(both.size() == both.token_begin()[4]);
    for (std::size_t k = 0; k < wide[2].tokens.size(); ++k)
      CHECK(same(both.span(3, docs[2], both.token_begin()[3] + k), wide[2].tokens[k].span));
  }
  SECTION("code points at every byte boundary of a non-ASCII document") {
    const std::string& text = docs[2];
    std::int64_t cp = 0;
    for (std::size_t b = 0; b <= text.size(); ++b) {
      if (b == text.size() || (static_cast<unsigned char>(text[b]) & 0xC0u) != 0x80u) {
        CHECK(store.code_point(2, text, static_cast<std::int64_t>(b)) == cp);
        ++cp;
      }
    }
  }
  SECTION("about 3 bytes a token") {
    std::size_t tokens = 0, cp_bytes = 0;
    for (const auto& w : wide) tokens += w.tokens.size();
    for (const auto& d : docs) cp_bytes += d.size() / TokenStore::kCheckpointBytes * 4 + 4;
    store.shrink_to_fit();
    CHECK(store.memory_bytes() <= tokens * 3 + (tokens / TokenStore::kBlockTokens + 1) * 8 +
                                      16 * (long_tokens + 2) + cp_bytes + 3 * (docs.size() + 1) * 8);
  }
}

TEST_CASE("corpus: document views decode tokens, sentences and paragraphs (and the unit tables)",
          "[token_store]") {
  const auto docs = sample_documents();
  for (unsigned threads : {1u, 2u}) {
    Corpus corpus;
    corpus.add(std::vector<std::string>(docs.begin(), docs.begin() + 2), {}, threads);
    corpus.add(std::vector<std::string>(docs.begin() + 2, docs.end()), {}, threads);
    REQUIRE(corpus.size() == docs.size());
    Segmenter seg;
    std::size_t total = 0;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const Segmentation s = seg.segment(docs[d]);
      const Document doc = corpus.document(d);
      CHECK(doc.text == docs[d]);
      CHECK(corpus.text(d) == docs[d]);
      REQUIRE(doc.units.tokens.size() == s.tokens.size());
      REQUIRE(doc.units.sentences.size() == s.sentences.size());
      REQUIRE(doc.units.paragraphs.size() == s.paragraphs.size());
      REQUIRE(doc.terms.size() == s.tokens.size());
      for (std::size_t k = 0; k < s.sentences.size(); ++k) {
        CHECK(same(doc.units.sentences[k], s.sentences[k]));
        CHECK(doc.units.sentence_paragraph[k] == s.sentence_paragraph[k]);
      }
      for (std::size_t k = 0; k < s.paragraphs.size(); ++k)
        CHECK(same(doc.units.paragraphs[k], s.paragraphs[k]));
      for (std::size_t k = 0; k < s.tokens.size(); ++k) {
        CHECK(same(doc.units.tokens[k].span, s.tokens[k].span));
        CHECK(doc.units.tokens[k].kind == s.tokens[k].kind);
        CHECK(doc.units.token_sentence[k] == s.token_sentence[k]);
        CHECK(doc.units.token_paragraph[k] == s.token_paragraph[k]);
        CHECK(same(corpus.token_span(d, corpus.token_begin()[d] + k), s.tokens[k].span));
      }
      // Out of order too (binary search rather than the running position).
      for (std::size_t k = s.tokens.size(); k-- > 0;)
        CHECK(doc.units.token_sentence[k] == s.token_sentence[k]);
      total += s.tokens.size();
    }
    const UnitTable sentences = corpus.sentence_table();
    std::size_t srow = 0;
    for (std::size_t d = 0; d < docs.size(); ++d)
      for (const Span& sp : seg.segment(docs[d]).sentences) {
        CHECK(sentences.cp_start[srow] == sp.cp_start);
        CHECK(sentences.cp_end[srow] == sp.cp_end);
        CHECK(sentences.byte_end[srow++] == sp.byte_end);
      }
    CHECK(srow == sentences.cp_start.size());
    const TokenTable t = corpus.token_table();
    REQUIRE(t.byte_start.size() == total);
    std::size_t row = 0;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const Segmentation s = seg.segment(docs[d]);
      for (std::size_t k = 0; k < s.tokens.size(); ++k, ++row) {
        CHECK(t.document[row] == static_cast<std::int32_t>(d));
        CHECK(t.sentence[row] == s.token_sentence[k]);
        CHECK(t.paragraph[row] == s.token_paragraph[k]);
        CHECK(t.cp_start[row] == s.tokens[k].span.cp_start);
        CHECK(t.cp_end[row] == s.tokens[k].span.cp_end);
        CHECK(t.byte_end[row] == s.tokens[k].span.byte_end);
        CHECK(t.kind[row] == static_cast<std::uint8_t>(s.tokens[k].kind));
      }
    }
  }
}

TEST_CASE("corpus: a failed add leaves the corpus as it was", "[token_store]") {
  Corpus corpus;
  corpus.add({"First document. It has words.", "Zweite \xC3\xA9tape."});
  const std::size_t terms = corpus.vocabulary().size(), tokens = corpus.terms().size();
  std::vector<std::string> batch(3000, "new words here, unseen before: zyzzyva.");
  batch.push_back("bad \xFF byte");
  CHECK_THROWS(corpus.add(std::move(batch), {}, 2));
  CHECK(corpus.size() == 2);
  CHECK(corpus.vocabulary().size() == terms);
  CHECK(corpus.terms().size() == tokens);
  CHECK(corpus.text(1) == "Zweite \xC3\xA9tape.");
  corpus.add({"More text."});
  CHECK(corpus.size() == 3);
  CHECK(corpus.document(2).units.tokens.size() == 3);
}

TEST_CASE("corpus: for_each_sentence gives every token once, with the sentence that holds it",
          "[token_store]") {
  std::vector<std::string> docs = sample_documents();
  docs.push_back("   \n\n  ");                      // paragraphs of blanks only
  docs.push_back("... !!! ?");                      // tokens that are punctuation alone
  docs.push_back("one\ntwo\n\nthree. four\n\n\n");  // line ends inside and after paragraphs
  for (const ParagraphMode mode : {ParagraphMode::blank_lines, ParagraphMode::lines}) {
    for (const bool sentences : {true, false}) {
      CorpusOptions o;
      o.segment.paragraphs = mode;
      o.segment.sentences = sentences;
      Corpus corpus(o);
      corpus.add(docs);
      Segmenter seg(o.segment);
      for (std::size_t d = 0; d < docs.size(); ++d) {
        INFO("document " << d << ", sentences " << sentences);
        const Segmentation s = seg.segment(docs[d]);
        std::vector<std::int32_t> sentence_of;  // per token, as for_each_sentence gives it
        std::size_t next = corpus.token_begin()[d];
        corpus.for_each_sentence(d, [&](std::size_t sentence, std::size_t first, std::size_t last) {
          CHECK(first == next);  // in order, no token skipped or given twice
          next = last;
          for (std::size_t k = first; k < last; ++k)
            sentence_of.push_back(static_cast<std::int32_t>(sentence - corpus.sentence_begin()[d]));
        });
        CHECK(next == corpus.token_begin()[d + 1]);
        CHECK(sentence_of == s.token_sentence);
      }
    }
  }
}

TEST_CASE("corpus: unit_texts gives each unit's analysed text, of one document or of all", "[token_store]") {
  Corpus corpus;
  corpus.add({"Prices rose. Traders cheered!\n\nThen they fell.", "", "One more."});
  using V = std::vector<std::string_view>;
  CHECK(corpus.unit_texts(Unit::document, 0) == V{"Prices rose. Traders cheered!\n\nThen they fell."});
  CHECK(corpus.unit_texts(Unit::paragraph, 0) == V{"Prices rose. Traders cheered!", "Then they fell."});
  CHECK(corpus.unit_texts(Unit::sentence, 0) == V{"Prices rose.", "Traders cheered!", "Then they fell."});
  CHECK(corpus.unit_texts(Unit::sentence, 1).empty());  // an empty document has no units
  CHECK(corpus.unit_texts(Unit::document, 1) == V{""});
  CHECK(corpus.unit_texts(Unit::sentence) ==
        V{"Prices rose.", "Traders cheered!", "Then they fell.", "One more."});
  CHECK(corpus.unit_texts(Unit::document).size() == 3);
  CHECK_THROWS_AS(corpus.unit_texts(Unit::paragraph, 3), Error);
}
