#include "textgauge/terms.hpp"

#include <cstring>

#include "textgauge/utf8.hpp"

namespace textgauge {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

// Lowercases eight ASCII bytes: sets bit 5 of every byte in 'A'..'Z'.
inline std::uint64_t lower8(std::uint64_t w) noexcept {
  const std::uint64_t ge_a = (w + (0x80 - 'A') * kOnes) & kHigh;
  const std::uint64_t gt_z = (w + (0x80 - 'Z' - 1) * kOnes) & kHigh;
  return w | ((ge_a & ~gt_z) >> 2);
}

}  // namespace

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

void TermExtractor::extract(std::string_view text, Vocabulary& vocab, std::vector<Vocabulary::id_type>& out) {
  tokens_.clear();
  for (const Span& p : segmenter_.paragraphs(text))
    segmenter_.tokenize(text.substr(static_cast<std::size_t>(p.byte_start),
                                    static_cast<std::size_t>(p.byte_end - p.byte_start)),
                        tokens_, p.byte_start, p.cp_start);
  for (const Token& t : tokens_) out.push_back(intern_token(text, t.span, normalizer_, vocab, scratch_));
}

Vocabulary::id_type intern_token(std::string_view text, const Span& s, const Normalizer& normalizer,
                                 Vocabulary& vocab, std::string& scratch) {
  const std::string_view raw(text.data() + s.byte_start, static_cast<std::size_t>(s.byte_end - s.byte_start));
  // ASCII tokens (nearly all of them in news text) skip the ICU normaliser:
  // NFC/NFKC, accent stripping and quote unification are identities there,
  // and case folding is ASCII lowercasing, done here 8 bytes at a time
  // together with the vocabulary's hash.
  if (s.cp_end - s.cp_start == s.byte_end - s.byte_start) {
    if (!normalizer.options().casefold) return vocab.intern(raw);
    char buf[64];
    if (raw.size() > sizeof buf) {
      ascii_lower(raw, scratch);
      return vocab.intern(scratch);
    }
    std::uint64_t h = Vocabulary::hash_start(raw.size());
    std::size_t i = 0;
    for (; i + 8 <= raw.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, raw.data() + i, 8);
      w = lower8(w);
      std::memcpy(buf + i, &w, 8);
      h = Vocabulary::hash_mix(h, w);
    }
    if (i < raw.size()) {
      // Byte loop into a zeroed word: a variable-length memcpy is a libc call.
      char tail[8] = {};
      for (std::size_t k = i; k < raw.size(); ++k) tail[k - i] = raw[k];
      std::uint64_t w;
      std::memcpy(&w, tail, 8);
      w = lower8(w);  // zero padding stays zero
      std::memcpy(tail, &w, 8);
      for (std::size_t k = i; k < raw.size(); ++k) buf[k] = tail[k - i];
      h = Vocabulary::hash_mix(h, w);
    }
    return vocab.intern(std::string_view(buf, raw.size()), Vocabulary::hash_finish(h));
  }
  normalizer.apply(raw, scratch);
  return vocab.intern(scratch);
}

}  // namespace textgauge
