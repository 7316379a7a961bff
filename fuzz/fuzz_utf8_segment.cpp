// UTF-8 validation and repair, segmentation, and Corpus::add under both error
// policies. The first input byte picks the options, the rest is the text.
//
// Invariants: strict decoding fails exactly at find_invalid_utf8(); repair
// gives well-formed UTF-8, leaves valid text alone and is idempotent; every
// unit lies inside the text, in order, starts and ends on code-point
// boundaries and carries code-point offsets that agree with its bytes; tokens
// lie in their paragraph and start in their sentence; the ASCII fast path gives the ICU
// path's tokens; a Corpus holds the repaired text and the Segmenter's tokens.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/terms.hpp"
#include "textgauge/text/text.hpp"
#include "textgauge/text/utf8.hpp"

using namespace textgauge;

namespace {

SegmentOptions options_from(std::uint8_t flags, bool fast_path) {
  SegmentOptions o;
  o.paragraphs = (flags & 1) ? ParagraphMode::lines : ParagraphMode::blank_lines;
  o.sentences = (flags & 2) == 0;
  o.ascii_fast_path = fast_path;
  return o;
}

Segmenter& segmenter(std::uint8_t flags, bool fast_path) {
  // One per option set, reused across inputs as the header recommends.
  static std::array<std::unique_ptr<Segmenter>, 8> cache;
  auto& s = cache[(flags & 3) | (fast_path ? 4 : 0)];
  if (!s) s = std::make_unique<Segmenter>(options_from(flags, fast_path));
  return *s;
}

bool is_boundary(std::string_view t, std::int64_t b) {
  return b == static_cast<std::int64_t>(t.size()) ||
         (static_cast<unsigned char>(t[static_cast<std::size_t>(b)]) & 0xC0) != 0x80;
}

void check_span(std::string_view t, const std::vector<std::int64_t>& cp_at, const Span& s) {
  const auto n = static_cast<std::int64_t>(t.size());
  FUZZ_CHECK(0 <= s.byte_start && s.byte_start < s.byte_end && s.byte_end <= n);
  FUZZ_CHECK(is_boundary(t, s.byte_start) && is_boundary(t, s.byte_end));
  FUZZ_CHECK(cp_at[static_cast<std::size_t>(s.byte_start)] == s.cp_start);
  FUZZ_CHECK(cp_at[static_cast<std::size_t>(s.byte_end)] == s.cp_end);
}

bool inside(const Span& inner, const Span& outer) {
  return outer.byte_start <= inner.byte_start && inner.byte_end <= outer.byte_end;
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].span.byte_start != b[i].span.byte_start ||
        a[i].span.byte_end != b[i].span.byte_end || a[i].span.cp_start != b[i].span.cp_start ||
        a[i].span.cp_end != b[i].span.cp_end)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string raw(reinterpret_cast<const char*>(data) + 1, size - 1);

  // --- validation and repair ---
  const std::size_t bad = find_invalid_utf8(raw);
  try {
    const std::string ok = ensure_utf8(raw, DecodeErrors::strict, "fuzz");
    FUZZ_CHECK(bad == std::string::npos && ok == raw);
  } catch (const DecodeError& e) {
    FUZZ_CHECK(bad != std::string::npos && e.byte_offset() == bad && e.source() == "fuzz");
  }
  const std::string text = ensure_utf8(raw, DecodeErrors::replace);
  FUZZ_CHECK(find_invalid_utf8(text) == std::string::npos);
  FUZZ_CHECK(bad != std::string::npos || text == raw);
  FUZZ_CHECK(ensure_utf8(text, DecodeErrors::replace) == text);

  // --- segmentation ---
  std::vector<std::int64_t> cp_at(text.size() + 1, 0);
  for (std::size_t i = 0; i < text.size(); ++i)
    cp_at[i + 1] = cp_at[i] + ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0);
  FUZZ_CHECK(static_cast<std::size_t>(cp_at.back()) == count_code_points(text));

  const Segmentation s = segmenter(flags, true).segment(text);
  for (std::size_t i = 0; i < s.paragraphs.size(); ++i) {
    check_span(text, cp_at, s.paragraphs[i]);
    if (i) FUZZ_CHECK(s.paragraphs[i - 1].byte_end <= s.paragraphs[i].byte_start);
  }
  FUZZ_CHECK(s.sentence_paragraph.size() == s.sentences.size());
  for (std::size_t i = 0; i < s.sentences.size(); ++i) {
    check_span(text, cp_at, s.sentences[i]);
    if (i) FUZZ_CHECK(s.sentences[i - 1].byte_end <= s.sentences[i].byte_start);
    const auto p = s.sentence_paragraph[i];
    FUZZ_CHECK(p >= 0 && static_cast<std::size_t>(p) < s.paragraphs.size());
    FUZZ_CHECK(inside(s.sentences[i], s.paragraphs[static_cast<std::size_t>(p)]));
  }
  FUZZ_CHECK(s.token_paragraph.size() == s.tokens.size() && s.token_sentence.size() == s.tokens.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    check_span(text, cp_at, t.span);
    FUZZ_CHECK(static_cast<unsigned>(t.kind) <= 3);
    if (i) FUZZ_CHECK(s.tokens[i - 1].span.byte_end <= t.span.byte_start);
    const auto p = s.token_paragraph[i];
    FUZZ_CHECK(p >= 0 && static_cast<std::size_t>(p) < s.paragraphs.size());
    FUZZ_CHECK(inside(t.span, s.paragraphs[static_cast<std::size_t>(p)]));
    const auto q = s.token_sentence[i];
    if (!s.sentences.empty()) {
      FUZZ_CHECK(q >= 0 && static_cast<std::size_t>(q) < s.sentences.size());
      FUZZ_CHECK(s.sentence_paragraph[static_cast<std::size_t>(q)] == p);
      // A token belongs to the sentence holding its first byte (text.hpp). It
      // may run past that sentence's end: ICU's word rules join "!" ZWJ 👩
      // (WB4, WB3c) where its sentence rules end a sentence after the "!".
      const Span& sent = s.sentences[static_cast<std::size_t>(q)];
      FUZZ_CHECK(sent.byte_start <= t.span.byte_start && t.span.byte_start < sent.byte_end);
    }
  }

  // The ASCII fast path is an optimisation only: same tokens as ICU, for
  // ASCII text and for mixed text (whose ASCII pieces take the fast path),
  // and the same terms from the term extractor.
  if (ascii_fast_path_agrees_with_icu()) {
    const Segmentation icu = segmenter(flags, false).segment(text);
    FUZZ_CHECK(same_tokens(s.tokens, icu.tokens));
    FUZZ_CHECK(s.token_paragraph == icu.token_paragraph && s.token_sentence == icu.token_sentence);
    SegmentOptions fast = options_from(flags, true), slow = options_from(flags, false);
    fast.sentences = slow.sentences = false;
    Vocabulary vf, vs;
    std::vector<Vocabulary::id_type> idf, ids;
    TermExtractor(fast).extract(text, vf, idf);
    TermExtractor(slow).extract(text, vs, ids);
    FUZZ_CHECK(idf == ids && vf.buffer() == vs.buffer() && vf.offsets() == vs.offsets());
  }

  // --- Corpus::add under both policies ---
  CorpusOptions co;
  co.segment = options_from(flags, true);
  co.errors = DecodeErrors::strict;
  Corpus strict(co);
  try {
    strict.add({raw}, {}, 1);
    FUZZ_CHECK(bad == std::string::npos);
  } catch (const DecodeError& e) {
    FUZZ_CHECK(bad != std::string::npos && e.byte_offset() == bad);
    FUZZ_CHECK(strict.size() == 0);
  }
  co.errors = DecodeErrors::replace;
  Corpus repaired(co);
  repaired.add({raw, raw}, {}, (flags & 4) ? 2 : 1);
  FUZZ_CHECK(repaired.size() == 2 && repaired.text(0) == text && repaired.text(1) == text);
  const Document d = repaired.document(1);
  FUZZ_CHECK(d.units.tokens.size() == s.tokens.size() && d.terms.size() == s.tokens.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    FUZZ_CHECK(d.units.tokens[i].span.byte_start == s.tokens[i].span.byte_start);
    FUZZ_CHECK(d.units.tokens[i].span.byte_end == s.tokens[i].span.byte_end);
    FUZZ_CHECK(d.terms[i] == repaired.document(0).terms[i]);
  }
  return 0;
}
