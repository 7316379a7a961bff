#include "textgauge/text/terms.hpp"

#include <cstring>

#include "text/ascii_words.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

using ascii::lower8;

void ascii_lower(std::string_view in, std::string& out) {
  out.resize(in.size());
  const char* p = in.data();
  char* o = out.data();
  std::size_t n = in.size();
  for (; n >= 8; p += 8, o += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    w = lower8(w);
    std::memcpy(o, &w, 8);
  }
  for (; n; ++p, ++o, --n) *o = (*p >= 'A' && *p <= 'Z') ? static_cast<char>(*p + 32) : *p;
}

TermExtractor::TermExtractor(SegmentOptions segment, NormalizeOptions normalize)
    : segmenter_(segment), normalizer_(normalize) {}

void TermExtractor::extract(std::string_view text, Vocabulary& vocab, std::vector<Vocabulary::id_type>& out,
                            bool ascii) {
  const bool fast = segmenter_.options().ascii_fast_path && ascii_fast_path_agrees_with_icu();
  // Pure-ASCII text goes straight from bytes to ids, without paragraphs or
  // token records: the units between paragraphs are whitespace, which never
  // joins or starts a token, so scanning the whole text finds the tokens of
  // every paragraph in order.
  if (fast && (ascii || is_ascii(text))) {
    scan_ascii_terms(text, vocab, out);
    return;
  }
  paragraphs_.clear();
  segmenter_.append_paragraphs(text, paragraphs_);
  for (const Span& p : paragraphs_) {
    const std::string_view ptext = text.substr(static_cast<std::size_t>(p.byte_start),
                                               static_cast<std::size_t>(p.byte_end - p.byte_start));
    if (!fast) {
      icu_terms(text, ptext, p.byte_start, vocab, out);
      continue;
    }
    ascii::split_pieces(ptext, [&](std::size_t b, std::size_t e, bool ascii) {
      const std::string_view piece = ptext.substr(b, e - b);
      if (ascii)
        scan_ascii_terms(piece, vocab, out);
      else
        icu_terms(text, piece, p.byte_start + static_cast<std::int64_t>(b), vocab, out);
    });
  }
}

namespace {

// Lowercases ASCII `raw` (8 to kShortTerm bytes) into `buf` 8 bytes at a
// time, the last 8 overlapping the previous ones, and returns the view of it.
std::string_view lower_short(std::string_view raw, char* buf) noexcept {
  const std::size_t n = raw.size();
  auto lower_at = [&](std::size_t i) {
    std::uint64_t w;
    std::memcpy(&w, raw.data() + i, 8);
    w = lower8(w);
    std::memcpy(buf + i, &w, 8);
  };
  for (std::size_t i = 0; i + 8 < n; i += 8) lower_at(i);
  lower_at(n - 8);
  return {buf, n};
}

}  // namespace

void TermExtractor::extract_all(const std::vector<std::string_view>& texts,
                                const std::vector<std::uint8_t>& ascii, Vocabulary& vocab,
                                std::vector<Vocabulary::id_type>& out, std::vector<std::int64_t>& offsets) {
  std::size_t bytes = 0;
  for (const std::string_view t : texts) bytes += t.size();
  out.reserve(out.size() + bytes / 5);  // news text: a token per 5-6 bytes; spares most regrowth copies
  offsets.reserve(offsets.size() + texts.size());
  constexpr std::size_t kAhead = 2;  // texts
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i + kAhead < texts.size()) prefetch_text(texts[i + kAhead]);
    extract(texts[i], vocab, out, i < ascii.size() && ascii[i]);
    offsets.push_back(static_cast<std::int64_t>(out.size()));
  }
}

void TermExtractor::icu_terms(std::string_view text, std::string_view piece, std::int64_t byte_base,
                              Vocabulary& vocab, std::vector<Vocabulary::id_type>& out) {
  tokens_.clear();
  // Code point offsets are not used here: only byte spans reach intern_token.
  segmenter_.tokenize_icu(piece, tokens_, byte_base, 0);
  for (const Token& t : tokens_) out.push_back(intern_token(text, t.span, normalizer_, vocab, scratch_));
}

void TermExtractor::scan_ascii_terms(std::string_view text, Vocabulary& vocab,
                                     std::vector<Vocabulary::id_type>& out) {
  const bool fold = normalizer_.options().casefold;
  ascii::scan(text, masks_, [&](std::size_t start, std::size_t end, TokenKind) {
    out.push_back(ascii::intern(vocab, text, start, end, fold, scratch_));
  });
}

Vocabulary::id_type intern_ascii(std::string_view raw, bool casefold, Vocabulary& vocab,
                                 std::string& scratch) {
  // NFC/NFKC, accent stripping and quote unification are identities on ASCII,
  // and case folding is lowercasing.
  if (!casefold) return vocab.intern(raw);
  if (raw.size() < 8) {
    std::uint64_t w = 0;
    for (std::size_t k = 0; k < raw.size(); ++k)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(raw[k])) << (8 * k);
    return vocab.intern(Vocabulary::Key::short_term(lower8(w), raw.size()));
  }
  if (raw.size() > kShortTerm) {
    ascii_lower(raw, scratch);
    return vocab.intern(scratch);
  }
  char buf[kShortTerm];
  return vocab.intern(lower_short(raw, buf));
}

Vocabulary::id_type intern_token(std::string_view text, const Span& s, const Normalizer& normalizer,
                                 Vocabulary& vocab, std::string& scratch) {
  const std::string_view raw(text.data() + s.byte_start, static_cast<std::size_t>(s.byte_end - s.byte_start));
  // ASCII tokens (nearly all of them in news text) skip the ICU normaliser.
  if (s.cp_end - s.cp_start == s.byte_end - s.byte_start)
    return intern_ascii(raw, normalizer.options().casefold, vocab, scratch);
  normalizer.apply(raw, scratch);
  return vocab.intern(scratch);
}

}  // namespace textgauge
